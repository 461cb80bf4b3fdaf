"""Two corrections of typer 0.24 on click 8.5, kept in one place until typer makes them itself."""

from __future__ import annotations

from typing import Any

import click
from typer.core import TyperArgument, TyperGroup

from kltransfer.i18n import _


class Group(TyperGroup):
    """Typer's group, with a mistyped command suggested once.

    click (8.4 and later) names the closest commands itself ("Did you mean 'validate'?",
    translated through the catalog); typer 0.24 appends a second, untranslated suggestion
    of its own. This keeps click's and adds one only where an older click gives none.
    """

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return click.Group.resolve_command(self, ctx, args)
        except click.UsageError as exc:
            if args and getattr(exc, "possibilities", None) is None:
                from difflib import get_close_matches

                matches = get_close_matches(args[0], list(self.commands))
                if matches:
                    exc.message = "{} {}".format(exc.message, _("did you mean '{name}'?", name=matches[0]))
            raise


def keep_argument_help() -> None:
    """Show the help of arguments: click 8.5 resets ``help`` after typer 0.24 set it on arguments."""
    original = TyperArgument.__init__
    if getattr(original, "keeps_help", False):
        return

    def init(self: TyperArgument, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        original(self, *args, help=help, **kwargs)
        self.help = help

    init.keeps_help = True  # type: ignore[attr-defined]
    TyperArgument.__init__ = init  # type: ignore[method-assign]
