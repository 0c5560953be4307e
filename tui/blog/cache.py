"""A cache of the blog as the last reading indexed it, so the next start reads less.

One file a blog, in the platform's cache folder. A post is taken from it
only when its file still has the same size, modification time, change time
and inode: an edit, a rename, a delete or a rewrite that restores the
modification time all change one of them, so the cache can never show a
post as it was.

What it keeps is the index itself, not only each post's fields: the posts
newest first, and for every tag the places of its posts in that order. A
next start then makes the posts and puts the index together from those
places, without sorting and without a step for every tag of every post:
at 100,000 posts, a second less than indexing them again.

The file's layout is `tui.blog.cache_format`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.blog import cache_format
from tui.blog.files import atomic_write
from tui.blog.head_start import cache_file
from tui.blog.index import SORT_KEY, BlogIndex
from tui.blog.own_files import OwnFiles
from tui.blog.post import FIELDS, Post
from tui.blog.rows import record_of
from tui.blog.walk import Stamp


class PostCache:
    """The cached index of one blog."""

    def __init__(
        self,
        root: Path,
        folder: Path | None = None,
        own: OwnFiles | None = None,
        site_key: str = "",
    ) -> None:
        self.file = cache_file(root, folder)
        self.root = root
        self.site_key = site_key
        """How the site read its posts (`Site.fingerprint`): a cache the site
        read otherwise (another generator, a changed config) is not used."""
        self._own = own or OwnFiles()
        self._contents: cache_format.Contents | None = None
        self._size = 0
        self.digest = b""
        """That of the file's contents (`tui.blog.cache_format`), once loaded."""
        self._kept: list[Post] = []
        self._kept_stamps: dict[str, Stamp] = {}
        self._changed = True

    def load(self) -> None:
        """Read the cache; a missing, old or damaged one is simply empty."""
        self._contents = cache_format.read(self.file)
        self._size = len(self._contents.relatives) if self._contents else 0
        self.digest = self._contents.digest if self._contents else b""

    def restore(self, path_of: Callable[[str], Path]) -> tuple[BlogIndex, dict[str, Stamp]]:
        """The posts the cache holds, indexed as they were, and the stamp each
        was read with: only a post whose file still has that stamp may be
        shown (see :meth:`BlogIndex.discard`). Empty when the cache is.

        What was read is let go of: what is kept for the next start is what
        :meth:`keep` is given.
        """
        contents, self._contents = self._contents, None
        if contents is None or contents.posts is None:
            return BlogIndex(self.root), {}
        index = BlogIndex(self.root)
        relatives = contents.relatives
        try:
            rows, places, spellings, site_key = contents.posts
            if site_key != self.site_key:
                raise ValueError("read by another site's rules")
            if any(len(row) != len(FIELDS) for row in rows):
                raise ValueError("not a row of this version")
            # Made when first asked for: most are not, at a start (see Post.deferred).
            deferred = Post.deferred
            posts = [
                deferred(path_of, relative, row)
                for relative, row in zip(relatives, rows, strict=True)
            ]
            index.restore(posts, places, spellings)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            return BlogIndex(self.root), {}  # not what this version writes
        return index, dict(zip(relatives, contents.stamps, strict=True))

    @property
    def size(self) -> int:
        """How many posts the cache file held."""
        return self._size

    def keep(self, posts: list[Post], stamps: dict[str, Stamp], changed: bool = True) -> None:
        """Remember ``posts``, read from files with ``stamps`` (by their paths
        from the blog's folder), for :meth:`save`; unless ``changed``, there
        is nothing to write."""
        self._kept, self._kept_stamps = posts, stamps
        self._changed = changed

    def stamps(self) -> dict[str, Stamp]:
        """The kept posts' stamps, by their paths from the blog's folder (a copy)."""
        return dict(self._kept_stamps)

    def save(self, posts: list[Post] | None = None, stamps: dict[str, Stamp] | None = None) -> None:
        """Write ``posts`` read from files with ``stamps`` (default: the kept
        ones) for the next start; every post must have its stamp.

        A failure is told once (`tui.blog.own_files`), never raised: the
        next start just reads more.
        """
        if posts is None or stamps is None:
            if not self._changed:
                return  # as read: writing 100,000 rows again would cost a second
            posts, stamps = self._kept, self._kept_stamps
        # Newest first, as BlogIndex.posts() orders them: sort keys are unique.
        ordered = sorted(posts, key=SORT_KEY, reverse=True)
        relatives = [post.relative for post in ordered]
        places, spellings = BlogIndex.kept(ordered)
        data = cache_format.encode(
            relatives,
            [stamps[relative] for relative in relatives],
            # A post restored from the cache and never shown keeps its row.
            (
                [post.record or record_of(post) for post in ordered],
                places,
                spellings,
                self.site_key,
            ),
        )
        self._own.write("cache", self.file, self._write, data)

    def _write(self, data: bytes) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.file, data, mode=0o600)
        # What earlier versions wrote there, in JSON, is of no use any more.
        self.file.with_suffix(".json").unlink(missing_ok=True)
