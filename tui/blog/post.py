"""A post as the list shows it: what one file says about itself."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from tui.blog.opening import not_regular, read_regular
from tui.blog.walk import Stamp, stamp
from tui.lazy import compiled

if TYPE_CHECKING:
    from tui.blog.site import Site
    from tui.blog.site.generator import Generator

# Compiled when first used (see tui/lazy.py): a next start imports this
# module before its first frame, for the posts of the list it shows then.
_NAME_DATE = r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:-|$)"
_PATH_DATE = r"(?:^|/)(\d{4})/(\d{2})/(\d{2})(?:/|$)"
# A bundle dated by its folder: 2021-08-26-welcome/index.md.
_BUNDLE_DATE = r"(?:^|/)(\d{4})-(\d{1,2})-(\d{1,2})-[^/]*/index(?:\.[A-Za-z-]+)?\.[^./]+$"
_HEADING = r"(?m)^#[ \t]+(.+?)[ \t#]*$"
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

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


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
        from tui.blog.site import site_for

        post = parse_post(raw, path, relative, mtime_ns, size, site_for(root))
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


def parse_post(
    raw: bytes,
    path: Path,
    relative: str,
    mtime_ns: int,
    size: int,
    site: Site | None = None,
) -> Post:
    """Build a post from its bytes, as the generator of ``site`` reads it
    (without one, by the app's own rules)."""
    # Imported here, not with Post: a next start's first frame lists posts
    # from its glimpse and parses none (these imports were 2% of its work).
    # Once imported, the statements cost 0.6 us a post, of the 75 it takes.
    import tui.blog.encoding as encoding
    import tui.blog.frontmatter as frontmatter
    from tui.blog.site.generator import Generator, Reading

    generator = site.generator if site is not None else _plain()
    inside = site.from_root(relative) if site is not None else relative
    decoded = encoding.decode(raw)
    matter, written_data, body_offset = generator.front_matter(decoded.text)
    # Keys are read whatever their case: Statiq writes Title, Hugo title.
    data: dict[str, Any] = {}
    for key, value in written_data.items():
        data.setdefault(str(key).lower(), value)
    problems = list(matter.problems)
    read_only_reason = too_large(size) or decoded.read_only_reason
    if read_only_reason:
        problems.append(read_only_reason)
    date_key = next((key for key in generator.date_keys if data.get(key) not in (None, "")), None)
    written = frontmatter.as_date(data[date_key]) if date_key is not None else None
    date, date_source = _date(written, path, relative, mtime_ns)
    taxonomies = data.get("taxonomies")  # Zola keeps tags and categories there
    language = split_language(path)[1]
    unread_date = date_key is not None and date_source != "front matter"
    if (
        date_key is not None
        and unread_date
        and not any(problem.startswith(f"{date_key}:") for problem in problems)
    ):
        problems.append(f"{date_key}: {data[date_key]!s} is not a date this app can read")
    if unread_date and date_source == "modified":
        # A date written but not a date (2018-02-31): the post is undated,
        # never dated today by its file's time, which no generator would do.
        date, date_source = None, ""
    kind = site.kind(relative) if site is not None else "post"
    reading = Reading(
        relative=inside,
        data=data,
        body=decoded.text[body_offset:],
        title=_title(data, matter.source, decoded.text[body_offset:], path),
        date=date,
        date_source=date_source,
        tags=tags_of(_first(data, taxonomies, *generator.tag_keys), generator.split_tags),
        categories=tags_of(
            _first(data, taxonomies, *generator.category_keys), generator.split_tags
        ),
        draft=_is_draft(data, relative, generator),
        language=language,
        problems=problems,
        kind=kind,
    )
    generator.read(reading)
    if not reading.language:
        # The file's name and the site's folders say nothing: the front matter may.
        reading.language = _written_language(data)
    return Post(
        path=path,
        relative=relative,
        title=Generator.unescaped(reading.title),
        date=reading.date,
        date_source=reading.date_source,
        tags=reading.tags,
        categories=reading.categories,
        language=reading.language,
        translation_of=_original(path, relative, language),
        draft=reading.draft,
        problems=tuple(reading.problems),
        read_only_reason=read_only_reason,
        mtime_ns=mtime_ns,
        size=size,
        kind=reading.kind,
        held_if_future=generator.holds_future and reading.kind == "post",
    )


def _written_language(data: dict[str, Any]) -> str | None:
    """The language the front matter names (lang: fr, language: pt-BR), lower-cased
    as file names and Hugo's folders give it."""
    for key in LANGUAGE_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return None


def _original(path: Path, relative: str, language: str | None) -> str | None:
    """The relative path of the untranslated post beside ``path``, if there is one."""
    if language is None:
        return None
    stem, _ = split_language(path)
    original = path.with_name(stem + path.suffix)
    if not original.is_file():
        return None
    return relative[: len(relative) - len(path.name)] + original.name


def _first(data: dict[str, Any], taxonomies: object, *keys: str) -> object:
    """The first of ``keys`` that has a value, in the front matter or Zola's taxonomies."""
    for source in (data, taxonomies if isinstance(taxonomies, dict) else {}):
        for key in keys:
            if source.get(key) not in (None, "", []):
                return source[key]
    return None


def _title(data: dict[str, Any], source: str, body: str, path: Path) -> str:
    value = data.get("title")
    if isinstance(value, str) and value.strip():
        return value.strip()
    if value is not None and not isinstance(value, (str, dict, list)):
        # YAML reads `title: 1.10` as a number and `title: 2001-01-01` as a
        # date: show the title as the author wrote it.
        written = re.search(r"^title[ \t]*[:=][ \t]*(.+?)[ \t]*$", source, re.MULTILINE)
        return written.group(1) if written else str(value)
    heading = compiled(_HEADING).search(body)
    if heading:
        return heading.group(1)
    stem, _ = split_language(path)
    if stem == "index" and path.parent.name:
        return path.parent.name
    return path.name


def _date(
    written: dt.datetime | None, path: Path, relative: str, mtime_ns: int
) -> tuple[dt.datetime | None, str]:
    """The post's date and where it was found: ``written`` in its front
    matter, else its file name, its path, its modification time."""
    if written is not None:
        return written, "front matter"
    for pattern, text, source in (
        (_NAME_DATE, path.name, "file name"),
        (_PATH_DATE, relative, "path"),
        (_BUNDLE_DATE, relative, "path"),
    ):
        found = compiled(pattern).search(text)
        if found:
            try:
                year, month, day = (int(part) for part in found.groups())
                return dt.datetime(year, month, day), source
            except ValueError:
                pass
    return dt.datetime.fromtimestamp(mtime_ns / 1e9), "modified"


def tags_of(value: object, split: str = "commas or spaces") -> tuple[str, ...]:
    """Tags as a list, or a string split as ``split`` says: "commas or
    spaces" (on commas, else on spaces), "spaces" (as Jekyll does),
    "commas" (Pelican), "none" (one tag: Hexo, Hugo, Eleventy)."""
    if isinstance(value, str):
        if split == "none":
            words: list[str] = [value]
        elif split == "spaces":
            words = value.split()
        elif split == "commas" or "," in value:
            words = value.split(",")
        else:
            words = value.split()
        items: list[object] = list(words)
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return ()
    seen: dict[str, str] = {}
    for item in items:
        if item is None or isinstance(item, (dict, list)):
            continue
        tag = str(item).strip()
        if tag and tag_key(tag) not in seen:
            seen[tag_key(tag)] = tag
    return tuple(seen.values())


def _is_draft(data: dict[str, Any], relative: str, generator: Generator) -> bool:
    """Whether the generator keeps the post unpublished: in its drafts'
    folder, or marked by a key it honours."""
    if generator.draft_folders.intersection(relative.split("/")[:-1]):
        return True
    if "draft" in generator.draft_keys and _truth(data.get("draft")) is True:
        return True
    return "published" in generator.draft_keys and _truth(data.get("published")) is False


def _truth(value: object) -> bool | None:
    """YAML booleans, and the strings "true"/"false" read as what they say."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return None


@lru_cache(maxsize=1)
def _plain() -> Generator:
    """How a folder in no known site is read (made when first asked: the
    site's modules are not imported before a next start's first frame)."""
    from tui.blog.site.generator import Generator

    return Generator(Path("."))
