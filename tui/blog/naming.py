"""Safe names and YAML words for new posts."""

from __future__ import annotations

import json
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PLAIN_FLOW_ITEM = re.compile(r"[^\W\d_][\w .-]*", re.UNICODE)
_MAX_SLUG = 60


def slugify(title: str) -> str:
    """A file-name-safe slug: accents folded, lower case, ASCII words and dashes.

    Nothing that could leave the folder survives (no slash, no dot, no
    "..") and the result is never empty.
    """
    folded = unicodedata.normalize("NFKD", title)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    ascii_only = ascii_only.replace("Œ", "oe").replace("Æ", "ae").replace("ø", "o")
    slug = _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("-", 1)[0] or slug[:_MAX_SLUG]
    if slug in _RESERVED:  # names Windows will not give a file, even with a suffix
        slug += "-post"
    return slug or "untitled"


_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{name}{n}" for name in ("com", "lpt") for n in range(1, 10)}
)


def yaml_flow_item(tag: str) -> str:
    """A tag as an item of a `[a, b]` list: bare when YAML reads it back as is."""
    tag = tag.strip()
    if _PLAIN_FLOW_ITEM.fullmatch(tag) and tag.lower() not in _YAML_WORDS:
        return tag
    return json.dumps(tag, ensure_ascii=False)


# Bare words YAML 1.1 would read as something other than text.
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"})
