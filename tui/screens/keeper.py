"""The recovery copy of the open post's unsaved text, kept after a pause in typing.

A copy that cannot be written is told by the app's own files' one
notification (`tui.blog.own_files`), once, not at each pause.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.timer import Timer

from tui.blog.recovery import Recovery

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

RECOVERY_DELAY = 2.0
"""Seconds after the last keystroke before unsaved text is copied for recovery."""


class RecoveryKeeper:
    """Writes and removes the recovery copy of the one buffer the screen edits."""

    def __init__(self, screen: MainScreen, recovery: Recovery) -> None:
        self.screen = screen
        self.recovery = recovery
        self.written: Path | None = None
        """The post whose copy this session wrote: only that one is ever removed."""
        self.kept = asyncio.Event()
        """Set each time a copy has been written, or could not be (tests wait on it)."""
        self._timer: Timer | None = None

    def typed(self) -> None:
        """The buffer changed: copy it once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(RECOVERY_DELAY, self._keep)

    def _keep(self) -> None:
        screen = self.screen
        if screen.document is not None and screen.modified:
            path, text = screen.document.path, screen.editor.text
            self.written = path
            screen.run_worker(self._write(path, text), group="recovery", exit_on_error=False)

    async def _write(self, path: Path, text: str) -> None:
        await asyncio.to_thread(self.recovery.write, path, text)
        self.kept.set()

    def keep_now(self) -> None:
        """Write the copy at once (the app is being stopped)."""
        screen = self.screen
        if screen.document is not None and screen.modified:
            self.recovery.write(screen.document.path, screen.editor.text)

    def drop(self) -> None:
        """The unsaved text was saved or discarded: its copy goes."""
        if self._timer is not None:
            self._timer.stop()
        path, self.written = self.written, None
        if path is not None:
            self.screen.run_worker(
                asyncio.to_thread(self.recovery.remove, path), group="recovery", exit_on_error=False
            )

    def moved(self, old: Path) -> None:
        """The post was renamed: its copy follows it."""
        if self.written == old:
            self.drop()
            self.typed()
