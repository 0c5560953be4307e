"""Pelican (PyPI ``pelican`` and ``markdown``, in ``.generators/venv``), through its Python API.

Articles are posts and pages are pages; a ``status`` of draft or hidden is a
draft. Dates are made aware in the site's ``TIMEZONE`` and keep it; the run
has ``TZ=UTC`` all the same. The site's settings file is read with the
theme, plugins, Jinja extensions and content cache the copy lacks replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.generators import GENERATORS, Truth, from_listing
from tests.generators._scratch import run, scratch

SITES = ("pelican-fullstackpython",)
SCRIPT = Path(__file__).with_name("list_pelican.py")
SETTINGS = {"pelican-fullstackpython": "settings.py"}


def python() -> Path | None:
    found = GENERATORS / "venv" / "bin" / "python"
    check = GENERATORS / "venv" / "bin" / "pelican"
    return found if check.exists() else None


def read(site: str, root: Path) -> list[Truth] | None:
    interpreter = python()
    if interpreter is None:
        return None
    with scratch(root) as copy:
        settings = SETTINGS.get(site, "pelicanconf.py")
        # -P: the script folder, with our own pelican.py, stays off sys.path.
        output = run([interpreter, "-P", SCRIPT, copy, settings, copy.parent / "output"], cwd=copy)
    return [from_listing(raw) for raw in json.loads(output)]
