"""A post's fields read exactly, at the edges of each rule: what the
generator's own splitting, the keys' fallbacks and the messages give."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.sites import make, posts_of, sites_read_afresh  # noqa: F401 (a fixture)
from tui.blog.parsing import parse_post
from tui.blog.post import Post, is_page_key


def one(tmp_path: Path, text: str, name: str = "p.md") -> Post:
    return posts_of(make(tmp_path, {name: text}))[name]


def test_a_post_read_without_a_site_is_a_post() -> None:
    post = parse_post(b"---\ntitle: T\n---\n", Path("/x/p.md"), "p.md", 0, 0)
    assert post.kind == "post" and not is_page_key(post.sort_key)


def test_a_jekyll_site_opened_below_its_root_reads_paths_from_the_root(tmp_path: Path) -> None:
    make(tmp_path, {"_config.yml": "title: x\n", "news/_posts/2024-01-02-a.md": "---\n---\n"})
    post = posts_of(tmp_path / "news")["_posts/2024-01-02-a.md"]
    assert (post.kind, post.categories, post.title) == ("post", ("news",), "A")


def test_an_empty_date_is_no_date_and_no_problem(tmp_path: Path) -> None:
    post = one(tmp_path, '---\ntitle: T\ndate: ""\n---\n', "2020-03-04-t.md")
    assert (post.day, post.date_source, post.problems) == ("2020-03-04", "file name", ())


def test_an_empty_key_gives_way_to_the_next(tmp_path: Path) -> None:
    assert one(tmp_path, '---\ntags: ""\ntag: x\n---\n').tags == ("x",)


@pytest.mark.parametrize(
    ("files", "name", "categories"),
    [
        # Hugo: a string is one category, spaces and all.
        (
            {
                "hugo.toml": 'baseURL = "x"\n',
                "content/blog/a.md": "---\ncategories: Web Dev\n---\n",
            },
            "content/blog/a.md",
            ("Web Dev",),
        ),
        # No site: split on commas, else on spaces.
        ({"a.md": "---\ncategories: Web Dev\n---\n"}, "a.md", ("Web", "Dev")),
    ],
)
def test_categories_are_split_as_the_generator_splits_them(
    tmp_path: Path, files: dict[str, str], name: str, categories: tuple[str, ...]
) -> None:
    assert posts_of(make(tmp_path, files))[name].categories == categories


@pytest.mark.parametrize(
    ("files", "name", "tags"),
    [
        (  # Jekyll: on spaces only, a comma kept in its word
            {"_config.yml": "x: 1\n", "_posts/2024-01-02-a.md": "---\ntags: a, b c\n---\n"},
            "_posts/2024-01-02-a.md",
            ("a,", "b", "c"),
        ),
        (  # Pelican: on commas only
            {
                "pelicanconf.py": "SITENAME = 'x'\n",
                "content/a.md": "Title: A\nTags: machine learning\n\n",
            },
            "content/a.md",
            ("machine learning",),
        ),
    ],
)
def test_tags_are_split_as_the_generator_splits_them(
    tmp_path: Path, files: dict[str, str], name: str, tags: tuple[str, ...]
) -> None:
    assert posts_of(make(tmp_path, files))[name].tags == tags


def test_the_language_written_in_the_front_matter_in_lower_case(tmp_path: Path) -> None:
    assert one(tmp_path, "---\ntitle: T\nlang: FR\n---\n").language == "fr"
    assert one(tmp_path / "b", "---\ntitle: T\nlanguage: ' pt-BR '\n---\n").language == "pt-br"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ndate: 2020-01-01\ntitle: 1.10\n---\n", "1.10"),  # on any line, as written
        ('{"title": 1.5}\n', "1.5"),  # JSON: no `title:` line to show
    ],
)
def test_a_title_read_as_a_number_is_shown_as_written(
    tmp_path: Path, text: str, title: str
) -> None:
    assert one(tmp_path, text).title == title


def test_a_post_dated_by_its_file_has_the_files_time(tmp_path: Path) -> None:
    path = make(tmp_path, {"p.md": "---\ntitle: T\n---\n"}) / "p.md"
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    post = posts_of(tmp_path)["p.md"]
    assert (post.date, post.date_source) == (
        dt.datetime.fromtimestamp(1_700_000_000), "modified"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "draft"),
    [
        ("notes/drafts/a.md", "---\ntitle: A\n---\n", True),  # a drafts folder at any depth
        ("b.md", '---\npublished: "no"\n---\n', True),  # a string that says no
        ("c.md", '---\npublished: "maybe"\n---\n', False),
        ("d.md", '---\ndraft: "false"\n---\n', False),
    ],
)
def test_what_makes_a_draft(tmp_path: Path, name: str, text: str, draft: bool) -> None:
    assert one(tmp_path, text, name).draft is draft


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        (
            "p.md",
            "{a: 1, b: 2, c: 3, d: 4}",
            "date: a mapping of a, b, c is not a date this app can read; listed undated",
        ),
        ("p.md", "[1, 2]", "date: a list is not a date this app can read; listed undated"),
        (
            "2024/05/06/p.md",
            "soon",
            "date: soon is not a date this app can read; dated by its folders instead",
        ),
    ],
)
def test_a_date_no_generator_reads_is_told_exactly(
    tmp_path: Path, name: str, value: str, problem: str
) -> None:
    assert one(tmp_path, f"---\ndate: {value}\n---\n", name).problems == (problem,)
