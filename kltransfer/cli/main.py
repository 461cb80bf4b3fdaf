"""Entry point: run the Typer app and map every outcome to an exit code, in one place.

Exit codes: 0 ok; 1 findings, invalid blueprints or conflicts; 2 usage errors or input that
cannot be read; 3 an internal error (a bug: please report it). A Python traceback is shown
only when ``KLTRANSFER_DEBUG`` is set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> None:
    sys.exit(run(argv))


def run(argv: Sequence[str] | None = None) -> int:
    import click

    from kltransfer.cli.app import app
    from kltransfer.cli.console import console
    from kltransfer.errors import KltransferError

    try:
        result = app(args=list(argv) if argv is not None else None, prog_name="kltransfer", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:  # usage errors: unknown option, bad choice, ...
        exc.show(file=sys.stderr)
        return EXIT_USAGE
    except click.exceptions.Abort:
        console.error("aborted")
        return EXIT_USAGE
    except KltransferError as exc:
        console.error(exc.message, code=exc.code, hint=exc.hint)
        return exc.exit_code
    except UnicodeEncodeError as exc:
        if exc.reason != "surrogates not allowed":  # not a name from a non-UTF-8 file system: a bug
            return _internal(exc)
        text = exc.object if isinstance(exc.object, str) else ""
        stops = " \n\t\"'"
        left = max(text.rfind(c, 0, exc.start) for c in stops) + 1
        right = min([i for i in (text.find(c, exc.end) for c in stops) if i >= 0] or [len(text)])
        name = text[left:right].encode("utf-8", "backslashreplace").decode("utf-8")
        console.error(
            f"the name '{name}' is not UTF-8 text and cannot be written into the output",
            code="KT901",
            hint="rename it to UTF-8 (for example with 'convmv -f latin1 -t utf-8') and run again",
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # the environment, not a bug: a full disk, an I/O error, a vanished file
        where = f" {exc.filename}" if exc.filename else " the output"
        console.error(
            f"cannot read or write{where}: {exc.strerror or exc}",
            hint="check the free space and the permissions of the paths and of the output",
        )
        return EXIT_USAGE
    except Exception as exc:
        return _internal(exc)
    return int(result) if isinstance(result, int) else EXIT_OK


def _internal(exc: Exception) -> int:
    from kltransfer.cli.console import console

    if os.environ.get("KLTRANSFER_DEBUG"):
        raise exc
    console.error(
        f"internal error: {type(exc).__name__}: {exc}",
        hint="this is a bug in kltransfer; run again with KLTRANSFER_DEBUG=1 and report the traceback",
    )
    return EXIT_INTERNAL
