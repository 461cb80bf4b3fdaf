"""THE way kltransfer runs git: on its own mirrors of git sources and on people's folders alike.

A folder from another city may hold a ``.git`` whose configuration runs a command: a
``core.fsmonitor`` hook, hooks, a ``core.pager``, a ``gpg.program`` for signed commits, a
clean or smudge filter named in ``.gitattributes``, a ``core.sshCommand``. :func:`run_git`

- passes ``-c`` settings that turn those off (``core.fsmonitor=false``,
  ``core.hooksPath=/dev/null``, no pager, no signing, no submodules) and allows only the
  https, ssh, git and file protocols, so that no remote helper such as ``ext::`` can run,
- in a folder of someone else's (``foreign=True``) also empties every filter and diff driver
  that folder's configuration names, so that ``git status`` or ``git add`` runs none of them,
- starts git with a scrubbed environment: no ``GIT_DIR``, ``GIT_WORK_TREE``, ``GIT_CONFIG_*``
  or other ``GIT_*`` variable from the caller (only the author and committer identity and the
  ssh command stay), ``GIT_CONFIG_NOSYSTEM=1``, no prompts (``GIT_TERMINAL_PROMPT=0``,
  ``GIT_ASKPASS=true``, ssh in batch mode), no pager, no optional locks (a status never writes
  the folder's index),
- runs in the folder asked for, never in the current one, with stdin closed, and stops git
  (and what it started) after a timeout,
- leaves it to the callers to put values from people after ``--`` or ``--end-of-options``.

Aliases cannot interfere: git never lets an alias replace a built-in command, and only
built-in commands are run. ``core.sshCommand`` is overridden by ``GIT_SSH_COMMAND``.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from kltransfer.errors import InputError
from kltransfer.i18n import _

#: Settings for every git command.
SAFE_CONFIG = (
    "protocol.allow=never",
    "protocol.https.allow=always",
    "protocol.ssh.allow=always",
    "protocol.git.allow=always",
    "protocol.file.allow=always",
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.pager=cat",
    "core.askPass=true",
    "core.editor=true",
    "sequence.editor=true",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
    "diff.ignoreSubmodules=all",
    "status.submoduleSummary=false",
    "credential.interactive=false",
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "gc.auto=0",
    "maintenance.auto=false",
)
#: Settings for a folder of someone else's, besides :data:`SAFE_CONFIG`: no credential helper and
#: no proxy command can run (nothing there talks to a network).
FOREIGN_CONFIG = ("credential.helper=", "core.gitProxy=", "core.sshCommand=false")
#: Variables of the caller's environment that git may see: who commits, and how to reach ssh.
_KEPT = frozenset(
    {
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_COMMITTER_DATE",
        "GIT_SSH_COMMAND",
        "GIT_SSL_CAINFO",
        "GIT_SSL_CAPATH",
    }
)
#: Seconds a git command on local files may take (network commands get their own limit).
LOCAL_TIMEOUT = 120
#: Keys of a folder's configuration that name a program to run for some files.
_DRIVERS = {
    "filter": ("clean", "smudge", "process"),
    "diff": ("command", "textconv"),
    "merge": ("driver",),
}


class GitFailure(InputError):
    """A git command failed; the message carries git's own words."""


class GitMissing(InputError):
    """There is no git on this machine (or not on ``PATH``)."""


def environment(home: str | None = None) -> dict[str, str]:
    """The environment of a git command: the caller's without ``GIT_*`` (but :data:`_KEPT`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEPT}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "true",
            "SSH_ASKPASS": "true",
            "GIT_ALLOW_PROTOCOL": "https:ssh:git:file",
            "GIT_PROTOCOL_FROM_USER": "0",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "GIT_EDITOR": "true",
            "GIT_OPTIONAL_LOCKS": "0",
            "GCM_INTERACTIVE": "never",
            "LC_ALL": "C",
        }
    )
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    if home is not None:
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = home
    return env


def run_git(
    args: list[str],
    *,
    cwd: Path,
    git_dir: Path | None = None,
    foreign: bool = False,
    network: bool = False,
    check: bool = True,
    home: str | None = None,
    timeout: float | None = None,
) -> tuple[int, bytes, str]:
    """Run ``git ARGS`` in ``cwd`` with the safe settings; returns (status, stdout bytes, stderr text).

    ``foreign``: ``cwd`` is (in) a folder of someone else's; its filter and diff drivers are
    emptied first. ``home``: a folder to use as ``HOME`` (no personal configuration).
    """
    from kltransfer.sources.limits import GIT_TIMEOUT

    config = [*SAFE_CONFIG, *FOREIGN_CONFIG] if foreign else [*SAFE_CONFIG]
    command = ["git", "--no-pager"]
    for setting in config:
        command += ["-c", setting]
    if git_dir is not None:
        command += ["--git-dir", str(git_dir)]
    command += args
    env = environment(home)
    if foreign:
        # as variables, not -c: a driver's name may hold '=' or '.', which -c cannot tell apart
        emptied = _emptied_drivers(cwd, git_dir, env)
        env["GIT_CONFIG_COUNT"] = str(len(emptied))
        for i, key in enumerate(emptied):
            env[f"GIT_CONFIG_KEY_{i}"] = key
            env[f"GIT_CONFIG_VALUE_{i}"] = "false" if key.endswith(".required") else ""
    limit = timeout or (GIT_TIMEOUT if network else LOCAL_TIMEOUT)
    status, out, err = _execute(command, cwd, env, limit)
    err_text = err.decode("utf-8", "replace")
    if check and status != 0:
        detail = err_text.strip().splitlines()
        # the first 'fatal:' line names the cause; the lines after it are generic advice
        cause = next((line for line in detail if line.startswith(("fatal:", "error:"))), detail[-1] if detail else "")
        raise GitFailure(
            _(
                "git {command} failed: {reason}",
                command=args[0],
                reason=cause or _("exit status {status}", status=status),
            ),
            hint=_("check the URL, your network and your access rights"),
        )
    return status, out, err_text


def _execute(command: list[str], cwd: Path, env: dict[str, str], limit: float) -> tuple[int, bytes, bytes]:
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # a timeout stops git and the ssh or helper it started
        )
    except FileNotFoundError as exc:
        raise GitMissing(_("git is not installed or not on PATH"), hint=_("install git to use git sources")) from exc
    except NotADirectoryError as exc:
        raise InputError(_("'{path}' is not a folder", path=str(cwd))) from exc
    try:
        out, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()
        process.communicate()
        raise GitFailure(
            _("git {command} took longer than {seconds} seconds and was stopped", command=command[-1], seconds=limit),
            hint=_("check your network, or try again later"),
        ) from None
    return process.returncode, out, err


def _emptied_drivers(cwd: Path, git_dir: Path | None, env: dict[str, str]) -> list[str]:
    """``filter.NAME.clean`` and the like for every driver the configuration seen in ``cwd`` names:
    the keys to set empty (``filter.NAME.required`` to false)."""
    command = ["git", "--no-pager"]
    for setting in SAFE_CONFIG:
        command += ["-c", setting]
    if git_dir is not None:
        command += ["--git-dir", str(git_dir)]
    command += ["config", "--null", "--name-only", "--get-regexp", r"^(filter|diff|merge)\."]
    try:
        status, out, _err = _execute(command, cwd, env, LOCAL_TIMEOUT)
    except InputError:
        return []
    if status != 0:  # no such key (1), or not a repository: nothing to empty
        return []
    emptied: list[str] = []
    seen: set[tuple[str, str]] = set()
    for name in out.decode("utf-8", "surrogateescape").split("\0"):
        section, _dot, rest = name.partition(".")
        driver = rest.rpartition(".")[0]
        if section not in _DRIVERS or not driver or (section, driver) in seen:
            continue
        seen.add((section, driver))
        emptied += [f"{section}.{driver}.{key}" for key in _DRIVERS[section]]
        if section == "filter":
            emptied.append(f"filter.{driver}.required")
    return emptied
