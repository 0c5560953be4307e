"""Modal screens: questions the user answers before anything happens."""

from __future__ import annotations

from tui.dialogs.choice import ChoiceScreen
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.conflict import ConflictScreen
from tui.dialogs.help import HelpScreen
from tui.dialogs.prompt import NewPostScreen, PromptScreen
from tui.dialogs.recovered import RecoveredScreen
from tui.dialogs.unsaved import UnsavedScreen

__all__ = [
    "ChoiceScreen",
    "ConfirmScreen",
    "ConflictScreen",
    "HelpScreen",
    "NewPostScreen",
    "PromptScreen",
    "RecoveredScreen",
    "UnsavedScreen",
]
