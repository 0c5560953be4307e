"""A main screen that could not be made: said on the start screen, and the app can be quit.

Whatever fails while the main screen is imported and made (a bug, a
library that will not load, a folder that cannot be opened) used to end a
worker no one watched: the start screen said "Reading posts…" for ever,
and held every key, ctrl+q included, for a main screen that never came.
"""

from __future__ import annotations

from pathlib import Path

from tui.keys_in_turn import KeysInTurn
from tui.screens.start import StartScreen


def message(folder: Path, error: BaseException) -> str:
    """What the user is told: the folder, and the error as it was raised."""
    said = str(error) or "no details"
    return f"blog cannot open {folder}: {type(error).__name__}: {said}"


async def show(app: KeysInTurn, message: str) -> None:
    """Back to the start screen, which shows ``message``; held keys are let go."""
    while len(app.screen_stack) > 1:  # a main screen half made, or its dialogs
        await app.pop_screen()
    start = app.screen
    if isinstance(start, StartScreen):
        await start.show_failure(message)
    app.release_keys()
