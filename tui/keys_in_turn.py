"""Keys given out one at a time, each to the widget focused once the one before it is handled.

Textual sends a key to the widget focused when the key arrives. Keys typed
in a burst (a fast typist, a paste into the terminal, keys pressed while the
app starts) all reach the widget focused at the first one, even when that
one moves the focus: "/" opens the search, but the "deploy" typed after it
went to the post list, where "d" asks to delete a post and "e" opens the
editor. Here the next key waits until the one before it has been handled;
text typed into a field or the editor goes on at once.

A key is handled once it has been through the widget it went to and the
bindings it ran, then through that widget once more (what the bindings asked
of it: a field submitted, a post chosen in the list); once the work it set
going in a worker is done, or waits for the user in a dialog it opened ("e"
reads the post, then focuses the editor; ctrl+n asks for a title); and,
when the screen in front changed, once that screen has set its focus (a
dialog mounting, the palette). Then the next key goes where the focus is.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from functools import cache
from typing import Any, ClassVar

from textual import events, work
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import NoActiveWorker, Worker, get_current_worker

KEY_WAIT = 0.1
"""Seconds a key waits at most for the one before it. The sign that a key
was handled is lost when its widget goes away with it (a dialog closed by
the key), and the next one must not wait for it."""
SCREEN_WAIT = 1.0
"""Seconds keys wait at most for a screen that came in front to set its
focus: one closed before it did drops what it was sent."""
WORK_WAIT = 10.0
"""Seconds keys wait at most for the work a key before them set going: work
stuck on a disk that hangs must not take the keyboard (ctrl+q) with it."""


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

    KEY_WORK: ClassVar[frozenset[str]] = frozenset()
    """The groups of the workers that carry out what a key asks, and may move
    the focus or open a dialog on the way: the next key waits until they are
    done or wait for the user in a dialog. Other workers (reading, drawing,
    searching in the background) hold no key."""

    def __init__(self) -> None:
        super().__init__()
        self._waiting_keys: deque[events.Key] = deque()
        self._keys_held = True
        """Until `release_keys`: the app is starting and has nowhere to send them."""
        self._key_in_flight: int | None = None
        """The number of the key sent and not yet handled."""
        self._key_widget: Widget | None = None
        """Where the key in flight went, until its sign came back the first time."""
        self._key_screen: Screen[Any] | None = None
        """The screen in front when the key in flight was sent."""
        self._keys_sent = 0
        self._key_timer: Timer | None = None
        self._settling = False
        """Between a key handled and the next one: its work, then the screen in front."""
        self._settles = 0
        self._screen_timer: Timer | None = None
        self._dialogs: dict[Worker[Any], Screen[Any]] = {}
        """The dialog each worker opened last, and so may be waiting on."""
        self._given_up: set[Worker[Any]] = set()
        """Work that held the keys for WORK_WAIT: it holds them no more."""
        self._screens = 0
        self._screen_moved = asyncio.Event()

    def on_mount(self) -> None:
        self._screens = len(self.screen_stack)
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def release_keys(self) -> None:
        """Send the keys pressed until now, and the next ones as they come."""
        self._keys_held = False
        self.call_later(self._send_next_key)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._waiting_keys.append(event)
            if not self._keys_held and self._key_in_flight is None and not self._settling:
                await self._send_next_key()
            elif self._key_in_flight is not None and self._key_timer is None:
                waited_for = self._key_in_flight
                self._key_timer = self.set_timer(KEY_WAIT, lambda: self._key_finished(waited_for))
            return
        await super().on_event(event)

    def on_key_done(self, message: KeyDone) -> None:
        # After what the key's handling asked of the app: Widget.focus()
        # moves the focus in a callback of the app's, queued before this.
        self.call_later(self._key_handled, message.number)

    def _key_handled(self, number: int) -> None:
        if number != self._key_in_flight:
            return  # late: the key was given up on after KEY_WAIT
        widget, self._key_widget = self._key_widget, None
        if widget is not None and widget.is_attached and widget.post_message(KeyDone(number)):
            # The key's bindings ran in the app, and what they posted to the
            # widget (Input.Submitted, PostList.Opened) is handled on its way up
            # after the key's sign: once more through the widget, behind it.
            return
        self._key_finished(number)

    def _key_finished(self, number: int) -> None:
        """The key in flight is handled, or its sign was lost with its widget."""
        if number != self._key_in_flight:
            return
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        self._key_in_flight = self._key_widget = None
        self._settle()

    def _settle(self, waited: bool = False) -> None:
        """Wait for the work the keys set going, then for the screen in front; then the next key."""
        self._settling = True
        self._screen_moved.clear()
        work = self._key_work()
        if work:
            self._wait_for_work(work)
            return
        self._settles += 1
        settle = self._settles
        screen = self.screen
        # A screen pushed sets its focus once it has mounted its widgets (the
        # prompt's field, the palette's): after what it was sent.
        if (waited or screen is not self._key_screen) and screen.call_later(
            self.call_later, self._settled, settle
        ):
            # Unless it closes first, and drops what it was sent.
            self._screen_timer = self.set_timer(SCREEN_WAIT, lambda: self._settled(settle))
            return
        self.call_later(self._settled, settle)

    async def _settled(self, settle: int) -> None:
        if settle != self._settles or not self._settling:
            return  # late: given up on after SCREEN_WAIT
        if self._screen_timer is not None:
            self._screen_timer.stop()
            self._screen_timer = None
        self._settling = False
        await self._send_next_key()

    def _key_work(self) -> list[Worker[Any]]:
        """The workers carrying out a key that are busy: not done, and not
        waiting for the user in the dialog they opened."""
        stack = self.screen_stack
        self._dialogs = {w: s for w, s in self._dialogs.items() if not w.is_finished}
        self._given_up = {w for w in self._given_up if not w.is_finished}
        return [
            worker
            for worker in self.workers
            if worker.group in self.KEY_WORK
            and worker.is_running
            and worker not in self._given_up
            and self._dialogs.get(worker) not in stack
        ]

    def _screen_changed(self, screen: Screen[Any]) -> None:
        screens = len(self.screen_stack)
        if screens > self._screens:  # pushed; from a worker, it may wait for its answer
            with contextlib.suppress(NoActiveWorker):
                self._dialogs[get_current_worker()] = screen
        self._screens = screens
        self._screen_moved.set()

    @work(group="keys in turn", exit_on_error=False)
    async def _wait_for_work(self, work: list[Worker[Any]]) -> None:
        """Until one of ``work`` ends or a screen comes or goes (a dialog it opened)."""
        waits: list[asyncio.Future[object]] = [
            asyncio.ensure_future(_ended(worker)) for worker in work
        ]
        waits.append(asyncio.ensure_future(self._screen_moved.wait()))
        try:
            done, _ = await asyncio.wait(
                waits, timeout=WORK_WAIT, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for wait in waits:
                wait.cancel()
        if not done:
            self._given_up.update(work)
        self.call_later(self._settle, True)

    async def _send_next_key(self) -> None:
        takes_text = _text_widgets()
        while (
            not self._keys_held
            and self._key_in_flight is None
            and not self._settling
            and self._waiting_keys
        ):
            if self._key_work():  # set going by a click, a timer: it may move the focus
                self._key_screen = self.screen
                self._settle()
                return
            key = self._waiting_keys.popleft()
            target = self.focused or self.screen  # where Textual sends it
            self._key_screen = self.screen
            await super().on_event(key)
            if key.is_printable and isinstance(target, takes_text):
                # Text typed into a field moves no focus: the next key follows
                # at once. Waiting here made a burst of typing five times slower.
                continue
            self._keys_sent += 1
            self._key_in_flight = number = self._keys_sent
            self._key_widget = target
            target.post_message(KeyDone(number))


async def _ended(worker: Worker[Any]) -> None:
    # Shielded: waiting for a worker awaits its task, and a wait given up
    # (the other one ended first) would cancel the worker with it.
    with contextlib.suppress(Exception):  # cancelled or failed: ended all the same
        await asyncio.shield(worker.wait())
