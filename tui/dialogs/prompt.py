"""Ask for one line of text: a new post's title, a tag, a new name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.blog.display import printable


class PromptScreen(ModalScreen[str | None]):
    """One field; enter gives its text (never empty), escape gives None.

    The field starts with ``value`` made printable (a title or a tag from a
    file); given back unchanged, it is ``value`` itself, controls and all.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(
        self, title: str, placeholder: str, value: str = "", hint: Content | str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._placeholder = placeholder
        self._value = value
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(printable(self._title)), classes="dialog-title")
            if self._hint:
                yield Static(self._hint, classes="dialog-text")
            yield Input(value=printable(self._value), placeholder=self._placeholder, id="answer")
            yield Static("enter: go on   esc: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if value == printable(self._value).strip():
            value = self._value.strip()
        if not value:
            self.notify(f"{self._placeholder} cannot be empty.", severity="warning", markup=False)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewPostScreen(PromptScreen):
    """Ask for the title of a new post."""

    def __init__(self) -> None:
        super().__init__("New post", "Title of the post")
