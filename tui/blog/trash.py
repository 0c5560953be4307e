"""Sending posts to the desktop's trash, as file managers do (the
freedesktop.org trash on Linux), so that a delete can be undone there."""

from __future__ import annotations

import os
from pathlib import Path

from tui.blog.errors import BlogError


class NoTrash(BlogError):
    """No trash can be had for the file here: deleting it for ever is the caller's to ask."""


def send_to_trash(path: Path) -> Path | None:
    """Move ``path`` (a link: the link itself) to the trash; the trash folder
    it is in now (None: it was already gone).

    Raises:
        NoTrash: there is no trash for it (another file system without one,
            no permission to make one, the library missing).
    """
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BlogError(f"Cannot delete {path.name}: {error.strerror}") from error
    try:
        from send2trash import send2trash  # imported when first used: not at start
    except ImportError as error:
        raise NoTrash(f"There is no trash to put {path.name} in ({error}).") from error
    try:
        send2trash(str(path))
    except OSError as error:
        if not os.path.lexists(path) and os.path.lexists(path.parent):
            return None  # deleted meanwhile
        why = error.strerror or str(error)
        raise NoTrash(f"{path.name} cannot go to the trash: {why}.") from error
    return _trash_holding(path, found)


def home_trash() -> Path:
    """The user's own trash (``~/.local/share/Trash`` unless XDG_DATA_HOME says)."""
    data = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return Path(data) / "Trash"


def shown(folder: Path) -> str:
    """``folder`` as a person writes it: the home folder as ``~``."""
    home = Path(os.path.expanduser("~"))
    return f"~/{folder.relative_to(home)}" if folder.is_relative_to(home) else str(folder)


def _trash_holding(path: Path, found: os.stat_result) -> Path:
    """Which trash holds the file now: the one whose ``files`` folder has it
    (a move keeps its inode); else the home trash, where a move across file
    systems puts it."""
    mount = os.path.realpath(path.parent)
    while not os.path.ismount(mount):
        mount = os.path.dirname(mount)
    home = home_trash()
    candidates = [
        home,
        Path(mount, ".Trash", str(os.getuid())),
        Path(mount, f".Trash-{os.getuid()}"),
    ]
    stem = os.path.splitext(path.name)[0]
    for trash in candidates:
        try:
            with os.scandir(trash / "files") as entries:
                for entry in entries:
                    if entry.name.startswith(stem) and _same(entry, found):
                        return trash
        except OSError:
            continue
    return home


def _same(entry: os.DirEntry[str], found: os.stat_result) -> bool:
    try:
        held = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (found.st_dev, found.st_ino)
