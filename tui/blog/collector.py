"""Python's cycle collector, held off while a blog's posts are made.

Reading 100,000 posts makes millions of objects that live as long as the
blog is open, none of them in a cycle. Each time that many have been made,
the collector walks every object the program holds, the terminal app's
included: half of a start read from the cache went there. Held off, then
told that these objects are here to stay, it walks them never again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_off() -> Iterator[None]:
    """No cycle collection inside; what was made is left out of later ones."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Moved to the permanent generation: later collections skip them.
        # Refcounting still frees whatever is dropped (a post read again).
        gc.freeze()
        if was_enabled:
            gc.enable()
