"""Recovery files: unsaved text kept on disk until it is saved or discarded.

A file a buffer, in the platform's state folder (~/.local/state/blog-tui/
recovery on Linux), written a couple of seconds after the last keystroke,
so that a crash, a kill or a closed terminal loses at most those seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tui.blog.errors import BlogError
from tui.blog.files import atomic_write

APP_NAME = "blog-tui"


def default_folder() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME)) / "recovery"


@dataclass(frozen=True)
class Recovered:
    """Text that was never saved, found at the next start."""

    post: Path
    text: str
    written: float
    """When it was written (seconds since the epoch)."""
    file: Path


class Recovery:
    """The recovery files of every blog, in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()

    def file_for(self, post: Path) -> Path:
        digest = hashlib.sha256(str(post.absolute()).encode("utf-8", "surrogateescape"))
        return self.folder / f"{digest.hexdigest()[:32]}.json"

    def write(self, post: Path, text: str) -> None:
        """Keep ``text``, the unsaved text of ``post``; only the user can read it."""
        record = {"post": str(post.absolute()), "text": text, "written": time.time()}
        data = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogateescape")
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise BlogError(f"Cannot keep a recovery copy: {error.strerror}") from error
        atomic_write(self.file_for(post), data, mode=0o600)

    def remove(self, post: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.file_for(post))

    def pending(self, root: Path) -> list[Recovered]:
        """The recovered texts of posts under ``root``, oldest first."""
        found = []
        root = root.absolute()
        for file in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else ():
            try:
                record = json.loads(file.read_text("utf-8", "surrogateescape"))
                post = Path(record["post"])
                text, written = str(record["text"]), float(record["written"])
            except (OSError, ValueError, KeyError, TypeError):
                continue  # not ours, or torn: never a reason to fail a start
            if post.is_relative_to(root):
                found.append(Recovered(post, text, written, file))
        return sorted(found, key=lambda recovered: recovered.written)
