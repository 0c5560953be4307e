"""Zola: `content/` sections (`_index.md`), posts in sections sorted by
date, dates from the front matter or the file's name, taxonomies."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tui.blog.site.config_files import read_data, read_text
from tui.blog.site.generator import Generator, Reading, under


class Zola(Generator):
    name = "zola"
    label = "Zola"
    tag_keys = ()  # only [taxonomies] tags are tags
    category_keys = ()
    draft_keys = ("draft",)
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.config_files.append("config.toml")
        config = read_data(root / "config.toml", self.problems) or {}
        language = config.get("default_language")
        self.default_language = language if isinstance(language, str) else "en"
        others = config.get("languages")
        self.languages = (self.default_language, *(others if isinstance(others, dict) else ()))
        self.content = "content"
        self._sorted_by_date: dict[str, bool] = {}
        self.new_posts = self._posts_section()
        self.draft_mark = "draft = true"

    def _posts_section(self) -> str:
        """The first section sorted by date, for new posts."""
        content = self.root / self.content
        if content.is_dir():
            for index in sorted(content.glob("*/_index.md")):
                folder = index.parent.relative_to(self.root).as_posix()
                if self._section_by_date(folder):
                    return folder
        return self.content

    def _section_by_date(self, folder: str) -> bool:
        known = self._sorted_by_date.get(folder)
        if known is None:
            known = False
            text = read_text(self.root / folder / "_index.md", [])
            if text is not None and text.startswith("+++"):
                source = text[3:].split("\n+++", 1)[0]
                try:
                    known = tomllib.loads(source).get("sort_by") == "date"
                except tomllib.TOMLDecodeError:
                    known = False
            self._sorted_by_date[folder] = known
        return known

    def kind(self, relative: str) -> str:
        if not under(relative, self.content):
            return "page"
        name = relative.rsplit("/", 1)[-1]
        if name.startswith("_index."):
            return "page"
        folders = relative.split("/")[:-1]
        if name.startswith("index."):
            folders = folders[:-1]  # a bundle: its section is the folder above
        # The nearest section above the page decides.
        for depth in range(len(folders), 1, -1):
            folder = "/".join(folders[:depth])
            if (self.root / folder / "_index.md").is_file():
                return "post" if self._section_by_date(folder) else "page"
        return "page"

    def read(self, reading: Reading) -> None:
        taxonomies = reading.data.get("taxonomies")
        if isinstance(taxonomies, dict):
            from tui.blog.parsing import tags_of

            reading.tags = tags_of(taxonomies.get("tags"), "none")
            reading.categories = tags_of(taxonomies.get("categories"), "none")
        if reading.date_source not in ("front matter",):
            parts = reading.relative.split("/")
            name = parts[-2] if parts[-1].startswith("index.") and len(parts) > 1 else parts[-1]
            date = self.name_date(name)
            if date is not None:
                reading.date, reading.date_source = date, "file name"
