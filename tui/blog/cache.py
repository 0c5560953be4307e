"""A cache of what each post's front matter says, so the next start reads less.

One JSON file a blog, in the platform's cache folder. An entry is used only
when the file still has the same size, modification time, change time and
inode: an edit, a rename, a delete or a rewrite that restores the
modification time all change one of them, so the cache can never show a
post as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import platformdirs

from tui.blog.files import atomic_write
from tui.blog.post import Post

APP_NAME = "blog-tui"
VERSION = 1
"""Bumped whenever what a post holds changes, so old caches are ignored."""

Stamp = tuple[int, int, int, int]


def stamp(stat: os.stat_result) -> Stamp:
    """What must not have changed for a cached entry to be used."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


class PostCache:
    """The cached posts of one blog."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        folder = folder or Path(platformdirs.user_cache_dir(APP_NAME))
        digest = hashlib.sha256(str(root.absolute()).encode("utf-8", "surrogateescape"))
        self.file = folder / f"posts-{digest.hexdigest()[:32]}.json"
        self.root = root
        self._entries: dict[str, tuple[Stamp, dict[str, Any]]] = {}
        self._kept: list[tuple[Post, Stamp]] = []

    def load(self) -> None:
        """Read the cache; a missing, old or damaged one is simply empty."""
        try:
            data = json.loads(self.file.read_text("utf-8", "surrogateescape"))
            if data.get("version") != VERSION:
                return
            self._entries = {
                relative: (tuple(entry["stamp"]), entry["post"])
                for relative, entry in data["posts"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries = {}

    def get(self, path: Path, relative: str, current: Stamp) -> Post | None:
        entry = self._entries.get(relative)
        if entry is None or entry[0] != current:
            return None
        try:
            return _post(path, relative, entry[1])
        except (KeyError, TypeError, ValueError):
            return None

    def keep(self, posts: list[tuple[Post, Stamp]]) -> None:
        """Remember ``posts`` for :meth:`save`."""
        self._kept = posts

    def save(self, posts: Iterable[tuple[Post, Stamp]] | None = None) -> None:
        """Write ``posts`` (default: the kept ones) for the next start.

        Errors are not worth a word: the next start just reads more.
        """
        posts = self._kept if posts is None else posts
        data = {
            "version": VERSION,
            "posts": {
                post.relative: {"stamp": list(current), "post": _record(post)}
                for post, current in posts
            },
        }
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            encoded = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogateescape")
            atomic_write(self.file, encoded, mode=0o600)


def _record(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "date": post.date.isoformat() if post.date else None,
        "date_source": post.date_source,
        "tags": list(post.tags),
        "draft": post.draft,
        "categories": list(post.categories),
        "language": post.language,
        "translation_of": post.translation_of,
        "problems": list(post.problems),
        "read_only_reason": post.read_only_reason,
        "mtime_ns": post.mtime_ns,
        "size": post.size,
    }


def _post(path: Path, relative: str, record: dict[str, Any]) -> Post:
    date = record["date"]
    return Post(
        path=path,
        relative=relative,
        title=record["title"],
        date=dt.datetime.fromisoformat(date) if date else None,
        date_source=record["date_source"],
        tags=tuple(record["tags"]),
        draft=bool(record["draft"]),
        categories=tuple(record["categories"]),
        language=record["language"],
        translation_of=record["translation_of"],
        problems=tuple(record["problems"]),
        read_only_reason=record["read_only_reason"],
        mtime_ns=int(record["mtime_ns"]),
        size=int(record["size"]),
    )
