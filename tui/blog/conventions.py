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

from tui.blog import frontmatter
from tui.blog.encoding import decode
from tui.blog.naming import slugify, yaml_flow_item
from tui.blog.post import Post, read_head, split_language
from tui.blog.template import fill as template_fill

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
    """"yaml" or "toml"."""
    tags_key: str = "tags"
    draft_key: str = "draft"
    """"draft" (draft: true) or "published" (published: false)."""
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
        return f"{self.folder}/{name}" if self.folder else name

    def text(self, title: str, now: dt.datetime, tags: Sequence[str] = ()) -> tuple[str, int]:
        """The new post's text and the line (from 0) where its body starts."""
        if self.format == "toml":
            draft = "draft = true" if self.draft_key == "draft" else "published = false"
            fields = ["title = {title}", "date = {date}", f"{self.tags_key} = {{tags}}", draft]
            fence = "+++"
        else:
            draft = "draft: true" if self.draft_key == "draft" else "published: false"
            fields = ["title: {title}", "date: {date}", f"{self.tags_key}: {{tags}}", draft]
            fence = "---"
        lines = [fence, *fields, fence, "", ""]
        return self.fill("\n".join(lines), title, now, tags), len(lines) - 1

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


def detect(posts: Iterable[Post]) -> Convention:
    """The convention of the newest posts (at most :data:`SAMPLE` of them).

    Reads their files, so call it off the UI loop.
    """
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
    for post in sample:
        try:
            text = decode(read_head(post.path)[0]).text
        except OSError:
            continue
        matter = frontmatter.split(text)
        if matter.format in ("yaml", "toml"):
            formats[matter.format] += 1
        keys.update(key.lower() for key in matter.data)
        found = _DATE_VALUE.search(matter.source)
        if found:
            shapes[(_shape(found.group("value")), found.group("quote"))] += 1
    date_shape, date_quote = shapes.most_common(1)[0][0] if shapes else ("date", "")
    return Convention(
        layout=layout,
        folder=folder,
        suffix=suffixes.most_common(1)[0][0] or ".md",
        format=formats.most_common(1)[0][0] if formats else "yaml",
        tags_key="categories" if keys["categories"] > keys["tags"] else "tags",
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
