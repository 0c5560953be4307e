"""Escape sequences and markup from files are shown as harmless text, everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.helpers import screen_text, settle, started, text_of, until, until_open
from tui.app import BlogApp
from tui.blog.display import printable
from tui.cli import main
from tui.dialogs import PromptScreen

EVIL = (
    "\x1b]2;pwned\x07"  # OSC 2: retitle the terminal
    "\x9d"  # OSC in one byte (C1)
    "\x07"  # BEL
    "\x08"  # backspace
    "\r"  # carriage return: back over what is shown
    "\x9b31m"  # CSI in one byte
    "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: write the clipboard
    "\x1b]8;;http://x\x1b\\lien\x1b]8;;\x1b\\"  # OSC 8: a hidden link
    "\x1bP+q\x1b\\"  # DCS
    "\x1b[2J"  # clear the screen
    "[bold red]gras[/]"  # Rich markup
    "\u202etxt.exe"  # right-to-left override
)


def evil_post(folder: Path) -> Path:
    path = folder / "evil.md"
    tags = json.dumps([EVIL, "[link=file:///]x[/link]"])
    path.write_text(f"---\ntitle: {json.dumps(EVIL)}\ntags: {tags}\n---\n\n{EVIL}\n", "utf-8")
    return path


def test_printable_leaves_no_control_or_bidi_character() -> None:
    shown = printable(EVIL)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown and "<U+202E>" in shown
    assert "[bold red]gras[/]" in shown  # markup stays as written


async def test_list_sidebar_preview_editor_and_status_show_text(tmp_path: Path) -> None:
    path = evil_post(tmp_path)
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, path)
        await pilot.press("v")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        # Shown as written: in the list, and in full in the preview's header.
        assert "␛]2;pwned␇" in text_of(screen.post_list)
        assert "␛]2;pwned␇" in text_of(screen.tag_sidebar)
        assert "[bold red]gras[/]<U+202E>txt.exe" in shown
        assert "#[link=file:///]x[/link]" in shown
        assert "read-only" in shown  # the editor holds a copy it will not save


def test_the_command_line_prints_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil_post(tmp_path)
    assert main(["list", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert main(["tags", "--dir", str(tmp_path)]) == 0
    assert "\x1b" not in capsys.readouterr().out
    assert main(["list", "--json", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    assert json.loads(out)[0]["title"] == EVIL  # escaped, not lost


async def test_a_title_given_back_unchanged_in_its_prompt_stays_as_written(tmp_path: Path) -> None:
    path = tmp_path / "quoted.md"  # the controls are YAML escapes: the file itself is editable
    written = f"---\ntitle: {json.dumps(EVIL)}\n---\n\nCorps.\n"
    path.write_text(written, "utf-8")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, path)
        await screen.run_action("change_title")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        field = app.screen.query_one(Input)
        assert field.value == printable(EVIL)  # the field shows symbols, as the list does
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.modified and path.read_text("utf-8") == written
