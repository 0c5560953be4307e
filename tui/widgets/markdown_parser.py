"""The Markdown parser of the preview: images become their alt text and target."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token


def _images_as_text(state: StateCore) -> None:
    # A terminal cannot show the picture; say what it is and where it lives.
    for block in state.tokens:
        for position, token in enumerate(block.children or []):
            if token.type == "image":
                alt = token.content or "image"
                text = Token("text", "", 0, content=f"🖼 {alt} ({token.attrGet('src') or ''})")
                assert block.children is not None
                block.children[position] = text


def preview_parser() -> MarkdownIt:
    """The parser Textual's Markdown widget uses for the preview."""
    parser = MarkdownIt("gfm-like")
    parser.core.ruler.push("images_as_text", _images_as_text)
    return parser
