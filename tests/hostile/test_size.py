"""A huge file or a binary one named .md is listed, marked and opened read-only, in part."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.helpers import screen_text, settle, started, text_of, until_open
from tui.app import BlogApp
from tui.blog import Blog, BlogError
from tui.blog.display import LONG_LINE_SHOWN, LONGEST_LINE, bounded_lines, long_line
from tui.blog.encoding import decode
from tui.blog.post import HEAD, read_post
from tui.dialogs.conflict import difference


def huge(folder: Path) -> Path:
    path = folder / "2011-01-01-huge.md"
    paragraph = ("Un paragraphe de texte. " * 40 + "\n\n").encode()
    with open(path, "wb") as file:
        file.write(b'---\ntitle: "Huge"\n---\n\n')
        file.write(paragraph * (50_000_000 // len(paragraph)))
    return path


def test_a_50_mb_post_is_listed_marked_and_read_in_part(tmp_path: Path) -> None:
    path = huge(tmp_path)
    post = read_post(path, tmp_path)
    assert post.title == "Huge"
    assert post.read_only_reason and "too large" in post.read_only_reason
    assert post.problems
    document = Blog(tmp_path).open(path)
    assert len(document.raw) == HEAD  # never the 50 MB
    assert document.decoded.read_only_reason
    with pytest.raises(BlogError):  # never written back from a part
        Blog(tmp_path).save(document, document.text + "x")
    assert os.path.getsize(path) > 49_000_000


def test_a_binary_file_named_md_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "photo.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    post = read_post(path, tmp_path)
    assert post.read_only_reason and "binary" in post.read_only_reason
    document = Blog(tmp_path).open(path)
    assert "\x00" not in document.text
    with pytest.raises(BlogError):
        Blog(tmp_path).save(document, document.text)


async def test_the_app_stays_up_with_them(blog_dir: Path) -> None:
    path = huge(blog_dir)
    photo = blog_dir / "photo.md"
    photo.write_bytes(b"\x00\x01\x02PNG" * 1000)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, photo)  # dated by the file: the newest
        assert screen.editor.read_only
        assert "binary" in screen.post_list.post_at(0).problems[0]  # type: ignore[union-attr]
        await pilot.press("j", "enter")
        await until_open(pilot, screen, path)
        assert screen.editor.read_only
        assert len(screen.editor.text) < 2 * HEAD
        await pilot.press("e")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("too large" in message for message in messages)


def test_a_line_too_long_to_edit_makes_the_post_read_only_and_is_shown_cut() -> None:
    assert decode(b"x" * LONGEST_LINE + b"\r\n" + b"y" * LONGEST_LINE).read_only_reason is None
    for length in (LONGEST_LINE + 1, 1_000_000, 5_000_000):
        decoded = decode(b"---\ntitle: Long\n---\n\n" + b"z" * length + b"\nend\n")
        assert decoded.read_only_reason == (
            f"a line of {length:,} characters: too long to edit here; use $EDITOR (E)"
        )
        assert decoded.text.endswith("z\nend\n")  # the text itself is whole
    # Lines split as the editor splits them: a lone CR ends one, CRLF is one break.
    assert long_line("a" * 10 + "\r" + "b" * 10, 10) is None
    assert long_line("a" * 10 + "\r\n" + "b" * 11 + "\n", 10) == (12, 11)
    shown = bounded_lines("court\n" + "m" * 30 + "\r\nfin", limit=10, shown=4)
    assert shown == "court\nmmmm … (26 more characters on this line, not shown)\r\nfin"
    diff = difference("court\n", "z" * 1_000_000 + "\n", "p.md")  # changed on disk, so
    assert long_line(diff) is None and "zzz … (998,001 more characters" in diff


@pytest.mark.parametrize(
    ("words", "reason"),
    [
        (250_000, "a line of 1,000,006 characters: too long to edit here; use $EDITOR (E)"),
        (1_250_000, "too large to edit here (5 MB): the first 256 KB are shown, read-only"),
    ],
)
async def test_a_post_of_one_line_of_1_or_5_mb_opens_read_only_and_keys_are_answered(
    tmp_path: Path, words: int, reason: str
) -> None:
    long = tmp_path / "2020-01-01-long.md"
    long.write_text("---\ntitle: Long\n---\n\nDébut " + "mot " * words + "\n\nFin.\n", "utf-8")
    written = long.read_bytes()
    short = tmp_path / "2019-01-01-short.md"
    short.write_text("---\ntitle: Short\n---\n\nCourt.\n", "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, long)
        assert reason in text_of(screen.query_one("#status"))
        shown = screen_text(pilot)  # the line's start, then a marker where it is cut
        assert "Début mot mot" in shown and re.search(r"mo … \([\d,]+ more\s", shown)
        assert "characters on this line, not shown)" in shown
        await pilot.press("e")
        await settle(pilot)
        assert screen.editor.read_only and len(screen.editor.text) < 2 * LONG_LINE_SHOWN
        assert any(reason in n.message for n in app._notifications)
        await pilot.press("escape", "j")  # the list answers: the next post opens
        await until_open(pilot, screen, short)
        await pilot.press("k")
        await until_open(pilot, screen, long)
    assert long.read_bytes() == written  # never written back
