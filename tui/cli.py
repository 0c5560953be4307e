"""The ``blog`` command: the app, and ``list``, ``tags`` and ``new`` for scripts.

``blog [PATH]`` opens the app. ``blog list``, ``blog tags`` and ``blog new``
print for people or, with ``--json``, for programs; they use the same
library as the app and never import Textual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size

from tui.blog.display import BEYOND_C0, character_class, printable
from tui.blog.errors import BlogError
from tui.config import Config, ConfigError
from tui.config import default_path as default_config_path
from tui.config import load as load_config
from tui.lazy import compiled

if TYPE_CHECKING:
    import argparse

    from tui.blog import Blog, Post

DEFAULT_FOLDER = Path("posts")
COMMANDS = ("list", "tags", "new", "site")
TITLE_WIDTH = 60
"""Columns given to titles in ``blog list``; longer ones end with "…"."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app or a command; the exit status (2 when the folder cannot be opened)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return run_command(args)
    if len(args) <= 1 and not any(arg.startswith("-") for arg in args):
        # `blog` or `blog PATH`, as nearly always: argparse (and the gettext
        # it imports) would cost the first frame 2 ms.
        config_path, path = None, Path(args[0]) if args else None
    else:
        options = app_parser().parse_args(args)
        config_path, path = options.config, options.path
    opened = open_settings_and_folder(config_path, path)
    if opened is None:
        return 2
    config, folder = opened
    from tui.blog.collector import hold

    # No cycle collection among what the start makes, which lives as long as
    # the app, until the main screen is shown (see tui/blog/collector.py).
    release_collector = hold()
    from tui.blog.glimpse_child import glimpse_soon

    # Checked while Textual is imported, by a child (see tui/blog/glimpse_child.py).
    glimpse = glimpse_soon(Path(os.path.abspath(folder)))
    # Imported here so that commands, `blog --help` and errors do not pay for Textual.
    from tui.app import BlogApp

    app = BlogApp(folder, config=config, glimpse=glimpse, started=release_collector)
    try:
        app.run()
    finally:
        release_collector()  # the app may have ended before its main screen
    return app.return_code or 0


def open_settings_and_folder(
    config_path: Path | None, given: Path | None
) -> tuple[Config, Path] | None:
    """The settings and the folder to open (given, else configured, else ./posts).

    None, after one line on stderr, when either cannot be used.
    """
    try:
        config = load_config(config_path)
    except ConfigError as error:
        print(f"blog: {printable(str(error))}", file=sys.stderr)
        return None
    folder = given or config.folder or DEFAULT_FOLDER
    problem = folder_problem(folder)
    if problem:
        print(f"blog: {printable(problem)}", file=sys.stderr)
        return None
    return config, folder


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"the settings file (default: {default_config_path()})",
    )


def app_parser() -> argparse.ArgumentParser:
    import argparse  # here: `blog PATH` does without it

    parser = argparse.ArgumentParser(
        prog="blog",
        description="Read, write and filter a blog's Markdown posts in the terminal.",
        epilog="Commands for scripts: blog list, blog tags, blog new (each has --help).",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=None,
        help="the folder of posts (default: the configured folder, else ./posts)",
    )
    add_config_option(parser)
    return parser


def command_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="blog")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, description: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=description, description=description)
        command.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="the folder of posts (default: the configured folder, else ./posts)",
        )
        add_config_option(command)
        return command

    listing = add("list", "List the posts, newest first.")
    listing.add_argument(
        "--tag", action="append", default=[], help="only posts with this tag (repeatable)"
    )
    listing.add_argument(
        "--category", action="append", default=[], help="only posts in this category"
    )
    listing.add_argument(
        "--language", default=None, help="only posts in this language (fr, as `--json` says it)"
    )
    drafts = listing.add_mutually_exclusive_group()
    drafts.add_argument("--draft", dest="draft", action="store_true", default=None)
    drafts.add_argument("--no-draft", dest="draft", action="store_false")
    listing.add_argument(
        "--kind", choices=("post", "page"), default=None, help="only posts, or only pages"
    )
    listing.add_argument("--json", action="store_true", help="print JSON for programs")

    site = add("site", "Say which site the folder is in: its root, generator and languages.")
    site.add_argument("--json", action="store_true", help="print JSON for programs")

    tags = add("tags", "List the tags and categories with their counts, most used first.")
    tags.add_argument("--json", action="store_true", help="print JSON for programs")

    new = add("new", "Create a draft and print its path.")
    new.add_argument("title")
    new.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    return parser


def run_command(args: list[str]) -> int:
    # Imported here: the app's start does not need them before its first frame.
    from tui.blog import Blog
    from tui.blog.conventions import detect
    from tui.blog.post import category_key, language_key, tag_key
    from tui.blog.store import check_title

    options = command_parser().parse_args(args)
    opened = open_settings_and_folder(options.config, options.dir)
    if opened is None:
        return 2
    config, folder = opened
    blog = Blog(folder)
    try:
        if options.command == "new":
            check_title(options.title)  # said before a large blog is read for it
            # The folder's own way of naming and writing posts, learnt from its newest.
            convention = detect(blog.load().posts(), blog.site)
            post, _ = blog.new_post(
                options.title, tags=options.tag, convention=convention, template=config.template
            )
            print(folder / post.relative)
            if convention.warning:
                print(f"blog: {convention.warning}", file=sys.stderr)
            return 0
        if options.command == "site":
            print_site(blog, as_json=options.json)
            return 0
        blog.load()
        if options.command == "tags":
            print_tags(blog, as_json=options.json)
        else:
            keys = [tag_key(t) for t in options.tag] + [category_key(c) for c in options.category]
            if options.language:
                keys.append(language_key(options.language.strip()))
            posts = [
                post
                for post in blog.index.filter(keys)
                if (options.draft is None or post.draft == options.draft)
                and (options.kind is None or post.kind == options.kind)
            ]
            print_posts(folder, posts, as_json=options.json)
    except BlogError as error:
        print(f"blog: {printable(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `blog list | head`
        sys.stderr.close()
    return 0


def post_json(folder: Path, post: Post) -> dict[str, Any]:
    """A post as ``blog list --json`` prints it (the README documents each key)."""
    return {
        "path": str(folder / post.relative),
        "title": post.title,
        "date": post.date.isoformat() if post.date else None,
        "date_source": post.date_source,
        "tags": list(post.tags),
        "categories": list(post.categories),
        "draft": post.draft,
        "scheduled": post.scheduled,
        "language": post.language,
        "kind": post.kind,
        "problems": list(post.problems),
    }


def print_site(blog: Blog, as_json: bool) -> None:
    described = blog.site.describe()
    if as_json:
        print(safe_json(described))
        return
    generator = blog.site.generator.label or "no known generator (every Markdown file is a post)"
    print(f"generator  {generator}")
    print(f"root       {printable(str(blog.site.root))}")
    if described["languages"]:
        languages = ", ".join(printable(str(name)) for name in described["languages"])  # type: ignore[attr-defined]
        print(f"languages  {languages}")
    print(f"new posts  {printable(str(described['new_posts']) or '.')}")
    print(f"drafts     {printable(str(described['drafts']))}")
    for problem in described["problems"]:  # type: ignore[attr-defined]
        print(f"⚠ {printable(str(problem))}")


# JSON escapes C0 controls by itself; C1 controls (a terminal may read \x9b
# as an escape) and bidirectional overrides are escaped here too, so that the
# output is safe to print and reads back to the same strings.
# Compiled when used (see tui/lazy.py): the app's start imports this module.
_UNSAFE_IN_JSON = character_class(BEYOND_C0)


def safe_json(data: object) -> str:
    import json  # for the commands only: the app's start does without it

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return compiled(_UNSAFE_IN_JSON).sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def print_posts(folder: Path, posts: Sequence[Post], as_json: bool) -> None:
    if as_json:
        print(safe_json([post_json(folder, post) for post in posts]))
        return
    width = min(TITLE_WIDTH, max((cell_len(printable(p.title)) for p in posts), default=0))
    for post in posts:
        date = post.day.ljust(10)  # "no date" in the column of 2010-11-08
        title = printable(post.title)
        if cell_len(title) > width:
            title = set_cell_size(title, width - 1) + "…"
        labels = [printable(c) for c in post.categories] + [f"#{printable(t)}" for t in post.tags]
        columns = [
            date,
            "page "
            if post.kind == "page"
            else "draft"
            if post.draft
            else "later"
            if post.scheduled
            else "     ",
            set_cell_size(title, width),
            " ".join(labels),
        ]
        if post.problems:  # as the app's list marks it, with why
            columns.append("⚠ " + "; ".join(printable(problem) for problem in post.problems))
        print("  ".join(columns).rstrip())


def print_tags(blog: Blog, as_json: bool) -> None:
    # Tags and categories: a post's language is in `blog list --json`.
    counts = [tag for tag in blog.index.tag_counts() if not tag.is_language]
    if as_json:
        rows = [
            {
                "name": tag.name,
                "count": tag.count,
                "kind": "category" if tag.is_category else "tag",
            }
            for tag in counts
        ]
        print(safe_json(rows))
        return
    width = max((len(str(tag.count)) for tag in counts), default=1)
    for tag in counts:
        kind = "  (category)" if tag.is_category else ""
        print(f"{tag.count:>{width}}  {printable(tag.name)}{kind}")


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot be opened as a blog, or None."""
    shown = printable(str(folder))
    try:
        if not folder.exists():
            return f"no such folder: {shown}"
        if not folder.is_dir():
            return f"not a folder: {shown}"
        # Opened, not listed: Path.iterdir lists the whole folder before its
        # first name, a tenth of a second before the window at 100,000 posts.
        with os.scandir(folder) as entries:
            next(entries, None)
        from tui.blog.filesystems import pseudo_filesystem

        system = pseudo_filesystem(folder)
        if system:
            # Its files are the kernel's: listing and watching it would walk the whole machine.
            return f"not a folder of posts: {shown} is {system} (the system's own files)"
    except PermissionError:
        return f"cannot read the folder (permission denied): {shown}"
    except OSError as error:
        return f"cannot read the folder {shown}: {error.strerror}"
    return None
