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


def _steve_with(blog_dir: Path, tags: str) -> bytes:
    """The newest post, its tags written as ``tags``; its bytes."""
    path = blog_dir / STEVE
    text = path.read_text("utf-8").replace("tags: [vidéo, Apple, inspiration]\n", tags)
    path.write_text(text, "utf-8")
    return path.read_bytes()


def _messages(app: BlogApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_tag_that_would_not_read_back_is_refused_with_the_reason(blog_dir: Path) -> None:
    # YAML takes the second `tags:`; an edit of the first would not show.
    before = _steve_with(blog_dir, "tags: [vidéo]\ntags: [Apple, inspiration]\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("plus")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"conférence", "enter")
        await until(pilot, lambda: any("Left as it was" in m for m in _messages(app)))
        await settle(pilot)
        assert (blog_dir / STEVE).read_bytes() == before
        assert screen.editor.text == before.decode("utf-8")
        assert not screen.modified
        assert 'the tags would read back as "Apple", "inspiration", not' in _messages(app)[-1]
        assert not any(m.startswith("Added") for m in _messages(app))
        assert "conférence" not in text_of(screen.tag_sidebar)


async def test_a_rename_reports_each_post_it_left_as_it_was(blog_dir: Path) -> None:
    before = _steve_with(blog_dir, "tags: [vidéo]\ntags: [Apple, inspiration]\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "r")  # "Apple"
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("ctrl+a", "ctrl+k", *"apple-inc", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: any("apple-inc in" in m for m in _messages(app)))
        await settle(pilot)
        assert (blog_dir / STEVE).read_bytes() == before
        assert "[mobile, apple-inc, photo" in (blog_dir / MOBILE).read_text("utf-8")
        message = _messages(app)[-1]
        assert message.startswith("Renamed Apple as apple-inc in 1 file.\nLeft as they were (1):")
        assert f'\n{STEVE}: the tags would read back as "Apple", "inspiration", not' in message
        sidebar = text_of(screen.tag_sidebar)
        assert "apple-inc  1" in sidebar and "Apple  1" in sidebar


async def test_a_rename_refused_everywhere_says_nothing_was_renamed(blog_dir: Path) -> None:
    before = _steve_with(blog_dir, "tags: [vidéo]\ntags: [Apple, inspiration]\n")
    mobile = (blog_dir / MOBILE).read_text("utf-8")
    mobile = mobile.replace("tags: [mobile, Apple,", "tags: [mobile]\ntags: [Apple,")
    (blog_dir / MOBILE).write_text(mobile, "utf-8")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("t", "j", "r")  # "Apple"
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("ctrl+a", "ctrl+k", *"apple-inc", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: any("Left as they were" in m for m in _messages(app)))
        assert (blog_dir / STEVE).read_bytes() == before
        assert (blog_dir / MOBILE).read_text("utf-8") == mobile
        assert _messages(app)[-1].startswith("Nothing renamed: no file was changed.")
        assert not any(m.startswith("Renamed") for m in _messages(app))


async def test_a_tag_renamed_with_a_comma_stays_one_tag(blog_dir: Path) -> None:
    _steve_with(blog_dir, "tags: vidéo, Apple, inspiration\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "r")  # "Apple"
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("ctrl+a", "ctrl+k", *"Apple, Inc", "enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: any("Apple, Inc in" in m for m in _messages(app)))
        await settle(pilot)
        steve = (blog_dir / STEVE).read_text("utf-8")
        assert 'tags: [vidéo, "Apple, Inc", inspiration]\n' in steve
        sidebar = text_of(screen.tag_sidebar)
        assert "Apple, Inc  2" in sidebar and "Inc  " not in sidebar.replace("Apple, Inc", "")
        assert "Renamed Apple as Apple, Inc in 2 files." in _messages(app)


async def test_a_post_in_the_drafts_folder_is_not_said_published(blog_dir: Path) -> None:
    draft = blog_dir / "_drafts" / "idea.md"
    draft.parent.mkdir()
    draft.write_text("---\ntitle: An idea\n---\n\nNot yet.\n", "utf-8")
    before = draft.read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await screen.run_action("toggle_draft")
        await until(pilot, lambda: any("Still a draft" in m for m in _messages(app)))
        await settle(pilot)
        assert draft.read_bytes() == before
        assert _messages(app)[-1] == (
            "Still a draft: it is in the folder _drafts; move it out of that folder to publish it."
        )
        assert not any(m.startswith("No longer a draft") for m in _messages(app))
