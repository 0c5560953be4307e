"""The start: a frame drawn at once, then the main screen in its place, with
nothing the user pressed meanwhile lost."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.pilot import Pilot
from textual.widgets import Footer

from tests.helpers import TIMEOUT, screen_text, started, until
from tui.app import BlogApp
from tui.config import Config
from tui.screens.main import MainScreen
from tui.screens.start import StartScreen

OPEN_MAIN = BlogApp._open_main

SLOW_TO_IMPORT = (
    "tui.screens.main",
    "tui.blog.store",  # reading and indexing: the main screen's
    "tui.blog.index",
    "textual.widgets._markdown",
    "textual.widgets._text_area",
    "markdown_it",
    "yaml",
    "watchfiles",
    "tomllib",  # only for a settings file, which a first run has not
    "json",  # for the commands' output and the cache, read after the first frame
)


def test_the_window_is_drawn_before_the_slow_imports() -> None:
    """What the start screen needs leaves out what takes longer to import
    than Textual itself: the main screen, its widgets, YAML, the watcher."""
    code = (
        "import sys, tui.cli, tui.app\n"
        f"print(' '.join(m for m in {SLOW_TO_IMPORT!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []


def test_the_main_screen_is_drawn_before_yaml_and_the_watcher() -> None:
    """Both are imported when first used: the first YAML front matter parsed
    (in the reading thread), the watcher started (after the main screen)."""
    code = (
        "import sys, tui.cli, tui.app, tui.screens.main\n"
        "print(' '.join(m for m in ('yaml', 'watchfiles') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[BlogApp]:
    """Apps whose main screen waits to be opened by the test (`OPEN_MAIN(app)`)."""
    apps: list[BlogApp] = []

    def hold(app: BlogApp) -> None:
        apps.append(app)

    monkeypatch.setattr(BlogApp, "_open_main", hold)
    return apps


@contextlib.asynccontextmanager
async def start_screen(
    app: BlogApp, held: list[BlogApp], size: tuple[int, int] = (120, 30)
) -> AsyncIterator[Pilot[None]]:
    """``app`` run until its start screen is drawn, its main screen held (see `held`)."""
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app in held)
        yield pilot


async def test_the_start_screen_is_the_main_screens_frame(
    blog_dir: Path, held: list[BlogApp]
) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with start_screen(app, held) as pilot:
        assert isinstance(app.screen, StartScreen)
        assert app.main_screen is None
        shown = screen_text(pilot)
        assert "Tags" in shown and "Posts" in shown and "Preview" in shown
        assert "Reading posts…" in shown
        assert f"blog — {blog_dir}" in shown
        panes = ("tags", "posts", "preview", "status")
        frame = {id: app.screen.get_widget_by_id(id).region for id in panes}

        OPEN_MAIN(app)
        screen = await started(pilot)
        assert screen.is_current
        # Nothing moves when the main screen takes over.
        assert {id: screen.get_widget_by_id(id).region for id in panes} == frame


@pytest.mark.parametrize("theme", ["textual-light", "nord"])
async def test_the_settings_theme_is_there_from_the_first_frame_without_parsing_twice(
    blog_dir: Path, held: list[BlogApp], monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """Textual makes its stylesheet with the theme; a theme set once the app
    runs has every rule parsed again before the first frame."""
    parsed_again: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        parsed_again.append(stylesheet)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = BlogApp(blog_dir, watch=False, config=Config(theme=theme))
    async with start_screen(app, held):
        assert app.theme == theme
        background = app.current_theme.background
        assert background is not None
        assert app.screen.styles.background == Color.parse(background)
        assert parsed_again == []


async def test_keys_pressed_while_starting_reach_the_main_screen(
    blog_dir: Path, held: list[BlogApp]
) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with start_screen(app, held) as pilot:
        await pilot.press("v", "v")  # read, split, edit
        assert isinstance(app.screen, StartScreen)

        OPEN_MAIN(app)
        screen = await started(pilot)
        views = [screen.view]
        assert not app._keys_held  # later keys go straight to the main screen
        await pilot.press("v")
        views.append(screen.view)
        assert views == ["edit", "read"]


async def test_quitting_before_the_main_screen_ends_the_app(
    blog_dir: Path, held: list[BlogApp]
) -> None:
    """As a signal does: the main screen is then never opened, and the app ends."""
    app = BlogApp(blog_dir, watch=False)
    async with asyncio.timeout(TIMEOUT):
        async with start_screen(app, held, size=(80, 24)):
            app.exit(return_code=3)
            OPEN_MAIN(app)
            assert app.main_screen is None
    assert app.return_code == 3
    assert not any(isinstance(screen, MainScreen) for screen in app.screen_stack)


async def test_the_footer_is_rebuilt_once_when_the_focus_moves(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual rebuilds its footer at each change of the bindings; moving the
    focus makes two. The footer still ends up with the focused pane's keys."""
    rebuilds: list[Footer] = []
    rebuild = Footer.recompose

    async def counted(footer: Footer) -> None:
        rebuilds.append(footer)
        await rebuild(footer)

    def footer() -> str:
        return screen_text(pilot).splitlines()[-1]

    monkeypatch.setattr(Footer, "recompose", counted)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        app.app_focus = True  # Textual leaves the footer alone while the terminal has no focus
        await started(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: "Back to list" in footer())  # the preview's keys
        rebuilds.clear()
        await pilot.press("escape")
        await until(pilot, lambda: "Clear filter" in footer())  # the list's keys
        for _ in range(5):  # a rebuild still scheduled would come within two refreshes
            await pilot.pause()
        assert len(rebuilds) == 1
        assert "Edit" in footer() and "Back to list" not in footer()

        # On a busy machine the second change of a focus move can come a
        # refresh or more after the first one's rebuild: it changes no key.
        app.screen.refresh_bindings()
        for _ in range(5):
            await pilot.pause()
        assert len(rebuilds) == 1


async def test_the_start_screen_shows_the_folders_name_as_text(
    tmp_path: Path, held: list[BlogApp]
) -> None:
    folder = tmp_path / "[bold]blog\x1b[2J"
    folder.mkdir()
    app = BlogApp(folder, watch=False)
    async with start_screen(app, held, size=(160, 30)) as pilot:
        shown = screen_text(pilot)
        assert "\x1b" not in shown
        assert "[bold]blog␛[2J" in shown
