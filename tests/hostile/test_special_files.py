"""FIFOs, sockets and devices named like posts: listed with why, never read."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import screen_text, settle, started, text_of, until
from tui.app import BlogApp
from tui.blog import Blog, BlogError, read_post
from tui.blog.opening import NotRegular, read_regular
from tui.blog.post import HEAD, TOO_LARGE
from tui.blog.walk import stamp

PROJECT = Path(__file__).resolve().parent.parent.parent
POST = '---\ntitle: "{}"\ntags: [ok]\n---\nTexte lisible.\n'
KINDS = {
    "fifo.md": "a FIFO",
    "zero.md": "a character device",
    "random.md": "a character device",
    "to-fifo.md": "a FIFO",
    "sock.md": "a socket",
}
"""The hostile files each blog below holds, and what each is said to be."""

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def hostile_blog(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A blog with one real post, and a FIFO, links to /dev/zero, /dev/urandom
    and to a FIFO, and a unix socket, each named like a post."""
    folder.mkdir()
    (folder / "real.md").write_text(POST.format("Vrai"), "utf-8")
    os.mkfifo(folder / "fifo.md")
    os.mkfifo(folder / "pipe")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "random.md").symlink_to("/dev/urandom")
    (folder / "to-fifo.md").symlink_to(folder / "pipe")
    with monkeypatch.context() as inside:
        inside.chdir(folder)  # a socket's path is short: bound from its folder
        with socket.socket(socket.AF_UNIX) as bound:
            bound.bind("sock.md")
    return folder


def blog_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,  # the old code never ended: a FIFO waits for a writer
    )


def test_blog_list_ends_and_lists_them_with_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hostile_blog(tmp_path / "blog", monkeypatch)
    result = blog_command("list", "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    lines = {line.split()[2]: line for line in result.stdout.splitlines() if "⚠" in line}
    assert result.stdout.splitlines()[0].split()[1] == "Vrai"
    assert sorted(lines) == sorted(KINDS)
    for name, kind in KINDS.items():
        assert lines[name].endswith(f"⚠ cannot be read: not a regular file ({kind})")
    result = blog_command("list", "--json", "--dir", str(folder))
    listed = {Path(post["path"]).name: post["problems"] for post in json.loads(result.stdout)}
    assert listed["real.md"] == []
    for name, kind in KINDS.items():
        assert listed[name] == [f"cannot be read: not a regular file ({kind})"]


def test_the_library_opens_only_regular_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hostile_blog(tmp_path / "blog", monkeypatch)
    blog = Blog(folder)
    for name, kind in KINDS.items():
        path = folder / name
        # Stat'ed by the reading, or as a listing stat'ed it: the open file is asked.
        listed = stamp(os.stat(path)) if name != "sock.md" else (0, 0, 0, 0)
        for post in (read_post(path, folder), read_post(path, folder, name, listed)):
            assert post.problems == (f"cannot be read: not a regular file ({kind})",)
        with pytest.raises(BlogError, match=rf"Cannot open {name}: not a regular file \({kind}\)"):
            blog.open(path)
        with pytest.raises(NotRegular):
            read_regular(path, 10)
    # A change the watcher reports, a FIFO made after the start: listed too.
    os.mkfifo(folder / "later.md")
    found, gone = blog.refresh([folder / "later.md", folder / "zero.md"])
    assert not gone
    assert [post.relative for post in found] == ["later.md", "zero.md"]
    assert all("not a regular file" in post.problems[0] for post in found)


def test_a_read_stops_at_its_limit_whatever_size_the_file_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grown.md"
    path.write_bytes(b"---\ntitle: Grown\n---\n" + b"x" * (TOO_LARGE + 100_000))
    asked: list[int] = []
    real_read = os.read

    def counting(fd: int, size: int) -> bytes:
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counting)
    # Listed when it was small: what the listing said is not trusted.
    post = read_post(path, tmp_path, "grown.md", (10, 1, 1, 1))
    assert post.title == "Grown"
    assert post.read_only_reason and "too large" in post.read_only_reason
    assert sum(asked) <= TOO_LARGE + 1
    asked.clear()
    read = read_regular(path, TOO_LARGE, HEAD)  # its size says it is large: its head only
    assert not read.whole and len(read.data) == HEAD and sum(asked) <= HEAD + 1
    document = Blog(tmp_path).open(path)
    assert document.decoded.read_only_reason and len(document.raw) == HEAD
    # A file that says it is small (as /proc's say 0) is read no further than the limit.
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:
        found = list(real_fstat(fd))
        found[6] = 10  # st_size
        return os.stat_result(found)

    monkeypatch.setattr(os, "fstat", small)
    asked.clear()
    read = read_regular(path, 100_000)
    assert not read.whole and len(read.data) == 100_000 and read.size == 100_001
    assert sum(asked) <= 100_001
    asked.clear()
    post = read_post(path, tmp_path, "grown.md", (10, 1, 1, 1))
    assert post.read_only_reason and "too large" in post.read_only_reason
    assert sum(asked) <= TOO_LARGE + 1


async def test_the_app_lists_them_marked_says_why_and_quits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = hostile_blog(tmp_path / "blog", monkeypatch)
    app = BlogApp(folder)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        names = {post.path.name for post in screen.blog.index.posts()}
        assert names == {*KINDS, "real.md"}
        shown = screen_text(pilot)
        for name in KINDS:
            assert f"⚠ {name}" in shown
        await pilot.press("end")  # the undated come last: the FIFO is opened
        await until(pilot, lambda: bool(app._notifications))
        await settle(pilot)
        assert screen.post_list.highlighted_path == folder / "fifo.md"
        said = [str(notification.message) for notification in app._notifications]
        assert said == ["Cannot open fifo.md: not a regular file (a FIFO)"]
        # The preview no longer shows the post read before, as if it were this one.
        assert screen.document is None
        assert "Vrai" not in text_of(screen.preview)
        # Searching reads the bodies: not theirs.
        await pilot.press("slash", *"lisible")
        await until(pilot, lambda: screen.post_list.option_count == 1)
        await pilot.press("escape")
        # Made while the app runs: the watcher's change lists it, marked.
        os.mkfifo(folder / "later.md")
        await until(pilot, lambda: screen.blog.index.get(folder / "later.md") is not None)
        later = screen.blog.index.get(folder / "later.md")
        assert later is not None and "not a regular file (a FIFO)" in later.problems[0]
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)


def test_the_apps_own_files_that_are_fifos_never_hang(
    blog_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A settings file given as a FIFO, or /dev/zero, is refused at once; a
    glimpse that is a FIFO is passed over."""
    from tui.blog.glimpse import load as load_glimpse
    from tui.blog.head_start import glimpse_file
    from tui.cli import main

    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    assert main(["list", "--dir", str(blog_dir), "--config", str(fifo)]) == 2
    assert capsys.readouterr().err == (
        f"blog: {fifo}: cannot be read: not a regular file (a FIFO)\n"
    )
    assert main(["list", "--dir", str(blog_dir), "--config", "/dev/zero"]) == 2
    assert "not a regular file (a character device)" in capsys.readouterr().err
    glimpse = glimpse_file(blog_dir.resolve(), None)
    glimpse.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(glimpse)
    assert load_glimpse(blog_dir.resolve(), "newest", None) is None
