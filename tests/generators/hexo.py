"""Hexo 8.1.2 (hexo-hexojs): posts and pages from Hexo's own models after ``hexo.load()``.

The copy gets ``node_modules`` linked to ``.generators/node/hexo`` (Hexo, hexo-renderer-marked,
hexo-tag-embed for ``{% youtube %}``); the script registers the site's ``{% note %}`` block tag,
which lives in the site's scripts/, absent from the copy. Drafts are read too.
"""

from __future__ import annotations

from pathlib import Path

from tests.generators import Truth
from tests.generators._node import node_modules, records, run_script, scratch_copy

SITES = ("hexo-hexojs",)


def read(site: str, root: Path) -> list[Truth] | None:
    modules = node_modules("hexo")
    if modules is None:
        return None
    with scratch_copy(root) as copy:
        (copy / "node_modules").symlink_to(modules, target_is_directory=True)
        return records(run_script("list_hexo.cjs", copy, cwd=copy), root)
