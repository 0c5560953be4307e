"""A huge file or a binary one named .md is listed, marked and opened read-only, in part."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import settle, started, until_open
from tui.app import BlogApp
from tui.blog import Blog, BlogError
from tui.blog.post import HEAD, read_post


def huge(folder: Path) -> Path:
    path = folder / "2011-01-01-huge.md"
    paragraph = ("Un paragraphe de texte. " * 40 + "\n\n").encode()
    with open(path, "wb") as file:
        file.write(b'---\ntitle: "Huge"\n---\n\n')
        file.write(paragraph * (50_000_000 // len(paragraph)))
    return path


def test_a_50_mb_post_is_listed_marked_and_read_in_part(tmp_path: Path) -> None:
    path = huge(tmp_path)
    post = read_post(path, tmp_path)
    assert post.title == "Huge"
    assert post.read_only_reason and "too large" in post.read_only_reason
    assert post.problems
    document = Blog(tmp_path).open(path)
    assert len(document.raw) == HEAD  # never the 50 MB
    assert document.decoded.read_only_reason
    with pytest.raises(BlogError):  # never written back from a part
        Blog(tmp_path).save(document, document.text + "x")
    assert os.path.getsize(path) > 49_000_000


def test_a_binary_file_named_md_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "photo.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    post = read_post(path, tmp_path)
    assert post.read_only_reason and "binary" in post.read_only_reason
    document = Blog(tmp_path).open(path)
    assert "\x00" not in document.text
    with pytest.raises(BlogError):
        Blog(tmp_path).save(document, document.text)


async def test_the_app_stays_up_with_them(blog_dir: Path) -> None:
    path = huge(blog_dir)
    photo = blog_dir / "photo.md"
    photo.write_bytes(b"\x00\x01\x02PNG" * 1000)
    app = BlogApp(blog_dir, watch=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, photo)  # dated by the file: the newest
        assert screen.editor.read_only
        assert "binary" in screen.post_list.post_at(0).problems[0]  # type: ignore[union-attr]
        await pilot.press("j", "enter")
        await until_open(pilot, screen, path)
        assert screen.editor.read_only
        assert len(screen.editor.text) < 2 * HEAD
        await pilot.press("e")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("too large" in message for message in messages)
