"""A cache of what each post's front matter says, so the next start reads less.

One JSON file a blog, in the platform's cache folder. An entry is used only
when the file still has the same size, modification time, change time and
inode: an edit, a rename, a delete or a rewrite that restores the
modification time all change one of them, so the cache can never show a
post as it was.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.blog.files import atomic_write
from tui.blog.head_start import cache_file
from tui.blog.post import Post
from tui.blog.walk import Stamp

VERSION = 2
"""Bumped whenever what a post holds changes, so old caches are ignored."""

SLICE = 1_000
"""Rows encoded at a time when saving."""

# A row: the post's path from the blog's folder, its stamp, then its fields.
# Rows are lists, not objects with names: at 100,000 posts JSON reads them
# in half the time.
FIELDS = (
    "title",
    "date",
    "date_source",
    "tags",
    "draft",
    "categories",
    "language",
    "translation_of",
    "problems",
    "read_only_reason",
    "mtime_ns",
    "size",
)


class PostCache:
    """The cached posts of one blog."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.file = cache_file(root, folder)
        self.root = root
        self._rows: dict[str, list[Any]] = {}
        self._kept: list[tuple[Post, Stamp]] = []
        self._changed = True

    def load(self) -> None:
        """Read the cache; a missing, old or damaged one is simply empty."""
        try:
            data = json.loads(self.file.read_text("utf-8", "surrogateescape"))
            if data.get("version") != VERSION:
                return
            self._rows = {row[0]: row for row in data["posts"]}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            self._rows = {}

    def get(self, path: Path, relative: str, current: Stamp) -> Post | None:
        row = self._rows.get(relative)
        if row is None or tuple(row[1:5]) != current:
            return None
        try:
            return post_from_record(path, relative, row[5:])
        except (TypeError, ValueError):
            return None

    @property
    def size(self) -> int:
        """How many posts the cache file held."""
        return len(self._rows)

    def keep(self, posts: list[tuple[Post, Stamp]], changed: bool = True) -> None:
        """Remember ``posts`` for :meth:`save`; unless ``changed``, there is nothing to write."""
        self._kept = posts
        self._changed = changed

    def stamps(self) -> dict[str, Stamp]:
        """The kept posts' stamps, by their paths from the blog's folder."""
        return {post.relative: current for post, current in self._kept}

    def save(self, posts: Iterable[tuple[Post, Stamp]] | None = None) -> None:
        """Write ``posts`` (default: the kept ones) for the next start.

        Errors are not worth a word: the next start just reads more.
        """
        if posts is None:
            if not self._changed:
                return  # as read: writing 100,000 rows again would cost a second
            posts = self._kept
        rows = [[post.relative, *current, *record_of(post)] for post, current in posts]
        # Encoded a slice at a time: one call to the encoder holds the
        # interpreter until it is done (a second at 100,000 posts), and the
        # app saves while its screen is being drawn.
        slices = (
            json.dumps(rows[start : start + SLICE], ensure_ascii=False)[1:-1]
            for start in range(0, len(rows), SLICE)
        )
        text = f'{{"version": {VERSION}, "posts": [{", ".join(slices)}]}}'
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.file, text.encode("utf-8", "surrogateescape"), mode=0o600)


def record_of(post: Post) -> list[Any]:
    """A post's fields as plain values (JSON's, and what worker processes send)."""
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
    ]


def post_from_record(path: Path, relative: str, record: list[Any]) -> Post:
    """The post that :func:`record_of` gave ``record`` for."""
    # Fields are taken as written: the file is ours, private to the user and
    # versioned, and converting each one again would cost a fifth of a
    # second at 100,000 posts. Only the shape of the row is checked.
    if len(record) != len(FIELDS):
        raise ValueError("not a row of this version")
    return Post.known(path, relative, *record)
