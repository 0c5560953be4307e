"""How a folder names and writes its posts, so that a new one looks like the others.

The convention is read from the newest posts: where the file goes and how
it is named, the front matter's format, the key names and the date's shape.
An empty folder gets the defaults: ``YYYY-MM-DD-slug.md`` with YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from tui.blog import frontmatter
from tui.blog.encoding import decode
from tui.blog.naming import slugify, yaml_flow_item
from tui.blog.post import Post, read_head, split_language
from tui.blog.template import fill as template_fill

if TYPE_CHECKING:
    from tui.blog.site import Site

SAMPLE = 50
"""How many of the newest posts are read to learn the convention."""

_DATED_NAME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")
_DATE_PATH = re.compile(r"^(?P<folder>(?:.*/)?)\d{4}/\d{2}/\d{2}/[^/]+/index\.[^/]+$")
# `date: 2024-05-01`, `date = "2024-05-01T10:00:00Z"`: the value and its quotes.
_DATE_VALUE = re.compile(
    r"^date[ \t]*[:=][ \t]*(?P<quote>['\"]?)(?P<value>[^'\"#\n]*?)(?P=quote)[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Convention:
    """What a new post of this blog looks like."""

    layout: str = "dated"
    """"dated" (2024-05-01-slug.md), "plain" (slug.md), "bundle" (slug/index.md),
    "dated-bundle" (2024-05-01-slug/index.md) or "date-path" (2024/05/01/slug/index.md)."""
    folder: str = ""
    """Where new posts go, inside the blog's folder."""
    suffix: str = ".md"
    format: str = "yaml"
    """"yaml", "toml", "pelican" (Pelican's `Key: value` header), or "none"
    (no post seen with fences: written as YAML)."""
    tags_key: str = "tags"
    draft_key: str = "draft"
    """"draft" (draft: true), "published" (published: false), "status"
    (Status: draft), "folder" (the draft is in ``draft_folder``), "eleventy"
    (permalink: false, out of the collections), or "none" (the site has no
    way to keep a post unpublished: ``warning`` says so)."""
    draft_folder: str = ""
    """Where drafts go when the generator keeps them in a folder, from the blog's folder."""
    shared: tuple[str, ...] = ()
    """Front-matter lines that the recent posts all share (`layout: post`, `author: ...`)."""
    taxonomies: bool = False
    """Tags go in a `[taxonomies]` table (Zola)."""
    extra: tuple[str, ...] = ()
    """Front-matter lines the site's archetype or scaffold adds, as written."""
    body: str = ""
    """The body the site's archetype or scaffold gives a new post."""
    warning: str | None = None
    """What the user must know about a new post of this site."""
    date_shape: str = "date"
    """"date", "datetime-space" (2024-05-01 10:00:00 +02:00), "iso" (…T10:00:00+02:00)."""
    date_quote: str = ""

    def relative_path(self, title: str, today: dt.date, attempt: int = 1) -> str:
        """Where a new post titled ``title`` goes, from the blog's folder; from
        the second ``attempt`` on, with -2, -3... after the slug."""
        # After slugify, which cuts long titles: a number in the title could be cut off.
        slug = slugify(title) + (f"-{attempt}" if attempt > 1 else "")
        day = today.isoformat()
        names = {
            "dated": f"{day}-{slug}{self.suffix}",
            "plain": f"{slug}{self.suffix}",
            "bundle": f"{slug}/index{self.suffix}",
            "dated-bundle": f"{day}-{slug}/index{self.suffix}",
            "date-path": f"{today:%Y/%m/%d}/{slug}/index{self.suffix}",
        }
        name = names.get(self.layout, names["dated"])
        if self.draft_key == "folder":
            # Jekyll's and Hexo's drafts carry no date in their name: it is
            # given when they are published.
            return f"{self.draft_folder}/{slug}{self.suffix}" if self.draft_folder else name
        return f"{self.folder}/{name}" if self.folder else name

    def text(self, title: str, now: dt.datetime, tags: Sequence[str] = ()) -> tuple[str, int]:
        """The new post's text and the line (from 0) where its body starts."""
        if self.format == "pelican":
            lines = [
                "Title: " + " ".join(title.split()),
                "Date: " + self._date(now),
                *(
                    ["Tags: " + ", ".join(" ".join(tag.replace(",", " ").split()) for tag in tags)]
                    if tags
                    else []
                ),
                "Status: draft",
                "",
                "",
            ]
            return "\n".join(lines), len(lines) - 1
        marks = {
            "draft": ["draft: true"],
            "published": ["published: false"],
            "status": ["status: draft"],
            "eleventy": ["permalink: false", "eleventyExcludeFromCollections: true"],
        }
        draft = marks.get(self.draft_key, [])
        if self.format == "toml":
            fields = ["title = {title}", "date = {date}"]
            fields += [line.replace(": ", " = ", 1) for line in draft]
            tags_line = [f"{self.tags_key} = {{tags}}"]
            if self.taxonomies:
                fields += ["", "[taxonomies]", *tags_line] if tags else []
            else:
                fields[2:2] = tags_line
            fence = "+++"
        else:
            fields = ["title: {title}", "date: {date}", f"{self.tags_key}: {{tags}}", *draft]
            fence = "---"
        # The posts' and the skeleton's lines as written: their braces are no fields.
        written = [
            line.replace("{", "{{").replace("}", "}}") for line in (*self.shared, *self.extra)
        ]
        lines = [fence, *fields[:2], *written, *fields[2:], fence, "", ""]
        return self.fill("\n".join(lines), title, now, tags) + self.body, len(lines) - 1

    def fill(self, template: str, title: str, now: dt.datetime, tags: Sequence[str] = ()) -> str:
        """A ``template`` with {title} (quoted), {date}, {tags} and {slug} filled in.

        A JSON string is a valid YAML and TOML basic string: any title is safe.
        """
        if self.format == "toml":
            items = ", ".join(json.dumps(tag, ensure_ascii=False) for tag in tags)
        else:
            items = ", ".join(yaml_flow_item(tag) for tag in tags)
        values = {
            "title": json.dumps(title.strip(), ensure_ascii=False),
            "date": self.date_quote + self._date(now) + self.date_quote,
            "tags": f"[{items}]",
            "slug": slugify(title),
        }
        return template_fill(template, values)

    def _date(self, now: dt.datetime) -> str:
        moment = now.replace(microsecond=0)
        if self.date_shape == "iso":
            return moment.isoformat()
        if self.date_shape == "datetime-space":
            offset = moment.strftime("%z")
            offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
            return f"{moment:%Y-%m-%d %H:%M:%S} {offset}".rstrip()
        return moment.date().isoformat()


DEFAULT = Convention()


SHAREABLE = ("layout", "lang", "language", "author", "authors", "type", "comments")
"""Keys a new post takes from the recent posts when they all give the same line."""


def detect(posts: Iterable[Post], site: Site | None = None) -> Convention:
    """The convention of the newest posts (at most :data:`SAMPLE` of them),
    with the draft mechanism of the ``site``'s generator.

    Reads their files, so call it off the UI loop.
    """
    convention = _learnt([post for post in posts if post.kind == "post"])
    return convention if site is None else for_site(convention, site)


def _learnt(posts: list[Post]) -> Convention:
    sample = sorted(posts, key=lambda post: post.sort_key, reverse=True)[:SAMPLE]
    sample = [post for post in sample if post.date_source != "modified" or len(sample) < 3]
    if not sample:
        return DEFAULT
    layouts = Counter(_layout(post.relative) for post in sample)
    layout, folder = layouts.most_common(1)[0][0]
    suffixes = Counter(PurePosixPath(post.relative).suffix for post in sample)
    formats: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    shapes: Counter[tuple[str, str]] = Counter()
    lines: Counter[str] = Counter()
    for post in sample:
        try:
            text = decode(read_head(post.path)[0]).text
        except OSError:
            continue
        matter = frontmatter.split(text)
        if matter.format in ("yaml", "toml"):
            formats[matter.format] += 1
        keys.update(key.lower() for key in matter.data)
        lines.update(
            {
                line.rstrip()
                for line in matter.source.splitlines()
                if ":" in line
                and line.split(":", 1)[0].lower() in SHAREABLE  # at the start: not nested
                and line.split(":", 1)[1].strip()  # a value on the line, not a list below
            }
        )
        found = _DATE_VALUE.search(matter.source)
        if found:
            shapes[(_shape(found.group("value")), found.group("quote"))] += 1
    date_shape, date_quote = shapes.most_common(1)[0][0] if shapes else ("date", "")
    # Only with YAML posts, and only lines every post of a sample of three or more gives.
    shared = tuple(
        sorted(line for line, count in lines.items() if count == len(sample) and len(sample) >= 3)
    )
    return Convention(
        layout=layout,
        folder=folder,
        suffix=suffixes.most_common(1)[0][0] or ".md",
        # "none": no post opened with fences (Pelican's headers, or no posts yet).
        format=formats.most_common(1)[0][0] if formats else "none",
        shared=shared if formats["yaml"] == len(sample) else (),
        # With neither in use, `draft: true` as in an empty folder (which
        # Jekyll ignores: it would want `published: false`).
        draft_key="published" if keys["published"] > keys["draft"] else "draft",
        date_shape=date_shape,
        date_quote=date_quote,
    )


def _layout(relative: str) -> tuple[str, str]:
    """The layout of one post's path, and the folder that holds such posts."""
    date_path = _DATE_PATH.match(relative)
    if date_path:
        return "date-path", date_path.group("folder").rstrip("/")
    path = PurePosixPath(relative)
    stem, _ = split_language(path)
    if stem == "index" and len(path.parts) >= 2:
        bundle = path.parent
        kind = "dated-bundle" if _DATED_NAME.match(bundle.name) else "bundle"
        return kind, _folder(bundle.parent)
    kind = "dated" if _DATED_NAME.match(path.name) else "plain"
    return kind, _folder(path.parent)


def _folder(path: PurePosixPath) -> str:
    return "" if str(path) == "." else str(path)


def _shape(value: str) -> str:
    if "T" in value:
        return "iso"
    if re.match(r"^\d{4}-\d{2}-\d{2} \d", value):
        return "datetime-space"
    return "date"


def for_site(convention: Convention, site: Site) -> Convention:
    """``convention`` with what ``site``'s generator expects of a new post:
    the folder of its posts (when none were there to learn from), its format
    and a draft mark that generator honours, never one it ignores."""
    from dataclasses import replace

    generator = site.generator
    name = generator.name
    if not name:
        return convention
    changes: dict[str, object] = {}
    prefix = site.prefix

    def from_blog(folder: str) -> str:
        return folder[len(prefix) :] if prefix and folder.startswith(prefix) else folder

    if convention == DEFAULT or not convention.folder:
        new_posts = from_blog(generator.new_posts)
        if new_posts != generator.new_posts or not prefix:
            changes["folder"] = new_posts
    if generator.draft_folder and (not prefix or generator.draft_folder.startswith(prefix)):
        changes["draft_key"] = "folder"
        changes["draft_folder"] = from_blog(generator.draft_folder)
    elif generator.draft_folder:
        # Opened at `_posts/`: the drafts' folder is outside; both honour this key.
        changes["draft_key"] = "published"
    elif name == "pelican":
        changes["draft_key"] = "status"
        if convention.format == "none":
            changes["format"] = "pelican"
    elif name == "eleventy" and not getattr(generator, "honours_draft", True):
        changes["draft_key"] = "eleventy"
    elif name == "astro" and "draft" not in (getattr(generator, "schema", None) or {"draft"}):
        # A schema read without `draft`; with none read, `draft: true` is honoured, as in its posts.
        changes["draft_key"] = "none"
        changes["warning"] = (
            "this site's collection schema has no draft field: the post is "
            "published at the next build until you add one"
        )
    else:
        changes["draft_key"] = "draft"
    if name == "zola":
        changes["format"] = "toml"
        changes["taxonomies"] = True
    changes.update(_skeleton(site, str(changes.get("format", convention.format))))
    return replace(convention, **changes)  # type: ignore[arg-type]


def _skeleton(site: Site, fmt: str) -> dict[str, object]:
    """What the site's archetype (Hugo) or scaffold (Hexo) gives a new post."""
    from tui.blog.site.archetypes import hexo_scaffold, hugo_archetype
    from tui.blog.site.hugo import Hugo

    fmt = "toml" if fmt == "toml" else "yaml"
    generator = site.generator
    if isinstance(generator, Hugo):
        found = hugo_archetype(site.root, generator.section_of(generator.new_posts), fmt)
    elif generator.name == "hexo":
        found = hexo_scaffold(site.root, fmt)
    else:
        return {}
    if found is None:
        return {}
    changes: dict[str, object] = {"extra": found.lines, "body": found.body}
    if found.left_out:
        changes["warning"] = (
            f"{found.path}: {' and '.join(found.left_out)} left out of the new post, "
            "as template actions write them there (they are not run here)"
        )
    return changes
