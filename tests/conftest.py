"""Fixtures: a copy of the sample blog in a temporary folder, and the corpora."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# The four sample posts as the tests know them. The project's posts/ is the
# newcomer's to edit (the README says so): tests never read it.
SAMPLE = PROJECT / "tests" / "sample_blog"
WORKING_POSTS = PROJECT / "posts"
CORPORA = PROJECT.parent / "shared" / "corpora"

# Events that name a file to read, list or change, and which of their
# arguments are paths (Python's audit events; os.stat has none).
_PATH_EVENTS = {
    "open": (0,),
    "os.listdir": (0,),
    "os.scandir": (0,),
    "os.chdir": (0,),
    "os.mkdir": (0,),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.truncate": (0,),
    "os.utime": (0,),
    "os.chmod": (0,),
    "os.rename": (0, 1),
    "os.link": (0, 1),
    "os.symlink": (0, 1),
    "shutil.copytree": (0, 1),
    "shutil.copyfile": (0, 1),
    "shutil.rmtree": (0,),
}
_WORKING = os.path.abspath(WORKING_POSTS)
touched_working_posts: list[str] = []
"""The paths under the project's posts/ (or the shared /tmp itself) that the
running test tried to use."""


_SHARED_TEMP = os.path.abspath(tempfile.gettempdir())
_LISTINGS = {"os.listdir", "os.scandir"}


def _refused(event: str, argument: object) -> str | None:
    """The path ``argument`` names if a test must not use it."""
    if isinstance(argument, int) or argument is None:
        return None  # a file descriptor
    try:
        path = os.path.abspath(os.fsdecode(argument))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if path == _WORKING or path.startswith(_WORKING + os.sep):
        return path
    # The machine's whole /tmp: once 62,000 posts of other people's, read by `blog new`.
    if path == _SHARED_TEMP and event in _LISTINGS:
        return path
    return None


def _guard(event: str, args: tuple[object, ...]) -> None:
    """Refuse any use of the project's posts/ while a test runs: a test that
    read it would pass or fail with whatever a person last wrote there."""
    positions = _PATH_EVENTS.get(event)
    if positions is None or not _guarding:
        return
    for position in positions:
        if position < len(args) and (path := _refused(event, args[position])):
            touched_working_posts.append(path)
            raise PermissionError(f"tests use their own folders (blog_dir, tmp_path), not {path}")


_guarding = False
sys.addaudithook(_guard)  # hooks cannot be removed: it is switched by the fixture below


@pytest.fixture(autouse=True)
def never_the_working_posts() -> Iterator[None]:
    """Fail any test that reads or writes the project's posts/ (or lists the
    machine's /tmp), even from a worker thread whose error the app shows
    instead of raising."""
    global _guarding
    touched_working_posts.clear()
    _guarding = True
    try:
        yield
    finally:
        _guarding = False
    assert not touched_working_posts, f"not the test's own folders: {touched_working_posts}"


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
    """A copy of the sample blog (tests/sample_blog, as the tests know it)."""
    folder = tmp_path / "posts"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture
def corpora() -> Path:
    """The real blogs beside the project, or a clean skip where they are absent."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside the project")
    return CORPORA


@pytest.fixture(autouse=True)
def no_app_left_running() -> Iterator[None]:
    """An app a failed test started in a pseudo-terminal is ended with the test."""
    yield
    from tests.terminal import end_left_over

    end_left_over()
