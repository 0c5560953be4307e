"""blog-tui: read, write and filter a blog's Markdown posts in the terminal."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
