"""What app tests share: starting the app and reading what is on screen."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.command import CommandList
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import WorkerCancelled

from tui.app import BlogApp
from tui.screens.main import MainScreen

TIMEOUT = 60
"""The longest wait for an event: only a failing test waits it out, and a
loaded machine or a suite run under `nice` can take a few seconds to start an app."""


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds (a test failure after TIMEOUT)."""
    async with asyncio.timeout(TIMEOUT):
        while not condition():
            await pilot.pause()


async def started(pilot: Pilot[None]) -> MainScreen:
    """Wait until every post is listed; the main screen."""
    app = pilot.app
    assert isinstance(app, BlogApp)
    await until(pilot, lambda: app.main_screen is not None)  # the start screen comes first
    screen = app.main_screen
    assert screen is not None
    await asyncio.wait_for(screen.loaded.wait(), TIMEOUT)
    # And watched: a change made from now on is the watcher's to see.
    await asyncio.wait_for(screen.settled.wait(), TIMEOUT)
    await pilot.pause()
    return screen


async def read_newest(pilot: Pilot[None], path: Path) -> MainScreen:
    """Once every post is listed, read the newest one, at ``path``, from the list."""
    screen = await started(pilot)
    await pilot.press("enter")
    await until_open(pilot, screen, path)
    return screen


async def until_open(pilot: Pilot[None], screen: MainScreen, path: Path) -> None:
    """Wait until ``path`` is the open post."""
    while screen.document is None or screen.document.path != path:
        screen.shown.clear()
        await asyncio.wait_for(screen.shown.wait(), TIMEOUT)
    await settle(pilot)


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish (the folder watcher never does) and the screen catch up."""
    await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group != "watch":
            with contextlib.suppress(WorkerCancelled):  # replaced by a newer one
                await worker.wait()
    await pilot.pause()


def text_of(widget: Widget) -> str:
    """The text a widget shows on screen, line by line."""
    size = widget.size
    strips = widget.render_lines(Region(0, 0, size.width, size.height))
    return "\n".join(strip.text.rstrip() for strip in strips)


async def palette_results(pilot: Pilot[None]) -> CommandList:
    """The command palette's list once its search has found something."""
    commands = pilot.app.screen.query_one(CommandList)
    # The palette searches after a debounce timer of its own: no event to
    # await but the list filling, however long a loaded machine takes.
    await until(pilot, lambda: commands.option_count > 0)
    return commands


def screen_text(pilot: Pilot[None]) -> str:
    """Everything on the screen, as a person reads it, line by line."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def screen_cells(pilot: Pilot[None], lines: slice, columns: slice) -> list[list[tuple[str, str]]]:
    """The screen's cells in ``lines`` and ``columns``: each character with
    its colours and attributes, as the terminal is told to draw them."""
    strips = pilot.app.screen._compositor.render_strips()[lines]
    drawn = []
    for strip in strips:
        cells = [(char, str(seg.style)) for seg in strip for char in seg.text]
        drawn.append(cells[columns])
    return drawn


def count_layouts(screen: Screen[Any]) -> list[object]:
    """The layouts of ``screen`` from now on, one item each (a long post's blocks
    are all laid out again by each: what typing must not cause)."""
    layouts: list[object] = []
    lay_out = screen._refresh_layout

    def counting(*args: Any, **kwargs: Any) -> None:
        layouts.append(args)
        lay_out(*args, **kwargs)

    screen._refresh_layout = counting  # type: ignore[method-assign]
    return layouts
