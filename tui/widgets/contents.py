"""The table of contents of the open post: its headings; choosing one scrolls there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.blog.display import printable


class Contents(OptionList):
    """Headings, indented by level; shown as written, never as markup."""

    BINDINGS = [
        Binding("o,escape", "screen.toggle_contents", "Close contents", id="contents.close"),
    ]

    @dataclass
    class Chosen(Message):
        """The reader chose a heading."""

        heading_id: str

    def show(self, headings: Sequence[tuple[int, str, str]]) -> None:
        self.clear_options()
        if not headings:
            self.add_option(
                Option(Content.styled("No headings", "italic $text-muted"), disabled=True)
            )
            return
        top = min(level for level, _, _ in headings)
        self.add_options(
            Option(Content("  " * (level - top) + printable(text)), id=heading_id)
            for level, text, heading_id in headings
        )

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
