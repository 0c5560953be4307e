"""Screenshots of the app, kept as SVG in tests/__snapshots__ and looked at when they change.

After a change to what the app shows, run `pytest tests/test_snapshots.py
--snapshot-update`, open the new SVGs (and the report pytest writes when a
snapshot differs) and check them by eye before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.helpers import settle, started, until_open
from tui.app import BlogApp

SIZE = (120, 36)
POSTS = [
    "2010-11-08-steve-jobs-stanford.md",
    "2010-10-25-la-revolution-mobile.md",
    "2010-06-02-les-deux-types-de-community-managers.md",
    "2010-03-18-confidentialite-cache-sexe-des-peureux.md",
]
Snap = Callable[..., bool]


async def ready(pilot: Pilot[None]) -> None:
    """Every post listed, the top one shown; the folder's name, not its temporary path."""
    screen = await started(pilot)
    await until_open(pilot, screen, screen.blog.root / POSTS[0])
    screen.sub_title = "posts"
    screen.search_field.cursor_blink = False
    await settle(pilot)


def then(
    *steps: Callable[[Pilot[None]], Awaitable[Any]],
) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await ready(pilot)
        for step in steps:
            await step(pilot)
        await settle(pilot)

    return run


def test_main_screen_dark(snap_compare: Snap, blog_dir: Path) -> None:
    assert snap_compare(BlogApp(blog_dir, watch=False), terminal_size=SIZE, run_before=ready)


def test_main_screen_light(snap_compare: Snap, blog_dir: Path) -> None:
    async def light(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"

    app = BlogApp(blog_dir, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=then(light))


def test_search(snap_compare: Snap, blog_dir: Path) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await pilot.press("slash", *"reseaux")

    app = BlogApp(blog_dir, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=then(search))


def test_help(snap_compare: Snap, blog_dir: Path) -> None:
    async def help_screen(pilot: Pilot[None]) -> None:
        await pilot.press("f1")

    app = BlogApp(blog_dir, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=then(help_screen))


@pytest.mark.parametrize("row", range(len(POSTS)))
def test_preview_of_each_sample_post(snap_compare: Snap, blog_dir: Path, row: int) -> None:
    async def read(pilot: Pilot[None]) -> None:
        await pilot.press(*["j"] * row, "enter")
        app = pilot.app
        assert isinstance(app, BlogApp) and app.main_screen is not None
        await until_open(pilot, app.main_screen, blog_dir / POSTS[row])

    app = BlogApp(blog_dir, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=then(read))
