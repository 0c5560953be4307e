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


def header_content(post: Post) -> Content:
    """Title, date, tags and problems of ``post``, shown as plain text."""
    parts: list[str | tuple[str, str]] = [(printable(post.title), "bold $text-primary")]
    date = post.date.date().isoformat() if post.date else "no date"
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

    async def show_body(self, markdown: str) -> None:
        """Render ``markdown`` (the post without its front matter)."""
        await self.query_one("#preview-body", Markdown).update(markdown)
