"""Modal screens: questions the user answers before anything happens."""

from __future__ import annotations

from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.help import HelpScreen
from tui.dialogs.new_post import NewPostScreen
from tui.dialogs.unsaved import UnsavedScreen

__all__ = ["ConfirmScreen", "HelpScreen", "NewPostScreen", "UnsavedScreen"]
