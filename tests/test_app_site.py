"""A blog in a site: the header names its generator and root, and its pages
are marked, listed after the posts, and filtered by the sidebar's "Pages"."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import screen_text, settle, started, text_of, until
from tests.test_app_reading import listed_titles
from tests.test_tag_sidebar import sidebar_lines
from tui.app import BlogApp
from tui.blog.post import Post, read_post
from tui.blog.rows import record_of
from tui.screens.main import MainScreen, pages_at_end, pages_last

SIZE = (120, 30)


def jekyll_site(root: Path) -> Path:
    """A Jekyll site: two posts in _posts, a page beside them (about.md)."""
    (root / "_config.yml").write_text("title: A site\n", "utf-8")
    posts = root / "_posts"
    posts.mkdir()
    (posts / "2024-01-02-hello.md").write_text(
        "---\ntitle: Hello world\ntags: [news, team]\n---\nFirst words.\n", "utf-8"
    )
    (posts / "2024-03-04-later.md").write_text(
        "---\ntitle: Later on\n---\nThe hello of a later post.\n", "utf-8"
    )
    (root / "about.md").write_text(
        "---\ntitle: About this hello\nlayout: page\ntags: [team]\n---\nWho writes here.\n", "utf-8"
    )
    return root


def list_lines(screen: MainScreen) -> list[str]:
    """The post list's lines as shown, inside its border, each stripped."""
    inside = text_of(screen.post_list).splitlines()[1:-1]
    return [text for line in inside if (text := line.strip("│ "))]


async def choose_pages(pilot: Pilot[None], screen: MainScreen) -> None:
    """To the sidebar, down to "Pages", chosen."""
    await pilot.press("t", "j", "enter")
    await until(pilot, lambda: screen.pages_only)
    await settle(pilot)


async def test_the_header_names_the_generator_and_the_site_root(tmp_path: Path) -> None:
    root = jekyll_site(tmp_path)
    app = BlogApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await until(pilot, lambda: screen.sub_title != str(root))
        assert screen.sub_title == f"Jekyll site · {root}"
        await settle(pilot)
        assert f"blog — Jekyll site · {root}" in screen_text(pilot).splitlines()[0]


async def test_a_folder_below_the_root_is_named_after_it(tmp_path: Path) -> None:
    root = jekyll_site(tmp_path)
    app = BlogApp(root / "_posts", watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await until(pilot, lambda: (screen.sub_title or "").startswith("Jekyll"))
        assert screen.sub_title == f"Jekyll site · {root} · _posts"
        assert listed_titles(app) == ["Later on", "Hello world"]


async def test_a_folder_in_no_site_keeps_its_path_in_the_header(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nText\n", "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await settle(pilot)  # the site was looked for: none
        assert screen.blog.site.name == ""
        assert screen.sub_title == str(tmp_path)
        # Nor any "Pages" row, nor a page mark: only posts.
        assert sidebar_lines(screen.tag_sidebar)[:2] == ["✓ All posts  1", ""]
        assert "page" not in text_of(screen.post_list)


async def test_a_page_is_marked_and_listed_after_the_posts(tmp_path: Path) -> None:
    app = BlogApp(jekyll_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert listed_titles(app) == ["Later on", "Hello world", "About this hello"]
        lines = list_lines(screen)
        assert lines[:4] == ["Later on", "2024-03-04", "Hello world", "2024-01-02  #news  #team"]
        assert lines[4] == "About this hello"
        assert lines[5].startswith("page  ")  # first, then the file's date
        assert "(modified)  #te" in lines[5]


async def test_the_pages_row_filters_the_list_to_the_pages(tmp_path: Path) -> None:
    app = BlogApp(jekyll_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        sidebar = screen.tag_sidebar
        assert sidebar_lines(sidebar)[:3] == ["✓ All posts  3", "Pages  1", "team  2"]
        await choose_pages(pilot, screen)
        assert listed_titles(app) == ["About this hello"]
        assert sidebar_lines(sidebar)[:2] == ["All posts  3", "✓ Pages  1"]
        await pilot.press("enter")  # chosen again: every post
        await until(pilot, lambda: not screen.pages_only)
        await settle(pilot)
        assert len(listed_titles(app)) == 3
        await pilot.press("enter")
        await until(pilot, lambda: screen.pages_only)
        await pilot.press("c")  # clears it, as it clears the tags
        await until(pilot, lambda: not screen.pages_only)
        await settle(pilot)
        assert len(listed_titles(app)) == 3
        assert sidebar_lines(sidebar)[:2] == ["✓ All posts  3", "Pages  1"]
        await pilot.press("enter", "home", "enter")  # "All posts" clears it too
        await until(pilot, lambda: not screen.pages_only)
        await settle(pilot)
        assert len(listed_titles(app)) == 3
        assert sidebar.highlighted == 0


async def test_pages_and_tags_filter_together(tmp_path: Path) -> None:
    app = BlogApp(jekyll_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        sidebar = screen.tag_sidebar
        await choose_pages(pilot, screen)
        # Only the pages' tags are left: "team", not "news".
        assert sidebar_lines(sidebar)[:4] == ["All posts  3", "✓ Pages  1", "team  1", ""]
        await pilot.press("j", "space")
        await until(pilot, lambda: bool(screen.selected_tags))
        await settle(pilot)
        assert listed_titles(app) == ["About this hello"]
        assert sidebar_lines(sidebar)[:3] == ["All posts  2", "✓ Pages  1", "✓ team  1"]
        await pilot.press("k", "enter")  # "Pages" again: every post with the tag
        await until(pilot, lambda: not screen.pages_only)
        await settle(pilot)
        assert listed_titles(app) == ["Hello world", "About this hello"]
        assert sidebar_lines(sidebar)[:3] == ["All posts  2", "Pages  1", "✓ team  2"]
        await pilot.press("j", "space")  # the tag off, "news" on: no page has it
        await until(pilot, lambda: not screen.selected_tags)
        await settle(pilot)
        await pilot.press("down", "down", "space")
        await until(pilot, lambda: screen.selected_tags == {"news"})
        await settle(pilot)
        assert listed_titles(app) == ["Hello world"]
        assert sidebar_lines(sidebar)[:3] == ["All posts  1", "✓ news  1", "team  1"]


async def test_search_finds_pages_after_the_posts(tmp_path: Path) -> None:
    app = BlogApp(jekyll_site(tmp_path), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("slash", *"hello")
        await settle(pilot)
        # The page's title has the word, the posts only their title or body:
        # the page still comes after them.
        assert listed_titles(app) == ["Hello world", "Later on", "About this hello"]
        assert sidebar_lines(screen.tag_sidebar)[:2] == ["✓ All posts  3", "Pages  1"]
        await pilot.press("enter")  # to the list
        await choose_pages(pilot, screen)
        assert listed_titles(app) == ["About this hello"]
        assert screen.search_field.value == "hello"


async def test_a_next_start_from_the_cache_lists_the_pages_apart(tmp_path: Path) -> None:
    root = jekyll_site(tmp_path)
    (root / "contact.md").write_text("---\ntitle: Contact\n---\nMail\n", "utf-8")
    async with BlogApp(root, watch=False).run_test(size=SIZE) as pilot:
        await started(pilot)  # read, and kept in the cache
    app = BlogApp(root, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await settle(pilot)
        assert sidebar_lines(screen.tag_sidebar)[:2] == ["✓ All posts  4", "Pages  2"]
        await choose_pages(pilot, screen)
        assert listed_titles(app) == ["Contact", "About this hello"]
        assert sidebar_lines(screen.tag_sidebar)[:2] == ["All posts  4", "✓ Pages  2"]


def test_pages_are_counted_and_put_last_without_making_posts_restored_from_the_cache(
    tmp_path: Path,
) -> None:
    """A next start's posts are the cache's rows until shown (Post.deferred):
    the sidebar's count of the pages, and a search's order, ask their sort keys only."""
    site = jekyll_site(tmp_path)
    read = [
        read_post(site / relative, site)
        for relative in ("_posts/2024-03-04-later.md", "about.md", "_posts/2024-01-02-hello.md")
    ]
    deferred = [Post.deferred(lambda r: site / r, post.relative, record_of(post)) for post in read]
    assert pages_at_end(deferred) == 0
    last = pages_last(deferred)
    assert [post.relative for post in last] == [
        "_posts/2024-03-04-later.md",
        "_posts/2024-01-02-hello.md",
        "about.md",
    ]
    assert pages_at_end(last) == 1
    assert pages_last(last) is last  # already in place: the same list
    assert all(post.record is not None for post in deferred)  # none made


async def test_the_site_root_in_the_header_is_shown_as_text(tmp_path: Path) -> None:
    root = tmp_path / "[b]site\x1b[31m"
    root.mkdir()
    jekyll_site(root)
    app = BlogApp(root / "_posts", watch=False)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await started(pilot)
        await until(pilot, lambda: (screen.sub_title or "").startswith("Jekyll"))
        await settle(pilot)
        header = screen_text(pilot).splitlines()[0]
        assert f"Jekyll site · {tmp_path}/[b]site␛[31m · _posts" in header


async def test_a_pelican_post_is_previewed_without_its_header(tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_text("SITENAME = 'x'\nPATH = 'content'\n", "utf-8")
    posts = tmp_path / "content"
    posts.mkdir()
    (posts / "one.md").write_text(
        "Title: One\nDate: 2020-01-02\nSlug: one-slug\n\nThe body begins here.\n", "utf-8"
    )
    (posts / "pages").mkdir()
    (posts / "pages" / "about.md").write_text("Title: About\nCategory: page\n\nAbout.\n", "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: "The body begins here." in screen_text(pilot))
        shown = screen_text(pilot)
        assert "Slug:" not in shown and "one-slug" not in shown
        # A page's `Category: page` is no category; the post is in Pelican's default one.
        lines = [line.strip() for line in sidebar_lines(screen.tag_sidebar)]
        assert "misc  1" in lines and not any(line.startswith("page") for line in lines)


async def test_an_mdx_post_shows_its_imports_and_jsx_as_code(tmp_path: Path) -> None:
    (tmp_path / "docusaurus.config.js").write_text("module.exports = {};\n", "utf-8")
    post = tmp_path / "blog" / "2024-05-06-hello" / "index.mdx"
    post.parent.mkdir(parents=True)
    post.write_text(
        "---\ntitle: Hello\n---\nimport Tabs from '@theme/Tabs';\n\nThe text.\n\n"
        "<Tabs>\n  Inside\n</Tabs>\n",
        "utf-8",
    )
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert listed_titles(app) == ["Hello"]
        await pilot.press("enter")
        await until(pilot, lambda: "The text." in screen_text(pilot))
        # As code, line for line: not run together into a paragraph.
        shown = screen_text(pilot)
        assert "import Tabs from '@theme/Tabs';" in shown
        lines = [line.rstrip(" │").rsplit("│", 1)[-1].strip() for line in shown.splitlines()]
        assert lines[lines.index("<Tabs>") :][:3] == ["<Tabs>", "Inside", "</Tabs>"]


async def test_a_config_file_written_later_makes_the_folder_its_site(tmp_path: Path) -> None:
    from tests.test_following import until as until_synced

    for name, title in (("content/blog/a.md", "A post"), ("content/docs/b.md", "A doc")):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"---\ntitle: {title}\ndate: 2024-01-02\n---\n", "utf-8")
    app = BlogApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert [post.kind for post in screen.blog.index.posts()] == ["post", "post"]
        (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org"\n', "utf-8")
        await until_synced(pilot, screen, lambda: screen.blog.site.name == "hugo")
        await until(pilot, lambda: (screen.sub_title or "").startswith("Hugo site"))
        kinds = {post.title: post.kind for post in screen.blog.index.posts()}
        assert kinds == {"A post": "post", "A doc": "page"}  # docs: not a blog section
        assert "Pages  1" in sidebar_lines(screen.tag_sidebar)


async def test_the_sites_config_above_the_folder_is_followed_too(tmp_path: Path) -> None:
    from tests.test_following import until as until_synced

    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org"\n', "utf-8")
    for name in ("content/blog/a.md", "content/notes/b.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"---\ntitle: {name}\ndate: 2024-01-02\n---\n", "utf-8")
    app = BlogApp(tmp_path / "content")
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        kinds = {post.relative: post.kind for post in screen.blog.index.posts()}
        assert kinds == {"blog/a.md": "post", "notes/b.md": "page"}
        await until(pilot, lambda: (screen.sub_title or "").startswith("Hugo site"))
        # The site now names its posts' sections: the notes become posts.
        (tmp_path / "hugo.toml").write_text(
            'baseURL = "https://example.org"\n[params]\nmainSections = ["blog", "notes"]\n',
            "utf-8",
        )
        await until_synced(
            pilot,
            screen,
            lambda: {post.kind for post in screen.blog.index.posts()} == {"post"},
        )


async def test_typing_in_a_pelican_post_keeps_its_title_in_the_preview(tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_text("SITENAME = 'x'\nPATH = 'content'\n", "utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "one.md").write_text(
        "Title: Its own title\nDate: 2020-01-02\n\n# A heading\n\nText.\n", "utf-8"
    )
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("v", "e")
        await until(pilot, lambda: screen.document is not None)
        screen.previewed.clear()
        await pilot.press(*["down"] * 5, "end", *" More")
        # The header is read again from the editor's text, as the site reads it:
        # Pelican's `Title:`, not the first heading.
        await until(pilot, lambda: "More" in screen.editor.text)
        await until(pilot, lambda: screen.previewed.is_set())
        shown = screen.preview._post
        assert shown is not None and shown.title == "Its own title"
