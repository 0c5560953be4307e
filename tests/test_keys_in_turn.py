"""Keys typed in a burst: each goes where the focus is once the one before it is handled."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from tests.helpers import settle, started, until
from tui.app import BlogApp
from tui.dialogs import NewPostScreen
from tui.keys_in_turn import KeyDone
from tui.widgets import PostList, SearchField


def burst(app: BlogApp, keys: str) -> None:
    """As a fast typist or a paste gives them: all arrive before the first is handled."""
    for character in keys:
        key = {"/": "slash", "\x1b": "escape"}.get(character, character)
        app.post_message(events.Key(key, character))


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


async def test_a_key_that_closes_a_dialog_lets_the_next_one_through(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewPostScreen))
        # Escape closes the dialog; the j typed right after it moves the list behind.
        burst(app, "\x1bj")
        await until(pilot, lambda: screen.query_one(PostList).highlighted == 1)
        assert app.screen is screen


async def test_a_key_whose_handling_is_never_confirmed_holds_the_next_one_briefly(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when the widget a key went to is removed with what was sent to it."""

    def swallow(list_: PostList, message: KeyDone) -> None:
        message.stop()

    monkeypatch.setattr(PostList, "on_key_done", swallow, raising=False)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        burst(app, "jj")
        await until(pilot, lambda: screen.query_one(PostList).highlighted == 2)
