"""The preview of a long post: a screenful first, edits rebuilding only what changed,
and in the end always the same as one render."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.content import Content, Span
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from tests.helpers import count_layouts
from tui.blog import read_post
from tui.widgets.markdown_parser import preview_parser
from tui.widgets.post_preview import PostPreview, first_piece

STEVE = "2010-11-08-steve-jobs-stanford.md"

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


Shown = tuple[str, tuple[int, int], str, list[Span]]


def blocks(markdown: Markdown) -> list[Shown]:
    """Each block as shown: its kind, its lines, its text and the styles of its text."""
    shown = []
    for block in markdown.query_children(MarkdownBlock):
        content: Content = getattr(block, "_content", Content())
        shown.append((type(block).__name__, block.source_range, content.plain, list(content.spans)))
    return shown


async def rendered(markdown: str) -> list[Shown]:
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


async def long_post_shown(app: App[None]) -> tuple[PostPreview, Markdown]:
    """A preview in ``app`` showing the whole of LONG, and its Markdown body."""
    preview = PostPreview()
    await app.mount(preview)
    await preview.show_body(LONG)
    await preview.show_rest(LONG)
    return preview, preview.query_one("#preview-body", Markdown)


EDITS = [
    ("Paragraphe 20 ", "Paragraphe vingt "),  # one word in a paragraph
    ("Paragraphe 21 mot", "Paragraphe 21 *mot*"),  # the same text, emphasised
    ("Paragraphe 22 ", "Paragraphe 22\n\n- une liste "),  # a paragraph that becomes two blocks
    ("Texte 3 ", "Texte 3\n\n## Nouvelle partie\n\nTexte "),  # a new heading
    ("- deux\n", "- deux\n- deux et demi\n"),  # an item
    ("# Titre", "```\n# Titre"),  # a fence that swallows the rest
    ("## Partie 29", "Partie 29\n---"),  # a setext heading
    ("Fin.", ""),  # the last block gone
]


async def test_an_edit_rebuilds_only_the_blocks_it_changed() -> None:
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview, body = await long_post_shown(app)
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
            if old.startswith("Paragraphe 2") and "\n" not in new:
                assert after == before, (old, new)  # typing in a paragraph: the same widget


async def test_typing_in_a_marked_paragraph_keeps_its_marks() -> None:
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview, body = await long_post_shown(app)
        preview.mark(["vingt"])
        assert preview._matches() == []
        edited = LONG.replace("Paragraphe 20 ", "Paragraphe vingt ", 1)
        await preview.update_body(edited)
        await pilot.pause()
        (match,) = preview._matches()
        assert match._content.plain.startswith("Paragraphe vingt")
        assert any("reverse" in str(span.style) for span in match._content.spans)
        await preview.update_body(edited.replace("Paragraphe vingt ", "Paragraphe 20 ", 1))
        assert preview._matches() == []
        assert blocks(body) == await rendered(LONG)  # the marks gone with the word


async def test_the_header_is_drawn_again_only_when_it_changes(blog_dir: Path) -> None:
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview = PostPreview()
        await app.mount(preview)
        header = preview.query_one("#preview-header", Static)
        drawn: list[object] = []
        original = header.update

        def drawing(content: object = "", **kwargs: object) -> None:
            drawn.append(content)
            original(content)  # type: ignore[arg-type]

        header.update = drawing  # type: ignore[method-assign]
        post = read_post(blog_dir / STEVE, blog_dir)
        preview.show_post(post)
        preview.show_post(post)  # each pause in typing, in the split view
        await preview.show_body("Un mot.")
        await preview.update_body("Un mot.")
        await pilot.pause()
        assert len(drawn) == 2  # the post, then its length once known
        preview.show_post(replace(post, title="Autre"))
        assert len(drawn) == 3


def layouts_asked(widget: Static) -> list[bool]:
    """Whether each of ``widget``'s updates from now on asks for a layout."""
    asked: list[bool] = []
    update = widget.update

    def updating(content: Any = "", *, layout: bool = True) -> None:
        asked.append(layout)
        update(content, layout=layout)

    widget.update = updating  # type: ignore[method-assign]
    return asked


def paragraph_20(body: Markdown) -> tuple[MarkdownBlock, list[bool]]:
    """The long post's 20th paragraph, and whether each of its updates from
    now on asks for a layout."""
    shown = body.query_children(MarkdownBlock)
    paragraph = next(b for b in shown if "Paragraphe 20 " in b._content.plain)
    return paragraph, layouts_asked(paragraph)


async def test_typing_in_a_paragraph_lays_out_only_when_it_grows() -> None:
    # A layout takes every block of the post along; most keys leave the
    # paragraph's lines as they are.
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview, body = await long_post_shown(app)
        await pilot.pause()
        paragraph, asked = paragraph_20(body)
        height = paragraph.size.height
        same = LONG.replace("Paragraphe 20 ", "Paragraphe 2O ", 1)
        await preview.update_body(same)
        await pilot.pause()
        assert asked == [False]
        assert "Paragraphe 2O" in paragraph._content.plain
        longer = same.replace("Paragraphe 2O ", "Paragraphe 2O " + "encore " * 30, 1)
        await preview.update_body(longer)
        await pilot.pause()
        assert asked == [False, True]
        assert paragraph.size.height > height
        assert blocks(body) == await rendered(longer)


async def test_the_header_lays_out_only_when_its_lines_change(blog_dir: Path) -> None:
    # The word count in it changes with nearly every word typed.
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview, _ = await long_post_shown(app)
        post = read_post(blog_dir / STEVE, blog_dir)
        preview.show_post(post)
        await pilot.pause()
        header = preview.query_one("#preview-header", Static)
        asked = layouts_asked(header)
        await preview.update_body(LONG.replace("Paragraphe 20 ", "Paragraphe 20 mot ", 1))
        assert asked == [False]
        assert "words" in str(header.visual) and header.size.height == 3
        preview.show_post(replace(post, title="Un titre qui prend des lignes " * 8))
        await pilot.pause()
        assert asked == [False, True]
        assert header.size.height > 3


async def test_a_new_block_and_the_one_it_replaces_are_laid_out_at_once() -> None:
    # Each layout takes every block of the post along. The removed block and
    # the mounted ones once each made a layout of their own.
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview, body = await long_post_shown(app)
        await pilot.pause()
        layouts = count_layouts(app.screen)
        edited = LONG.replace("Paragraphe 22 ", "Paragraphe 22\n\n- une liste ", 1)
        await preview.update_body(edited)
        await pilot.pause()
        # One layout, and the one Textual follows it with when sizes changed.
        assert len(layouts) <= 2
        assert blocks(body) == await rendered(edited)


async def test_marking_words_paints_blocks_without_a_layout() -> None:
    # Each key typed in the search marks the open post again: a layout each
    # time would take every block of a long post along.
    app = OneRender()
    async with app.run_test(size=(100, 50)) as pilot:
        preview, body = await long_post_shown(app)
        await pilot.pause()
        _, asked = paragraph_20(body)
        preview.mark(["paragraphe"])
        preview.mark(["print"])  # in the code block, which shows it in a label of its own
        await pilot.pause()
        assert asked == [False, False]  # marked, then unmarked
        (fence,) = preview._matches()
        assert type(fence).__name__ == "MarkdownFence"
        assert any("reverse" in str(span.style) for span in fence._content.spans)
