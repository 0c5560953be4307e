"""Running the real `blog` in a pseudo-terminal, as a person's terminal would."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()=>78]"
)


_started: list[Terminal] = []
"""Every app started in a pty by the test running now."""


def end_left_over() -> None:
    """Kill what a failed test left running: an app that lost its pty spins on."""
    while _started:
        terminal = _started.pop()
        if terminal.process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(terminal.process.pid, signal.SIGKILL)
            terminal.process.wait(timeout=30)
        terminal.close()


class Terminal:
    """`python -m MODULE ARGS` (the app by default) in a pty of ``columns`` x ``rows``."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        columns: int = 120,
        rows: int = 40,
        module: str = "tui",
    ):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)},
            cwd=Path(__file__).resolve().parent.parent,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        _started.append(self)

    @property
    def text(self) -> str:
        """What the app wrote, without its escape sequences."""
        return _ESCAPES.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the app has ended
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, needle: str, timeout: float = 30) -> None:
        """Read until the screen has shown ``needle``."""
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never shown; last: {self.text[-2000:]!r}")
            self.read(0.2)

    def type(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)
        self.read(0.3)  # let the app take them in, as a person's pace would

    def kill(self, number: int = signal.SIGKILL) -> int:
        self.process.send_signal(number)
        status = self.process.wait(timeout=30)
        self.read(0.5)
        self.close()
        return status

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.2)
        status = self.process.wait(timeout=1)
        self.close()
        return status

    def close(self) -> None:
        """Close the pty's master side, once (its number may be reused after)."""
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
