"""The tag sidebar, with the keys and the mouse: what each line shows and
which lines the cursor can reach."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from tests.helpers import count_layouts, settle, started, until
from tests.test_app_reading import listed_titles
from tui.app import BlogApp
from tui.widgets import PostList, TagSidebar

LONG = "an-exceptionally-long-tag-name-that-cannot-fit"


def write_blog(folder: Path) -> None:
    """Three tags (one very long) and two categories, below a rule and a heading."""
    posts = {
        "a.md": f"title: A\ntags: [news, {LONG}]\ncategories: [Work]",
        "b.md": f"title: B\ntags: [news, {LONG}]\ncategories: [Work, Life]",
        "c.md": f"title: C\ntags: [news, {LONG}, solo]",
    }
    for name, matter in posts.items():
        (folder / name).write_text(f"---\n{matter}\n---\nText\n", "utf-8")


def sidebar_lines(sidebar: TagSidebar) -> list[str]:
    """The sidebar's lines on screen, below its border, without it."""
    region = sidebar.region
    strips = sidebar.screen._compositor.render_strips()[region.y + 1 : region.bottom - 1]
    return [strip.crop(region.x, region.right).text.strip("│ ") for strip in strips]


def in_view(sidebar: TagSidebar) -> bool:
    """Whether the sidebar's cursor is on one of the lines it shows."""
    top = round(sidebar.scroll_offset.y)
    return top <= (sidebar.highlighted or 0) < top + sidebar.scrollable_content_region.height


def background_of_line(sidebar: TagSidebar, line: int) -> Style:
    """The style of the middle of the sidebar's ``line`` (0: the first below the border)."""
    strip = sidebar.render_lines(sidebar.region.reset_offset)[line + 1]
    middle = strip.crop(sidebar.size.width // 2, sidebar.size.width // 2 + 1)
    return next(iter(middle)).style or Style()


async def test_the_cursor_skips_the_rule_and_the_heading_of_the_categories(
    tmp_path: Path,
) -> None:
    write_blog(tmp_path)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(pilot)
        sidebar = screen.tag_sidebar
        lines = sidebar_lines(sidebar)
        assert lines[:6] == [
            "✓ All posts  3",
            f"{LONG[:16]}…  3",  # cut before its count, which stays in sight
            "news  3",
            "solo  1",
            "─" * 22,
            "Categories",
        ]
        assert lines[6:8] == ["Work  2", "Life  1"]
        await pilot.press("t", "j", "j", "j", "j")  # past "solo": the rule, the heading
        await until(pilot, lambda: sidebar.highlighted_key == "category:work")
        await pilot.press("k")
        await until(pilot, lambda: sidebar.highlighted_key == "solo")
        await pilot.press("end")
        await until(pilot, lambda: sidebar.highlighted_key == "category:life")
        await pilot.press("space")
        await settle(pilot)
        assert listed_titles(app) == ["B"]
        assert "✓ Life  1" in sidebar_lines(sidebar)
        await pilot.press("home", "enter")  # "All posts" clears the filter
        await settle(pilot)
        assert sorted(listed_titles(app)) == ["A", "B", "C"]
        assert sidebar.highlighted_key is None


async def test_the_page_keys_move_a_screenful_of_tags(tmp_path: Path) -> None:
    for number in range(60):
        (tmp_path / f"{number}.md").write_text(
            f"---\ntitle: P{number}\ntags: [t{number:02}]\n---\n", "utf-8"
        )
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(pilot)
        sidebar = screen.tag_sidebar
        # Lines are cut to the room left by the vertical scrollbar: nothing
        # to scroll sideways, so no horizontal scrollbar under either list.
        for lines in (sidebar, screen.post_list):
            assert lines.show_vertical_scrollbar and not lines.show_horizontal_scrollbar
        await pilot.press("t", "pagedown")
        await until(pilot, lambda: (sidebar.highlighted or 0) > 10)
        assert in_view(sidebar)
        await pilot.press("end")
        await until(pilot, lambda: sidebar.highlighted_key == "t59")
        assert in_view(sidebar) and "t59  1" in sidebar_lines(sidebar)
        await pilot.press("pageup")
        await until(pilot, lambda: (sidebar.highlighted or 0) < 50)


async def test_a_filter_moves_the_scrollbars_without_laying_the_screen_out(
    tmp_path: Path,
) -> None:
    # A layout takes every widget of the screen along: with a long post
    # open, the 1,400 of its preview. Fewer rows, and the scrollbar still
    # there, are the lines and the scrollbar painted again.
    for number in range(60):
        tags = "[tous, pair]" if number % 2 == 0 else "[tous]"
        tags = "[tous, seul]" if number == 1 else tags
        (tmp_path / f"{number:02}.md").write_text(
            f"---\ntitle: P{number}\ndate: 2020-01-{number % 28 + 1:02}\ntags: {tags}\n---\n",
            "utf-8",
        )
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(pilot)
        posts = screen.post_list
        await pilot.press("end")  # the list scrolled to its last post
        await until(pilot, lambda: posts.scroll_y == posts.max_scroll_y > 0)
        await pilot.press("t", "j", "j")
        await settle(pilot)
        layouts = count_layouts(screen)
        await pilot.press("space")  # "pair": 30 posts of the 60
        await settle(pilot)
        assert screen.selected_tags == frozenset({"pair"})
        assert layouts == []
        assert posts.show_vertical_scrollbar
        bar = posts.vertical_scrollbar
        assert bar.window_virtual_size == posts.virtual_size.height == 60  # two lines a post
        assert posts.scroll_y == posts.max_scroll_y  # within the shorter list
        assert posts.scroll_y <= 60 - posts.scrollable_content_region.height
        await pilot.press("space", "j", "space")  # "seul": one post, no scrollbar
        await settle(pilot)
        assert screen.selected_tags == frozenset({"seul"})
        assert layouts and not posts.show_vertical_scrollbar
        assert listed_titles(app) == ["P1"] and posts.scroll_y == 0


async def test_the_mouse_marks_the_line_it_is_over_and_toggles_what_it_clicks(
    tmp_path: Path,
) -> None:
    write_blog(tmp_path)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await started(pilot)
        sidebar = screen.tag_sidebar
        plain = background_of_line(sidebar, 3)
        await pilot.hover(TagSidebar, offset=(5, 4))  # "solo", below the border
        await pilot.pause()
        assert background_of_line(sidebar, 3).bgcolor != plain.bgcolor
        assert sidebar.highlighted_key is None  # the cursor stays on "All posts"
        await pilot.hover(PostList)
        await pilot.pause()
        assert background_of_line(sidebar, 3).bgcolor == plain.bgcolor

        await pilot.click(TagSidebar, offset=(5, 6))  # the heading: nothing happens
        await settle(pilot)
        assert screen.selected_tags == frozenset()
        await pilot.click(TagSidebar, offset=(5, 7))  # "Work"
        await settle(pilot)
        assert screen.selected_tags == frozenset({"category:work"})
        assert sorted(listed_titles(app)) == ["A", "B"]


async def test_a_click_on_either_line_of_a_post_opens_that_post(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        first, second = (screen.post_list.post_at(row) for row in (0, 1))
        assert first is not None and second is not None
        for y, post in [(1, first), (2, first), (3, second), (4, second)]:  # below the border
            await pilot.click(PostList, offset=(5, y))
            await settle(pilot)
            assert screen.post_list.highlighted_path == post.path, y
