"""The screen drawn while the app starts: the main screen's frame, still empty.

Importing and composing the main screen (the editor, the Markdown preview,
the dialogs, their styles) takes a few tenths of a second, as long again as
Textual takes to start. This screen is drawn from a few `Static` widgets in
milliseconds, so the window shows at once; the main screen replaces it as
soon as it is ready. Keep this module's imports to Textual's core: even
Textual's `Header` and `Footer` cost it a fifth of its time.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.blog.display import printable

READING = "Reading posts…"
"""What the post list says until the first posts are read."""
NO_POST = Content.styled("No post open", "$text-muted")
"""What the status line says while no post is open."""


class StartScreen(Screen[None]):
    """The main screen's panes, with the same ids (and so the same styles)."""

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = printable(folder)

    def compose(self) -> ComposeResult:
        # Drawn like Textual's Header (an icon, the title centred between it
        # and the clock's space) so that nothing moves when the main screen
        # takes over.
        with Horizontal(id="start-header"):
            yield Static("⭘", id="start-icon")
            yield Static(self.app.format_title(self.app.title, self.folder), id="start-title")
        with Horizontal(id="panes"):
            yield _pane("tags", "Tags")
            with Vertical(id="list-pane"):
                yield _pane("posts", "Posts", READING)
            with Horizontal(id="post"):
                yield _pane("preview", "Preview")
        yield Static(NO_POST, id="status")
        yield Static(id="start-footer")


def _pane(id: str, title: str, text: str = "") -> Static:
    pane = Static(text, id=id, classes="starting")
    pane.border_title = title
    return pane
