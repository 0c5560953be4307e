"""The exact bytes an in-place metadata edit writes, and the exact words of a refusal."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.blog import BlogError, readback
from tui.blog.metadata import add_tag, set_title

Edit = Callable[[str], str]


def refusal(edit: Edit, text: str) -> str:
    with pytest.raises(BlogError) as raised:
        edit(text)
    return raised.value.message


@pytest.mark.parametrize(
    ("tag", "item"),
    [
        # A TOML list of literal strings gets a literal string when one holds the tag...
        ("new tag", "'new tag'"),
        ("a\tb", "'a\tb'"),
        ("x\x80y", "'x\x80y'"),
        # ...and a basic string when none does: a quote, a control, DEL.
        ("it's", '"it\'s"'),
        ("a\x01b", '"a\\u0001b"'),
        ("x\x7fy", '"x\\u007Fy"'),
    ],
)
def test_a_toml_literal_list_gets_literal_items_where_they_hold(tag: str, item: str) -> None:
    assert add_tag("+++\ntags = ['a']\n+++\n", tag) == f"+++\ntags = ['a', {item}]\n+++\n"


LONG_TITLE = "---\ntitle: " + "a" * 200_000 + "\n---\nbody\n"


@pytest.mark.parametrize(
    ("edit", "text", "message"),
    [
        # A character no file can hold: in the post, or in what the edit would write.
        (
            lambda t: set_title(t, "x"),
            "---\ntitle: T\n---\n\ud800\n",
            "Cannot change this post: it holds a character no file can hold.",
        ),
        (
            lambda t: add_tag(t, "x\ud800"),
            '+++\ntags = ["a"]\n+++\n',
            "Left as it was: it holds a character no file can hold.",
        ),
        # An edit that would take a problem away is not one that keeps the post as it reads.
        (
            lambda t: set_title(t, "Short"),
            LONG_TITLE,
            "Left as it was: a problem with the post would no longer be told (a line of"
            " 200,007 characters: too long to edit here; use $EDITOR (E)).",
        ),
        # What the reader would see instead is told with the text as it is, not escaped.
        (
            lambda t: set_title(t, "Vé"),
            "---\ntitle: T\ntitle: Ü\n---\n",
            'Left as it was: the title would read back as "Ü", not "Vé".',
        ),
        (
            lambda t: add_tag(t, "ç"),
            "---\ntags: [a]\ntags: [é]\n---\n",
            'Left as it was: the tags would read back as "é", not "é", "ç".',
        ),
        (
            lambda t: add_tag(t, "c"),
            "---\ntags: [a]\ntags: []\n---\n",
            'Left as it was: the tags would read back as none, not "c".',
        ),
        (
            lambda t: add_tag(t, "c", key="categories"),
            "---\ncategories: [a]\ncategories: [b]\n---\n",
            'Left as it was: the categories would read back as "b", not "b", "c".',
        ),
    ],
)
def test_a_refused_edit_says_why(edit: Edit, text: str, message: str) -> None:
    assert refusal(edit, text) == message


@pytest.mark.parametrize(
    ("touched", "before", "after", "reason"),
    [
        (
            "title",
            "---\nx: 2020-02-30\n---\n",
            "---\nx: 2020-02-30\ndate: tomorrow\n---\n",
            "the front matter would no longer read well"
            " (date: tomorrow is not a date this app can read)",
        ),
        (
            "title",
            "---\ndraft: true\n---\n",
            "---\ndraft: false\n---\n",
            "the post would read back as not a draft",
        ),
        (
            "title",
            "---\ndraft: no\n---\n",
            "---\ndraft: yes\n---\n",
            "the post would read back as a draft",
        ),
        (
            "title",
            "---\ndate: 2020-01-01\n---\n",
            "---\ndate: 2020-01-02\n---\n",
            "the post's date would change",
        ),
        (
            "title",
            "---\nx: 1\n---\n",
            "---\nx: 2\n---\n",
            "other keys of the front matter would change",
        ),
        # A key the edit may rewrite is not one of the others, whatever its case.
        ("tags", "---\nTags: [a]\n---\n", "---\nTags: a\n---\n", None),
        (
            "title",
            "---\nx: 1\n---\nA\n",
            "---\nx: 1\n---\nB\n",
            "the text after the front matter would change",
        ),
    ],
)
def test_reading_back_names_the_first_thing_that_would_change(
    touched: str, before: str, after: str, reason: str | None
) -> None:
    keys = readback.TOUCHED[touched]
    assert readback.difference(readback.read(before, keys), after, keys) == reason
