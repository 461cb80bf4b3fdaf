"""``kltransfer list``: one row per blueprint, with filters and full-text search."""

from __future__ import annotations

import sys

import typer

from kltransfer.i18n import N_, _, _n

FORMATS = ("table", "json", "csv")
#: The headers of the table (the columns of json and csv keep the field names).
_HEADERS = (
    N_("ID"),
    N_("Title"),
    N_("City"),
    N_("State"),
    N_("Fields of action"),
    N_("Phase"),
    N_("Licence"),
    N_("Investment"),
    N_("Per year"),
)


def register(app: typer.Typer) -> None:
    app.command(
        "list",
        help=_(
            "List blueprints: id, title, city, state, fields of action, phase, licence and costs."
            "\n\n"
            "Invalid blueprints are left out and reported on stderr with their findings (exit 1)."
        ),
    )(list_blueprints)


def list_blueprints(
    paths: list[str] = typer.Argument(
        None, metavar="[PATHS]...", help=_("Files, folders or glob patterns. Default: the current folder.")
    ),
    where: list[str] = typer.Option(
        [],
        "--where",
        "-w",
        metavar="FIELD=VALUE",
        help=_(
            "Keep blueprints whose FIELD matches (repeatable; all must match). FIELD is a key path such as "
            "city.state, phase, fields_of_action, components.licence, transfer.adopters.city.name, or city_size, "
            "open_source, investment, cities, several_cities, owner_type, adopters (how many), has_adopters. "
            "Operators: = != ~ (contains) < <= > >=."
        ),
    ),
    search: str = typer.Option(
        "",
        "--search",
        "-s",
        metavar="TEXT",
        help=_("Keep blueprints whose titles, summaries or descriptions (any language) contain every word of TEXT."),
    ),
    output_format: str = typer.Option("table", "--format", "-f", help=_("table, json or csv.")),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help=_("Language of the messages, titles and summaries: de or en (default: from the locale)."),
    ),
) -> None:
    """``kltransfer list`` (its help is given where it is registered)."""
    from kltransfer.catalog.listing import list_blueprints as collect
    from kltransfer.cli.console import console
    from kltransfer.errors import UsageError
    from kltransfer.findings import any_unreadable
    from kltransfer.i18n import get_language
    from kltransfer.reporters.text import format_finding

    if output_format not in FORMATS:
        raise UsageError(
            _("unknown format '{format}'", format=output_format),
            hint=_("choose one of: {choices}", choices=", ".join(FORMATS)),
        )
    if lang is not None and lang not in ("de", "en"):
        raise UsageError(_("unknown language '{lang}'", lang=lang), hint=_("choose --lang de or --lang en"))
    listing = collect(paths or [], where=where, search=search or None, lang=lang or get_language())
    for report in listing.invalid:
        console.warn(_("{path} is invalid and left out:", path=report.path))
        for finding in report.findings:
            console.info("  " + format_finding(finding))
    if output_format == "json":
        _json(listing.entries)
    elif output_format == "csv":
        _csv(listing.entries)
    else:
        _table(listing.entries)
    raise typer.Exit(2 if any_unreadable(listing.invalid) else 1 if listing.invalid else 0)


def _money(value: float | int | None, currency: str) -> str:
    """An amount in whole units, written for the language of the messages (``540.000 €``, ``€540,000``)."""
    from kltransfer.i18n.numbers import format_money

    return "" if value is None else format_money(value, currency, decimals=0)


def _json(entries: list) -> None:
    from kltransfer.jsonout import dump

    dump([e.to_dict() for e in entries], sys.stdout)
    sys.stdout.write("\n")


_COLUMNS = (
    "id",
    "title",
    "city",
    "state",
    "fields_of_action",
    "phase",
    "licence",
    "investment",
    "operation_per_year",
    "currency",
    "city_size",
    "open_source",
    "kind",
    "status",
    "version",
    "path",
    "cities",
    "several_cities",
    "owner_type",
    "adopters",
    "has_adopters",
)


def _cell(value: object) -> object:
    """A CSV cell: numbers as they are; texts printable and never a spreadsheet formula (see
    :func:`kltransfer.terminal.spreadsheet_cell`)."""
    from kltransfer.terminal import spreadsheet_cell

    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, bool | int | float):
        return value
    return spreadsheet_cell(str(value))


def _csv(entries: list) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for entry in entries:
        row = entry.to_dict()
        writer.writerow([_cell(row[c]) for c in _COLUMNS])


def _table(entries: list) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kltransfer.cli.console import wants_color
    from kltransfer.terminal import printable

    table = Table(show_lines=False, header_style="bold")
    for name in _HEADERS:
        table.add_column(_(name), overflow="fold")
    for e in entries:
        cells = (
            e.id,
            e.title,
            e.city,
            e.state,
            ", ".join(e.fields_of_action),
            e.phase,
            e.licence,
            _money(e.investment, e.currency),
            _money(e.operation_per_year, e.currency),
        )
        # Text, not a string: rich would read "[link=…]" in a title as markup
        table.add_row(*(Text(printable("" if c is None else str(c))) for c in cells))
    out = Console(
        file=sys.stdout,
        no_color=not wants_color(sys.stdout),
        highlight=False,
        width=None if sys.stdout.isatty() else 200,
    )
    out.print(table)
    out.print(_n("{n} blueprint", "{n} blueprints", len(entries)), style="dim")
