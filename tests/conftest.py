"""Fixtures: a copy of the sample blog in a temporary folder, and the corpora."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "posts"
CORPORA = PROJECT.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def own_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, recovery copies, caches and the trash in a folder of the
    test's own, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    trash = sys.modules.get("send2trash.plat_other")
    if trash is not None:  # it reads XDG_DATA_HOME as it is imported: read again
        importlib.reload(trash)


@pytest.fixture
def blog_dir(tmp_path: Path) -> Path:
    """A copy of the sample blog; tests never touch the project's posts/."""
    folder = tmp_path / "posts"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def corpora() -> Path:
    """The real blogs beside the project, or a clean skip where they are absent."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside the project")
    return CORPORA
