"""Eleventy: its input folder, `.eleventyignore`, collections of posts
named in its config, dates from the front matter or the file's name."""

from __future__ import annotations

import re
from pathlib import Path

from tui.blog.site.config_files import first_present, read_text
from tui.blog.site.generator import Generator, Reading, under

CONFIGS = (
    ".eleventy.js",
    *(f"eleventy.config.{suffix}" for suffix in ("js", "mjs", "cjs", "ts", "mts")),
)
_INPUT = re.compile(r"""\binput\s*:\s*(['"`])([^'"`\n]+)\1""")
_COLLECTION = re.compile(r"""addCollection\s*\(\s*(['"`])(\w+)\1""")
# What a collection takes: getFilteredByGlob("src/posts/*.md"), inputPath.startsWith("./src/blog/").
_GLOB = re.compile(r"""getFilteredByGlob\s*\(\s*(['"`])([^'"`\n]+)\1""")
_PREFIX = re.compile(r"""startsWith\s*\(\s*(['"`])([^'"`\n]+)\1""")
POST_COLLECTIONS = ("posts", "post", "blog", "articles")
"""The names a site gives its collection of posts."""


class Eleventy(Generator):
    name = "eleventy"
    label = "Eleventy"
    tag_keys = ("tags",)
    category_keys = ()  # no categories: `categories` is just data
    split_tags = "none"
    draft_keys = ("draft",)
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name = first_present(root, CONFIGS)
        text = ""
        if name:
            self.config_files.append(name)
            text = read_text(root / name, self.problems) or ""
        found = _INPUT.search(text)
        self.input = found.group(2).strip("/").removeprefix("./") if found else ""
        self.post_globs = _post_globs(text)
        self.ignored: list[re.Pattern[str]] = []
        ignore = read_text(root / ".eleventyignore", [])
        if ignore is not None:
            self.config_files.append(".eleventyignore")
            for line in ignore.splitlines():
                line = line.strip()
                if line and not line.startswith(("#", "!")):
                    glob = line.removeprefix("./").strip("/")
                    # A folder's name ignores what is in it.
                    self.ignored += [glob_pattern(glob), glob_pattern(glob + "/**")]
        self.honours_draft = "draft" in text
        if not self.honours_draft:
            self.draft_mark = "permalink: false, eleventyExcludeFromCollections: true"
        self.new_posts = self.post_globs[0][1].rsplit("/", 1)[0] if self.post_globs else self.input

    def excluded(self, relative: str) -> bool:
        return any(pattern.fullmatch(relative) for pattern in self.ignored)

    def kind(self, relative: str) -> str:
        if not under(relative, self.input):
            return "page"
        if self.post_globs:
            posts = any(pattern.fullmatch(relative) for pattern, _ in self.post_globs)
            return "post" if posts else "page"
        return "post"

    def read(self, reading: Reading) -> None:
        if not self.post_globs and reading.kind == "post" and reading.date_source == "modified":
            reading.kind = "page"  # no collection named: a dated file is a post
        data = reading.data
        # Kept out of the build and of every collection: what a draft is here.
        reading.draft = (self.honours_draft and reading.draft) or (
            data.get("permalink") is False and data.get("eleventyexcludefromcollections") is True
        )


def _post_globs(text: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The files the site's collection of posts takes, as patterns over
    paths from the root (and the folder each names), from its config's text."""
    found = list(_COLLECTION.finditer(text))
    taken: list[str] = []
    for number, collection in enumerate(found):
        if collection.group(2).lower() not in POST_COLLECTIONS:
            continue
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        block = text[collection.end() : end]
        taken += [match.group(2) for match in _GLOB.finditer(block)]
        taken += [match.group(2).rstrip("/") + "/**" for match in _PREFIX.finditer(block)]
    return tuple((glob_pattern(glob.removeprefix("./")), glob.removeprefix("./")) for glob in taken)


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A pattern for paths matching ``glob`` as Eleventy's globs do: ``*``
    within a folder, ``**`` across folders, ``{a,b}`` either."""
    pattern, position = "", 0
    while position < len(glob):
        if glob.startswith("**/", position):
            pattern, position = pattern + "(?:.*/)?", position + 3
        elif glob.startswith("**", position):
            pattern, position = pattern + ".*", position + 2
        elif glob[position] == "*":
            pattern, position = pattern + "[^/]*", position + 1
        elif glob[position] == "?":
            pattern, position = pattern + "[^/]", position + 1
        elif glob[position] == "{" and "}" in glob[position:]:
            end = glob.index("}", position)
            choices = glob[position + 1 : end].split(",")
            pattern += "(?:" + "|".join(re.escape(choice) for choice in choices) + ")"
            position = end + 1
        else:
            pattern, position = pattern + re.escape(glob[position]), position + 1
    return re.compile(pattern)
