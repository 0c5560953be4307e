"""Posts parsed by worker processes: the same posts as read here, whatever the workers do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests import helpers
from tui.app import BlogApp
from tui.blog import Blog, Post, read_post
from tui.blog.cache import PostCache
from tui.blog.parallel import ParallelReader, looks_large, worker_count

POSTS = 300


def ended(processes: list[subprocess.Popen[bytes]]) -> bool:
    """Whether the workers end (they are stopped without being waited for)."""
    return all(process.wait(timeout=helpers.TIMEOUT) is not None for process in processes)


def write_blog(folder: Path) -> Path:
    """More posts than it takes to start workers, odd ones among them."""
    folder.mkdir()
    for number in range(POSTS):
        (folder / f"2020-01-{1 + number % 28:02d}-post-{number}.md").write_text(
            f'---\ntitle: "Post {number}"\ntags: [t{number % 7}, Été]\n'
            f"draft: {'yes' if number % 10 == 0 else 'no'}\n---\n\nBody {number}.\n",
            "utf-8",
        )
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\nText\n", "utf-8")
    (folder / "bom.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\nText\r\n")
    (folder / "latin1.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    (folder / "nested").mkdir()
    (folder / "nested" / "index.md").write_text("# A heading as title\n", "utf-8")
    return folder


def described(post: Post) -> tuple[Any, ...]:
    return (
        post.path,
        post.relative,
        post.title,
        post.date,
        post.date_source,
        post.tags,
        post.draft,
        post.categories,
        post.problems,
        post.read_only_reason,
        post.mtime_ns,
        post.size,
        post.sort_key,
        post.tag_keys,
    )


def read_all(blog: Blog, workers: int, cache: PostCache | None = None) -> list[tuple[Any, ...]]:
    posts = [post for batch in blog.read_batches(cache=cache, workers=workers) for post in batch]
    return sorted(described(post) for post in posts)


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Blog:
    monkeypatch.setattr("tui.blog.store.PARALLEL_FROM", 50)
    return Blog(write_blog(tmp_path / "posts"))


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """The worker processes started, to check that none is left running."""
    processes: list[subprocess.Popen[bytes]] = []
    original = subprocess.Popen

    def starting(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = original(*args, **kwargs)
        processes.append(process)
        return process

    monkeypatch.setattr("tui.blog.pipes.subprocess.Popen", starting)
    return processes


def test_workers_read_the_same_posts_as_this_process(
    many: Blog, started: list[subprocess.Popen[bytes]]
) -> None:
    alone = read_all(many, workers=0)
    assert not started
    # The walk gives each file's relative path: the same as read_post works out.
    assert alone == sorted(described(read_post(path, many.root)) for path in many.scan())
    assert read_all(many, workers=2) == alone
    assert len(started) == 2
    assert len(alone) == POSTS + 4
    titles = {row[1]: row[2] for row in alone}
    assert titles["bom.md"] == "BOM"
    assert titles["latin1.md"].startswith("Caf")
    assert titles["nested/index.md"] == "A heading as title"
    broken = next(row for row in alone if row[1] == "broken.md")
    assert broken[8]  # its problem is told, from a worker too
    assert ended(started)


def test_what_workers_read_goes_into_the_cache(many: Blog) -> None:
    cache = PostCache(many.root)
    first = read_all(many, workers=2, cache=cache)
    cache.save()
    again = PostCache(many.root)
    assert read_all(many, workers=0, cache=again) == first
    assert again.size == POSTS + 4


@pytest.mark.parametrize(
    "command",
    [
        ["/nonexistent/python"],  # cannot start
        [sys.executable, "-c", "pass"],  # ends at once
        [sys.executable, "-c", "import sys; sys.stdin.buffer.read(9); sys.stdout.write('x' * 20)"],
    ],
    ids=["cannot-start", "ends", "answers-nonsense"],
)
def test_files_a_worker_did_not_answer_for_are_read_here(
    many: Blog, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    alone = read_all(many, workers=0)
    monkeypatch.setattr("tui.blog.parallel.worker_command", lambda: command)
    assert read_all(many, workers=2) == alone


def test_one_worker_dying_leaves_its_files_to_the_other(many: Blog) -> None:
    alone = read_all(many, workers=0)
    reader = ParallelReader(many.root, 2)
    try:
        reader._workers[0].process.kill()
        for path in sorted(many.scan()):
            reader.add(path, path.relative_to(many.root).as_posix())
        posts = [post for chunk in reader.rest() for post in chunk]
        assert reader.workers == 1
    finally:
        reader.close()
    assert sorted(described(post) for post in posts) == alone


def test_a_reading_given_up_stops_its_workers(
    many: Blog, started: list[subprocess.Popen[bytes]]
) -> None:
    batches = many.read_batches(size=20, workers=2)
    next(batches)
    assert started
    batches.close()
    assert ended(started)


def test_real_blogs_read_alike_by_workers(corpora: Path) -> None:
    for name in ("jekyll-mademistakes", "hugo-ropensci", "fr-nhoizey", "messy"):
        blog = Blog(corpora / name)
        assert read_all(blog, workers=2) == read_all(blog, workers=0), name


def test_a_bundled_app_and_windows_read_in_their_own_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert worker_count() >= 1
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert worker_count() == 0
    monkeypatch.setattr("sys.frozen", False)
    monkeypatch.setattr("tui.blog.parallel.os.name", "nt")
    assert worker_count() == 0


def test_a_large_folder_is_told_from_a_small_one(tmp_path: Path, blog_dir: Path) -> None:
    assert looks_large(write_blog(tmp_path / "large"))
    assert not looks_large(blog_dir)
    assert not looks_large(tmp_path / "missing")


def test_workers_started_before_the_reading_are_used_or_stopped(
    tmp_path: Path, blog_dir: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    large = Blog(write_blog(tmp_path / "large"))
    early = ParallelReader(large.root, 2)
    posts = [post for batch in large.read_batches(started=early) for post in batch]
    assert len(posts) == POSTS + 4
    assert len(started) == 2  # those, and no others
    small = Blog(blog_dir)
    early = ParallelReader(small.root, 2)
    assert len([post for batch in small.read_batches(started=early) for post in batch]) == 4
    assert len(started) == 4
    assert ended(started)  # stopped, used or not


async def test_a_first_start_of_a_large_blog_starts_its_workers_at_once(
    tmp_path: Path, blog_dir: Path
) -> None:
    for folder, large in ((write_blog(tmp_path / "large"), True), (blog_dir, False)):
        for first in (True, False):
            app = BlogApp(folder)
            async with app.run_test() as pilot:
                screen = await helpers.started(pilot)
                early = screen._workers_started.result()
                assert (early is not None) == (large and first), (folder, first)
                assert len(screen.blog.index) == (POSTS + 4 if large else 4)
                if early is not None:
                    assert early.workers == 0  # stopped once the blog was read
                for worker in [w for w in screen.workers if w.group == "load"]:
                    await worker.wait()  # the cache written, for the next start
