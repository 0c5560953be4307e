"""What a site's generator decides about its files: which are posts, and
how each field of a post is read.

One subclass a generator (the modules beside this one), made from the
site's root and its configuration; `Generator` itself is a folder that
belongs to no known site, read by the app's own rules.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

_NAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_]|$)")


@dataclass
class Reading:
    """A post as it is being read: the front matter, and the fields made of it so far."""

    relative: str
    """From the site's root, with forward slashes."""
    data: dict[str, Any]
    """The front matter, its keys lower-cased."""
    body: str
    title: str
    date: dt.datetime | None
    date_source: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    draft: bool
    language: str | None
    problems: list[str] = field(default_factory=list)
    kind: str = "post"


class Generator:
    """A folder of posts that belongs to no site the app knows: every
    Markdown file is a post, read by the app's own rules."""

    name: ClassVar[str] = ""
    """The generator's name in `blog site --json` ("jekyll"); "" for none."""
    label: ClassVar[str] = ""
    """Its name as people write it ("Jekyll")."""
    tag_keys: tuple[str, ...] = ("tags", "tag", "keywords")
    category_keys: tuple[str, ...] = ("categories", "category")
    date_keys: tuple[str, ...] = ("date",)
    split_tags: str = "commas or spaces"
    """How a tags string is split: "commas or spaces", "spaces", "commas", or "none"."""
    suffixes: tuple[str, ...] = (".md", ".markdown")
    draft_keys: tuple[str, ...] = ("draft", "published")
    """The keys this generator honours: "draft" (draft: true), "published" (published: false)."""
    draft_folders: frozenset[str] = frozenset({"_drafts", "drafts"})

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []
        """What could not be read of the site's configuration."""
        self.config_files: list[str] = []
        """The files read, from the root: a change to one re-reads the site."""
        self.languages: tuple[str, ...] = ()
        self.default_language: str | None = None
        self.new_posts = ""
        """The folder new posts go to, from the root ("" for the root itself)."""
        self.draft_folder: str | None = None
        """Where a new draft goes when this generator keeps drafts in a folder
        (Jekyll's `_drafts`), from the root; None when a key marks drafts."""
        self.draft_mark: str = "draft: true"
        """What marks a new post a draft, in words: the key and its value."""

    # What the site is made of.

    def excluded(self, relative: str) -> bool:
        """Whether the file at ``relative`` (from the root) is no file of the
        site at all (Jekyll's `exclude`, a theme's machinery): not listed."""
        return False

    def kind(self, relative: str) -> str:
        """ "post" or "page" (about, docs, an index, a file not rendered)."""
        return "post"

    # How a post's fields are read.

    def read(self, reading: Reading) -> None:
        """Make ``reading``'s fields what this generator makes of the post."""

    # Shared by the generators.

    @staticmethod
    def unescaped(title: str) -> str:
        """A title with its HTML entities as the characters they stand for."""
        return html.unescape(title) if "&" in title else title

    @staticmethod
    def name_date(name: str) -> dt.datetime | None:
        """The date a file or folder name starts with (2024-05-01-slug)."""
        found = _NAME_DATE.match(name)
        if not found:
            return None
        try:
            year, month, day = (int(part) for part in found.groups())
            return dt.datetime(year, month, day)
        except ValueError:
            return None

    def describe(self) -> dict[str, Any]:
        """What `blog site --json` says of the site."""
        return {
            "root": str(self.root),
            "generator": self.name or None,
            "config": list(self.config_files),
            "languages": list(self.languages),
            "default_language": self.default_language,
            "new_posts": self.new_posts,
            "drafts": self.draft_folder or self.draft_mark,
            "problems": list(self.problems),
        }


def under(relative: str, folder: str) -> bool:
    """Whether ``relative`` is inside ``folder`` (both from the root; "" is the root)."""
    folder = folder.strip("/")
    return not folder or relative == folder or relative.startswith(folder + "/")


def has_part(relative: str, names: frozenset[str] | set[str]) -> bool:
    """Whether a folder on the way to ``relative`` is one of ``names``."""
    return any(part in names for part in relative.split("/")[:-1])
