"""``kltransfer new``: scaffold a blueprint folder, asking on a terminal, never elsewhere.

The command turns options into :class:`kltransfer.scaffold.api.NewOptions` and hands them to
the core; the only thing it adds is the prompting (rich), passed in as a callback. The
language of the scaffold and of the questions is one: ``--lang``, else the ``lang`` of an
answers file, else the one rule of every command (configuration, locale, English).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kltransfer.i18n import _, _n

if TYPE_CHECKING:
    from rich.console import Console

    from kltransfer.scaffold.questions import Question

#: Exit code after Ctrl-C at a question (128 + SIGINT, as shells report it).
EXIT_CANCELLED = 130


class Cancelled(Exception):
    """Ctrl-C at a question: nothing has been written yet."""


def register(app: typer.Typer) -> None:
    app.command(
        "new",
        help=_(
            "Create a blueprint folder: blueprint.yaml with comments and TODO placeholders, a README and CI set-up."
            "\n\n"
            "On a terminal the essentials are asked (title, id, summary, city, federal state, fields of action, "
            "phase, contact, licence, and the questions of the kind); with --no-input, --set or --answers, or "
            "when stdin is not a terminal, nothing is asked. Ctrl-C at a question stops without writing anything "
            "(exit code 130)."
            "\n\n"
            "Exit code 0 on success, 2 for wrong options or answers, a non-empty folder without --force, or a "
            "missing git identity with --git."
        ),
    )(new)


def new(
    directory: str | None = typer.Argument(
        None,
        metavar="[DIR]",
        help=_("Folder to create the blueprint in; its name is the default id."),
        show_default=False,
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        "-k",
        metavar="KIND",
        help=_("Kind of project (see --list-kinds). Default: asked on a terminal, else generic."),
        show_default=False,
    ),
    list_kinds: bool = typer.Option(False, "--list-kinds", help=_("List the kinds of project and exit.")),
    lang: str | None = typer.Option(
        None,
        "--lang",
        metavar="de|en",
        help=_(
            "Language of the scaffold (comments, placeholders, README) and of the questions. "
            "Default: the answers file's lang, else the configuration's lang, else the locale, else English."
        ),
        show_default=False,
    ),
    ci: list[str] = typer.Option(
        None,
        "--ci",
        metavar="CI",
        help=_(
            "CI set-up to write: github, github-sarif (GitHub with code scanning instead of annotations), gitlab, "
            "pre-commit or none; repeat for several. Default: github, gitlab and pre-commit."
        ),
        show_default=False,
    ),
    set_values: list[str] = typer.Option(
        None,
        "--set",
        metavar="KEY=VALUE",
        help=_("An answer, e.g. --set city.name=Kaiserslautern (repeatable)."),
        show_default=False,
    ),
    answers: Path | None = typer.Option(
        None,
        "--answers",
        metavar="FILE",
        help=_("YAML file of answers, e.g. the .kltransfer-answers.yaml of a previous run."),
        show_default=False,
    ),
    no_input: bool = typer.Option(False, "--no-input", help=_("Never ask; unanswered values become TODO.")),
    force: bool = typer.Option(False, "--force", help=_("Write into a non-empty folder and overwrite files.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=_("List the files that would be written; write nothing.")),
    git: bool = typer.Option(False, "--git", help=_("Make the folder a git repository with a first commit.")),
) -> None:
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.i18n import LANGUAGES, get_language, set_language
    from kltransfer.scaffold.answers import load_answers_file, parse_set_options
    from kltransfer.scaffold.api import CI_CHOICES, CI_DEFAULT, NewOptions, new_blueprint
    from kltransfer.scaffold.kinds import get_kind, load_kinds

    if lang is not None and lang not in LANGUAGES:
        raise UsageError(_("unknown language '{lang}'", lang=lang), hint=_("choose --lang de or --lang en"))
    if list_kinds:
        for kind_obj in load_kinds().values():
            sys.stdout.write(f"{kind_obj.id}  {kind_obj.describe(lang or get_language())}\n")
        raise typer.Exit(0)
    if directory is None:
        raise UsageError(
            _("missing the folder to create"), hint=_("for example: kltransfer new my-blueprint --kind generic")
        )
    if not directory.strip():  # '' would mean the current folder
        raise UsageError(
            _("the folder name is empty"), hint=_("give a folder name; an unset shell variable expands to nothing")
        )
    folder = Path(directory)

    given: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if answers is not None:
        from_file = load_answers_file(answers)
        given.update(from_file)
        sources.update(dict.fromkeys(from_file, _("answers file {path}", path=answers)))
    from_set = parse_set_options(set_values or [])
    given.update(from_set)
    sources.update(dict.fromkeys(from_set, "--set"))

    file_lang = given.get("lang")
    if lang is None and file_lang is not None and file_lang not in LANGUAGES:
        raise UsageError(
            _("unknown language '{lang}' in the answers file", lang=file_lang), hint=_("write lang: de or lang: en")
        )
    chosen_lang = set_language(lang or file_lang or get_language())  # the questions speak the scaffold's language
    interactive = not no_input and sys.stdin.isatty() and sys.stdout.isatty()
    ci_list = _ci_choices(ci or [], CI_CHOICES, CI_DEFAULT)
    chosen_kind = kind or given.get("kind")
    try:
        if chosen_kind is not None:
            get_kind(str(chosen_kind))
        elif interactive:
            chosen_kind = _ask_kind(_prompt_console(), chosen_lang)
        else:
            chosen_kind = "generic"
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
        result = new_blueprint(options, ask=_Asker(_prompt_console(), chosen_lang) if interactive else None)
    except Cancelled:
        sys.stderr.write("\n")
        console.info(_("Cancelled; nothing was written."))
        raise typer.Exit(EXIT_CANCELLED) from None
    except EOFError as exc:
        raise UsageError(
            _("input ended before all questions were answered; nothing was written"),
            hint=_("answer the questions, or use --no-input with --set or --answers"),
        ) from exc

    if dry_run:
        for rel in result.files:
            sys.stdout.write(f"{folder / rel}\n")
        console.info(
            _n(
                "dry run: {n} file would be written to {folder}; nothing was written",
                "dry run: {n} files would be written to {folder}; nothing was written",
                len(result.files),
                folder=folder,
            )
        )
        raise typer.Exit(0)
    import shlex

    console.info(
        _n(
            "created {folder} ({kind}, {lang}): {n} file",
            "created {folder} ({kind}, {lang}): {n} files",
            len(result.written),
            folder=folder,
            kind=result.kind,
            lang=result.lang,
        )
    )
    if result.commit:
        console.info(_("committed as {commit}", commit=result.commit[:12]))
    console.info(
        _(
            "next: fill in the TODO values in {file}, then run: kltransfer validate --strict {folder}",
            file=folder / "blueprint.yaml",
            folder=shlex.quote(str(folder)),
        )
    )


def _ci_choices(values: list[str], known: tuple[str, ...], default: tuple[str, ...]) -> list[str]:
    from kltransfer.errors import UsageError
    from kltransfer.validation.suggest import closest

    if not values:
        return list(default)
    for value in values:
        if value not in (*known, "none"):
            guess = closest(value, (*known, "none"))
            raise UsageError(
                _("unknown --ci value '{value}'", value=value),
                hint=_("did you mean '{name}'?", name=guess)
                if guess
                else _("choose from: {choices}, none", choices=", ".join(known)),
            )
    if "none" in values:
        if len(set(values)) > 1:
            raise UsageError(_("--ci none cannot be combined with other --ci values"))
        return []
    return list(dict.fromkeys(values))


def _prompt_console() -> Console:
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


def _ask(console: Console, label: Any, default: str) -> str:
    """One answer typed at the terminal; Ctrl-C becomes :class:`Cancelled`."""
    from rich.prompt import Prompt

    try:
        return Prompt.ask(label, console=console, default=default, show_default=bool(default))
    except KeyboardInterrupt:
        raise Cancelled from None


def _ask_kind(console: Console, lang: str) -> str:
    from rich.text import Text

    from kltransfer.scaffold.kinds import load_kinds

    kinds = list(load_kinds().values())
    console.print(Text(_("Kind of project:"), style="bold"))
    for number, kind_obj in enumerate(kinds, 1):
        console.print(Text(f"  {number}. {kind_obj.id}  {kind_obj.describe(lang)}"))
    ids = [k.id for k in kinds]
    while True:
        raw = _ask(console, Text(_("Kind")), "generic").strip()
        if raw in ids:
            return raw
        if raw.isdigit() and 1 <= int(raw) <= len(ids):
            return ids[int(raw) - 1]
        console.print(Text("  " + _("'{value}' is not a known kind", value=raw), style="red"))


class _Asker:
    """The prompt callback: asks one question, checks the answer, asks again until it fits."""

    def __init__(self, console: Console, lang: str) -> None:
        self.console = console
        self.lang = lang

    def __call__(self, question: Question, default: Any) -> Any:
        from rich.text import Text

        from kltransfer.scaffold.questions import AnswerError

        label = Text(question.text(self.lang), style="bold")
        shown_default = self._default_text(question, default)
        if question.type in ("choice", "multi"):
            if question.vocabulary is not None or len(question.choices) > 6 or question.type == "multi":
                for number, choice in enumerate(question.choices, 1):
                    self.console.print(Text(f"  {number:>2}. {question.label(choice, self.lang)}"))
            else:
                label.append(f" [{'/'.join(question.choices)}]", style="magenta")
        elif question.type == "bool":
            label.append(" " + _("[yes/no]"), style="magenta")
        elif question.type == "licence":
            self.console.print(
                Text(
                    _(
                        "SPDX is the common short form for licences: CC-BY-4.0 lets others reuse the text "
                        "if they name you, EUPL-1.2 is the EU's licence for software."
                    ),
                    style="dim",
                )
            )
        if default is None and question.type in ("text", "email", "slug"):
            label.append(" " + _("(leave empty: fill in later)"), style="dim")
        while True:
            raw = _ask(self.console, label, shown_default)
            try:
                return question.parse(raw)
            except AnswerError as exc:
                self.console.print(Text(f"  {exc}", style="red"))

    def _default_text(self, question: Question, default: Any) -> str:
        if default is None:
            return ""
        if isinstance(default, bool):
            return _("yes") if default else _("no")
        if isinstance(default, list | tuple):
            return ",".join(str(d) for d in default)
        return str(default)
