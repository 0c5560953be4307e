"""What the reader leaves behind: the order of the list and the last post read.

A JSON file in the platform's state folder. Losing it loses nothing but
comfort, so a missing, damaged or oversized file reads as empty, and a
failed write is told once (`tui.blog.own_files`), never raised.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import platformdirs

from tui.blog.files import atomic_write
from tui.blog.orders import ORDERS, Order
from tui.blog.own_files import OwnFiles, read_own

APP_NAME = "blog-tui"
LARGEST = 1 << 22
"""Bytes above which a session file is not read: thousands of blogs' worth."""


def default_file() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME)) / "session.json"


class Session:
    """The list's order (for every blog) and the last post read (for each blog)."""

    def __init__(self, file: Path | None = None, own: OwnFiles | None = None) -> None:
        self.file = file or default_file()
        self._own = own or OwnFiles()
        self._data: dict[str, Any] = {}
        # RecursionError: JSON nested thousands deep.
        with contextlib.suppress(ValueError, RecursionError):
            raw = read_own(self.file, LARGEST)
            data = json.loads(raw.decode("utf-8")) if raw is not None else None
            if isinstance(data, dict):
                self._data = data

    @property
    def order(self) -> Order:
        order = self._data.get("order")
        for known in ORDERS:
            if order == known:
                return known
        return "newest"

    def remember_order(self, order: Order) -> None:
        self._data["order"] = order
        self._save()

    def last_read(self, root: Path) -> str | None:
        """The last post read in the blog at ``root``: its path from the blog's folder."""
        blogs = self._data.get("last_read")
        value = blogs.get(str(root)) if isinstance(blogs, dict) else None
        return value if isinstance(value, str) else None

    def read(self, root: Path, relative: str) -> None:
        blogs = self._data.get("last_read")
        if not isinstance(blogs, dict):
            blogs = self._data["last_read"] = {}
        if blogs.get(str(root)) != relative:
            blogs[str(root)] = relative
            self._save()

    def _save(self) -> None:
        self._own.write("session", self.file, self._write)

    def _write(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        # ASCII: a folder's name that is not UTF-8, or a lone surrogate read
        # from the file, is written as an escape that reads back the same.
        text = json.dumps(self._data, indent=1)
        atomic_write(self.file, text.encode("ascii"), mode=0o600)
