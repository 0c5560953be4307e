"""A command in a real terminal (tmux), timed until its screen shows a text.

The command is typed into a waiting shell, as a user starts it at a prompt:
the pane's shell waits on a tmux channel and the clock starts when the
channel is signalled, so tmux's own start (a session, its shell) is timed
for neither the app nor its baseline.

The screen is looked at when it changes, not at intervals. A tmux client in
control mode is told of every write the command makes to its terminal
(`%output`), and asks tmux for the screen (`capture-pane`) at once, through
the same client: the figure is the moment tmux shows the text, within one
capture of it. Looking every 10 ms instead, each look a new tmux process,
took 30% of a core that the command then shared on a machine of two cores,
and drew out every figure by up to the interval.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from collections import deque
from pathlib import Path

COLUMNS, LINES = 120, 40


class Ended(RuntimeError):
    """The command's session ended before its screen showed what was awaited."""


def on_screen(command: str, needle: str, timeout: float = 120) -> tuple[float, int]:
    """Seconds from starting ``command`` (a shell command line) until tmux's
    screen shows ``needle``; the command's resident set then, in KB."""
    session = f"bench{os.getpid()}-{time.monotonic_ns()}"
    channel = f"{session}-go"
    # `exec env`: the command replaces the shell, so that the pane's process
    # is the command's (its memory is read from it), assignments and all.
    waiting = f"tmux wait-for {channel}; exec env {command}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(COLUMNS), "-y", str(LINES), waiting],
        check=True,
    )
    pid = 0
    try:
        with _Watcher(session) as watcher:
            elapsed = watcher.until(needle, channel, timeout)
            pane = subprocess.run(
                ["tmux", "display", "-p", "-t", session, "#{pane_pid}"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            pid = int(pane) if pane.isdigit() else 0
            return elapsed, _rss_kb(pid) if pid else 0
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
        if pid:
            _wait_for_exit(pid)


class _Watcher:
    """A control-mode client of one session: its notifications and the
    replies to its commands, read line by line as tmux sends them."""

    def __init__(self, session: str) -> None:
        self.session = session
        self.client = subprocess.Popen(
            ["tmux", "-C", "attach-session", "-t", session],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert self.client.stdin is not None and self.client.stdout is not None
        self.stdin, self.stdout = self.client.stdin, self.client.stdout
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.stdout, selectors.EVENT_READ)
        self.pending = b""
        self.asked: deque[str] = deque()
        """What each command sent is, in order: tmux answers them in order."""

    def __enter__(self) -> _Watcher:
        return self

    def __exit__(self, *_: object) -> None:
        # Killed, not detached: a client whose stdin closes stays for
        # seconds, and one told to end (SIGTERM) while its notifications go
        # unread waits for ever to write them.
        self.client.kill()
        self.client.wait()
        self.selector.close()
        self.stdin.close()
        self.stdout.close()

    def send(self, what: str, command: str) -> None:
        self.asked.append(what)
        self.stdin.write(command.encode() + b"\n")

    def until(self, needle: str, channel: str, timeout: float) -> float:
        """Start the command; seconds until a capture of its screen shows ``needle``."""
        start = time.perf_counter()
        self.send("go", f"wait-for -S {channel}")
        capturing = changed = False
        reply: list[bytes] | None = None
        while True:
            line = self._line(start + timeout)
            if reply is not None:  # inside a reply: until its end
                if line.startswith((b"%end ", b"%error ")):
                    what = self.asked.popleft() if _ours(line) else ""
                    if what == "capture":
                        capturing = False
                        if needle.encode() in b"\n".join(reply):
                            return time.perf_counter() - start
                        if changed:  # written to since that capture was asked for
                            changed, capturing = False, True
                            self.send("capture", f"capture-pane -p -t {self.session}")
                    reply = None
                else:
                    reply.append(line)
            elif line.startswith(b"%begin "):
                reply = []
            elif line.startswith(b"%output "):
                if capturing:
                    changed = True
                else:
                    capturing = True
                    self.send("capture", f"capture-pane -p -t {self.session}")
            elif line.startswith(b"%exit"):
                raise Ended(f"{needle!r} never shown: the session ended")

    def _line(self, deadline: float) -> bytes:
        """The next line tmux sends, without its end."""
        while b"\n" not in self.pending:
            left = deadline - time.perf_counter()
            if left <= 0 or not self.selector.select(left):
                raise TimeoutError(f"nothing awaited shown in session {self.session}")
            data = os.read(self.stdout.fileno(), 1 << 16)
            if not data:
                raise Ended(f"the tmux client of session {self.session} ended")
            self.pending += data
        line, _, self.pending = self.pending.partition(b"\n")
        return line.rstrip(b"\r")


def _ours(end: bytes) -> bool:
    """Whether a reply's end (`%end TIME NUMBER FLAGS`) is of a command this
    client sent: the attach itself is answered too, with flags 0."""
    fields = end.split()
    return len(fields) >= 4 and fields[3] == b"1"


def _wait_for_exit(pid: int, timeout: float = 10) -> None:
    """Until the command killed with its terminal has ended: it may still
    write its cache, and the next run, a first start, would find one."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.02)


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
