"""The exact bytes an in-place metadata edit writes, and the exact words of a refusal."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.blog import BlogError, frontmatter, readback
from tui.blog.metadata import add_tag, remove_tag, rename_tag, set_draft, set_title

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
            " (date: tomorrow is not a date this app can read; listed undated)",
        ),
        (
            "title",
            "---\nx: 2020-02-30\ndate: tomorrow\n---\n",
            "---\nx: 2020-02-30\n---\n",
            "a problem with the post would no longer be told"
            " (date: tomorrow is not a date this app can read; listed undated)",
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


@pytest.mark.parametrize(
    ("before", "edit", "after"),
    [
        # A TOML array over several lines ends at its own closing bracket, whatever
        # its strings hold: escaped quotes, backslashes in literal strings, brackets.
        (
            '+++\ntags = [\n  "a\\"b"]\ny = ["z"]\n+++\n',
            lambda t: add_tag(t, "c"),
            '+++\ntags = ["a\\"b", "c"]\ny = ["z"]\n+++\n',
        ),
        (
            '+++\ntags = [\n  \'a\\\', "b"]\ny = ["z"]\n+++\n',
            lambda t: add_tag(t, "c"),
            '+++\ntags = [\'a\\\', "b", "c"]\ny = ["z"]\n+++\n',
        ),
        (
            '+++\ntags = [\n  "", "]"\n]\ny = ["z"]\n+++\n',
            lambda t: add_tag(t, "c"),
            '+++\ntags = ["", "]", "c"]\ny = ["z"]\n+++\n',
        ),
        (
            '+++\ntags = [\n  "a",\n]\ny = ["z"]\n+++\n',
            lambda t: add_tag(t, "c"),
            '+++\ntags = ["a", "c"]\ny = ["z"]\n+++\n',
        ),
        # A comment after the array, with brackets of its own, stays as it was.
        (
            "+++\ntags = ['a'] # see [x]\n+++\n",
            lambda t: add_tag(t, "c"),
            "+++\ntags = ['a', 'c'] # see [x]\n+++\n",
        ),
        (
            "+++\ntags = [\n  'a',\n] # see [x]\n+++\n",
            lambda t: add_tag(t, "c"),
            "+++\ntags = ['a', 'c'] # see [x]\n+++\n",
        ),
        (
            '+++\ntags = [\'a\', "b\\",c"]\n+++\n',
            lambda t: add_tag(t, "d"),
            '+++\ntags = [\'a\', "b\\",c", "d"]\n+++\n',
        ),
        # Lines of an array of arrays are not table headers: no table, so the end.
        (
            '+++\ntitle = "T"\noffsetX = [\n  [1, 2],\n  [3, 4]\n]\n+++\n',
            lambda t: add_tag(t, "a"),
            '+++\ntitle = "T"\noffsetX = [\n  [1, 2],\n  [3, 4]\n]\ntags = ["a"]\n+++\n',
        ),
        # A commented-out line is no array: the table after it is found.
        (
            "+++\ndate = 2020-01-01\n# tags = [\n[extra]\nx = 1\n+++\n",
            lambda t: set_title(t, "T"),
            '+++\ndate = 2020-01-01\ntitle = "T"\n# tags = [\n[extra]\nx = 1\n+++\n',
        ),
        # A new top-level key goes above the comments that head the first table...
        (
            "+++\n# Settings\n[extra]\nx = 1\n+++\n",
            lambda t: set_title(t, "T"),
            '+++\ntitle = "T"\n# Settings\n[extra]\nx = 1\n+++\n',
        ),
        # ...and above the first table when it opens the front matter.
        (
            "+++\n[extra]\nx = 1\n# end\n+++\n",
            lambda t: set_title(t, "T"),
            '+++\ntitle = "T"\n[extra]\nx = 1\n# end\n+++\n',
        ),
        (
            "+++\r\ndate = 2020-01-01\r\n[extra]\r\nx = 1\r\n+++\r\n",
            lambda t: set_draft(t, True),
            "+++\r\ndate = 2020-01-01\r\ndraft = true\r\n[extra]\r\nx = 1\r\n+++\r\n",
        ),
        # Zola's [taxonomies], even empty, is where a new list goes.
        (
            '+++\ntitle = "T"\n[taxonomies]\n+++\n',
            lambda t: add_tag(t, "a"),
            '+++\ntitle = "T"\n[taxonomies]\ntags = ["a"]\n+++\n',
        ),
        (
            '+++\ntitle = "T"\n[taxonomies]\n[extra]\nx = 1\n+++\n',
            lambda t: add_tag(t, "a"),
            '+++\ntitle = "T"\n[taxonomies]\ntags = ["a"]\n[extra]\nx = 1\n+++\n',
        ),
        # YAML flow lists: quotes, commas and brackets inside items, apostrophes.
        (
            "---\ntags: [Xbox, 'b']\n---\n",
            lambda t: add_tag(t, "c"),
            "---\ntags: [Xbox, 'b', c]\n---\n",
        ),
        (
            '---\ntags: ["a]", b]\n---\n',
            lambda t: add_tag(t, "c"),
            '---\ntags: ["a]", b, c]\n---\n',
        ),
        (
            "---\ntags: ['a, b', c]\n---\n",
            lambda t: add_tag(t, "d"),
            "---\ntags: ['a, b', c, d]\n---\n",
        ),
        (
            "---\ntags: [it's, b]\n---\n",
            lambda t: add_tag(t, "c"),
            "---\ntags: [it's, b, c]\n---\n",
        ),
        ("---\ntags: [it's, b]\n---\n", lambda t: remove_tag(t, "b"), "---\ntags: [it's]\n---\n"),
        # A list inside the list, and a comment inside it, are kept as they are.
        (
            "---\ntags: [a, [b, c]]\n---\n",
            lambda t: add_tag(t, "d"),
            "---\ntags: [a, [b, c], d]\n---\n",
        ),
        (
            "---\ntags: [a, # first\n  b]\n---\n",
            lambda t: add_tag(t, "c"),
            "---\ntags: [a, # first\n  b, c]\n---\n",
        ),
        # A block list written at the key's own indentation, as Jekyll's examples do.
        (
            "---\ntags:\n- a\n- b\n---\n",
            lambda t: add_tag(t, "c"),
            "---\ntags:\n- a\n- b\n- c\n---\n",
        ),
        # A block scalar's line that looks like a TOML table is text.
        (
            "---\nsummary: |\n  [note]\ntitle: Old\n---\n",
            lambda t: set_title(t, "New"),
            "---\nsummary: |\n  [note]\ntitle: New\n---\n",
        ),
        # An empty value's spacing is kept; the value goes where it would have been.
        (
            "---\ntitle:   \nx: 1\n---\n",
            lambda t: set_title(t, "New"),
            "---\ntitle:   New\nx: 1\n---\n",
        ),
        # Comments: a # inside quotes, or inside a word, is text.
        (
            '---\ntitle: "a #b" # note\n---\n',
            lambda t: set_title(t, "New"),
            '---\ntitle: "New" # note\n---\n',
        ),
        (
            '---\ntitle: "a\\" #b" # note\n---\n',
            lambda t: set_title(t, "New"),
            '---\ntitle: "New" # note\n---\n',
        ),
        (
            '---\ntags: [\'a\', "b\\",c"]\n---\n',
            lambda t: add_tag(t, "d"),
            '---\ntags: [\'a\', "b\\",c", "d"]\n---\n',
        ),
        (
            "---\ntitle: Xbox One # console\n---\n",
            lambda t: set_title(t, "New"),
            "---\ntitle: New # console\n---\n",
        ),
        (
            "---\ntitle: it's here # note\n---\n",
            lambda t: set_title(t, "New"),
            "---\ntitle: New # note\n---\n",
        ),
        (
            "---\ntitle: 'L''été #1' # note\n---\n",
            lambda t: set_title(t, "New"),
            "---\ntitle: 'New' # note\n---\n",
        ),
        (
            "---\ntitle: C# tips # note\n---\n",
            lambda t: set_title(t, "N"),
            "---\ntitle: N # note\n---\n",
        ),
        ("---\ntitle: C# tips\n---\n", lambda t: set_title(t, "New"), "---\ntitle: New\n---\n"),
        ("---\ntitle: X# tips\n---\n", lambda t: set_title(t, "New"), "---\ntitle: New\n---\n"),
        ("---\ntitle: Malcolm X\n---\n", lambda t: set_title(t, "New"), "---\ntitle: New\n---\n"),
    ],
)
def test_the_lines_of_a_key_are_found_exactly(before: str, edit: Edit, after: str) -> None:
    assert edit(before) == after


UNSEEN = (
    "The key tags is written in a way this app does not change in place"
    " (a quoted key, an inline table); change it in the editor."
)


@pytest.mark.parametrize(
    ("edit", "text", "message"),
    [
        (
            lambda t: set_title(t, "x"),
            '{"title": "T"}\nbody\n',
            "This post's front matter is JSON, which is not changed in place here;"
            " change it in the editor.",
        ),
        (
            lambda t: add_tag(t, "x"),
            "just text\n",
            "This post has no YAML or TOML front matter to change.",
        ),
        (lambda t: add_tag(t, "b"), "---\n'tags': []\n---\n", UNSEEN),
        (lambda t: add_tag(t, "b"), '+++\n[taxonomies]\n"tags" = []\n+++\n', UNSEEN),
        # What cannot be rewritten line by line is left to the editor.
        (
            lambda t: add_tag(t, "c"),
            '+++\ntags = "a"\n+++\n',
            "The tag list is not an array; change it in the editor.",
        ),
        (
            lambda t: add_tag(t, "c"),
            "---\ntags: [a,\nb]\n---\n",
            "The tag list is not closed; change it in the editor.",
        ),
        (
            lambda t: add_tag(t, "c"),
            "---\ntags:\n  - a\n\n  - b\n---\n",
            "The tag list is not a plain list; change it in the editor.",
        ),
        (
            lambda t: set_title(t, "x"),
            '---\ntitle: "a\n\tb"\n---\n',
            "The title spans several lines; change it in the editor.",
        ),
    ],
)
def test_what_is_not_changed_in_place_is_told_exactly(edit: Edit, text: str, message: str) -> None:
    assert refusal(edit, text) == message


@pytest.mark.parametrize(
    ("before", "edit", "after"),
    [
        # The draft flag keeps its spelling: quotes, a capital; only the key needed changes.
        ("---\ndraft: True\n---\n", lambda t: set_draft(t, False), "---\ndraft: False\n---\n"),
        ("---\ndraft: 'false'\n---\n", lambda t: set_draft(t, True), "---\ndraft: 'true'\n---\n"),
        (
            "---\ntitle: T\n---\n",
            lambda t: set_draft(t, False),
            "---\ntitle: T\ndraft: false\n---\n",
        ),
        (
            "---\ndraft: true\npublished: yes\n---\n",
            lambda t: set_draft(t, False),
            "---\ndraft: false\npublished: yes\n---\n",
        ),
        # Both needed: both written, the later one first so the earlier keeps its place.
        (
            "---\ndraft: yes\npublished: no\n---\n",
            lambda t: set_draft(t, False),
            "---\ndraft: false\npublished: true\n---\n",
        ),
        # A string of tags stays a string, spaces or commas, quotes kept.
        ("---\ntags: a b\n---\n", lambda t: add_tag(t, "c"), "---\ntags: a b c\n---\n"),
        (
            "---\ntags: a b\n---\n",
            lambda t: add_tag(t, "new tag"),
            "---\ntags: a, b, new tag\n---\n",
        ),
        ("---\ntags: a\n---\n", lambda t: add_tag(t, "#x"), '---\ntags: "a #x"\n---\n'),
        ("---\ntags: 'a b'\n---\n", lambda t: add_tag(t, "c"), "---\ntags: 'a b c'\n---\n"),
        # Single quotes, in a flow list or a block list, for the new item too.
        (
            "---\ntags: ['a', 'b']\n---\n",
            lambda t: add_tag(t, "it's"),
            "---\ntags: ['a', 'b', 'it''s']\n---\n",
        ),
        (
            "---\ntags: ['a',\n  'b']\n---\n",
            lambda t: add_tag(t, "c"),
            "---\ntags: ['a', 'b', 'c']\n---\n",
        ),
        (
            "---\ntags:\n  - 'a'\n---\n",
            lambda t: add_tag(t, "b c"),
            "---\ntags:\n  - 'a'\n  - 'b c'\n---\n",
        ),
        (
            "+++\ntags = [\n  'a',\n  'b',\n]\n+++\n",
            lambda t: add_tag(t, "c"),
            "+++\ntags = ['a', 'b', 'c']\n+++\n",
        ),
        # The lines of the items kept are kept, comment and escapes included.
        (
            "---\ntags:\n  - a # note\n  - b\n---\n",
            lambda t: remove_tag(t, "b"),
            "---\ntags:\n  - a # note\n---\n",
        ),
        (
            '+++\ntags = ["caf\\u00e9"]\n+++\n',
            lambda t: add_tag(t, "d"),
            '+++\ntags = ["caf\\u00e9", "d"]\n+++\n',
        ),
        # A comment after an empty value stays after the new one.
        (
            "---\ntags: # mine\n  - a\n---\n",
            lambda t: remove_tag(t, "a"),
            "---\ntags: [] # mine\n---\n",
        ),
        ("---\ntags: # mine\n---\n", lambda t: add_tag(t, "a"), "---\ntags: [a] # mine\n---\n"),
        ("---\ntitle: # mine\n---\n", lambda t: set_title(t, "a"), "---\ntitle: a # mine\n---\n"),
        (
            "---\r\ntags:\r\n  - a\r\n---\r\n",
            lambda t: remove_tag(t, "a"),
            "---\r\ntags: []\r\n---\r\n",
        ),
        # An empty list key is passed over for the one the tags are read from.
        *(
            (
                f"---\ntags: {empty}\nkeywords: [a]\n---\n",
                lambda t: add_tag(t, "b"),
                f"---\ntags: {empty}\nkeywords: [a, b]\n---\n",
            )
            for empty in ("", "[]", "~", "null")
        ),
        # An emptied flow list loses its inner spaces; a TOML bracket in a string is text.
        ("---\ntags: [ a ]\n---\n", lambda t: remove_tag(t, "a"), "---\ntags: []\n---\n"),
        ('+++\ntags = ["]"]\n+++\n', lambda t: add_tag(t, "c"), '+++\ntags = ["]", "c"]\n+++\n'),
        # Nothing to remove, nothing written.
        ("---\ntitle: T\n---\n", lambda t: remove_tag(t, "x"), "---\ntitle: T\n---\n"),
        # TOML's strings are not YAML's: a line separator is written as it is.
        (
            '+++\ntitle = "Old"\n+++\n',
            lambda t: set_title(t, "a\u2028b"),
            '+++\ntitle = "a\u2028b"\n+++\n',
        ),
        (
            "+++\ndate = 2020-01-01\n+++\n",
            lambda t: set_title(t, "a\u2028b"),
            '+++\ndate = 2020-01-01\ntitle = "a\u2028b"\n+++\n',
        ),
    ],
)
def test_an_edit_keeps_the_way_the_value_was_written(before: str, edit: Edit, after: str) -> None:
    assert edit(before) == after


@pytest.mark.parametrize(
    ("edit", "text", "message"),
    [
        (
            lambda t: set_title(t, "N"),
            "---\ntitle: a\n  b\n---\n",
            "The title spans several lines; change it in the editor.",
        ),
        (
            lambda t: set_title(t, "N"),
            "+++\ntitle = '''a\nb'''\n+++\n",
            "The title spans several lines; change it in the editor.",
        ),
        (
            lambda t: add_tag(t, "c"),
            '+++\ntags = "a]"\n+++\n',
            "The tag list is not an array; change it in the editor.",
        ),
        (lambda t: set_title(t, " "), "---\ntitle: T\n---\n", "A title cannot be empty."),
        (lambda t: add_tag(t, " "), "---\ntitle: T\n---\n", "A tag cannot be empty."),
        (lambda t: rename_tag(t, "a", " "), "---\ntags: [a]\n---\n", "A tag cannot be empty."),
    ],
)
def test_an_edit_that_is_not_made_says_why(edit: Edit, text: str, message: str) -> None:
    assert refusal(edit, text) == message


def test_a_toml_array_keeps_its_comments_and_multi_line_strings() -> None:
    text = '+++\ntags = [\n  "a", # first\n  "b",\n]\nx = 1\n+++\nbody\n'
    after = '+++\ntags = ["a", # first\n  "b", "c"]\nx = 1\n+++\nbody\n'
    assert add_tag(text, "c") == after
    assert frontmatter.split(after).data == {"tags": ["a", "b", "c"], "x": 1}
    text = '+++\ntags = [\n  """a\nb""",\n]\n+++\n'
    assert add_tag(text, "c") == '+++\ntags = ["""a\nb""", "c"]\n+++\n'
