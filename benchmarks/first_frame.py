"""Instructions run until the first frame is written, counted by valgrind.

A first paint timed on the screen changes by a third from one start to the
next on a shared machine (the empty app's own: 0.20 to 0.49 s in forty
starts), and the ratio of two medians moves with it. The instructions a
start runs before its first frame do not: callgrind counts them, the same
from one run to the next within a fraction of a percent, whatever else the
machine does. This is the first paint's work, beside the empty app's.

    python benchmarks/first_frame.py empty
    python benchmarks/first_frame.py blog FOLDER

runs the empty app or `blog FOLDER` until Textual hands its first frame to
the terminal, then ends; `count` runs either under callgrind in a terminal
of its own (a pseudo-terminal of 120 by 40).
"""

from __future__ import annotations

import fcntl
import importlib.abc
import importlib.machinery
import os
import pty
import struct
import sys
import tempfile
import termios
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

EMPTY_APP = """\
from textual.app import App
from textual.widgets import Static


class Empty(App):
    def compose(self):
        yield Static("ready")


Empty().run()
"""
"""The baseline of a first paint: an empty Textual app, showing "ready"."""


def count(python: str, args: Sequence[str], env: dict[str, str]) -> int:
    """Instructions ``python benchmarks/first_frame.py ARGS`` runs, under
    callgrind, until its first frame; 0 when it could not be counted."""
    with tempfile.TemporaryDirectory(prefix="first-frame-") as folder:
        out = Path(folder) / "callgrind"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}.%p",
            python,
            __file__,
            *args,
        ]
        pid, terminal = pty.fork()
        if pid == 0:
            try:
                os.execvpe(command[0], command, env)
            finally:
                os._exit(127)
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        while True:  # what it writes, until it ends
            try:
                if not os.read(terminal, 1 << 16):
                    break
            except OSError:  # the other end closed
                break
        os.waitpid(pid, 0)
        os.close(terminal)
        # The process's own count (valgrind keeps its pid), not a child's.
        counted = Path(f"{out}.{pid}")
        if not counted.is_file():
            return 0
        for line in counted.read_text().splitlines():
            if line.startswith(("totals:", "summary:")):
                return int(line.split()[1])
    return 0


class _StopAtFirstFrame(importlib.abc.MetaPathFinder):
    """Textual's App, once imported, ends the process as its first frame is
    handed to the terminal. Hooked, not imported here: the app imports
    Textual when it would, after what it does before."""

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            display = module.App._display

            def displayed(app: Any, *args: Any) -> None:
                display(app, *args)
                os._exit(0)

            module.App._display = displayed

        loader.exec_module = exec_module
        return spec


def main() -> None:
    sys.meta_path.insert(0, _StopAtFirstFrame())
    if sys.argv[1] == "empty":
        exec(EMPTY_APP, {"__name__": "__main__"})
    else:
        from tui.cli import main as blog

        sys.exit(blog(sys.argv[2:]))


if __name__ == "__main__":
    main()
