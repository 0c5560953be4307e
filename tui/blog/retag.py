"""Renaming or merging a tag across the whole blog, one atomic write a file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.blog.errors import OUTSIDE, READ_ONLY, BlogError, ChangedOnDisk, NeedsConfirmation
from tui.blog.files import atomic_write
from tui.blog.index import BlogIndex
from tui.blog.metadata import ListKey, rename_tag
from tui.blog.post import CATEGORY_PREFIX, Post
from tui.blog.store import Blog


@dataclass(frozen=True)
class Retag:
    """Rename the tag (or category) ``key`` to ``new``: merged if ``new`` exists."""

    key: str
    old: str
    new: str

    @property
    def list_key(self) -> ListKey:
        return "categories" if self.key.startswith(CATEGORY_PREFIX) else "tags"

    def posts(self, index: BlogIndex) -> list[Post]:
        """The posts the change will touch, newest first (shown before anything is written)."""
        return index.filter([self.key])


@dataclass
class Report:
    """What a blog-wide change did."""

    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def apply(blog: Blog, retag: Retag, posts: Sequence[Post], skip: Sequence[Path] = ()) -> Report:
    """Rename the tag in each of ``posts`` except ``skip``; every file written atomically.

    A file that cannot be changed is reported, never half-written.
    """
    report = Report()
    for post in posts:
        if post.path in skip:
            report.failed.append((post.path, "it has unsaved changes in the editor"))
            continue
        try:
            document = blog.open(post.path)
            if document.decoded.read_only_reason:
                raise BlogError(document.decoded.read_only_reason)
            text = rename_tag(document.text, retag.old, retag.new, key=retag.list_key)
            if text == document.text:
                report.unchanged.append(post.path)
                continue
            # As a save does: never over another program's write, a read-only
            # post or a folder that now leads out of the blog.
            atomic_write(
                post.path,
                document.encode(text),
                expected=document.raw,
                within=blog.root,
                confirmed=False,
            )
        except NeedsConfirmation as question:
            reason = {READ_ONLY: "it is read-only", OUTSIDE: "it would be written outside the blog"}
            report.failed.append((post.path, reason.get(question.kind, question.message)))
            continue
        except ChangedOnDisk:
            report.failed.append((post.path, "another program changed it as it was being written"))
            continue
        except BlogError as error:
            report.failed.append((post.path, error.message))
            continue
        report.changed.append(post.path)
    return report
