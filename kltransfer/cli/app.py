"""The Typer application: every command is registered here, each defined in its own module.

Command modules import only Typer at module level; the core is imported inside each command,
so that ``kltransfer validate`` does not pay for Jinja2 or the export. Help texts are passed
as ``help=_(...)`` and translated when the modules are imported, which is why
:mod:`kltransfer.cli.main` decides the language before importing this module.
"""

from __future__ import annotations

import typer

from kltransfer import __version__
from kltransfer.cli import (
    adopt_cmd,
    catalog_cmd,
    check_cmd,
    diff_cmd,
    export_cmd,
    fix_cmd,
    import_cmd,
    list_cmd,
    migrate_cmd,
    new_cmd,
    schema_cmd,
    status_cmd,
    update_cmd,
    validate_cmd,
)
from kltransfer.cli.compat import Group, keep_argument_help
from kltransfer.i18n import _

keep_argument_help()

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
fix_cmd.register(app)
schema_cmd.register(app)
check_cmd.register(app)
migrate_cmd.register(app)
export_cmd.register(app)
import_cmd.register(app)
adopt_cmd.register(app)
status_cmd.register(app)
update_cmd.register(app)
diff_cmd.register(app)
list_cmd.register(app)
catalog_cmd.register(app)
