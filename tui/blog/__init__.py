"""The blog as a library: reading, indexing, filtering and saving posts.

Nothing in this package imports Textual; the terminal app is one face of it.
"""

from __future__ import annotations

from tui.blog.errors import BlogError
from tui.blog.index import BlogIndex
from tui.blog.post import Post, read_post
from tui.blog.store import Blog

__all__ = ["Blog", "BlogError", "BlogIndex", "Post", "read_post"]
