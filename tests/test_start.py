"""The start: a frame drawn at once, then the main screen in its place, with
nothing the user pressed meanwhile lost."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.pilot import Pilot
from textual.widgets import Footer, Header

from tests.helpers import (
    TIMEOUT,
    screen_cells,
    screen_text,
    settle,
    started,
    until,
    until_open,
)
from tests.test_glimpse import keep
from tui.app import BlogApp
from tui.blog.glimpse import Glimpse
from tui.blog.session import Session
from tui.config import Config
from tui.screens.main import MainScreen
from tui.screens.start import StartHeader, StartScreen

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
    "hashlib",  # for the cache's file name; a glimpse's is looked for by the child
    "tui.blog.glimpse",  # the child's to check, the thread's to take in
)


def test_the_window_is_drawn_before_the_slow_imports() -> None:
    """What the start screen needs leaves out what takes longer to import
    than Textual itself: the main screen, its widgets, YAML, the watcher."""
    code = (
        "import sys, tui.cli, tui.app, tui.blog.glimpse_child\n"
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


@pytest.mark.parametrize("size", [(120, 30), (76, 12), (200, 50)])
async def test_the_start_screen_is_the_main_screens_frame(
    blog_dir: Path, held: list[BlogApp], size: tuple[int, int]
) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with start_screen(app, held, size) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        # The first screen itself: no empty screen of Textual's laid out under it.
        assert app.screen_stack == [start]
        assert app.main_screen is None
        shown = screen_text(pilot)
        assert "Tags" in shown and "Posts" in shown and "Preview" in shown
        assert "Reading posts…" in shown
        assert "blog — " in shown  # and the folder, as far as it fits
        panes = ("tags", "posts", "preview", "status")
        frame = {id: app.screen.get_widget_by_id(id).region for id in panes}
        header = shown.splitlines()[0]

        OPEN_MAIN(app)
        screen = await started(pilot)
        assert screen.is_current
        # Nothing moves when the main screen takes over.
        assert {id: screen.get_widget_by_id(id).region for id in panes} == frame
        assert screen_text(pilot).splitlines()[0] == header
        # The start screen stays under it, emptied.
        await until(pilot, lambda: not start.children)
        assert app.screen_stack == [start, screen]


class _Headers(App[None]):
    """Textual's header at the top, the start screen's at the bottom."""

    CSS = "StartHeader { dock: bottom; height: 1; }"

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.title, self.sub_title = "blog", folder

    def compose(self) -> ComposeResult:
        yield Header()
        yield StartHeader(self.format_title(self.title, self.sub_title), id="start-header")


@pytest.mark.parametrize("width", [30, 61, 62, 80, 81, 120])
@pytest.mark.parametrize("folder", ["posts", "/home/someone/blogs/a-long-folder/content/posts"])
async def test_the_start_header_is_drawn_as_textuals_header(width: int, folder: str) -> None:
    """Column for column, whatever the parity of the room around the title
    and whether it fits or is cut."""
    app = _Headers(folder)
    async with app.run_test(size=(width, 3)) as pilot:
        lines = screen_text(pilot).splitlines()
        assert lines[0] == lines[-1]
        assert "blog — " in lines[0]


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


async def test_the_start_is_over_once_the_main_screen_is_shown(
    blog_dir: Path, held: list[BlogApp]
) -> None:
    """`blog` holds the cycle collector off until then (tui/blog/collector.py)."""
    calls: list[bool] = []
    app = BlogApp(blog_dir, watch=False, started=lambda: calls.append(app.main_screen is None))
    async with start_screen(app, held) as pilot:
        await pilot.pause()
        assert calls == []  # the first frame is drawn, the start is not over
        OPEN_MAIN(app)
        await started(pilot)
        assert calls == [False]


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


# A next start: the list shown from its glimpse (tui/blog/glimpse.py)


@contextlib.asynccontextmanager
async def _running(blog_dir: Path) -> AsyncIterator[tuple[Pilot[None], MainScreen]]:
    """The app on ``blog_dir``, once it has read every post (and so kept its
    cache and its glimpse)."""
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        yield pilot, await started(pilot)


async def _read_once(blog_dir: Path) -> None:
    async with _running(blog_dir):
        pass


@pytest.fixture
def before_main(monkeypatch: pytest.MonkeyPatch) -> list[tuple[type, str]]:
    """The screen, and what it showed, when the main screen began to be made."""
    seen: list[tuple[type, str]] = []
    make_main = BlogApp._make_main

    def looked(app: BlogApp, *args: Any) -> None:
        strips = app.screen._compositor.render_strips()
        seen.append((type(app.screen), "\n".join(strip.text.rstrip() for strip in strips)))
        make_main(app, *args)

    monkeypatch.setattr(BlogApp, "_make_main", looked)
    return seen


def _drawn_before_main(seen: list[tuple[type, str]]) -> str:
    """What the start screen showed as the last start began making the main screen."""
    kind, shown = seen[-1]
    assert kind is StartScreen
    return shown


def _titles(screen: MainScreen) -> list[str]:
    return [post.title for post in screen.post_list._posts]


async def test_a_next_start_shows_the_list_before_the_main_screen(
    blog_dir: Path, before_main: list[tuple[type, str]]
) -> None:
    await _read_once(blog_dir)
    async with _running(blog_dir) as (pilot, screen):
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" not in shown
        assert "All posts  4" in shown
        assert "Steve Jobs @ Stanford" in shown
        # The main screen then lists the same, and all of it.
        assert _titles(screen) == [post.title for post in screen.blog.index.posts()]
        assert screen.post_list.highlighted == 0
        # The sidebar and the list, drawn alike (the preview has the post by now).
        now = screen_text(pilot).splitlines()
        assert [line[:63] for line in now[1:12]] == [line[:63] for line in shown.splitlines()[1:12]]
        # The glimpse's list and tags go with the start screen's panes.
        start = pilot.app.screen_stack[0]
        await until(pilot, lambda: not start.query("PostList, TagSidebar"))


def _checked_glimpse(blog_dir: Path) -> Future[Glimpse | None]:
    """The glimpse of ``blog_dir`` as a child started by `blog` finds it (see
    tests/test_glimpse_child.py), not yet given to the app."""
    from tui.blog import glimpse

    found: Future[Glimpse | None] = Future()
    found.set_result(glimpse.load(blog_dir.resolve(), Session().order))
    return found


async def test_a_glimpse_checked_by_then_is_in_the_first_frame(
    blog_dir: Path, held: list[BlogApp]
) -> None:
    keep(blog_dir)  # as a start that read every post would
    app = BlogApp(blog_dir, watch=False, glimpse=_checked_glimpse(blog_dir))
    async with start_screen(app, held) as pilot:
        # The main screen is held: this is what the start screen drew.
        assert app.screen_stack == [app.screen] and isinstance(app.screen, StartScreen)
        shown = screen_text(pilot)
        assert "Reading posts…" not in shown
        assert "All posts  4" in shown
        assert "Steve Jobs @ Stanford" in shown
        assert app.screen.query_one("#posts").has_focus
        # The sidebar and the list, colours included (the cursor's is the
        # focused list's), as the main screen will draw them.
        drawn = screen_cells(pilot, slice(1, 12), slice(0, 63))

        OPEN_MAIN(app)
        screen = await started(pilot)
        assert _titles(screen) == [post.title for post in screen.blog.index.posts()]
        assert screen_cells(pilot, slice(1, 12), slice(0, 63)) == drawn
        start = app.screen_stack[0]
        await until(pilot, lambda: not start.children)


async def test_a_glimpse_checked_after_the_first_frame_is_shown_in_its_place(
    blog_dir: Path, held: list[BlogApp], before_main: list[tuple[type, str]]
) -> None:
    keep(blog_dir)  # as a start that read every post would
    checking: Future[Glimpse | None] = Future()
    app = BlogApp(blog_dir, watch=False, glimpse=checking)
    async with start_screen(app, held) as pilot:
        assert "Reading posts…" in screen_text(pilot)
        OPEN_MAIN(app)
        await pilot.pause()
        assert app.main_screen is None  # waiting for the child's word
        checking.set_result(_checked_glimpse(blog_dir).result())
        screen = await started(pilot)
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" not in shown
        assert "All posts  4" in shown
        assert _titles(screen) == [post.title for post in screen.blog.index.posts()]


async def test_no_glimpse_from_the_child_and_the_list_waits_for_the_reading(
    blog_dir: Path,
    held: list[BlogApp],
    before_main: list[tuple[type, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The child found the files changed, could not check, or has not said
    by GLIMPSE_WAIT (a slow disk): the main screen reads them."""
    import tui.app

    monkeypatch.setattr(tui.app, "GLIMPSE_WAIT", 0.05)
    keep(blog_dir)  # as a start that read every post would
    for found in (None, OSError("no child"), "never"):
        checking: Future[Glimpse | None] = Future()
        if isinstance(found, Exception):
            checking.set_exception(found)
        elif found is None:
            checking.set_result(found)
        app = BlogApp(blog_dir, watch=False, glimpse=checking)
        async with start_screen(app, held) as pilot:
            OPEN_MAIN(app)
            screen = await started(pilot)
            assert "Reading posts…" in _drawn_before_main(before_main)
            await asyncio.wait_for(screen.loaded.wait(), TIMEOUT)
            await pilot.pause()
            assert "Steve Jobs @ Stanford" in screen_text(pilot)


async def test_a_post_changed_since_and_the_list_waits_for_the_reading(
    blog_dir: Path, before_main: list[tuple[type, str]]
) -> None:
    await _read_once(blog_dir)
    post = blog_dir / "2010-11-08-steve-jobs-stanford.md"
    post.write_text(post.read_text("utf-8").replace("Steve Jobs @", "Jobs à"), "utf-8")
    async with _running(blog_dir) as (pilot, _):
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" in shown
        assert "Steve Jobs" not in shown
        assert "Jobs à Stanford" in screen_text(pilot)
        assert "Steve Jobs @" not in screen_text(pilot)


async def test_while_the_rest_is_read_the_sidebar_counts_the_whole_blog(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The glimpse holds the top of the list; until every post is read, the
    sidebar keeps the counts of all, not of the posts read so far."""
    from tui.blog import glimpse

    monkeypatch.setattr(glimpse, "ROWS", 2)
    await _read_once(blog_dir)
    monkeypatch.setattr(MainScreen, "_start_reading", lambda screen: None)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.main_screen is not None)
        screen = app.main_screen
        assert screen is not None
        await pilot.pause()
        assert len(screen.post_list._posts) == 2
        shown = screen_text(pilot)
        assert "All posts  4" in shown
        assert "Steve Jobs @ Stanford" in shown
        # A filter meanwhile counts what is read.
        key = next(tag.key for tag in screen.blog.index.tag_counts())
        screen.selected_tags = frozenset({key})
        await pilot.pause()
        assert "All posts  4" not in screen_text(pilot)

        screen.selected_tags = frozenset()
        screen.load_posts(asyncio.get_running_loop())
        await asyncio.wait_for(screen.loaded.wait(), TIMEOUT)
        await pilot.pause()
        assert len(screen.post_list._posts) == 4
        assert len(screen.blog.index) == 4
        assert "All posts  4" in screen_text(pilot)


async def test_a_glimpse_in_another_order_is_not_shown(
    blog_dir: Path, before_main: list[tuple[type, str]]
) -> None:
    oldest = "Confidentialité : cache-sexe des peureux !"
    await _read_once(blog_dir)  # a glimpse, newest first
    Session().remember_order("oldest")  # as another copy of the app would
    async with _running(blog_dir) as (_, screen):
        assert "Reading posts…" in _drawn_before_main(before_main)
        assert _titles(screen)[0] == oldest
    # That start kept a glimpse in its own order, which the next one shows.
    async with _running(blog_dir):
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" not in shown
        assert shown.index(oldest[:20]) < shown.index("Steve Jobs @ Stanford")


async def test_the_order_chosen_before_quitting_is_the_next_glimpse(
    blog_dir: Path, before_main: list[tuple[type, str]]
) -> None:
    oldest = "Confidentialité : cache-sexe des peureux !"
    await _read_once(blog_dir)
    async with _running(blog_dir) as (pilot, screen):
        await pilot.press("s")  # oldest first, remembered for the next start
        await until(pilot, lambda: screen.order == "oldest")
        await settle(pilot)
    async with _running(blog_dir) as (_, screen):
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" not in shown
        assert shown.index(oldest[:20]) < shown.index("Steve Jobs @ Stanford")
        assert _titles(screen)[0] == oldest


async def test_a_post_saved_before_quitting_is_in_the_next_glimpse(
    blog_dir: Path, before_main: list[tuple[type, str]]
) -> None:
    await _read_once(blog_dir)
    steve = blog_dir / "2010-11-08-steve-jobs-stanford.md"
    async with _running(blog_dir) as (pilot, screen):
        await pilot.press("e")  # the newest post, in the editor
        await until_open(pilot, screen, steve)
        await pilot.press("down", "home", *["right"] * 8)  # title: "|Steve
        await pilot.press(*"Saved", "space", "ctrl+s")
        await settle(pilot)
        assert not screen.modified
    assert 'title: "Saved Steve Jobs @ Stanford"' in steve.read_text("utf-8")
    async with _running(blog_dir) as (pilot, _):
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" not in shown
        assert "Saved Steve Jobs @ Stanford" in shown
    # Changed since by another program, with its size and time kept: no glimpse.
    before = steve.stat()
    text = steve.read_text("utf-8").replace("Saved", "Other")
    steve.write_text(text, "utf-8")
    os.utime(steve, ns=(before.st_atime_ns, before.st_mtime_ns))
    async with _running(blog_dir) as (pilot, _):
        shown = _drawn_before_main(before_main)
        assert "Reading posts…" in shown
        assert "Saved Steve" not in shown
        assert "Other Steve Jobs @ Stanford" in screen_text(pilot)


async def test_a_folder_given_from_here_is_named_in_full_from_the_first_frame(
    blog_dir: Path, held: list[BlogApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the main screen names it: the header does not change when it takes over."""
    monkeypatch.chdir(blog_dir.parent)
    app = BlogApp(Path("posts"), watch=False)
    async with start_screen(app, held, size=(160, 30)) as pilot:
        assert f"blog — {blog_dir}" in screen_text(pilot)
        OPEN_MAIN(app)
        await started(pilot)
        assert f"blog — {blog_dir}" in screen_text(pilot)


def test_every_stylesheet_is_installed_with_the_package() -> None:
    """`pip install .` copies only the files that pyproject.toml's package
    data names: a style file it missed left the start screen up for ever."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    package_data: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    installed: set[Path] = set()
    for init in (root / "tui").rglob("__init__.py"):
        folder = init.parent
        package = ".".join(folder.relative_to(root).parts)
        for pattern in package_data.get("*", []) + package_data.get(package, []):
            installed.update(folder.glob(pattern))  # setuptools' globs, relative to the package
    stylesheets = set((root / "tui").rglob("*.tcss"))
    assert len(stylesheets) >= 2
    assert stylesheets <= installed


async def test_main_screen_styles_that_cannot_be_read_end_the_app_with_a_message(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("tui.screens.main.STYLES", tmp_path / "missing.tcss")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert app.main_screen is None
