"""Links between posts open them in the app; images show as alt text and target."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from tests.helpers import read_newest, screen_text, settle, until_open
from tui.app import BlogApp
from tui.blog import Blog
from tui.blog.links import is_web_link, resolve_link

CM = "2010-06-02-les-deux-types-de-community-managers.md"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (CM, CM),
        (f"./{CM}#titre", CM),
        ("2010-06-02-les-deux-types-de-community-managers", CM),
        ("/2010/06/02/les-deux-types-de-community-managers/", CM),
        ("les-deux-types-de-community-managers.html", CM),
        ("trip/", "trip/index.md"),
        ("../posts/trip/index.md", "trip/index.md"),
        ("nothing-here.md", None),
        ("https://example.org/x.md", None),
    ],
)
def test_links_resolve_to_posts(blog_dir: Path, href: str, expected: str | None) -> None:
    (blog_dir / "trip").mkdir()
    (blog_dir / "trip" / "index.md").write_text("---\ntitle: Trip\n---\n", "utf-8")
    blog = Blog(blog_dir)
    index = blog.load()
    post = resolve_link(index, blog.root, blog.root / "2010-11-08-steve-jobs-stanford.md", href)
    assert (post.relative if post else None) == expected


def test_web_links() -> None:
    assert is_web_link("https://x.org") and is_web_link("MAILTO:a@b.c")
    assert not is_web_link("other.md") and not is_web_link("/2010/01/01/x/")


async def test_a_link_to_another_post_opens_it_and_images_show_their_target(
    blog_dir: Path,
) -> None:
    steve = blog_dir / "2010-11-08-steve-jobs-stanford.md"
    with steve.open("a", encoding="utf-8") as post:
        post.write(f"\nVoir [l’autre billet]({CM}).\n\n![Steve sur scène](/img/jobs.jpg)\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await read_newest(pilot, steve)
        body = screen.query_one("#preview-body", Markdown)
        assert "🖼 Steve sur scène (/img/jobs.jpg)" in screen_text(pilot)
        body.post_message(Markdown.LinkClicked(body, CM))  # what a click on the link sends
        await until_open(pilot, screen, blog_dir / CM)
        assert screen.post_list.highlighted_path == blog_dir / CM
        body.post_message(Markdown.LinkClicked(body, "missing.md"))
        await settle(pilot)
        assert "No post at missing.md" in [str(n.message) for n in app._notifications]
