"""The site a blog's folder belongs to, and what its generator makes of its files.

`site_for` gives a folder's `Site` (found once a process, until
`forget` is called after a config file changed).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from tui.blog.site.generator import Generator, Reading


class Site:
    """A blog's folder as its site's generator sees it."""

    def __init__(self, folder: Path, generator: Generator) -> None:
        self.folder = folder
        self.generator = generator
        root = generator.root
        inside = os.path.relpath(folder, root) if folder != root else "."
        self.prefix = "" if inside == "." else inside.replace(os.sep, "/") + "/"
        """The blog's folder from the site's root, with a slash; "" at the root."""
        self.read_as = self.fingerprint()
        """The fingerprint of the site as it was read: when the disk's differs,
        the site is read again."""

    @property
    def root(self) -> Path:
        return self.generator.root

    @property
    def name(self) -> str:
        return self.generator.name

    def from_root(self, relative: str) -> str:
        """A path from the blog's folder, from the site's root."""
        return self.prefix + relative

    def kind(self, relative: str) -> str:
        """ "post" or "page", for a path from the blog's folder."""
        inside = self.from_root(relative)
        if self.generator.excluded(inside):
            return "page"
        return self.generator.kind(inside)

    def fingerprint(self) -> str:
        """What changes when the site reads its posts otherwise: the
        generator, and the stamps of its config files."""
        parts = [self.name, self.prefix]
        for name in self.generator.config_files:
            try:
                found = os.stat(self.root / name)
                parts.append(f"{name}:{found.st_size}:{found.st_mtime_ns}")
            except OSError:
                parts.append(f"{name}:-")
        return "|".join(parts)

    def describe(self) -> dict[str, object]:
        """What `blog site --json` prints."""
        described = self.generator.describe()
        described["folder"] = str(self.folder)
        return described


@lru_cache(maxsize=16)
def site_for(folder: Path) -> Site:
    """The site of the blog at ``folder``, read once a process."""
    from tui.blog.site.detect import find

    folder = Path(os.path.abspath(folder))
    return Site(folder, find(folder))


def forget() -> None:
    """Read every site again when next asked (a config file changed)."""
    site_for.cache_clear()


__all__ = ["Generator", "Reading", "Site", "forget", "site_for"]
