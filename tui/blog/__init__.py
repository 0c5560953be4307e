"""The blog as a library: reading, indexing, filtering and saving posts.

Nothing in this package imports Textual; the terminal app is one face of it.

The names below are imported when first used, not with the package: the
app's first frame needs only `tui.blog.display`, and importing the reading
and indexing modules with it (20 ms) came before anything was drawn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.blog.errors import BlogError
    from tui.blog.index import BlogIndex
    from tui.blog.post import Post, read_post
    from tui.blog.store import Blog

_MODULES = {
    "Blog": "tui.blog.store",
    "BlogError": "tui.blog.errors",
    "BlogIndex": "tui.blog.index",
    "Post": "tui.blog.post",
    "read_post": "tui.blog.post",
}

__all__ = ["Blog", "BlogError", "BlogIndex", "Post", "read_post"]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # found directly next time
    return value
