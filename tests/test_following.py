"""Files added, changed or removed by other programs show up in the list."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import TIMEOUT, started, until_open
from tui.app import BlogApp
from tui.screens import MainScreen


async def until(pilot: Pilot[None], screen: MainScreen, condition: Callable[[], bool]) -> None:
    """Wait for changes from the folder until ``condition`` holds."""
    while not condition():
        screen.synced.clear()
        await asyncio.wait_for(screen.synced.wait(), TIMEOUT)
    await pilot.pause()


def titles(screen: MainScreen) -> list[str]:
    return [post.title for post in screen.blog.index.posts()]


async def test_added_changed_and_removed_files_show_up(blog_dir: Path) -> None:
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        new = blog_dir / "sub" / "2011-01-01-nouveau.md"
        new.parent.mkdir()
        new.write_text("---\ntitle: Nouveau\ntags: [mobile]\n---\nTexte\n", "utf-8")
        await until(pilot, screen, lambda: "Nouveau" in titles(screen))
        assert screen.post_list.post_at(0) is not None
        assert "mobile  2" in str(screen.tag_sidebar.get_option_at_index(1).prompt) or any(
            tag.key == "mobile" and tag.count == 2 for tag in screen.blog.index.tag_counts()
        )
        # An editor's save: write a temporary file, rename it over the post.
        temporary = blog_dir / "sub" / "2011-01-01-nouveau.md.tmp"
        temporary.write_text("---\ntitle: Renommé\n---\nTexte\n", "utf-8")
        os.replace(temporary, new)
        await until(pilot, screen, lambda: "Renommé" in titles(screen))
        assert "Nouveau" not in titles(screen)
        new.unlink()
        await until(pilot, screen, lambda: "Renommé" not in titles(screen))
        assert len(titles(screen)) == 4


async def test_the_open_post_reloads_when_changed_elsewhere_unless_edited(
    blog_dir: Path,
) -> None:
    path = blog_dir / "2010-11-08-steve-jobs-stanford.md"
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        path.write_text(path.read_text("utf-8") + "Ajouté ailleurs.\n", "utf-8")
        await until(pilot, screen, lambda: "Ajouté ailleurs." in screen.editor.text)
        assert not screen.modified
        # With unsaved text, nothing is overwritten.
        await pilot.press("x")
        path.write_text(path.read_text("utf-8") + "Encore.\n", "utf-8")
        await until(
            pilot,
            screen,
            lambda: (
                screen.blog.index.get(path) is not None
                and any("changed on disk" in str(n.message) for n in app._notifications)
            ),
        )
        assert screen.editor.text.startswith("x---")
        assert "Encore." not in screen.editor.text
        # Our own save comes back from the watcher without a conflict.
        await pilot.press("ctrl+s")
        await until(pilot, screen, lambda: path.read_text("utf-8").startswith("x---"))
        assert not screen.modified
