"""The one way a file of the blog (or of the app) is read: only a regular
file, and never more than asked for.

A folder copied from elsewhere may hold a FIFO, a socket or a device named
``x.md``, or a link to /dev/zero: opening a FIFO waits for a writer, and
/dev/zero never ends. So the file is opened without waiting
(``O_NONBLOCK``), the opened file itself is asked what it is (a stat before
the open could be answered by another file than the one opened), and the
reading stops at the limit whatever size the file claims.

Kept light (the standard library's ``os`` only): the children that list
and read a blog import it.
"""

from __future__ import annotations

import errno
import os
import stat as stat_module
from typing import NamedTuple

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes the app's terminal
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)  # the bytes as they are, where files open as text (Windows)
)
_SMALLEST_READ = 65_536
"""Bytes asked for at least in one read: one read takes a post whole."""
_is_regular = stat_module.S_ISREG


class NotRegular(OSError):
    """The path is a FIFO, a socket, a device or a folder: never read.

    Its ``strerror`` says what it is ("not a regular file (a FIFO)").
    """


class Read(NamedTuple):
    """What was read of a file."""

    data: bytes
    """Its first bytes: all of them when ``whole``."""
    size: int
    """Its size: the bytes read when ``whole``; else what the open file
    said, or more when more was found there."""
    whole: bool
    """Whether ``data`` is the whole file."""


def kind_of(mode: int) -> str | None:
    """What a file of ``mode`` is, when it is not a regular file."""
    if stat_module.S_ISREG(mode):
        return None
    for test, kind in (
        (stat_module.S_ISFIFO, "a FIFO"),
        (stat_module.S_ISSOCK, "a socket"),
        (stat_module.S_ISCHR, "a character device"),
        (stat_module.S_ISBLK, "a block device"),
        (stat_module.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "a special file"


def not_regular(path: str | os.PathLike[str], mode: int) -> NotRegular | None:
    """The error to raise for the file at ``path`` of ``mode``, unless it is a regular file."""
    kind = kind_of(mode)
    if kind is None:
        return None
    return NotRegular(errno.EINVAL, f"not a regular file ({kind})", os.fspath(path))


def read_regular(path: str | os.PathLike[str], limit: int, head: int | None = None) -> Read:
    """The regular file at ``path``, whole when it holds at most ``limit``
    bytes; else (by its size, or by what was found in it) its first ``head``
    bytes (default: ``limit``). At most ``limit + 1`` bytes are read.

    Raises:
        NotRegular: it is a FIFO, a socket, a device, a folder.
        OSError: it cannot be opened or read.
    """
    head = limit if head is None else min(head, limit)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        # A socket cannot be opened at all (ENXIO): say what it is rather than that.
        try:
            problem = not_regular(path, os.stat(path).st_mode)
        except OSError:
            problem = None
        if problem is not None:
            raise problem from error
        raise
    try:
        found = os.fstat(fd)  # the file opened, not whatever the path names now
        if not _is_regular(found.st_mode):
            raise not_regular(path, found.st_mode) or OSError(errno.EINVAL, "")
        # O_NONBLOCK stays: local file systems ignore it for a regular file,
        # and a file that would make a read wait (/proc/kmsg) fails instead.
        claimed = found.st_size
        if claimed < _SMALLEST_READ <= limit:
            # A post, nearly always: one read, which comes back short.
            data = os.read(fd, _SMALLEST_READ)
            if len(data) < _SMALLEST_READ:
                return Read(data, len(data), True)
            data += _read(fd, limit + 1 - len(data), claimed)
        else:
            data = _read(fd, (head if claimed > limit else limit) + 1, claimed)
    finally:
        os.close(fd)
    if claimed <= limit and len(data) <= limit:
        return Read(data, len(data), True)
    return Read(data[:head], max(claimed, len(data)), False)


def _read(fd: int, most: int, claimed: int) -> bytes:
    """Up to ``most`` bytes from ``fd``, in as few reads as the file allows."""
    parts: list[bytes] = []
    got = 0
    while got < most:
        # More than the claimed size: a regular file reads short only at its
        # end, so one read takes a post whole, and no second looks for more.
        asked = min(most - got, max(claimed + 1 - got, _SMALLEST_READ))
        part = os.read(fd, asked)
        parts.append(part)
        got += len(part)
        if len(part) < asked:
            break
    return parts[0] if len(parts) == 1 else b"".join(parts)
