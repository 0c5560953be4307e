"""Tests read only folders of their own: their copy of the sample blog, never
the project's posts/, which the README invites a newcomer to edit."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, WORKING_POSTS, touched_working_posts
from tui.blog import Blog
from tui.blog.errors import BlogError

TESTS = Path(__file__).resolve().parent
# Ways a test module could reach the project's posts/ without the fixtures.
REACHING_THE_WORKING_POSTS = [
    re.compile(r"from tests\.conftest import .*\b(PROJECT|SAMPLE|WORKING_POSTS)\b"),
    re.compile(r"conftest\.(PROJECT|SAMPLE|WORKING_POSTS)\b"),
    re.compile(r"""(PROJECT|parent\.parent|__file__\)?\.parent)\s*/\s*["']posts\b"""),
    re.compile(r"""["'][^"'\n]*/work/[^"'\n]*/posts\b"""),
]


def test_no_test_module_reaches_the_working_posts() -> None:
    """Only conftest.py names the sample blog; every test gets its copy from `blog_dir`."""
    reaching = [
        f"{module.relative_to(TESTS)}:{number}: {line.strip()}"
        for module in sorted(TESTS.rglob("*.py"))
        if module.name != "conftest.py" and module != Path(__file__).resolve()
        for number, line in enumerate(module.read_text("utf-8").splitlines(), 1)
        if any(pattern.search(line) for pattern in REACHING_THE_WORKING_POSTS)
    ]
    assert reaching == []


def test_the_working_posts_are_refused_to_a_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read directly, listed, or loaded as ./posts from the project, as `blog` does."""
    some_post = WORKING_POSTS / "2010-11-08-steve-jobs-stanford.md"
    with pytest.raises(PermissionError):
        some_post.read_bytes()
    with pytest.raises(PermissionError):
        os.listdir(WORKING_POSTS)
    assert len(touched_working_posts) == 2
    monkeypatch.chdir(WORKING_POSTS.parent)
    # The library reports an unreadable folder its own way; the attempt is
    # remembered all the same, and would fail this test at its end.
    with contextlib.suppress(OSError, BlogError):
        Blog(Path("posts")).load()
    assert len(touched_working_posts) > 2
    touched_working_posts.clear()


def test_the_machines_temporary_folder_is_not_listed(tmp_path: Path) -> None:
    """Other people's files are there, in any number; a test's own are in tmp_path."""
    with pytest.raises(PermissionError):
        os.listdir(tempfile.gettempdir())
    assert touched_working_posts == [os.path.abspath(tempfile.gettempdir())]
    touched_working_posts.clear()
    assert os.listdir(tmp_path) == []


def test_the_sample_blog_is_a_copy_of_its_own(blog_dir: Path) -> None:
    names = sorted(path.name for path in SAMPLE.iterdir())
    assert len(names) == 4 and all(name.endswith(".md") for name in names)
    assert sorted(path.name for path in blog_dir.iterdir()) == names
    assert SAMPLE.resolve() != WORKING_POSTS.resolve()
