"""Links, loops, odd names, unreadable folders, and files that change under a save."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.helpers import screen_text, settle, started, until_open
from tui.app import BlogApp
from tui.blog import Blog, BlogError, read_post
from tui.blog.store import NeedsConfirmation
from tui.dialogs import ConfirmScreen

POST = '---\ntitle: "{}"\n---\nTexte.\n'


def test_loops_of_links_do_not_hang_the_scan(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(POST.format("A"))
    (tmp_path / "loop").symlink_to(tmp_path)  # a folder that holds itself
    (tmp_path / "x.md").symlink_to(tmp_path / "y.md")
    (tmp_path / "y.md").symlink_to(tmp_path / "x.md")  # two files pointing at each other
    blog = Blog(tmp_path)
    blog.load()
    titles = {post.relative: post for post in blog.index.posts()}
    assert sorted(titles) == ["a.md", "x.md", "y.md"]
    assert titles["x.md"].problems  # listed, with why it cannot be read


def test_a_link_out_of_the_blog_is_marked_and_written_only_when_confirmed(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(POST.format("Ailleurs"))
    folder = tmp_path / "blog"
    folder.mkdir()
    (folder / "link.md").symlink_to(outside)
    blog = Blog(folder)
    post = read_post(folder / "link.md", blog.root)
    assert any("outside the blog" in problem for problem in post.problems)
    document = blog.open(folder / "link.md")
    with pytest.raises(NeedsConfirmation, match="outside the blog"):
        blog.save(document, document.text + "Plus.\n")
    assert outside.read_text() == POST.format("Ailleurs")
    blog.save(document, document.text + "Plus.\n", confirmed=True)
    assert outside.read_text().endswith("Plus.\n")


def test_a_post_replaced_by_a_folder_or_a_link_is_not_written_over(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(POST.format("Post"))
    blog = Blog(tmp_path)
    document = blog.open(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(BlogError, match="now a folder"):
        blog.save(document, "x")
    path.rmdir()
    other = tmp_path / "other.txt"
    other.write_text("not a post")
    path.symlink_to(other)
    with pytest.raises(NeedsConfirmation, match="replaced by a link"):
        blog.save(document, "x")
    assert other.read_text() == "not a post"


async def test_saving_through_a_link_out_asks_first(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(POST.format("Ailleurs"))
    folder = tmp_path / "blog"
    folder.mkdir()
    (folder / "link.md").symlink_to(outside)
    app = BlogApp(folder, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, folder / "link.md")
        assert "outside the blog" in screen_text(pilot)
        await pilot.press("e", "end", "x", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert outside.read_text() == POST.format("Ailleurs")
        assert screen.modified  # the text stays in the editor
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert outside.read_text().startswith("---x\n")


NAMES = [
    "new\nline.md",
    "bell\x07\x1b[2J.md",
    "[bold]markup[on red].md",
    "gnp.\u202emd.md",
    "é" * 125 + ".md",  # 253 bytes
]


async def test_odd_file_names_are_shown_as_text(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_text("Sans front matter.\n")
    app = BlogApp(tmp_path, watch=False)
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await started(pilot)
        assert len(screen.blog.index) == len(NAMES)
        shown = screen_text(pilot)
        assert not any(c in shown for c in "\x07\x1b\u202e")
        assert "[bold]markup[on red].md" in shown
        assert "new␊line.md" in shown


def test_unreadable_folders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text(POST.format("A"))
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_text(POST.format("B"))
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if Path(path).name == "locked":  # what chmod 000 does, even for root
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    blog = Blog(tmp_path)
    blog.load()
    assert [post.title for post in blog.index.posts()] == ["A"]
    assert blog.unreadable == [f"{tmp_path / 'locked'}: Permission denied"]


@pytest.mark.parametrize("title", ["/abs", "../../etc/passwd", "CON", "!!!", "é" * 500, "a\x00b"])
def test_new_post_names_stay_in_the_folder_and_never_overwrite(tmp_path: Path, title: str) -> None:
    blog = Blog(tmp_path)
    day = dt.datetime(2026, 1, 2)
    first, _ = blog.new_post(title, day)
    second, _ = blog.new_post(title, day)
    for post in (first, second):
        assert post.path.parent == tmp_path
        assert len(post.path.name.encode()) <= 255
        assert post.path.stem.split("-", 3)[-1].lower() not in {"con", "prn", "aux", "nul"}
    assert first.path != second.path
    assert len(list(tmp_path.iterdir())) == 2
