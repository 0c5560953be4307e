"""Python's cycle collector, held off while the app starts and while a blog's posts are made.

Reading 100,000 posts makes millions of objects that live as long as the
blog is open, none of them in a cycle. Each time that many have been made,
the collector walks every object the program holds, the terminal app's
included: half of a start read from the cache went there. Held off, then
told that these objects are here to stay, it walks them never again.

Starting the app is the same: importing Textual and the app's screens makes
their classes, functions and styles, which live as long as the program. The
collections Python made among them took a tenth of the work before the
first frame (an empty Textual app makes them too): the window showed its
panes 1.22 times as late as an empty Textual app's, and 1.10 times held off.

What the start leaves unreachable in cycles stays so (about 2,800 objects,
the start screen's widgets among them): they are kept, as the objects still
in use are, instead of walked for.

Holds may overlap (the app's start and a reading in a thread): the
collector is back once the last one ends, if it was on when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holds = 0
_enable_after = False
"""Whether the collector was on when the first of the current holds began."""


def hold() -> Callable[[], None]:
    """Hold the collector off until the function returned is called (once:
    calling it again does nothing). What was made meanwhile is left out of
    later collections."""
    global _holds, _enable_after
    with _lock:
        if _holds == 0:
            _enable_after = gc.isenabled()
            gc.disable()
        _holds += 1
    released = False

    def release() -> None:
        global _holds
        nonlocal released
        with _lock:
            if released:
                return
            released = True
            _holds -= 1
            # Moved to the permanent generation: later collections skip them.
            # Refcounting still frees whatever is dropped (a post read again).
            gc.freeze()
            if _holds == 0 and _enable_after:
                gc.enable()

    return release


@contextmanager
def held_off() -> Iterator[None]:
    """No cycle collection inside; what was made is left out of later ones."""
    release = hold()
    try:
        yield
    finally:
        release()
