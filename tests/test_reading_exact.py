"""What a post's bytes read as, exactly: encodings, front matter, conventions.

Every expected value is written by hand (bytes built with Python's codecs),
so that a change to how a file is decoded, split or parsed shows here.
"""

from __future__ import annotations

import codecs
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.blog import frontmatter, read_post, template
from tui.blog.conventions import Convention
from tui.blog.encoding import decode
from tui.blog.frontmatter import FrontMatter
from tui.blog.naming import slugify
from tui.blog.template import TemplateError

# -- Decoding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_a_too_long_line_keeps_the_files_encoding_and_mark(bom: bytes, encoding: str) -> None:
    text = "é" * 5_001 + "\nnext\n"
    raw = bom + text.encode(encoding)
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding, decoded.bom) == (text, encoding, bom)
    assert decoded.read_only_reason == (
        "a line of 5,001 characters: too long to edit here; use $EDITOR (E)"
    )
    assert decoded.encode(decoded.text) == raw


@pytest.mark.parametrize(
    ("raw", "encoding", "text"),
    [
        # A lone high surrogate at the end of a UTF-16 file.
        (codecs.BOM_UTF16_LE + "hé".encode("utf-16-le") + b"\x00\xd8", "utf-16-le", "hé\ufffd"),
        (codecs.BOM_UTF16_BE + "hé".encode("utf-16-be") + b"\xd8\x00", "utf-16-be", "hé\ufffd"),
        # A code point past U+10FFFF.
        (
            codecs.BOM_UTF32_LE + "hé".encode("utf-32-le") + b"\x00\x00\x11\x00",
            "utf-32-le",
            "hé\ufffd",
        ),
        (
            codecs.BOM_UTF32_BE + "hé".encode("utf-32-be") + b"\x00\x11\x00\x00",
            "utf-32-be",
            "hé\ufffd",
        ),
    ],
)
def test_a_bad_utf16_or_utf32_file_is_shown_in_its_own_encoding(
    raw: bytes, encoding: str, text: str
) -> None:
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding) == (text, encoding)
    assert decoded.bom == raw[: 2 if encoding.startswith("utf-16") else 4]
    assert decoded.read_only_reason is not None


def test_a_binary_file_with_a_utf8_mark_keeps_it() -> None:
    decoded = decode(codecs.BOM_UTF8 + b"a\x00b\xff")
    assert (decoded.text, decoded.encoding, decoded.bom) == (
        "a\N{SYMBOL FOR NULL}b\N{REPLACEMENT CHARACTER}",
        "utf-8",
        codecs.BOM_UTF8,
    )
    assert decoded.read_only_reason == (
        "looks like a binary file (it holds NUL bytes); opened read-only"
    )


# -- Broken YAML ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # libyaml counts the bytes of "é✓" (five): the line and column are the file's.
        (
            "---\ntitle: é✓\nk: a\x07b\n---\n",
            "unacceptable character #x0007: control characters are not allowed (line 3, column 5)",
        ),
        (
            "---\n\x01\n---\n",
            "unacceptable character #x0001: control characters are not allowed (line 2, column 1)",
        ),
        # The first of them is told, on the third line of the block.
        (
            "---\na: 1\nb: 2\nk: x\x07y \x07\nm: \x07\n---\n",
            "unacceptable character #x0007: control characters are not allowed (line 4, column 5)",
        ),
        (
            "---\n\nk: \x07\n---\n",
            "unacceptable character #x0007: control characters are not allowed (line 3, column 4)",
        ),
    ],
)
def test_a_character_yaml_refuses_is_told_with_its_line_and_column(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "odd.md"
    path.write_text(text, "utf-8")
    post = read_post(path, tmp_path)
    assert post.problems == (f"the front matter is not valid YAML: {problem}",)


# -- Names and templates -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("cæsar et œuvre", "caesar-et-oeuvre"),
        ("CÆSAR ŒUVRE", "caesar-oeuvre"),
        ("Straße Søren", "strasse-soren"),
        # Exactly 60 characters: kept whole.
        ("a" * 30 + " " + "b" * 29, "a" * 30 + "-" + "b" * 29),
        # Longer: cut at the last dash within 60 characters.
        ("mot " * 40, "mot-" * 14 + "mot"),
        ("un deux trois " + "x" * 50, "un-deux-trois"),
    ],
)
def test_a_slug_exactly(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_a_lone_brace_is_refused_with_no_field_at_fault() -> None:
    with pytest.raises(TemplateError) as refused:
        template.check("---\ntitle: {title}\n}\n")
    assert refused.value.field == ""
    assert refused.value.message == (
        "Single '}' encountered in format string (write {{ and }} for braces)"
    )


# -- Front matter --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"title": "A",\n "n": 1}\nBody\nmore\n',
            FrontMatter("json", {"title": "A", "n": 1}, '{"title": "A",\n "n": 1}', 24, 2),
        ),
        (
            '{"title": "A"}  \n\nBody\n',
            FrontMatter("json", {"title": "A"}, '{"title": "A"}', 17, 1),
        ),
        ('{"title": "A"}', FrontMatter("json", {"title": "A"}, '{"title": "A"}', 14, 0)),
    ],
)
def test_json_front_matter_and_where_its_body_starts(text: str, expected: FrontMatter) -> None:
    assert frontmatter.split(text) == expected


# Values counted once each time an alias stands for them: the mapping itself,
# then each value (a list and its items).
_ZEROS = "[" + ", ".join(["0"] * 99) + "]"  # the list and its 99 items: 100 values
_AT_THE_LIMIT = (
    f"---\na: &a {_ZEROS}\n"  # 100
    f"b: [{', '.join(['*a'] * 998)}]\n"  # the list and 998 times 100: 99_801
    f"c: [{', '.join(['0'] * 97)}]\n"  # 98; with the mapping, 100_000 in all
)


def test_aliases_are_expanded_up_to_the_limit_and_refused_past_it(tmp_path: Path) -> None:
    assert frontmatter.MAX_VALUES == 100_000
    path = tmp_path / "limit.md"
    path.write_text(_AT_THE_LIMIT + "---\n", "utf-8")
    post = read_post(path, tmp_path)
    assert post.problems == ()
    assert frontmatter.split(_AT_THE_LIMIT + "---\n").data["c"] == [0] * 97
    path.write_text(_AT_THE_LIMIT + "d: 0\n---\n", "utf-8")
    assert read_post(path, tmp_path).problems == (
        "the front matter holds more than 100,000 values once its aliases are expanded; not read",
    )


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        # Strings that ISO 8601 and YAML do not read as dates: Jekyll's shapes,
        # read as the time written, in the post's own offset.
        ("2024-5-1 10:00:00 +0200", dt.datetime(2024, 5, 1, 10, 0, 0)),
        ("2024-5-1 23:30 -0100", dt.datetime(2024, 5, 1, 23, 30)),
        ("2024/05/01", dt.datetime(2024, 5, 1)),
        ("2024/5/1", dt.datetime(2024, 5, 1)),
        ("'2024-05-01 10:00:00 +0200'", dt.datetime(2024, 5, 1, 10, 0, 0)),
        ("2024-05-01 10:00 +0200", dt.datetime(2024, 5, 1, 10, 0)),
        ("1st of May", None),
    ],
)
def test_a_date_written_as_text(tmp_path: Path, value: str, moment: dt.datetime | None) -> None:
    path = tmp_path / "post.md"
    path.write_text(f"---\ntitle: T\ndate: {value}\n---\n", "utf-8")
    post = read_post(path, tmp_path)
    if moment is None:
        # Written but not a date: undated, never dated by the file's time.
        assert (post.date, post.date_source) == (None, "")
    else:
        assert (post.date, post.date_source) == (moment, "front matter")


def test_a_quoted_tag_keeps_its_accents() -> None:
    text, _ = Convention().text("Été", dt.datetime(2026, 3, 4, 9, 8), ("2024 été", "été"))
    assert text == (
        '---\ntitle: "Été"\ndate: 2026-03-04\ntags: ["2024 été", été]\ndraft: true\n---\n\n'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Statiq's: no opening fence; the closing one may have spaces after it.
        (
            "Title: A\nTags: [x]\n---  \nBody\n",
            FrontMatter("yaml", {"Title": "A", "Tags": ["x"]}, "Title: A\nTags: [x]\n", 25, 3),
        ),
        # Indented, it is not a fence.
        ("Title: A\n  ---\nBody\n", FrontMatter()),
        # With an impossible date it is not sure to be front matter: it stays text.
        ("Title: A\nDate: 2018-02-31\n---\nBody\n", FrontMatter()),
    ],
)
def test_front_matter_without_an_opening_fence(text: str, expected: FrontMatter) -> None:
    assert frontmatter.split(text) == expected


@pytest.mark.parametrize(
    ("matter", "problem"),
    [
        ("- a\n- b\n", "the front matter is not a list of `key: value` lines"),
        ("just words\n", "the front matter is not a list of `key: value` lines"),
        ("k: [\n", "the front matter is not valid YAML: did not find expected node content"),
    ],
)
def test_front_matter_that_is_not_key_value_lines_is_told(matter: str, problem: str) -> None:
    assert frontmatter.split(f"---\n{matter}---\nBody\n").problems[0].startswith(problem)


@pytest.fixture
def far_east_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock five and a half hours ahead of UTC (POSIX's sign is reversed)."""
    monkeypatch.setenv("TZ", "IST-5:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_east_zone")
@pytest.mark.parametrize(
    "value",
    ["2024-05-01T22:00:00+02:00", "'2024-05-01 22:00:00 +0200'", "2024-05-01 22:00:00Z"],
)
def test_a_zoned_date_is_as_written_whatever_the_machines_zone(tmp_path: Path, value: str) -> None:
    # In its own offset: the 1st, as the generator shows it, not the 2nd in the machine's zone.
    path = tmp_path / "post.md"
    path.write_text(f"---\ntitle: T\ndate: {value}\n---\n", "utf-8")
    assert read_post(path, tmp_path).date == dt.datetime(2024, 5, 1, 22, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A closing fence at the very end of the file, with no line break after it.
        ("---\ntitle: A\n---", FrontMatter("yaml", {"title": "A"}, "title: A\n", 16, 3)),
        ('+++\ntitle = "A"\n+++', FrontMatter("toml", {"title": "A"}, 'title = "A"\n', 19, 3)),
        # A file of one line: "{" opens JSON, "{x" is only text.
        (
            "{",
            FrontMatter(
                problems=(
                    "the front matter is not valid JSON: "
                    "Expecting property name enclosed in double quotes (line 1)",
                )
            ),
        ),
        ("{x", FrontMatter()),
    ],
)
def test_a_file_that_ends_without_a_line_break(text: str, expected: FrontMatter) -> None:
    assert frontmatter.split(text) == expected
