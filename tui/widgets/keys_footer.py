"""The footer of keys, rebuilt only when the keys it would show change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer, not rebuilt again for the keys it already shows.

    Textual rebuilds its footer (a widget for each key) after every change of
    the bindings, each change scheduling its own rebuild. Moving the focus
    makes two changes, the main screen's start five: 15 to 30 ms each, during
    which the UI loop answers nothing. Here a change is passed on a refresh
    later, so that a burst of them makes one rebuild, and a rebuild is skipped
    when the keys to show are those already shown. The second test is the one
    that holds: the two changes of a focus move are posted from two message
    queues, and on a busy machine they can land a refresh or more apart.
    """

    _shown: Hashable = None
    """What the footer showed at its last rebuild (see `_keys_to_show`)."""
    _waiting = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self._waiting:
            self._waiting = True
            self.call_after_refresh(self._pass_on, screen)

    def _pass_on(self, screen: Screen[object]) -> None:
        self._waiting = False
        super().bindings_changed(screen)  # which rebuilds after the next refresh

    def _keys_to_show(self) -> Hashable:
        """Everything `Footer.compose` reads to build its keys."""
        if not self._bindings_ready:
            return None
        app = self.app
        return (
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE,
            tuple(
                (
                    binding.key,
                    app.get_key_display(binding),
                    binding.action,
                    binding.description,
                    binding.show,
                    binding.group,
                    binding.tooltip,
                    enabled,
                    tooltip,
                )
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            ),
        )

    async def recompose(self) -> None:
        keys = self._keys_to_show()
        if keys is not None and keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
