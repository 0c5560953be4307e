"""Python's full cycle collections, made while the user does nothing.

A full collection walks every object the app holds, and nothing is drawn
and no key is handled while it does. With a 200 KB post in the preview
(its blocks are widgets, each with its styles and caches) that is 430,000
objects and 0.4 s. Python starts one once enough objects have lived
through two younger collections, and opening a long post makes that many:
one open of a 200 KB post in two took 0.4 s longer (0.3 s, then 0.7 s).

So the app leaves the young collections to Python (a few milliseconds
each) and makes the full ones itself, when they are due as Python would
have them due and no key, click or scroll has come for ``IDLE`` seconds
(nor a post been shown: the first one is shown with no key pressed).
A user who is never idle must not make memory grow without end: past
``OVERDUE`` times the objects of the last full collection, one is made at
once.

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
DUE = 1.25
"""Growth of the oldest generation that makes a full collection due (Python's
rule: a quarter more objects than after the last one)."""
OVERDUE = 4.0
"""Growth at which it is made even while the user is busy."""
YOUNG_COLLECTIONS = 10
"""Collections of the middle generation before the oldest one is looked at
(Python's default threshold for it)."""
NEVER = 1_000_000_000
"""A threshold Python's own full collections never reach."""

SUPPORTED = sys.version_info < (3, 14)


class IdleCollector:
    """Full collections when the user is idle. Drive it with :meth:`active` at
    each key or mouse event (and whatever else the user waits for), and
    :meth:`check` every ``CHECK`` seconds."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._last_input = self._monotonic()
        self._after_last = 0
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
        self._after_last = len(gc.get_objects(2))

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
        if self._saved is None or gc.get_count()[2] < YOUNG_COLLECTIONS:
            return False  # not enough has lived long enough to be worth a look
        old = len(gc.get_objects(2))  # a few milliseconds for 400,000 objects
        idle = self._monotonic() - self._last_input >= IDLE
        if old < self._after_last * (DUE if idle else OVERDUE):
            return False
        gc.collect()
        self._after_last = len(gc.get_objects(2))
        self.collections += 1
        return True
