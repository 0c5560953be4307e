"""Jekyll (Debian's ``jekyll`` on PATH), through its Ruby API in safe mode.

``site.posts`` are the posts (``_drafts/`` among them, as drafts, and
``published: false`` ones as drafts too); ``site.pages`` with a Markdown
extension are the pages. Dates come out as local midnight, so it runs with
``TZ=UTC``; a date with an offset keeps its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.generators import Truth, from_listing
from tests.generators._scratch import run, scratch

SITES = ("jekyll-elixir", "jekyll-mademistakes", "jekyll-test-fixtures")
POSTS_ONLY = {"jekyll-mademistakes"}
"""Folders of posts alone: read as the ``_posts/`` of an otherwise empty site."""
SCRIPT = Path(__file__).with_name("list_jekyll.rb")


def installed() -> bool:
    return shutil.which("jekyll") is not None and shutil.which("ruby") is not None


def read(site: str, root: Path) -> list[Truth] | None:
    if not installed():
        return None
    if site in POSTS_ONLY:
        with scratch(root, into="site/_posts") as posts:
            (posts.parent / "_config.yml").write_text("")
            records = _list(posts.parent)
        for record in records:
            record["path"] = record["path"].removeprefix("_posts/")
        return records
    with scratch(root) as copy:
        return _list(copy)


def _list(site: Path) -> list[Truth]:
    output = run(["ruby", SCRIPT, site, site.parent / "_site"], cwd=site.parent)
    return [from_listing(raw, languages=False) for raw in json.loads(output)]
