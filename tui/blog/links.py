"""Following a link from one post to another, the way the site would."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tui.blog.index import BlogIndex
from tui.blog.post import Post, split_language
from tui.blog.walk import POST_SUFFIXES

WEB_SCHEMES = ("http", "https", "mailto")
"""The only links handed to the browser: never file:, javascript: or a program's own."""


def is_web_link(href: str) -> bool:
    """Whether ``href`` leaves the blog: a link for the browser."""
    return urlsplit(href).scheme.lower() in WEB_SCHEMES


def is_foreign_link(href: str) -> bool:
    """Whether ``href`` has a scheme neither the web's nor a post's (file:, ssh:, x-app:)."""
    scheme = urlsplit(href).scheme.lower()
    # One letter is a Windows drive (C:\\...), not a scheme.
    return len(scheme) > 1 and scheme not in WEB_SCHEMES


def resolve_link(index: BlogIndex, root: Path, source: Path, href: str) -> Post | None:
    """The post that ``href``, written in the post at ``source``, points to.

    Tries the file itself (``../other.md``), the name without its suffix, a
    bundle's ``index.md``, and last a site path such as Jekyll's
    ``/2010/11/08/slug/`` by its final slug.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = unquote(parts.path)
    if not target:
        return None
    folder = root if target.startswith("/") else source.parent
    base = Path(os.path.normpath(folder / target.lstrip("/")))
    candidates = [base, *(base.with_name(base.name + suffix) for suffix in POST_SUFFIXES)]
    candidates += [base / f"index{suffix}" for suffix in POST_SUFFIXES]
    for candidate in candidates:
        post = index.get(candidate)
        if post is not None:
            return post
    slug = posixpath.basename(target.rstrip("/"))
    slug = posixpath.splitext(slug)[0] if slug.endswith((".html", ".htm")) else slug
    return _by_slug(index, slug) if slug else None


def _by_slug(index: BlogIndex, slug: str) -> Post | None:
    """The post whose file (or bundle folder) is named ``slug``, dated or not."""
    for post in index.posts():
        stem, _ = split_language(post.path)
        name = post.path.parent.name if stem == "index" else stem
        undated = name[11:] if len(name) > 11 and name[4] == "-" and name[10] == "-" else name
        if slug in (name, undated):
            return post
    return None
