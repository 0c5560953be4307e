"""Opening a post in the user's own editor, and reading it again on return."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import settle, started, until, until_open
from tests.terminal import Terminal
from tui.app import BlogApp
from tui.blog import BlogError
from tui.blog.editor import editor_command
from tui.config import Config
from tui.dialogs import UnsavedScreen

STEVE = "2010-11-08-steve-jobs-stanford.md"


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An "editor" that appends a line to the file and records its arguments."""
    log = tmp_path / "editor-args.txt"
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys\n"
        f"open({str(log)!r}, 'w').write(' '.join(sys.argv[1:]))\n"
        "with open(sys.argv[-1], 'a', encoding='utf-8') as post:\n"
        "    post.write('Written elsewhere.\\n')\n",
        "utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    return log


async def test_capital_e_opens_the_post_and_reads_it_again(
    blog_dir: Path, fake_editor: Path
) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("j", "E")
        await settle(pilot)
        mobile = blog_dir / "2010-10-25-la-revolution-mobile.md"
        assert fake_editor.read_text() == str(mobile)
        await until_open(pilot, screen, mobile)
        assert screen.editor.text.endswith("Written elsewhere.\n")
        assert not screen.modified


async def test_ctrl_o_from_the_editor_saves_first_and_passes_the_line(
    blog_dir: Path, fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vim = fake_editor.parent / "vim"  # so the app passes "+LINE", as it would to vim
    vim.write_text(f"#!{sys.executable}\n" + (fake_editor.parent / "fake_editor.py").read_text())
    vim.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(vim))
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await pilot.press("down", "down", "x", "ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("s")  # save first, so the other editor sees the text
        await settle(pilot)
        assert fake_editor.read_text() == f"+3 {blog_dir / STEVE}"
        text = (blog_dir / STEVE).read_text("utf-8")
        assert text.splitlines()[2].startswith("xdate:")
        assert screen.editor.text == text
        assert screen.editor.cursor_location == (2, 1)  # kept across the reload


async def test_without_an_editor_setting_the_user_is_told(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("E")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert "Set $VISUAL or $EDITOR to the editor to open posts with." in messages


def test_editor_command_adds_the_line_for_editors_that_take_it() -> None:
    path = Path("/b/p.md")
    assert editor_command(path, 7, {"VISUAL": "nvim -p"}) == ["nvim", "-p", "+7", "/b/p.md"]
    assert editor_command(path, 7, {"EDITOR": "/usr/bin/nano"}) == [
        "/usr/bin/nano",
        "+7",
        "/b/p.md",
    ]
    assert editor_command(path, 7, {"EDITOR": "hx"}) == ["hx", "/b/p.md:7"]
    assert editor_command(path, 7, {"EDITOR": "code --wait"}) == ["code", "--wait", "/b/p.md"]
    assert editor_command(path, None, {"VISUAL": "vim", "EDITOR": "nano"}) == ["vim", "/b/p.md"]
    with pytest.raises(BlogError, match=r"\$VISUAL or \$EDITOR"):
        editor_command(path, 1, {})


@pytest.fixture
def terminal_handovers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app's terminal handed over and taken back, as Textual's App.suspend does
    it on a real terminal: taken back only when the block inside ends normally."""
    handovers: list[str] = []

    @contextlib.contextmanager
    def suspend(self: BlogApp) -> Iterator[None]:
        handovers.append("suspended")
        yield
        handovers.append("resumed")

    monkeypatch.setattr(BlogApp, "suspend", suspend)
    return handovers


INTERRUPTED = "import os, signal; signal.signal(2, signal.SIG_DFL); os.kill(os.getpid(), 2)"
"""An editor ended by a ctrl+c."""


def _not_executable(tmp_path: Path) -> str:
    script = tmp_path / "editor"
    script.write_text("#!/bin/sh\n", "utf-8")
    script.chmod(0o644)
    return str(script)


@pytest.mark.parametrize(
    ("editor", "said"),
    [
        (lambda tmp: "/nonexistent/ed", "Cannot run /nonexistent/ed: No such file"),
        (_not_executable, "Permission denied"),
        (lambda tmp: "false", "false exited with status 1"),
        (lambda tmp: f"{sys.executable} -c '{INTERRUPTED}'", "was stopped by SIGINT"),
    ],
    ids=["missing", "not-executable", "exits-non-zero", "interrupted"],
)
async def test_an_editor_that_fails_gives_the_terminal_back_and_says_why(
    blog_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal_handovers: list[str],
    editor: Callable[[Path], str],
    said: str,
) -> None:
    monkeypatch.setenv("VISUAL", editor(tmp_path))
    before = (blog_dir / STEVE).read_bytes()
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("E")
        await until(pilot, lambda: any(said in str(n.message) for n in app._notifications))
        assert terminal_handovers == ["suspended", "resumed"]
        await pilot.press("j")  # the app answers keys again
        await until(pilot, lambda: screen.post_list.highlighted_path != blog_dir / STEVE)
    assert (blog_dir / STEVE).read_bytes() == before


async def test_an_editor_setting_that_cannot_be_read_is_told(
    blog_dir: Path, terminal_handovers: list[str]
) -> None:
    app = BlogApp(blog_dir, watch=False, config=Config(editor="nvim 'unclosed"))
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await pilot.press("E")
        await until(pilot, lambda: any("Cannot read" in str(n.message) for n in app._notifications))
        assert terminal_handovers == []  # never handed over


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_missing_editor_in_a_real_terminal_leaves_the_app_usable(blog_dir: Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ["XDG_CONFIG_HOME"],
        "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
        "EDITOR": "/nonexistent/ed",
    }
    terminal = Terminal([str(blog_dir)], env)
    try:
        terminal.wait_for("Steve Jobs @ Stanford")
        terminal.type("E")
        terminal.wait_for("Cannot run /nonexistent/ed")
        terminal.type(b"\x11")  # ctrl+q, read by the app again
        assert terminal.finish() == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
