"""Keys typed in a burst right after one whose work goes on in a worker, opens
a dialog or closes one: each reaches the widget focused once that is done."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from tests.helpers import TIMEOUT, settle, started, until, until_open
from tui import app as app_module
from tui import keys_in_turn
from tui.app import BlogApp
from tui.dialogs import NewPostScreen, PromptScreen
from tui.widgets import Contents, PostEditor, PostList

STEVE = "2010-11-08-steve-jobs-stanford.md"  # the newest: under the cursor at the start
NAMES = {"/": "slash", "+": "plus", " ": "space", "\r": "enter", "\x1b": "escape"}


def burst(app: BlogApp, keys: Iterable[str]) -> None:
    """Keys as a terminal gives them in one read: all posted before the first
    is handled. Each is a character, or a key's name ("ctrl+n", "down")."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(NAMES.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


def prompt_value(app: BlogApp) -> str | None:
    """What the dialog in front has in its field, once there is one."""
    if not isinstance(app.screen, (PromptScreen, CommandPalette)) or not app.screen.is_mounted:
        return None
    return app.screen.query_one(Input).value


def big_post(folder: Path) -> Path:
    """A post of 200 KB, second in the list (newest first)."""
    paragraphs = [f"## Part {n}\n\n" + "mot " * 120 for n in range(420)]
    path = folder / "2010-11-01-big.md"
    path.write_text('---\ntitle: "Big"\ndate: 2010-11-01\n---\n\n' + "\n\n".join(paragraphs))
    assert path.stat().st_size > 200_000
    return path


async def test_text_typed_right_after_e_goes_into_the_editor(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, blog_dir / STEVE)
        text = screen.editor.text
        burst(app, "eHello")  # e opens the editor in a worker, after the post is read
        await until(pilot, lambda: screen.modified)
        await settle(pilot)
        assert isinstance(app.focused, PostEditor)
        assert screen.editor.text == "Hello" + text  # where the cursor was: the start


async def test_a_title_typed_right_after_ctrl_n_goes_into_the_prompt(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        burst(app, ["ctrl+n", *"Hello"])  # the prompt is opened by a worker
        await until(pilot, lambda: (prompt_value(app) or "").endswith("llo"))
        await pilot.pause()
        assert isinstance(app.screen, NewPostScreen)
        assert prompt_value(app) == "Hello"


async def test_the_body_typed_after_the_title_goes_into_the_new_post(blog_dir: Path) -> None:
    """Enter closes the prompt; the post is created, opened and the editor
    focused in the worker that asked: the text typed meanwhile goes there."""
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        burst(app, ["ctrl+n", *"Un titre\rLe corps"])
        await until(pilot, lambda: screen.modified)
        await settle(pilot)
        assert screen.document is not None and screen.document.path.stem.endswith("un-titre")
        row, column = screen.editor.cursor_location
        assert screen.editor.document.get_line(row)[:column].endswith("Le corps")
        assert screen.editor.text.count("Le corps") == 1
        assert 'title: "Un titre"' in screen.editor.text or "title: Un titre" in screen.editor.text


async def test_a_tag_typed_right_after_plus_goes_into_its_prompt(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        burst(app, "+nouveau")  # + opens the post under the cursor, then asks
        await until(pilot, lambda: (prompt_value(app) or "").endswith("veau"))
        await pilot.pause()
        assert prompt_value(app) == "nouveau"
        burst(app, "\rj")  # the tag is written; j moves the list once that is done
        await until(pilot, lambda: "nouveau" in (blog_dir / STEVE).read_text())
        await settle(pilot)
        assert app.screen is screen
        assert screen.post_list.highlighted == 1


async def test_a_tag_chosen_right_after_minus_is_removed(blog_dir: Path) -> None:
    """The keys wait for the dialog the worker opened, and the worker for the answer."""
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        mobile = blog_dir / "2010-10-25-la-revolution-mobile.md"
        burst(app, ["j", "minus", "down", "enter"])  # the second tag: #Apple
        await until(pilot, lambda: "Apple" not in mobile.read_text("utf-8"))
        await settle(pilot)
        assert "tags: [mobile, photo, réseaux sociaux]" in mobile.read_text("utf-8")
        assert app.screen is screen


async def test_a_new_name_typed_right_after_r_goes_into_its_prompt(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        # The sidebar, its first tag, rename: a prompt holding the name,
        # which ctrl+u clears.
        burst(app, ["t", "j", "r", "ctrl+u", *"Nouveau"])
        await until(pilot, lambda: (prompt_value(app) or "").endswith("veau"))
        await pilot.pause()
        assert prompt_value(app) == "Nouveau"


async def test_words_typed_right_after_slash_go_into_the_search(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, blog_dir / STEVE)
        burst(app, "\r/mobile")  # enter reads the post in a worker; / searches from the preview
        await until(pilot, lambda: screen.search_field.value == "mobile")
        await settle(pilot)
        assert screen.post_list.option_count == 1


async def test_a_command_typed_right_after_ctrl_p_goes_into_the_palette(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        burst(app, ["ctrl+p", *"sort"])
        await until(pilot, lambda: (prompt_value(app) or "").endswith("rt"))
        await pilot.pause()
        assert prompt_value(app) == "sort"


async def test_keys_after_enter_and_o_move_in_the_table_of_contents(blog_dir: Path) -> None:
    path = blog_dir / "2010-11-09-headings.md"
    sections = "\n\n".join(f"## Section {n}\n\nTexte {n}." for n in range(5))
    path.write_text(f'---\ntitle: "Headings"\ndate: 2010-11-09\n---\n\n{sections}\n')
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, path)
        # Enter reads the post (the preview is focused by a worker), o opens
        # the contents and focuses them, down moves there.
        burst(app, ["enter", "o", "down", "down"])  # to the second heading
        contents = screen.query_one(Contents)
        await until(pilot, lambda: contents.highlighted == 1)
        await settle(pilot)
        assert app.focused is contents
        assert screen.post_list.highlighted == 0


async def test_jjj_pressed_as_the_app_starts_moves_three_posts_down(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a first start the list fills as the posts are read; keys pressed
    meanwhile moved down the posts read so far and stopped short."""
    monkeypatch.setattr(app_module, "LIST_WAIT", TIMEOUT, raising=False)  # however busy
    big_post(blog_dir)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        burst(app, "jjj")
        screen = await started(pilot)
        await settle(pilot)
        posts = screen.query_one(PostList)
        assert posts.highlighted == 3


async def test_jjj_past_a_big_post_moves_three_posts_down(blog_dir: Path) -> None:
    big = big_post(blog_dir)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, blog_dir / STEVE)
        posts = screen.query_one(PostList)
        burst(app, "j")
        await until(pilot, lambda: screen.document is not None and screen.document.path == big)
        burst(app, "jj")  # while the big post is being shown
        await settle(pilot)
        assert posts.highlighted == 3


async def test_work_that_hangs_holds_the_keys_only_for_a_while(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post that never finishes opening (a disk that hangs): the keys after
    e wait WORK_WAIT, then go where the focus is."""
    monkeypatch.setattr(keys_in_turn, "WORK_WAIT", 0.3)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        hang = asyncio.Event()

        async def never(path: Path, doing: str) -> bool:
            await hang.wait()
            return True

        monkeypatch.setattr(screen, "switch_to", never)
        burst(app, "ej")
        await until(pilot, lambda: screen.post_list.highlighted == 1)
        assert isinstance(app.focused, PostList)
        hang.set()
