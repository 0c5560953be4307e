"""Saves, new posts and deletes that never lose anyone's text: not another
program's write, not a write outside the blog or over a read-only file, no
half-made post on a full disk, no delete that cannot be undone."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.helpers import screen_text, settle, started, until, until_open
from tui import cli
from tui.app import BlogApp
from tui.blog import Blog, BlogError, store
from tui.blog.conventions import Convention
from tui.blog.errors import ChangedOnDisk, NeedsConfirmation
from tui.blog.trash import NoTrash
from tui.dialogs import ConfirmScreen, ConflictScreen, NewPostScreen

STEVE = "2010-11-08-steve-jobs-stanford.md"
POST = '---\ntitle: "{}"\n---\nTexte.\n'


def rewrite_keeping_size_and_times(path: Path, old: bytes, new: bytes) -> None:
    """What `sed -i` can do unseen: other bytes, the same size and modification time."""
    assert len(old) == len(new) and old != new
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def left_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# Another program's write, just before the save


def test_save_refuses_a_file_rewritten_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(POST.format("Post"))
    blog = Blog(tmp_path)
    document = blog.open(path)
    rewrite_keeping_size_and_times(path, b"Texte", b"TEXTE")
    with pytest.raises(ChangedOnDisk):
        blog.save(document, document.text + "Mine.\n")
    assert path.read_text() == POST.format("Post").replace("Texte", "TEXTE")
    assert left_in(tmp_path) == ["post.md"]  # no temporary file left
    # Read again, the file's text is the one to write over.
    blog.save(blog.open(path), "Mine.\n")
    assert path.read_text() == "Mine.\n"


def test_a_file_deleted_since_it_was_read_is_written_back(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(POST.format("Post"))
    blog = Blog(tmp_path)
    document = blog.open(path)
    path.unlink()
    blog.save(document, "Back.\n")
    assert path.read_text() == "Back.\n"


async def test_ctrl_s_asks_when_another_program_wrote_the_post_unseen(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir, watch=False)  # no watcher will ever say it changed
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("x")
        rewrite_keeping_size_and_times(path, b"Stanford", b"STANFORD")
        theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        assert path.read_bytes() == theirs  # nothing written until the user chooses
        await pilot.press("k")  # keep mine: the save goes on over their text
        await settle(pilot)
        assert path.read_text("utf-8").startswith("x---")
        assert b"STANFORD" not in path.read_bytes()
        assert not screen.modified
        # The baseline is what was saved: the next save is no question.
        await pilot.press("y", "ctrl+s")
        await settle(pilot)
        assert path.read_text("utf-8").startswith("xy---")
        assert not isinstance(app.screen, ConflictScreen)


async def test_take_theirs_at_a_save_loads_their_text_and_writes_nothing(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("x")
        rewrite_keeping_size_and_times(path, b"Stanford", b"STANFORD")
        theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await pilot.press("t")
        await settle(pilot)
        assert path.read_bytes() == theirs
        assert screen.editor.text == theirs.decode("utf-8") and not screen.modified


# Where the write goes


def test_a_folder_replaced_by_a_link_out_of_the_blog_is_asked_about(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    (root / "sub").mkdir(parents=True)
    path = root / "sub" / "post.md"
    path.write_text(POST.format("Post"))
    blog = Blog(root)
    document = blog.open(path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "post.md").write_bytes(path.read_bytes())
    (root / "sub" / "post.md").unlink()
    (root / "sub").rmdir()
    (root / "sub").symlink_to(outside)  # the same name, now leading out of the blog
    with pytest.raises(NeedsConfirmation, match="outside the blog"):
        blog.save(document, "Mine.\n")
    assert (outside / "post.md").read_text() == POST.format("Post")
    assert left_in(outside) == ["post.md"]


def test_a_confirmed_write_out_of_the_blog_makes_its_temporary_file_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "blog"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "post.md").write_text(POST.format("Post"))
    root.mkdir()
    (root / "sub").symlink_to(outside)
    blog = Blog(root)
    document = blog.open(root / "sub" / "post.md")
    made_in: list[str] = []
    real_replace = os.replace

    def replace(src: str, dst: str, **kwargs: Any) -> None:
        folder = kwargs.get("src_dir_fd")
        made_in.append(os.readlink(f"/proc/self/fd/{folder}") if folder else os.path.dirname(src))
        real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    blog.save(document, "Mine.\n", confirmed=True)
    assert (outside / "post.md").read_text() == "Mine.\n"
    assert (root / "sub").is_symlink()
    assert [os.path.realpath(folder) for folder in made_in] == [str(outside.resolve())]


# Read-only files, and files of another user


def test_a_read_only_post_is_written_only_when_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(POST.format("Post"))
    path.chmod(0o444)  # as root too: no one may write it
    blog = Blog(tmp_path)
    document = blog.open(path)
    with pytest.raises(NeedsConfirmation, match="read-only") as asked:
        blog.save(document, "Mine.\n")
    assert path.read_text() == POST.format("Post")
    blog.save(document, "Mine.\n", confirmed={asked.value.kind})
    assert path.read_text() == "Mine.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


async def test_saving_a_read_only_post_asks_first(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    path.chmod(0o444)
    before = path.read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("x", "ctrl+s")
        await until(pilot, lambda: "is read-only" in screen_text(pilot))
        await pilot.press("n")
        await settle(pilot)
        assert path.read_bytes() == before and screen.modified
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert path.read_text("utf-8").startswith("x---") and not screen.modified


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_saving_another_users_post_keeps_its_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(POST.format("Post"))
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    blog = Blog(tmp_path)
    blog.save(blog.open(path), "Mine.\n")
    after = path.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (1234, 5678, 0o640)
    assert path.read_text() == "Mine.\n"


# New posts on a full disk


def fill_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No space left for any file under ``folder`` from now on, however it is written."""
    real_write, real_open = os.write, open
    full = OSError(errno.ENOSPC, "No space left on device")

    def write(fd: int, data: Any) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder)):
            raise full
        return real_write(fd, data)

    class FullFile:
        def __init__(self, file: Any) -> None:
            self.file = file

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: Any) -> int:
            raise full

    def opening(*args: Any, **kwargs: Any) -> Any:
        return FullFile(real_open(*args, **kwargs))

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(store, "open", opening, raising=False)  # how posts were once made


@pytest.fixture
def full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fill_disk(tmp_path, monkeypatch)
    yield
    monkeypatch.undo()


@pytest.mark.parametrize("layout", ["dated", "bundle", "date-path"])
def test_a_new_post_on_a_full_disk_leaves_nothing(
    tmp_path: Path, full_disk: None, layout: str
) -> None:
    root = tmp_path / "blog"
    root.mkdir()
    (root / "old.md").write_text(POST.format("Old"))
    blog = Blog(root)
    with pytest.raises(BlogError, match="No space left on device"):
        blog.new_post("Plein", dt.datetime(2026, 1, 2, 9, 30), convention=Convention(layout))
    assert left_in(root) == ["old.md"]  # no empty post, no folder made for it


def test_a_new_post_is_never_written_over_one_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blog = Blog(tmp_path)
    real_link = os.link

    def someone_first(src: str, dst: str, **kwargs: Any) -> None:
        # Another program takes the name between the check and the link.
        (tmp_path / "2026-01-02-nom.md").write_text("theirs\n")
        monkeypatch.setattr(os, "link", real_link)
        real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "link", someone_first)
    post, _ = blog.new_post("Nom", dt.datetime(2026, 1, 2, 9, 30))
    assert (tmp_path / "2026-01-02-nom.md").read_text() == "theirs\n"
    assert post.path.name == "2026-01-02-nom-2.md"
    assert left_in(tmp_path) == ["2026-01-02-nom-2.md", "2026-01-02-nom.md"]


def test_blog_new_on_a_full_disk_says_so_and_leaves_nothing(
    blog_dir: Path, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = left_in(blog_dir)
    status = cli.main(["new", "Plein", "--dir", str(blog_dir)])
    assert status == 1
    assert "No space left on device" in capsys.readouterr().err
    assert left_in(blog_dir) == before


async def test_ctrl_n_on_a_full_disk_says_so_and_lists_nothing(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = left_in(blog_dir)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        fill_disk(blog_dir, monkeypatch)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewPostScreen))
        await pilot.press(*"Plein", "enter")
        await settle(pilot)
        monkeypatch.undo()
        messages = [str(n.message) for n in app._notifications]
        assert any("No space left on device" in message for message in messages)
        assert left_in(blog_dir) == before
        assert len(list(screen.blog.index.posts())) == 4
        assert "Plein" not in screen_text(pilot)


# What a crash left


def test_reading_the_blog_removes_the_temporary_files_a_crash_left(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "post.md").write_text(POST.format("Post"))
    old = [".post.md.abcd_123.tmp", "sub/.post.md.k2x9q0zz.tmp"]
    kept = [
        ".post.md.fresh123.tmp",  # a save in progress, by another copy of the app
        ".notes.txt.abcd1234.tmp",  # not beside a post
        ".post.md.tmp",
        "post.md.abcd1234.tmp",
    ]
    an_hour_ago = dt.datetime.now().timestamp() - 3600
    for name in old + kept:
        (tmp_path / name).write_text("half a save")
        if name not in kept[:1]:
            os.utime(tmp_path / name, (an_hour_ago, an_hour_ago))
    Blog(tmp_path).load()
    assert left_in(tmp_path) == sorted(["sub", "sub/post.md", *kept])


async def test_the_app_removes_them_as_it_starts(blog_dir: Path) -> None:
    left = blog_dir / f".{STEVE}.abcd1234.tmp"
    left.write_text("half a save")
    os.utime(left, (0, 0))
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        assert not left.exists()


# Deleting goes to the trash


def trash_folder() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "Trash"


def test_deleting_sends_the_post_to_the_trash(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    content = path.read_bytes()
    went_to = Blog(blog_dir).delete(path)
    assert went_to == trash_folder()  # send2trash honours XDG_DATA_HOME (conftest)
    assert not path.exists()
    assert (trash_folder() / "files" / STEVE).read_bytes() == content
    info = (trash_folder() / "info" / f"{STEVE}.trashinfo").read_text()
    assert f"Path={quote(str(path))}\n" in info


def test_without_a_trash_deleting_says_so(blog_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import send2trash

    def no_trash(path: object) -> None:
        raise send2trash.TrashPermissionError(str(path))

    monkeypatch.setattr(send2trash, "send2trash", no_trash)
    with pytest.raises(NoTrash):
        Blog(blog_dir).delete(blog_dir / STEVE)
    assert (blog_dir / STEVE).exists()


async def test_d_sends_the_post_to_the_trash_and_says_where(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("d")
        await until(pilot, lambda: "goes to the trash, where" in screen_text(pilot))
        await pilot.press("y")
        await settle(pilot)
        assert not (blog_dir / STEVE).exists()
        assert (trash_folder() / "files" / STEVE).is_file()
        assert (trash_folder() / "info" / f"{STEVE}.trashinfo").is_file()
        messages = [str(n.message) for n in app._notifications]
        assert f"Moved {STEVE} to the trash ({trash_folder()})" in messages


async def test_without_a_trash_d_asks_to_delete_for_ever(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import send2trash

    def no_trash(path: object) -> None:
        raise OSError(errno.EXDEV, "Couldn't find mount point")

    monkeypatch.setattr(send2trash, "send2trash", no_trash)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: "for ever" in screen_text(pilot))
        assert "cannot go to the trash" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert (blog_dir / STEVE).exists()
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: "for ever" in screen_text(pilot))
        await pilot.press("y")
        await settle(pilot)
        assert not (blog_dir / STEVE).exists()
        assert not trash_folder().exists()
        messages = [str(n.message) for n in app._notifications]
        assert f"Deleted {STEVE} for ever" in messages
