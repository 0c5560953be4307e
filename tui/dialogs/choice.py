"""Ask the user to pick one of a few strings."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.blog.display import printable


class ChoiceScreen(ModalScreen[str | None]):
    """A list; enter picks the highlighted entry, escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, choices: Sequence[str]) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(printable(self._title)), classes="dialog-title")
            yield OptionList(
                *(Option(Content(printable(c)), id=str(i)) for i, c in enumerate(self._choices)),
                id="choices",
            )
            yield Static("enter: choose   esc: cancel", classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._choices[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
