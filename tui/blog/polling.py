"""A blog's folder looked at every second, when it cannot be watched.

watchfiles' own polling follows links to folders: a link to ``/`` in the
blog, and it would stat the whole machine every second. This looks only at
the blog's own folders, never through a link to a folder (the listing of
posts does not follow them either: `tui.blog.walk`), and skips the folders
that never hold posts (``.git``, ``node_modules``...).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from tui.blog.walk import Stamp, is_post_name, is_skipped_folder, stamp

Look = dict[str, Stamp | None]
"""Every folder (None) and post file (its stamp) under the folder, by path."""
_BROKEN: Stamp = (-1, -1, -1, -1)
"""The stamp of a link to nothing, or of a file that cannot be stat'ed."""
_MOST_SETTLES = 10
"""Looks again, at most, while changes go on: files written without end are still said."""


class FolderUnreadable(OSError):
    """The blog's folder itself cannot be listed."""


def look(root: str, visited: list[str] | None = None) -> Look:
    """Every folder and post file under ``root``, with the post files' stamps.

    Links to folders are not followed; a link to a file has the stamp of
    the file it points to. ``visited`` is given each folder listed.

    Raises:
        FolderUnreadable: ``root`` cannot be listed.
    """
    found: Look = {}
    folders = [root]
    while folders:
        folder = folders.pop()
        if visited is not None:
            visited.append(folder)
        try:
            entries = os.scandir(folder)
        except OSError as error:
            if folder == root:
                raise FolderUnreadable(error.errno, error.strerror, folder) from error
            continue  # unreadable, or gone since it was seen: as the listing does
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not is_skipped_folder(entry.name):
                            found[entry.path] = None
                            folders.append(entry.path)
                    elif is_post_name(entry.name):
                        found[entry.path] = stamp(entry.stat())
                except OSError:
                    found[entry.path] = _BROKEN
    return found


def differences(before: Look, after: Look) -> list[str]:
    """The paths added, changed or gone from ``before`` to ``after``, sorted."""
    changed = {path for path, now in after.items() if path not in before or before[path] != now}
    changed.update(before.keys() - after.keys())
    return sorted(changed)


def poll(
    root: str,
    say: Callable[[tuple[str, object]], None],
    stop: threading.Event,
    every: float,
    settle: float,
) -> None:
    """Look at ``root`` ``every`` seconds until ``stop``; ``say`` ("ready",
    None) once it was looked at, then ("changes", paths) for each batch.
    Changes are looked for again ``settle`` seconds after they are seen, so
    that a burst (a git checkout) comes as one batch.

    Raises:
        FolderUnreadable: ``root`` cannot be listed at first.
    """
    then = look(root)
    say(("ready", None))
    pause = every
    while not stop.wait(pause):
        began = time.monotonic()
        try:
            now = look(root)
            changed = differences(then, now)
            for _ in range(_MOST_SETTLES):
                if not changed or stop.wait(settle):
                    break
                later = look(root)
                more = differences(now, later)
                if not more:
                    break
                now = later
                changed = differences(then, now)
        except FolderUnreadable:
            now = {}  # deleted or moved away: all of it is gone
            changed = differences(then, now)
        if changed:
            say(("changes", changed))
        then = now
        # Never more than a third of a core on a large blog.
        pause = max(every, 2 * (time.monotonic() - began))
