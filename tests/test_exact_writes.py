"""What a new post and a decoded file are, byte for byte: truths written by hand.

Each case states the exact text or bytes expected, so that any change to how
a post is named, dated, decoded or encoded shows here.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
import yaml

from tui.blog import Blog
from tui.blog.conventions import Convention, detect
from tui.blog.encoding import decode
from tui.blog.naming import slugify, yaml_flow_item

NOW = dt.datetime(2026, 3, 4, 9, 8, 7, 654321, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
UTC_NOW = dt.datetime(2026, 3, 4, 9, 8, 7, tzinfo=dt.UTC)
TEXT = "---\ntitle: Été\n---\nœuvre ✓\n"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (b"", "utf-8"),
    ],
)
def test_each_encoding_is_read_and_written_back_byte_for_byte(bom: bytes, encoding: str) -> None:
    raw = bom + TEXT.encode(encoding)
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding, decoded.bom) == (TEXT, encoding, bom)
    assert decoded.read_only_reason is None
    assert decoded.encode(decoded.text) == raw
    assert decoded.encode("x\n") == bom + "x\n".encode(encoding)


def test_utf16_text_with_nul_bytes_is_text_utf8_with_one_is_binary() -> None:
    raw = codecs.BOM_UTF16_LE + "abc\n".encode("utf-16-le")  # NUL in every other byte
    assert decode(raw).read_only_reason is None
    binary = decode(b"PK\x03\x04\x00\x00abc\xff")
    assert binary.read_only_reason == (
        "looks like a binary file (it holds NUL bytes); opened read-only"
    )
    assert (
        binary.text
        == "PK\x03\x04\N{SYMBOL FOR NULL}\N{SYMBOL FOR NULL}abc\N{REPLACEMENT CHARACTER}"
    )
    assert binary.encoding == "utf-8"


def test_a_nul_past_the_probe_is_not_taken_for_binary() -> None:
    from tui.blog.encoding import BINARY_PROBE

    late = b"a" * BINARY_PROBE + b"\x00"
    assert "binary" not in (decode(late).read_only_reason or "")
    assert "binary" in (decode(late[1:]).read_only_reason or "")


def test_a_bad_byte_is_named_with_its_offset_in_the_file() -> None:
    utf8 = decode(codecs.BOM_UTF8 + b"ab\xffc")
    assert utf8.read_only_reason == (
        "not valid UTF-8 (byte 0xff at offset 5); opened read-only so it is never re-encoded"
    )
    assert utf8.text == "ab\N{REPLACEMENT CHARACTER}c"
    assert utf8.bom == codecs.BOM_UTF8
    utf16 = decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # a lone high surrogate
    assert utf16.read_only_reason is not None
    assert utf16.read_only_reason.startswith("not valid UTF-16 (byte 0x00 at offset 4)")
    assert utf16.text.startswith("a")
    utf32 = decode(codecs.BOM_UTF32_BE + b"\x00\x11\x00\x00")  # past U+10FFFF
    assert utf32.read_only_reason is not None
    assert utf32.read_only_reason.startswith("not valid UTF-32 (byte 0x00 at offset 4)")


@pytest.mark.parametrize(
    ("layout", "folder", "attempt", "expected"),
    [
        ("dated", "", 1, "2026-03-04-ete-a-paris.md"),
        ("plain", "", 1, "ete-a-paris.md"),
        ("plain", "content/posts", 3, "content/posts/ete-a-paris-3.md"),
        ("bundle", "", 1, "ete-a-paris/index.md"),
        ("bundle", "blog", 2, "blog/ete-a-paris-2/index.md"),
        ("dated-bundle", "", 1, "2026-03-04-ete-a-paris/index.md"),
        ("date-path", "articles", 1, "articles/2026/03/04/ete-a-paris/index.md"),
        ("unknown", "", 1, "2026-03-04-ete-a-paris.md"),
    ],
)
def test_a_new_posts_path_for_each_layout(
    layout: str, folder: str, attempt: int, expected: str
) -> None:
    convention = Convention(layout=layout, folder=folder, suffix=".md")
    assert convention.relative_path("Été à Paris", NOW.date(), attempt) == expected


@pytest.mark.parametrize(
    ("convention", "expected"),
    [
        (
            Convention(),
            '---\ntitle: "Été"\ndate: 2026-03-04\ntags: [a, "b c,d"]\ndraft: true\n---\n\n',
        ),
        (
            Convention(date_shape="datetime-space", date_quote='"', draft_key="published"),
            '---\ntitle: "Été"\ndate: "2026-03-04 09:08:07 -05:00"\ntags: [a, "b c,d"]\n'
            "published: false\n---\n\n",
        ),
        (
            Convention(date_shape="iso", date_quote="'", tags_key="categories"),
            '---\ntitle: "Été"\ndate: \'2026-03-04T09:08:07-05:00\'\ncategories: [a, "b c,d"]\n'
            "draft: true\n---\n\n",
        ),
        (
            Convention(format="toml"),
            '+++\ntitle = "Été"\ndate = 2026-03-04\ntags = ["a", "b c,d"]\ndraft = true\n+++\n\n',
        ),
        (
            Convention(format="toml", draft_key="published", date_shape="iso"),
            '+++\ntitle = "Été"\ndate = 2026-03-04T09:08:07-05:00\ntags = ["a", "b c,d"]\n'
            "published = false\n+++\n\n",
        ),
    ],
)
def test_a_new_posts_exact_text(convention: Convention, expected: str) -> None:
    text, body_line = convention.text(" Été ", NOW, ("a", "b c,d"))
    assert text == expected
    assert body_line == 7
    assert text.split("\n")[body_line] == "" and body_line == text.count("\n")


def test_a_date_with_no_zone_has_no_offset() -> None:
    naive = NOW.replace(tzinfo=None)
    assert Convention(date_shape="datetime-space").text("x", naive)[0].split("\n")[2] == (
        "date: 2026-03-04 09:08:07"
    )
    assert Convention(date_shape="datetime-space").text("x", UTC_NOW)[0].split("\n")[2] == (
        "date: 2026-03-04 09:08:07 +00:00"
    )


def make(folder: Path, files: dict[str, str]) -> Blog:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    blog = Blog(folder)
    blog.load()
    return blog


def test_undated_files_give_plain_slugs(tmp_path: Path) -> None:
    blog = make(
        tmp_path,
        {f"posts/note-{n}.md": f"---\ntitle: N\ndate: 2024-01-0{n}\n---\n" for n in (1, 2, 3)},
    )
    convention = detect(blog.index.posts())
    assert (convention.layout, convention.folder) == ("plain", "posts")
    post, _ = blog.new_post("Été", NOW, (), convention)
    assert post.relative == "posts/ete.md"
    assert post.path.read_text("utf-8") == (
        '---\ntitle: "Été"\ndate: 2026-03-04\ntags: []\ndraft: true\n---\n\n'
    )


def test_undated_bundles_give_slug_index(tmp_path: Path) -> None:
    blog = make(
        tmp_path,
        {
            f"content/trip-{n}/index.markdown": f"---\ntitle: T\ndate: 2024-01-0{n}\n---\n"
            for n in (1, 2, 3)
        }
        | {"content/trip-1/index.fr.markdown": "---\ntitle: T\ndate: 2024-01-01\n---\n"},
    )
    convention = detect(blog.index.posts())
    assert (convention.layout, convention.folder, convention.suffix) == (
        "bundle",
        "content",
        ".markdown",
    )
    assert blog.new_post("Été", NOW, (), convention)[0].relative == "content/ete/index.markdown"


def test_the_most_common_shape_wins(tmp_path: Path) -> None:
    files = {
        f"2024-01-0{n}-a{n}.md": f"+++\ntitle = 'A'\ndate = 2024-01-0{n}\n+++\n" for n in (1, 2)
    }
    files["2024-01-03-b.md"] = '---\ntitle: B\ndate: "2024-01-03T10:00:00Z"\n---\n'
    convention = detect(make(tmp_path, files).index.posts())
    assert (convention.format, convention.date_shape, convention.date_quote) == (
        "toml",
        "date",
        "",
    )


def test_slugs_and_flow_items() -> None:
    assert slugify("Œuvre Æther Straße Søren") == "oeuvre-aether-strasse-soren"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("CON") == "con-post" and slugify("lpt9") == "lpt9-post"
    assert slugify("!!!") == "untitled"
    long = slugify("mot " * 40)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("mot-mot")
    assert slugify("a" * 80) == "a" * 60
    for word in ("yes", "No", "null", "~", "on", "Off", "y", "TRUE"):
        assert yaml_flow_item(word) == f'"{word}"'
        assert yaml.safe_load(f"[{yaml_flow_item(word)}]") == [word]
    assert yaml_flow_item(" réseaux sociaux ") == "réseaux sociaux"
    assert yaml_flow_item("c++") == '"c++"' and yaml_flow_item("2010") == '"2010"'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "---\ntitle: x\ntags: [a, b\n---\nbody\n",
            "did not find expected ',' or ']' (line 4, column 1)",
        ),
        (
            "---\ntitle: x\n  bad: : indent\n---\n",
            "mapping values are not allowed in this context (line 3, column 6)",
        ),
        ('---\nk: "unterminated\n---\n', "found unexpected end of stream (line 3, column 1)"),
    ],
)
def test_broken_yaml_is_told_with_its_line_and_column_in_the_file(
    tmp_path: Path, text: str, problem: str
) -> None:
    from tui.blog import read_post

    path = tmp_path / "broken.md"
    path.write_text(text, "utf-8")
    assert read_post(path, tmp_path).problems == (f"the front matter is not valid YAML: {problem}",)
