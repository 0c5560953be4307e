"""Keys typed in a burst: each goes where the focus is once the one before it is handled."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from tests.helpers import TIMEOUT, settle, started
from tui.app import BlogApp
from tui.widgets import PostList, SearchField


def burst(app: BlogApp, keys: str) -> None:
    """As a fast typist or a paste gives them: all arrive before the first is handled."""
    for character in keys:
        key = "slash" if character == "/" else character
        app.post_message(events.Key(key, character))


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(TIMEOUT):
        while not condition():
            await pilot.pause()


async def test_a_search_typed_fast_goes_into_the_search_field(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        order = screen.order
        # "d" would ask to delete a post, "e" open the editor, "s" change the order.
        burst(app, "/deeps")
        await until(pilot, lambda: screen.search_field.value == "deeps")
        await settle(pilot)
        assert isinstance(app.focused, SearchField)
        assert screen.order == order
        assert screen.view == "read"
        assert isinstance(app.screen, type(screen))  # no dialog asks to delete


async def test_keys_after_one_that_moves_the_focus_reach_the_new_pane(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        # "t" focuses the tags; "j" then moves the sidebar's cursor, not the list's.
        burst(app, "tj")
        await until(pilot, lambda: screen.tag_sidebar.highlighted == 1)
        assert screen.query_one(PostList).highlighted == 0
