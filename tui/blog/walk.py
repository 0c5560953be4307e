"""Which files of a blog's folder are its posts, and what tells that one changed.

Kept light (the standard library's `os` only): the process that lists a
large blog's files for the app (`tui.blog.survey`) imports this and
nothing heavier, so that it starts in the time Python itself takes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence

POST_SUFFIXES = (".md", ".markdown")
SKIPPED_FOLDERS = frozenset(
    {"node_modules", "_site", "public", "_includes", "_layouts", "themes", "__pycache__"}
)
"""Folders that hold a site's machinery or output, never its posts."""

Stamp = tuple[int, int, int, int]
"""What must not have changed for what was read of a file to still hold."""
Listed = tuple[str, Stamp | None]
"""A post file: its path from the blog's folder (forward slashes), and its
stamp (None: it could not be stat'ed, and is read to say why)."""


def stamp(stat: os.stat_result) -> Stamp:
    """Size, modification time, change time and inode: an edit, a rename, a
    delete or a rewrite that restores the modification time changes one."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def is_post_name(name: str) -> bool:
    """Markdown files, but not hidden ones nor Hugo's section pages (_index.md)."""
    return (
        name.lower().endswith(POST_SUFFIXES)
        and not name.startswith(".")
        and not name.startswith("_index.")
    )


def is_skipped_folder(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS


def post_folders(root: str, unreadable: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``root`` that holds posts, and its posts' names.

    Folders that cannot be read are skipped and named in ``unreadable``.
    Links to folders are not followed, so a loop of links cannot hang it.
    """

    def skipped(error: OSError) -> None:
        unreadable.append(f"{error.filename}: {error.strerror}")

    for folder, subfolders, files in os.walk(root, onerror=skipped):
        subfolders[:] = [name for name in subfolders if not is_skipped_folder(name)]
        names = [name for name in files if is_post_name(name)]
        if names:
            yield folder, names


def listed(root: str, unreadable: list[str], most: int = 1_000) -> Iterator[list[Listed]]:
    """Every post file under ``root`` with its stamp, up to ``most`` at a time
    (a blog may keep all its posts in one folder)."""
    prefix = len(os.path.join(root, ""))
    for folder, names in post_folders(root, unreadable):
        folder = os.path.join(folder, "")
        for start in range(0, len(names), most):
            files: list[Listed] = []
            for name in names[start : start + most]:
                # Strings, not paths: at 100,000 posts every Path built is a tenth of a second.
                full = folder + name
                try:
                    current: Stamp | None = stamp(os.stat(full))
                except OSError:
                    current = None
                files.append((full[prefix:].replace(os.sep, "/"), current))
            yield files


def fingerprint(files: Iterable[Listed], unreadable: Sequence[str] = ()) -> str | None:
    """One string for every post file's path and stamp, and the folders that
    could not be read; None when a file could not be stat'ed (it is read to
    say why, so nothing read before can stand for it)."""
    lines = []
    for relative, current in files:
        if current is None:
            return None
        size, mtime, ctime, inode = current
        lines.append(f"{relative}\0{size}\0{mtime}\0{ctime}\0{inode}")
    lines.sort()  # the listing's order is the file system's
    lines += sorted(f"\0{folder}" for folder in unreadable)
    text = "\n".join(lines).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=20).hexdigest()
