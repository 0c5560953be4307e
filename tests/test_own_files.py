"""The app's own files (session, recovery copies, cache, glimpse, settings)
failing to be written or read: the app goes on, says so once, and the text
in the editor is never lost.

Tests run as root, which ignores permissions: a full or broken disk is the
write raising ENOSPC, EROFS or EIO, and an unusable folder is a regular file
where the folder should be (ENOTDIR).
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.helpers import TIMEOUT, settle, started, until, until_open
from tui import config as settings
from tui.app import BlogApp
from tui.blog import Blog, BlogError, files, glimpse
from tui.blog.cache import PostCache
from tui.blog.head_start import glimpse_file
from tui.blog.own_files import Failure, OwnFiles
from tui.blog.recovery import Recovery
from tui.blog.session import Session
from tui.dialogs import UnsavedScreen
from tui.screens.main import MainScreen

STEVE = "2010-11-08-steve-jobs-stanford.md"


def state() -> Path:
    return Path(os.environ["XDG_STATE_HOME"])


def cache_home() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def failing_under(folder: Path, code: int) -> Callable[..., None]:
    """atomic_write, failing with ``code`` as the disk would for files under ``folder``."""
    real = files.atomic_write

    def write(path: Path, data: bytes, mode: int | None = None) -> None:
        if not path.is_relative_to(folder):
            return real(path, data, mode)
        try:
            raise OSError(code, os.strerror(code), str(path))
        except OSError as error:  # as atomic_write says it
            raise BlogError(f"Cannot save {path.name}: {error.strerror}") from error

    return write


def fail_own_writes(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """Every write of the app's own files under ``folder`` fails with ``code``."""
    write = failing_under(folder, code)
    for module in ("session", "recovery", "cache"):
        monkeypatch.setattr(f"tui.blog.{module}.atomic_write", write)
    monkeypatch.setattr("tui.config.atomic_write", write)
    monkeypatch.setattr(files, "atomic_write", write)  # the glimpse imports it when it writes


def told(app: BlogApp, *words: str) -> list[str]:
    """The notifications that hold every one of ``words``."""
    messages = [str(n.message) for n in app._notifications]
    return [message for message in messages if all(word in message for word in words)]


# The library


def test_a_kind_that_keeps_failing_is_told_once_and_again_after_it_worked() -> None:
    heard: list[Failure] = []
    own = OwnFiles(told=heard.append)
    where = Path("/state/blog-tui/session.json")

    def full() -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    assert not own.write("session", where, full)
    assert not own.write("session", where, full)
    assert not own.write("cache", Path("/cache/x"), full)
    assert [failure.kind for failure in heard] == ["session", "cache"]
    assert heard[0] == Failure("session", where, "No space left on device")
    assert str(where) in heard[0].message and "No space left on device" in heard[0].message
    assert own.write("session", where, lambda: None)  # room was made
    assert own.failed("session") is None
    assert not own.write("session", where, full)
    assert [failure.kind for failure in heard] == ["session", "cache", "session"]
    # Removing what is not there is no failure, and no sign the kind works again.
    assert own.remove("cache", Path("/cache/x"), Path("/no/such/file"))
    assert own.failed("cache") is not None


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
def test_the_session_is_kept_in_memory_when_it_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    monkeypatch.setattr("tui.blog.session.atomic_write", failing_under(tmp_path, code))
    heard: list[Failure] = []
    session = Session(tmp_path / "session.json", OwnFiles(told=heard.append))
    session.remember_order("title")
    session.read(tmp_path / "blog", "a.md")
    session.read(tmp_path / "blog", "b.md")
    assert session.order == "title" and session.last_read(tmp_path / "blog") == "b.md"
    assert heard == [Failure("session", tmp_path / "session.json", os.strerror(code))]


def test_an_own_folder_that_is_a_file_is_told_not_raised(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("not a folder")
    folder = tmp_path / "state" / "blog-tui"
    heard: list[Failure] = []
    own = OwnFiles(told=heard.append)
    Session(folder / "session.json", own).remember_order("oldest")
    recovery = Recovery(folder / "recovery", own)
    assert not recovery.write(tmp_path / "post.md", "unsaved")
    recovery.remove(tmp_path / "post.md")  # nothing there to remove
    blog = Blog(tmp_path)
    cache = PostCache(blog.root, folder, own)
    cache.save([], {})
    glimpse.save(blog.root, "newest", [], [], {}, [], folder, own)
    assert [(failure.kind, failure.reason) for failure in heard] == [
        ("session", "Not a directory"),
        ("recovery", "Not a directory"),
        ("cache", "Not a directory"),
        ("glimpse", "Not a directory"),
    ]
    # The file itself where the folder should be.
    own = OwnFiles(told=heard.append)
    Session(tmp_path / "state" / "session.json", own).remember_order("oldest")
    assert heard[-1].reason == f"{tmp_path / 'state'} is a file, not a folder"


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b"\xff\xfe not utf-8", b'{"order": "title", "last_read": [1]}', b""],
    ids=["nested too deep", "not UTF-8", "of the wrong shape", "empty"],
)
def test_a_damaged_session_reads_as_empty(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "session.json"
    file.write_bytes(content)
    session = Session(file)
    assert session.last_read(tmp_path) is None
    session.read(tmp_path, "a.md")
    assert Session(file).last_read(tmp_path) == "a.md"


def test_a_session_that_is_a_fifo_is_not_waited_for(tmp_path: Path) -> None:
    file = tmp_path / "session.json"
    os.mkfifo(file)
    made: list[Session] = []
    reading = threading.Thread(target=lambda: made.append(Session(file)), daemon=True)
    reading.start()
    reading.join(TIMEOUT)
    try:
        assert made and made[0].order == "newest"
    finally:
        if not made:  # lets the reader of the old code go
            os.close(os.open(file, os.O_WRONLY | os.O_NONBLOCK))


def test_a_folder_name_that_is_not_utf8_is_kept_by_the_session(tmp_path: Path) -> None:
    root = tmp_path / os.fsdecode(b"blog-\xff")
    file = tmp_path / "session.json"
    heard: list[Failure] = []
    Session(file, OwnFiles(told=heard.append)).read(root, "a.md")
    assert heard == [] and Session(file).last_read(root) == "a.md"


def test_a_title_utf8_cannot_hold_is_kept_by_the_glimpse(tmp_path: Path) -> None:
    (tmp_path / "blog").mkdir()
    # JSON front matter spells a lone surrogate as "\ud800"; UTF-8 has none.
    (tmp_path / "blog" / "a.md").write_text('{"title": "odd \\ud800 title"}\n\nBody.\n')
    heard: list[Failure] = []
    own = OwnFiles(told=heard.append)
    blog = Blog(tmp_path / "blog")
    cache = PostCache(blog.root, tmp_path, own)
    for part in blog.read_parts(cache=cache):
        blog.index.absorb(part)
    cache.save()
    posts = blog.index.posts()
    glimpse.save(blog.root, "newest", posts, [], cache.stamps(), [], tmp_path, own)
    kept = glimpse.load(blog.root, "newest", tmp_path)
    assert heard == []
    assert kept is not None and [post.title for post in kept.posts] == ["odd \ud800 title"]


def test_a_recovery_copy_nested_too_deep_is_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    recovery = Recovery(folder)
    assert recovery.write(tmp_path / "a.md", "kept")
    (folder / "deep.json").write_text("[" * 100_000)
    assert [found.text for found in recovery.pending(tmp_path)] == ["kept"]


def test_settings_in_a_folder_that_is_a_file_are_none(monkeypatch: pytest.MonkeyPatch) -> None:
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    config_home.parent.mkdir(parents=True, exist_ok=True)
    config_home.write_text("not a folder")
    assert settings.load() == settings.Config()


# The app


async def type_and_pause(pilot: Pilot[None], screen: MainScreen, text: str) -> None:
    """Type ``text`` in the editor, then wait past the pause that writes its recovery copy."""
    screen.keeper.kept.clear()
    await pilot.press(*text)
    await until(pilot, screen.keeper.kept.is_set)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
async def test_a_full_or_broken_state_folder_keeps_the_app_and_the_text(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    fail_own_writes(monkeypatch, state(), code)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await type_and_pause(pilot, screen, "Bonjour")
        await type_and_pause(pilot, screen, " encore")
        await pilot.press("escape", "s", "j", "down", "s")
        await settle(pilot)
        assert app.is_running
        assert screen.editor.text.startswith("Bonjour encore---")
        folder = str(state() / "blog-tui")
        reason = os.strerror(code)
        # Once each, for all the pauses in typing and the moves in the list.
        [recovery] = told(app, "ecovery")
        [session] = told(app, "order")
        assert folder in recovery and reason in recovery
        assert folder in session and reason in session
        assert told(app, "Unexpected error") == []
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("s")  # save, then quit
        await settle(pilot)
    assert not app.is_running
    assert (blog_dir / STEVE).read_text("utf-8").startswith("Bonjour encore---")


async def test_a_state_folder_that_is_a_file_keeps_the_app_and_the_text(blog_dir: Path) -> None:
    state().parent.mkdir(parents=True, exist_ok=True)
    state().write_text("not a folder")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("e")
        await until_open(pilot, screen, blog_dir / STEVE)
        await type_and_pause(pilot, screen, "un")
        await type_and_pause(pilot, screen, "deux")
        await pilot.press("escape", "s", "j", "s")
        await settle(pilot)
        assert app.is_running and screen.editor.text.startswith("undeux---")
        [recovery] = told(app, "ecovery")
        [session] = told(app, "order")
        assert str(state()) in recovery and "Not a directory" in recovery
        assert str(state()) in session and "Not a directory" in session
        await pilot.press("ctrl+s")  # the post's folder is fine: it is saved
        await settle(pilot)
        assert (blog_dir / STEVE).read_text("utf-8").startswith("undeux---")
        assert told(app, "Unexpected error") == []  # the copy it could not write, not removed


async def test_a_cache_folder_that_is_a_file_is_told_once_at_start(blog_dir: Path) -> None:
    cache_home().parent.mkdir(parents=True, exist_ok=True)
    cache_home().write_text("not a folder")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("s", "j", "s")
        await settle(pilot)
        assert app.is_running and len(screen.blog.index.posts()) == 4
        [cache] = told(app, "cache of the posts")
        [kept_glimpse] = told(app, "glimpse of the list")
        assert str(cache_home()) in cache and "Not a directory" in cache
        assert str(cache_home()) in kept_glimpse and "Not a directory" in kept_glimpse


async def test_a_glimpse_that_cannot_be_written_is_told_once(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = glimpse_file(Blog(blog_dir).root)
    monkeypatch.setattr(files, "atomic_write", failing_under(file, errno.EIO))
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await pilot.press("s")  # the list changed: kept again as the app ends
        await settle(pilot)
        assert app.is_running and len(screen.blog.index.posts()) == 4
        [kept_glimpse] = told(app, "glimpse of the list")
        assert str(file) in kept_glimpse and "Input/output error" in kept_glimpse
        assert told(app, "cache of the posts") == []


async def test_a_cache_that_is_a_folder_is_read_as_none(blog_dir: Path) -> None:
    PostCache(Blog(blog_dir).root).file.mkdir(parents=True)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert app.is_running and len(screen.blog.index.posts()) == 4
        [cache] = told(app, "cache of the posts")
        assert "is now a folder; it was not written" in cache


async def test_a_damaged_session_does_not_stop_the_start(blog_dir: Path) -> None:
    (state() / "blog-tui").mkdir(parents=True)
    (state() / "blog-tui" / "session.json").write_text("[" * 100_000)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert len(screen.blog.index.posts()) == 4


async def test_a_theme_that_cannot_be_kept_is_told_once(blog_dir: Path) -> None:
    config_home = Path(os.environ["XDG_CONFIG_HOME"])
    config_home.parent.mkdir(parents=True, exist_ok=True)
    config_home.write_text("not a folder")
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        for theme in ("nord", "gruvbox", "dracula"):  # what the palette's "Change theme" does
            app.theme = theme
            await settle(pilot)
        assert app.is_running and app.theme == "dracula"
        [theme] = told(app, "theme")
        assert str(config_home) in theme and "Not a directory" in theme


async def test_a_title_utf8_cannot_hold_does_not_stop_the_reading(blog_dir: Path) -> None:
    (blog_dir / "odd.md").write_text('{"title": "odd \\ud800 title", "date": "2030-01-01"}\n')
    app = BlogApp(blog_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)  # read, and the folder watched after it
        assert len(screen.blog.index.posts()) == 5
        assert told(app, "Unexpected error") == []
