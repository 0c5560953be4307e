"""Astro 5.18.2 (astro-alanaktion): the entries of the site's content collections, as
``astro sync`` loads them through ``src/content.config.ts`` (Astro's API, with no config file:
the site's ``astro.config.mjs`` needs the Netlify adapter and Tailwind, absent here).

Every collection entry is a post (its schema keeps ``title``, ``description``, ``date``: the
``tags`` string some files carry is dropped, so no tags). Astro 6 refuses Node 20; the site asks
for 7. The copy gets ``node_modules`` linked to ``.generators/node/astro``; Astro's and Vite's
caches go into the copy.
"""

from __future__ import annotations

from pathlib import Path

from tests.generators import Truth
from tests.generators._node import node_modules, records, run_script, scratch_copy

SITES = ("astro-alanaktion",)


def read(site: str, root: Path) -> list[Truth] | None:
    modules = node_modules("astro")
    if modules is None:
        return None
    with scratch_copy(root) as copy:
        (copy / "node_modules").symlink_to(modules, target_is_directory=True)
        env = {"ASTRO_TELEMETRY_DISABLED": "1"}
        return records(run_script("list_astro.mjs", cwd=copy, env=env), root)
