"""The user's own editor ($VISUAL, $EDITOR): which one, and how to open a line."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

from tui.blog.errors import BlogError

# Editors that open a file at a line when given "+LINE" before it.
_PLUS_LINE = frozenset(
    {"vi", "vim", "nvim", "gvim", "view", "nano", "pico", "emacs", "emacsclient", "micro",
     "kak", "joe", "jed", "mg", "ne", "vis", "ed", "ex", "helix", "hx"}
)  # fmt: skip


def editor_command(
    path: Path, line: int | None = None, environ: Mapping[str, str] | None = None
) -> list[str]:
    """The command that opens ``path`` in the user's editor, at ``line`` (from 1) if it can.

    Raises:
        BlogError: neither $VISUAL nor $EDITOR says which editor to use.
    """
    environ = os.environ if environ is None else environ
    setting = environ.get("VISUAL") or environ.get("EDITOR")
    if not setting or not setting.strip():
        raise BlogError("Set $VISUAL or $EDITOR to the editor to open posts with.")
    try:
        command = shlex.split(setting)
    except ValueError as error:
        raise BlogError(f"Cannot read $VISUAL/$EDITOR ({setting!r}): {error}") from error
    name = Path(command[0]).name
    if line is not None and name in _PLUS_LINE:
        if name in ("hx", "helix"):
            return [*command, f"{path}:{line}"]
        return [*command, f"+{line}", str(path)]
    return [*command, str(path)]
