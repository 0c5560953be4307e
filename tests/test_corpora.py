"""Every real blog beside the project loads, and opens in the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import started, until_open
from tui.app import BlogApp
from tui.blog import Blog

EXPECTED_AT_LEAST = {
    "jekyll-mademistakes": 1000,
    "hugo-ropensci": 760,
    "fr-nhoizey": 1500,
    "messy": 300,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_AT_LEAST))
def test_every_file_of_the_corpus_loads(corpora: Path, name: str) -> None:
    folder = corpora / name
    files = [
        p for p in folder.rglob("*") if p.suffix.lower() in (".md", ".markdown") and p.is_file()
    ]
    index = Blog(folder).load()  # read_post never raises; this would fail if it did
    assert len(index) >= EXPECTED_AT_LEAST[name]
    assert len(index) <= len(files)
    for post in index.posts():
        assert post.title
        assert post.date is not None


def test_the_messy_corpus_is_read_as_its_generators_would(corpora: Path) -> None:
    root = corpora / "messy" / "jekyll-test-fixtures"
    index = Blog(root).load()
    by_name = {post.path.name: post for post in index.posts()}
    assert by_name["UTF8CRLFandBOM.md"].date is not None
    assert by_name["Unicode16LECRLFandBOM.md"].title == "Unicode16CRLFandBOM"
    assert by_name["2017-2-5-i-dont-like-zeroes.md"].date_source == "file name"
    assert by_name["bad_post.md"].problems
    assert by_name["2009-05-18-tags.markdown"].tags == ("food", "cooking", "pizza")


async def test_the_app_opens_a_real_blog(corpora: Path) -> None:
    folder = corpora / "hugo-ropensci"
    app = BlogApp(folder, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert screen.post_list.option_count == len(screen.blog.index)
        assert screen.post_list.highlighted == 0  # on the newest post, once all are read
        await pilot.press("j", "enter")
        newest = screen.post_list.post_at(1)
        assert newest is not None
        await until_open(pilot, screen, newest.path)
        await pilot.press("t", "j", "space")
        await pilot.pause()
        assert len(screen.selected_tags) == 1
        assert 0 < screen.post_list.option_count < len(screen.blog.index)
