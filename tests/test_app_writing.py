"""Editing, saving, creating and deleting posts, and never losing a word."""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
import gc
import os
import shutil
import stat
import warnings
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from tests.helpers import (
    TIMEOUT,
    count_layouts,
    screen_text,
    settle,
    started,
    text_of,
    until,
    until_open,
)
from tui.app import BlogApp
from tui.dialogs import ConfirmScreen, NewPostScreen, UnsavedScreen
from tui.widgets import PostEditor, PostList

STEVE = "2010-11-08-steve-jobs-stanford.md"
MOBILE = "2010-10-25-la-revolution-mobile.md"


async def test_save_without_editing_keeps_every_byte(tmp_path: Path) -> None:
    # BOM, CRLF, a comment, unsorted keys, a flow list, quotes, no final newline.
    raw = (
        b"\xef\xbb\xbf---\r\nzeta: 1 # last\r\ntitle: 'Quoted'\r\ntags: [b, a]\r\n"
        b"date: 2012-10-11T23:39:45-04:00\r\n---\r\n    indented code\r\nend"
    )
    post = tmp_path / "post.md"
    post.write_bytes(raw)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, post)
        assert isinstance(app.focused, PostEditor)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert post.read_bytes() == raw
        # Typing and taking it back is no change either.
        await pilot.press("x", "backspace", "ctrl+s")
        await settle(pilot)
        assert post.read_bytes() == raw


async def test_editing_the_body_changes_only_those_bytes(tmp_path: Path) -> None:
    raw = (
        b"\xef\xbb\xbf---\r\nzeta: 1 # last\r\ntitle: 'Quoted'\r\n"
        b"date: 2012-10-11T23:39:45-04:00\r\n---\r\nBody line\r\nend"
    )
    post = tmp_path / "post.md"
    post.write_bytes(raw)
    post.chmod(0o640)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, post)
        await pilot.press(*["down"] * 5, "end", "space", "a", "j", "o", "u", "t")
        assert screen.modified
        assert "●" in text_of(screen.post_list)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert post.read_bytes() == raw.replace(b"Body line", b"Body line ajout")
        assert stat.S_IMODE(post.stat().st_mode) == 0o640
        assert not screen.modified
        assert "●" not in text_of(screen.post_list)
        assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # no temporary left


async def test_saving_updates_the_list_and_tag_counts(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        # Line 6 is the tags line: add a tag the Apple posts will share.
        await pilot.press(*["down"] * 5, "end", "left")
        await pilot.press(*", mobile")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "tags: [vidéo, Apple, inspiration, mobile]" in (blog_dir / STEVE).read_text()
        assert "mobile  2" in text_of(screen.tag_sidebar)
        first = screen.post_list.post_at(0)
        assert first is not None and "mobile" in first.tags


async def test_leaving_a_modified_post_asks_and_cancel_keeps_the_text(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("x", "escape")
        assert isinstance(app.focused, PostList)
        assert screen.editor.text.startswith("x---")  # escape keeps the text
        await pilot.press("j")  # the cursor moves; the unsaved post stays open
        await settle(pilot)
        assert screen.document is not None and screen.document.path == blog_dir / STEVE
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("escape")
        await settle(pilot)
        assert screen.document is not None and screen.document.path == blog_dir / STEVE
        assert screen.editor.text.startswith("x---")
        assert screen.modified


async def test_leaving_and_discarding_leaves_the_file_alone(blog_dir: Path) -> None:
    before = (blog_dir / STEVE).read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("x", "escape", "j", "enter")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("d")
        await until_open(pilot, screen, blog_dir / MOBILE)
        assert (blog_dir / STEVE).read_bytes() == before
        assert not screen.modified


async def test_leaving_and_saving_writes_the_text(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("x", "escape", "j", "e")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("s")
        await until_open(pilot, screen, blog_dir / MOBILE)
        assert (blog_dir / STEVE).read_text("utf-8").startswith("x---")
        assert isinstance(app.focused, PostEditor)


async def test_quit_asks_when_there_are_unsaved_changes(blog_dir: Path) -> None:
    before = (blog_dir / STEVE).read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("x", "ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("c")  # cancel: still running, text kept
        await settle(pilot)
        assert app.is_running and screen.editor.text.startswith("x---")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("d")
        await settle(pilot)
    assert not app.is_running
    assert (blog_dir / STEVE).read_bytes() == before


async def test_quit_without_changes_does_not_ask(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_new_post_creates_a_draft_and_puts_the_cursor_in_its_body(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewPostScreen))
        await pilot.press(*"Été à Noël: ../../x")
        await pilot.press("enter")
        await settle(pilot)
        today = dt.date.today().isoformat()
        path = blog_dir / f"{today}-ete-a-noel-x.md"
        assert path.exists()
        # With the lines every sample post gives: its author and language.
        assert path.read_text("utf-8") == (
            f'---\ntitle: "Été à Noël: ../../x"\ndate: {today}\nauthor: BLOmiG\nlang: fr\n'
            "tags: []\ndraft: true\n---\n\n"
        )
        assert isinstance(app.focused, PostEditor)
        assert screen.editor.cursor_location == (9, 0)
        await pilot.press(*"Bonjour", "ctrl+s")
        await settle(pilot)
        assert path.read_text("utf-8").endswith("---\n\nBonjour")
        listed = text_of(screen.post_list)
        assert listed.splitlines()[1].strip("│ ") == "Été à Noël: ../../x"
        assert "draft" in listed.splitlines()[2]


async def test_new_post_prompt_can_be_cancelled(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("ctrl+n", "escape")
        await settle(pilot)
        assert len(list(blog_dir.iterdir())) == 4


async def test_delete_asks_first(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await settle(pilot)
        assert (blog_dir / STEVE).exists()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert not (blog_dir / STEVE).exists()
        trash = Path(os.environ["XDG_DATA_HOME"], "Trash")  # the test's own (conftest)
        assert (trash / "files" / STEVE).is_file()  # it can be taken back
        assert "Steve Jobs" not in text_of(screen.post_list)
        assert "inspiration" not in text_of(screen.tag_sidebar)


async def test_a_failed_save_keeps_the_text_and_says_why(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("x")
        shutil.rmtree(blog_dir)  # the folder is gone: nowhere to write
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.modified
        assert screen.editor.text.startswith("x---")
        messages = [notification.message for notification in app._notifications]
        assert any(message.startswith(f"Cannot save {STEVE}") for message in messages)


async def test_split_view_preview_follows_the_editor_after_a_pause(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("v", "e")
        await until_open(pilot, screen, blog_dir / STEVE)
        assert screen.view == "split" and isinstance(app.focused, PostEditor)
        await asyncio.wait_for(screen.previewed.wait(), TIMEOUT)
        markdown = screen.query_one("#preview-body", Markdown)
        before = list(markdown.query_children(MarkdownBlock))
        await pilot.press(*["down"] * 7, "home")
        screen.previewed.clear()
        await pilot.press(*"## Nouveau", "enter")
        # Typing went in at once; the preview waits for the pause.
        assert screen.editor.text.splitlines()[7] == "## Nouveau"
        await asyncio.wait_for(screen.previewed.wait(), TIMEOUT)
        await until(pilot, lambda: markdown.source.lstrip().startswith("## Nouveau"))
        after = list(markdown.query_children(MarkdownBlock))
        assert type(after[0]).__name__ == "MarkdownH2" and "Nouveau" in text_of(after[0])
        assert after[1:] == before  # the same widgets: only the new block was built
        assert not (blog_dir / STEVE).read_text("utf-8").count("Nouveau")


async def test_previews_replaced_before_they_start_leave_nothing_unawaited(
    blog_dir: Path,
) -> None:
    """Python reports a coroutine never awaited on the terminal, after the app
    has ended: a worker of the preview cancelled before it started left one."""
    app = BlogApp(blog_dir, watch=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with app.run_test(size=(160, 40)) as pilot:
            screen = await started(pilot)
            await pilot.press("v", "e")
            await until_open(pilot, screen, blog_dir / STEVE)
            for _ in range(3):  # what the pause in typing does, three times at once
                screen._preview_editor_text()
            await asyncio.wait_for(screen.previewed.wait(), TIMEOUT)
            screen._preview_editor_text()  # and once more as the app ends
        gc.collect()
    assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []


@pytest.mark.parametrize(
    ("where", "error", "message"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        ("open", PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
        ("replace", PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
    ],
)
async def test_a_failing_save_leaves_the_file_and_the_text(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError, message: str
) -> None:
    path = blog_dir / STEVE
    before = path.read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("x")

        real_open = os.open

        def fail(*args: Any, **kwargs: Any) -> Any:
            if where == "open" and not args[1] & os.O_CREAT:
                return real_open(*args, **kwargs)  # reading: only making the temporary file fails
            raise error

        monkeypatch.setattr(os, where, fail)
        await pilot.press("ctrl+s")
        await settle(pilot)
        monkeypatch.undo()
        assert path.read_bytes() == before
        assert screen.modified and screen.editor.text.startswith("x---")
        assert len(list(blog_dir.iterdir())) == 4  # no temporary file left behind
        messages = [str(n.message) for n in app._notifications]
        assert f"Cannot save {STEVE}: {message}" in messages


async def test_typing_lays_the_screen_out_only_when_a_scrollbar_comes(blog_dir: Path) -> None:
    # In the split view a layout takes every block of the preview along: a
    # long post's thousand. The editor's growing text only moves its scrollbar.
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("v", "v", "e")
        await until_open(pilot, screen, blog_dir / STEVE)
        editor = screen.editor
        await pilot.press(*["down"] * 20, "end")  # to the end of the post
        await pilot.pause()
        assert editor.virtual_size.height < editor.size.height  # no scrollbar yet
        layouts = count_layouts(screen)
        await pilot.press(*["enter"] * 45, *"fin")
        await until(pilot, lambda: editor.text.endswith("\n" * 45 + "fin"))
        assert len(layouts) <= 2  # the scrollbar appearing; not one a key
        row, _ = editor.cursor_location
        assert editor.text.endswith("en anglais.\n" + "\n" * 45 + "fin")
        assert editor.scroll_y <= row < editor.scroll_y + editor.scrollable_content_region.height
        assert editor.vertical_scrollbar.window_virtual_size == editor.virtual_size.height


async def test_typing_below_what_the_preview_shows_places_no_block_again(
    blog_dir: Path,
) -> None:
    # The preview of a long post holds a widget a block, a thousand or more:
    # placing them all takes tens of milliseconds on the UI loop. A paragraph
    # edited below what the preview shows moves nothing; Textual's own
    # compositor placed them all again at the next paint, after each pause.
    paragraphs = [f"Paragraphe {n} " + "mot " * 40 for n in range(60)]
    post = blog_dir / "long.md"
    post.write_text("---\ntitle: Long\ndate: 2030-01-01\n---\n" + "\n\n".join(paragraphs) + "\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("v", "e")  # the split view, the newest post: this one
        await until_open(pilot, screen, post)
        await settle(pilot)
        compositor = screen._compositor
        place = compositor._arrange_root
        placed: list[bool] = []  # whether each placing was of every widget

        def placing(*args: Any, **kwargs: Any) -> Any:
            placed.append(not kwargs.get("visible_only", True))
            return place(*args, **kwargs)

        compositor._arrange_root = placing  # type: ignore[method-assign]
        layouts = count_layouts(screen)
        row = screen.editor.text.splitlines().index(paragraphs[50])
        screen.editor.move_cursor((row, len("Paragraphe 5")))
        screen.previewed.clear()
        await pilot.press("0")  # "Paragraphe 500 ": the same lines
        await asyncio.wait_for(screen.previewed.wait(), TIMEOUT)
        await pilot.pause()
        await pilot.press("right")  # the editor painted again: where is it?
        await pilot.pause()
        assert placed.count(True) == len(layouts) == 0
        # A paragraph split in two is a layout, which places every widget: once.
        screen.previewed.clear()
        await pilot.press("enter", "enter")
        await asyncio.wait_for(screen.previewed.wait(), TIMEOUT)
        await pilot.pause()
        await pilot.press("right")
        await until(pilot, lambda: len(layouts) > 0)
        assert placed.count(True) == len(layouts) > 0
        # Where every block is was kept right: the paragraph is found there.
        body = screen.preview.query_one("#preview-body", Markdown)
        paragraph = next(
            block
            for block in body.query_children(MarkdownBlock)
            if "Paragraphe 500" in str(block._content)
        )
        screen.preview.scroll_to_widget(paragraph, animate=False, top=True)
        await until(pilot, lambda: paragraph.region.y == screen.preview.content_region.y)
        region = paragraph.region
        line = screen_text(pilot).splitlines()[region.y]
        assert line[region.x : region.right].strip() == "Paragraphe 500"


async def test_the_post_being_written_stays_when_a_save_takes_it_out_of_the_filter(
    blog_dir: Path,
) -> None:
    """The list then moves to another post; what is typed next must not go into it."""
    written = blog_dir / "2010-06-02-les-deux-types-de-community-managers.md"
    other = blog_dir / "2010-03-18-confidentialite-cache-sexe-des-peureux.md"
    before = other.read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "j", "space")  # the tag "entreprise": two posts
        await settle(pilot)
        assert screen.selected_tags == frozenset({"entreprise"})
        await pilot.press("escape", "enter", "e")
        await until_open(pilot, screen, written)
        # A word before the front matter: the post has no tags left once saved.
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert written.read_text("utf-8").startswith("x---\n")
        listed = [screen.post_list.post_at(row) for row in range(screen.post_list.option_count)]
        assert [post.path for post in listed if post] == [other]  # the list moved on
        await pilot.press("y", "ctrl+s")
        await settle(pilot)
        assert screen.document is not None and screen.document.path == written
        assert written.read_text("utf-8").startswith("xy---\n")
        assert other.read_bytes() == before
