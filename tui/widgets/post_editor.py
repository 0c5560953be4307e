"""The editor: the whole file, front matter included, as Markdown."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import TextArea

# Characters Python's str.splitlines() breaks on besides \n and \r. TextArea
# splits its text with it and joins with one newline, so saving a file that
# holds any of them would turn them into line breaks.
_ODD_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def odd_line_break(text: str) -> str | None:
    """The first character of ``text`` that the editor would turn into a line break."""
    for character in _ODD_LINE_BREAKS:
        if character in text:
            return character
    return None


class PostEditor(TextArea):
    """A Markdown editor for one post. The screen owns what it holds."""

    BINDINGS = [
        Binding("escape", "screen.focus_list", "Back to list", id="editor.back"),
    ]

    # Textual lays out the whole screen when a widget's virtual size changes,
    # and an editor's changes each time a line wraps anew: about one key in
    # four. In the split view that layout takes every block of the preview
    # along, 0.05 to 0.15 s in a long post, while the user types. Only the
    # editor's own scrollbars depend on it: they are updated instead (a
    # scrollbar that appears or goes still asks for a layout of its own).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        self._scroll_update(size)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            language="markdown",
            soft_wrap=True,
            show_line_numbers=True,
            read_only=True,
            id=id,
        )
