"""The search field over the post list: what is typed narrows the list at once."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

PLACEHOLDER = "Search: words, tag:name, draft:yes, year:2010"


class SearchField(Input):
    """An input whose keys lead back to the list; the screen does the searching."""

    BINDINGS = [
        Binding("escape", "screen.close_search", "Clear search", id="search.clear"),
        Binding("down", "screen.focus_list", "To the list", id="search.to_list"),
    ]

    # Input's scrollable width follows its text, and a change of it lays the
    # whole screen out again, at every key typed (15 ms with a post open, a
    # third of a search at 10,000 posts). The field's own size never changes
    # with its text, and its scrolling reads this width as it is set.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
