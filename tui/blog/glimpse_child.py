"""A next start's glimpse checked by a child process, from before Textual is imported.

Checking a glimpse (`tui.blog.glimpse`) lists and stats every post file:
65 to 80 ms at 10,000 posts, half of it system calls. Done in a thread
after the first frame (as the app does where no child can be forked), it
holds the list back by that, and by the two frames Textual draws after
its first. Done in a thread while Textual is imported, it took five times
as long and made the import a tenth of a second slower: each stat gives
the interpreter's lock up, and the import keeps it for up to 5 ms before
the thread gets it back.

A process forked as the app starts does it on the other core while this
one imports Textual (a fifth of a second): at 10,000 posts its answer is
there (150 to 180 ms after the fork) when the start screen is made, which
then shows the list in its first frame. Forked, not started: a new
interpreter would take as long to start as the check takes.

This module imports only the standard library's lightest (and
`head_start`, whose own imports Textual makes anyway), since the app
imports it before its first frame; the child imports what it needs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from tui.blog.head_start import any_glimpse_kept

if TYPE_CHECKING:
    from tui.blog.glimpse import Glimpse


def can_fork() -> bool:
    """Whether a child can be forked safely now: on Linux (elsewhere a fork
    without exec is unsafe or missing), while this process has one thread
    (a fork copies no other thread, and none of the locks they might hold)."""
    return sys.platform == "linux" and threading.active_count() == 1


def glimpse_soon(root: Path) -> Future[Glimpse | None] | None:
    """The glimpse of the blog at ``root``, if one was kept and its files
    are still as they were then; None (no future) when no child can be
    forked, and the caller checks it itself. Never raises."""
    if not can_fork():
        return None
    if not any_glimpse_kept():  # nothing to check: no child either
        done: Future[Glimpse | None] = Future()
        done.set_result(None)
        return done
    try:
        reading, writing = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # the child: never back into the app's code
        try:
            os.close(reading)
            _check(root, writing)
        finally:
            os._exit(0)
    os.close(writing)
    found: Future[Glimpse | None] = Future()
    threading.Thread(
        target=_take, args=(root, reading, pid, found), name="glimpse", daemon=True
    ).start()
    return found


def _check(root: Path, writing: int) -> None:
    """The child: the glimpse file's contents, if it still holds, to ``writing``."""
    try:
        from tui.blog.head_start import glimpse_file

        if not glimpse_file(root).is_file():
            return  # a first start: nothing more to import
        from tui.blog import glimpse
        from tui.blog.session import Session

        kept = glimpse.checked(root, Session().order) or b""
        while kept:
            kept = kept[os.write(writing, kept) :]
    except BaseException:  # a glimpse not shown; nothing to say, even at ctrl+c
        pass


def _take(root: Path, reading: int, pid: int, found: Future[Glimpse | None]) -> None:
    """In a thread of the app: what the child said, made a glimpse. The
    reads wait in the kernel, never holding the interpreter's lock."""
    try:
        try:
            parts = []
            while part := os.read(reading, 1 << 16):
                parts.append(part)
        finally:
            os.close(reading)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)  # it has ended (its end of the pipe closed): no zombie left
        kept = b"".join(parts)
        if kept:
            from tui.blog.glimpse import parse

            found.set_result(parse(root, kept))
        else:
            found.set_result(None)
    except BaseException as error:  # the app reads the blog without it
        found.set_exception(error)
