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


def test_the_newest_fifty_posts_decide(tmp_path: Path) -> None:
    old = {
        f"old/p{n}.md": f"---\ntitle: P\ndate: 2020-01-01 00:{n:02}:00\n---\n" for n in range(50)
    }
    new = {
        f"new/p{n}.md": f"---\ntitle: P\ndate: 2024-01-01 00:{n:02}:00\n---\n" for n in range(50)
    }
    convention = detect(make(tmp_path, old | new).index.posts())
    assert convention.relative_path("Été", NOW.date()) == "new/ete.md"


def test_posts_dated_by_their_file_time_count_only_when_there_are_no_others(
    tmp_path: Path,
) -> None:
    # Three posts, two of them undated: the one that is dated says how to name a new one.
    blog = make(
        tmp_path,
        {
            "2024-01-01-dated.md": "---\ntitle: D\n---\n",
            "note-a.md": "---\ntitle: A\n---\n",
            "note-b.md": "---\ntitle: B\n---\n",
        },
    )
    assert detect(blog.index.posts()).relative_path("Été", NOW.date()) == "2026-03-04-ete.md"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.md": "A\n", "b.md": "B\n"}, "ete.md"),
        ({"2024-01-01-a.md": "A\n"}, "2026-03-04-ete.md"),
        ({"a/index.md": "A\n"}, "ete/index.md"),
        ({"2024-01-01-a/index.md": "A\n"}, "2026-03-04-ete/index.md"),
        ({"2024/01/01/a/index.md": "A\n"}, "2026/03/04/ete/index.md"),
        ({"TeX/2024/01/01/a/index.md": "A\n"}, "TeX/2026/03/04/ete/index.md"),
        ({"X/a.md": "A\n"}, "X/ete.md"),
    ],
)
def test_posts_at_the_top_of_the_blog_give_a_bare_name(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    convention = detect(make(tmp_path, files).index.posts())
    assert convention.relative_path("Été", NOW.date()) == expected


def test_posts_without_front_matter_give_the_default_one(tmp_path: Path) -> None:
    blog = make(tmp_path, {f"2024-01-0{n}-a.md": "# Just text\n" for n in (1, 2, 3)})
    assert detect(blog.index.posts()).text("Hi", NOW)[0] == (
        '---\ntitle: "Hi"\ndate: 2026-03-04\ntags: []\ndraft: true\n---\n\n'
    )


def test_a_post_that_vanished_is_skipped_and_the_others_still_read(tmp_path: Path) -> None:
    files = {
        f"2024-01-0{n}-a.md": f'+++\ntitle = "A"\ndate = "2024-01-0{n} 10:00:00 +01:00"\n+++\n'
        for n in (1, 2)
    }
    blog = make(tmp_path, files | {"2024-01-03-gone.md": "---\ntitle: G\n---\n"})
    (tmp_path / "2024-01-03-gone.md").unlink()
    assert detect(blog.index.posts()).text("Hi", NOW)[0] == (
        '+++\ntitle = "Hi"\ndate = "2026-03-04 09:08:07 +01:00"\ntags = []\ndraft = true\n+++\n\n'
    )


def test_the_majority_wins_for_format_tags_and_drafts(tmp_path: Path) -> None:
    blog = make(
        tmp_path,
        {
            "2024-01-01-a.md": "---\ntitle: A\ntags: [x]\ndraft: false\n---\n",
            "2024-01-02-b.md": "---\ntitle: B\ntags: [x]\ndraft: false\n---\n",
            "2024-01-03-c.md": '+++\ntitle = "C"\ncategories = ["x"]\npublished = true\n+++\n',
        },
    )
    assert detect(blog.index.posts()).text("Hi", NOW)[0] == (
        '---\ntitle: "Hi"\ndate: 2026-03-04\ntags: []\ndraft: true\n---\n\n'
    )


def test_toml_tags_keep_their_accents() -> None:
    assert Convention(format="toml").text("Hi", NOW, ("café", "naïve ✓"))[0] == (
        '+++\ntitle = "Hi"\ndate = 2026-03-04\ntags = ["café", "naïve ✓"]\ndraft = true\n+++\n\n'
    )
