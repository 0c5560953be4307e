"""Files added, changed or removed by other programs show up in the list."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea
from watchfiles import Change

from tests import helpers
from tests.helpers import TIMEOUT, settle, started, text_of, until_open
from tui.app import BlogApp
from tui.blog import Post, pipes
from tui.blog.cache import PostCache
from tui.blog.watch import PostFilter
from tui.dialogs import ConflictScreen
from tui.screens.main import MainScreen


async def until(pilot: Pilot[None], screen: MainScreen, condition: Callable[[], bool]) -> None:
    """Wait for changes from the folder until ``condition`` holds."""
    while not condition():
        screen.synced.clear()
        await asyncio.wait_for(screen.synced.wait(), TIMEOUT)
    await pilot.pause()


STEVE = "2010-11-08-steve-jobs-stanford.md"


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
        await until(pilot, screen, lambda: "mobile  2" in text_of(screen.tag_sidebar))
        # An editor's save: write a temporary file, rename it over the post.
        temporary = blog_dir / "sub" / "2011-01-01-nouveau.md.tmp"
        temporary.write_text("---\ntitle: Renommé\n---\nTexte\n", "utf-8")
        os.replace(temporary, new)
        await until(pilot, screen, lambda: "Renommé" in titles(screen))
        assert "Nouveau" not in titles(screen)
        new.unlink()
        await until(pilot, screen, lambda: "Renommé" not in titles(screen))
        assert len(titles(screen)) == 4


async def test_the_open_post_reloads_in_place_when_it_has_no_unsaved_text(
    blog_dir: Path,
) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("down", "down", "shift+right", "shift+right")
        selection = screen.editor.selection
        path.write_text(path.read_text("utf-8") + "Ajouté ailleurs.\n", "utf-8")
        await until(pilot, screen, lambda: "Ajouté ailleurs." in screen.editor.text)
        assert not screen.modified
        assert screen.editor.selection == selection  # cursor and selection kept


async def conflict(pilot: Pilot[None], screen: MainScreen, path: Path) -> ConflictScreen:
    """Type in the open post, change its file elsewhere, wait for the question."""
    await pilot.press("x")
    screen.asked.clear()
    path.write_text(path.read_text("utf-8") + "Encore.\n", "utf-8")
    await asyncio.wait_for(screen.asked.wait(), TIMEOUT)
    await helpers.until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
    dialog = pilot.app.screen
    assert isinstance(dialog, ConflictScreen)
    return dialog


async def test_keep_mine_keeps_the_text_and_the_next_save_overwrites(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        dialog = await conflict(pilot, screen, path)
        await pilot.press("d")  # look at the difference first: nothing is decided
        difference = dialog.query_one("#difference", TextArea)
        assert difference.display and "+x---" in difference.text and "-Encore." in difference.text
        await pilot.press("k")
        await settle(pilot)
        assert screen.editor.text.startswith("x---") and "Encore." not in screen.editor.text
        assert screen.modified
        await pilot.press("ctrl+s")
        await until(pilot, screen, lambda: path.read_text("utf-8").startswith("x---"))
        assert "Encore." not in path.read_text("utf-8")
        assert not isinstance(app.screen, ConflictScreen)  # our own save raised nothing


async def test_take_theirs_drops_my_edits(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await conflict(pilot, screen, path)
        await pilot.press("t")
        await settle(pilot)
        assert screen.editor.text == path.read_text("utf-8")
        assert screen.editor.text.endswith("Encore.\n") and not screen.modified


async def test_a_post_deleted_on_disk_stays_open_and_saving_writes_it_back(
    blog_dir: Path,
) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("x")
        path.unlink()
        await until(pilot, screen, lambda: screen.deleted_on_disk)
        assert "deleted on disk" in text_of(screen.query_one("#status"))
        assert screen.editor.text.startswith("x---")
        await pilot.press("ctrl+s")
        await until(
            pilot, screen, lambda: path.exists() and STEVE in str(screen.post_list.highlighted_path)
        )
        assert path.read_text("utf-8").startswith("x---")
        assert not screen.deleted_on_disk


@pytest.mark.parametrize(
    ("name", "followed"),
    [
        ("post.md", True),
        ("post.MARKDOWN", True),
        ("sub", True),  # perhaps a folder
        (".post.md.swp", False),
        (".post.md.swx", False),
        ("post.md~", False),
        (".#post.md", False),
        ("4913", False),
        ("post.md.tmp", False),
        (".git/HEAD", False),
        ("notes.txt", False),
    ],
)
def test_editors_side_files_are_ignored(tmp_path: Path, name: str, followed: bool) -> None:
    assert PostFilter()(Change.modified, str(tmp_path / name)) is followed


async def test_a_burst_of_500_changes_is_one_refresh_reading_only_those(blog_dir: Path) -> None:
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        read: list[Path] = []
        refresh = screen.blog.refresh

        def counting(paths: Iterable[Path]) -> tuple[list[Post], list[Path]]:
            paths = list(paths)
            read.extend(paths)
            return refresh(paths)

        screen.blog.refresh = counting  # type: ignore[method-assign]
        before = screen.batches_applied
        for number in range(500):  # what a git checkout does
            (blog_dir / f"2020-01-01-p{number}.md").write_text(f"---\ntitle: P{number}\n---\n")
        await until(pilot, screen, lambda: len(screen.blog.index) == 504)
        assert screen.batches_applied - before <= 2
        assert len(read) == 500 and all(path.name.startswith("2020-01-01-p") for path in read)


async def test_a_renamed_post_stays_selected_and_open(blog_dir: Path) -> None:
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("x", "escape")
        new = blog_dir / "archive" / "steve.md"
        new.parent.mkdir()
        os.rename(blog_dir / STEVE, new)
        await until(pilot, screen, lambda: screen.blog.index.get(new) is not None)
        assert screen.post_list.highlighted_path == new
        assert screen.document is not None and screen.document.path == new
        assert screen.editor.text.startswith("x---") and not screen.deleted_on_disk
        await pilot.press("ctrl+s")
        await until(pilot, screen, lambda: new.read_text("utf-8").startswith("x---"))
        assert not (blog_dir / STEVE).exists()


async def test_a_vim_style_save_is_a_change_not_a_delete(blog_dir: Path) -> None:
    path = blog_dir / STEVE
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("down", "down", "end")
        cursor = screen.editor.cursor_location
        temporary = blog_dir / f"{STEVE}.tmp"
        temporary.write_text(path.read_text("utf-8") + "Par vim.\n", "utf-8")
        os.replace(temporary, path)
        await until(pilot, screen, lambda: "Par vim." in screen.editor.text)
        assert screen.editor.cursor_location == cursor
        assert not screen.deleted_on_disk and not screen.modified
        assert screen.post_list.highlighted_path == path


async def test_when_the_folder_cannot_be_watched_it_is_polled(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipes.command

    def failing(module: str, *arguments: str, niceness: int = pipes.NICENESS) -> list[str]:
        if module == "tui.blog.watcher" and "poll" not in arguments:
            # What the watching child says when inotify has no watch left.
            return real("tests.test_following", "inotify watch limit reached")
        return real(module, *arguments, niceness=niceness)

    monkeypatch.setattr(pipes, "command", failing)
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        (blog_dir / "new.md").write_text("---\ntitle: Polled\n---\n")
        await until(pilot, screen, lambda: "Polled" in titles(screen))
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "inotify watch limit reached" in messages and "every second" in messages


async def test_a_change_made_before_the_folder_is_watched_is_read_again(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipes.command

    def deaf(module: str, *arguments: str, niceness: int = pipes.NICENESS) -> list[str]:
        if module == "tui.blog.watcher":  # says it watches, and never tells a change
            return real("tests.test_following", DEAF)
        return real(module, *arguments, niceness=niceness)

    monkeypatch.setattr(pipes, "command", deaf)
    save = PostCache.save

    def saving_then_changed(cache: PostCache, posts: Any = None) -> None:
        save(cache, posts)
        # After the reading, before the watching: only the check after it can see these.
        steve = blog_dir / STEVE
        steve.write_text(steve.read_text("utf-8").replace("Steve Jobs @", "Jobs à"), "utf-8")
        (blog_dir / "2010-10-25-la-revolution-mobile.md").unlink()
        (blog_dir / "new.md").write_text("---\ntitle: Neuf\n---\n")

    monkeypatch.setattr(PostCache, "save", saving_then_changed)
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert sorted(titles(screen)) == [
            "Confidentialité : cache-sexe des peureux !",
            "Jobs à Stanford",
            "Les deux types de community managers",
            "Neuf",
        ]


DEAF = "deaf"


def serve() -> None:
    """A watching child that cannot watch (it says why, named on its command
    line), or one that is ``DEAF``."""
    if sys.argv[1] == DEAF:
        pipes.write(sys.stdout.buffer, ("ready", None))
        sys.stdin.buffer.read()  # until the app is done with it
    else:
        pipes.write(sys.stdout.buffer, ("error", sys.argv[1]))


async def test_a_deleted_folder_is_waited_for(blog_dir: Path) -> None:
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        shutil.rmtree(blog_dir)
        await until(pilot, screen, lambda: len(screen.blog.index) == 0)
        blog_dir.mkdir()
        (blog_dir / "back.md").write_text("---\ntitle: Back\n---\n")
        await until(pilot, screen, lambda: titles(screen) == ["Back"])
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "is gone" in messages and "is back" in messages


async def test_what_other_programs_changed_is_in_the_glimpse_kept_on_quitting(
    blog_dir: Path,
) -> None:
    from tui.blog import glimpse

    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        new = blog_dir / "2011-01-01-nouveau.md"
        new.write_text("---\ntitle: Nouveau\ntags: [mobile]\n---\nTexte\n", "utf-8")
        os.rename(blog_dir / STEVE, blog_dir / "steve.md")
        await until(pilot, screen, lambda: screen.blog.index.get(blog_dir / "steve.md") is not None)
        await until(pilot, screen, lambda: "Nouveau" in titles(screen))
    kept = glimpse.load(blog_dir, "newest")
    assert kept is not None
    assert [post.relative for post in kept.posts][:2] == ["2011-01-01-nouveau.md", "steve.md"]
    assert kept.total == 5
    assert {tag.name: tag.count for tag in kept.tags}["mobile"] == 2
    new.write_text("---\ntitle: Nouveau!\ntags: [mobile]\n---\nTexte\n", "utf-8")
    assert glimpse.load(blog_dir, "newest") is None  # and it never outlives a change


@pytest.fixture
def watch_starts(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether every post was read, each time the watcher was started."""
    loaded_then: list[bool] = []
    watch = MainScreen.watch_folder

    def watching(screen: MainScreen) -> Any:
        loaded_then.append(screen.loaded.is_set())
        return watch(screen)

    monkeypatch.setattr(MainScreen, "watch_folder", watching)
    return loaded_then


async def test_the_watcher_starts_once_the_reading_is_over(
    blog_dir: Path, watch_starts: list[bool]
) -> None:
    """Its child's start would take a core from the first start's workers;
    what changes meanwhile the check after the reading reads again."""
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await asyncio.wait_for(screen.settled.wait(), TIMEOUT)
        assert watch_starts == [True]  # once, after the reading
        (blog_dir / "new.md").write_text("---\ntitle: Neuf\n---\n", "utf-8")
        await until(pilot, screen, lambda: "Neuf" in titles(screen))


async def test_a_long_reading_is_watched_before_it_is_over(
    blog_dir: Path, watch_starts: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first start of 100,000 posts takes a quarter of a minute: changes
    are followed from WATCH_AT_LATEST on."""
    import tui.screens.main

    monkeypatch.setattr(tui.screens.main, "WATCH_AT_LATEST", 0.01)
    reading = asyncio.Event()
    monkeypatch.setattr(MainScreen, "_start_reading", lambda screen: reading.set())
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await asyncio.wait_for(reading.wait(), TIMEOUT)  # held, as a long one would be
        screen = app.main_screen
        assert screen is not None
        while not watch_starts:
            await pilot.pause()
        assert watch_starts == [False]
        screen.load_posts(asyncio.get_running_loop())  # the reading, at last
        await asyncio.wait_for(screen.settled.wait(), TIMEOUT)
        assert watch_starts == [False]  # not started twice
