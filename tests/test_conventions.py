"""New posts are named and written the way the folder already does it."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
import yaml

from tui.blog import Blog, frontmatter
from tui.blog.conventions import DEFAULT, Convention, detect

NOW = dt.datetime(2026, 3, 4, 9, 8, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def make(folder: Path, files: dict[str, str]) -> Blog:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    blog = Blog(folder)
    blog.load()
    return blog


def test_an_empty_folder_gets_the_default(tmp_path: Path) -> None:
    assert detect(Blog(tmp_path).load().posts()) == DEFAULT
    text, line = DEFAULT.text("Hello", NOW)
    assert text == '---\ntitle: "Hello"\ndate: 2026-03-04\ntags: []\ndraft: true\n---\n\n'
    assert line == 7


def test_jekyll_names_and_quoted_iso_dates(tmp_path: Path) -> None:
    blog = make(
        tmp_path,
        {
            f"_posts/2020-01-0{day}-post-{day}.markdown": (
                f"---\ntitle: P\ndate: '2020-01-0{day}T10:00:00+01:00'\ncategories: [x]\n---\n"
            )
            for day in range(1, 5)
        },
    )
    convention = detect(blog.index.posts())
    assert convention.relative_path("Été !", NOW.date()) == "_posts/2026-03-04-ete.markdown"
    assert (convention.date_shape, convention.date_quote) == ("iso", "'")
    # A tag given stays a tag, even where the posts give only categories.
    assert convention.tags_key == "tags"
    assert convention.draft_key == "draft"  # none in use: the default
    # In the Jekyll site (a folder with _posts/), a draft goes where Jekyll keeps them.
    convention = detect(blog.index.posts(), blog.site)
    assert convention.relative_path("Été !", NOW.date()) == "_drafts/ete.markdown"
    post, line = blog.new_post("Été !", NOW, ("a",), convention)
    text = post.path.read_text("utf-8")
    assert "date: '2026-03-04T09:08:07+01:00'\ntags: [a]\n---\n" in text
    assert post.draft and post.tags == ("a",) and post.date is not None
    assert text.split("\n")[line] == ""


def test_hugo_bundles_with_toml(tmp_path: Path) -> None:
    blog = make(
        tmp_path,
        {
            f"2021-0{month}-01-trip-{month}/index.md": (
                f'+++\ntitle = "T"\ndate = 2021-0{month}-01\ntags = ["x"]\ndraft = false\n+++\n'
            )
            for month in range(1, 4)
        },
    )
    convention = detect(blog.index.posts())
    assert convention.layout == "dated-bundle" and convention.format == "toml"
    post, _ = blog.new_post('Say "hi"', NOW, ("a b",), convention)
    assert post.relative == "2026-03-04-say-hi/index.md"
    matter = frontmatter.split(post.path.read_text("utf-8"))
    assert matter.format == "toml"
    assert tomllib.loads(matter.source) == {
        "title": 'Say "hi"',
        "date": dt.date(2026, 3, 4),
        "tags": ["a b"],
        "draft": True,
    }


def test_eleventy_date_paths_and_zoned_times(tmp_path: Path) -> None:
    blog = make(
        tmp_path,
        {
            f"articles/2024/05/0{day}/post-{day}/index.md": (
                f"---\ntitle: P\ndate: 2024-05-0{day} 11:00:00 +02:00\ntags: [x]\n---\n"
            )
            for day in range(1, 4)
        },
    )
    convention = detect(blog.index.posts())
    assert convention.relative_path("New", NOW.date()) == "articles/2026/03/04/new/index.md"
    text, _ = convention.text("New", NOW)
    assert "date: 2026-03-04 09:08:07 +01:00\n" in text
    assert yaml.safe_load(text.split("---")[1])["draft"] is True


def test_published_false_when_the_folder_uses_it(tmp_path: Path) -> None:
    blog = make(tmp_path, {"a.md": "---\ntitle: A\npublished: true\n---\n"})
    text, _ = detect(blog.index.posts()).text("B", NOW)
    assert "published: false\n" in text and "draft" not in text


def test_a_taken_name_gets_a_number(tmp_path: Path) -> None:
    blog = Blog(tmp_path)
    first, _ = blog.new_post("Same", NOW)
    second, _ = blog.new_post("Same", NOW)
    assert (first.relative, second.relative) == ("2026-03-04-same.md", "2026-03-04-same-2.md")
    bundle = Convention(layout="bundle")
    assert blog.new_post("Same", NOW, convention=bundle)[0].relative == "same/index.md"
    assert blog.new_post("Same", NOW, convention=bundle)[0].relative == "same-2/index.md"


@pytest.mark.parametrize(
    ("corpus", "layout", "date_shape"),
    [
        ("hugo-ropensci", "dated-bundle", "date"),
        ("fr-nhoizey", "date-path", "datetime-space"),
        ("jekyll-mademistakes", "dated", "date"),
    ],
)
def test_the_real_blogs_conventions(
    corpora: Path, corpus: str, layout: str, date_shape: str
) -> None:
    convention = detect(Blog(corpora / corpus).load().posts())
    assert (convention.layout, convention.date_shape) == (layout, date_shape)
