"""A post as the list shows it: what one file says about itself."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from tui.blog.opening import not_regular, read_regular
from tui.blog.walk import Stamp, stamp
from tui.lazy import compiled

# Compiled when first used (see tui/lazy.py): a next start imports this
# module before its first frame, for the posts of the list it shows then.
# Hugo's translations: index.fr.md, post.pt-br.md.
_LANGUAGE = r"(?i)^(?P<stem>.+)\.(?P<language>[a-z]{2}(?:-[a-z]{2,4})?)$"
DRAFT_FOLDERS = frozenset({"_drafts", "drafts"})
"""Jekyll's folder of drafts, and the plain name other blogs give it."""
TOO_LARGE = 5_000_000
"""Bytes above which a file is not a post one edits: it is read in part, read-only."""
HEAD = 256_000
"""Bytes read of such a file: its front matter and more than a screenful."""
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
    "kind",
    "held_if_future",
)
"""A post's fields as a record holds them (see `tui.blog.rows`), in the order
:meth:`Post.known` takes them; the cache's rows start with the post's path
from the blog's folder and its stamp."""
_DATE, _TAGS, _CATEGORIES, _LANGUAGE_FIELD, _KIND = (
    FIELDS.index(name) for name in ("date", "tags", "categories", "language", "kind")
)
"""Where a deferred post's sort key and labels are found in its record."""
CATEGORY_PREFIX = "category:"
"""Keys of categories start with this, so a category never merges with a tag."""
LANGUAGE_PREFIX = "language:"
"""Keys of languages start with this, so a language never merges with a tag ("fr")."""
LANGUAGE_KEYS = ("lang", "language")
"""Front matter keys that name a post's language, when its file name and folder do not."""
_NO_DATE = dt.datetime.min.isoformat()


@lru_cache(maxsize=65_536)
def tag_key(tag: str) -> str:
    """The identity of a tag: "Python", "python" and "PYTHON" are one tag."""
    return unicodedata.normalize("NFC", tag).casefold()


def category_key(category: str) -> str:
    """The identity of a category, apart from any tag of the same name."""
    return CATEGORY_PREFIX + tag_key(category)


def language_key(language: str) -> str:
    """The identity of a language, apart from any tag or category of the same name."""
    return LANGUAGE_PREFIX + tag_key(language)


def split_language(path: PurePath) -> tuple[str, str | None]:
    """The file's stem without its language, and the language (index.fr.md: fr)."""
    stem = path.stem
    found = compiled(_LANGUAGE).match(stem)
    if found:
        return found.group("stem"), found.group("language").lower()
    return stem, None


@dataclass(eq=False)
class Post:
    """One post's metadata, read from its file. Bodies are read on demand.

    Never changed once made (a new reading makes a new Post); not a frozen
    dataclass only because a frozen one takes four times as long to make,
    a third of a second at 100,000 posts.
    """

    path: Path
    relative: str
    """The path from the blog's folder, with forward slashes."""
    title: str
    date: dt.datetime | None
    date_source: str
    """Where the date comes from: "front matter", "file name", "path", "modified"."""
    tags: tuple[str, ...]
    draft: bool
    categories: tuple[str, ...] = ()
    """Shown beside the tags, and filtered like them, but never merged with them."""
    language: str | None = None
    """The post's language: from its file name (index.fr.md), its site's
    language folder (Hugo's content/ja/), else its front matter (lang: fr)."""
    translation_of: str | None = None
    """The post this one translates (index.md beside index.fr.md), when it exists."""
    problems: tuple[str, ...] = ()
    """What could not be read; a post with problems is still listed."""
    read_only_reason: str | None = None
    mtime_ns: int = 0
    size: int = 0
    kind: str = "post"
    """"post", or "page": a file the site's generator renders apart from its
    posts (about, docs, a section's index), or does not render at all."""
    held_if_future: bool = False
    """The site's generator holds a post dated in the future back until its
    day (Jekyll, Hugo): such a post is :attr:`scheduled`."""
    stamp: Stamp | None = None
    """The file's stamp as stat'ed before it was read, when this post was
    read from it; None when it came from elsewhere (the cache, a worker),
    whose reading knows the stamp."""

    sort_key: str = field(init=False, repr=False)
    """The date, then the path: one string, so that sorting compares strings
    (five times faster at 100,000 posts than (datetime, path) tuples)."""

    def __post_init__(self) -> None:
        # Computed once: the index sorts by it at every start.
        date = self.date
        self.sort_key = _sort_key(date.isoformat() if date else None, self.relative, self.kind)

    @classmethod
    def known(
        cls,
        path: Path,
        relative: str,
        title: str,
        date_text: str | None,
        date_source: str,
        tags: list[str],
        draft: bool,
        categories: list[str],
        language: str | None,
        translation_of: str | None,
        problems: list[str],
        read_only_reason: str | None,
        mtime_ns: int,
        size: int,
        kind: str = "post",
        held_if_future: bool = False,
    ) -> Post:
        """A post as an earlier reading made it, from its fields as plain
        values (the cache's; ``date_text``: the date's ISO form).

        The same post as the constructor makes, in about a fifth less time
        (0.1 to 0.15 s at 100,000 posts read from the cache): no dataclass
        machinery, and the date's ISO form is not made again for the sort key.
        """
        post = _new(cls)
        post.__dict__ = {
            "path": path,
            "relative": relative,
            "title": title,
            "date": _from_iso(date_text) if date_text else None,
            "date_source": date_source,
            "tags": tuple(tags),
            "draft": draft,
            "categories": tuple(categories) if categories else (),
            "language": language,
            "translation_of": translation_of,
            "problems": tuple(problems) if problems else (),
            "read_only_reason": read_only_reason,
            "mtime_ns": mtime_ns,
            "size": size,
            "kind": kind,
            "held_if_future": held_if_future,
            "stamp": None,
            "sort_key": _sort_key(date_text, relative, kind),
        }
        return post

    @classmethod
    def deferred(cls, path_of: Callable[[str], Path], relative: str, record: list[Any]) -> Post:
        """The post :meth:`known` makes of ``record``, found at
        ``path_of(relative)``, with only its sort key made now: the rest is
        made when first asked for (see ``__getattr__``).

        At a next start the list holds every post of the blog, but until
        they are shown, searched or sorted otherwise, it needs only their
        order, and the index only their places (`tui.blog.cache`): at
        100,000 posts, half a second less than making them all.
        """
        post = _new(cls)
        post.__dict__ = {
            "relative": relative,
            "sort_key": _sort_key(record[_DATE], relative, record[_KIND]),
            "_record": (path_of, record),
        }
        return post

    if not TYPE_CHECKING:  # for mypy, a post has its fields, no others

        def __getattr__(self, name: str) -> Any:
            # Asked only for what the post's dict lacks: the fields of a
            # deferred post, until the first is asked for. Made twice at
            # worst, by two threads at once, the same both times.
            own = self.__dict__
            deferred = own.get("_record")
            if deferred is None:
                raise AttributeError(name)
            path_of, record = deferred
            relative = own["relative"]
            own.update(Post.known(path_of(relative), relative, *record).__dict__)
            own.pop("_record", None)
            return getattr(self, name)

    @property
    def record(self) -> list[Any] | None:
        """The cache's row a deferred post was made of, while none of its
        fields has been asked for; else None. Writing the cache again takes
        it as it is, without making the post."""
        deferred = self.__dict__.get("_record")
        return None if deferred is None else deferred[1]

    @cached_property
    def labels(self) -> list[tuple[str, str]]:
        """(key, spelling) of every tag, category and the language, for the index."""
        # Made when first asked (by the index, as it adds the post), not for
        # every post the cache restores already indexed; for a deferred
        # post, from its row (its tags and categories, where known() takes them).
        record = self.record
        if record is not None:
            return _labels(record[_TAGS], record[_CATEGORIES], record[_LANGUAGE_FIELD])
        return _labels(self.tags, self.categories, self.language)

    @cached_property
    def tag_keys(self) -> frozenset[str]:
        """Keys of the tags, the categories and the language: what the filter matches."""
        # Made when first asked (by a filter), not for every post at every start.
        return frozenset([key for key, _ in self.labels])  # a list: faster than a generator

    @property
    def scheduled(self) -> bool:
        """Dated in the future, in a site whose generator holds it back till then."""
        return (
            self.held_if_future
            and not self.draft
            and self.date is not None
            and self.date > dt.datetime.now()
        )

    @property
    def day(self) -> str:
        """The post's date as the list shows it: 2010-11-08, or "no date"."""
        return self.date.date().isoformat() if self.date else "no date"


# Fields with defaults are class attributes too, which would answer for a
# deferred post's own: a post has them in its dict (the constructor keeps
# its defaults).
for _field in fields(Post):
    if _field.init and hasattr(Post, _field.name):
        delattr(Post, _field.name)

_new = object.__new__
_from_iso = dt.datetime.fromisoformat


def _labels(
    tags: Iterable[str], categories: Sequence[str], language: str | None = None
) -> list[tuple[str, str]]:
    labels = [(tag_key(tag), tag) for tag in tags]
    if categories:  # most posts have none: no second list to make
        labels += [(category_key(category), category) for category in categories]
    if language:
        labels.append((language_key(language), language))
    return labels


PAGE_MARK = " "
"""What a page's sort key starts with: below any date, so that pages come
after every post, undated ones included, newest first."""


def is_page_key(sort_key: str) -> bool:
    """Whether a post's sort key is a page's (asked of the key: a post
    restored from the cache has it without being made)."""
    return sort_key.startswith(PAGE_MARK)


def _sort_key(date_text: str | None, relative: str, kind: str = "post") -> str:
    # Dates are naive (as written, in the post's own offset), so their ISO
    # forms sort as they do; "\0" ends the date below any character, so
    # that 10:00:00 sorts before 10:00:00.5 whatever the paths.
    mark = PAGE_MARK if kind == "page" else ""
    return f"{mark}{date_text or _NO_DATE}\0{relative}"


def relative_path(path: Path, root: Path) -> str:
    """What :attr:`Post.relative` is for ``path`` in the blog at ``root``."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_post(
    path: Path,
    root: Path,
    relative: str | None = None,
    listed: Stamp | None = None,
    linked: bool | None = None,
) -> Post:
    """Read one post. Never raises: what goes wrong is kept in ``problems``.

    ``relative``, its path from ``root`` with forward slashes, when the
    caller knows it (working it out is a sixth of the time a post takes).
    ``listed``, the file's stamp as the caller just listed it (see
    `tui.blog.walk.listed`), which is then not stat'ed again; ``linked``,
    whether the listing found it a symbolic link (else the disk is asked).
    A FIFO, a socket or a device is listed, never read: its problem says what it is.
    """
    if relative is None:
        relative = relative_path(path, root)
    try:
        if listed is None:
            found = os.stat(path)
            # Stat'ed anyway: a FIFO or a device is not even opened. The
            # open file is asked again (see tui/blog/opening.py).
            refused = not_regular(path, found.st_mode)
            if refused is not None:
                raise refused
            listed = stamp(found)
        then = listed  # from before the read: a later change shows
        mtime_ns = then[1]
        raw, seen = read_head(path)
        # The listed size, unless the file grew past what is edited here since.
        size = then[0] if seen <= TOO_LARGE else max(then[0], seen)
    except OSError as error:
        return _unreadable(path, relative, str(error.strerror))
    try:
        # Imported here: see tui/blog/parsing.py.
        import tui.blog.parsing as parsing
        import tui.blog.site as sites

        post = parsing.parse_post(raw, path, relative, mtime_ns, size, sites.site_for(root))
        post.stamp = then
        if linked is None:
            linked = path.is_symlink()
        if linked:
            target = os.path.realpath(path)
            if not Path(target).is_relative_to(os.path.realpath(root)):
                post.problems = (*post.problems, f"a link to {target}, outside the blog")
        return post
    except Exception as error:  # one odd file must never stop a blog from loading
        return _unreadable(path, relative, f"{type(error).__name__}: {error}")


def read_head(path: Path) -> tuple[bytes, int]:
    """The whole file, or only its first HEAD bytes when it is over
    TOO_LARGE; and its size, as the open file says (or more, when more was
    found in it than it said).

    Only a regular file is read (else `NotRegular`, an OSError), and never
    more than TOO_LARGE + 1 bytes, whatever size it claims.
    """
    read = read_regular(path, TOO_LARGE, HEAD)
    return read.data, read.size


def too_large(size: int) -> str | None:
    """Why a file of ``size`` bytes is opened read-only and in part, if it is."""
    if size <= TOO_LARGE:
        return None
    return (
        f"too large to edit here ({size / 1_000_000:.0f} MB): "
        f"the first {HEAD // 1000} KB are shown, read-only"
    )


def _unreadable(path: Path, relative: str, reason: str) -> Post:
    """A post listed under its file name, saying why it could not be read."""
    return Post(
        path=path,
        relative=relative,
        title=path.name,
        date=None,
        date_source="",
        tags=(),
        draft=False,
        problems=(f"cannot be read: {reason}",),
    )
