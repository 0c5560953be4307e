"""Keys given out one at a time, each to the widget focused once the one before it is handled.

Textual sends a key to the widget focused when the key arrives. Keys typed
in a burst (a fast typist, a paste into the terminal, keys pressed while the
app starts) all reach the widget focused at the first one, even when that
one moves the focus: "/" opens the search, but the "deploy" typed after it
went to the post list, where "d" asks to delete a post and "e" opens the
editor. Here the next key waits until the one before it has been handled,
bindings and focus change included; text typed into a field or the editor
goes on at once.
"""

from __future__ import annotations

from collections import deque
from functools import cache

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

KEY_WAIT = 0.1
"""Seconds a key waits at most for the one before it. The sign that a key
was handled is lost when its widget goes away with it (a dialog closed by
the key), and the next one must not wait for it."""


@cache
def _text_widgets() -> tuple[type[Widget], ...]:
    """The widgets printable keys type into. Imported at the first key, not
    with this module, which the app imports before its first paint
    (TextArea brings tree-sitter: 12 ms)."""
    from textual.widgets import Input, TextArea

    return (Input, TextArea)


class KeyDone(Message):
    """Sent after a key to the widget the key went to. It bubbles up the same
    way as the key, so when it reaches the app the key has been handled."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class KeysInTurn(App[None]):
    """An app whose keys wait their turn, and wait while it is not ready for them."""

    def __init__(self) -> None:
        super().__init__()
        self._waiting_keys: deque[events.Key] = deque()
        self._keys_held = True
        """Until `release_keys`: the app is starting and has nowhere to send them."""
        self._key_in_flight: int | None = None
        """The number of the key sent and not yet handled."""
        self._keys_sent = 0
        self._key_timer: Timer | None = None

    def release_keys(self) -> None:
        """Send the keys pressed until now, and the next ones as they come."""
        self._keys_held = False
        self.call_later(self._send_next_key)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._waiting_keys.append(event)
            if not self._keys_held and self._key_in_flight is None:
                await self._send_next_key()
            elif self._key_in_flight is not None and self._key_timer is None:
                waited_for = self._key_in_flight
                self._key_timer = self.set_timer(KEY_WAIT, lambda: self._key_handled(waited_for))
            return
        await super().on_event(event)

    def on_key_done(self, message: KeyDone) -> None:
        # After what the key's handling asked of the app: Widget.focus()
        # moves the focus in a callback of the app's, queued before this.
        self.call_later(self._key_handled, message.number)

    async def _key_handled(self, number: int) -> None:
        if number != self._key_in_flight:
            return  # late: the key was given up on after KEY_WAIT
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        self._key_in_flight = None
        await self._send_next_key()

    async def _send_next_key(self) -> None:
        takes_text = _text_widgets()
        while not self._keys_held and self._key_in_flight is None and self._waiting_keys:
            key = self._waiting_keys.popleft()
            target = self.focused or self.screen  # where Textual sends it
            await super().on_event(key)
            if key.is_printable and isinstance(target, takes_text):
                # Text typed into a field moves no focus: the next key follows
                # at once. Waiting here made a burst of typing five times slower.
                continue
            self._keys_sent += 1
            self._key_in_flight = number = self._keys_sent
            target.post_message(KeyDone(number))
