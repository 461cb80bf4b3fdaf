"""``new_blueprint``: the library call behind ``kltransfer new``.

It resolves the answers (answers file, ``--set`` values, an optional ``ask`` callback for
prompts), renders the kind's templates in the sandbox, checks the rendered blueprint with the
validator, and writes the files (or only lists them for a dry run).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kltransfer.errors import UsageError
from kltransfer.scaffold.answers import ANSWERS_FILE, RUN_KEYS, Ask, recorded, resolve
from kltransfer.scaffold.kinds import Kind, common_dir, get_kind
from kltransfer.scaffold.questions import LANGS, Question, essential_questions, in_language, slugify
from kltransfer.scaffold.render import TemplateRenderError, render

CI_CHOICES = ("github", "gitlab", "pre-commit")
CI_FILES = {
    "github": (".github/workflows/kltransfer.yml", "github-workflow.yml.j2"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml.j2"),
    "pre-commit": (".pre-commit-config.yaml", "pre-commit-config.yaml.j2"),
}


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """``de`` or ``en`` from the locale (LC_ALL, LC_MESSAGES, LANG), else ``de``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return value[:2].lower() if value[:2].lower() in LANGS else "de"
    return "de"


def questions_for(kind: Kind) -> list[Question]:
    """The essential questions (with the kind's default fields of action), then the kind's own."""
    essentials = [
        replace(q, default=list(kind.fields_of_action)) if q.key == "fields_of_action" else q
        for q in essential_questions()
    ]
    return essentials + list(kind.questions)


@dataclass
class NewOptions:
    target: Path
    kind: str = "generic"
    lang: str = "de"
    ci: Sequence[str] = CI_CHOICES
    given: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    force: bool = False
    dry_run: bool = False
    git: bool = False


@dataclass
class NewResult:
    target: Path
    kind: str
    lang: str
    answers: dict[str, Any]
    files: dict[str, str]
    written: list[Path]
    commit: str | None = None


def _complete(answers: dict[str, Any], kind: Kind, target: Path, lang: str) -> None:
    if not answers.get("fields_of_action"):
        answers["fields_of_action"] = list(kind.fields_of_action)
    if not answers.get("id"):
        title = answers.get("title")
        answers["id"] = slugify(in_language(title, lang)) if title else ""
        answers["id"] = answers["id"] or slugify(target.resolve().name) or "blueprint"


def render_files(kind: Kind, lang: str, answers: Mapping[str, Any], ci: Sequence[str]) -> dict[str, str]:
    """Relative path → text of every file of the scaffold."""
    placeholders = {q.key: q.placeholder(lang) for q in questions_for(kind)}
    values = {k: (placeholders[k] if v is None else v) for k, v in answers.items()}
    context = {
        "a": values,
        "kind": {"id": kind.id, "description": kind.describe(lang)},
        "ci": list(ci),
        "answers_file": ANSWERS_FILE,
    }
    roots = [kind.folder, common_dir(kind.folder.parent)]
    from kltransfer.schema import CURRENT, load_schema

    context["schema_id"] = load_schema(CURRENT)["$id"]
    from kltransfer.scaffold.comments import annotate, load_catalogue

    blueprint = render(roots, "blueprint.yaml.j2", lang, context, fmt=CURRENT)
    blueprint = annotate(blueprint, load_catalogue(common_dir(kind.folder.parent) / "comments.yaml", lang))
    files = {
        "blueprint.yaml": blueprint,
        "README.md": render(roots, "README.md.j2", lang, context, fmt=CURRENT),
    }
    for name in ci:
        path, template = CI_FILES[name]
        files[path] = render(roots, template, lang, context, fmt=CURRENT)
    files[ANSWERS_FILE] = recorded(answers, kind.id, lang)
    _self_check(files["blueprint.yaml"], kind)
    return files


def _self_check(text: str, kind: Kind) -> None:
    """The rendered blueprint must be valid apart from placeholders (else the templates are wrong)."""
    from kltransfer.findings import Severity
    from kltransfer.validation.validate import validate_text

    report = validate_text(text, "blueprint.yaml")
    errors = [f for f in report.findings if f.severity == Severity.ERROR]
    if errors:
        first = errors[0]
        raise TemplateRenderError(
            f"the blueprint of kind '{kind.id}' would not be valid: line {first.line}: {first.code} {first.message}",
            hint="check the values given with --set or --answers; if they are right, this is a defect of the templates",
        )


def new_blueprint(options: NewOptions, ask: Ask | None = None) -> NewResult:
    """Create a blueprint folder; see :class:`NewOptions`. ``ask`` prompts for missing answers."""
    from kltransfer.scaffold.writer import check_target, write_files

    if options.lang not in LANGS:
        raise UsageError(f"unknown language '{options.lang}'", hint="choose de or en")
    unknown_ci = [c for c in options.ci if c not in CI_CHOICES]
    if unknown_ci:
        raise UsageError(f"unknown CI set-up '{unknown_ci[0]}'", hint=f"choose from: {', '.join(CI_CHOICES)}, none")
    kind = get_kind(options.kind)
    given = {k: v for k, v in options.given.items() if k not in RUN_KEYS}
    answers = resolve(questions_for(kind), options.lang, given=given, sources=options.sources, ask=ask)
    _complete(answers, kind, options.target, options.lang)
    files = render_files(kind, options.lang, answers, list(dict.fromkeys(options.ci)))
    check_target(options.target, files, force=options.force)
    if options.git and not options.dry_run:
        from kltransfer.scaffold.git_init import check_identity

        check_identity(options.target)
    result = NewResult(options.target, kind.id, options.lang, answers, files, [])
    if options.dry_run:
        return result
    result.written = write_files(options.target, files)
    if options.git:
        from kltransfer.scaffold.git_init import init_and_commit

        message = (
            f"Add blueprint scaffold ({kind.id})" if options.lang == "en" else f"Blueprint-Gerüst anlegen ({kind.id})"
        )
        result.commit = init_and_commit(options.target, list(files), message)
    return result
