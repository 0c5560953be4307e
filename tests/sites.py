"""What the tests of sites share: a small site written in a folder, and its posts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.blog import Blog
from tui.blog.post import Post
from tui.blog.site import forget


@pytest.fixture(autouse=True)
def sites_read_afresh() -> None:
    """Each test's folders are new: no site is remembered from another."""
    forget()


def make(root: Path, files: dict[str, str]) -> Path:
    """``root`` with ``files`` (paths from it, and their text) written in it."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def posts_of(root: Path) -> dict[str, Post]:
    """The blog at ``root``'s posts and pages, by their paths from it."""
    return {post.relative: post for post in Blog(root).load().posts()}
