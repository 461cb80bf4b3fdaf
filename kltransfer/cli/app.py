"""The Typer application: every command is registered here, each defined in its own module.

Command modules import only Typer at module level; the core is imported inside each command,
so that ``kltransfer validate`` does not pay for Jinja2 or GitPython. Help texts are passed
as ``help=_(...)`` and translated when the modules are imported, which is why
:mod:`kltransfer.cli.main` decides the language before importing this module.
"""

from __future__ import annotations

from typing import Any

import click
import typer
from typer.core import TyperArgument, TyperGroup

from kltransfer import __version__
from kltransfer.cli import (
    adopt_cmd,
    catalog_cmd,
    check_cmd,
    diff_cmd,
    export_cmd,
    list_cmd,
    migrate_cmd,
    new_cmd,
    schema_cmd,
    status_cmd,
    update_cmd,
    validate_cmd,
)
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


def _keep_argument_help() -> None:
    """Show the help of arguments: click 8.3+ resets ``help`` after typer 0.24 set it on arguments."""
    original = TyperArgument.__init__
    if getattr(original, "keeps_help", False):
        return

    def init(self: TyperArgument, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        original(self, *args, help=help, **kwargs)
        self.help = help

    init.keeps_help = True  # type: ignore[attr-defined]
    TyperArgument.__init__ = init  # type: ignore[method-assign]


_keep_argument_help()

app = typer.Typer(
    name="kltransfer",
    cls=Group,
    help=_(
        "Describe a municipal digitalisation project once, as a blueprint, and replicate it in other cities: "
        "scaffold, validate, export, adopt."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(_("kltransfer {version}", version=__version__))
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=_("Print the version and exit.")
    ),
) -> None:
    pass


# the order of --help: from writing a blueprint to finding many
new_cmd.register(app)
validate_cmd.register(app)
schema_cmd.register(app)
check_cmd.register(app)
migrate_cmd.register(app)
export_cmd.register(app)
adopt_cmd.register(app)
status_cmd.register(app)
update_cmd.register(app)
diff_cmd.register(app)
list_cmd.register(app)
catalog_cmd.register(app)
