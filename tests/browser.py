"""A headless Chromium driven over the DevTools protocol, with no library but the standard one.

Chromium's ``--remote-debugging-pipe`` reads commands from file descriptor 3 and writes
replies and events to descriptor 4, each a JSON message ended by a NUL byte. That is enough
to open a page, type, pick, evaluate, take a screenshot and see every request and console
error.

Tests skip when Chromium is missing, unless ``KLTRANSFER_REQUIRE_BROWSER=1`` (as in CI):
then they fail.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--remote-debugging-pipe",
]


def chromium_path() -> str:
    """The Chromium binary, or a skip (a failure under ``KLTRANSFER_REQUIRE_BROWSER=1``)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("KLTRANSFER_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required (KLTRANSFER_REQUIRE_BROWSER=1) but not installed")
    pytest.skip("Chromium is not installed")


class Browser:
    """One headless Chromium with one page, attached over the DevTools pipe."""

    def __init__(self, width: int = 1000, height: int = 1200) -> None:
        self.profile = tempfile.mkdtemp(prefix="kltransfer-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds() -> None:  # runs in the child: put the pipe ends on fds 3 and 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [
                chromium_path(),
                *_FLAGS,
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, to_browser_r, from_browser_w),
            preexec_fn=child_fds,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        target = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)

    # -- protocol -------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:
            self._record(message)
        return message

    def _record(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.console_errors.append(params["entry"].get("text", ""))

    def call(self, method: str, *, session: bool = False, timeout: float = 30, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self._send(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        seen = len(self.events)
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[seen:]:
                if event["method"] == method:
                    return event
            seen = len(self.events)
            self._receive(deadline)

    # -- what a test does ----------------------------------------------------------
    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def wait_until(self, condition: str, timeout: float = 10) -> Any:
        """Wait until the JavaScript expression ``condition`` is truthy in the page; its value."""
        script = (
            "new Promise(function (resolve, reject) { var until = Date.now() + " + str(int(timeout * 1000)) + ";"
            " (function poll() { var value; try { value = (" + condition + "); } catch (e) { value = null; }"
            " if (value) { resolve(value); } else if (Date.now() > until) { reject(new Error('timed out')); }"
            " else { setTimeout(poll, 10); } }()); })"
        )
        reply = self.call(
            "Runtime.evaluate",
            session=True,
            expression=script,
            awaitPromise=True,
            returnByValue=True,
            timeout=timeout + 5,
        )
        if "exceptionDetails" in reply:
            raise AssertionError(f"the page never showed {condition}: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def type_into(self, selector: str, text: str) -> None:
        """Focus the element and type as a person would (input events included)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", session=True, text=text)

    def choose(self, selector: str, value: str) -> None:
        """Pick an option of a <select> the way the browser reports a user's choice."""
        script = (
            f"var s = document.querySelector({json.dumps(selector)}); s.focus(); s.value = {json.dumps(value)};"
            "for (const t of ['input', 'change']) { s.dispatchEvent(new Event(t, {bubbles: true})); }"
        )
        self.evaluate(f"(function(){{{script}}}())")

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        target = ARTIFACTS / name
        target.write_bytes(base64.b64decode(data))
        return target

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def outside_file_scheme(urls: list[str]) -> list[str]:
    """Requests that left ``file://`` (``data:`` and ``about:`` stay on the machine too)."""
    return [u for u in urls if not u.startswith(("file://", "data:", "about:", "blob:"))]
