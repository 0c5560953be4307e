"""The names of the files that make a folder a site, or say how it reads
its posts: a change to one of them re-reads the site.

Kept light (no imports): the folder's watcher filters events with it.
"""

from __future__ import annotations

CONFIG_NAMES = frozenset(
    {
        "_config.yml",
        "_config.yaml",
        "_config.toml",
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "config.json",
        "mkdocs.yml",
        "mkdocs.yaml",
        "pelicanconf.py",
        "publishconf.py",
        "settings.py",
        ".eleventy.js",
        ".eleventyignore",
        *(
            f"{stem}.{suffix}"
            for stem in ("eleventy.config", "astro.config", "docusaurus.config", "content.config")
            for suffix in ("js", "mjs", "cjs", "ts", "mts")
        ),
        "config.ts",
        "config.js",
        "config.mjs",
        "package.json",
    }
)
