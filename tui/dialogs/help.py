"""Every key of the app, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


def _keys(binding: Binding, remapped: Mapping[str, str]) -> str:
    """The keys of ``binding`` as a person types them, after the settings' [keys]."""
    names = {"question_mark": "?", "space": "space", "escape": "esc", "plus": "+", "minus": "-"}
    keys = remapped.get(binding.id or "", binding.key)
    return ", ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))


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
                table: DataTable[str] = DataTable(
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
