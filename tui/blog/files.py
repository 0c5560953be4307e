"""Writing files atomically, keeping their permissions."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from tui.blog.errors import BlogError

# Read once at import: os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees half a file.

    The bytes go to a temporary file in the same folder (same file system, so
    the rename is atomic), are flushed to disk, then renamed over the post.
    A symlinked post is written through the link. The post keeps its mode;
    a new file gets ``mode``, else the usual mode for the user's umask.

    Raises:
        BlogError: the file could not be written; the old one is untouched.
    """
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = (0o666 & ~_UMASK) if mode is None else mode
    except OSError as error:
        raise BlogError(f"Cannot save {path.name}: {error.strerror}") from error
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise BlogError(f"Cannot save {path.name}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except OSError as error:
        _remove_quietly(temp_name)
        raise BlogError(f"Cannot save {path.name}: {error.strerror}") from error
    except BaseException:
        _remove_quietly(temp_name)
        raise


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
