"""A burst of changes (a git checkout) costs what changed, not the size of the blog."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from tests.helpers import TIMEOUT, started, until
from tui.app import BlogApp
from tui.blog import Blog, Post
from tui.blog.index import BlogIndex
from tui.blog.post import read_post
from tui.blog.watcher import WatchError
from tui.screens import following


def _bundles(folder: Path, count: int) -> None:
    """``count`` page bundles (``post-N/index.md``), with a few tags in all."""
    for number in range(count):
        bundle = folder / f"post-{number:05d}"
        bundle.mkdir(parents=True)
        (bundle / "index.md").write_text(
            f"---\ntitle: Post {number}\ndate: 2020-01-01\ntags: [a, b{number % 5}]\n---\n"
            f"Body {number}\n",
            "utf-8",
        )


def _checkout(folder: Path, count: int, changes: int) -> list[Path]:
    """What a git checkout does to the blog: ``changes`` bundles deleted, as
    many posts edited; the paths the watcher reports."""
    changed: list[Path] = []
    for number in range(changes):
        bundle = folder / f"post-{number:05d}"
        shutil.rmtree(bundle)
        changed += [bundle / "index.md", bundle]
        edited = folder / f"post-{count // 2 + number:05d}" / "index.md"
        edited.write_text(edited.read_text("utf-8") + "Edited.\n", "utf-8")
        changed.append(edited)
    return changed


async def _calls_to_apply_a_burst(folder: Path, count: int, changes: int) -> int:
    """The Python calls the screen makes to apply a burst of ``changes``
    deletions and ``changes`` edits in a blog of ``count`` posts."""
    _bundles(folder, count)
    app = BlogApp(folder, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        found, gone = screen.blog.refresh(_checkout(folder, count, changes))
        calls = 0

        def counting(frame: FrameType, event: str, arg: Any) -> None:
            nonlocal calls
            if event == "call":
                calls += 1

        sys.setprofile(counting)
        try:
            # Nothing in it waits (the open post, the newest, is not changed):
            # only its own work is counted.
            await screen.apply_changes(found, gone)
        finally:
            sys.setprofile(None)
        assert len(screen.blog.index) == count - changes
        assert screen.post_list.highlighted_path is not None
    return calls


async def test_a_burst_costs_no_more_in_a_blog_twice_as_large(tmp_path: Path) -> None:
    small = await _calls_to_apply_a_burst(tmp_path / "small", 300, 30)
    large = await _calls_to_apply_a_burst(tmp_path / "large", 600, 30)
    # Looking through every post for each deleted folder made 15 calls for
    # each post and each folder: 135,000 more here.
    assert large - small < 300, (small, large)


def test_removing_folders_removes_every_post_under_them_and_only_those(tmp_path: Path) -> None:
    _bundles(tmp_path, 12)
    (tmp_path / "post-00001x").mkdir()
    (tmp_path / "post-00001x" / "index.md").write_text("---\ntitle: Twin\n---\n", "utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "p.md").write_text("---\ntitle: Deep\n---\n", "utf-8")
    paths = sorted(tmp_path.rglob("*.md"))
    index = BlogIndex(tmp_path, [read_post(path, tmp_path) for path in paths])
    removed = index.remove_all(
        [
            tmp_path / "post-00001",
            tmp_path / "post-00002" / "index.md",
            tmp_path / "deep",
            tmp_path / "deep" / "er",
        ]
    )
    assert sorted(post.relative for post in removed) == [
        "deep/er/p.md",
        "post-00001/index.md",
        "post-00002/index.md",
    ]
    assert "post-00001x/index.md" in {post.relative for post in index.posts()}
    assert len(index) == 11
    assert index.tag_counts()[0].count == 10  # the tag "a": what was removed is no longer counted
    assert index.remove_all([tmp_path]) and len(index) == 0  # the blog's folder itself


class _Batches:
    """A watcher that reports a burst as 20 batches of one change, all while
    the first is being read."""

    queued = threading.Event()

    def __init__(self, root: Path, polling: bool, site_root: Path | None = None) -> None:
        self.root = root
        self._closed = threading.Event()

    def messages(self) -> Iterator[tuple[str, list[str] | None]]:
        yield "ready", None
        for number in range(20):
            yield "changes", [str(self.root / f"2020-01-01-p{number}.md")]
        _Batches.queued.set()
        self._closed.wait()  # no more: the burst is over

    def close(self) -> None:
        self._closed.set()


async def test_batches_that_came_meanwhile_are_applied_as_one(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(20):
        (blog_dir / f"2020-01-01-p{number}.md").write_text(f"---\ntitle: P{number}\n---\n")
    _Batches.queued.clear()
    monkeypatch.setattr(following, "Watcher", _Batches)
    refresh = Blog.refresh
    batches: list[int] = []

    def reading(blog: Blog, paths: Iterable[Path]) -> tuple[list[Post], list[Path]]:
        paths = list(paths)
        if not batches:  # the first batch is read while the others come
            _Batches.queued.wait(TIMEOUT)
        batches.append(len(paths))
        return refresh(blog, paths)

    monkeypatch.setattr(Blog, "refresh", reading)
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await until(pilot, lambda: sum(batches) == 20)
    assert len(batches) <= 2  # all at once, or the first, then the 19 others


def test_runs_of_changes_are_merged_in_their_order() -> None:
    error = WatchError("gone")
    items: list[following.Message | WatchError] = [
        ("changes", ["a"]),
        ("changes", ["b", "a"]),
        ("ready", None),
        ("changes", ["c"]),
        error,
    ]
    assert following.merged(items) == [
        ("changes", ["a", "b", "a"]),
        ("ready", None),
        ("changes", ["c"]),
        error,
    ]
