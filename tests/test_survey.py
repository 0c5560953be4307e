"""Files listed by a child process: the same files and stamps as listed here, whatever it does."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import helpers
from tui.app import BlogApp
from tui.blog import Blog, Post, cache_format, pipes, read_post
from tui.blog import survey as survey_module
from tui.blog.cache import PostCache
from tui.blog.survey import CHUNK, Changes, Survey, SurveyLost
from tui.blog.walk import Listed, Stamp, listed


def everything(files: Iterator[list[Listed]]) -> list[Listed]:
    return sorted(file for part in files for file in part)


def surveyed(root: Path) -> tuple[list[Listed], list[str]]:
    survey = Survey(root)
    try:
        return everything(survey.files()), survey.unreadable
    finally:
        survey.close()


def test_a_survey_lists_what_this_process_lists(blog_dir: Path) -> None:
    assert surveyed(blog_dir) == (everything(listed(str(blog_dir), [])), [])
    assert len(surveyed(blog_dir)[0]) == 4


def test_a_survey_of_the_real_blogs_lists_what_this_process_lists(corpora: Path) -> None:
    for root in sorted(path for path in corpora.iterdir() if path.is_dir()):
        unreadable: list[str] = []
        assert surveyed(root) == (everything(listed(str(root), unreadable)), unreadable), root


def test_a_folder_of_many_posts_comes_in_parts_each_file_once(tmp_path: Path) -> None:
    # One folder, as many blogs keep their posts: it must not come as one
    # message at the end of the listing.
    for number in range(CHUNK + 500):
        (tmp_path / f"{number}.md").write_text(f"# {number}\n" * (number % 3))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.md").write_text("# deep\n")
    (tmp_path / "notes.txt").write_text("not a post\n")
    survey = Survey(tmp_path)
    try:
        parts = list(survey.files())
    finally:
        survey.close()
    assert len(parts) >= 2
    files = [file for part in parts for file in part]
    assert len(files) == len({relative for relative, _ in files}) == CHUNK + 501
    for relative, stamp in files:
        stat = os.stat(tmp_path / relative)
        assert stamp == (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    assert "sub/deep.md" in dict(files)


def test_the_child_names_the_folders_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run in this process, where a folder can be made unreadable even for root.
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_text("# B\n")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    sink = io.BytesIO()
    monkeypatch.setattr(sys, "argv", ["-c", str(tmp_path)])
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(sink))
    monkeypatch.setattr(gc, "disable", lambda: None)  # this process's collector
    survey_module.serve()
    sink.seek(0)
    no_cache, (kind, files), end = [pipes.read(sink) for _ in range(3)]
    assert no_cache == ("changes", None)  # none named
    assert kind == "files"
    assert sorted(relative for relative, _ in files) == ["a.md", "gone.md"]
    assert dict(files)["gone.md"] is None  # a dangling link: read, to say why
    assert end == ("end", [f"{tmp_path / 'locked'}: Permission denied"])


def saved(blog_dir: Path) -> tuple[Blog, PostCache, dict[str, str]]:
    """The blog read with its cache, the cache written; the titles by file."""
    blog = Blog(blog_dir)
    cache = PostCache(blog.root)
    titles = {
        post.relative: post.title for part in blog.read_parts(cache=cache) for post in part.posts()
    }
    cache.save()
    return blog, cache, titles


def change_three_files(blog_dir: Path) -> Path:
    """One post rewritten with its modification time kept, one deleted, one
    added in a new folder; the rewritten one."""
    steve = blog_dir / "2010-11-08-steve-jobs-stanford.md"
    before = steve.stat()
    steve.write_text(steve.read_text("utf-8").replace("Stanford", "Stanford!"), "utf-8")
    os.utime(steve, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same time, not size
    (blog_dir / "2010-10-25-la-revolution-mobile.md").unlink()
    (blog_dir / "sub").mkdir()
    (blog_dir / "sub" / "new.md").write_text("# New\n")
    return steve


def test_the_child_says_what_changed_since_the_cache_was_written(blog_dir: Path) -> None:
    blog, cache, _ = saved(blog_dir)
    survey = Survey(blog.root, cache.file)
    try:
        unchanged = survey.changes()
    finally:
        survey.close()
    again = PostCache(blog.root)
    again.load()
    assert unchanged is not None and unchanged.none
    assert unchanged.digest == again.digest

    steve = change_three_files(blog_dir)
    survey = Survey(blog.root, cache.file)
    try:
        changes = survey.changes()
        files = dict(file for part in survey.files() for file in part)
    finally:
        survey.close()
    assert changes is not None and not changes.none
    assert changes.digest == again.digest
    assert sorted(changes.changed) == sorted(
        (relative, files[relative]) for relative in (steve.name, "sub/new.md")
    )
    assert changes.gone == ["2010-10-25-la-revolution-mobile.md"]
    assert changes.unreadable == []


@pytest.mark.parametrize("cache", ["missing", "damaged"])
def test_a_child_with_no_cache_it_can_read_lists_every_file(blog_dir: Path, cache: str) -> None:
    blog, posts, _ = saved(blog_dir)
    if cache == "damaged":
        posts.file.write_bytes(posts.file.read_bytes()[:-10])
    survey = Survey(blog.root, posts.file if cache == "damaged" else blog_dir / "none")
    try:
        assert survey.changes() is None
        assert len([file for part in survey.files() for file in part]) == 4
    finally:
        survey.close()


class Compared(Survey):
    """A survey that says what changed since the ``cache`` was written, as
    the child does, and tells whether the files were asked for after it."""

    def __init__(self, root: Path, cache: Path | None) -> None:
        self.root = root
        self.cache = cache
        self.unreadable = []
        self.files_asked = False
        self.closed = False

    def changes(self) -> Changes | None:
        if self.cache is None:
            return None  # as a child that could not read the cache: the files follow
        contents = cache_format.read(self.cache, stamps_only=True)
        found = survey_module.changes(everything(listed(str(self.root), [])), contents)
        return Changes(*found, []) if found is not None else None

    def files(self) -> Iterator[list[Listed]]:
        self.files_asked = True
        yield everything(listed(str(self.root), []))

    def close(self) -> None:
        self.closed = True


def read_compared(blog: Blog, survey: Survey) -> tuple[list[Path], list[str]]:
    """The files read and the titles, when a next start's survey is ``survey``."""
    reads: list[Path] = []

    def counting(path: Path, root: Path, relative: str | None = None) -> Post:
        reads.append(path)
        return read_post(path, root, relative)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tui.blog.store.read_post", counting)
        parts = list(blog.read_parts(cache=PostCache(blog.root), survey=survey))
    return reads, sorted(post.title for part in parts for post in part.posts())


def test_a_next_start_takes_in_only_what_the_child_says_changed(blog_dir: Path) -> None:
    blog, cache, first = saved(blog_dir)
    survey = Compared(blog.root, cache.file)
    assert read_compared(blog, survey) == ([], sorted(first.values()))
    assert not survey.files_asked and survey.closed

    steve = blog_dir / "2010-11-08-steve-jobs-stanford.md"
    steve.write_text(steve.read_text("utf-8").replace("Steve Jobs @", "Jobs à"), "utf-8")
    (blog_dir / "2010-10-25-la-revolution-mobile.md").unlink()
    edited = sorted(
        "Jobs à Stanford" if title == "Steve Jobs @ Stanford" else title
        for title in first.values()
        if title != "La révolution mobile"
    )
    survey = Compared(blog.root, cache.file)
    assert read_compared(blog, survey) == ([steve], edited)
    assert not survey.files_asked

    # A child that could not read the cache: every file is compared here.
    survey = Compared(blog.root, None)
    assert read_compared(blog, survey) == ([steve], edited)
    assert survey.files_asked


@pytest.fixture
def dying(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that ends at once, saying nothing."""
    monkeypatch.setattr(pipes, "command", lambda *args, **kw: [sys.executable, "-c", "pass"])


@pytest.mark.usefixtures("dying")
def test_a_child_that_dies_leaves_the_listing_to_this_process(blog_dir: Path) -> None:
    blog = Blog(blog_dir)
    cache = PostCache(blog.root)
    first = [post.relative for part in blog.read_parts(cache=cache) for post in part.posts()]
    cache.save()
    again = [
        post.relative
        for part in blog.read_parts(cache=PostCache(blog.root), survey=Survey(blog.root))
        for post in part.posts()
    ]
    assert len(again) == 4
    assert sorted(again) == sorted(first)


class HalfWay(Survey):
    """A survey whose child is lost after its first few files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.unreadable = ["never said"]
        self.closed = False

    def files(self) -> Iterator[list[Listed]]:
        yield everything(listed(str(self.root), []))[:2]
        raise SurveyLost("gone")

    def close(self) -> None:
        self.closed = True


def test_a_child_lost_half_way_is_finished_here_each_post_once(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "sub/c.md", "sub/d.md", "e.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"# {name}\n")
    blog = Blog(tmp_path)
    survey = HalfWay(blog.root)
    posts = [post for part in blog.read_parts(survey=survey) for post in part.posts()]
    assert sorted(post.relative for post in posts) == [
        "a.md",
        "b.md",
        "e.md",
        "sub/c.md",
        "sub/d.md",
    ]
    assert all(post.path == tmp_path / post.relative for post in posts)
    assert blog.unreadable == []  # from the listing that finished, not the lost one
    assert survey.closed


async def test_a_next_start_lists_its_files_in_a_child(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a machine of one core too.
    monkeypatch.setattr("tui.screens.main.worker_count", lambda: 2)
    monkeypatch.setattr("tui.blog.head_start.worker_count", lambda: 2)
    children: list[subprocess.Popen[bytes]] = []
    start = pipes.start

    def starting(arguments: list[str]) -> subprocess.Popen[bytes]:
        child = start(arguments)
        if "tui.blog.survey" in " ".join(arguments):
            children.append(child)
        return child

    monkeypatch.setattr(pipes, "start", starting)
    for first in (True, False):
        (blog_dir / "2026-01-01-new.md").write_text(f"---\ntitle: New {first}\n---\n")
        app = BlogApp(blog_dir)
        async with app.run_test() as pilot:
            screen = await helpers.started(pilot)
            await pilot.pause()
            # One to check what changed before the folder was watched, and at
            # the next start one more, for the reading from the cache.
            assert len(children) == (1 if first else 3)
            assert len(screen.blog.index) == 5
            assert f"New {first}" in helpers.screen_text(pilot)
            for worker in [w for w in screen.workers if w.group == "load"]:
                await worker.wait()  # the cache written, for the next start
    assert all(child.wait(timeout=helpers.TIMEOUT) == 0 for child in children)


@pytest.mark.parametrize("by_survey", [False, True], ids=["listed here", "surveyed"])
def test_what_changed_since_the_reading_is_found(blog_dir: Path, by_survey: bool) -> None:
    blog = Blog(blog_dir)
    cache = PostCache(blog.root)
    read = [post.relative for part in blog.read_parts(cache=cache) for post in part.posts()]
    known: dict[str, Stamp | None] = dict.fromkeys(read)
    known.update(cache.stamps())
    assert blog.changed_since(known, Survey(blog.root) if by_survey else None) == ([], [])

    steve = change_three_files(blog_dir)
    known["unstatted.md"] = None  # could not be stat'ed then, and is gone now
    changed, gone = blog.changed_since(known, Survey(blog.root) if by_survey else None)
    assert sorted(changed) == [steve, blog_dir / "sub" / "new.md"]
    assert sorted(gone) == [
        blog_dir / "2010-10-25-la-revolution-mobile.md",
        blog_dir / "unstatted.md",
    ]
