"""A terminal that goes away without a SIGHUP: the app keeps the unsaved text and ends."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.terminal import Terminal
from tests.test_recovery import recovery, start

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

WITHIN = 10.0
"""Seconds the app has to end once its terminal is gone (it takes about one)."""


def _typed_then_gone(blog_dir: Path, home: Path, text: str) -> Terminal:
    """The app, started with no controlling terminal (so no SIGHUP ever comes),
    with ``text`` typed into the editor, then its terminal closed."""
    terminal = start(blog_dir, home)
    terminal.type("e")
    terminal.type(text)
    terminal.wait_for(text.strip())
    terminal.close()  # the window closed, the session dropped
    return terminal


def _ended(process: subprocess.Popen[bytes]) -> int:
    try:
        return process.wait(timeout=WITHIN)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"still running {WITHIN} s after its terminal went away") from None


def test_an_app_whose_terminal_goes_away_keeps_the_text_and_ends(
    blog_dir: Path, tmp_path: Path
) -> None:
    terminal = _typed_then_gone(blog_dir, tmp_path, "Tapé juste avant ")
    assert _ended(terminal.process) == 128 + signal.SIGHUP
    [kept] = recovery().pending(blog_dir)
    assert kept.text.startswith("Tapé juste avant ---")


def test_sigterm_is_answered_once_the_terminal_is_gone(blog_dir: Path, tmp_path: Path) -> None:
    terminal = _typed_then_gone(blog_dir, tmp_path, "Encore là ")
    time.sleep(0.1)  # the app is in the state a closed terminal leaves it in
    terminal.process.send_signal(signal.SIGTERM)
    assert _ended(terminal.process) in (128 + signal.SIGHUP, 128 + signal.SIGTERM)
    [kept] = recovery().pending(blog_dir)
    assert kept.text.startswith("Encore là ---")
