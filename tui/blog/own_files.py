"""The app's own files, and what happens when one cannot be written.

The session, the recovery copies, the cache, the glimpse and the settings
are the app's, not the user's posts: a full disk, a read-only or missing
folder, a file where a folder should be (ENOSPC, EROFS, EACCES, ENOTDIR,
EIO) only means that one of them is not kept. It is never worth ending the
app for, which would lose the text in the editor. Every write of one goes
through `OwnFiles`, which catches the failure, remembers the first of each
kind and tells whoever listens (the app shows it) once, not at each key
that tries again.

A kind written successfully after failing is told again when it next
fails: the user was told it could not be kept, may have made room or
fixed the folder since, and would otherwise believe it kept again. A kind
that keeps failing is told only the first time.

Kept light (no dataclasses): the session is read before the first frame.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Literal, NamedTuple, TypeVarTuple, Unpack

from tui.blog.errors import BlogError
from tui.blog.opening import read_regular

Kind = Literal["session", "recovery", "cache", "glimpse", "settings"]

_WORDS: dict[Kind, tuple[str, str]] = {
    "session": (
        "The list's order and the last post read",
        "they are remembered only until the app ends",
    ),
    "recovery": (
        "Recovery copies of unsaved text",
        "your text stays in the editor: save it to keep it",
    ),
    "cache": ("The cache of the posts", "the next start reads every post again"),
    "glimpse": ("The glimpse of the list", "the next start shows the list a little later"),
    "settings": ("The theme chosen", "the next start uses the settings file's theme"),
}

Args = TypeVarTuple("Args")


class Failure(NamedTuple):
    """One of the app's own files that could not be written."""

    kind: Kind
    where: Path
    """The file, or the folder (recovery copies, one file each)."""
    reason: str
    """Why, in the system's words ("No space left on device")."""

    @property
    def message(self) -> str:
        """What is not kept, where, why, and what it means for the user."""
        what, meaning = _WORDS[self.kind]
        return f"{what} cannot be kept: {self.where}: {self.reason}. {meaning.capitalize()}."


class OwnFiles:
    """Writes the app's own files; a failure is remembered and told, never raised.

    ``told`` is called with the first failure of each kind (see the module's
    docstring for when again), from the thread that wrote: it must be safe
    to call from any thread.
    """

    def __init__(self, told: Callable[[Failure], object] | None = None) -> None:
        self._told = told
        self._lock = threading.Lock()
        self._failed: dict[Kind, Failure] = {}

    def failed(self, kind: Kind) -> Failure | None:
        """The first failure of ``kind`` since it was last written, if any."""
        return self._failed.get(kind)

    def write(
        self, kind: Kind, where: Path, write: Callable[[Unpack[Args]], object], *args: *Args
    ) -> bool:
        """Call ``write(*args)``, which writes a file of ``kind`` at ``where``;
        whether it was written."""
        try:
            write(*args)
        except (OSError, BlogError) as error:
            self._fail(kind, where, error)
            return False
        with self._lock:
            self._failed.pop(kind, None)
        return True

    def remove(self, kind: Kind, where: Path, file: Path) -> bool:
        """Remove ``file``, of ``kind`` at ``where``; whether it is gone.

        A file already gone, or whose folder is not one, is gone; that is no
        sign that the kind can be written again, so it is not told again."""
        try:
            os.remove(file)
        except (FileNotFoundError, NotADirectoryError):
            return True
        except OSError as error:
            self._fail(kind, where, error)
            return False
        return True

    def _fail(self, kind: Kind, where: Path, error: Exception) -> None:
        failure = Failure(kind, where, reason_of(error, where))
        with self._lock:
            if kind in self._failed:
                return
            self._failed[kind] = failure
        if self._told is not None:
            self._told(failure)


def reason_of(error: BaseException, where: Path) -> str:
    """The system's words for ``error`` (or the OSError it came from), else its own."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, FileExistsError) and cause.filename:
            # Only a folder made where a file is says this (mkdir's exist_ok).
            return f"{cause.filename} is a file, not a folder"
        if isinstance(cause, OSError):
            return cause.strerror or str(cause)
        cause = cause.__cause__
    return str(error).removeprefix(f"{where}: ")


def read_own(file: Path, largest: int) -> bytes | None:
    """The bytes of ``file``, one of the app's own; None when it cannot be
    read, is not a regular file (a FIFO would wait for ever) or holds more
    than ``largest`` bytes. Never raises."""
    try:
        read = read_regular(file, largest)
    except OSError:
        return None
    return read.data if read.whole else None
