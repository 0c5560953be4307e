"""The preview of a long post: a screenful first, edits rebuilding only what changed,
and in the end always the same as one render."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from tui.widgets.markdown_parser import preview_parser
from tui.widgets.post_preview import PostPreview, first_piece

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


def test_the_first_piece_ends_where_a_block_ends() -> None:
    piece = first_piece(LONG, 3_000)
    assert 3_000 <= len(piece) < 4_000
    assert LONG.startswith(piece)
    assert piece.endswith("\n\n")
    assert first_piece("short", 3_000) == "short"
    fenced = "```\n" + "code\n\n" * 1_000 + "```\n\nafter"
    assert first_piece(fenced, 10).endswith("```\n\n")  # never inside a code block


class OneRender(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown(id="whole", parser_factory=preview_parser)


def blocks(markdown: Markdown) -> list[tuple[str, tuple[int, int], str]]:
    return [
        (type(block).__name__, block.source_range, str(getattr(block, "_content", "")))
        for block in markdown.query_children(MarkdownBlock)
    ]


async def rendered(markdown: str) -> list[tuple[str, tuple[int, int], str]]:
    app = OneRender()
    async with app.run_test(size=(100, 50)):
        whole = app.query_one("#whole", Markdown)
        await whole.update(markdown)
        return blocks(whole)


async def test_the_piecewise_render_equals_a_full_render() -> None:
    expected = await rendered(LONG)
    assert len(expected) > 70
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview = PostPreview()
        await app.mount(preview)
        body = preview.query_one("#preview-body", Markdown)
        await preview.show_body(LONG)
        assert 0 < len(blocks(body)) < len(expected)  # the first screenful
        await preview.show_rest(LONG)
        await pilot.pause()
        assert body.source == LONG
        assert blocks(body) == expected


EDITS = [
    ("Paragraphe 20 ", "Paragraphe vingt "),  # one word in a paragraph
    ("Texte 3 ", "Texte 3\n\n## Nouvelle partie\n\nTexte "),  # a new heading
    ("- deux\n", "- deux\n- deux et demi\n"),  # an item
    ("# Titre", "```\n# Titre"),  # a fence that swallows the rest
    ("## Partie 29", "Partie 29\n---"),  # a setext heading
    ("Fin.", ""),  # the last block gone
]


async def test_an_edit_rebuilds_only_the_blocks_it_changed() -> None:
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview = PostPreview()
        await app.mount(preview)
        body = preview.query_one("#preview-body", Markdown)
        await preview.show_body(LONG)
        await preview.show_rest(LONG)
        text = LONG
        for old, new in EDITS:
            before = list(body.query_children(MarkdownBlock))
            text = text.replace(old, new, 1)
            await preview.update_body(text)
            await pilot.pause()
            after = list(body.query_children(MarkdownBlock))
            assert blocks(body) == await rendered(text), (old, new)
            if old != "# Titre":
                kept = set(before) & set(after)
                assert len(after) - len(kept) <= 3, (old, new)  # the others are the same widgets
