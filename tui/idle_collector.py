"""Python's full cycle collections, made while the user does nothing.

A full collection walks every object the app holds, and nothing is drawn
and no key is handled while it does. With a 200 KB post in the preview
(its blocks are widgets, each with its styles and caches) that is 430,000
objects and 0.4 s. Python starts one once enough objects have lived
through two younger collections, and opening a long post makes that many:
one open of a 200 KB post in two took 0.4 s longer (0.3 s, then 0.7 s).

So the app leaves the young collections to Python (a few milliseconds
each) and makes the full ones itself, when they are due as Python would
have them due (after ten collections of the middle generation) and no
key, click or scroll has come for ``IDLE`` seconds (nor a post been shown:
the first one is shown with no key pressed). A user who is never idle must
not make memory grow without end: after ``OVERDUE`` middle collections,
one is made at once. None is made while a blog's posts are being read,
which holds collections off (see `tui.blog.collector`).

Python 3.14 collects the old objects a part at a time, in pauses too short
to feel: there, Python keeps its own way.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable

IDLE = 2.0
"""Seconds without input after which a due full collection is made."""
CHECK = 1.0
"""Seconds between looks at whether one is due."""
DUE = 10
"""Collections of the middle generation since the last full one that make a
full one due: Python's own threshold for it."""
OVERDUE = 100
"""Those at which it is made even while the user is busy: about 700,000 new
objects lived long enough (opening a 200 KB post makes 400,000)."""
NEVER = 1_000_000_000
"""A threshold Python's own full collections never reach."""

SUPPORTED = sys.version_info < (3, 14)


class IdleCollector:
    """Full collections when the user is idle. Drive it with :meth:`active` at
    each key or mouse event (and whatever else the user waits for), and
    :meth:`check` every ``CHECK`` seconds.

    It goes by Python's counters alone: counting the objects themselves
    takes 50 to 100 ms with a long post open, as long as what it spares.
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._last_input = self._monotonic()
        self._saved: tuple[int, ...] | None = None
        self.collections = 0
        """How many full collections it made (for tests)."""

    def start(self) -> None:
        """Take full collections over from Python."""
        if not SUPPORTED or self._saved is not None:
            return
        self._saved = gc.get_threshold()
        young, middle, _ = self._saved
        gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Give them back."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def active(self) -> None:
        self._last_input = self._monotonic()

    def check(self) -> bool:
        """Make a full collection if one is due and the user is idle, or
        one is overdue; whether it did."""
        if self._saved is None or not gc.isenabled():
            # Held off (tui/blog/collector.py): the posts being read are millions
            # of objects, which a full collection walked for a second at 100,000
            # posts, as the list was filling; they are left out of it afterwards.
            return False
        middle = gc.get_count()[2]  # middle collections since the last full one
        idle = self._monotonic() - self._last_input >= IDLE
        if middle < (DUE if idle else OVERDUE):
            return False
        gc.collect()
        self.collections += 1
        return True
