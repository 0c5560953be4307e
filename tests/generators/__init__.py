"""How each site's own generator reads it: the truth blog-tui's reading is judged against.

Each module beside this one runs one generator (installed under the project's
``.generators/``, or on PATH where its README says so) on a scratch copy of
real sites in ``../shared/corpora`` and names the sites it judges in its
``SITES`` tuple; its ``read(site, root)`` returns the generator's records, or
None when the generator is not installed. Scripts a generator runs sit beside
them as ``list_<generator>.*``; modules starting with ``_`` are helpers.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any, TypedDict

PROJECT = Path(__file__).resolve().parents[2]
CORPORA = PROJECT.parent / "shared" / "corpora"
GENERATORS = PROJECT / ".generators"
"""Where the generators are installed (``.ci/generators``); git-ignored."""


class Truth(TypedDict):
    path: str  # the source file, relative to the site root, forward slashes
    kind: str | None  # "post" or "page" as the generator distinguishes them; None where it doesn't
    title: str | None
    day: str | None  # "YYYY-MM-DD": the day as the generator dates it, in the post's own offset
    tags: list[str]
    categories: list[str]  # Hexo hierarchy as "Parent/Child" entries, in the generator's order
    draft: bool
    language: str | None


def from_listing(raw: dict[str, Any], languages: bool = True) -> Truth:
    """A record as a listing script printed it (its keys are Truth's); the
    language left out (None) where the generator has none to say."""
    return Truth(
        path=raw["path"],
        kind=raw["kind"],
        title=raw["title"],
        day=raw["day"],
        tags=raw["tags"],
        categories=raw["categories"],
        draft=raw["draft"],
        language=raw["language"] if languages else None,
    )


def site_root(site: str) -> Path:
    """The folder of ``site``: a whole site in ``corpora/sites/``, else a
    posts-only corpus in ``corpora/`` or ``corpora/messy/``."""
    for folder in (CORPORA / "sites", CORPORA, CORPORA / "messy"):
        if (folder / site).is_dir():
            return folder / site
    return CORPORA / "sites" / site


def _modules() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.name.startswith(("_", "list_")):
            continue  # helpers, and the listing scripts generators run
        module = importlib.import_module(f"{__name__}.{info.name}")
        for site in getattr(module, "SITES", ()):
            found[site] = module
    return found


SITES: dict[str, ModuleType] = _modules()
"""Site folder name -> the generator module that judges it."""


@functools.cache
def truth(site: str) -> list[Truth] | None:
    """The generator's records for ``site`` (None when the generator is not
    installed or the site is absent), run once per process."""
    root = site_root(site)
    if not root.is_dir():
        return None
    records: list[Truth] | None = SITES[site].read(site, root)
    return records
