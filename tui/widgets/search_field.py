"""The search field over the post list: what is typed narrows the list at once."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

PLACEHOLDER = "Search: words, tag:name, draft:yes, year:2010"


class SearchField(Input):
    """An input whose keys lead back to the list; the screen does the searching."""

    BINDINGS = [
        Binding("escape", "screen.close_search", "Clear search", id="search.clear"),
        Binding("down", "screen.focus_list", "To the list", id="search.to_list"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
