"""Hugo: its config in any of its places, content per language, sections,
page bundles and their resources, `mainSections`, taxonomies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tui.blog.site.config_files import read_data
from tui.blog.site.generator import Generator, Reading, under

CONFIG_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
BLOG_SECTIONS = ("blog", "posts", "post", "news", "articles")
"""Sections taken for the posts when the site names none in `mainSections`
(Hugo's own default, its largest section, would make a site's docs its posts);
with none of them, every section's pages are posts."""


def config_files(root: Path) -> list[str]:
    """Hugo's config files at ``root``: `hugo.toml` (or `config.toml`...),
    and those of `config/_default/`, from the root."""
    found = [
        name + suffix
        for name in CONFIG_NAMES
        for suffix in CONFIG_SUFFIXES
        if os.path.lexists(root / (name + suffix))
    ][:1]
    folder = root / "config" / "_default"
    if folder.is_dir():
        with os.scandir(folder) as entries:
            found += sorted(
                f"config/_default/{entry.name}"
                for entry in entries
                if entry.name.endswith(CONFIG_SUFFIXES) and not entry.is_dir()
            )
    return found


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in value if isinstance(item, str))
    return ()


class Hugo(Generator):
    name = "hugo"
    label = "Hugo"
    tag_keys = ("tags",)
    split_tags = "none"
    draft_keys = ("draft",)
    draft_folders = frozenset()
    date_keys = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        config: dict[str, Any] = {}
        for name in config_files(root):
            self.config_files.append(name)
            data = read_data(root / name, self.problems) or {}
            stem = Path(name).stem
            if name.startswith("config/") and stem not in CONFIG_NAMES:
                data = {stem: data}  # config/_default/params.toml holds `params`
            for key, value in data.items():
                config.setdefault(key.lower(), value)
        self.holds_future = config.get("buildfuture") is not True  # Hugo's default: held
        content = config.get("contentdir")
        self.content = content.strip("/") if isinstance(content, str) else "content"
        languages = config.get("languages")
        self.languages = tuple(languages) if isinstance(languages, dict) else ()
        default = config.get("defaultcontentlanguage")
        self.default_language = (
            default if isinstance(default, str) else ("en" if self.languages else None)
        )
        self.language_dirs: dict[str, str] = {}
        if isinstance(languages, dict):
            for language, settings in languages.items():
                if isinstance(settings, dict) and isinstance(settings.get("contentDir"), str):
                    self.language_dirs[settings["contentDir"].strip("/")] = language
        params = config.get("params")
        sections = _strings(config.get("mainsections"))
        if not sections and isinstance(params, dict):
            sections = _strings(params.get("mainSections") or params.get("mainsections"))
        if not sections:
            # Named as blogs name them, in any language's folder; else every section.
            roots = [self.root / self.content, *(self.root / d for d in self.language_dirs)]
            roots += [self.root / self.content / language for language in self.languages]
            sections = tuple(
                name for name in BLOG_SECTIONS if any((root / name).is_dir() for root in roots)
            )
        self.main_sections = sections
        taxonomies = config.get("taxonomies")
        self.taxonomies = (
            {str(value).lower(): str(key).lower() for key, value in taxonomies.items()}
            if isinstance(taxonomies, dict)
            else {"tag": "tags", "category": "categories"}
        )
        self._bundles: dict[str, bool] = {}
        post_section = (sections or ("posts",))[0]
        self.new_posts = f"{self.content}/{post_section}"
        if self.language_dirs or self._language_folder(self.default_language):
            self.new_posts = f"{self.content}/{self.default_language}/{post_section}"

    def _language_folder(self, language: str | None) -> bool:
        return bool(language) and (self.root / self.content / str(language)).is_dir()

    def excluded(self, relative: str) -> bool:
        # Shortcode templates and layouts may end in .md: they are no pages.
        return relative.split("/")[0] in {"layouts", "resources", "public", "node_modules"}

    def _inside(self, relative: str) -> tuple[str | None, str] | None:
        """(language, path from that language's content folder), or None
        outside the content folders."""
        for folder, language in self.language_dirs.items():
            if under(relative, folder):
                return language, relative[len(folder) + 1 :]
        if not under(relative, self.content):
            return None
        inside = relative[len(self.content) + 1 :]
        first, _, rest = inside.partition("/")
        if rest and first in self.languages:
            return first, rest
        return None, inside

    def section_of(self, folder: str) -> str:
        """The section a folder (from the root) is in: its first folder in
        its language's content ("" outside the content)."""
        found = self._inside(folder.rstrip("/") + "/new.md")
        return found[1].split("/", 1)[0] if found and "/" in found[1] else ""

    def _bundle_of(self, relative: str) -> bool:
        """Whether a folder above the file (not its own) is a leaf bundle,
        which makes the file one of that bundle's resources."""
        folders = relative.split("/")[:-1]
        own = relative.rsplit("/", 1)[-1].startswith("index.")
        for depth in range(len(folders) - (1 if own else 0), 0, -1):
            folder = "/".join(folders[:depth])
            known = self._bundles.get(folder)
            if known is None:
                known = any(
                    (self.root / folder / ("index" + suffix)).is_file()
                    for suffix in (".md", ".markdown", ".html")
                )
                self._bundles[folder] = known
            if known:
                return True
        return False

    def kind(self, relative: str) -> str:
        found = self._inside(relative)
        if found is None:
            return "page"  # archetypes, READMEs: not content
        _, inside = found
        name = inside.rsplit("/", 1)[-1]
        if "/" not in inside or name.startswith("_index."):
            return "page"  # the home page's own files, section pages
        if self._bundle_of(relative):
            return "page"  # a resource of a bundle
        section = inside.split("/", 1)[0]
        return "post" if not self.main_sections or section in self.main_sections else "page"

    def read(self, reading: Reading) -> None:
        found = self._inside(reading.relative)
        if found is not None and found[0] and not reading.language:
            reading.language = found[0]
        super().read(reading)  # headless bundles
        tags_key = self.taxonomies.get("tag")
        category_key = self.taxonomies.get("category")
        if tags_key is None:
            reading.tags = ()
        if category_key is None:
            reading.categories = ()
