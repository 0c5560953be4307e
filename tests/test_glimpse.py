"""The glimpse of the list kept for the next start: shown only while every
file is exactly as it was read, never a post as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.blog import Blog
from tui.blog import glimpse as glimpses
from tui.blog.cache import PostCache
from tui.blog.head_start import glimpse_file
from tui.blog.search import Searcher

STEVE = "2010-11-08-steve-jobs-stanford.md"


def keep(blog_dir: Path, order: str = "newest") -> Blog:
    """Read the blog as the app does and keep its glimpse."""
    blog = Blog(blog_dir)
    cache = PostCache(blog.root)
    for part in blog.read_parts(cache=cache):
        blog.index.absorb(part)
    posts = Searcher().ordered(blog.index.posts(), order)  # type: ignore[arg-type]
    glimpses.save(blog.root, order, posts, blog.index.tag_counts(), cache.stamps(), [])
    return blog


def test_a_glimpse_is_the_list_and_the_tags_as_read(blog_dir: Path) -> None:
    blog = keep(blog_dir)
    glimpse = glimpses.load(blog.root, "newest")
    assert glimpse is not None
    assert glimpse.total == 4
    assert [post.title for post in glimpse.posts] == [p.title for p in blog.index.posts()]
    assert [(p.path, p.date, p.tags) for p in glimpse.posts] == [
        (p.path, p.date, p.tags) for p in blog.index.posts()
    ]
    assert glimpse.tags == blog.index.tag_counts()


def test_only_the_top_of_a_long_list_is_kept(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glimpses, "ROWS", 2)
    blog = keep(blog_dir)
    glimpse = glimpses.load(blog.root, "newest")
    assert glimpse is not None
    assert glimpse.total == 4
    assert glimpse.posts == glimpse.posts[:2]
    assert [p.title for p in glimpse.posts] == [p.title for p in blog.index.posts()[:2]]


def test_another_order_has_no_glimpse(blog_dir: Path) -> None:
    blog = keep(blog_dir, "title")
    assert glimpses.load(blog.root, "newest") is None
    glimpse = glimpses.load(blog.root, "title")
    assert glimpse is not None
    assert [p.title for p in glimpse.posts] == sorted(
        (p.title for p in glimpse.posts), key=str.casefold
    )


def _edit(folder: Path) -> None:
    post = folder / STEVE
    post.write_text(post.read_text("utf-8").replace("Steve Jobs @", "Jobs à"), "utf-8")


def _same_size_and_time(folder: Path) -> None:
    """A rewrite that keeps the size and puts the modification time back."""
    post = folder / STEVE
    stat = post.stat()
    text = post.read_text("utf-8")
    post.write_text(text.replace("Steve Jobs", "Steve Jabs"), "utf-8")
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert post.stat().st_size == stat.st_size


def _rename(folder: Path) -> None:
    (folder / STEVE).rename(folder / "2010-11-08-stanford.md")


def _delete(folder: Path) -> None:
    (folder / STEVE).unlink()


def _add(folder: Path) -> None:
    (folder / "2030-01-01-new.md").write_text("---\ntitle: New\n---\nHello\n", "utf-8")


def _add_in_a_new_folder(folder: Path) -> None:
    (folder / "later").mkdir()
    _add(folder / "later")


@pytest.mark.parametrize(
    "change",
    [_edit, _same_size_and_time, _rename, _delete, _add, _add_in_a_new_folder],
    ids=lambda change: change.__name__.strip("_"),
)
def test_any_change_to_the_files_and_there_is_no_glimpse(
    blog_dir: Path, change: Callable[[Path], None]
) -> None:
    blog = keep(blog_dir)
    assert glimpses.load(blog.root, "newest") is not None
    change(blog_dir)
    assert glimpses.load(blog.root, "newest") is None
    # Read again, the blog has one again, as it now is.
    blog = keep(blog_dir)
    glimpse = glimpses.load(blog.root, "newest")
    assert glimpse is not None
    assert [p.title for p in glimpse.posts] == [p.title for p in blog.index.posts()]


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"[]", b'{"version": 1}', b"\xff\xfe", b'{"version": 1, "order": "newest"}'],
)
def test_a_damaged_glimpse_is_no_glimpse(blog_dir: Path, damage: bytes) -> None:
    blog = keep(blog_dir)
    glimpse_file(blog.root).write_bytes(damage)
    assert glimpses.load(blog.root, "newest") is None


def test_what_the_child_sends_is_the_same_glimpse(blog_dir: Path) -> None:
    """The child checks the glimpse and sends what it says (`checked`); the
    app makes it a glimpse (`parse`), or none from anything else."""
    blog = keep(blog_dir)
    sent = glimpses.checked(blog.root, "newest")
    assert sent is not None
    taken, loaded = glimpses.parse(blog.root, sent), glimpses.load(blog.root, "newest")
    assert taken is not None and loaded is not None
    assert (taken.order, taken.total, taken.tags) == (loaded.order, loaded.total, loaded.tags)
    assert [repr(post) for post in taken.posts] == [repr(post) for post in loaded.posts]
    for damaged in (b"", sent[: len(sent) // 2], b"{}", b"\x00" * 8):
        assert glimpses.parse(blog.root, damaged) is None


def test_a_glimpse_of_other_posts_than_those_read_is_not_kept(blog_dir: Path) -> None:
    """Posts changed while the blog was read are not those of its stamps:
    the older glimpse goes too, for it could match the files again."""
    blog = keep(blog_dir)
    file = glimpse_file(blog.root)
    assert file.exists()
    cache = PostCache(blog.root)
    for _ in blog.read_parts(cache=cache):
        pass
    posts, tags = blog.index.posts(), blog.index.tag_counts()
    stamps = cache.stamps()
    del stamps[STEVE]  # a post that could not be stat'ed
    glimpses.save(blog.root, "newest", posts, tags, stamps, [])
    assert not file.exists()
    assert glimpses.load(blog.root, "newest") is None

    keep(blog_dir)
    assert file.exists()
    stamps = cache.stamps()
    stamps["2030-01-01-new.md"] = stamps.pop(STEVE)  # as many, but one another post
    glimpses.save(blog.root, "newest", posts, tags, stamps, [])
    assert not file.exists()


def test_no_glimpse_is_kept_of_a_very_large_blog(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blog = keep(blog_dir)
    monkeypatch.setattr(glimpses, "MOST_POSTS", 3)
    keep(blog_dir)
    assert not glimpse_file(blog.root).exists()


def test_an_unreadable_folder_is_part_of_the_fingerprint() -> None:
    files = [("a.md", (1, 2, 3, 4))]
    assert glimpses.fingerprint(files, []) != glimpses.fingerprint(files, ["x: denied"])
    assert glimpses.fingerprint(files, []) == glimpses.fingerprint(list(files), [])
    assert glimpses.fingerprint([("a.md", None)], []) is None
