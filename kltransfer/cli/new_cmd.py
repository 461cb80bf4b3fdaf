"""``kltransfer new``: scaffold a blueprint folder, asking on a terminal, never elsewhere.

The command turns options into :class:`kltransfer.scaffold.api.NewOptions` and hands them to
the core; the only thing it adds is the prompting (rich), passed in as a callback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from kltransfer.scaffold.questions import Question

_CI_HELP = "CI set-up to write: github, gitlab, pre-commit or none; repeat for several (default: all three)."


def register(app: typer.Typer) -> None:
    app.command("new")(new)


def new(
    directory: str | None = typer.Argument(
        None, metavar="[DIR]", help="Folder to create the blueprint in.", show_default=False
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        "-k",
        help="Kind of project (see --list-kinds). Default: asked on a terminal, else generic.",
        show_default=False,
    ),
    list_kinds: bool = typer.Option(False, "--list-kinds", help="List the kinds of project and exit."),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help="Language of comments and placeholders: de or en (default: from the locale, else de).",
        show_default=False,
    ),
    ci: list[str] = typer.Option(None, "--ci", help=_CI_HELP, show_default=False),
    set_values: list[str] = typer.Option(
        None,
        "--set",
        metavar="KEY=VALUE",
        help="An answer, e.g. --set city.name=Kaiserslautern (repeatable).",
        show_default=False,
    ),
    answers: Path | None = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help="YAML file of answers, e.g. the .kltransfer-answers.yaml of a previous run.",
        show_default=False,
    ),
    no_input: bool = typer.Option(False, "--no-input", help="Never prompt; unanswered values become TODO."),
    force: bool = typer.Option(False, "--force", help="Write into a non-empty folder and overwrite files."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List the files that would be written; write nothing."),
    git: bool = typer.Option(False, "--git", help="Make the folder a git repository with a first commit."),
) -> None:
    """Create a blueprint folder: blueprint.yaml with comments and TODO placeholders, a README and CI set-up.

    On a terminal the essentials are asked; with --no-input, --set or --answers, or when
    stdin is not a terminal, nothing is asked. Exit code 0 on success, 2 for wrong options
    or answers, a non-empty folder without --force, or a missing git identity with --git.
    """
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.scaffold.answers import load_answers_file, parse_set_options
    from kltransfer.scaffold.api import CI_CHOICES, NewOptions, default_lang, new_blueprint
    from kltransfer.scaffold.kinds import get_kind, load_kinds

    if lang is not None and lang not in ("de", "en"):
        raise UsageError(f"unknown language '{lang}'", hint="choose --lang de or --lang en")
    if list_kinds:
        for kind_obj in load_kinds().values():
            sys.stdout.write(f"{kind_obj.id}  {kind_obj.describe(lang or default_lang())}\n")
        raise typer.Exit(0)
    if directory is None:
        raise UsageError("missing the folder to create", hint="for example: kltransfer new my-blueprint --kind generic")
    if not directory.strip():  # '' would mean the current folder
        raise UsageError(
            "the folder name is empty", hint="give a folder name; an unset shell variable expands to nothing"
        )
    folder = Path(directory)

    given: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if answers is not None:
        from_file = load_answers_file(answers)
        given.update(from_file)
        sources.update(dict.fromkeys(from_file, f"answers file {answers}"))
    from_set = parse_set_options(set_values or [])
    given.update(from_set)
    sources.update(dict.fromkeys(from_set, "--set"))

    file_lang = given.get("lang")
    if lang is None and file_lang is not None and file_lang not in ("de", "en"):
        raise UsageError(f"unknown language '{file_lang}' in the answers file", hint="write lang: de or lang: en")
    chosen_lang = lang or file_lang or default_lang()
    interactive = not no_input and sys.stdin.isatty() and sys.stdout.isatty()
    chosen_kind = kind or given.get("kind")
    if chosen_kind is not None:
        get_kind(str(chosen_kind))
    elif interactive:
        chosen_kind = _ask_kind(_prompt_console(), chosen_lang)
    else:
        chosen_kind = "generic"

    ci_list = _ci_choices(ci or [], CI_CHOICES)
    options = NewOptions(
        target=folder,
        kind=str(chosen_kind),
        lang=chosen_lang,
        ci=ci_list,
        given=given,
        sources=sources,
        force=force,
        dry_run=dry_run,
        git=git,
    )
    ask = _Asker(_prompt_console(), chosen_lang) if interactive else None
    try:
        result = new_blueprint(options, ask=ask)
    except EOFError as exc:
        raise UsageError(
            "input ended before all questions were answered; nothing was written",
            hint="answer the questions, or use --no-input with --set or --answers",
        ) from exc

    if dry_run:
        for rel in result.files:
            sys.stdout.write(f"{folder / rel}\n")
        console.info(f"dry run: {len(result.files)} files would be written to {folder}; nothing was written")
        raise typer.Exit(0)
    import shlex

    console.info(f"created {folder} ({result.kind}, {result.lang}): {len(result.written)} files")
    if result.commit:
        console.info(f"committed as {result.commit[:12]}")
    console.info(
        f"next: fill in the TODO values in {folder / 'blueprint.yaml'}, "
        f"then run: kltransfer validate --strict {shlex.quote(str(folder))}"
    )


def _ci_choices(values: list[str], known: tuple[str, ...]) -> list[str]:
    from kltransfer.errors import UsageError
    from kltransfer.validation.suggest import did_you_mean

    if not values:
        return list(known)
    for value in values:
        if value not in (*known, "none"):
            hint = did_you_mean(value, (*known, "none")) or f"choose from: {', '.join(known)}, none"
            raise UsageError(f"unknown --ci value '{value}'", hint=hint)
    if "none" in values:
        if len(set(values)) > 1:
            raise UsageError("--ci none cannot be combined with other --ci values")
        return []
    return list(dict.fromkeys(values))


def _prompt_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


def _ask_kind(console: Console, lang: str) -> str:
    from rich.prompt import Prompt
    from rich.text import Text

    from kltransfer.scaffold.kinds import load_kinds

    kinds = list(load_kinds().values())
    console.print(Text("Art des Projekts:" if lang == "de" else "Kind of project:", style="bold"))
    for number, kind_obj in enumerate(kinds, 1):
        console.print(Text(f"  {number}. {kind_obj.id}  {kind_obj.describe(lang)}"))
    ids = [k.id for k in kinds]
    while True:
        raw = Prompt.ask(Text("Art" if lang == "de" else "Kind"), console=console, default="generic")
        raw = raw.strip()
        if raw in ids:
            return raw
        if raw.isdigit() and 1 <= int(raw) <= len(ids):
            return ids[int(raw) - 1]
        console.print(
            Text(f"  '{raw}' ist keine bekannte Art" if lang == "de" else f"  '{raw}' is not a known kind", style="red")
        )


class _Asker:
    """The prompt callback: asks one question, checks the answer, asks again until it fits."""

    def __init__(self, console: Console, lang: str) -> None:
        self.console = console
        self.lang = lang

    def __call__(self, question: Question, default: Any) -> Any:
        from rich.prompt import Prompt
        from rich.text import Text

        from kltransfer.scaffold.questions import AnswerError

        label = Text(question.text(self.lang), style="bold")
        shown_default = self._default_text(question, default)
        if question.type in ("choice", "multi"):
            if len(question.choices) > 6 or question.type == "multi":
                for number, choice in enumerate(question.choices, 1):
                    self.console.print(Text(f"  {number:>2}. {choice}"))
            else:
                label.append(f" [{'/'.join(question.choices)}]", style="magenta")
        elif question.type == "bool":
            label.append(" [ja/nein]" if self.lang == "de" else " [yes/no]", style="magenta")
        elif question.type == "text" and default is None:
            label.append(
                " (leer lassen: später ausfüllen)" if self.lang == "de" else " (leave empty: fill in later)",
                style="dim",
            )
        while True:
            raw = Prompt.ask(label, console=self.console, default=shown_default, show_default=bool(shown_default))
            try:
                value = question.parse(raw)
            except AnswerError as exc:
                self.console.print(Text(f"  {exc}", style="red"))
                continue
            return value

    def _default_text(self, question: Question, default: Any) -> str:
        if default is None:
            return ""
        if isinstance(default, bool):
            yes, no = ("ja", "nein") if self.lang == "de" else ("yes", "no")
            return yes if default else no
        if isinstance(default, list | tuple):
            return ",".join(str(d) for d in default)
        return str(default)
