"""Title, draft and tag changes touch only their own lines, in the file's own style."""

from __future__ import annotations

import pytest

from tui.blog import BlogError, frontmatter
from tui.blog.metadata import add_tag, remove_tag, rename_tag, set_draft, set_title


def data(text: str) -> dict[str, object]:
    return frontmatter.split(text).data


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A flow list stays a flow list; bare items stay bare.
        (
            "---\ntags: [a, b] # keep\nx: 1\n---\nbody\n",
            "---\ntags: [a, b, new tag] # keep\nx: 1\n---\nbody\n",
        ),
        # Quoted items: the new one is quoted the same way.
        ('---\ntags: ["a", "b"]\n---\n', '---\ntags: ["a", "b", "new tag"]\n---\n'),
        ("---\ntags: ['a']\n---\n", "---\ntags: ['a', 'new tag']\n---\n"),
        # A block list stays a block list, with its indentation.
        (
            "---\ntags:\n    - a\n    - b\ndate: 2020-01-01\n---\n",
            "---\ntags:\n    - a\n    - b\n    - new tag\ndate: 2020-01-01\n---\n",
        ),
        # Strings: commas stay commas; Jekyll's spaces become commas only when needed.
        ("---\ntags: a, b\n---\n", "---\ntags: a, b, new tag\n---\n"),
        ("---\ntags: []\n---\n", "---\ntags: [new tag]\n---\n"),
        ("---\ntags:\n---\n", "---\ntags: [new tag]\n---\n"),
        # No tags yet: a line is added at the end of the front matter.
        ("---\ntitle: T\n---\n", "---\ntitle: T\ntags: [new tag]\n---\n"),
        # CRLF and a BOM-less file keep their line endings.
        (
            "---\r\ntitle: T\r\n---\r\nbody\r\n",
            "---\r\ntitle: T\r\ntags: [new tag]\r\n---\r\nbody\r\n",
        ),
        # TOML, and Zola's taxonomies.
        ('+++\ntags = ["a"]\n+++\n', '+++\ntags = ["a", "new tag"]\n+++\n'),
        (
            '+++\ntitle = "T"\n[taxonomies]\ntags = ["a"]\n+++\n',
            '+++\ntitle = "T"\n[taxonomies]\ntags = ["a", "new tag"]\n+++\n',
        ),
        # Statiq: no opening fence.
        ("Title: T\nTags: [a]\n---\nbody\n", "Title: T\nTags: [a, new tag]\n---\nbody\n"),
        ("Title: T\n---\nbody\n", "Title: T\nTags: [new tag]\n---\nbody\n"),
    ],
)
def test_add_tag_keeps_the_style(before: str, after: str) -> None:
    assert add_tag(before, "new tag") == after
    assert add_tag(after, "NEW TAG") == after  # already there, whatever the case


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("---\ntags: [a, 'B c', d]\n---\n", "---\ntags: [a, d]\n---\n"),
        ("---\ntags:\n  - a\n  - b c # note\n  - d\n---\n", "---\ntags:\n  - a\n  - d\n---\n"),
        ("---\ntags:\n  - b c\n---\n", "---\ntags: []\n---\n"),
        ("---\ntags: a b\\ c\n---\n", "---\ntags: a b\\ c\n---\n"),
        ('+++\ntags = [\n  "a",\n  "b c",\n]\n+++\n', '+++\ntags = ["a"]\n+++\n'),
    ],
)
def test_remove_tag(before: str, after: str) -> None:
    assert remove_tag(before, "B C") == after


def test_rename_and_merge_tags() -> None:
    text = "---\ntags: [Python, web]\ncategories: [notes]\n---\n"
    assert (
        rename_tag(text, "python", "Python3")
        == "---\ntags: [Python3, web]\ncategories: [notes]\n---\n"
    )
    assert rename_tag(text, "python", "WEB") == "---\ntags: [web]\ncategories: [notes]\n---\n"
    renamed = rename_tag(text, "notes", "journal", key="categories")
    assert data(renamed)["categories"] == ["journal"]
    assert rename_tag(text, "absent", "x") == text


@pytest.mark.parametrize(
    ("before", "title", "after"),
    [
        ('---\ntitle: "Old"\n---\n', 'Say "hi"', '---\ntitle: "Say \\"hi\\""\n---\n'),
        ("---\ntitle: 'Old'\n---\n", "L'été", "---\ntitle: 'L''été'\n---\n"),
        ("---\ntitle: Old # c\n---\n", "New one", "---\ntitle: New one # c\n---\n"),
        ("---\ntitle: Old\n---\n", "a: b", '---\ntitle: "a: b"\n---\n'),
        ("---\ntitle: Old\n---\n", "2001", '---\ntitle: "2001"\n---\n'),
        ("---\ndate: 2020-01-01\n---\n", "New", '---\ndate: 2020-01-01\ntitle: "New"\n---\n'),
        ("+++\ntitle = 'Old'\n+++\n", "New", "+++\ntitle = 'New'\n+++\n"),
        ('+++\ntitle = "Old"\n+++\n', "Nouveau été", '+++\ntitle = "Nouveau été"\n+++\n'),
    ],
)
def test_set_title(before: str, title: str, after: str) -> None:
    changed = set_title(before, title)
    assert changed == after
    assert data(changed)["title"] == title


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("---\ndraft: false\n---\n", "---\ndraft: true\n---\n"),
        ('---\ndraft: "false"\n---\n', '---\ndraft: "true"\n---\n'),
        ("---\npublished: true\n---\n", "---\npublished: false\n---\n"),
        ("---\ntitle: T\n---\n", "---\ntitle: T\ndraft: true\n---\n"),
        ("+++\ndraft = false\n+++\n", "+++\ndraft = true\n+++\n"),
    ],
)
def test_set_draft(before: str, after: str) -> None:
    assert set_draft(before, True) == after
    assert set_draft(after, False) != after


def test_everything_else_is_byte_identical() -> None:
    text = (
        "\ufeff---\r\n# a comment\r\ntitle:   'Spaced'   # note\r\nz: 1\r\na: &x [1, 2]\r\n"
        'b: *x\r\ntags: [one, "two"]\r\n---\r\n---\r\nBody with --- rules\r\n'
    )
    text = text.lstrip("\ufeff")
    changed = set_title(add_tag(text, "three"), "New")
    assert changed == text.replace("'Spaced'", "'New'").replace('"two"]', '"two", three]')


def test_what_cannot_be_changed_in_place_says_why() -> None:
    with pytest.raises(BlogError, match="no YAML or TOML"):
        add_tag("just text\n", "x")
    with pytest.raises(BlogError, match="is JSON, which is not changed in place"):
        set_title('{"title": "T"}\nbody\n', "x")
    with pytest.raises(BlogError, match="not valid YAML"):
        add_tag("---\ntags: [\n---\n", "x")
    with pytest.raises(BlogError, match="several lines"):
        set_title("---\ntitle: >\n  folded\n---\n", "x")
    with pytest.raises(BlogError, match="several lines"):  # TOML's multi-line string
        set_title('+++\ntitle = """a\nb"""\n+++\n', "x")
    with pytest.raises(BlogError, match="cannot be empty"):
        set_title("---\ntitle: x\n---\n", "  ")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("---\ntags: [a,b]\n---\n", "---\ntags: [a,b,c]\n---\n"),
        ("---\ntags: [ a, b ]\n---\n", "---\ntags: [ a, b, c ]\n---\n"),
        ('+++\ntags = [ "a","b" ]\n+++\n', '+++\ntags = [ "a","b","c" ]\n+++\n'),
    ],
)
def test_a_list_keeps_its_spacing(before: str, after: str) -> None:
    assert add_tag(before, "c") == after
    assert remove_tag(after, "c") == before


def test_the_list_the_tags_are_read_from_is_the_one_changed() -> None:
    assert add_tag('---\ntag: "Ruby"\n---\n', "web") == '---\ntag: "Ruby web"\n---\n'
    assert add_tag("---\nkeywords: [a]\n---\n", "b") == "---\nkeywords: [a, b]\n---\n"
    assert add_tag("---\ncategory: News\n---\n", "Notes", key="categories") == (
        "---\ncategory: News Notes\n---\n"  # read back as two, as Jekyll splits on spaces
    )
