"""A next start's glimpse checked by a child process, from before Textual is imported.

Checking a glimpse (`tui.blog.glimpse`) lists and stats every post file:
65 to 80 ms at 10,000 posts, half of it system calls. Done in a thread
after the first frame (as the app does where no child can be started), it
holds the list back by that, and by the two frames Textual draws after
its first. Done in a thread while Textual is imported, it took five times
as long and made the import a tenth of a second slower: each stat gives
the interpreter's lock up, and the import keeps it for up to 5 ms before
the thread gets it back.

A process started as the app starts does it on the other core while this
one imports Textual (a fifth of a second): at 10,000 posts its answer is
there when the start screen is made, which then shows the list in its
first frame. Started, not forked (as it was): a fork without exec is unsafe
beside threads and missing on some systems, so the app checked the glimpse
itself after its first frame wherever a thread ran or the system was not
Linux. A new interpreter, without `site`, starts in 20 ms: at 10,000 posts
the list came at 0.375 s, against 0.365 s forked, and the first frame at
0.354 s against 0.348 s (medians of 35 in tmux, a noise of 10 ms).

This module imports only the standard library's lightest (and
`head_start`, whose own imports Textual makes anyway), since the app
imports it before its first frame; the child imports what it needs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tui.blog.head_start import any_glimpse_kept

if TYPE_CHECKING:
    import subprocess
    from concurrent.futures import Future

    from tui.blog.glimpse import Glimpse

CHILD = "tui.blog.glimpse_child"
"""The module whose ``serve()`` the child runs."""


def glimpse_soon(root: Path) -> Future[Glimpse | None] | None:
    """The glimpse of the blog at ``root``, if one was kept and its files
    are still as they were then; None (no future) when no child can be
    started, and the caller checks it itself. Never raises."""
    from concurrent.futures import Future

    if not any_glimpse_kept():  # nothing to check: no child either
        done: Future[Glimpse | None] = Future()
        done.set_result(None)
        return done
    from tui.blog import pipes

    if not pipes.can_start():
        return None
    try:
        # At the app's own priority, unlike the readers: the first frame
        # waits for its answer.
        child = pipes.start(pipes.command(CHILD, str(root), niceness=0))
    except OSError:
        return None
    assert child.stdin is not None
    child.stdin.close()  # it needs nothing more than its argument
    found: Future[Glimpse | None] = Future()
    threading.Thread(target=_take, args=(root, child, found), name="glimpse", daemon=True).start()
    return found


def serve() -> None:
    """The child: what the glimpse of the blog at ``sys.argv[1]`` says, if it
    still holds, to the standard output; nothing else."""
    with contextlib.suppress(BaseException):  # a glimpse not shown; nothing to say
        from tui.blog.head_start import glimpse_file

        root = Path(sys.argv[1])
        if not glimpse_file(root).is_file():
            return  # another blog's glimpse: nothing more to import
        from tui.blog import glimpse
        from tui.blog.session import Session

        kept = glimpse.checked(root, Session().order) or b""
        while kept:
            kept = kept[os.write(1, kept) :]


def _take(root: Path, child: subprocess.Popen[bytes], found: Future[Glimpse | None]) -> None:
    """In a thread of the app: what the child said, made a glimpse. The
    reads wait in the kernel, never holding the interpreter's lock."""
    try:
        assert child.stdout is not None
        reading = child.stdout.fileno()
        try:
            parts = []
            while part := os.read(reading, 1 << 16):
                parts.append(part)
        finally:
            child.stdout.close()
            child.wait()  # it has ended (its end of the pipe closed): no zombie left
        kept = b"".join(parts)
        if kept:
            from tui.blog.glimpse import parse

            found.set_result(parse(root, kept))
        else:
            found.set_result(None)
    except BaseException as error:  # the app reads the blog without it
        found.set_exception(error)
