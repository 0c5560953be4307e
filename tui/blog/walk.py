"""Which files of a blog's folder are its posts, and what tells that one changed.

Kept light (the standard library's `os` only): the process that lists a
large blog's files for the app (`tui.blog.survey`) imports this and
nothing heavier, so that it starts in the time Python itself takes.
"""

from __future__ import annotations

import contextlib
import os
import stat as stat_module
import time
from collections.abc import Callable, Iterator

POST_SUFFIXES = (".md", ".markdown", ".mdx")
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


TEMPORARY_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
"""What the eight letters of a save's temporary file name are made of."""
LEFT_AFTER = 120.0
"""Seconds after which a save's temporary file was left by a save that
never ended (a crash): a save of another copy of the app takes far less."""


def is_temporary_name(name: str) -> bool:
    """Whether ``name`` is how a save names its temporary file beside a post:
    ``.NAME.XXXXXXXX.tmp`` (see tui/blog/files.py)."""
    if not (name.startswith(".") and name.endswith(".tmp")):
        return False
    post, dot, letters = name[1:-4].rpartition(".")
    return (
        bool(dot)
        and len(letters) == 8
        and TEMPORARY_LETTERS.issuperset(letters)
        and (is_post_name(post))
    )


def _remove_left_temporaries(folder: str, names: list[str]) -> None:
    """Remove the temporary files that saves which never ended left in ``folder``."""
    now = time.time()
    for name in names:
        if not is_temporary_name(name):
            continue
        full = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            found = os.lstat(full)
            if stat_module.S_ISREG(found.st_mode) and now - found.st_mtime > LEFT_AFTER:
                os.unlink(full)


def is_skipped_folder(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS


def post_folders(root: str, unreadable: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``root`` that holds posts, and its posts' names.

    Folders that cannot be read are skipped and named in ``unreadable``.
    Links to folders are not followed, so a loop of links cannot hang it.
    Temporary files that a crashed save left beside posts are removed on
    the way, once old enough not to be another copy's save in progress.
    """

    def skipped(error: OSError) -> None:
        unreadable.append(f"{error.filename}: {error.strerror}")

    for folder, subfolders, files in os.walk(root, onerror=skipped):
        subfolders[:] = [name for name in subfolders if not is_skipped_folder(name)]
        names = [name for name in files if is_post_name(name)]
        if len(names) != len(files):
            _remove_left_temporaries(folder, files)
        if names:
            yield folder, names


def listed(
    root: str,
    unreadable: list[str],
    most: int = 1_000,
    keep: Callable[[str], bool] | None = None,
    links: set[str] | None = None,
) -> Iterator[list[Listed]]:
    """Every post file under ``root`` with its stamp, up to ``most`` at a time
    (a blog may keep all its posts in one folder); only those whose path from
    ``root`` ``keep`` keeps, when given, and only those are stat'ed.

    With ``links``, the paths of the files that are symbolic links are added
    to it, for a reader that would otherwise ask the disk again for each file
    (a twentieth of a worker's time): each file's own stat is taken first,
    and a link's stamp is then that of the file it points to, as without."""
    prefix = len(os.path.join(root, ""))
    follow = links is None
    for folder, names in post_folders(root, unreadable):
        with _opened(folder) as fd:
            folder = os.path.join(folder, "")
            for start in range(0, len(names), most):
                files: list[Listed] = []
                for name in names[start : start + most]:
                    # Strings, not paths: at 100,000 posts every Path built is a tenth of a second.
                    full = folder + name
                    relative = full[prefix:].replace(os.sep, "/")
                    if keep is not None and not keep(relative):
                        continue
                    try:
                        # From the folder: the kernel does not walk the
                        # whole path again for every file (a tenth of a
                        # second less at 100,000 posts).
                        target = name if fd is not None else full
                        found = os.stat(target, dir_fd=fd, follow_symlinks=follow)
                        if links is not None and stat_module.S_ISLNK(found.st_mode):
                            links.add(relative)
                            found = os.stat(target, dir_fd=fd)
                        current: Stamp | None = stamp(found)
                    except OSError:
                        current = None
                    files.append((relative, current))
                if files:
                    yield files


@contextlib.contextmanager
def _opened(folder: str) -> Iterator[int | None]:
    """The folder opened, for stat'ing its files from it; None where that
    cannot be done (another system, or the folder cannot be opened)."""
    fd = None
    if os.stat in os.supports_dir_fd:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)
