"""The ``blog`` command: parse arguments, check the folder, run the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_FOLDER = Path("posts")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="blog",
        description="Read, write and filter a blog's Markdown posts in the terminal.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        help="the folder of posts (default: ./posts)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the app; the exit status (2 when the folder cannot be opened)."""
    args = parse_args(argv)
    folder: Path = args.path
    problem = folder_problem(folder)
    if problem:
        print(f"blog: {problem}", file=sys.stderr)
        return 2
    # Imported here so that `blog --help` and errors do not pay for Textual.
    from tui.app import BlogApp

    BlogApp(folder).run()
    return 0


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot be opened as a blog, or None."""
    try:
        if not folder.exists():
            return f"no such folder: {folder}"
        if not folder.is_dir():
            return f"not a folder: {folder}"
        next(folder.iterdir(), None)
    except PermissionError:
        return f"cannot read the folder (permission denied): {folder}"
    except OSError as error:
        return f"cannot read the folder {folder}: {error.strerror}"
    return None
