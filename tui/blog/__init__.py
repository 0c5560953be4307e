"""The blog as a library: reading, indexing, filtering and saving posts.

Nothing in this package imports Textual; the terminal app is one face of it.

The names below are imported when first used, not with the package: the
app's first frame needs only `tui.blog.display`, and importing the reading
and indexing modules with it (20 ms) came before anything was drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.blog.errors import BlogError
    from tui.blog.index import BlogIndex
    from tui.blog.post import Post, read_post
    from tui.blog.store import Blog

__getattr__ = lazy_names(
    __name__,
    {
        "Blog": "tui.blog.store",
        "BlogError": "tui.blog.errors",
        "BlogIndex": "tui.blog.index",
        "Post": "tui.blog.post",
        "read_post": "tui.blog.post",
    },
)

__all__ = ["Blog", "BlogError", "BlogIndex", "Post", "read_post"]
