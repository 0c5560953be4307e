"""Eleventy: its input folder, `.eleventyignore`, collections of posts
named in its config, dates from the front matter or the file's name."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from tui.blog.site.config_files import read_text
from tui.blog.site.generator import Generator, Reading, under

CONFIGS = (
    ".eleventy.js",
    *(f"eleventy.config.{suffix}" for suffix in ("js", "mjs", "cjs", "ts", "mts")),
)
_INPUT = re.compile(r"""\binput\s*:\s*(['"`])([^'"`\n]+)\1""")
# Where a collection of posts is defined: getFilteredByGlob("src/posts/*.md"),
# inputPath.startsWith("./src/blog/").
_COLLECTION = re.compile(
    r"""(?:getFilteredByGlob|startsWith)\s*\(\s*(['"`])\.?/?([^'"`*\n]+)[^'"`\n]*\1"""
)


class Eleventy(Generator):
    name = "eleventy"
    label = "Eleventy"
    tag_keys = ("tags",)
    split_tags = "none"
    draft_keys = ("draft",)
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name = next((name for name in CONFIGS if (root / name).is_file()), None)
        text = ""
        if name:
            self.config_files.append(name)
            text = read_text(root / name, self.problems) or ""
        found = _INPUT.search(text)
        self.input = found.group(2).strip("/").removeprefix("./") if found else ""
        self.post_folders = tuple(
            dict.fromkeys(
                match.group(2).strip("/")
                for match in _COLLECTION.finditer(text)
                if under(match.group(2).strip("/"), self.input)
            )
        )
        self.ignored: list[str] = []
        ignore = read_text(root / ".eleventyignore", [])
        if ignore is not None:
            self.config_files.append(".eleventyignore")
            for line in ignore.splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    self.ignored.append(line.removeprefix("./").strip("/"))
        self.honours_draft = "draft" in text
        self.new_posts = self.post_folders[0] if self.post_folders else self.input

    def excluded(self, relative: str) -> bool:
        for pattern in self.ignored:
            if fnmatch.fnmatchcase(relative, pattern) or under(relative, pattern):
                return True
            if pattern.startswith("**/") and fnmatch.fnmatchcase(
                relative.rsplit("/", 1)[-1], pattern[3:]
            ):
                return True
        return False

    def kind(self, relative: str) -> str:
        if not under(relative, self.input):
            return "page"
        if self.post_folders:
            return (
                "post" if any(under(relative, folder) for folder in self.post_folders) else "page"
            )
        return "post"

    def read(self, reading: Reading) -> None:
        if not self.post_folders and reading.kind == "post" and reading.date_source == "modified":
            reading.kind = "page"  # no collection named: a dated file is a post
        data = reading.data
        # Kept out of the build and of every collection: what a draft is here.
        reading.draft = (self.honours_draft and reading.draft) or (
            data.get("permalink") is False and data.get("eleventyexcludefromcollections") is True
        )
