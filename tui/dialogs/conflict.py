"""The open post changed on disk while the user has unsaved text: ask what to keep."""

from __future__ import annotations

import difflib
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from tui.blog.display import bounded_lines, printable

Resolution = Literal["mine", "theirs"]


def difference(mine: str, theirs: str, name: str) -> str:
    """A unified diff from the text on disk to the user's text, safe to show.

    Both texts can hold anything a file holds: each line of the diff is made
    printable, its line break (CRLF, or a lone CR) shown as one line feed, and
    a line too long to lay out is cut short.
    """
    lines = difflib.unified_diff(
        theirs.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        fromfile=f"{name} (on disk)",
        tofile=f"{name} (yours)",
    )
    return bounded_lines("".join(_shown(line) + "\n" for line in lines))


def _shown(line: str) -> str:
    """A line of a diff without its line break, every control in it a symbol
    (a form feed or U+2028 that ended it too: the break is shown, not taken)."""
    for end in ("\r\n", "\n", "\r"):
        if line.endswith(end):
            return printable(line[: -len(end)])
    return printable(line)


class DifferenceView(TextArea):
    """A diff, hidden until asked for: looking decides nothing."""

    def __init__(self, diff: str) -> None:
        super().__init__(diff, read_only=True, id="difference", classes="hidden")

    def toggle(self) -> None:
        self.set_class(not self.has_class("hidden"), "hidden")


class ConflictScreen(ModalScreen[Resolution]):
    """Keep mine, take theirs, or look at the difference first. Nothing is lost by looking."""

    BINDINGS = [
        Binding("k", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("t", "choose('theirs')", "Take theirs", id="conflict.theirs"),
        Binding("d", "show_difference", "Difference", id="conflict.diff"),
    ]

    def __init__(self, name: str, mine: str, theirs: str) -> None:
        super().__init__()
        self._post_name = name
        self._diff = difference(mine, theirs, name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Static(
                Content.assemble(
                    (printable(self._post_name), "bold"),
                    " changed on disk, and you have unsaved changes.\n"
                    "Keep yours (the next save writes them over the file), "
                    "or take the file's text (yours are dropped)?",
                ),
                classes="dialog-text",
            )
            yield DifferenceView(self._diff)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (k)", id="mine", variant="primary")
                yield Button("Take theirs (t)", id="theirs", variant="error")
                yield Button("Difference (d)", id="difference-button")

    def on_mount(self) -> None:
        self.query_one("#mine", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "difference-button":
            self.action_show_difference()
        else:
            self.action_choose(event.button.id or "mine")

    def action_show_difference(self) -> None:
        self.query_one(DifferenceView).toggle()

    def action_choose(self, choice: str) -> None:
        self.dismiss("theirs" if choice == "theirs" else "mine")
