"""Broken posts are listed under their file name, marked, and open as text."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from tests.helpers import settle, started, text_of, until, until_open
from tui.app import BlogApp
from tui.widgets.post_list import PROBLEM_MARK

BROKEN = {
    "yaml-error.md": b"---\ntitle: [unclosed\n---\nBody\n",
    "no-closing-fence.md": b"---\ntitle: Never closed\nBody\n",
    "impossible-date.md": b"---\ntitle: Leap\ndate: 2018-02-31\n---\nBody\n",
    "colon-title.md": b"---\ntitle: a: b\n---\nBody\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
async def test_broken_front_matter_is_listed_marked_and_opens_as_text(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BROKEN[name])
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        post = screen.post_list.post_at(0)
        assert post is not None and post.problems
        listed = text_of(screen.post_list)
        assert PROBLEM_MARK in listed
        if name != "impossible-date.md":  # its title can still be read
            assert name in listed
        await pilot.press("e")
        await until_open(pilot, screen, path)
        assert screen.editor.text == BROKEN[name].decode()
        assert not screen.editor.read_only
        assert f"⚠ {post.problems[0]}" in text_of(screen.query_one("#status"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert path.read_bytes() == BROKEN[name]


async def test_impossible_date_is_reported_and_the_title_kept(tmp_path: Path) -> None:
    (tmp_path / "leap.md").write_bytes(BROKEN["impossible-date.md"])
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        post = screen.post_list.post_at(0)
        assert post is not None
        assert post.title == "Leap"
        assert post.problems == ("date: 2018-02-31 is not a real date",)


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("bom.md", b"\xef\xbb\xbf---\ntitle: With a BOM\n---\nBody\n"),
        ("dots.md", b"---\ntitle: Dots fence\n...\nBody\n"),
        ("utf16.md", "\ufeff---\r\ntitle: Sixteen\r\n---\r\nBody\r\n".encode("utf-16-le")),
        ("utf16be.md", "\ufeff---\ntitle: Big end\n---\nBody\n".encode("utf-16-be")),
    ],
)
async def test_bom_dots_and_utf16_posts_are_read_and_saved_as_they_were(
    tmp_path: Path, name: str, raw: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        post = screen.post_list.post_at(0)
        assert post is not None and not post.problems
        assert post.title in text_of(screen.post_list)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert path.read_bytes() == raw
        await pilot.press("end", "!", "ctrl+s")
        await settle(pilot)
        # The "!" typed at the end of the first line, in the file's own
        # encoding; its BOM, newlines and every other byte as they were.
        encoding = {"utf16.md": "utf-16-le", "utf16be.md": "utf-16-be"}.get(name, "utf-8")
        assert path.read_bytes() == raw.decode(encoding).replace("---", "---!", 1).encode(encoding)
        if name == "bom.md":
            assert path.read_bytes() == b"\xef\xbb\xbf---!\ntitle: With a BOM\n---\nBody\n"


async def test_a_file_that_is_not_utf8_opens_read_only_and_is_never_rewritten(
    tmp_path: Path,
) -> None:
    raw = b"---\ntitle: Caf\xe9\n---\nLatin-1 text: \xe9t\xe9\n"
    path = tmp_path / "latin1.md"
    path.write_bytes(raw)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        assert screen.editor.read_only
        assert "not valid UTF-8" in text_of(screen.query_one("#status"))
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert path.read_bytes() == raw
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "not valid UTF-8 (byte 0xe9 at offset 14)" in messages


async def test_markup_and_escape_sequences_are_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "[red]name[red].md").write_text(
        '---\ntitle: "[bold]Bold[/bold] \\e[31mred"\ntags: ["[link=x]t[/link]"]\n---\n', "utf-8"
    )
    (tmp_path / "[blink]no title[blink].md").write_text("no front matter\n", "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        listed = text_of(screen.post_list)
        assert "[bold]Bold[/bold] ␛[31mred" in listed
        assert "#[link=x]t[/link]" in listed
        assert "[blink]no title[blink].md" in listed
        assert "[link=x]t[/link]" in text_of(screen.tag_sidebar)


async def test_an_empty_folder_says_how_to_write_the_first_post(tmp_path: Path) -> None:
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        shown = text_of(screen.post_list)
        assert "No posts yet." in shown
        assert "Press ctrl+n to write your first post." in shown
        await pilot.press("e", "d", "v", "enter", "ctrl+s")  # nothing to act on: no crash
        await settle(pilot)
        assert app.is_running


@pytest.mark.parametrize("argument", ["/no/such/folder", "README.md"])
def test_a_missing_folder_is_one_line_and_status_2(argument: str) -> None:
    project = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "tui", argument],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("blog: ")
    assert argument in result.stderr


async def test_a_file_the_editor_would_change_opens_read_only(tmp_path: Path) -> None:
    raw = "---\ntitle: Sep\n---\nLine\u2028separator\n".encode()
    path = tmp_path / "sep.md"
    path.write_bytes(raw)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, path)
        assert screen.editor.read_only
        assert "line break" in text_of(screen.query_one("#status"))
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert path.read_bytes() == raw


async def test_an_unexpected_error_is_reported_not_raised(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)

        def broken(path: Path) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(screen.blog, "open", broken)
        await pilot.press("j", "enter")
        with contextlib.suppress(WorkerFailed):  # the failure this test is about
            await settle(pilot)
        message = "Something went wrong (RuntimeError): disk on fire"
        await until(pilot, lambda: message in [str(n.message) for n in app._notifications])
        assert app.is_running


def test_a_post_that_breaks_the_parser_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.blog import parsing
    from tui.blog import post as post_module

    path = tmp_path / "odd.md"
    path.write_text("---\ntitle: x\n---\n", "utf-8")

    def explode(*args: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(parsing, "parse_post", explode)
    post = post_module.read_post(path, tmp_path)
    assert post.title == "odd.md"
    assert post.problems == ("cannot be read: RuntimeError: unexpected",)
