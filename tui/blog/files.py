"""Writing files atomically: keeping their permissions and owner, and never
over a text, or in a place, that the writer did not expect."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Collection
from pathlib import Path

from tui.blog.errors import OUTSIDE, READ_ONLY, BlogError, ChangedOnDisk, NeedsConfirmation
from tui.blog.walk import TEMPORARY_LETTERS

# Read once at import: os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_LETTERS = sorted(TEMPORARY_LETTERS)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def temporary_name(name: str) -> str:
    """The name of a save's temporary file beside ``name``: ``.NAME.XXXXXXXX.tmp``,
    which the reading of the blog removes when a crash leaves one (see tui/blog/walk.py)."""
    # os.urandom, not the secrets module: that imports hashlib, which the
    # first frame goes without (the settings are written through here).
    letters = "".join(_LETTERS[byte % len(_LETTERS)] for byte in os.urandom(8))
    return f".{name}.{letters}.tmp"


def atomic_write(
    path: Path,
    data: bytes,
    mode: int | None = None,
    *,
    expected: bytes | None = None,
    within: Path | None = None,
    confirmed: bool | Collection[str] = True,
    exclusive: bool = False,
) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees half a file.

    The bytes go to a temporary file in the folder the file is really in
    (same file system, so the rename is atomic), are flushed to disk, then
    renamed over the file. A symlinked file is written through the link.
    The file keeps its mode, owner and group; a new file gets ``mode``,
    else the usual mode for the user's umask.

    With ``expected``, the file must still hold those bytes right before
    it is replaced (or be gone: it is then written back, never over a file
    made meanwhile). With ``within``, the folder written to, as the kernel
    finds it at the moment of writing, must be inside that one. With
    ``exclusive``, the file is put in place only where none is.

    Raises:
        NeedsConfirmation: the write goes outside ``within`` or over a
            read-only file, unless ``confirmed`` is True or holds its kind.
        ChangedOnDisk: the file no longer holds ``expected``.
        FileExistsError: ``exclusive``, and a file is there.
        BlogError: the file could not be written. In every case the old
            file is untouched and no temporary file is left.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        folder = os.open(os.path.realpath(target.parent), os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError as error:
        raise BlogError(f"Cannot save {path.name}: {error.strerror}") from error
    try:
        _check_place(path, folder, within, confirmed)
        _write_in(folder, target.name, path.name, data, mode, expected, confirmed, exclusive)
    finally:
        os.close(folder)


def allows(confirmed: bool | Collection[str], kind: str) -> bool:
    """Whether ``confirmed`` (True: everything) agrees to a question of ``kind``."""
    return confirmed is True or (not isinstance(confirmed, bool) and kind in confirmed)


def _check_place(
    path: Path, folder: int, within: Path | None, confirmed: bool | Collection[str]
) -> None:
    """Ask before writing outside ``within``: where the opened ``folder`` is
    now (every folder on the way resolved, links to folders included)."""
    if within is None or allows(confirmed, OUTSIDE):
        return
    try:  # the kernel's word for where the opened folder is (Linux)
        where = os.readlink(f"/proc/self/fd/{folder}")
    except OSError:  # the folder the file really is in, through a link to it too
        where = os.path.dirname(os.path.realpath(path))
    if Path(where).is_relative_to(os.path.realpath(within)):
        return
    if path.is_symlink():
        question = f"{path.name} is a link to {os.path.realpath(path)}, outside the blog."
    else:
        question = f"{path.name} would be written in {where}, outside the blog."
    raise NeedsConfirmation(f"{question} Write there?", OUTSIDE)


def _write_in(
    folder: int,
    name: str,
    shown: str,
    data: bytes,
    mode: int | None,
    expected: bytes | None,
    confirmed: bool | Collection[str],
    exclusive: bool,
) -> None:
    try:
        current: os.stat_result | None = os.stat(name, dir_fd=folder)
    except FileNotFoundError:
        current = None
    except OSError as error:
        raise BlogError(f"Cannot save {shown}: {error.strerror}") from error
    if current is not None:
        if exclusive:
            raise FileExistsError(errno.EEXIST, "File exists", shown)
        if stat.S_ISDIR(current.st_mode):
            raise BlogError(f"{shown} is now a folder; it was not written")
        if not allows(confirmed, READ_ONLY) and _read_only(current):
            raise NeedsConfirmation(
                f"{shown} is read-only (you have no write permission on it). Write it anyway?",
                READ_ONLY,
            )
        mode = stat.S_IMODE(current.st_mode)
    elif mode is None:
        mode = 0o666 & ~_UMASK
    temp, fd = _create_temporary(folder, name, shown)
    try:
        try:
            _write_all(fd, data)
            if current is not None:
                _keep_owner(fd, current)
            os.fchmod(fd, mode)  # after the owner: a change of owner clears set-id bits
            os.fsync(fd)
        finally:
            os.close(fd)
        if expected is not None and not _holds(folder, name, shown, expected):
            raise ChangedOnDisk(
                f"{shown} was changed by another program since it was read; it was not written"
            )
        if exclusive or (expected is not None and current is None):
            _link_new(folder, temp, name, shown, exclusive)
        else:
            os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError as error:
        _remove_quietly(temp, folder)
        if isinstance(error, FileExistsError) and exclusive:
            raise
        raise BlogError(f"Cannot save {shown}: {error.strerror}") from error
    except BaseException:
        _remove_quietly(temp, folder)
        raise


def _read_only(found: os.stat_result) -> bool:
    """Whether the file's mode gives the user no write permission, as vim
    says "read-only": root too is asked when no one may write the file."""
    user = os.geteuid()
    if user == 0:
        return not found.st_mode & 0o222
    if found.st_uid == user:
        return not found.st_mode & stat.S_IWUSR
    if found.st_gid in (os.getegid(), *os.getgroups()):
        return not found.st_mode & stat.S_IWGRP
    return not found.st_mode & stat.S_IWOTH


def _create_temporary(folder: int, name: str, shown: str) -> tuple[str, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC
    for _ in range(100):
        temp = temporary_name(name)
        try:
            return temp, os.open(temp, flags, 0o600, dir_fd=folder)
        except FileExistsError:
            continue
        except OSError as error:
            raise BlogError(f"Cannot save {shown}: {error.strerror}") from error
    raise BlogError(f"Cannot save {shown}: no free temporary name")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _keep_owner(fd: int, found: os.stat_result) -> None:
    """The replacing file gets the replaced one's owner and group (root
    saving another user's post); where that cannot be done, it is the user's."""
    made = os.fstat(fd)
    if (made.st_uid, made.st_gid) != (found.st_uid, found.st_gid):
        with contextlib.suppress(OSError):
            os.fchown(fd, found.st_uid, found.st_gid)


def _holds(folder: int, name: str, shown: str, expected: bytes) -> bool:
    """Whether ``name`` holds ``expected`` now, or is gone (to write back)."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC, dir_fd=folder)
    except FileNotFoundError:
        return True
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BlogError(f"{shown} is no longer a regular file; it was not written")
        found = bytearray()
        while len(found) <= len(expected):  # one byte more tells a longer file
            chunk = os.read(fd, len(expected) + 1 - len(found))
            if not chunk:
                break
            found += chunk
        return found == expected
    finally:
        os.close(fd)


def _link_new(folder: int, temp: str, name: str, shown: str, exclusive: bool) -> None:
    """Put ``temp`` in place as ``name`` only if no file is there (a hard
    link fails where one is); then only the name ``name`` remains."""
    try:
        try:
            os.link(temp, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
                raise
            # A file system without hard links: the rename, once no file is there.
            try:
                os.stat(name, dir_fd=folder, follow_symlinks=False)
            except FileNotFoundError:
                os.rename(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
                return
            raise FileExistsError(errno.EEXIST, "File exists", shown) from error
    except FileExistsError:
        if exclusive:
            raise
        raise ChangedOnDisk(
            f"{shown} was written by another program meanwhile; it was not written over"
        ) from None
    _remove_quietly(temp, folder)  # the file is in place under its name


def _remove_quietly(name: str, folder: int) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name, dir_fd=folder)


def make_folders(folder: Path, made: list[Path]) -> None:
    """Make ``folder`` and those above it that are missing, each added to ``made``."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir()
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs
        made.append(each)


def remove_folders(made: list[Path]) -> None:
    """Remove the folders ``made``, deepest first, each only while empty."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()
