"""Atomic writes, exactly: the temporary file's name, who may write a file
without being asked, what is raised, word for word, when a file is there,
gone, grown or replaced, and that every failure leaves the old file and no
temporary one."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from tui.blog import files
from tui.blog.errors import OUTSIDE, READ_ONLY, BlogError, ChangedOnDisk, NeedsConfirmation
from tui.blog.files import atomic_write, make_folders, remove_folders, temporary_name
from tui.blog.walk import is_temporary_name


def left_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_temporary_name_is_dot_name_eight_letters_tmp() -> None:
    names = {temporary_name("post.md") for _ in range(50)}
    assert len(names) > 1
    for name in names:
        assert re.fullmatch(r"\.post\.md\.[a-z0-9_]{8}\.tmp", name), name
        assert is_temporary_name(name)  # what the reading removes after a crash


def test_a_new_file_gets_the_mode_asked_else_the_umask_s(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a.md", b"a\n", mode=0o640)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o640
    umask = os.umask(0o027)
    os.umask(umask)
    atomic_write(tmp_path / "b.md", b"b\n")
    assert stat.S_IMODE((tmp_path / "b.md").stat().st_mode) == 0o666 & ~umask
    assert (tmp_path / "b.md").read_bytes() == b"b\n"


# A file there, or not, when none is wanted


def test_an_exclusive_write_where_a_file_is_raises_file_exists(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"theirs\n")
    with pytest.raises(FileExistsError) as raised:
        atomic_write(path, b"mine\n", exclusive=True)
    assert (raised.value.errno, raised.value.strerror, raised.value.filename) == (
        errno.EEXIST,
        "File exists",
        "post.md",
    )
    assert path.read_bytes() == b"theirs\n"
    assert left_in(tmp_path) == ["post.md"]


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that has no hard links (FAT, some network shares)."""

    def refused(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)


def test_without_hard_links_a_new_file_is_renamed_into_place(
    tmp_path: Path, no_hard_links: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path.parent)  # names are taken from the folder, not from here
    path = tmp_path / "post.md"
    atomic_write(path, b"mine\n", exclusive=True)
    assert path.read_bytes() == b"mine\n"
    assert left_in(tmp_path) == ["post.md"]


@pytest.mark.parametrize("there", ["a file", "a broken link"])
def test_without_hard_links_a_name_taken_is_not_written_over(
    tmp_path: Path, no_hard_links: None, monkeypatch: pytest.MonkeyPatch, there: str
) -> None:
    monkeypatch.chdir(tmp_path.parent)
    path = tmp_path / "post.md"
    real_stat = os.stat
    looks: list[object] = []

    def taken_meanwhile(name: Any, *args: Any, **kwargs: Any) -> Any:
        if name == "post.md":
            looks.append(name)
        if len(looks) == 2 and not os.path.lexists(path):
            # Another program takes the name between the first look and the last.
            if there == "a file":
                path.write_bytes(b"theirs\n")
            else:
                path.symlink_to(tmp_path / "nowhere.md")
        return real_stat(name, *args, **kwargs)

    monkeypatch.setattr(os, "stat", taken_meanwhile)
    with pytest.raises(FileExistsError) as raised:
        atomic_write(path, b"mine\n", exclusive=True)
    assert (raised.value.errno, raised.value.strerror, raised.value.filename) == (
        errno.EEXIST,
        "File exists",
        "post.md",
    )
    assert os.path.lexists(path)
    if there == "a file":
        assert path.read_bytes() == b"theirs\n"
    else:
        assert path.is_symlink()
    assert left_in(tmp_path) == ["post.md"]


def test_a_file_written_back_is_never_written_over_one_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"  # read as b"old\n", since deleted
    real_link = os.link

    def someone_first(*args: Any, **kwargs: Any) -> None:
        path.write_bytes(b"theirs\n")
        real_link(*args, **kwargs)

    monkeypatch.setattr(os, "link", someone_first)
    with pytest.raises(ChangedOnDisk) as raised:
        atomic_write(path, b"mine\n", expected=b"old\n")
    assert raised.value.message == (
        "post.md was written by another program meanwhile; it was not written over"
    )
    assert path.read_bytes() == b"theirs\n"
    assert left_in(tmp_path) == ["post.md"]


# What the file holds now


def test_an_empty_file_that_got_text_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"x")
    with pytest.raises(ChangedOnDisk) as raised:
        atomic_write(path, b"mine\n", expected=b"")
    assert raised.value.message == (
        "post.md was changed by another program since it was read; it was not written"
    )
    assert path.read_bytes() == b"x"
    atomic_write(path, b"mine\n", expected=b"x")
    assert path.read_bytes() == b"mine\n"
    assert left_in(tmp_path) == ["post.md"]


def test_a_file_that_grew_or_shrank_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    for now in (b"abcd", b"ab"):
        path.write_bytes(now)
        with pytest.raises(ChangedOnDisk):
            atomic_write(path, b"mine\n", expected=b"abc")
        assert path.read_bytes() == now
    assert left_in(tmp_path) == ["post.md"]


@pytest.mark.timeout(20)
def test_a_post_replaced_by_a_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")
    real_fsync = os.fsync

    def replaced(fd: int) -> None:
        real_fsync(fd)
        path.unlink()
        os.mkfifo(path)  # between the first look and the last

    monkeypatch.setattr(os, "fsync", replaced)
    with pytest.raises(BlogError) as raised:
        atomic_write(path, b"mine\n", expected=b"old\n")
    assert raised.value.message == "post.md is no longer a regular file; it was not written"
    assert stat.S_ISFIFO(path.lstat().st_mode)
    assert left_in(tmp_path) == ["post.md"]


def test_a_file_that_cannot_be_looked_at_says_why(tmp_path: Path) -> None:
    (tmp_path / "x.md").symlink_to(tmp_path / "y.md")
    (tmp_path / "y.md").symlink_to(tmp_path / "x.md")
    with pytest.raises(BlogError) as raised:
        atomic_write(tmp_path / "x.md", b"mine\n")
    assert raised.value.message == "Cannot save x.md: Too many levels of symbolic links"
    assert left_in(tmp_path) == ["x.md", "y.md"]


def test_a_failure_whose_temporary_file_is_already_gone_is_still_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")

    def lost(fd: int) -> None:
        for name in os.listdir(tmp_path):
            if name.endswith(".tmp"):
                os.unlink(tmp_path / name)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", lost)
    with pytest.raises(BlogError) as raised:
        atomic_write(path, b"mine\n")
    assert raised.value.message == "Cannot save post.md: Input/output error"
    assert path.read_bytes() == b"old\n"


# Who may write a file without being asked


@pytest.fixture
def user(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer as a user of uid 1234, of group 5678 and, besides, 42."""
    monkeypatch.setattr(os, "geteuid", lambda: 1234)
    monkeypatch.setattr(os, "getegid", lambda: 5678)
    monkeypatch.setattr(os, "getgroups", lambda: [42])
    monkeypatch.setattr(os, "fchown", lambda *args: None)  # a user cannot give files away


CASES = [
    # owner, group, mode, read-only for the user?
    (1234, 999, 0o577, True),  # the user's, and not writable by them: others may, not they
    (1234, 999, 0o200, False),
    (999, 5678, 0o757, True),  # the user's group's: the group's bit decides
    (999, 5678, 0o020, False),
    (999, 42, 0o757, True),  # a group the user is also in
    (999, 42, 0o020, False),
    (999, 999, 0o770, True),  # nobody's the user is: the others' bit decides
    (999, 999, 0o002, False),
]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
@pytest.mark.parametrize(("owner", "group", "mode", "read_only"), CASES)
def test_read_only_is_as_the_users_own_permission_says(
    tmp_path: Path, owner: int, group: int, mode: int, read_only: bool, user: None
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")
    os.chown(path, owner, group)
    path.chmod(mode)
    if read_only:
        with pytest.raises(NeedsConfirmation) as asked:
            atomic_write(path, b"mine\n", confirmed=False)
        assert asked.value.message == (
            "post.md is read-only (you have no write permission on it). Write it anyway?"
        )
        assert asked.value.kind == READ_ONLY
        assert path.read_bytes() == b"old\n"
        atomic_write(path, b"mine\n", confirmed={READ_ONLY})
    else:
        atomic_write(path, b"mine\n", confirmed=False)
    assert path.read_bytes() == b"mine\n"
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="as root")
@pytest.mark.parametrize(("mode", "read_only"), [(0o445, True), (0o555, True), (0o020, False)])
def test_root_is_asked_only_when_no_one_may_write_the_file(
    tmp_path: Path, mode: int, read_only: bool
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")
    path.chmod(mode)
    if read_only:
        with pytest.raises(NeedsConfirmation):
            atomic_write(path, b"mine\n", confirmed=False)
        assert path.read_bytes() == b"old\n"
    else:
        atomic_write(path, b"mine\n", confirmed=False)
        assert path.read_bytes() == b"mine\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_file_whose_owner_cannot_be_kept_is_saved_as_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")
    os.chown(path, 999, 999)
    path.chmod(0o666)

    def refused(*args: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refused)
    atomic_write(path, b"mine\n")
    found = path.stat()
    assert path.read_bytes() == b"mine\n"
    assert (found.st_uid, stat.S_IMODE(found.st_mode)) == (0, 0o666)


# Folders made for a new file, and removed when it could not be


def test_folders_are_made_down_to_the_one_asked_and_each_is_named(tmp_path: Path) -> None:
    made: list[Path] = []
    make_folders(tmp_path / "a" / "b" / "c", made)
    assert made == [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"]
    again: list[Path] = []
    make_folders(tmp_path / "a" / "b", again)
    assert again == []


def test_a_folder_made_by_someone_else_meanwhile_is_theirs_and_the_rest_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = Path.mkdir

    def raced(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name == "a":
            real_mkdir(self)  # theirs, a moment before
            raise FileExistsError(errno.EEXIST, "File exists", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", raced)
    made: list[Path] = []
    make_folders(tmp_path / "a" / "b" / "c", made)
    assert made == [tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"]
    assert (tmp_path / "a" / "b" / "c").is_dir()


def test_folders_made_are_removed_deepest_first_each_only_while_empty(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "kept.md").write_text("theirs\n")
    remove_folders([tmp_path / "a", tmp_path / "a" / "b", deep])
    assert left_in(tmp_path) == ["a", "a/kept.md"]
    remove_folders([tmp_path / "gone"])  # already gone: nothing to say


def test_no_free_temporary_name_is_told_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter([f".post.md.{n:08d}.tmp" for n in range(200)])
    monkeypatch.setattr(files, "temporary_name", lambda name: next(names))
    for n in range(100):
        (tmp_path / f".post.md.{n:08d}.tmp").write_text("another save\n")
    path = tmp_path / "post.md"
    with pytest.raises(BlogError) as raised:
        atomic_write(path, b"mine\n")
    assert raised.value.message == "Cannot save post.md: no free temporary name"
    assert not path.exists()
    assert next(names) == ".post.md.00000100.tmp"  # a hundred tried, no more


def test_a_temporary_file_that_cannot_be_made_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(b"old\n")
    real_open = os.open

    def full(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if isinstance(name, str) and name.endswith(".tmp"):
            raise OSError(errno.EDQUOT, "Disk quota exceeded")
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(BlogError) as raised:
        atomic_write(path, b"mine\n")
    assert raised.value.message == "Cannot save post.md: Disk quota exceeded"
    assert path.read_bytes() == b"old\n"
    assert left_in(tmp_path) == ["post.md"]


def test_a_temporary_name_taken_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = iter([".post.md.aaaaaaaa.tmp", ".post.md.bbbbbbbb.tmp"])
    monkeypatch.setattr(files, "temporary_name", lambda name: next(names))
    (tmp_path / ".post.md.aaaaaaaa.tmp").write_text("another save\n")
    atomic_write(tmp_path / "post.md", b"mine\n")
    assert (tmp_path / "post.md").read_bytes() == b"mine\n"
    assert left_in(tmp_path) == [".post.md.aaaaaaaa.tmp", "post.md"]


def test_the_temporary_file_is_the_users_alone_until_it_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        for name in os.listdir(tmp_path):
            if name.endswith(".tmp"):
                seen.append(stat.S_IMODE(os.stat(tmp_path / name).st_mode))
        real_fsync(fd)

    real_fchmod = os.fchmod
    modes: list[int] = []

    def fchmod(fd: int, mode: int) -> None:
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        real_fchmod(fd, mode)

    monkeypatch.setattr(os, "fsync", look)
    monkeypatch.setattr(os, "fchmod", fchmod)
    atomic_write(tmp_path / "post.md", b"mine\n", mode=0o644)
    assert modes == [0o600]  # as made, before it gets the file's mode
    assert seen == [0o644]


# Where the file is written


def outside_blog(tmp_path: Path) -> tuple[Path, Path]:
    blog = tmp_path / "blog"
    elsewhere = tmp_path / "elsewhere"
    (blog / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "post.md").write_bytes(b"old\n")
    (blog / "link.md").symlink_to(elsewhere / "post.md")
    (blog / "folder").symlink_to(elsewhere)
    return blog, elsewhere


@pytest.fixture(params=["/proc", "no /proc"])
def proc(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux's word for where an open folder is, or a system without it."""
    if request.param == "no /proc":
        real_readlink = os.readlink

        def readlink(path: Any, *args: Any, **kwargs: Any) -> Any:
            if str(path).startswith("/proc/self/fd/"):
                raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
            return real_readlink(path, *args, **kwargs)

        monkeypatch.setattr(os, "readlink", readlink)


def test_a_write_out_of_the_blog_is_asked_about_word_for_word(tmp_path: Path, proc: None) -> None:
    blog, elsewhere = outside_blog(tmp_path)
    real = os.path.realpath(elsewhere)
    with pytest.raises(NeedsConfirmation) as asked:
        atomic_write(blog / "link.md", b"mine\n", within=blog, confirmed=False)
    assert asked.value.message == (
        f"link.md is a link to {real}/post.md, outside the blog. Write there?"
    )
    assert asked.value.kind == OUTSIDE
    with pytest.raises(NeedsConfirmation) as asked:
        atomic_write(blog / "folder" / "post.md", b"mine\n", within=blog, confirmed={READ_ONLY})
    assert asked.value.message == (
        f"post.md would be written in {real}, outside the blog. Write there?"
    )
    assert asked.value.kind == OUTSIDE
    assert (elsewhere / "post.md").read_bytes() == b"old\n"
    assert left_in(elsewhere) == ["post.md"]
    atomic_write(blog / "folder" / "post.md", b"mine\n", within=blog, confirmed={OUTSIDE})
    assert (elsewhere / "post.md").read_bytes() == b"mine\n"


def test_a_write_inside_the_blog_is_not_asked_about(tmp_path: Path, proc: None) -> None:
    blog, _ = outside_blog(tmp_path)
    (blog / "sub" / "real.md").write_bytes(b"old\n")
    (blog / "inner.md").symlink_to(blog / "sub" / "real.md")
    atomic_write(blog / "inner.md", b"mine\n", within=blog, confirmed=False)
    atomic_write(blog / "sub" / "new.md", b"new\n", within=blog, confirmed=False)
    assert (blog / "sub" / "real.md").read_bytes() == b"mine\n"
    assert (blog / "sub" / "new.md").read_bytes() == b"new\n"
    assert (blog / "inner.md").is_symlink()


def test_a_file_that_became_a_folder_is_not_written(tmp_path: Path) -> None:
    (tmp_path / "post.md").mkdir()
    with pytest.raises(BlogError) as raised:
        atomic_write(tmp_path / "post.md", b"mine\n")
    assert raised.value.message == "post.md is now a folder; it was not written"
    assert left_in(tmp_path) == ["post.md"]


def test_a_file_in_a_folder_gone_says_why(tmp_path: Path) -> None:
    with pytest.raises(BlogError) as raised:
        atomic_write(tmp_path / "gone" / "post.md", b"mine\n")
    assert raised.value.message == "Cannot save post.md: No such file or directory"
    assert left_in(tmp_path) == []


def test_a_new_file_on_a_full_disk_is_a_blog_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    for exclusive in (True, False):
        with pytest.raises(BlogError) as raised:
            atomic_write(tmp_path / "post.md", b"mine\n", exclusive=exclusive)
        assert raised.value.message == "Cannot save post.md: No space left on device"
        assert isinstance(raised.value.__cause__, OSError)
    assert left_in(tmp_path) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="as root, who may write a file no one may")
def test_a_write_that_asks_nothing_writes_a_read_only_file(tmp_path: Path) -> None:
    """The app's own files (settings, cache) are written without a question."""
    path = tmp_path / "settings.toml"
    path.write_bytes(b"old\n")
    path.chmod(0o444)
    atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux's word for an open folder")
def test_a_folder_moved_out_of_the_blog_as_it_is_written_is_asked_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blog = tmp_path / "blog"
    (blog / "sub").mkdir(parents=True)
    (blog / "sub" / "post.md").write_bytes(b"old\n")
    elsewhere = tmp_path / "elsewhere"
    real_open = os.open

    def moved_once_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd = real_open(path, flags, *args, **kwargs)
        if os.fspath(path) == os.path.realpath(blog / "sub"):
            os.rename(blog / "sub", elsewhere)  # by another program, a moment after
        return fd

    monkeypatch.setattr(os, "open", moved_once_open)
    with pytest.raises(NeedsConfirmation) as asked:
        atomic_write(blog / "sub" / "post.md", b"mine\n", within=blog, confirmed=False)
    assert asked.value.message == (
        f"post.md would be written in {os.path.realpath(elsewhere)}, outside the blog. Write there?"
    )
    assert left_in(elsewhere) == ["post.md"]
    assert (elsewhere / "post.md").read_bytes() == b"old\n"
