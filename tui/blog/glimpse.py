"""What the list showed when the blog was last read, for the next start to show at once.

At a next start the posts come from the cache (`tui.blog.cache`), but the
main screen takes a few tenths of a second to import and draw before it can
show them. A glimpse is the top of the list and the tag sidebar's counts as
they were when the blog was last read, with a fingerprint of every post
file's stamp (size, modification and change times, inode) then. The start
screen shows it when the folder's files still have exactly those stamps:
listing and stat'ing them is all it costs (a tenth of a second at 10,000
posts). Any file added, removed, renamed or changed, even with its size and
modification time kept, changes the fingerprint, and the glimpse is not
shown: it can never show a post as it was.

A damaged, old or missing glimpse is simply not shown.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.blog.head_start import glimpse_file
from tui.blog.own_files import read_own
from tui.blog.walk import Listed, Stamp, listed

# What a glimpse's posts and tags are made of is imported where they are
# made: the child that checks a glimpse (tui/blog/glimpse_child.py) needs
# none of it, and importing it took the child 30 ms before it could start.
if TYPE_CHECKING:
    from tui.blog.index import TagCount
    from tui.blog.own_files import OwnFiles
    from tui.blog.post import Post

VERSION = 4
"""Bumped whenever what a glimpse holds changes, so old ones are ignored."""

ROWS = 120
"""Posts kept: more than the tallest terminal shows."""

MOST_POSTS = 25_000
"""Posts above which no glimpse is kept: checking it would take longer
(a second at 100,000 posts) than it saves."""


class Glimpse(NamedTuple):
    """The top of the list and the sidebar, as they still are on disk.

    A named tuple, not a dataclass: made before the first frame (see
    tui/widgets/tag_sidebar.py's Row)."""

    order: str
    """The list's order the posts are in."""
    total: int
    """How many posts the blog has."""
    tags: list[TagCount]
    posts: list[Post]
    """The first posts of the list, in ``order``."""
    main_language: str | None = None
    """The blog's own language, which the list does not mark its posts with."""


def fingerprint(files: Iterable[Listed], unreadable: Sequence[str]) -> str | None:
    """One string for every post file's path and stamp, and the folders that
    could not be read; None when a file could not be stat'ed (it is read to
    say why, so nothing can be shown before that)."""
    lines = []
    for relative, current in files:
        if current is None:
            return None
        size, mtime, ctime, inode = current
        lines.append(f"{relative}\0{size}\0{mtime}\0{ctime}\0{inode}")
    lines.sort()  # the listing's order is the file system's
    lines += sorted(f"\0{folder}" for folder in unreadable)
    text = "\n".join(lines).encode("utf-8", "surrogateescape")
    import hashlib  # here: the app only reads a glimpse that the child checked

    return hashlib.blake2b(text, digest_size=20).hexdigest()


def save(
    root: Path,
    order: str,
    posts: Sequence[Post],
    tags: Sequence[TagCount],
    stamps: dict[str, Stamp],
    unreadable: Sequence[str],
    folder: Path | None = None,
    own: OwnFiles | None = None,
    site_language: str | None = None,
) -> None:
    """Keep the list's first ``posts`` (all of them, in ``order``), the ``tags``
    and the main language (the ``site_language`` its config names, else its
    posts' most common) of the blog read with ``stamps``. A failure is told once by ``own``
    (`tui.blog.own_files`), never raised: the next start just shows its
    list a little later."""
    from tui.blog.files import atomic_write
    from tui.blog.index import main_language
    from tui.blog.own_files import OwnFiles
    from tui.blog.rows import record_of

    own = own or OwnFiles()
    file = glimpse_file(root, folder)
    if len(posts) > MOST_POSTS or stamps.keys() != {post.relative for post in posts}:
        # Too large, or the posts are not those read with ``stamps`` (one
        # could not be stat'ed, or the folder changed while it was read):
        # none to keep, and an older one must not stay (it could match again).
        own.remove("glimpse", file, file)
        return
    data = {
        "version": VERSION,
        "order": order,
        "fingerprint": fingerprint(stamps.items(), unreadable),
        "total": len(posts),
        "tags": [[tag.key, tag.name, tag.count] for tag in tags],
        "language": main_language(
            {tag.name: tag.count for tag in tags if tag.is_language}, len(posts), site_language
        ),
        "posts": [[post.relative, *record_of(post)] for post in posts[:ROWS]],
    }
    import json  # here, as in _checked: the app's start reads what marshal wrote

    # ASCII: a title with a lone surrogate (JSON front matter allows "\ud800") is written
    # as an escape that reads back the same, where UTF-8 could not hold it.
    text = json.dumps(data).encode("ascii")

    def write() -> None:
        file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(file, text, mode=0o600)

    own.write("glimpse", file, write)


def load(root: Path, order: str, folder: Path | None = None) -> Glimpse | None:
    """The glimpse of the blog at ``root`` in ``order``, if its files are all
    as they were when it was kept; else None. Never raises."""
    found = _checked(root, order, folder)
    return None if found is None else _glimpse(root, found)


def checked(root: Path, order: str, folder: Path | None = None) -> bytes | None:
    """What the glimpse file of the blog at ``root`` says, for `parse`, if
    it is of ``order`` and its files are all as they were when it was kept;
    else None. Never raises.

    In `marshal`'s form, which the app reads back in C without importing
    anything (JSON took its import and a slower decoding from the time
    before the first frame)."""
    found = _checked(root, order, folder)
    return None if found is None else marshal.dumps(found)


def parse(root: Path, kept: bytes) -> Glimpse | None:
    """The glimpse in ``kept``, what `checked` returned; None if it is not
    one. Never raises."""
    try:
        return _glimpse(root, marshal.loads(kept))
    except (ValueError, EOFError, TypeError):
        return None


GLIMPSE_MOST = 16 << 20
"""Bytes past which a file is not a glimpse of ours (one holds a screenful of posts)."""


def _checked(root: Path, order: str, folder: Path | None) -> Any:
    """What the glimpse file says, if it still holds; else None."""
    import json

    try:
        kept = read_own(glimpse_file(root, folder), GLIMPSE_MOST)
        if kept is None:
            return None
        data = json.loads(kept.decode("utf-8", "surrogateescape"))
        if data["version"] != VERSION or data["order"] != order:
            return None
        unreadable: list[str] = []
        files = [file for part in listed(str(root), unreadable) for file in part]
        if len(files) != data["total"] or fingerprint(files, unreadable) != data["fingerprint"]:
            return None
        return data
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def _glimpse(root: Path, data: Any) -> Glimpse | None:
    """The glimpse that a glimpse file's ``data`` holds; None if it is not one."""
    from tui.blog.index import TagCount
    from tui.blog.rows import post_from_record

    def post(row: list[Any]) -> Post:
        relative = row[0]
        if not isinstance(relative, str):
            raise TypeError("not a path")
        return post_from_record(root / relative, relative, row[1:])

    try:
        tags = [TagCount(key, name, count) for key, name, count in data["tags"]]
        posts = [post(row) for row in data["posts"]]
        language = data.get("language")
        if language is not None and not isinstance(language, str):
            raise TypeError("not a language")
        return Glimpse(data["order"], data["total"], tags, posts, language)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
