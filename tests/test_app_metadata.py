"""Changing tags, titles and drafts from the app, and renaming a tag everywhere."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import settle, started, text_of, until, until_open
from tui.app import BlogApp
from tui.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen

STEVE = "2010-11-08-steve-jobs-stanford.md"
MOBILE = "2010-10-25-la-revolution-mobile.md"


async def test_plus_adds_a_tag_in_the_files_own_style_and_saves(blog_dir: Path) -> None:
    before = (blog_dir / STEVE).read_text("utf-8")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("plus")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"conférence", "enter")
        await settle(pilot)
        after = (blog_dir / STEVE).read_text("utf-8")
        assert after == before.replace(
            "tags: [vidéo, Apple, inspiration]", "tags: [vidéo, Apple, inspiration, conférence]"
        )
        assert "conférence  1" in text_of(screen.tag_sidebar)
        assert not screen.modified


async def test_minus_removes_a_tag_chosen_from_the_post(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("j", "minus")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("down", "enter")  # the second: #Apple
        await until_open(pilot, screen, blog_dir / MOBILE)
        await settle(pilot)
        assert "tags: [mobile, photo, réseaux sociaux]" in (blog_dir / MOBILE).read_text("utf-8")
        assert "Apple  1" in text_of(screen.tag_sidebar)


async def test_a_change_to_a_post_with_unsaved_text_waits_for_ctrl_s(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press(*["down"] * 8, "x", "escape")  # unsaved text in the body
        before = (blog_dir / STEVE).read_bytes()
        await screen.run_action("toggle_draft")
        await settle(pilot)
        assert (blog_dir / STEVE).read_bytes() == before
        assert "draft: true" in screen.editor.text and "\nxSteve Jobs est" in screen.editor.text
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+z")  # undo takes the change back, line by line
        assert "draft: true" not in screen.editor.text
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(pilot)
        assert "draft: true" in (blog_dir / STEVE).read_text("utf-8")


async def test_change_title_from_the_palette_action(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await screen.run_action("change_title")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("ctrl+a", "ctrl+k", *"Jobs : Stanford", "enter")
        await settle(pilot)
        assert 'title: "Jobs : Stanford"\n' in (blog_dir / STEVE).read_text("utf-8")
        assert "Jobs : Stanford" in text_of(screen.post_list)


async def test_rename_a_tag_everywhere_after_listing_the_files(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "r")  # "Apple"
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("ctrl+a", "ctrl+k", *"apple-inc", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = text_of(app.screen.query_one(".dialog-text"))
        assert STEVE in question and MOBILE in question
        await pilot.press("y")
        await settle(pilot)
        for name in (STEVE, MOBILE):
            assert "apple-inc" in (blog_dir / name).read_text("utf-8")
        sidebar = text_of(screen.tag_sidebar)
        assert "apple-inc  2" in sidebar and "Apple" not in sidebar
        assert "Renamed Apple as apple-inc in 2 files." in [
            str(n.message) for n in app._notifications
        ]


async def test_merge_two_tags(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "j", "r")  # "entreprise", merged into "intranet"
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("ctrl+a", "ctrl+k", *"intranet", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        cm = (blog_dir / "2010-06-02-les-deux-types-de-community-managers.md").read_text("utf-8")
        assert "tags: [community management, réseaux sociaux, intranet]" in cm
        assert "entreprise" not in text_of(screen.tag_sidebar)
        assert "intranet  2" in text_of(screen.tag_sidebar)
