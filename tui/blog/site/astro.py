"""Astro: content collections (`src/content/<name>/`, or a `glob()`
loader's `base`), the date key its schema declares, `src/pages/` apart."""

from __future__ import annotations

import re
from pathlib import Path

from tui.blog.site.config_files import first_present, read_text
from tui.blog.site.generator import Generator, Reading, under

CONFIGS = tuple(f"astro.config.{suffix}" for suffix in ("mjs", "js", "ts", "mts", "cjs"))
COLLECTION_CONFIGS = tuple(
    f"{folder}.{suffix}"
    for folder in ("src/content.config", "src/content/config")
    for suffix in ("ts", "js", "mjs", "mts")
)
_BASE = re.compile(r"""\bbase\s*:\s*(['"`])([^'"`\n]+)\1""")
# `pubDate: z.coerce.date()`: a key the schema declares. Spaces, not \s, before
# the key: \s would run across lines and take quadratic time on a long blank run.
_SCHEMA_KEY = re.compile(r"""(?m)^[ \t]*['"]?([A-Za-z_]\w*)['"]?[ \t]*:[ \t]*z[ \t]*\.""")
DATE_KEYS = ("pubdate", "publishdate", "date", "published", "pubdatetime", "publishedat")


class Astro(Generator):
    name = "astro"
    label = "Astro"
    split_tags = "none"
    draft_keys = ("draft",)
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name = first_present(root, CONFIGS)
        if name:
            self.config_files.append(name)
        collections = ["src/content"]
        schema: set[str] = set()
        for config in COLLECTION_CONFIGS:
            text = read_text(root / config, self.problems)
            if text is None:
                continue
            self.config_files.append(config)
            collections += [
                found.group(2).strip("/").removeprefix("./") for found in _BASE.finditer(text)
            ]
            schema |= {found.group(1).lower() for found in _SCHEMA_KEY.finditer(text)}
        self.collections = tuple(dict.fromkeys(collections))
        self.schema = frozenset(schema)
        if schema:
            declared = tuple(key for key in DATE_KEYS if key in schema)
            self.date_keys = declared or DATE_KEYS
            self.tag_keys = ("tags",) if "tags" in schema else ()
            self.category_keys = ("categories",) if "categories" in schema else ()
        else:
            self.date_keys = DATE_KEYS
            self.tag_keys = ("tags",)
        if schema and "draft" not in schema:
            self.draft_mark = "none: the collection's schema has no draft field"
        posts = next((folder for folder in self.collections[1:]), None)
        self.new_posts = posts or _first_collection(root) or "src/content/blog"

    def kind(self, relative: str) -> str:
        if under(relative, "src/pages"):
            return "page"
        return "post" if any(under(relative, folder) for folder in self.collections) else "page"

    def read(self, reading: Reading) -> None:
        if self.schema and "draft" not in self.schema:
            reading.draft = False


def _first_collection(root: Path) -> str | None:
    content = root / "src" / "content"
    if content.is_dir():
        for folder in sorted(content.iterdir()):
            if folder.is_dir():
                return f"src/content/{folder.name}"
    return None
