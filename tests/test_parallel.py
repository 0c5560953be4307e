"""Posts parsed by worker processes: the same posts as read here, whatever the workers do."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import watchfiles
import yaml

from tests import helpers
from tui.app import BlogApp
from tui.blog import Blog, Post, head_start, parallel, pipes, read_post
from tui.blog.cache import PostCache
from tui.blog.head_start import looks_large, worker_count
from tui.blog.parallel import ParallelReader
from tui.blog.rows import record_of

POSTS = 300


def ended(processes: Sequence[subprocess.Popen[bytes]]) -> bool:
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
    posts = [
        post for part in blog.read_parts(cache=cache, workers=workers) for post in part.posts()
    ]
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
    parts = many.read_parts(size=20, workers=2)
    next(parts)
    assert started
    parts.close()
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
    monkeypatch.setattr("tui.blog.head_start.os.name", "nt")
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
    posts = [post for part in large.read_parts(started=early) for post in part.posts()]
    assert len(posts) == POSTS + 4
    assert len(started) == 2  # those, and no others
    small = Blog(blog_dir)
    early = ParallelReader(small.root, 2)
    assert len([post for part in small.read_parts(started=early) for post in part.posts()]) == 4
    assert len(started) == 4
    assert ended(started)  # stopped, used or not


@pytest.mark.parametrize("head_start", [True, False], ids=["shares", "given"])
async def test_a_first_start_of_a_large_blog_starts_its_workers_at_once(
    tmp_path: Path, blog_dir: Path, head_start: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for where in ("tui.blog.head_start", "tui.screens.main"):
        monkeypatch.setattr(f"{where}.worker_count", lambda: 2)  # on a machine of one core too
    for folder, large in ((write_blog(tmp_path / "large"), True), (blog_dir, False)):
        for first in (True, False):
            app = BlogApp(folder, head_start=head_start)
            async with app.run_test() as pilot:
                screen = await helpers.started(pilot)
                early = screen._workers_started.result()
                assert (early is not None) == (large and first), (folder, first)
                # Workers that read the folder on their own, started with the main
                # screen; else workers given the files as the main screen lists them.
                assert early is None or early.reads_shares == head_start
                assert len(screen.blog.index) == (POSTS + 4 if large else 4)
                if early is not None:
                    assert early.workers == 0  # stopped once the blog was read
                for worker in [w for w in screen.workers if w.group == "load"]:
                    await worker.wait()  # the cache written, for the next start


def read_from_head_start(blog: Blog, processes: Sequence[subprocess.Popen[bytes]]) -> list[Any]:
    reader = ParallelReader(blog.root, 0, processes)
    assert reader.reads_shares
    return sorted(
        described(post) for part in blog.read_parts(started=reader) for post in part.posts()
    )


def test_workers_started_with_the_app_read_each_their_share(
    many: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = read_all(many, workers=0)
    monkeypatch.setattr("tui.blog.head_start.worker_count", lambda: 2)  # one core too
    processes = head_start.start(many.root).readers
    assert len(processes) == 2
    assert read_from_head_start(many, processes) == alone
    assert ended(processes)


def test_a_worker_lost_before_it_read_its_share_leaves_it_to_this_process(
    many: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = read_all(many, workers=0)
    monkeypatch.setattr("tui.blog.head_start.worker_count", lambda: 2)
    processes = head_start.start(many.root).readers
    processes[0].kill()
    assert read_from_head_start(many, processes) == alone


def test_what_a_worker_read_of_a_file_since_changed_or_gone_is_not_taken(many: Blog) -> None:
    """The worker below answers for two files, from a listing older than this
    one: a post as it was before an edit, and one since deleted."""
    alone = read_all(many, workers=0)
    process = pipes.start(pipes.command("tests.test_parallel", STALE))
    assert process.stdin is not None
    pipes.write(process.stdin, ("folder", str(many.root), 0, 1))
    assert read_from_head_start(many, [process]) == alone
    assert "Stale" not in {row[2] for row in alone}


def test_no_worker_reads_a_blog_that_has_a_cache_or_few_files_or_one_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = Blog(write_blog(tmp_path / "large"))
    monkeypatch.setattr("tui.blog.head_start.worker_count", lambda: 2)
    small = tmp_path / "small"
    small.mkdir()
    (small / "a.md").write_text("# A\n")
    assert head_start.start(small) == head_start.HeadStart()
    cache = PostCache(many.root)
    cache.file.parent.mkdir(parents=True)
    cache.file.write_text("{}")
    # A next start: no worker, but the survey of the files starts with the app.
    started = head_start.start(many.root)
    assert not started.readers
    assert started.survey is not None
    assert len([file for part in started.survey.files() for file in part]) == POSTS + 4
    started.survey.close()
    with monkeypatch.context() as patched:  # one core: the files are listed by the reading
        patched.setattr("tui.blog.head_start.worker_count", lambda: 1)
        assert head_start.start(many.root) == head_start.HeadStart()
    cache.file.unlink()

    class Unreadable:
        def exists(self) -> bool:
            raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patched:  # a cache folder that cannot be looked into
        patched.setattr("tui.blog.head_start.cache_file", lambda root: Unreadable())
        assert head_start.start(many.root) == head_start.HeadStart()
    monkeypatch.setattr("tui.blog.head_start.worker_count", lambda: 1)
    assert head_start.start(many.root) == head_start.HeadStart()


def test_a_worker_whose_app_is_gone_stops_reading_its_share(many: Blog) -> None:
    answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
    gone = threading.Event()
    parallel._read_share(many.root, 0, 1, answers, gone)
    assert answers.qsize() > 2  # chunks of posts, then the end of the share
    answers = queue.SimpleQueue()
    gone.set()
    parallel._read_share(many.root, 0, 1, answers, gone)
    assert answers.empty()


def test_a_worker_goes_on_reading_while_its_app_does_not_take_its_answers() -> None:
    """What the pipe cannot take yet (the app is busy drawing its window) is
    kept, not waited for, and all of it goes out, in order, at the flush."""
    reading_end, writing_end = os.pipe()
    outbox = pipes.Outbox(writing_end)
    # About 2 MB: more than a pipe holds (64 KB; at most 1 MB on Linux).
    sent = [("read", [f"{number}-{line}" * 100 for line in range(100)]) for number in range(10)]

    def put_all() -> None:
        for message in sent:
            outbox.put(message)

    putting = threading.Thread(target=put_all, daemon=True)
    putting.start()
    putting.join(helpers.TIMEOUT)
    assert not putting.is_alive()  # it never waited for a reader
    received: list[Any] = []
    with os.fdopen(reading_end, "rb", buffering=0) as source:
        reader = threading.Thread(
            target=lambda: received.extend(pipes.read(source) for _ in sent), daemon=True
        )
        reader.start()
        outbox.flush()
        reader.join(helpers.TIMEOUT)
    os.close(writing_end)
    assert received == sent


def test_a_worker_whose_app_is_gone_is_told_so() -> None:
    reading_end, writing_end = os.pipe()
    os.close(reading_end)
    outbox = pipes.Outbox(writing_end)
    try:
        with pytest.raises(OSError):
            outbox.put(("read", []))
    finally:
        os.close(writing_end)


def test_children_run_below_the_app() -> None:
    child = subprocess.run(
        pipes.command("tests.test_parallel", NICENESS), capture_output=True, check=True
    )
    # Linux's lowest priority is 19: a suite run under `nice -n 19` has children at 19 too.
    assert int(child.stdout) == min(os.nice(0) + pipes.NICENESS, 19)


def test_children_skip_site_and_find_the_apps_packages() -> None:
    """Without `site`, whose .pth files took a fifth of a child's start, and
    with what they import: PyYAML for the workers, watchfiles for the watcher."""
    child = subprocess.run(
        pipes.command("tests.test_parallel", PACKAGES), capture_output=True, check=True
    )
    no_site, yaml_file, watchfiles_file = child.stdout.decode().split()
    assert no_site == "1"
    assert yaml_file == yaml.__file__
    assert watchfiles_file == watchfiles.__file__


STALE = "stale"
NICENESS = "niceness"
PACKAGES = "packages"


def serve() -> None:
    """Children for the tests above."""
    if sys.argv[1] == NICENESS:
        print(os.nice(0))
        return
    if sys.argv[1] == PACKAGES:
        print(sys.flags.no_site, yaml.__file__, watchfiles.__file__)
        return
    # STALE: a worker given the whole folder (one share), which answers for
    # two files only, as a listing made before an edit and a delete saw them.
    _, root, _, _ = pipes.read(sys.stdin.buffer)
    folder = Path(root)
    edited = folder / "2020-01-01-post-0.md"
    stamp = os.stat(edited)
    before = (stamp.st_size - 1, stamp.st_mtime_ns, stamp.st_ctime_ns, stamp.st_ino)
    stale = read_post(edited, folder, edited.name)
    stale.title = "Stale"
    deleted = read_post(edited, folder, "deleted.md")
    deleted.title = "Stale"
    read = [(edited.name, before, record_of(stale)), ("deleted.md", before, record_of(deleted))]
    pipes.write(sys.stdout.buffer, ("read", read))
    pipes.write(sys.stdout.buffer, ("share read", None))


def test_a_worker_stats_only_its_own_files_and_each_once(
    many: Blog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every worker lists the whole folder: the files of the others' shares
    are passed over, not stat'ed, and its own are not stat'ed again to be
    read, nor to know whether they are links (the listing says)."""
    stat_ed: list[str] = []
    real_stat = os.stat

    def counted(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        stat_ed.append(os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counted)
    answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
    parallel._read_share(many.root, 1, 3, answers, threading.Event())
    read = [
        name for kind, content in iter(answers.get, ("share read", None)) for name, _, _ in content
    ]
    mine = {
        p.name
        for p in many.root.rglob("*.md")
        if head_start.share_of(p.relative_to(many.root).as_posix(), 3) == 1
    }
    assert {Path(name).name for name in read} == mine
    assert sorted(os.path.basename(name) for name in stat_ed if name.endswith(".md")) == sorted(
        mine
    )


def test_a_worker_tells_links_out_of_the_blog_as_the_app_does(tmp_path: Path) -> None:
    """Its listing says which files are links, where this process asks the disk."""
    root = tmp_path / "blog"
    root.mkdir()
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ntitle: Ailleurs\n---\n", "utf-8")
    (root / "here.md").write_text("---\ntitle: Ici\n---\n", "utf-8")
    (root / "there.md").symlink_to(outside)
    (root / "also-here.md").symlink_to(root / "here.md")
    answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
    parallel._read_share(root, 0, 1, answers, threading.Event())
    records = {
        name: record
        for _, content in iter(answers.get, ("share read", None))
        for name, _, record in content
    }
    assert records.keys() == {"here.md", "there.md", "also-here.md"}
    for name, record in records.items():
        assert record == record_of(read_post(root / name, root)), name
    assert any("outside the blog" in problem for problem in records["there.md"][8])
    assert records["here.md"][8] == records["also-here.md"][8] == []


WORKERS_NEED_NOT = (
    "textual",
    "yaml",  # imported at the first front matter that needs PyYAML
    "tui.blog.cache",  # its index, its file format and writing
    "tui.blog.store",
    "tempfile",
    "concurrent.futures",
    "platformdirs",
    "hashlib",
    "json",
    "tomllib",
)


def test_a_worker_imports_only_what_it_reads_with() -> None:
    """A first start's workers start as the main screen is imported: what
    they import is taken from their reading, on the same cores."""
    code = (
        f"import sys; from {head_start.WORKER} import serve\n"
        f"print(' '.join(m for m in {WORKERS_NEED_NOT!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []
