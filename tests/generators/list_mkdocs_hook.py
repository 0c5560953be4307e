# mypy: ignore-errors
# (run by the generator's own Python, where its packages are)
"""A MkDocs hook that lists what MkDocs and Material's blog plugin read, as
JSON in the file named by ``BLOG_TUI_LISTING``: every blog post, then every
other Markdown page of the docs folder. Our own listing, run from a minimal
config (``tests/generators/mkdocs.py``)."""

import json
import os

_files = None


def on_files(files, config):
    global _files
    _files = files
    return files


def _day(value):
    return value.strftime("%Y-%m-%d") if value else None


def on_post_build(config):
    docs = config["docs_dir"]
    root = os.path.dirname(docs.rstrip(os.sep))
    records = []
    posts = set()
    for post in config.plugins["material/blog"].blog.posts:
        source = post.file.abs_src_path
        posts.add(source)
        records.append(
            {
                "path": os.path.relpath(source, root).replace(os.sep, "/"),
                "kind": "post",
                "title": post.title,
                "day": _day(post.config.date.created),
                "tags": [str(tag) for tag in post.meta.get("tags") or []],
                "categories": [str(category) for category in post.config.categories or []],
                "draft": bool(post.config.draft),
            }
        )
    for file in _files.documentation_pages():
        source = file.abs_src_path
        if source in posts or not source or not os.path.isfile(source):
            continue
        if file.generated_by or not source.startswith(docs):
            continue
        page = file.page
        meta = page.meta if page else {}
        records.append(
            {
                "path": os.path.relpath(source, root).replace(os.sep, "/"),
                "kind": "page",
                "title": page.title if page else None,
                "day": None,
                "tags": [str(tag) for tag in meta.get("tags") or []],
                "categories": [],
                "draft": False,
            }
        )
    with open(os.environ["BLOG_TUI_LISTING"], "w", encoding="utf-8") as listing:
        json.dump(records, listing)
