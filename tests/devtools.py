"""Headless Chromium driven over the DevTools protocol, enough to load a page and run JavaScript in
it the way a user's clicks would. Transport: `--remote-debugging-pipe` (commands on the browser's
fd 3, replies and events on its fd 4, each a JSON text ended by NUL): no port, no websocket library."""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import tempfile
import time
from typing import Any


class DevTools:
    """`with DevTools(chromium, flags) as browser: browser.load(url); browser.evaluate("…")`."""

    def __init__(self, chromium: str, flags: list[str], timeout: float = 60) -> None:
        self.command = [chromium, *flags, "--remote-debugging-pipe", "about:blank"]
        self.timeout = timeout
        self.events: list[str] = []
        self._ids = 0
        self._received = b""
        self._session: str | None = None

    def __enter__(self) -> DevTools:
        import fcntl  # POSIX only, like the pipe transport itself

        self._profile = tempfile.TemporaryDirectory()
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def onto_fds_3_and_4() -> None:
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self._process = subprocess.Popen([*self.command, f"--user-data-dir={self._profile.name}"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         pass_fds=(3, 4), preexec_fn=onto_fds_3_and_4)
        os.close(to_browser)
        os.close(from_browser)
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self._session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            with contextlib.suppress(ConnectionError):  # the browser may go before it replies
                self.call("Browser.close", session=False)
            self._process.wait(timeout=self.timeout)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            os.close(self._commands)
            os.close(self._replies)
            self._profile.cleanup()

    def load(self, url: str) -> None:
        """Navigate and wait for the page's load event (its scripts have run)."""
        self.call("Page.enable")
        self.events.clear()
        self.call("Page.navigate", url=url)
        while "Page.loadEventFired" not in self.events:
            self._message()

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (an exception there fails the test)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def call(self, method: str, session: bool = True, **params: Any) -> dict:
        """Send one command (to the attached page unless `session` is False); its result."""
        self._ids += 1
        message: dict[str, Any] = {"id": self._ids, "method": method, "params": params}
        if session and self._session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") == self._ids:
                assert "error" not in reply, reply["error"]
                return reply.get("result", {})

    def _message(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._received:
            if not select.select([self._replies], [], [], max(0.0, deadline - time.monotonic()))[0]:
                raise TimeoutError(f"no reply from Chromium within {self.timeout} s")
            chunk = os.read(self._replies, 65536)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._received += chunk
        text, self._received = self._received.split(b"\0", 1)
        message = json.loads(text)
        if "method" in message:
            self.events.append(message["method"])
        return message
