"""Entry point: run the Typer app and map every outcome to an exit code, in one place.

Exit codes: 0 ok; 1 findings, invalid blueprints or conflicts; 2 usage errors or input that
cannot be read; 3 an internal error (a bug: please report it). A Python traceback is shown
only when ``KLTRANSFER_DEBUG`` is set.

The language of every message is decided first (:func:`choose_language`), before click and
typer are imported: some of their texts, and the help of kltransfer's own options, are
translated when their modules are imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from kltransfer.i18n import _

TYPE_CHECKING = False  # typing is not imported at run time (docs/performance.md)
if TYPE_CHECKING:
    from typing import Any

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: set by a run that took the fast way of ``validate`` (:func:`_run_fast`)
_validated_fast = False


def main(argv: Sequence[str] | None = None) -> None:
    code = run(argv)
    if _validated_fast:
        _exit_without_teardown(code)
    sys.exit(code)


def _exit_without_teardown(code: int) -> None:
    """End the process once its output is written, without tearing the interpreter down.

    Freeing every module and object one by one at exit takes about a tenth of a one-file
    ``validate`` (see docs/performance.md), and nothing of it is needed there: the output is
    flushed here, worker processes (``--jobs``) have ended. Where anything still waits for the
    end (an exit handler, a thread, a flush that fails), the process ends the normal way.
    """
    import atexit

    registered = getattr(atexit, "_ncallbacks", None)  # CPython's count of exit handlers
    threading = sys.modules.get("threading")
    if registered is None or registered() or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe, a full disk: the normal exit reports it as before
        sys.exit(code)
    os._exit(code)


def _option_value(args: Sequence[str], name: str) -> str | None:
    """The value of ``--name VALUE`` or ``--name=VALUE`` in ``args`` (the last one wins), before ``--``."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith(name + "="):
            found = arg[len(name) + 1 :]
    return found


def choose_language(args: Sequence[str]) -> str:
    """The language of this run: ``--lang``, else the configuration's ``lang``, else the locale, else English.

    A configuration that cannot be read is left for the command to report; here it only
    does not count.
    """
    from kltransfer.i18n import decide_language, normalise

    option = _option_value(args, "--lang") or _option_value(args, "-l")  # -l: export's short form
    configured = None
    if normalise(option) is None:  # no --lang, or one kltransfer does not speak: the configuration decides
        from kltransfer.config import load_config
        from kltransfer.errors import KltransferError

        try:
            configured = load_config(_option_value(args, "--config")).lang
        except (KltransferError, OSError, ValueError):
            configured = None
    return decide_language(option, configured)


def _escape_what_cannot_be_written() -> None:
    """A stdout or stderr that cannot write every character writes the others as escapes
    (``M\\xfcnchen``) instead of stopping with an error; JSON is written as ASCII there (see
    :mod:`kltransfer.jsonout`)."""
    from kltransfer.terminal import writes_everything

    for stream in (sys.stdout, sys.stderr):
        if not writes_everything(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


class _ClosedOutput:
    """Stands in for a stdout that was closed (``kltransfer validate >&-``: Python's ``sys.stdout`` is
    ``None``): writing to it fails as writing to a closed descriptor does (EBADF), which ends the
    command with "cannot read or write the output" (exit 2), like a full disk; a command that prints
    nothing to stdout (export) is not stopped by it."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        import io

        raise io.UnsupportedOperation("fileno")


def _stand_in_for_closed_streams() -> None:
    """A closed stdout becomes :class:`_ClosedOutput`; a closed stderr a sink (nothing can say more)."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()  # type: ignore[assignment]
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run


def run(argv: Sequence[str] | None = None) -> int:
    from kltransfer.i18n import global_domain, set_language

    _stand_in_for_closed_streams()
    _escape_what_cannot_be_written()
    args = list(argv) if argv is not None else sys.argv[1:]
    with global_domain(set_language(choose_language(args))):
        return _run(args)


def _run(args: list[str]) -> int:
    from kltransfer.cli.console import console
    from kltransfer.cli.validate_run import fast_options
    from kltransfer.errors import KltransferError

    options = fast_options(args)
    try:
        return _run_typer(args) if options is None else _run_fast(options)
    except KltransferError as exc:
        console.error(exc.message, code=exc.code, hint=exc.hint)
        return exc.exit_code
    except UnicodeEncodeError as exc:
        if exc.reason != "surrogates not allowed":  # not a name from a non-UTF-8 file system: a bug
            return _internal(exc)
        text = exc.object if isinstance(exc.object, str) else ""
        stops = " \n\t\"'\0"  # \0 separates the fields of some report formats
        left = max(text.rfind(c, 0, exc.start) for c in stops) + 1
        right = min([i for i in (text.find(c, exc.end) for c in stops) if i >= 0] or [len(text)])
        name = text[left:right].encode("utf-8", "backslashreplace").decode("utf-8")
        console.error(
            _("the name '{name}' is not UTF-8 text and cannot be written into the output", name=name),
            code="KT901",
            hint=_("rename it to UTF-8 (for example with 'convmv -f latin1 -t utf-8') and run again"),
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        console.error(_("interrupted"))
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # the environment, not a bug: a full disk, an I/O error, a vanished file
        from kltransfer.i18n.reasons import os_reason

        reason = os_reason(exc)
        console.error(
            _("cannot read or write {path}: {reason}", path=exc.filename, reason=reason)
            if exc.filename
            else _("cannot read or write the output: {reason}", reason=reason),
            hint=_("check the free space and the permissions of the paths and of the output"),
        )
        return EXIT_USAGE
    except Exception as exc:
        return _internal(exc)


def _run_typer(args: list[str]) -> int:
    """Any command, through typer: click's own exceptions become exit codes here."""
    import click

    from kltransfer.cli.app import app
    from kltransfer.cli.console import console

    try:
        result = app(args=args, prog_name="kltransfer", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:  # usage errors: unknown option, bad choice, ...
        _show_usage_error(exc)
        return EXIT_USAGE
    except click.exceptions.Abort:
        console.error(_("aborted"))
        return EXIT_USAGE
    return int(result) if isinstance(result, int) else EXIT_OK


def _run_fast(options: dict[str, Any]) -> int:
    """``validate`` with options :func:`~kltransfer.cli.validate_run.fast_options` read, without typer;
    what typer's main loop does with an interruption, an end of input and a closed pipe is done alike."""
    import errno

    from kltransfer.cli.validate_run import run_validate

    global _validated_fast
    _validated_fast = True
    try:
        return run_validate(**options)
    except EOFError:
        from kltransfer.cli.console import console

        sys.stderr.write("\n")
        console.error(_("aborted"))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        from click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)  # type: ignore[assignment]
        sys.stderr = PacifyFlushWrapper(sys.stderr)  # type: ignore[assignment]
        sys.exit(1)


def _show_usage_error(exc: Exception) -> None:
    """click's message, which quotes the argument as given, made printable (see :mod:`kltransfer.terminal`)."""
    import io

    from kltransfer.terminal import printable

    shown = io.StringIO()
    exc.show(file=shown)  # type: ignore[attr-defined]
    sys.stderr.write(printable(shown.getvalue(), lines=True))


def _internal(exc: Exception) -> int:
    from kltransfer.cli.console import console

    if os.environ.get("KLTRANSFER_DEBUG"):
        raise exc
    console.error(
        _("internal error: {kind}: {detail}", kind=type(exc).__name__, detail=exc),
        hint=_("this is a bug in kltransfer; run again with KLTRANSFER_DEBUG=1 and report the traceback"),
    )
    return EXIT_INTERNAL
