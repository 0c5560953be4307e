"""Python's cycle collector, held off while many long-lived objects are made.

Reading 100,000 posts makes millions of objects that live as long as the
blog is open, none of them in a cycle. Each time that many have been made,
the collector walks every object the program holds, the terminal app's
included: half of a start read from the cache went there. Held off, then
told that these objects are here to stay, it walks them never again.

The preview of a long post is the same story on a smaller scale: its
thousand widgets made the collector walk everything a dozen times while
they were mounted (2.5 s of pauses for a 200 KB post). Those widgets go
when another post opens, so they are not frozen: the collector only waits.

Holds nest and may come from several threads (the reading thread and the
screen): the collector is back as it was when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holds = 0
_was_enabled = True


def _hold() -> None:
    global _holds, _was_enabled
    with _lock:
        if _holds == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holds += 1


def _release() -> None:
    global _holds
    with _lock:
        _holds -= 1
        if _holds == 0 and _was_enabled:
            gc.enable()


@contextmanager
def held_off() -> Iterator[None]:
    """No cycle collection inside; what was made is left out of later ones."""
    _hold()
    try:
        yield
    finally:
        # Moved to the permanent generation: later collections skip them.
        # Refcounting still frees whatever is dropped (a post read again).
        gc.freeze()
        _release()


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside; the objects made stay collectable."""
    _hold()
    try:
        yield
    finally:
        _release()
