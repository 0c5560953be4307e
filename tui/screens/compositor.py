"""Textual's compositor, without placing every widget of a long post again at each paint.

The compositor keeps a map of where every widget of its screen is, the
*full map*, made by a layout and by nothing cheaper: placing the 1,400
widgets of a 200 KB post's preview takes 60 to 80 ms. Textual's compositor
(8.2) makes it more often than anything changes:

- it marks the map stale whenever a widget off the screen is painted again,
  as if that widget were new: a paragraph edited below what the preview
  shows is one, at each pause in the typing (split view);
- a layout makes the map anew but leaves the mark.

The next paint then asks where each widget it paints is (`Widget.region`),
and the map is made again, on the UI loop: after each preview update the
editor waited that long for its next key. Here the mark is left only where
the map may be wrong: a widget it does not hold (just mounted, or shown
again), a scroll (`reflow_visible` marks it itself).
"""

from __future__ import annotations

from typing import Any

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class KeptMapCompositor(Compositor):
    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # the layout has just made the full map
        return result

    def update_widgets(self, widgets: set[Widget]) -> None:
        # Painting a widget again moves nothing; one the map does not hold
        # may have been mounted or shown since the map was made.
        kept = not self._full_map_invalidated and widgets.issubset(self._full_map.keys())
        super().update_widgets(widgets)
        if kept:
            self._full_map_invalidated = False


def keep_full_map(screen: Screen[Any]) -> None:
    """Give ``screen``, still unmounted, a compositor that keeps its full map."""
    screen._compositor = KeptMapCompositor()
