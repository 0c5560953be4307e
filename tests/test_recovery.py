"""Unsaved text survives a crash, a kill and a closed terminal."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest

from tests.helpers import TIMEOUT, settle, started, until, until_open
from tests.terminal import Terminal
from tui.app import BlogApp
from tui.blog.recovery import Recovery
from tui.dialogs import RecoveredScreen, UnsavedScreen

STEVE = "2010-11-08-steve-jobs-stanford.md"


def recovery() -> Recovery:
    return Recovery()  # under the test's own XDG_STATE_HOME (conftest)


async def test_unsaved_text_is_kept_until_it_is_saved(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        screen.keeper.kept.clear()
        await pilot.press(*"Bonjour")
        await asyncio.wait_for(screen.keeper.kept.wait(), TIMEOUT)
        [kept] = recovery().pending(blog_dir)
        assert kept.post == blog_dir / STEVE and kept.text.startswith("Bonjour---")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert recovery().pending(blog_dir) == []


async def test_discarding_removes_the_recovery_copy(blog_dir: Path) -> None:
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        screen.keeper.kept.clear()
        await pilot.press("x")
        await asyncio.wait_for(screen.keeper.kept.wait(), TIMEOUT)
        await pilot.press("escape", "j", "enter")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("d")
        await settle(pilot)
        assert recovery().pending(blog_dir) == []


async def test_recovered_text_is_offered_and_restored(blog_dir: Path) -> None:
    recovery().write(blog_dir / STEVE, "Texte perdu, puis retrouvé.\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until(pilot, lambda: isinstance(app.screen, RecoveredScreen))
        await pilot.press("c")  # compare: the difference shows, nothing is decided
        assert app.screen.query_one("#difference").display
        await pilot.press("r")
        await settle(pilot)
        assert screen.editor.text == "Texte perdu, puis retrouvé.\n"
        assert screen.modified and (blog_dir / STEVE).read_text("utf-8").startswith("---")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (blog_dir / STEVE).read_text("utf-8") == "Texte perdu, puis retrouvé.\n"
        assert recovery().pending(blog_dir) == []


async def test_recovered_text_can_be_discarded_or_left_for_later(blog_dir: Path) -> None:
    recovery().write(blog_dir / STEVE, "later\n")
    recovery().write(blog_dir / "gone.md", "discard me\n")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        await until(pilot, lambda: isinstance(app.screen, RecoveredScreen))
        first = app.screen
        await pilot.press("escape")  # the oldest first: later
        await until(
            pilot, lambda: app.screen is not first and isinstance(app.screen, RecoveredScreen)
        )
        await pilot.press("x")
        await settle(pilot)
    assert [r.text for r in recovery().pending(blog_dir)] == ["later\n"]


def start(blog_dir: Path, home: Path) -> Terminal:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
    }
    terminal = Terminal([str(blog_dir)], env)
    terminal.wait_for("Steve Jobs @ Stanford")
    return terminal


def wait_for_recovery(blog_dir: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not recovery().pending(blog_dir):  # another process writes it: poll the disk
        assert time.monotonic() < deadline, "no recovery copy was written"
        time.sleep(0.1)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_killed_app_offers_the_text_again_at_the_next_start(blog_dir: Path, tmp_path: Path) -> None:
    terminal = start(blog_dir, tmp_path)
    terminal.type("e")
    terminal.type("Survivant ")
    wait_for_recovery(blog_dir)
    terminal.kill(signal.SIGKILL)
    assert (blog_dir / STEVE).read_text("utf-8").startswith("---")  # never saved

    terminal = start(blog_dir, tmp_path)
    terminal.wait_for("Recovered: unsaved text of")
    terminal.type("r")
    terminal.type(b"\x13")  # ctrl+s
    deadline = time.monotonic() + TIMEOUT
    while not (blog_dir / STEVE).read_text("utf-8").startswith("Survivant ---"):
        assert time.monotonic() < deadline, terminal.text[-2000:]
        terminal.read(0.2)
    terminal.type(b"\x11")  # ctrl+q
    assert terminal.finish() == 0
    assert recovery().pending(blog_dir) == []


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_keep_the_text_and_leave_the_terminal_sane(
    blog_dir: Path, tmp_path: Path, number: int
) -> None:
    terminal = start(blog_dir, tmp_path)
    terminal.type("e")
    terminal.type("Pas encore gardé ")
    status = terminal.kill(number)
    assert status == 128 + number
    [kept] = recovery().pending(blog_dir)
    assert kept.text.startswith("Pas encore gardé ---")
    tail = bytes(terminal.output[-400:])
    assert b"\x1b[?1049l" in tail  # the alternate screen was left: the shell is back


STUCK_SHUTDOWN = """
import sys, threading
from textual.drivers.linux_driver import LinuxDriver
# A terminal that never takes the last write, as a closed window can be.
LinuxDriver.disable_input = lambda self: threading.Event().wait()
from tui.cli import main
sys.exit(main())
"""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_an_app_whose_terminal_is_gone_still_ends_after_sighup(
    blog_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "stuck_shutdown.py").write_text(STUCK_SHUTDOWN, "utf-8")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PYTHONPATH": str(tmp_path),
        "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
    }
    terminal = Terminal([str(blog_dir)], env, module="stuck_shutdown")
    try:
        terminal.wait_for("Steve Jobs @ Stanford")
        terminal.type("e")
        terminal.type("Gardé quand même ")
        assert terminal.kill(signal.SIGHUP) == 128 + signal.SIGHUP  # within its 30 s
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    [kept] = recovery().pending(blog_dir)
    assert kept.text.startswith("Gardé quand même ---")
