"""Every real blog beside the project loads, and opens in the app."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import started, until, until_open
from tui.app import BlogApp
from tui.blog import Blog, BlogError, BlogIndex, Post, frontmatter, read_post
from tui.blog.encoding import decode
from tui.blog.metadata import add_tag, remove_tag, set_draft, set_title
from tui.blog.parsing import parse_post
from tui.blog.post import split_language


@dataclass(frozen=True)
class Truth:
    """What the site generator shows for a corpus, counted by hand and by script."""

    posts: int
    titled: int
    """Posts whose title comes from the front matter or a heading."""
    dated: int
    """Posts whose date comes from the front matter, the file name or the path."""
    tagged: int
    with_categories: int
    drafts: int
    translations: int
    """Posts with a language: from their file name (index.es.md) or front matter."""
    with_problems: int


TRUTHS = {
    # Dates only in the file names; categories on every post; YAML aliases.
    "jekyll-mademistakes": Truth(1005, 1005, 1005, 1005, 1005, 0, 0, 0),
    # 768 files less the TOML _index.md section page; 122 translations
    # (index.es.md ...); 4 files with no date of their own or their bundle
    # folder's name (2021-02-03-targets/...): headless bundles and templates;
    # 3 with a line too long to edit here (6,175 to 36,214 characters); one
    # whose front matter comes after a blank line, which Hugo reads.
    "hugo-ropensci": Truth(767, 764, 763, 760, 22, 0, 122, 3),
    # 400 or so notes have no title; 18 files under drafts/ have no date yet;
    # 1,131 name their language in their front matter (lang: en 625, fr 506),
    # which gives a post its language as a file name does.
    "fr-nhoizey": Truth(1529, 1126, 1508, 1514, 0, 18, 1131, 0),
    # Jekyll's fixtures and Statiq front matter without an opening fence.
    "messy": Truth(325, 292, 200, 5, 148, 1, 0, 1),
}


def truth_of(index: BlogIndex) -> Truth:
    posts = index.posts()

    def titled(post: Post) -> bool:
        stem, _ = split_language(post.path)
        from_folder = stem == "index" and post.title == post.path.parent.name
        return post.title != post.path.name and not from_folder

    return Truth(
        posts=len(posts),
        titled=sum(map(titled, posts)),
        dated=sum(post.date_source != "modified" for post in posts),
        tagged=sum(bool(post.tags) for post in posts),
        with_categories=sum(bool(post.categories) for post in posts),
        drafts=sum(post.draft for post in posts),
        translations=sum(post.language is not None for post in posts),
        with_problems=sum(bool(post.problems) for post in posts),
    )


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_each_corpus_reads_as_its_generator_shows_it(corpora: Path, name: str) -> None:
    index = Blog(corpora / name).load()  # read_post never raises; this would fail if it did
    assert truth_of(index) == TRUTHS[name]


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_no_file_loses_its_metadata_silently(corpora: Path, name: str) -> None:
    """A file that opens like front matter either gives metadata or says why not."""
    for post in Blog(corpora / name).load().posts():
        text = decode(post.path.read_bytes()).text
        opens_like_front_matter = text.lstrip("\ufeff").startswith(("---", "+++", "{"))
        if opens_like_front_matter and not post.problems:
            matter = frontmatter.split(text)
            assert matter.format is not None, post.relative


def test_spot_checks_of_the_hard_files(corpora: Path) -> None:
    def post(corpus: str, relative: str) -> Post:
        return read_post(corpora / corpus / relative, corpora / corpus)

    paper = post("jekyll-mademistakes", "mastering-paper/2013-11-25-drawing-textures.md")
    assert paper.title == "Mastering Paper for iOS: drawing textures"
    assert (paper.date, paper.date_source) == (dt.datetime(2013, 11, 25), "file name")
    assert paper.categories == ("mastering-paper",)
    assert paper.tags == ("Paper for iOS", "tutorial", "Apple")

    spanish = post("hugo-ropensci", "2017-09-01-nsf-softwarereview/index.es.md")
    assert spanish.language == "es"
    assert spanish.translation_of == "2017-09-01-nsf-softwarereview/index.md"
    assert spanish.title.startswith("Cómo rOpenSci utiliza la revisión de código")
    assert "revisión por pares de software" in spanish.tags
    hugo = Blog(corpora / "hugo-ropensci").load()
    assert "notas técnicas" in {tag.name for tag in hugo.tag_counts()}
    assert not any(p.path.name == "_index.md" for p in hugo.posts())

    spaced = post("fr-nhoizey", "articles/2006/03/27/halte-au-vol-de-bande-passante/index.md")
    assert spaced.title == "Halte au vol de bande passante !"  # opens with "--- "
    assert spaced.tags == ("fail", "hosting", "RewriteRule")

    fixtures = "messy/jekyll-test-fixtures"
    assert post(fixtures, "_encodings/Unicode16LECRLFandBOM.md").title == "Unicode16CRLFandBOM"
    # 2017-04-05 16:16:01 -08:00: the day Jekyll shows, as written.
    assert post(fixtures, "_encodings/UTF8CRLFandBOM.md").date == dt.datetime(2017, 4, 5, 16, 16, 1)
    dots = post(fixtures, "_posts/2014-03-03-yaml-with-dots.md")
    assert dots.title == "Test Post Where YAML Ends in Dots"
    zeroes = post(fixtures, "_posts/2017-2-5-i-dont-like-zeroes.md")
    assert (zeroes.date, zeroes.date_source) == (dt.datetime(2017, 2, 5), "file name")
    assert post(fixtures, "_broken/bad_post.md").problems
    assert post(fixtures, "_posts/2009-05-18-tags.markdown").tags == ("food", "cooking", "pizza")
    odd = post(fixtures, "_posts/2014-03-22-escape-+ %20[].markdown")
    assert odd.title == "Plus space percent"

    statiq = post("messy/cake-build-website", "community/resources/podcasts.md")
    assert statiq.title == "2020"  # its first heading: the front matter has no Title
    assert not statiq.problems


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
        await pilot.press("t", "j", "j", "space")  # past "All posts" and "Pages"
        await until(pilot, lambda: screen.post_list.option_count < len(screen.blog.index))
        assert len(screen.selected_tags) == 1
        assert screen.post_list.option_count > 0


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_metadata_edits_on_every_real_post(corpora: Path, name: str) -> None:
    """Adding and removing a tag, retitling and drafting real posts, in place."""
    edited = 0
    for post in Blog(corpora / name).load().posts():
        text = decode(post.path.read_bytes()).text
        matter = frontmatter.split(text)
        if matter.format not in ("yaml", "toml") or matter.problems:
            continue
        body = text[matter.body_offset :]
        added = add_tag(text, "zz-new")
        assert added.endswith(body), post.relative
        again = parse_post(added.encode(), post.path, post.relative, 0, 0)
        assert again.tags == (*post.tags, "zz-new"), post.relative
        if post.tags:
            assert remove_tag(added, "zz-new") == text, post.relative
        drafted = parse_post(set_draft(text, True).encode(), post.path, post.relative, 0, 0)
        assert drafted.draft, post.relative
        with contextlib.suppress(BlogError):  # a title over several lines is left alone
            retitled = set_title(text, "Un titre : neuf")
            assert parse_post(retitled.encode(), post.path, post.relative, 0, 0).title == (
                "Un titre : neuf"
            ), post.relative
        edited += 1
    assert edited > TRUTHS[name].posts // 4
