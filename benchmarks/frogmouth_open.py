"""Seconds from asking Frogmouth to open FILE to its first screen, painted.

Run by the Python that has frogmouth-ng (it brings its own Textual):

    /path/to/frogmouth-venv/bin/python benchmarks/frogmouth_open.py FILE RUNS

Prints one figure a line. run.py calls it with --frogmouth.
"""

from __future__ import annotations

import asyncio
import sys
import time
from argparse import Namespace
from pathlib import Path


async def once(path: Path) -> float:
    from frogmouth.app.app import MarkdownViewer
    from frogmouth.widgets.viewer import Viewer

    app = MarkdownViewer(Namespace(file=[]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(Viewer)
        start = time.perf_counter()
        await viewer.document.load(path)  # what its worker for opening a local file awaits
        app.screen._compositor.render_strips()
        return time.perf_counter() - start


def main() -> None:
    path, runs = Path(sys.argv[1]), int(sys.argv[2])
    for _ in range(runs):
        print(asyncio.run(once(path)), flush=True)


if __name__ == "__main__":
    main()
