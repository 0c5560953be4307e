"""The footer of keys, rebuilt once for a burst of changes to the bindings."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer, not rebuilt again for bindings it already shows.

    Textual rebuilds its footer (a widget for each key) after every change of
    the bindings, each change scheduling its own rebuild. Moving the focus
    makes two changes a refresh apart, the main screen's start five: 15 to
    30 ms each, during which the UI loop answers nothing. Here a change is
    passed on a refresh later, and a rebuild made after the last change
    shows them all, so the ones still scheduled are skipped.
    """

    _changes = 0
    """How many times the bindings have changed."""
    _shown = -1
    """The value of `_changes` when the footer was last rebuilt."""
    _waiting = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._changes += 1
        if not self._waiting:
            self._waiting = True
            self.call_after_refresh(self._pass_on, screen)

    def _pass_on(self, screen: Screen[object]) -> None:
        self._waiting = False
        super().bindings_changed(screen)  # which rebuilds after the next refresh

    async def recompose(self) -> None:
        if self._shown == self._changes:
            return
        self._shown = self._changes
        await super().recompose()
