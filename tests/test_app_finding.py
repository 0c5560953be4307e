"""Finding a post and reading it, as a user does it with the keys."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown

from tests.helpers import (
    TIMEOUT,
    read_newest,
    screen_text,
    settle,
    started,
    text_of,
    until,
    until_open,
)
from tests.test_app_reading import TITLES, listed_titles
from tui.app import BlogApp
from tui.blog.search import _Words
from tui.config import default_path, load
from tui.widgets import Contents, PostList, PostPreview, SearchField, TagSidebar
from tui.widgets.post_list import row_parts

STEVE = "2010-11-08-steve-jobs-stanford.md"
MOBILE = "2010-10-25-la-revolution-mobile.md"
BY_TITLE = [TITLES[3], TITLES[1], TITLES[2], TITLES[0]]


async def search(pilot: Pilot[None], text: str) -> None:
    await pilot.press("slash", *text)
    await settle(pilot)


def long_post(folder: Path, name: str, title: str, date: str, marks: dict[int, str]) -> Path:
    """A post of 80 paragraphs; paragraph n says marks[n] when given."""
    paragraphs = [marks.get(n, f"Paragraphe {n}. " + "texte " * 40) for n in range(80)]
    path = folder / name
    path.write_text(f'---\ntitle: "{title}"\ndate: {date}\n---\n\n' + "\n\n".join(paragraphs))
    return path


async def test_slash_narrows_the_list_as_you_type_without_accents(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchField)
        await pilot.press(*"confid")
        await settle(pilot)
        assert listed_titles(app) == [TITLES[3]]
        await pilot.press(*"entialite")  # no accent typed
        await settle(pilot)
        assert listed_titles(app) == [TITLES[3]]
        await pilot.press("escape")  # clears the search, back to the list
        await settle(pilot)
        assert listed_titles(app) == TITLES
        assert isinstance(app.focused, PostList)
        assert screen.search_field.value == ""
        assert not screen.search_field.display
        await search(pilot, "INSTAGRAM")  # only in a body
        assert listed_titles(app) == [TITLES[1]]
        await search(pilot, " jobs")  # every word must be found
        assert listed_titles(app) == []
        assert "No post matches the search." in text_of(screen.post_list)


async def test_the_bodies_words_are_sorted_before_the_first_search(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorting every word of a blog's bodies is the thread's work, once it has
    read them: the first word typed then searches without it."""
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("slash")
        bodies = [worker for worker in screen.workers if worker.group == "bodies"]
        await asyncio.gather(*(worker.wait() for worker in bodies))

        real = _Words.sorted_runs

        def already_sorted(words: _Words) -> list[str]:
            assert len(words._sorted) == len(words._posts_of), "sorted as the search was typed"
            return real(words)

        monkeypatch.setattr(_Words, "sorted_runs", already_sorted)
        await pilot.press(*"instagram")  # only in a body
        await settle(pilot)
        assert listed_titles(app) == [TITLES[1]]


async def test_ligatures_and_marks_in_the_list(blog_dir: Path) -> None:
    (blog_dir / "2010-12-01-oeuvre.md").write_text('---\ntitle: "Le chef-d’œuvre"\n---\nTexte.\n')
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await search(pilot, "oeuvre")
        assert listed_titles(app) == ["Le chef-d’œuvre"]
        post = screen.post_list.post_at(0)
        assert post is not None
        title = row_parts(post, words=screen.search_query.words)[0]
        assert title == [
            ("Le chef-d’", "post-list--title"),
            ("œuvre", "post-list--title post-list--match"),
        ]


async def test_search_combines_with_tags_and_field_words(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("t", "j", "space")  # the sidebar's first tag: Apple
        await settle(pilot)
        assert listed_titles(app) == [TITLES[0], TITLES[1]]
        await search(pilot, "stanford")
        assert listed_titles(app) == [TITLES[0]]
        await pilot.press("escape")  # the search goes, the tag stays
        await settle(pilot)
        assert listed_titles(app) == [TITLES[0], TITLES[1]]
        await pilot.press("c")
        await search(pilot, "tag:intranet year:2010")
        assert listed_titles(app) == [TITLES[2], TITLES[3]]
        assert "All posts  2" in text_of(screen.tag_sidebar)
        await pilot.press("escape")
        await search(pilot, "draft:yes")
        assert listed_titles(app) == []
        await pilot.press("escape")
        await search(pilot, "year:2011")
        assert listed_titles(app) == []


async def test_title_matches_come_first(blog_dir: Path) -> None:
    newer = blog_dir / "2011-01-01-souvenir.md"
    newer.write_text('---\ntitle: "Souvenir"\ndate: 2011-01-01\n---\nLe discours de Stanford.\n')
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        assert listed_titles(app)[0] == "Souvenir"  # newest first
        await search(pilot, "stanford")
        assert listed_titles(app) == [TITLES[0], "Souvenir"]


async def test_n_and_shift_n_go_from_match_to_match_in_the_preview(blog_dir: Path) -> None:
    long_post(
        blog_dir, "2011-01-01-long.md", "Long", "2011-01-01", {40: "Zanzibar.", 70: "Zanzibar!"}
    )
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await search(pilot, "zanzibar")
        assert listed_titles(app) == ["Long"]
        await pilot.press("enter", "enter")  # to the list, then read
        await until_open(pilot, screen, blog_dir / "2011-01-01-long.md")
        preview = screen.preview
        assert isinstance(app.focused, PostPreview)
        assert preview.scroll_y == 0
        await pilot.press("n")
        await until(pilot, lambda: preview.scroll_y > 0)
        first = preview.scroll_y
        assert "Zanzibar." in screen_text(pilot)
        await pilot.press("n")
        await until(pilot, lambda: preview.scroll_y > first)
        await pilot.press("N")
        await until(pilot, lambda: preview.scroll_y == first)


async def test_the_open_post_marks_what_the_search_finds_once_typing_pauses(
    blog_dir: Path,
) -> None:
    path = long_post(blog_dir, "2011-01-01-long.md", "Long", "2011-01-01", {40: "Zanzibar."})
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await read_newest(pilot, path)
        preview = screen.preview
        assert preview._matches() == []
        await pilot.press("slash", *"zanzi")
        await until(pilot, lambda: len(preview._matches()) == 1)
        assert listed_titles(app) == ["Long"]
        (match,) = preview._matches()
        assert match._content.plain == "Zanzibar."
        await pilot.press(*"x")  # "zanzix": in no post, and no longer in the preview
        await until(pilot, lambda: preview._matches() == [])
        assert listed_titles(app) == []
        await pilot.press("backspace")
        await until(pilot, lambda: len(preview._matches()) == 1)
        await pilot.press("escape")  # the search cleared: the marks go with it
        await until(pilot, lambda: preview._matches() == [])
        assert len(listed_titles(app)) == 5


async def test_a_search_draws_the_field_the_list_and_the_tags_in_one_frame(
    blog_dir: Path,
) -> None:
    # Textual's widgets tell the screen of a change at their own idle. The
    # screen came to its idle with only the field's new text, and drew a
    # frame of it; the narrowed list and its tags waited for a later frame.
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("slash")
        await settle(pilot)
        frames: list[set[object]] = []  # what the screen had to draw, at each idle
        timer = screen._update_timer
        resume = timer.resume

        def resuming() -> None:
            frames.append(set(screen._dirty_widgets))
            resume()

        timer.resume = resuming  # type: ignore[method-assign]
        together = {screen.search_field, screen.post_list, screen.tag_sidebar}
        for key in "stanford":
            frames.clear()
            await pilot.press(key)
            await settle(pilot)
            drawn = [dirty for dirty in frames if dirty & together]
            assert drawn and together <= drawn[0], key
        assert listed_titles(app) == [TITLES[0]]


async def test_s_sorts_and_the_order_is_remembered(blog_dir: Path) -> None:
    for age, name in enumerate(sorted(path.name for path in blog_dir.iterdir())):
        os.utime(blog_dir / name, (1_000_000 + age, 1_000_000 + age))  # oldest post, oldest file
    os.utime(blog_dir / MOBILE, (2_000_000, 2_000_000))  # the last one changed
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        assert listed_titles(app) == TITLES
        await pilot.press("s")
        assert listed_titles(app) == TITLES[::-1]
        await pilot.press("s")
        assert listed_titles(app) == BY_TITLE
        await pilot.press("s")
        assert listed_titles(app) == [TITLES[1], TITLES[0], TITLES[2], TITLES[3]]
        await pilot.press("s", "s", "s")
        assert listed_titles(app) == BY_TITLE
        await settle(pilot)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert listed_titles(app) == BY_TITLE
        assert screen.post_list.border_subtitle == "by title"


async def test_brackets_show_the_next_and_previous_post_from_the_preview(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await read_newest(pilot, blog_dir / STEVE)
        await pilot.press("right_square_bracket")
        await until_open(pilot, screen, blog_dir / MOBILE)
        assert isinstance(app.focused, PostPreview)  # still reading
        assert "La révolution mobile" in text_of(screen.query_one("#preview-header"))
        await pilot.press("left_square_bracket")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("left_square_bracket")  # already the first: stays
        await settle(pilot)
        assert screen.document is not None and screen.document.path == blog_dir / STEVE


async def test_o_lists_the_headings_and_choosing_one_scrolls_there(blog_dir: Path) -> None:
    path = long_post(
        blog_dir,
        "2011-01-01-long.md",
        "Long",
        "2011-01-01",
        {0: "# Début", 30: "## Milieu", 70: "## Fin"},
    )
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await read_newest(pilot, path)
        await pilot.press("o")
        contents = screen.query_one(Contents)
        assert isinstance(app.focused, Contents)
        assert [line.strip("│ ") for line in text_of(contents).splitlines()[1:4]] == [
            "Début",
            "Milieu",
            "Fin",
        ]
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: screen.preview.scroll_y > 0)
        assert "Fin" in screen_text(pilot)
        await pilot.press("o")
        assert not contents.display
        assert isinstance(app.focused, PostPreview)


async def test_the_header_says_how_long_the_post_is(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await read_newest(pilot, blog_dir / STEVE)
        header = text_of(screen.query_one("#preview-header"))
        words = len((blog_dir / STEVE).read_text("utf-8").split("---", 2)[2].split())
        assert f"{words} words" in header
        assert "1 min read" in header or "2 min read" in header
        # Edited and saved in the editor, then read: the new text, counted.
        await pilot.press("e", *["down"] * 20, "end", *" Zanzibar", "ctrl+s")
        await settle(pilot)
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert (
            screen.preview.query_one("#preview-body", Markdown).source.rstrip().endswith("Zanzibar")
        )
        assert f"{words + 1} words" in text_of(screen.query_one("#preview-header"))


async def test_where_the_reader_stopped_is_kept_and_the_last_post_reopens(blog_dir: Path) -> None:
    path = long_post(blog_dir, "2011-01-01-long.md", "Long", "2011-01-01", {})
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await read_newest(pilot, path)
        await pilot.press(*["j"] * 15)
        await until(pilot, lambda: screen.preview.scroll_y == 15)  # a line a key
        stopped = screen.preview.scroll_y
        await pilot.press("right_square_bracket")
        await until_open(pilot, screen, blog_dir / STEVE)
        assert screen.preview.scroll_y == 0
        screen.previewed.clear()
        await pilot.press("left_square_bracket")
        await until_open(pilot, screen, path)
        await asyncio.wait_for(screen.previewed.wait(), TIMEOUT)
        await until(pilot, lambda: screen.preview.scroll_y == stopped)
        await pilot.press("right_square_bracket")
        await until_open(pilot, screen, blog_dir / STEVE)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, blog_dir / STEVE)  # not the newest: the last read
        assert screen.post_list.highlighted_path == blog_dir / STEVE


async def test_a_theme_chosen_in_the_app_is_kept_in_the_settings(blog_dir: Path) -> None:
    settings = default_path()
    settings.parent.mkdir(parents=True)
    settings.write_text('# mine\neditor = "vi"  # keep\n\n[keys]\n"list.edit" = "i"\n')
    app = BlogApp(blog_dir, watch=False, config=load())
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        app.theme = "gruvbox"  # what the palette's "Change theme" does
        await settle(pilot)
    assert settings.read_text() == (
        'theme = "gruvbox"\n# mine\neditor = "vi"  # keep\n\n[keys]\n"list.edit" = "i"\n'
    )
    app = BlogApp(blog_dir, watch=False, config=load())
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        assert app.theme == "gruvbox"
        app.theme = "textual-light"
        await settle(pilot)
    assert settings.read_text().startswith('theme = "textual-light"\n# mine\n')


async def test_search_field_takes_any_text(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await search(pilot, "[bold]x")
        assert listed_titles(app) == []
        assert screen.query_one(Input).value == "[bold]x"


async def test_a_search_longer_than_its_field_shows_where_it_is_typed(blog_dir: Path) -> None:
    """The field scrolls with what is typed, though typing lays nothing out."""
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await started(pilot)
        words = " ".join(f"mot{number}" for number in range(12))  # wider than the field
        await search(pilot, words)
        assert screen.search_field.size.width < len(words)
        assert "mot11" in screen_text(pilot)
        assert "mot0 " not in screen_text(pilot)  # scrolled past the start
        await pilot.press("home")
        await until(pilot, lambda: "mot0 " in screen_text(pilot))


async def test_the_mouse_opens_posts_toggles_tags_and_follows_links(blog_dir: Path) -> None:
    link = blog_dir / "2011-01-01-lien.md"
    link.write_text(f'---\ntitle: "Lien"\ndate: 2011-01-01\n---\n[Stanford]({STEVE}) encore.\n')
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, link)
        # Rows are two lines, below the border: the third post, MOBILE.
        assert await pilot.click(PostList, offset=(5, 5))
        await until_open(pilot, screen, blog_dir / MOBILE)
        assert isinstance(app.focused, PostPreview)
        # The sidebar's second line: its first tag, Apple.
        assert await pilot.click(TagSidebar, offset=(5, 2))
        await settle(pilot)
        assert screen.selected_tags == frozenset({"apple"})
        assert listed_titles(app) == [TITLES[0], TITLES[1]]
        await pilot.click(TagSidebar, offset=(5, 1))  # "All posts"
        await settle(pilot)
        assert screen.selected_tags == frozenset()
        await pilot.click(PostList, offset=(5, 1))
        await until_open(pilot, screen, link)
        paragraph = screen.preview.query_one("MarkdownParagraph")
        assert await pilot.click(paragraph, offset=(2, 0))  # on "Stanford"
        await until_open(pilot, screen, blog_dir / STEVE)


async def test_w_widens_the_preview_to_the_pane_and_back(blog_dir: Path) -> None:
    path = long_post(blog_dir, "2011-01-01-long.md", "Long", "2011-01-01", {})
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await read_newest(pilot, path)
        body = screen.preview.query_one("#preview-body", Markdown)
        assert body.size.width <= 84
        focused = screen.preview.styles.border_top
        await pilot.press("escape")  # back to the list: the preview's border says so
        await until(pilot, lambda: screen.preview.styles.border_top != focused)
        await pilot.press("enter")
        await until(pilot, lambda: screen.preview.styles.border_top == focused)
        await pilot.press("w")
        await until(pilot, lambda: body.size.width > 84)
        await pilot.press("w")
        await until(pilot, lambda: body.size.width <= 84)


async def test_views_and_panes_change_without_restyling_the_posts_blocks(
    blog_dir: Path,
) -> None:
    """A class on the screen made Textual restyle every block below it: seconds
    for each key on a long post. Views, search, contents and width leave them be."""
    from textual.widgets._markdown import MarkdownBlock

    path = long_post(blog_dir, "2011-01-01-long.md", "Long", "2011-01-01", {})
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await read_newest(pilot, path)
        restyled: list[object] = []
        apply = app.stylesheet.apply

        def counting(node: object, *args: object, **kwargs: object) -> None:
            restyled.append(node)
            apply(node, *args, **kwargs)  # type: ignore[arg-type]

        app.stylesheet.apply = counting  # type: ignore[method-assign]
        editor, preview = screen.query_one("#editor"), screen.preview
        await pilot.press("v")
        await settle(pilot)
        assert (editor.display, preview.display) == (True, True)  # split
        await pilot.press("v")
        await settle(pilot)
        assert (editor.display, preview.display) == (True, False)  # edit
        await pilot.press("escape", "v")  # from the editor to the list, then the view
        await settle(pilot)
        assert (editor.display, preview.display) == (False, True)  # read
        assert screen.document is not None and screen.document.path == path
        assert not screen.modified
        await pilot.press("enter", "w", "w", "o")
        await settle(pilot)
        assert screen.query_one(Contents).display
        await pilot.press("o", "slash")
        await settle(pilot)
        assert not screen.query_one(Contents).display
        assert screen.search_field.display
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.search_field.display
        assert sum(isinstance(node, MarkdownBlock) for node in restyled) == 0
