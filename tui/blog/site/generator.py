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
from typing import TYPE_CHECKING, Any, ClassVar

from tui.blog import frontmatter

if TYPE_CHECKING:
    from tui.blog.frontmatter import FrontMatter

_NAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_]|$)")
_INDEX = re.compile(r"^index(?:\.[A-Za-z]{2}(?:-[A-Za-z]{2,4})?)?\.[^.]+$")


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
    draft_keys: tuple[str, ...] = ("draft", "published")
    """The keys this generator honours: "draft" (draft: true), "published" (published: false)."""
    draft_folders: frozenset[str] = frozenset({"_drafts", "drafts"})
    holds_future: bool = False
    """Whether a post dated in the future waits for its day to be published."""
    leading_blank_lines: bool = True
    """Whether front matter after blank lines is read (Hugo's way; not Jekyll's)."""

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
        self._bundles: dict[str, bool] = {}
        """Whether each folder asked about holds an `index.*` (a page bundle)."""

    # What the site is made of.

    def excluded(self, relative: str) -> bool:
        """Whether the file at ``relative`` (from the root) is no file of the
        site at all (Jekyll's `exclude`, a theme's machinery): a page, then,
        listed apart, as a file the generator does not render."""
        return False

    def kind(self, relative: str) -> str:
        """Whether the file is a "post" or a "page" (about, docs, an index,
        a file not rendered).

        In a folder of no known site, a post, unless it sits beside a page
        bundle's `index.md` (not at the top): then it is that bundle's
        resource, as Hugo has it, and no post."""
        folder, _, name = relative.rpartition("/")
        if not folder or _INDEX.match(name):
            return "post"
        return "page" if self.is_bundle(folder) else "post"

    def is_bundle(self, folder: str) -> bool:
        """Whether ``folder`` (from the root) holds an `index.*` page."""
        known = self._bundles.get(folder)
        if known is None:
            known = any(
                (self.root / folder / f"index{suffix}").is_file()
                for suffix in (".md", ".markdown", ".mdx", ".html")
            )
            self._bundles[folder] = known
        return known

    # How a post's fields are read.

    def read(self, reading: Reading) -> None:
        """Make ``reading``'s fields what this generator makes of the post."""
        data = reading.data
        build = data.get("_build") or data.get("build")
        if data.get("headless") is True or (
            isinstance(build, dict) and str(build.get("list", "")).lower() == "never"
        ):
            reading.kind = "page"  # Hugo's headless bundles: never listed by the site

    def front_matter(self, text: str) -> tuple[FrontMatter, dict[str, Any], int]:
        """The post's front matter as this generator finds it, what it says,
        and where the body starts (what the preview shows)."""
        matter = frontmatter.split(text)
        if matter.format is None and self.leading_blank_lines:
            # Hugo reads front matter after blank lines; Jekyll does not.
            lead = len(text) - len(text.lstrip("\r\n\t "))
            if lead and text.startswith(("---", "+++"), lead):
                later = frontmatter.split(text[lead:])
                if later.format is not None:
                    return later, later.data, lead + later.body_offset
        return matter, matter.data, matter.body_offset

    def body_start(self, text: str) -> int:
        """Where the body of ``text`` starts, after its front matter."""
        return self.front_matter(text)[2]

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


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_INLINE = re.compile(r"`([^`]*)`|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|\[([^\]]*)\]\([^)]*\)")


def first_heading(body: str) -> str | None:
    """The text of the body's first `# heading` outside code blocks, its
    inline markup (code, emphasis, links) read as the page shows it."""
    fence: str | None = None
    for line in body.splitlines():
        opening = _FENCE.match(line)
        if opening:
            marker = opening.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        found = _H1.match(line)
        if found:
            text = _INLINE.sub(
                lambda match: next(g for g in match.groups() if g is not None), found.group(1)
            )
            return text.strip() or None
    return None
