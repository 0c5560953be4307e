"""Running the user's own editor on the app's terminal, and always getting the terminal back."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
from collections.abc import Iterator

from textual.app import App, SuspendNotSupported

from tui.blog.display import printable


async def run_editor(app: App[object], command: list[str]) -> tuple[bool, str | None]:
    """Run ``command`` with the terminal handed over to it: whether it ran,
    and what went wrong, if anything.

    Textual's ``App.suspend`` gives the terminal back only when its block ends
    normally: an exception inside it (an editor that cannot be started) left
    the terminal in line mode and the app drawing nowhere. So nothing is
    raised inside it, not even the KeyboardInterrupt of a ctrl+c meant for
    the editor.
    """
    try:
        with app.suspend(), _ctrl_c_for_the_editor():
            status, problem = _run(command)
    except SuspendNotSupported:  # no terminal to hand over (tests, pipes)
        status, problem = await asyncio.to_thread(_run, command)
    if problem is not None:
        return False, problem
    if status < 0:  # ended by a signal (a ctrl+c meant for it)
        name = signal.Signals(-status).name if -status in signal.valid_signals() else -status
        return True, f"{printable(command[0])} was stopped by {name}; the post is read again."
    if status != 0:
        return True, f"{printable(command[0])} exited with status {status}; the post is read again."
    return True, None


def _run(command: list[str]) -> tuple[int, str | None]:
    """The editor's exit status, or why it could not run."""
    try:
        return subprocess.run(command, check=False).returncode, None
    except OSError as error:
        reason = error.strerror or str(error)
        return -1, f"Cannot run {printable(command[0])}: {reason}"
    except Exception as error:  # whatever it is, the terminal must come back
        return -1, f"Cannot run {printable(command[0])}: {printable(str(error))}"


@contextlib.contextmanager
def _ctrl_c_for_the_editor() -> Iterator[None]:
    """While the editor runs, a ctrl+c on the terminal is the editor's alone.

    The app is in the terminal's foreground group too, and Python would raise
    KeyboardInterrupt in the middle of the hand-over. A handler of Python's,
    not SIG_IGN: the editor, once started, gets the default back (an ignored
    signal would stay ignored in it).
    """
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: None)
    except ValueError:  # not the main thread: nothing to protect
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
