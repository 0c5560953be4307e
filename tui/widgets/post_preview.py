"""The rendered post: a header with its metadata, then the Markdown body."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from tui.blog import Post
from tui.blog.display import printable
from tui.widgets.markdown_parser import preview_parser

FIRST_PIECE = 3_000
"""Characters rendered before the preview first shows: more than a screenful."""
PIECE = 12_000
"""Characters appended at a time after that."""


def split_blocks(markdown: str, first: int, size: int) -> list[str]:
    """``markdown`` in pieces of about ``first``, then ``size``, characters.

    Each piece ends with a blank line outside any fenced code block, so that
    no block is cut in two; the pieces joined give back ``markdown``.
    """
    pieces: list[str] = []
    start = 0
    limit = first
    fence = ""
    position = 0
    for line in markdown.splitlines(keepends=True):
        position += len(line)
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif not stripped.strip() and position - start >= limit:
            pieces.append(markdown[start:position])
            start, limit = position, size
    pieces.append(markdown[start:])
    return pieces


def header_content(post: Post) -> Content:
    """Title, date, tags and problems of ``post``, shown as plain text."""
    parts: list[str | tuple[str, str]] = [(printable(post.title), "bold $text-primary")]
    date = post.day
    if post.date_source == "modified":
        date += " (date of the file)"
    parts.append(("\n" + date, "$text-muted"))
    if post.draft:
        parts.append(("  draft", "italic $text-warning"))
    if post.language:
        of = f" of {printable(post.translation_of)}" if post.translation_of else ""
        parts.append((f"  translation ({post.language}){of}", "bold $text-secondary"))
    if post.categories:
        categories = ", ".join(printable(category) for category in post.categories)
        parts.append((f"  in {categories}", "$text-secondary"))
    if post.tags:
        parts.append(("  " + "  ".join(f"#{printable(tag)}" for tag in post.tags), "$accent"))
    parts.append(("\n" + printable(post.relative), "$text-muted"))
    for problem in post.problems:
        parts.append((f"\n⚠ {printable(problem)}", "$text-error"))
    return Content.assemble(*parts)


class PostPreview(VerticalScroll, can_focus=True):
    """The post as it will read, without its front matter."""

    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="preview.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="preview.up"),
        Binding("e", "screen.edit", "Edit", id="preview.edit"),
        Binding("E", "screen.open_external", "$EDITOR", show=False, id="preview.external"),
        Binding("plus", "screen.add_tag", "Add tag", show=False, id="preview.add_tag"),
        Binding("minus", "screen.remove_tag", "Remove tag", show=False, id="preview.remove_tag"),
        Binding("v", "screen.cycle_view", "View", id="preview.view"),
        Binding("t", "screen.focus_tags", "Tags", id="preview.tags"),
        Binding("escape", "screen.focus_list", "Back to list", id="preview.back"),
        Binding("question_mark", "app.help", "Help", id="preview.help"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="preview-header")
        yield Markdown(id="preview-body", open_links=False, parser_factory=preview_parser)

    def show_post(self, post: Post | None) -> None:
        """Show the header of ``post`` (or nothing)."""
        header = self.query_one("#preview-header", Static)
        header.update(header_content(post) if post else "")

    async def show_body(self, markdown: str) -> list[str]:
        """Render the first screenful of ``markdown``; the pieces still to append.

        Textual's Markdown widget mounts a widget a block: a long post takes
        seconds. The first blocks are shown at once and the rest appended
        with :meth:`append_pieces`, each piece cut where a block ends, so the
        widget ends as a single render would leave it.
        """
        pieces = split_blocks(markdown, FIRST_PIECE, PIECE)
        body = self.query_one("#preview-body", Markdown)
        # Appending to an empty document, never to an update(): append re-reads
        # the last block it made, which update() does not record.
        await body.update("")
        await body.append(pieces[0])
        return pieces[1:]

    async def append_pieces(self, pieces: list[str]) -> None:
        body = self.query_one("#preview-body", Markdown)
        for piece in pieces:
            await body.append(piece)
