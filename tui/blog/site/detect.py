"""Which site a folder belongs to: its root, found by walking up, and its
generator, recognised by the files it keeps there."""

from __future__ import annotations

import os
from pathlib import Path

from tui.blog.site.astro import CONFIGS as ASTRO_CONFIGS
from tui.blog.site.astro import Astro
from tui.blog.site.config_files import read_text
from tui.blog.site.docusaurus import CONFIGS as DOCUSAURUS_CONFIGS
from tui.blog.site.docusaurus import Docusaurus
from tui.blog.site.eleventy import CONFIGS as ELEVENTY_CONFIGS
from tui.blog.site.eleventy import Eleventy
from tui.blog.site.generator import Generator
from tui.blog.site.hexo import Hexo
from tui.blog.site.hugo import Hugo
from tui.blog.site.jekyll import CONFIGS as JEKYLL_CONFIGS
from tui.blog.site.mkdocs import CONFIGS as MKDOCS_CONFIGS
from tui.blog.site.mkdocs import MkDocs
from tui.blog.site.pelican import Pelican, settings_file
from tui.blog.site.zola import Zola

_HEXO_KEYS = ("new_post_name:", "source_dir:", "public_dir:", "default_category:", "render_drafts:")
_ZOLA_KEYS = ("base_url", "compile_sass", "build_search_index", "generate_feeds", "generate_feed")
_HUGO_KEYS = ("baseurl", "languagecode", "theme", "contentdir", "defaultcontentlanguage")


_MARKERS = (
    *DOCUSAURUS_CONFIGS,
    *ASTRO_CONFIGS,
    *MKDOCS_CONFIGS,
    *ELEVENTY_CONFIGS,
    "pelicanconf.py",
    "publishconf.py",
    "settings.py",
    *JEKYLL_CONFIGS,
    "scaffolds",
    "package.json",
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "content",
)
"""Every name this module looks for in a folder."""


def recognise(folder: Path) -> type[Generator] | None:
    """The generator whose files ``folder`` keeps at its top, if any."""
    # Asked name by name, not listed: a folder above the blog may be huge (/tmp).
    names = {name for name in _MARKERS if os.path.lexists(folder / name)}
    if not names:
        return None
    if names.intersection(DOCUSAURUS_CONFIGS):
        return Docusaurus
    if names.intersection(ASTRO_CONFIGS):
        return Astro
    if names.intersection(MKDOCS_CONFIGS):
        return MkDocs
    if names.intersection(ELEVENTY_CONFIGS):
        return Eleventy
    if names.intersection(("pelicanconf.py", "publishconf.py", "settings.py")) and settings_file(
        folder
    ):
        return Pelican
    jekyll = names.intersection(JEKYLL_CONFIGS)
    if jekyll:
        return Hexo if _is_hexo(folder, names, sorted(jekyll)[0]) else _jekyll()
    if names.intersection(("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")):
        return Hugo
    if "config" in names and (folder / "config" / "_default").is_dir():
        return Hugo
    if "config.toml" in names:
        return _toml_generator(folder / "config.toml")
    if names.intersection(("config.yaml", "config.yml", "config.json")) and "content" in names:
        return Hugo
    return None


def _jekyll() -> type[Generator]:
    from tui.blog.site.jekyll import Jekyll

    return Jekyll


def _is_hexo(folder: Path, names: set[str], config: str) -> bool:
    if "scaffolds" in names:
        return True
    text = read_text(folder / config, []) or ""
    if any(line.startswith(_HEXO_KEYS) for line in text.splitlines()):
        return True
    package = read_text(folder / "package.json", []) if "package.json" in names else None
    return package is not None and '"hexo"' in package


def _toml_generator(config: Path) -> type[Generator] | None:
    """Zola or Hugo, by the keys of their shared `config.toml`."""
    text = read_text(config, []) or ""
    keys = {
        line.split("=", 1)[0].strip().lower()
        for line in text.splitlines()
        if "=" in line and not line.lstrip().startswith(("#", "["))
    }
    if keys.intersection(_ZOLA_KEYS):
        return Zola
    if keys.intersection(_HUGO_KEYS):
        return Hugo
    return None


def find(folder: Path) -> Generator:
    """The site ``folder`` is in (or is the root of), read; a plain folder
    of posts, `Generator` itself, when it is in no site the app knows.

    The walk up stops at the first folder that is a git repository's or
    the user's home: a site is never recognised from above those.
    """
    start = Path(os.path.abspath(folder))
    home = Path.home()
    current = start
    # A folder with `_posts/` and no config is a Jekyll site (Jekyll runs
    # without one), unless a site with a config holds it: news/_posts/ is
    # the posts of the site above, in the category "news".
    bare: Path | None = None
    while True:
        found = recognise(current)
        if found is not None:
            return found(current)
        if bare is None and (current / "_posts").is_dir():
            bare = current
        if current == home or (current / ".git").exists() or current.parent == current:
            break
        current = current.parent
    if bare is not None:
        return _jekyll()(bare)
    return Generator(start)
