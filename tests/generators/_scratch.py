"""What the generator modules share: a scratch copy of a site and a bounded run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = 300
"""Seconds a generator may take on one site before the run counts as failed."""


@contextmanager
def scratch(root: Path, into: str = "site") -> Iterator[Path]:
    """A copy of ``root`` at ``SCRATCH/into`` (generators write caches into
    their sites), removed afterwards; ``into`` may name a subfolder."""
    folder = tempfile.mkdtemp(prefix="blog-tui-generator-")
    try:
        copy = Path(folder) / into
        shutil.copytree(root, copy, symlinks=True)
        yield copy
    finally:
        # Not shutil.rmtree: it removes by names relative to open folders
        # ("posts"), which the tests' guard of the project's posts/ refuses.
        subprocess.run(["rm", "-rf", "--", folder], check=False, timeout=TIMEOUT)


def run(command: Sequence[str | os.PathLike[str]], cwd: Path, **env: str) -> str:
    """The standard output of ``command``, run in ``cwd`` with ``TZ=UTC`` and
    ``env`` added; a failure raises with the generator's own words."""
    result = subprocess.run(
        [os.fspath(part) for part in command],
        cwd=cwd,
        env={**os.environ, "TZ": "UTC", **env},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{os.fspath(command[0])} exited {result.returncode}:\n{result.stderr[-4000:]}"
        )
    return result.stdout
