"""Ask what to do with unsaved changes: save, discard, or cancel."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.blog.display import printable

Choice = Literal["save", "discard", "cancel"]


class UnsavedScreen(ModalScreen[Choice]):
    """The post has unsaved changes; nothing happens until the user chooses."""

    BINDINGS = [
        Binding("s", "choose('save')", "Save", id="unsaved.save"),
        Binding("d", "choose('discard')", "Discard", id="unsaved.discard"),
        Binding("escape,c", "choose('cancel')", "Cancel", id="unsaved.cancel"),
    ]

    def __init__(self, name: str, doing: str) -> None:
        super().__init__()
        self._post_name = name
        self._doing = doing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.assemble(
                    (printable(self._post_name), "bold"),
                    f" has unsaved changes.\nSave them before you {self._doing}?",
                ),
                classes="dialog-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (s)", id="save", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice if choice in ("save", "discard") else "cancel")  # type: ignore[arg-type]
