"""Jekyll: `_posts` and `_drafts`, `exclude`, categories from the folders above `_posts`."""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Any

from tui.blog.site.config_files import read_data
from tui.blog.site.generator import Generator, Reading, has_part

# What Jekyll takes for a post's name: a date, a slug and a suffix.
_POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$")
DEFAULT_EXCLUDE = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)
CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")


def settings(root: Path, problems: list[str]) -> tuple[str | None, dict[str, Any]]:
    """The first config file of a Jekyll or Hexo site and what it says."""
    for name in CONFIGS:
        if os.path.lexists(root / name):
            return name, read_data(root / name, problems) or {}
    return None, {}


def _globs(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in value if item is not None)
    return ()


class Jekyll(Generator):
    name = "jekyll"
    label = "Jekyll"
    tag_keys = ("tags", "tag")
    split_tags = "spaces"
    draft_keys = ("published",)
    draft_folders = frozenset({"_drafts"})
    leading_blank_lines = False

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name, config = settings(root, self.problems)
        if name:
            self.config_files.append(name)
        source = config.get("source")
        self.source = str(source).strip("/") if isinstance(source, str) and source != "." else ""
        self.exclude = DEFAULT_EXCLUDE + _globs(config.get("exclude"))
        self.holds_future = config.get("future") is not True  # Jekyll's default: held
        self.include = _globs(config.get("include"))
        collections = config.get("collections")
        self.collections = (
            {f"_{key}" for key in collections} if isinstance(collections, (dict, list)) else set()
        )
        language = config.get("lang") or config.get("language")
        if isinstance(language, str):
            self.default_language = language
            self.languages = (language,)
        prefix = f"{self.source}/" if self.source else ""
        self.new_posts = prefix + "_posts"
        self.draft_folder = prefix + "_drafts"
        self.draft_mark = "in _drafts/"

    def _inside(self, relative: str) -> str | None:
        """The path from the site's source folder, or None outside it."""
        if not self.source:
            return relative
        if relative.startswith(self.source + "/"):
            return relative[len(self.source) + 1 :]
        return None

    def excluded(self, relative: str) -> bool:
        inside = self._inside(relative)
        if inside is None:
            return False  # outside the source: listed as a page, never rendered
        parts = inside.split("/")
        for pattern in self.exclude:
            bare = pattern.strip("/")
            if (
                fnmatch.fnmatchcase(inside, bare) or inside.startswith(bare + "/")
            ) and not self._included(inside):
                return True
        # Jekyll reads no file or folder whose name starts with "_" or "."
        # (but for its own folders), unless `include` names it.
        special = {"_posts", "_drafts", *self.collections}
        for part in parts:
            if part[:1] in "_." and part not in special and not self._included(part):
                return True
        return False

    def _included(self, inside: str) -> bool:
        return any(fnmatch.fnmatch(inside, pattern.strip("/")) for pattern in self.include)

    def kind(self, relative: str) -> str:
        inside = self._inside(relative)
        if inside is None:
            return "page"
        parts = inside.split("/")
        if "_drafts" in parts[:-1]:
            return "post"
        if "_posts" in parts[:-1] and _POST_NAME.match(parts[-1]):
            return "post"
        return "page"

    def read(self, reading: Reading) -> None:
        data = reading.data
        inside = self._inside(reading.relative) or reading.relative
        parts = inside.split("/")
        if reading.kind == "post":
            # Categories: the folders above _posts, then the front matter's.
            folders = parts[: parts.index("_posts")] if "_posts" in parts else []
            named = _jekyll_list(data.get("categories"))
            single = data.get("category")
            if single is not None and not isinstance(single, (list, dict)) and str(single).strip():
                named = (*named, str(single).strip())
            reading.categories = _unique((*folders, *named))
            if "title" not in data or not str(data.get("title") or "").strip():
                found = _POST_NAME.match(parts[-1])
                slug = found.group(2) if found else Path(parts[-1]).stem
                reading.title = " ".join(word.capitalize() for word in slug.split("-") if word)
        reading.draft = has_part(inside, self.draft_folders) or data.get("published") is False
        if data.get("draft") is True and not reading.draft:
            reading.problems.append(
                "draft: Jekyll does not read this key: the post is published "
                "(move it to _drafts/ or set published: false)"
            )


def _jekyll_list(value: object) -> tuple[str, ...]:
    """Jekyll's categories or tags: a list, or a string split on spaces."""
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if item is not None and str(item).strip())
    return ()


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())
