"""A post as a row of plain values: what worker processes send, and what
the cache and the glimpse keep.

Kept light (`tui.blog.post` only): a first start's workers import it, and
every module they import is time taken from their reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.blog.post import FIELDS, Post


def record_of(post: Post) -> list[Any]:
    """A post's fields as plain values (the cache's, and what worker processes send)."""
    return [
        post.title,
        post.date.isoformat() if post.date else None,
        post.date_source,
        list(post.tags),
        post.draft,
        list(post.categories),
        post.language,
        post.translation_of,
        list(post.problems),
        post.read_only_reason,
        post.mtime_ns,
        post.size,
        post.kind,
        post.held_if_future,
    ]


def post_from_record(path: Path, relative: str, record: Any) -> Post:
    """The post that :func:`record_of` gave ``record`` for (a list or a tuple)."""
    # Fields are taken as written: the file is ours, private to the user and
    # versioned, and converting each one again would cost a fifth of a
    # second at 100,000 posts. Only the shape of the row is checked.
    if len(record) != len(FIELDS):
        raise ValueError("not a row of this version")
    return Post.known(path, relative, *record)
