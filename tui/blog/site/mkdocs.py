"""MkDocs with Material's blog plugin: posts under the blog's post folder,
`date` as a day or a mapping (`created`, `updated`), `draft`."""

from __future__ import annotations

from pathlib import Path

from tui.blog.site.config_files import first_present, read_data
from tui.blog.site.generator import Generator, Reading, first_heading, under

CONFIGS = ("mkdocs.yml", "mkdocs.yaml")


class MkDocs(Generator):
    name = "mkdocs"
    label = "MkDocs (Material blog)"
    tag_keys = ("tags",)
    split_tags = "none"
    draft_keys = ("draft",)
    draft_folders = frozenset()

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name = first_present(root, CONFIGS) or CONFIGS[0]
        self.config_files.append(name)
        config = read_data(root / name, self.problems) or {}
        docs = config.get("docs_dir")
        self.docs = docs.strip("/").removeprefix("./") if isinstance(docs, str) else "docs"
        options = _blog_options(config.get("plugins"))
        blog = options.get("blog_dir")
        blog_dir = blog.strip("/") if isinstance(blog, str) else "blog"
        post = options.get("post_dir")
        post_dir = (post if isinstance(post, str) else "{blog}/posts").replace("{blog}", blog_dir)
        self.posts = "/".join(part for part in (self.docs, post_dir.strip("/")) if part)
        self.new_posts = self.posts
        self.blog_found = options is not _NONE
        self.holds_future = options.get("draft_if_future_date") is True
        if not self.blog_found:
            self.problems.append(f"{name}: no blog plugin: every page is a page, none a post")
        theme = config.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        self.default_language = language if isinstance(language, str) else None
        self.languages = (language,) if isinstance(language, str) else ()

    def kind(self, relative: str) -> str:
        if not self.blog_found or not under(relative, self.posts):
            return "page"
        return "post"

    def read(self, reading: Reading) -> None:
        if not str(reading.data.get("title") or "").strip():
            # As MkDocs titles a page: its first heading, else its file's name.
            stem = reading.relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            named = stem.replace("-", " ").replace("_", " ")
            reading.title = first_heading(reading.body) or (
                named.capitalize() if named.lower() == named else named
            )
        date = reading.data.get("date")
        if isinstance(date, dict):
            from tui.blog.frontmatter import as_date

            created = as_date(date.get("created"))
            if created is not None:
                reading.date, reading.date_source = created, "front matter"
                reading.problems[:] = [p for p in reading.problems if not p.startswith("date:")]


_NONE: dict[str, object] = {}


def _blog_options(plugins: object) -> dict[str, object]:
    """The blog plugin's options, from `plugins:` as a list or a mapping."""
    entries: list[tuple[str, object]] = []
    if isinstance(plugins, list):
        for item in plugins:
            if isinstance(item, str):
                entries.append((item, {}))
            elif isinstance(item, dict):
                entries += list(item.items())
    elif isinstance(plugins, dict):
        entries = list(plugins.items())
    for name, options in entries:
        if str(name) in ("blog", "material/blog"):
            return options if isinstance(options, dict) else {}
    return _NONE
