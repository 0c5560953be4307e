"""A post's language: read from its file name, its site's folders or its
front matter; marked only where it is not the blog's own; filtered by the
sidebar's "Languages"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import palette_results, settle, started, text_of, until
from tests.test_app_site import list_lines
from tests.test_tag_sidebar import sidebar_lines
from tui.app import BlogApp
from tui.blog import Blog
from tui.blog.index import BlogIndex, main_language
from tui.blog.post import language_key, read_post, tag_key
from tui.cli import main
from tui.screens.main import MainScreen

SIZE = (120, 30)


def hugo_site(root: Path) -> Path:
    """A Hugo site in English and Japanese, a post in each."""
    (root / "hugo.toml").write_text(
        'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.ja]\nweight = 2\n',
        "utf-8",
    )
    for language, name, title, date in (
        ("en", "a.md", "An English post", "2024-01-02"),
        ("ja", "b.md", "A Japanese post", "2024-03-04"),
    ):
        folder = root / "content" / language / "blog"
        folder.mkdir(parents=True)
        # The folder says ja: a front matter's lang says less.
        (folder / name).write_text(
            f"---\ntitle: {title}\ndate: {date}\nlang: fr\n---\nText.\n", "utf-8"
        )
    return root


def french_folder(root: Path) -> Path:
    """A folder in no site: three posts in French, one in English, one tagged fr."""
    for day, title, lang, tags in (
        (1, "Premier", "fr", "[fr]"),
        (2, "Deuxième", "fr", "[]"),
        (3, "Troisième", "language: FR", "[]"),
        (4, "In English", "en", "[travel]"),
    ):
        matter = lang if ":" in lang else f"lang: {lang}"
        (root / f"2024-01-0{day}-post.md").write_text(
            f"---\ntitle: {title}\n{matter}\ntags: {tags}\n---\nText.\n", "utf-8"
        )
    return root


def second_lines(screen: MainScreen) -> dict[str, str]:
    """Each post's title with the line below it, as the list shows them."""
    lines = list_lines(screen)
    return dict(zip(lines[::2], lines[1::2], strict=False))


async def languages_shown(pilot: Pilot[None], screen: MainScreen) -> list[str]:
    await settle(pilot)
    lines = sidebar_lines(screen.tag_sidebar)
    if "Languages" not in lines:
        return []
    after = lines[lines.index("Languages") + 1 :]
    return [line for line in after if line]


# Reading


def test_the_front_matter_names_a_language_the_file_name_does_not(tmp_path: Path) -> None:
    french_folder(tmp_path)
    (tmp_path / "bonjour.de.md").write_text("---\ntitle: Hallo\nlang: fr\n---\n", "utf-8")
    languages = {post.title: post.language for post in Blog(tmp_path).load().posts()}
    assert languages == {
        "Premier": "fr",
        "Deuxième": "fr",
        "Troisième": "fr",  # FR, as file names give it: lower-cased
        "In English": "en",
        "Hallo": "de",  # the file name wins
    }


def test_the_site_folder_wins_over_the_front_matter(tmp_path: Path) -> None:
    root = hugo_site(tmp_path)
    post = read_post(root / "content" / "ja" / "blog" / "b.md", root)
    assert post.language == "ja"


def test_a_language_is_filtered_apart_from_a_tag_of_the_same_name(tmp_path: Path) -> None:
    index = Blog(french_folder(tmp_path)).load()
    assert {post.title for post in index.filter([tag_key("fr")])} == {"Premier"}
    french = index.filter([language_key("fr")])
    assert [post.title for post in french] == ["Troisième", "Deuxième", "Premier"]
    assert index.filter([language_key("fr"), tag_key("fr")]) == [french[-1]]
    assert index.languages() == {"fr": 3, "en": 1}
    assert index.main_language() == "fr"
    assert index.main_language("EN") == "en"  # the site's own, when it names one


def test_the_main_language_is_the_one_most_posts_have_or_none() -> None:
    assert main_language({"fr": 3, "en": 1}, 4, None) == "fr"
    # Most posts say no language: those that do are the ones to mark.
    assert main_language({"fr": 2}, 10, None) is None
    assert main_language({}, 10, None) is None
    assert main_language({"ja": 1}, 10, "en") == "en"


def test_a_restored_index_knows_the_languages_without_making_its_posts(tmp_path: Path) -> None:
    read = Blog(french_folder(tmp_path)).load()
    places, spellings = BlogIndex.kept(read.posts())
    restored = BlogIndex(tmp_path)
    restored.restore(read.posts(), places, spellings)
    assert restored.languages() == {"fr": 3, "en": 1}
    assert [p.title for p in restored.filter([language_key("en")])] == ["In English"]


def test_blog_list_filters_by_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = hugo_site(tmp_path)
    assert main(["list", "--dir", str(root), "--language", "ja", "--json"]) == 0
    posts = json.loads(capsys.readouterr().out)
    assert [(post["title"], post["language"]) for post in posts] == [("A Japanese post", "ja")]
    assert main(["tags", "--dir", str(root)]) == 0
    assert capsys.readouterr().out == ""  # languages are no tags


# On screen


async def test_a_hugo_sites_other_language_is_marked_and_filtered(tmp_path: Path) -> None:
    app = BlogApp(hugo_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await until(pilot, lambda: "ja" in second_lines(screen).get("A Japanese post", ""))
        lines = second_lines(screen)
        assert lines["A Japanese post"].split() == ["2024-03-04", "ja"]
        assert lines["An English post"].split() == ["2024-01-02"]  # the site's own: unmarked
        assert await languages_shown(pilot, screen) == ["en  1", "ja  1"]
        assert "Categories" not in sidebar_lines(screen.tag_sidebar)
        # The last row of the sidebar is ja's: chosen, the list shows it alone.
        await pilot.press("t", "end", "enter")
        await until(pilot, lambda: screen.selected_tags == {"language:ja"})
        await settle(pilot)
        assert list(second_lines(screen)) == ["A Japanese post"]
        assert "✓ ja  1" in sidebar_lines(screen.tag_sidebar)
        await pilot.press("c")
        await until(pilot, lambda: not screen.selected_tags)
        await settle(pilot)
        assert list(second_lines(screen)) == ["A Japanese post", "An English post"]


async def test_the_preview_names_a_language_only_where_it_tells_something(
    tmp_path: Path,
) -> None:
    app = BlogApp(hugo_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        header = screen.preview.query_one("#preview-header")
        await until(pilot, lambda: "language ja" in text_of(header))
        await pilot.press("j")  # the English post
        await until(pilot, lambda: "An English post" in text_of(header))
        await settle(pilot)
        assert "language" not in text_of(header)


async def test_a_folder_mostly_in_french_marks_its_english_post(tmp_path: Path) -> None:
    app = BlogApp(french_folder(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await settle(pilot)
        lines = second_lines(screen)
        assert lines["In English"].split() == ["2024-01-04", "en", "#travel"]
        assert lines["Premier"].split() == ["2024-01-01", "#fr"]  # the tag, not the language
        assert lines["Troisième"].split() == ["2024-01-03"]
        assert await languages_shown(pilot, screen) == ["fr  3", "en  1"]
        sidebar = sidebar_lines(screen.tag_sidebar)
        assert "fr  1" in sidebar[: sidebar.index("Languages")]  # the tag fr, among tags
        # fr the language, with fr the tag: the one post that is both.
        await pilot.press("t", "end", "k", "enter")
        await until(pilot, lambda: screen.selected_tags == {"language:fr"})
        await settle(pilot)
        assert list(second_lines(screen)) == ["Troisième", "Deuxième", "Premier"]
        # Among the French posts, one tag is left: fr, below "All posts".
        await pilot.press("home", "j", "enter")
        await until(pilot, lambda: len(screen.selected_tags) == 2)
        await settle(pilot)
        assert screen.selected_tags == {"language:fr", "fr"}
        assert list(second_lines(screen)) == ["Premier"]
        await pilot.press("home", "enter")  # All posts: both cleared
        await until(pilot, lambda: not screen.selected_tags)


async def test_a_blog_in_one_language_has_no_languages_section_nor_marks(
    tmp_path: Path,
) -> None:
    for day in (1, 2):
        (tmp_path / f"2024-01-0{day}-post.md").write_text(
            f"---\ntitle: Post {day}\nlang: fr\ntags: [x]\n---\nText.\n", "utf-8"
        )
    for run in ("read", "from the cache"):
        app = BlogApp(tmp_path, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            screen = await started(pilot)
            assert await languages_shown(pilot, screen) == [], run
            assert [line.split() for line in second_lines(screen).values()] == [
                ["2024-01-02", "#x"],
                ["2024-01-01", "#x"],
            ], run


async def test_a_language_section_comes_back_from_the_cache(tmp_path: Path) -> None:
    french_folder(tmp_path)
    for _ in range(2):  # read, then restored from the cache (and the glimpse)
        app = BlogApp(tmp_path, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            screen = await started(pilot)
            assert await languages_shown(pilot, screen) == ["fr  3", "en  1"]
            assert second_lines(screen)["In English"].split() == ["2024-01-04", "en", "#travel"]


async def test_a_language_is_chosen_from_the_palette_and_never_renamed(tmp_path: Path) -> None:
    app = BlogApp(hugo_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("ctrl+p", *"language: ja")
        commands = await palette_results(pilot)
        assert "Language: ja" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await until(pilot, lambda: screen.selected_tags == {"language:ja"})
        await settle(pilot)
        assert list(second_lines(screen)) == ["A Japanese post"]
        # r on a language says why not, and changes no file.
        before = {path: path.read_text("utf-8") for path in tmp_path.rglob("*.md")}
        await pilot.press("t", "end", "r")
        await until(pilot, lambda: any("language" in str(n.message) for n in app._notifications))
        assert isinstance(app.screen, MainScreen)  # no prompt for a new name
        assert {path: path.read_text("utf-8") for path in tmp_path.rglob("*.md")} == before
