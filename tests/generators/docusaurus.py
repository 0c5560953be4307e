"""Docusaurus 3.10.2 (docusaurus-wasmcloud): the content plugins' own ``loadContent()``, without
a build (the site's swizzled theme and its local ``plugins/`` are not in the copy).

Posts: every post of each blog instance (wasmcloud: ``blog`` and ``community``), as the blog
plugin dates, titles (front matter, else the first heading) and tags them; ``blog/_template/``
is left out by the plugin's default ``exclude``. Pages: the docs plugin's docs of every version
(``docs/``, ``versioned_docs/``) and the pages plugin's Markdown pages (``src/pages/``); they
have no date. Drafts: outside production builds the plugins keep drafts, told here by their
``draft: true``. Stand-in: ``versions.json`` (not in the copy) naming the folders of
``versioned_docs/``; git dates are off.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.generators import Truth
from tests.generators._node import node_modules, records, run_script, scratch_copy

BLOGS = {"docusaurus-wasmcloud": ["default=./blog", "community=./community"]}
"""Each site's blog instances, ``ID=PATH``, as its docusaurus.config.ts sets them."""


SITES = ("docusaurus-wasmcloud",)


def read(site: str, root: Path) -> list[Truth] | None:
    modules = node_modules("docusaurus")
    if modules is None:
        return None
    with scratch_copy(root) as copy:
        versioned = copy / "versioned_docs"
        if versioned.is_dir() and not (copy / "versions.json").exists():
            names = sorted(p.name.removeprefix("version-") for p in versioned.glob("version-*"))
            (copy / "versions.json").write_text(json.dumps(names), encoding="utf-8")
        blogs = BLOGS.get(site, ["default=./blog"] if (copy / "blog").is_dir() else [])
        return records(run_script("list_docusaurus.cjs", modules, *blogs, cwd=copy), root)
