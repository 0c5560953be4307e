"""Unsaved text was found from a session that did not end well: restore it?"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.blog.display import printable
from tui.dialogs.conflict import DifferenceView, difference

Answer = Literal["restore", "discard", "later"]


class RecoveredScreen(ModalScreen[Answer]):
    """Restore the recovered text, compare it with the file, or discard it."""

    BINDINGS = [
        Binding("r", "choose('restore')", "Restore", id="recovered.restore"),
        Binding("c", "compare", "Compare", id="recovered.compare"),
        Binding("x", "choose('discard')", "Discard", id="recovered.discard"),
        Binding("escape", "choose('later')", "Later", id="recovered.later"),
    ]

    def __init__(self, name: str, written: float, recovered: str, on_disk: str | None) -> None:
        super().__init__()
        self._post_name = name
        self._when = dt.datetime.fromtimestamp(written).strftime("%Y-%m-%d %H:%M:%S")
        if on_disk is None:
            self._diff = "(the file no longer exists: restoring writes it back when you save)"
        else:
            self._diff = difference(recovered, on_disk, name) or "(the same text as the file)"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Static(
                Content.assemble(
                    "Recovered: unsaved text of ",
                    (printable(self._post_name), "bold"),
                    f", kept at {self._when} by a session that did not end normally.",
                ),
                classes="dialog-text",
            )
            yield DifferenceView(self._diff)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore (r)", id="restore", variant="primary")
                yield Button("Compare (c)", id="compare")
                yield Button("Discard (x)", id="discard", variant="error")
                yield Button("Later (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "compare":
            self.action_compare()
        else:
            self.action_choose(event.button.id or "later")

    def action_compare(self) -> None:
        self.query_one(DifferenceView).toggle()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice if choice in ("restore", "discard") else "later")  # type: ignore[arg-type]
