"""Reading and filtering the sample blog, as a user does it with the keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable, Markdown

from tests.helpers import palette_results, settle, started, text_of, until, until_open
from tui.app import BlogApp
from tui.dialogs import HelpScreen
from tui.screens.main import OPEN_DELAY
from tui.widgets import PostEditor, PostList, PostPreview, TagSidebar

TITLES = [
    "Steve Jobs @ Stanford",
    "La révolution mobile",
    "Les deux types de community managers",
    "Confidentialité : cache-sexe des peureux !",
]


def listed_titles(app: BlogApp) -> list[str]:
    post_list = app.screen.query_one(PostList)
    return [
        post.title for post in (post_list.post_at(i) for i in range(post_list.option_count)) if post
    ]


async def test_lists_the_posts_newest_first_with_dates_and_tags(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert listed_titles(app) == TITLES
        shown = text_of(screen.post_list)
        assert "Steve Jobs @ Stanford" in shown
        assert "2010-11-08  #vidéo  #Apple  #inspiration" in shown
        assert shown.index("Steve Jobs") < shown.index("La révolution mobile")


async def test_the_cursor_back_on_the_open_post_keeps_it_open(blog_dir: Path) -> None:
    """j then k before the next post opens: the one under the cursor stays."""
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        newest = blog_dir / "2010-11-08-steve-jobs-stanford.md"
        await until_open(pilot, screen, newest)
        await pilot.press("j", "k")
        # What must not happen is the other post opening a moment later:
        # there is no event to wait for, only the time it would take.
        await pilot.pause(OPEN_DELAY * 4)
        await settle(pilot)
        assert screen.post_list.highlighted_path == newest
        assert screen.document is not None and screen.document.path == newest
        assert "Steve Jobs @ Stanford" in text_of(screen.query_one("#preview-header"))


async def test_tag_sidebar_counts_most_used_first(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        lines = text_of(screen.tag_sidebar).splitlines()[1:]  # below the border
        assert "All posts  4" in lines[0]
        assert "Apple  2" in lines[1]
        assert any("réseaux sociaux  2" in line for line in lines)
        assert any("vidéo  1" in line for line in lines)


async def test_enter_reads_the_post_without_its_front_matter(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("j", "enter")
        await until_open(pilot, screen, blog_dir / "2010-10-25-la-revolution-mobile.md")
        assert isinstance(app.focused, PostPreview)
        body = screen.query_one("#preview-body", Markdown).source
        assert body.lstrip().startswith("J’ai le souvenir")
        assert "title:" not in body and "---" not in body
        assert "La révolution mobile" in text_of(screen.query_one("#preview-header"))
        await pilot.press("k")  # moves the preview, not the list
        await pilot.press("escape")
        assert isinstance(app.focused, PostList)


async def test_selecting_several_tags_shows_posts_having_all(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t")
        assert isinstance(app.focused, TagSidebar)
        await pilot.press("j", "j", "space")  # "entreprise"
        await settle(pilot)
        assert listed_titles(app) == [TITLES[2], TITLES[3]]
        sidebar = text_of(screen.tag_sidebar)
        assert "All posts  2" in sidebar
        assert "✓ entreprise  2" in sidebar
        assert "vidéo" not in sidebar  # no post left has it
        await pilot.press("down", "space")  # "intranet": both posts have it too
        await settle(pilot)
        assert listed_titles(app) == [TITLES[2], TITLES[3]]
        # Counts now describe the two posts left: entreprise 2, intranet 2,
        # collaboratif 1, ...; "collaboratif" leaves one post.
        await pilot.press("j", "enter")
        await settle(pilot)
        assert listed_titles(app) == [TITLES[3]]
        assert "All posts  1" in text_of(screen.tag_sidebar)
        await pilot.press("c")
        await settle(pilot)
        assert listed_titles(app) == TITLES
        assert screen.selected_tags == frozenset()


async def test_a_filter_an_order_or_a_view_paints_the_panes_it_changes_not_the_screen(
    blog_dir: Path,
) -> None:
    # The whole screen painted again added a fifth to a tag filter's time at
    # 10,000 posts; the panes that change paint themselves.
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await settle(pilot)
        painted: list[set[object]] = []
        paint = screen._compositor_refresh

        def painting() -> None:
            painted.append(set(screen._dirty_widgets))
            paint()

        screen._compositor_refresh = painting  # type: ignore[method-assign]
        changed: dict[str, Callable[[], bool]] = {
            "space": lambda: listed_titles(app) == TITLES[:2],  # Apple
            "s": lambda: listed_titles(app) == TITLES[:2][::-1],  # oldest first
            "v": lambda: bool(screen.editor.display),  # the split view
        }
        await pilot.press("t", "j")  # focus moved: Textual paints the screen
        for key, done in changed.items():
            await settle(pilot)
            painted.clear()
            await pilot.press(key)
            await settle(pilot)
            assert done()
            assert painted and all(screen not in dirty for dirty in painted), key
            if key == "space":
                await pilot.press("escape")  # to the list, for "s"


async def test_all_posts_entry_clears_the_filter(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "space")  # Apple
        await settle(pilot)
        assert listed_titles(app) == TITLES[:2]
        await pilot.press("escape")
        assert isinstance(app.focused, PostList)
        await pilot.press("t", "k", "enter")  # back up to "All posts"
        await settle(pilot)
        assert listed_titles(app) == TITLES
        await pilot.press("t", "j", "space", "escape", "c")  # c from the post list
        await settle(pilot)
        assert listed_titles(app) == TITLES
        assert screen.selected_tags == frozenset()


async def test_tags_differing_by_case_are_one_and_accents_work(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\ntags: [Python, Été]\n---\nA\n", "utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: B\ntags: python, été\n---\nB\n", "utf-8")
    (tmp_path / "c.md").write_text("---\ntitle: C\ntags: [PYTHON]\n---\nC\n", "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        sidebar = text_of(screen.tag_sidebar)
        assert "Python  3" in sidebar or "python  3" in sidebar or "PYTHON  3" in sidebar
        assert "Été  2" in sidebar or "été  2" in sidebar
        await pilot.press("t", "j", "j", "space")  # the accented tag
        await settle(pilot)
        assert sorted(listed_titles(app)) == ["A", "B"]


async def test_v_cycles_read_split_edit(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        preview, editor = screen.query_one(PostPreview), screen.query_one(PostEditor)
        assert preview.display and not editor.display
        await pilot.press("v")
        await until(pilot, lambda: screen.view == "split" and preview.display and editor.display)
        await pilot.press("v")
        await until(pilot, lambda: screen.view == "edit" and not preview.display and editor.display)
        await pilot.press("v")
        await until(pilot, lambda: screen.view == "read" and preview.display and not editor.display)


async def test_help_lists_every_key(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys", DataTable)
        rows = "\n".join(" | ".join(map(str, table.get_row_at(i))) for i in range(table.row_count))
        for key in ("ctrl+n", "ctrl+s", "ctrl+q", "ctrl+p", "space, enter", "d, delete", "esc"):
            assert key in rows, key
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_question_mark_is_typed_in_the_editor_and_f1_still_helps(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / "2010-11-08-steve-jobs-stanford.md")
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        assert screen.editor.text.startswith("?---")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_every_action_is_in_the_command_palette(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        titles = {command.title for command in app.get_system_commands(screen)}
        for title in ("New post", "Save", "Read post", "Edit post", "Cycle view"):
            assert title in titles
        assert {"Clear tag filter", "Delete post", "Keys", "Tag sidebar", "Post list"} <= titles


async def test_the_command_palette_runs_an_action(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"cycle view")
        commands = await palette_results(pilot)
        assert "Cycle view" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view == "split"


async def test_any_tag_can_be_filtered_from_the_palette(tmp_path: Path) -> None:
    for number in range(40):
        (tmp_path / f"{number}.md").write_text(
            f"---\ntitle: P{number}\ntags: [common, tag{number}]\n---\n", "utf-8"
        )
    (tmp_path / "odd.md").write_text('---\ntags: ["[bold]odd[/bold]"]\n---\n', "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("ctrl+p", *"tag37")
        await palette_results(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert listed_titles(app) == ["P37"]
        assert "✓ tag37  1" in text_of(screen.tag_sidebar)
        await pilot.press("ctrl+p", *"bold")
        commands = await palette_results(pilot)
        assert "Tag: [bold]odd[/bold]" in str(commands.get_option_at_index(0).prompt)


async def test_categories_have_their_own_section_and_filter_like_tags(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\ntags: [news]\ncategories: [News]\n---\n")
    (tmp_path / "b.md").write_text("---\ntitle: B\ntags: [news]\n---\n")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        lines = [line.strip("│ ") for line in text_of(screen.tag_sidebar).splitlines()]
        assert lines.index("Categories") > lines.index("news  2")
        assert "News  1" in lines[lines.index("Categories") + 1 :]
        # Down past "news", the rule and the heading: the category itself.
        await pilot.press("t", "j", "j", "space")
        await settle(pilot)
        assert listed_titles(app) == ["A"]
        assert "News" in text_of(screen.post_list)
