"""Every key of the app, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.blog.display import printable


def _keys(binding: Binding, remapped: Mapping[str, str]) -> Text:
    """The keys of ``binding`` as a person types them, after the settings' [keys]
    (a file: shown as written, never as markup or controls)."""
    names = {"space": "space", "escape": "esc", "slash": "/", "plus": "+", "minus": "-"}
    keys = remapped.get(binding.id or "", binding.key)
    shown = []
    for key in (key.strip() for key in keys.split(",")):
        # "slash" is typed "/", "right_square_bracket" "]", "question_mark" "?".
        character = key_to_character(key) if len(key) > 1 else None
        shown.append(
            names.get(key) or (character if character and character.isprintable() else key)
        )
    return Text(printable(", ".join(shown)))


class HelpScreen(ModalScreen[None]):
    """The keys, pane by pane. Any of escape, q, ? or f1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(
        self, sections: list[tuple[str, list[Binding]]], remapped: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self._sections = sections
        self._remapped = remapped or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll():
                table: DataTable[str | Text] = DataTable(
                    show_cursor=False, zebra_stripes=True, id="help-keys"
                )
                table.add_columns("Where", "Key", "Does", "Id (for [keys] in the settings)")
                for where, bindings in self._sections:
                    for binding in bindings:
                        if binding.description:
                            table.add_row(
                                where,
                                _keys(binding, self._remapped),
                                binding.description,
                                binding.id or "",
                            )
                yield table
            yield Static("esc: close", classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
