"""The app's screens."""

from __future__ import annotations

from tui.screens.main import MainScreen

__all__ = ["MainScreen"]
