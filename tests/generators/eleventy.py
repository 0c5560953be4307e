"""Eleventy 3.1.8 (eleventy-v8, fr-nhoizey): every item Eleventy builds from the Markdown.

Run through its API in dry-run mode with ``eleventy_config.cjs`` instead of the site's own
config (which needs the site's helper modules, not in the copy): Markdown only, bodies not run
through Liquid. Stand-ins in the copy: a one-line layout (``{{ content | safe }}``) under
``_includes/`` for each ``layout:`` the front matter names (eleventy-v8: ``layouts/base.njk``;
fr-nhoizey: ``page``, as ``page.md``), since Eleventy stops on a missing layout.

``kind`` is "post" for the items of the site's own ``posts`` collection where it has one
(eleventy-v8: ``src/blog/*.md``, so not its feature explainers nor ``src/blog/extras/``), else
None. Eleventy has no drafts, and no language but the site's own ``lang`` data.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.generators import Truth
from tests.generators._node import node_modules, records, run_script, scratch_copy

INPUT = {"eleventy-v8": "src", "fr-nhoizey": "."}
"""Each site's input folder, as its own config sets it."""
POSTS = {"eleventy-v8": "src/blog/*.md"}
"""The glob of the site's own ``posts`` collection, where it has one."""

_LAYOUT = re.compile(r"^layout[ \t]*:[ \t]*['\"]?([^'\"#\r\n]+?)['\"]?[ \t]*$", re.M)


def stub_layouts(copy: Path, input_dir: str) -> None:
    includes = copy / input_dir / "_includes"
    for source in (copy / input_dir).rglob("*.md"):
        head = source.read_text(encoding="utf-8", errors="replace")[:4000]
        for name in _LAYOUT.findall(head.split("\n---", 1)[0]):
            # A name without an extension is looked for among the template formats: md only.
            stub = includes / (name if Path(name).suffix else f"{name}.md")
            if not stub.exists():
                stub.parent.mkdir(parents=True, exist_ok=True)
                stub.write_text("{{ content | safe }}\n", encoding="utf-8")


SITES = ("eleventy-v8", "fr-nhoizey")


def read(site: str, root: Path) -> list[Truth] | None:
    modules = node_modules("eleventy")
    if modules is None:
        return None
    input_dir = INPUT.get(site, ".")
    with scratch_copy(root) as copy:
        stub_layouts(copy, input_dir)
        env = {"ELEVENTY_LIST_INPUT": input_dir, "ELEVENTY_LIST_POSTS": POSTS.get(site, "")}
        rows = run_script("list_eleventy.mjs", modules / "@11ty" / "eleventy", cwd=copy, env=env)
        return records(rows, root)
