"""Messages between the app and the child processes that read for it.

Children are plain processes started with this Python, talking over their
standard input and output: no shared memory, no fork of a process that has
threads, nothing on the terminal (their error output goes nowhere). They end
when their input closes, so they cannot outlive the app.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import tui

MOST_BYTES = 1 << 30
"""More than any message says: a length over it is not from a child."""
NICENESS = 10
"""How much lower than the app's a child's priority is: its window and keys
come first, the cores' spare time goes to the children."""

_LENGTH = struct.Struct("<Q")


def can_start() -> bool:
    """Whether children can be started: a bundled app has no Python to start them with."""
    return not getattr(sys, "frozen", False) and bool(sys.executable)


def command(module: str, *args: str, niceness: int = NICENESS) -> list[str]:
    """How a child is started: this Python, finding this copy of the package,
    running ``module``'s ``serve()`` below the app's priority (by ``niceness``).

    The priority is lowered first of all, before the child's imports: a
    first start's workers start as the main screen is imported and drawn
    (see `tui.blog.head_start`), which their imports would otherwise slow.
    """
    home = str(Path(tui.__file__).resolve().parent.parent)
    # Without `site` (-S), with this process's own path instead: the child
    # finds the same packages without reading the .pth files again, which
    # took 5 ms of its start (17 ms with an editable install's finder).
    paths = list(dict.fromkeys([home, *(path for path in sys.path if path)]))
    code = (
        f"import os\ntry: os.nice({niceness})\nexcept (AttributeError, OSError): pass\n"
        f"import sys; sys.path[:] = {paths!r}; from {module} import serve; serve()"
    )
    return [sys.executable, "-S", "-c", code, *args]


def start(arguments: list[str]) -> subprocess.Popen[bytes]:
    """Start a child; OSError when no process is to be had."""
    return subprocess.Popen(
        arguments,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # never on the app's screen
        # Unbuffered: an answer read ahead into a buffer would be one a
        # selector no longer sees coming.
        bufsize=0,
    )


def stop(process: subprocess.Popen[bytes], at_once: bool) -> None:
    """End a child: ``at_once`` when it has work left that is no longer wanted,
    else by closing its input, which it ends at.

    Not waited for here: a Python process takes 20 to 30 ms to end, and the
    last posts of a reading would wait for each child in turn. A thread of
    its own waits for it, so that no process is left unreaped.
    """
    with contextlib.suppress(OSError):
        if process.stdin:
            process.stdin.close()
    if at_once:
        process.kill()
    threading.Thread(target=_reap, args=(process,), name="child-reaper", daemon=True).start()


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout:
        process.stdout.close()


def framed(message: object) -> bytes:
    """A message as it goes down a pipe: its length, then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


def write(stream: IO[bytes], message: object) -> None:
    view = memoryview(framed(message))
    while view:
        written = stream.write(view)
        view = view[written or 0 :]
    stream.flush()


class Outbox:
    """A child's answers down its output, written as they come and never
    waited for: what the pipe cannot take yet (the app, busy drawing its
    window, has not read it) is kept and written with the next answer.

    Not a thread of its own that writes them: each answer woke it, and the
    two threads then took turns at the interpreter lock at the reading's
    system calls (a worker reading 10,000 posts took 0.70 s of a core with
    such a thread, 0.56 s without). An answer the pipe took only part of is
    finished with the next one: the app, reading it meanwhile, waits that
    long (a chunk of posts' reading), and only when it was behind anyway.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._left: deque[memoryview] = deque()
        try:
            os.set_blocking(fd, False)
            self._waits = False
        except OSError:  # a pipe that cannot be (Windows before 3.12): each answer waits
            self._waits = True

    def put(self, message: object) -> None:
        """Write ``message``, or what the pipe takes of it; OSError when the app is gone."""
        self._left.append(memoryview(framed(message)))
        if self._waits:
            self.flush()
        else:
            self._write()

    def flush(self) -> None:
        """Write all that is left, waiting for the app to take it."""
        if not self._left:
            return
        if not self._waits:
            os.set_blocking(self._fd, True)
        try:
            self._write()
        finally:
            if not self._waits:
                os.set_blocking(self._fd, False)

    def _write(self) -> None:
        while self._left:
            try:
                written = os.write(self._fd, self._left[0])
            except BlockingIOError:
                return  # the pipe is full: the rest goes with the next answer
            if written < len(self._left[0]):
                self._left[0] = self._left[0][written:]
            else:
                self._left.popleft()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    parts = []
    while size:
        part = stream.read(size)
        if not part:
            raise EOFError
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def read(stream: IO[bytes]) -> Any:
    """The next message; EOFError when the other side is gone."""
    # Only ever from our own child, or to it from the app that started it.
    (size,) = _LENGTH.unpack(_read_exactly(stream, _LENGTH.size))
    if size > MOST_BYTES:
        raise EOFError("not a message from this app")
    return pickle.loads(_read_exactly(stream, size))


class ChildLost(Exception):
    """A child ended, or said what none of ours says."""


def messages(process: subprocess.Popen[bytes]) -> Iterator[tuple[str, Any]]:
    """A child's messages, each a kind and its content, until it is lost.

    Raises:
        ChildLost: at the end of its output, or on a message that is not one.
    """
    stream = process.stdout
    assert stream is not None
    while True:
        try:
            kind, content = read(stream)
        except Exception as error:  # EOF, or anything a broken message raises
            raise ChildLost(str(error) or type(error).__name__) from error
        yield kind, content
