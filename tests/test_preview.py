"""The preview of a long post: a screenful first, and in the end the same as one render."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from tui.widgets.markdown_parser import preview_parser
from tui.widgets.post_preview import PostPreview, split_blocks

LONG = "\n\n".join(
    [
        "# Titre",
        *(f"Paragraphe {n} " + "mot " * 60 for n in range(40)),
        "```python\nprint('a')\n\nprint('b')\n```",
        "- un\n- deux\n\n- trois",
        "> citation\n>\n> suite",
        *(f"## Partie {n}\n\nTexte {n} " + "encore " * 80 for n in range(30)),
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        "Fin.",
    ]
)


def test_pieces_end_where_blocks_end_and_give_back_the_text() -> None:
    pieces = split_blocks(LONG, 3_000, 5_000)
    assert len(pieces) > 3
    assert "".join(pieces) == LONG
    for piece in pieces[:-1]:
        assert piece.endswith("\n\n") or piece.endswith("\n")
        assert piece.count("```") % 2 == 0  # never inside a code block
    assert split_blocks("short", 3_000, 5_000) == ["short"]


class OneRender(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown(id="whole", parser_factory=preview_parser)


def blocks(markdown: Markdown) -> list[tuple[str, tuple[int, int], str]]:
    return [
        (type(block).__name__, block.source_range, str(getattr(block, "_content", "")))
        for block in markdown.query_children(MarkdownBlock)
    ]


async def test_the_piecewise_render_equals_a_full_render() -> None:
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        whole = app.query_one("#whole", Markdown)
        await whole.update(LONG)
        preview = PostPreview()
        await app.mount(preview)
        rest = await preview.show_body(LONG)
        await preview.append_pieces(rest)
        by_pieces = preview.query_one("#preview-body", Markdown)
        await pilot.pause()
        assert by_pieces.source == whole.source == LONG
        assert blocks(by_pieces) == blocks(whole)
        assert len(blocks(whole)) > 70
