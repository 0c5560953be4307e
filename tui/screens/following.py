"""Following the blog's folder: one watcher, a polling fallback, and a wait
for the folder to come back when it is deleted or moved away.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from tui.blog.display import printable

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

DEBOUNCE_MS = 300
"""Changes closer together than this come as one batch (a git checkout: one refresh)."""
POLL_MS = 1000
"""How often the folder is looked at when it cannot be watched."""


async def follow(screen: MainScreen, stop: asyncio.Event) -> None:
    """Apply every change made to the folder by other programs, until ``stop``."""
    # Imported here, once the main screen is drawn: watchfiles (and anyio,
    # which it brings) takes 10 to 20 ms to import.
    from watchfiles import awatch

    from tui.blog.watch import PostFilter

    root = screen.blog.root
    polling = False
    while not stop.is_set():
        if not root.is_dir():
            await _wait_for_folder(screen, root, stop)
            continue
        try:
            async for changes in awatch(
                root,
                watch_filter=PostFilter(),
                stop_event=stop,
                debounce=DEBOUNCE_MS,
                step=50,
                rust_timeout=500,
                force_polling=polling,
                poll_delay_ms=POLL_MS,
            ):
                paths = {Path(name) for _, name in changes}
                found, gone = await asyncio.to_thread(screen.blog.refresh, paths)
                await screen.apply_changes(found, gone)
                if not root.is_dir():
                    break  # deleted or moved away: wait for it
        except Exception as error:  # inotify exhausted, no permission, ...
            if polling:
                screen.notify(
                    f"Stopped following changes to the folder: {error}",
                    severity="error",
                    markup=False,
                    timeout=15,
                )
                return
            screen.notify(
                f"Cannot watch the folder ({error}); looking at it every second instead.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            polling = True


async def _wait_for_folder(screen: MainScreen, root: Path, stop: asyncio.Event) -> None:
    """The folder is gone: say so, wait for it, then read it again."""
    screen.notify(
        f"The folder {printable(str(root))} is gone. Open posts keep their text; "
        "the list comes back with the folder.",
        severity="error",
        markup=False,
        timeout=15,
    )
    while not root.is_dir():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_MS / 1000)
        if stop.is_set():
            return
    found = await asyncio.to_thread(lambda: list(screen.blog.read(screen.blog.scan())))
    present = {post.path for post in found}  # once, not once a post
    gone = [post.path for post in screen.blog.index.posts() if post.path not in present]
    await screen.apply_changes(found, gone)
    screen.notify(f"The folder {printable(str(root))} is back.", markup=False)
