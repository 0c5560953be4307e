"""Which file-system events matter to a blog."""

from __future__ import annotations

from pathlib import Path

from watchfiles import Change, DefaultFilter

from tui.blog.site.names import CONFIG_NAMES
from tui.blog.walk import POST_SUFFIXES


class PostFilter(DefaultFilter):
    """Posts, and names that may be folders; never editors' side files.

    The default filter already drops ``.git``, swap, backup and lock files.
    A deleted folder cannot be told from a file by its path, so names
    without a suffix pass too.
    """

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        name = Path(path).name
        if name in CONFIG_NAMES:
            return True  # the site's own settings: the site is read again
        if name.startswith((".", "#")) or name == "4913":
            return False
        suffix = Path(path).suffix.lower()
        return suffix in POST_SUFFIXES or not suffix
