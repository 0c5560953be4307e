"""Recovery files: unsaved text kept on disk until it is saved or discarded.

A file a buffer, in the platform's state folder (~/.local/state/blog-tui/
recovery on Linux), written a couple of seconds after the last keystroke,
so that a crash, a kill or a closed terminal loses at most those seconds.
A copy that cannot be written is told once (`tui.blog.own_files`): the
text itself stays in the editor.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tui.blog.files import atomic_write
from tui.blog.own_files import OwnFiles, read_own

APP_NAME = "blog-tui"
LARGEST = 1 << 26
"""Bytes above which a file in the folder is no copy of ours: the editor's
largest text, escaped, is well under it."""


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

    def __init__(self, folder: Path | None = None, own: OwnFiles | None = None) -> None:
        self.folder = folder or default_folder()
        self._own = own or OwnFiles()

    def file_for(self, post: Path) -> Path:
        digest = hashlib.sha256(str(post.absolute()).encode("utf-8", "surrogateescape"))
        return self.folder / f"{digest.hexdigest()[:32]}.json"

    def write(self, post: Path, text: str) -> bool:
        """Keep ``text``, the unsaved text of ``post``; only the user can read
        it. Whether it was kept."""
        record = {"post": str(post.absolute()), "text": text, "written": time.time()}
        data = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogateescape")
        return self._own.write("recovery", self.folder, self._write, self.file_for(post), data)

    def _write(self, file: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(file, data, mode=0o600)

    def remove(self, post: Path) -> None:
        self._own.remove("recovery", self.folder, self.file_for(post))

    def pending(self, root: Path) -> list[Recovered]:
        """The recovered texts of posts under ``root``, oldest first."""
        found = []
        root = root.absolute()
        for file in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else ():
            try:
                kept = read_own(file, LARGEST)
                if kept is None:
                    continue
                record = json.loads(kept.decode("utf-8", "surrogateescape"))
                post = Path(record["post"])
                text, written = str(record["text"]), float(record["written"])
            except (ValueError, KeyError, TypeError, RecursionError):
                continue  # not ours, or torn: never a reason to fail a start
            if post.is_relative_to(root):
                found.append(Recovered(post, text, written, file))
        return sorted(found, key=lambda recovered: recovered.written)
