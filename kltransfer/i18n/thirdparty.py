"""The texts of click and typer that kltransfer shows, marked for kltransfer's message catalog.

Never imported at run time: this module exists for extraction only (``scripts/catalogs.py``).
click and typer translate these texts with the standard library's global ``gettext``;
:func:`kltransfer.i18n.global_domain` points that at kltransfer's catalog before they are
imported (typer's ``rich_utils`` translates its panel titles at import time).

Each message id is copied exactly from the installed sources (click 8.x, typer 0.24), with
its placeholders: ``{name!r}`` and ``{}`` are filled in by click and typer, not by kltransfer.
A new click or typer version may add or change a text; the test
``tests/i18n/test_thirdparty.py`` compares this list with the installed sources.
"""

from __future__ import annotations

from kltransfer.i18n import N_, _n

#: click: the help page and its sections (``click/core.py``, ``click/formatting.py``, ``click/decorators.py``)
HELP = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("deprecated"),
)

#: click: usage errors (``click/exceptions.py``, ``click/core.py``, ``click/parser.py``, ``click/types.py``)
ERRORS = (
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Invalid start character for option ({option})"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("Choose from:\n\t{choices}"),
    N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"),
    N_("Aborted!"),
)

#: typer: the rich help page (``typer/rich_utils.py``, ``typer/core.py``)
TYPER = (
    N_("Arguments"),
    N_("Error"),
    N_("Aborted."),
    N_("(deprecated) "),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("required"),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
)


def _plurals() -> None:  # pragma: no cover - never called; extraction reads the calls
    """click's texts with a singular and a plural form (``ngettext``)."""
    _n("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2)
    _n("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2)
    _n("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2)
    _n("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2)
    _n("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", 2)
