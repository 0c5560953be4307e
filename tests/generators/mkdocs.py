"""MkDocs with Material's blog plugin (PyPI ``mkdocs-material``, in ``.generators/venv``).

The site's own ``mkdocs.yml`` cannot run here (its ``custom_dir``, hooks and
most plugins are absent, and the blog is off unless ``CI`` is set), so a
minimal config outside the copy keeps its docs folder and its blog plugin
options, with drafts built, and adds a hook that lists the blog's posts (their
title from ``title:`` or else the first heading, their date, categories,
draft) and the other Markdown pages (title as MkDocs gives it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.generators import GENERATORS, Truth, from_listing
from tests.generators._scratch import run, scratch

SITES = ("mkdocs-instructor",)
HOOK = Path(__file__).with_name("list_mkdocs_hook.py")
BLOG_OPTIONS = ("blog_dir", "post_dir", "post_date_format", "post_url_format", "authors_file")


def binary() -> Path | None:
    found = GENERATORS / "venv" / "bin" / "mkdocs"
    return found if found.exists() else None


class _Loader(yaml.SafeLoader):
    """Reads the site's ``mkdocs.yml``, whose custom tags (``!ENV``,
    ``!!python/name``) come out as None."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _blog_options(site: Path) -> dict[str, Any]:
    config = yaml.load((site / "mkdocs.yml").read_text(), Loader=_Loader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "blog" in plugin:
            options = plugin["blog"] or {}
            return {key: options[key] for key in BLOG_OPTIONS if key in options}
    return {}


def read(site: str, root: Path) -> list[Truth] | None:
    mkdocs = binary()
    if mkdocs is None:
        return None
    with scratch(root) as copy:
        scratch_folder = copy.parent
        config = {
            "site_name": site,
            "docs_dir": str(copy / "docs"),
            "site_dir": str(scratch_folder / "built"),
            "theme": {"name": "material"},
            "plugins": [{"blog": {**_blog_options(copy), "draft": True}}],
            "hooks": [str(HOOK)],
        }
        minimal = scratch_folder / "minimal.yml"
        minimal.write_text(yaml.safe_dump(config))
        listing = scratch_folder / "listing.json"
        run(
            [mkdocs, "build", "-q", "-f", minimal],
            cwd=scratch_folder,
            BLOG_TUI_LISTING=str(listing),
        )
        raw_records = json.loads(listing.read_text())
    return [from_listing(raw, languages=False) for raw in raw_records]
