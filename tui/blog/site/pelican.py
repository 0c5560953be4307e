"""Pelican: its settings file read for its literal values, articles and
pages by their paths, the `Key: value` header, `Status`, categories."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.blog.site.config_files import python_assignments, read_text
from tui.blog.site.generator import Generator, Reading, under

if TYPE_CHECKING:
    from tui.blog.frontmatter import FrontMatter

SETTINGS = ("pelicanconf.py", "publishconf.py", "settings.py")
_PELICAN_NAMES = re.compile(r"^(?:SITENAME|ARTICLE_PATHS|PAGE_PATHS|ARTICLE_URL|THEME)\s*=", re.M)
_HEADER_LINE = re.compile(r"^([A-Za-z0-9_-]+):[ \t]*(.*?)[ \t]*$")


def settings_file(root: Path) -> str | None:
    """The site's Pelican settings file, if ``root`` has one."""
    if os.path.lexists(root / "pelicanconf.py"):
        return "pelicanconf.py"
    for name in SETTINGS[1:]:
        if os.path.lexists(root / name):
            text = read_text(root / name, []) or ""
            if _PELICAN_NAMES.search(text):
                return name
    return None


def header(text: str) -> tuple[dict[str, Any], int] | None:
    """Pelican's Markdown metadata (`Title: ...` lines up to the first blank
    line, lines indented four spaces continuing the one before) and where
    the body starts; None when the text does not open with it."""
    data: dict[str, Any] = {}
    position, last = 0, None
    while position < len(text):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        following = len(text) if end < 0 else end + 1
        if not line.strip():
            return (data, following) if data else None
        found = _HEADER_LINE.match(line)
        if found:
            last = found.group(1).lower()
            data[last] = found.group(2)
        elif last is not None and line.startswith(("    ", "\t")):
            data[last] = f"{data[last]} {line.strip()}".strip()
        else:
            return (data, position) if data else None
        position = following
    return (data, len(text)) if data else None


def _paths(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(item).strip("/") for item in value)
    if isinstance(value, str):
        return (value.strip("/"),)
    return default


class Pelican(Generator):
    name = "pelican"
    label = "Pelican"
    tag_keys = ("tags",)
    category_keys = ("category",)
    split_tags = "commas"
    draft_keys = ()
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name = settings_file(root) or "pelicanconf.py"
        self.config_files.append(name)
        config = python_assignments(root / name, self.problems) or {}
        path = config.get("PATH")
        if isinstance(path, str):
            self.content = path.strip("/").removeprefix("./") if path not in (".", "./") else ""
        else:
            self.content = "content" if (root / "content").is_dir() else ""
        self.page_paths = _paths(config.get("PAGE_PATHS"), ("pages",))
        self.article_paths = _paths(config.get("ARTICLE_PATHS"), ("",))
        self.article_excludes = _paths(config.get("ARTICLE_EXCLUDES"), self.page_paths)
        category = config.get("DEFAULT_CATEGORY")
        self.default_category = category if isinstance(category, str) else "misc"
        self.folder_category = config.get("USE_FOLDER_AS_CATEGORY", True) is not False
        metadata = config.get("FILENAME_METADATA")
        self.filename_metadata = (
            metadata if isinstance(metadata, str) else r"(?P<date>\d{4}-\d{2}-\d{2}).*"
        )
        timezone = config.get("TIMEZONE")
        self.timezone = timezone if isinstance(timezone, str) else None
        language = config.get("DEFAULT_LANG")
        self.default_language = language if isinstance(language, str) else "en"
        self.languages = (self.default_language,)
        defaults = config.get("DEFAULT_METADATA")
        self.default_status = (
            str(defaults.get("status", "published")).lower()
            if isinstance(defaults, dict)
            else "published"
        )
        first = self.article_paths[0] if self.article_paths else ""
        self.new_posts = "/".join(part for part in (self.content, first) if part)
        self.draft_mark = "Status: draft"

    def _inside(self, relative: str) -> str | None:
        if not self.content:
            return relative
        return relative[len(self.content) + 1 :] if under(relative, self.content) else None

    def front_matter(self, text: str) -> tuple[FrontMatter, dict[str, Any], int]:
        matter, data, body = super().front_matter(text)
        if matter.format is None and not matter.problems:
            found = header(text)
            if found is not None:
                return matter, found[0], found[1]  # Pelican's own `Key: value` header
        return matter, data, body

    def kind(self, relative: str) -> str:
        inside = self._inside(relative)
        if inside is None:
            return "page"
        if any(under(inside, path) for path in self.page_paths):
            return "page"
        if any(under(inside, path) for path in self.article_excludes):
            return "page"
        return "post" if any(under(inside, path) for path in self.article_paths) else "page"

    def read(self, reading: Reading) -> None:
        data = reading.data
        status = str(data.get("status") or self.default_status).strip().lower()
        reading.draft = status in ("draft", "hidden")
        if reading.kind != "post":
            reading.categories = ()  # a page has none, whatever it says
            return
        category = data.get("category")
        if isinstance(category, str) and category.strip():
            reading.categories = (category.strip(),)
        else:
            inside = self._inside(reading.relative) or reading.relative
            folders = [part for part in inside.split("/")[:-1] if part]
            for path in self.article_paths:
                if path and folders[: len(path.split("/"))] == path.split("/"):
                    folders = folders[len(path.split("/")) :]
            reading.categories = (
                (folders[0],) if self.folder_category and folders else (self.default_category,)
            )
        if reading.date_source != "front matter":
            name = reading.relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            try:
                found = re.match(self.filename_metadata, name)
            except re.error:
                found = None
            if found and found.groupdict().get("date"):
                try:
                    reading.date = dt.datetime.fromisoformat(found.group("date"))
                    reading.date_source = "file name"
                except ValueError:
                    pass
