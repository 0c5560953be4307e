"""Reading a post's bytes into a `Post`, as its site's generator reads it.

Imported when the first post is read, not with `tui.blog.post`: a next
start's first frame lists posts from its glimpse and parses none.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.blog.post import LANGUAGE_KEYS, Post, split_language, tag_key, too_large
from tui.lazy import compiled

if TYPE_CHECKING:
    from tui.blog.site import Site
    from tui.blog.site.generator import Generator

_NAME_DATE = r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:-|$)"
_PATH_DATE = r"(?:^|/)(\d{4})/(\d{2})/(\d{2})(?:/|$)"
# A bundle dated by its folder: 2021-08-26-welcome/index.md.
_BUNDLE_DATE = r"(?:^|/)(\d{4})-(\d{1,2})-(\d{1,2})-[^/]*/index(?:\.[A-Za-z-]+)?\.[^./]+$"
_HEADING = r"(?m)^#[ \t]+(.+?)[ \t#]*$"
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}


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
    import tui.blog.site.generator as generators

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
        problems.append(_unread_date(date_key, data[date_key], date_source))
    if unread_date and date_source == "modified":
        # A date written but not a date (2018-02-31): the post is undated,
        # never dated today by its file's time, which no generator would do.
        date, date_source = None, ""
    kind = site.kind(relative) if site is not None else "post"
    reading = generators.Reading(
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
        title=generators.Generator.unescaped(reading.title),
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


def _unread_date(key: str, value: object, source: str) -> str:
    """What is said of a date the post gives that is no date, in words."""
    if isinstance(value, dict):
        shown = "a mapping of " + ", ".join(str(name) for name in list(value)[:3])
    elif isinstance(value, list):
        shown = "a list"
    else:
        shown = str(value)
    where = {"file name": "the file's name", "path": "its folders"}.get(source)
    then = f"dated by {where} instead" if where else "listed undated"
    return f"{key}: {shown} is not a date this app can read; {then}"


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
