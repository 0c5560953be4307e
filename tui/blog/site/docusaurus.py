"""Docusaurus: the blog plugin's folders (the preset's `blog`, and each
`plugin-content-blog` instance's `path`), `.mdx` posts, dates from the
path, `draft` and `unlisted`; docs and pages apart."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tui.blog.site.config_files import first_present, read_text
from tui.blog.site.generator import Generator, Reading, under

CONFIGS = tuple(f"docusaurus.config.{suffix}" for suffix in ("ts", "js", "mjs", "cjs", "mts"))
_PATH_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_INSTANCE = re.compile(r"""plugin-content-blog['"]""")
_PATH_OPTION = re.compile(r"""\bpath\s*:\s*(['"`])([^'"`\n]+)\1""")


class Docusaurus(Generator):
    name = "docusaurus"
    label = "Docusaurus"
    tag_keys = ("tags",)
    category_keys = ()  # no categories: `categories` is just data
    split_tags = "none"
    draft_keys = ("draft",)
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name = first_present(root, CONFIGS) or CONFIGS[0]
        self.config_files.append(name)
        text = read_text(root / name, self.problems) or ""
        blogs: list[str] = []
        if not re.search(r"\bblog\s*:\s*false", text):
            blogs.append("blog")
        # Each instance of the blog plugin names its folder in the options after it.
        for found in _INSTANCE.finditer(text):
            option = _PATH_OPTION.search(text, found.end(), found.end() + 2_000)
            if option:
                blogs.append(option.group(2).strip("/").removeprefix("./"))
        self.blogs = tuple(dict.fromkeys(blogs))
        self.new_posts = self.blogs[0] if self.blogs else "blog"

    def kind(self, relative: str) -> str:
        for blog in self.blogs:
            if under(relative, blog):
                inside = relative[len(blog) + 1 :]
                # The plugin's default `exclude`: names starting with "_", tests.
                if any(part.startswith("_") for part in inside.split("/")):
                    return "page"
                return "post"
        return "page"

    def read(self, reading: Reading) -> None:
        data = reading.data
        if reading.kind == "post" and reading.date_source != "front matter":
            found = _PATH_DATE.search(reading.relative)
            if found:
                try:
                    year, month, day = (int(part) for part in found.groups())
                    reading.date = dt.datetime(year, month, day)
                    reading.date_source = "file name"
                except ValueError:
                    pass
        tags = data.get("tags")
        if isinstance(tags, list):
            labels = [item.get("label") if isinstance(item, dict) else item for item in tags]
            from tui.blog.parsing import tags_of

            reading.tags = tags_of(labels, "none")
