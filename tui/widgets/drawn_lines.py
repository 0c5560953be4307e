"""What the post list and the tag sidebar share: they draw their lines themselves.

Textual's Line API draws only the lines in view, so a widget of 100,000 rows
costs what one screenful costs, and showing new rows is a list assignment.
Rows are given as (text, components) pieces; text is never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import messages
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

Pieces = Sequence[tuple[str, str]]
"""A line as (text, space-separated component classes) pieces."""


class DrawnLines(ScrollView):
    """A scrolling widget whose lines are built from styled pieces."""

    _styles_now: dict[str, Style] | None = None
    """The components' styles worked out for the lines being drawn, while they are."""
    _line_style_now: Style | None = None
    """The widget's style, likewise."""

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are worked out once for all the lines drawn together: the
        # widget's own walks up the DOM, and was half the cost of a line.
        self._styles_now = {}
        try:
            return super().render_lines(crop)
        finally:
            self._styles_now = self._line_style_now = None

    def set_line_count(self, lines: int) -> None:
        """How many lines there are to scroll through.

        No width: lines are cut to the room there is, so nothing scrolls
        sideways. (The widget's width, once a vertical scrollbar took a cell
        of it, showed a horizontal scrollbar for that one cell.)
        """
        size, height = Size(0, lines), self.container_size.height
        if self.is_mounted and height and (lines > height) == (self.virtual_size.height > height):
            # The scrollbar stays, or stays away: no layout, which takes every
            # widget of the screen along (with a long post open, the 1,400 of
            # its preview: a tag filter took twice as long). The scrollbar and
            # the view set as a layout sets them (ScrollView._size_updated).
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
            self.refresh()
        else:
            self.virtual_size = size

    def refresh_in_this_frame(self) -> None:
        """Refresh, and tell the screen now, not at this widget's next idle.

        Textual tells the screen of a refresh once the widget's own message
        queue is idle. When the screen shows new lines in several widgets at
        once (a search: the list, the sidebar, the list's scrollbar), it came
        to its own idle first and drew the next frame with none or part of
        them, and the rest one frame or more later (a search at 10,000 posts:
        30 ms, or 45 to 60 once out of two). Told now, the screen has them all
        in its queue before its idle, and draws them in the same frame.
        """
        self.refresh()
        if not self.is_attached:
            return
        screen = self.screen
        for widget in (self, self._vertical_scrollbar):
            # The flag the widget's idle would read to tell the screen: cleared,
            # so that the screen is not told twice (and draws it twice).
            if widget is not None and widget._repaint_required and widget.display:
                widget._repaint_required = False
                screen.post_message(messages.Update(widget))

    @property
    def line_style(self) -> Style:
        """The widget's style, which each line starts from."""
        style = self._line_style_now
        if style is None:
            style = self.rich_style
            if self._styles_now is not None:  # drawing: kept for the other lines
                self._line_style_now = style
        return style

    def _component_style(self, component: str) -> Style:
        """A component's own style, laid over the row's (the cursor's background stays).

        Textual's partial style loses a colour's transparency ("$text-muted"
        became white on the light theme); the full style blends it right.
        """
        styles = self._styles_now
        style = styles.get(component) if styles is not None else None
        if style is None:
            partial = self.get_component_rich_style(component, partial=True)
            full = self.get_component_rich_style(component)
            style = partial + Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
            if styles is not None:
                styles[component] = style
        return style

    def _segments(self, pieces: Pieces, base: Style, width: int, lead: str = "") -> list[Segment]:
        """``lead``, then the pieces in their styles, cut to ``width`` with an ellipsis."""
        segments = [Segment(lead, base)] if lead else []
        used = cell_len(lead)
        for text, components in pieces:
            style = base
            for component in components.split():
                style += self._component_style(component)
            room = width - used
            if room <= 0:
                break
            if cell_len(text) > room:
                text = set_cell_size(text, room - 1) + "…"
            segments.append(Segment(text, style))
            used += cell_len(text)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return segments
