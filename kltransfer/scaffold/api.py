"""``new_blueprint``: the library call behind ``kltransfer new``.

It resolves the answers (answers file, ``--set`` values, an optional ``ask`` callback for
prompts), renders the kind's templates in the sandbox, checks the rendered blueprint with the
validator, and writes the files (or only lists them for a dry run).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kltransfer.errors import UsageError
from kltransfer.i18n import N_, _, decide_language
from kltransfer.scaffold.answers import ANSWERS_FILE, RUN_KEYS, Ask, in_scaffold_language, recorded, resolve
from kltransfer.scaffold.kinds import Kind, common_dir, get_kind
from kltransfer.scaffold.questions import LANGS, Question, essential_questions, in_language, slugify
from kltransfer.scaffold.render import TemplateRenderError, render

#: The CI set-ups ``--ci`` can write; ``github-sarif`` is ``github`` with code scanning instead of annotations.
CI_CHOICES = ("github", "github-sarif", "gitlab", "pre-commit")
#: What ``new`` writes without ``--ci``.
CI_DEFAULT = ("github", "gitlab", "pre-commit")
CI_FILES = {
    "github": (".github/workflows/kltransfer.yml", "github-workflow.yml.j2"),
    "github-sarif": (".github/workflows/kltransfer.yml", "github-workflow.yml.j2"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml.j2"),
    "pre-commit": (".pre-commit-config.yaml", "pre-commit-config.yaml.j2"),
}
#: The scaffold's configuration: ``strict: false`` until no TODO is left, and the scaffold's language.
CONFIG_FILE = ".kltransfer.yaml"
#: kltransfer's repository: the pre-commit hook's source (tagged ``v<version>``) and its documents.
REPOSITORY = "https://github.com/kltransfer/kltransfer"


def default_lang(environ: Mapping[str, str] | None = None, configured: str | None = None) -> str:
    """The language of a scaffold when none is given: the one rule of every command
    (:func:`kltransfer.i18n.decide_language`): the configuration's ``lang``, else the
    locale, else English."""
    return decide_language(None, configured, environ)


def folder_id(target: Path) -> str:
    """The id a blueprint gets from its folder's name (``Luftqualität KL`` → ``luftqualitaet-kl``)."""
    return slugify(target.resolve().name)


def questions_for(kind: Kind, target: Path | None = None) -> list[Question]:
    """The essential questions (with the kind's default fields of action and, given the folder,
    its name as the default id), then the kind's own."""
    defaults: dict[str, Any] = {"fields_of_action": list(kind.fields_of_action)}
    if target is not None:
        defaults["id"] = folder_id(target) or None
    essentials = [replace(q, default=defaults[q.key]) if q.key in defaults else q for q in essential_questions()]
    return essentials + list(kind.questions)


@dataclass
class NewOptions:
    target: Path
    kind: str = "generic"
    #: ``de`` or ``en``; ``None``: :func:`default_lang`.
    lang: str | None = None
    ci: Sequence[str] = CI_DEFAULT
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
    if not answers.get("id"):  # a folder name without letters or digits: the title, else a fixed id
        title = answers.get("title")
        answers["id"] = folder_id(target) or (slugify(in_language(title, lang)) if title else "") or "blueprint"


def render_files(
    kind: Kind,
    lang: str,
    answers: Mapping[str, Any],
    ci: Sequence[str],
    *,
    record: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Relative path → text of every file of the scaffold; ``record``: the answers to write
    into the answers file (default: ``answers``)."""
    placeholders = {q.key: q.placeholder(lang) for q in questions_for(kind)}
    values = {k: (placeholders[k] if v is None else v) for k, v in answers.items()}
    from kltransfer import __version__

    context = {
        "a": values,
        "kind": {"id": kind.id, "description": kind.describe(lang)},
        "ci": list(ci),
        "answers_file": ANSWERS_FILE,
        # the CI files install and name the version that wrote them
        "version": __version__,
        "hook_repository": REPOSITORY,
        "sarif": "github-sarif" in ci,
    }
    roots = [kind.folder, common_dir(kind.folder.parent)]
    from kltransfer.schema import CURRENT, schema_url

    context["schema_id"] = schema_url(CURRENT, lang)
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
    files[CONFIG_FILE] = render(roots, "kltransfer.yaml.j2", lang, context, fmt=CURRENT)
    files[ANSWERS_FILE] = recorded(answers if record is None else record, kind.id, lang)
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
            _(
                "the blueprint of kind '{kind}' would not be valid: line {line}: {code} {message}",
                kind=kind.id,
                line=first.line,
                code=first.code,
                message=first.message,
            ),
            hint=_(
                "check the values given with --set or --answers; if they are right, this is a defect of the templates"
            ),
        )


def new_blueprint(options: NewOptions, ask: Ask | None = None) -> NewResult:
    """Create a blueprint folder; see :class:`NewOptions`. ``ask`` prompts for missing answers."""
    from kltransfer.scaffold.writer import check_target, write_files

    lang = default_lang() if options.lang is None else options.lang
    if lang not in LANGS:
        raise UsageError(_("unknown language '{lang}'", lang=lang), hint=_("choose de or en"))
    unknown_ci = [c for c in options.ci if c not in CI_CHOICES]
    if unknown_ci:
        raise UsageError(
            _("unknown CI set-up '{name}'", name=unknown_ci[0]),
            hint=_("choose from: {choices}, none", choices=", ".join(CI_CHOICES)),
        )
    if "github" in options.ci and "github-sarif" in options.ci:
        raise UsageError(
            _("--ci github and --ci github-sarif write the same workflow; choose one"),
            hint=_("github shows findings as annotations on pull requests, github-sarif in code scanning"),
        )
    kind = get_kind(options.kind)
    given = {k: v for k, v in options.given.items() if k not in RUN_KEYS}
    answers = resolve(questions_for(kind, options.target), lang, given=given, sources=options.sources, ask=ask)
    _complete(answers, kind, options.target, lang)
    # an id that only repeats the folder's name is not recorded: a rerun elsewhere takes that folder's
    record = {k: v for k, v in answers.items() if not (k == "id" and v == folder_id(options.target))}
    files = render_files(kind, lang, answers, list(dict.fromkeys(options.ci)), record=record)
    check_target(options.target, files, force=options.force)
    if options.git and not options.dry_run:
        from kltransfer.scaffold.git_init import check_identity

        check_identity(options.target)
    result = NewResult(options.target, kind.id, lang, answers, files, [])
    if options.dry_run:
        return result
    result.written = write_files(options.target, files)
    if options.git:
        from kltransfer.scaffold.git_init import init_and_commit

        message = in_scaffold_language(lang, N_("Add blueprint scaffold ({kind})"), kind=kind.id)
        result.commit = init_and_commit(options.target, list(files), message)
    return result
