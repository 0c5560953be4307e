"""A main screen that cannot be made: the start screen says why, and the app can be quit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import screen_text, until
from tui.app import BlogApp
from tui.screens.main import MainScreen
from tui.screens.start import READING, StartScreen


def _broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("the disk caught fire")


# Each a step the making of the main screen goes through.
BREAKS = {
    "blog": ("tui.blog.Blog", _broken),
    "session": ("tui.blog.session.Session", _broken),
    "head start": ("tui.blog.head_start.start_soon", _broken),
    "screen": ("tui.screens.main.MainScreen.__init__", _broken),
    "compose": ("tui.screens.main.PostList", _broken),
    "mount": ("tui.screens.main.MainScreen._show_order", _broken),
}


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
@pytest.mark.parametrize("where", list(BREAKS))
async def test_a_main_screen_that_cannot_be_made_is_told_and_the_app_quits(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch, where: str, key: str
) -> None:
    target, replacement = BREAKS[where]
    monkeypatch.setattr(target, replacement)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: "the disk caught fire" in screen_text(pilot))
        text = screen_text(pilot)
        assert "RuntimeError" in text
        assert "Press ctrl+q or ctrl+c to quit." in text
        assert READING not in text
        assert isinstance(app.screen, StartScreen)
        await pilot.press(key)
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert not any(isinstance(screen, MainScreen) for screen in app.screen_stack)


async def test_keys_pressed_before_the_failure_are_not_lost_on_the_way_out(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.blog.Blog", _broken)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+q")  # pressed while it starts: it waits for the start
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
