"""Following the blog's folder: one watcher, a polling fallback, and a wait
for the folder to come back when it is deleted or moved away.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.blog import Post
from tui.blog.display import printable
from tui.blog.watcher import POLL_MS, Watcher, WatchError

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

Message = tuple[str, list[str] | None]


async def follow(screen: MainScreen, stop: asyncio.Event, ready: Callable[[], None]) -> None:
    """Apply every change made to the folder by other programs, until ``stop``.

    ``ready`` is called once the folder is watched (or cannot be): what
    changed before that is for the caller to look for.
    """
    root = screen.blog.root
    polling = False
    while not stop.is_set():
        if not root.is_dir():
            ready()  # nothing to watch: nothing to wait for
            await _wait_for_folder(screen, root, stop)
            continue
        watcher: Watcher | None = None
        try:
            try:
                # The site's root too, when above the folder: its config files.
                site_root = await asyncio.to_thread(lambda: screen.blog.site.root)
                watcher = await asyncio.to_thread(Watcher, root, polling, site_root)
            except OSError as error:
                raise WatchError(f"no process to watch it with: {error.strerror}") from error
            async with contextlib.aclosing(_messages(watcher, stop)) as messages:
                async for kind, paths in messages:
                    if kind == "ready":
                        ready()
                        continue
                    # Read, and the names made paths, in a thread: 5,000 paths
                    # are a third of a second of the interpreter's time.
                    found, gone = await asyncio.to_thread(_read_again, screen, paths or [])
                    await screen.apply_changes(found, gone)
                    if not root.is_dir():
                        break  # deleted or moved away: wait for it
        except WatchError as error:  # inotify exhausted, no permission, ...
            if polling:
                ready()
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
        finally:
            if watcher is not None:
                watcher.close()


def _read_again(screen: MainScreen, names: list[str]) -> tuple[list[Post], list[Path]]:
    return screen.blog.refresh([Path(name) for name in dict.fromkeys(names)])


async def _messages(watcher: Watcher, stop: asyncio.Event) -> AsyncGenerator[Message, None]:
    """The watcher's messages as they come, until ``stop``; the batches of
    changes that came while the one before was applied, as one.

    A git checkout of thousands of files lasts longer than the watcher's
    batches (a few tenths of a second each): the list is shown again once
    for all that came meanwhile, rather than once for each.

    Read by a thread of their own, which ends with the watcher: a read that
    waits for the next change must never hold up the app's exit.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Message | WatchError] = asyncio.Queue()

    def pump() -> None:
        with contextlib.suppress(RuntimeError):  # the app's loop is closed: it is over
            try:
                for message in watcher.messages():
                    loop.call_soon_threadsafe(queue.put_nowait, message)
            except WatchError as error:
                loop.call_soon_threadsafe(queue.put_nowait, error)

    threading.Thread(target=pump, name="watcher-messages", daemon=True).start()
    stopping = asyncio.ensure_future(stop.wait())
    try:
        while True:
            getting = asyncio.ensure_future(queue.get())
            await asyncio.wait({getting, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not getting.done():
                getting.cancel()
                return
            items = [getting.result()]
            while not queue.empty():
                items.append(queue.get_nowait())
            for item in merged(items):
                if isinstance(item, WatchError):
                    raise item
                yield item
    finally:
        stopping.cancel()


def concerns(path: Path, found: list[Post], gone: list[Path]) -> bool:
    """Whether the post at ``path`` is among ``found``, or at or under one of ``gone``.

    Compared as text: PurePath's comparisons parse the paths again, a
    tenth of a second for a burst of 5,000 changes.
    """
    name = str(path)
    return any(str(post.path) == name for post in found) or any(
        name == gone_name or name.startswith(gone_name + os.sep) for gone_name in map(str, gone)
    )


def merged(items: list[Message | WatchError]) -> list[Message | WatchError]:
    """``items`` in their order, each run of batches of changes made one."""
    out: list[Message | WatchError] = []
    for item in items:
        last = out[-1] if out else None
        if (
            isinstance(item, tuple)
            and item[0] == "changes"
            and isinstance(last, tuple)
            and last[0] == "changes"
        ):
            out[-1] = ("changes", [*(last[1] or ()), *(item[1] or ())])
        else:
            out.append(item)
    return out


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
