"""A site's own skeleton of a new post: Hugo's archetype, Hexo's scaffold.

Their templates are not run (Go's and Nunjucks' actions are code): a new
post takes the keys they add and their body, as written, and the app
writes the title, date, tags and draft mark itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from tui.blog.site.config_files import read_text

OWN_KEYS = frozenset(
    {"title", "date", "draft", "published", "status", "tags", "categories", "slug", "lastmod"}
)
"""Keys the app writes itself in a new post, whatever the skeleton says."""
_ACTION = re.compile(r"\{\s?\{(?![<%])")
"""A template's action (`{{ .Date }}`, `{{ title }}`, Hugo's `{ {`), but not a
shortcode (`{{< figure >}}`, `{{% note %}}`), which is content."""
_KEY = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))[ \t]*[:=]""")


class Skeleton(NamedTuple):
    """What a new post takes from the site's skeleton."""

    path: str
    """The skeleton's file, from the site's root."""
    lines: tuple[str, ...]
    """Its front matter's entries (and comments) that the app does not write."""
    body: str
    """Its body, when it holds no template action."""
    left_out: tuple[str, ...]
    """Keys left out because a template action makes their value, and
    "its body" when the body holds one."""


def hugo_archetype(root: Path, section: str, fmt: str) -> Skeleton | None:
    """The archetype Hugo would use for a new post in ``section``."""
    for name in (f"{section}.md", "default.md"):
        found = skeleton(root, f"archetypes/{name}", fmt)
        if found is not None:
            return found
    return None


def hexo_scaffold(root: Path, fmt: str) -> Skeleton | None:
    """The scaffold Hexo would use for a new draft (`draft`, else `post`)."""
    for name in ("draft.md", "post.md"):
        found = skeleton(root, f"scaffolds/{name}", fmt)
        if found is not None:
            return found
    return None


def skeleton(root: Path, relative: str, fmt: str) -> Skeleton | None:
    """What ``relative`` gives a new post in front matter of ``fmt``; None
    when there is no such file, or its front matter is in another format."""
    text = read_text(root / relative, [])
    if text is None:
        return None
    # Hexo's scaffolds and Go templates read unquoted `{{ title }}` as
    # themselves; the parser may refuse them, so the block is found by its fences.
    fence = "+++" if fmt == "toml" else "---"
    if not text.startswith(fence + "\n"):
        return None
    end = text.find("\n" + fence, len(fence))
    if end < 0:
        return None
    source = text[len(fence) + 1 : end + 1]
    after = text.find("\n", end + 1)
    body = "" if after < 0 else text[after + 1 :]
    lines, left_out = _entries(source)
    if _ACTION.search(body):
        body = ""
        left_out.append("its body")
    return Skeleton(relative, tuple(lines), body.lstrip("\n"), tuple(left_out))


def _entries(source: str) -> tuple[list[str], list[str]]:
    """The entries of ``source`` the app does not write, line by line, and
    the keys left out for their template actions."""
    kept: list[str] = []
    left_out: list[str] = []
    entry: list[str] = []
    key: str | None = None

    def close() -> None:
        if key is None:
            kept.extend(entry)  # comments
        elif key in OWN_KEYS:
            pass
        elif any(_ACTION.search(line) for line in entry):
            left_out.append(key)
        else:
            kept.extend(entry)

    for line in source.splitlines():
        if not line.strip():
            continue
        if line.startswith("["):  # a TOML table: what follows is in it
            break
        found = _KEY.match(line)
        if found and not line[0].isspace():
            close()
            entry = [line]
            key = next(group for group in found.groups() if group).lower()
        elif line.lstrip().startswith("#") and not line[0].isspace():
            close()
            entry, key = [line], None
        else:
            entry.append(line)  # the value goes on
    close()
    return kept, left_out
