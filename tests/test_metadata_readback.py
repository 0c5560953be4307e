"""An in-place metadata edit never changes a meaning: the post reads back as asked, or the
edit is refused with the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.blog import BlogError
from tui.blog.metadata import add_tag, remove_tag, rename_tag, set_draft, set_title
from tui.blog.parsing import parse_post
from tui.blog.post import Post, tag_key


def read(text: str) -> Post:
    return parse_post(text.encode(), Path("post.md"), "post.md", 0, 0)


@pytest.mark.parametrize(
    ("before", "edit", "after"),
    [
        # A tag with a comma in a comma-separated string: the string becomes a list.
        (
            "---\ntags: a, e\n---\n",
            lambda t: rename_tag(t, "a", "p, q"),
            '---\ntags: ["p, q", e]\n---\n',
        ),
        (
            "---\ntags: a, b # c\n---\n",
            lambda t: add_tag(t, "c, d"),
            '---\ntags: [a, b, "c, d"] # c\n---\n',
        ),
        # Jekyll's space-separated string, given a tag with a comma.
        ("---\ntags: a b\n---\n", lambda t: add_tag(t, "c, d"), '---\ntags: [a, b, "c, d"]\n---\n'),
        # A YAML word as a tag is quoted wherever it goes.
        ("---\ntags: [a]\n---\n", lambda t: add_tag(t, "no"), '---\ntags: [a, "no"]\n---\n'),
        (
            "---\ntags:\n  - a\n---\n",
            lambda t: add_tag(t, "1.10"),
            '---\ntags:\n  - a\n  - "1.10"\n---\n',
        ),
        # A character YAML's reader refuses is escaped, not written raw.
        (
            '---\ntags: ["a"]\n---\n',
            lambda t: add_tag(t, "x\x7fy"),
            '---\ntags: ["a", "x\\x7Fy"]\n---\n',
        ),
        # A single-quoted title given a line break: YAML would fold it into a space.
        ("---\ntitle: 'x'\n---\n", lambda t: set_title(t, "a\nb"), '---\ntitle: "a\\nb"\n---\n'),
        ("---\ntitle: x\n---\n", lambda t: set_title(t, "[a] #b"), '---\ntitle: "[a] #b"\n---\n'),
        ("---\ntitle: x\n---\n", lambda t: set_title(t, "null"), '---\ntitle: "null"\n---\n'),
        ("+++\ntitle = 'x'\n+++\n", lambda t: set_title(t, "it's"), '+++\ntitle = "it\'s"\n+++\n'),
        (
            '+++\ntitle = "x"\n+++\n',
            lambda t: set_title(t, "a\x7f"),
            '+++\ntitle = "a\\u007F"\n+++\n',
        ),
        # TOML: a new top-level key goes before the first table, or the table would hold it.
        (
            '+++\ntitle = "T"\n\n# More\n[extra]\nx = 1\n+++\n',
            lambda t: add_tag(t, "n"),
            '+++\ntitle = "T"\ntags = ["n"]\n\n# More\n[extra]\nx = 1\n+++\n',
        ),
        (
            "+++\ndate = 2020-01-01\n[[extra.links]]\nurl = 'a'\n+++\n",
            lambda t: set_title(t, "T"),
            "+++\ndate = 2020-01-01\ntitle = \"T\"\n[[extra.links]]\nurl = 'a'\n+++\n",
        ),
        (
            '+++\ntitle = "T"\n[extra]\nx = 1\n+++\n',
            lambda t: set_draft(t, True),
            '+++\ntitle = "T"\ndraft = true\n[extra]\nx = 1\n+++\n',
        ),
        # A `title` inside an array of tables is not the post's.
        (
            "+++\n[[x]]\ntitle = 'a'\n+++\n",
            lambda t: set_title(t, "T"),
            "+++\ntitle = \"T\"\n[[x]]\ntitle = 'a'\n+++\n",
        ),
        # Zola: tags live under [taxonomies], and a new list goes there too.
        (
            '+++\n[taxonomies]\ncategories = ["c"]\n\n[extra]\ny = 1\n+++\n',
            lambda t: add_tag(t, "t"),
            '+++\n[taxonomies]\ncategories = ["c"]\ntags = ["t"]\n\n[extra]\ny = 1\n+++\n',
        ),
        # A bracket in a string is not an array's: the header after it is still found.
        (
            '+++\nsummary = "a [b"\n[extra]\n+++\n',
            lambda t: add_tag(t, "n"),
            '+++\nsummary = "a [b"\ntags = ["n"]\n[extra]\n+++\n',
        ),
        # Both keys: `published: false` alone keeps the post a draft.
        (
            "---\ndraft: false\npublished: false\n---\n",
            lambda t: set_draft(t, False),
            "---\ndraft: false\npublished: true\n---\n",
        ),
        # A rename that changes only the case is written.
        (
            "---\ntags: [Python, web]\n---\n",
            lambda t: rename_tag(t, "python", "python"),
            "---\ntags: [python, web]\n---\n",
        ),
    ],
)
def test_an_edit_is_written_in_a_form_that_holds_it(
    before: str, edit: Callable[[str], str], after: str
) -> None:
    assert edit(before) == after


@pytest.mark.parametrize(
    ("before", "edit", "reason"),
    [
        # YAML takes the last of two `tags:`; the edit could only change the first.
        (
            "---\ntags: [a]\ntags: [b]\n---\n",
            lambda t: add_tag(t, "c"),
            'Left as it was: the tags would read back as "b", not "b", "c".',
        ),
        (
            "---\ntitle: T\ntitle: U\n---\n",
            lambda t: set_title(t, "V"),
            'Left as it was: the title would read back as "U", not "V".',
        ),
        # Keys the lines do not show as such: a second one would be added,
        # which YAML reads but Hugo's reader refuses, or Zola would not read.
        (
            '---\n"title": T\n---\n',
            lambda t: set_title(t, "V"),
            "The key title is written in a way this app does not change in place",
        ),
        (
            "---\n'tags': []\n---\n",
            lambda t: add_tag(t, "a"),
            "The key tags is written in a way this app does not change in place",
        ),
        (
            '+++\ntaxonomies = { tags = ["a"] }\n+++\n',
            lambda t: add_tag(t, "b"),
            "The key tags is written in a way this app does not change in place",
        ),
    ],
)
def test_an_edit_that_cannot_hold_is_refused_with_the_reason(
    before: str, edit: Callable[[str], str], reason: str
) -> None:
    with pytest.raises(BlogError) as raised:
        edit(before)
    assert raised.value.message.startswith(reason)


# Front matter in every format the app reads, with what the edits may meet:
# strings of tags, block lists, tables after the keys, quotes of each kind.
FRONT_MATTERS = [
    "---\ntitle: Plain\ntags: a, b\n---\nbody\n",
    "---\ntitle: 'Single'\ntags: a b\ndraft: no\n---\nbody\n",
    '---\ntitle: "Double"\ntags:\n  - a\n  - "b"\n---\nbody\n',
    "---\ntags: ['a', 'b']\n---\n# Heading\n",
    "---\r\ntitle: CRLF\r\ntags: [a, b]\r\n---\r\nbody\r\n",
    "Title: Statiq\nTags: [a, b]\n---\nbody\n",
    '+++\ntitle = "Basic"\ntags = ["a", "b"]\n+++\nbody\n',
    "+++\ntitle = 'Literal'\n[extra]\nx = 1\n+++\nbody\n",
    "+++\ntitle = \"Zola\"\n[taxonomies]\ntags = ['a', 'b']\n[[extra.x]]\ny = 2\n+++\nbody\n",
    '{\n  "title": "JSON",\n  "tags": ["a", "b"]\n}\nbody\n',
]
JSON = FRONT_MATTERS[-1]
EDITS = ("add", "remove", "rename", "title", "draft")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.sampled_from(FRONT_MATTERS),
    edit=st.sampled_from(EDITS),
    value=st.text(min_size=1, max_size=12),
)
@example(before=FRONT_MATTERS[0], edit="rename", value="p, q")
@example(before=FRONT_MATTERS[1], edit="add", value="c, d")
@example(before=FRONT_MATTERS[7], edit="add", value="yes")
@example(before=FRONT_MATTERS[2], edit="title", value="a: b # c")
@example(before=FRONT_MATTERS[6], edit="title", value='"\\\x7f')
def test_any_text_reads_back_exactly_or_is_refused(before: str, edit: str, value: str) -> None:
    """The reader of posts is the judge: what the user asked, and nothing else changed."""
    old = read(before)
    asked = value.strip()
    try:
        if edit == "add":
            after = add_tag(before, value)
        elif edit == "remove":
            after = remove_tag(before, value)
        elif edit == "rename":
            after = rename_tag(before, "a", value)
        elif edit == "title":
            after = set_title(before, value)
        else:
            after = set_draft(before, not old.draft)
    except BlogError as error:
        # Refused only when there is no front matter it may change, or nothing to write.
        assert before == JSON or not asked, error.message
        return
    assert before != JSON
    new = read(after)
    tags = list(old.tags)
    if edit == "add" and all(tag_key(tag) != tag_key(asked) for tag in tags):
        tags.append(asked)
    elif edit == "remove":
        tags = [tag for tag in tags if tag_key(tag) != tag_key(value)]
    elif edit == "rename":
        merged = [t for t in tags if tag_key(t) == tag_key(asked) != tag_key("a")]
        renamed = [(merged or [asked])[0] if tag_key(t) == "a" else t for t in tags]
        tags = [t for i, t in enumerate(renamed) if tag_key(t) not in map(tag_key, renamed[:i])]
    assert new.tags == tuple(tags)
    assert new.title == (asked if edit == "title" else old.title)
    assert new.draft == (not old.draft if edit == "draft" else old.draft)
    assert (new.categories, new.date, new.problems) == (old.categories, old.date, old.problems)
    assert after.endswith(before[before.index("body") :] if "body" in before else "# Heading\n")
