"""Ask for the title of a new post."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NewPostScreen(ModalScreen[str | None]):
    """A title field; enter creates the post, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("New post", classes="dialog-title")
            yield Input(placeholder="Title of the post", id="title")
            yield Static("enter: create the draft   esc: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def create(self, event: Input.Submitted) -> None:
        event.stop()
        title = event.value.strip()
        if not title:
            self.notify("A new post needs a title.", severity="warning", markup=False)
            return
        self.dismiss(title)

    def action_cancel(self) -> None:
        self.dismiss(None)
