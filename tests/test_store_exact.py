"""The blog's own calls, exactly: which paths are posts, what a refresh or a
check for changes finds, what open, save, remove and new posts give back or
raise, word for word, and what lands on disk."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path
from typing import Any

import pytest

from tui.blog import Blog, BlogError, files
from tui.blog.conventions import Convention
from tui.blog.encoding import decode
from tui.blog.errors import LINK, ChangedOnDisk, NeedsConfirmation
from tui.blog.store import PostText, check_title
from tui.blog.walk import stamp

DAY = dt.datetime(2026, 1, 2, 9, 30)


def write(folder: Path, name: str, text: str = "# Post\n") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def left_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# Which paths are posts


def test_a_post_path_is_a_markdown_name_in_a_content_folder(tmp_path: Path) -> None:
    blog = Blog(tmp_path)
    assert blog.is_post_path(tmp_path / "a.md")
    assert blog.is_post_path(tmp_path / "sub" / "deep" / "b.markdown")
    assert not blog.is_post_path(tmp_path / "notes.txt")
    assert not blog.is_post_path(tmp_path / ".hidden.md")
    assert not blog.is_post_path(tmp_path / "node_modules" / "a.md")
    assert not blog.is_post_path(tmp_path / "sub" / ".git" / "a.md")
    assert not blog.is_post_path(tmp_path.parent / "a.md")  # beside the blog, not in it


def test_content_folders_are_those_inside_the_blog_and_not_skipped(tmp_path: Path) -> None:
    blog = Blog(tmp_path)
    assert blog.is_content_folder(tmp_path)
    assert blog.is_content_folder(tmp_path / "posts" / "2020")
    assert not blog.is_content_folder(tmp_path / "_site")
    assert not blog.is_content_folder(tmp_path / "posts" / "_site" / "x")
    assert not blog.is_content_folder(tmp_path / "posts" / ".cache")
    assert not blog.is_content_folder(tmp_path.parent)
    assert not blog.is_content_folder(Path("/elsewhere"))


def test_a_blog_keeps_its_folder_as_given_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    blog = Blog(Path("link/./sub/.."))
    assert blog.root == tmp_path / "link"  # normalised, the link kept
    assert blog.unreadable == []
    assert len(blog.index) == 0


# Refreshing what changed


def test_a_refresh_reads_posts_and_folders_and_names_what_is_gone(tmp_path: Path) -> None:
    a = write(tmp_path, "a.md", "---\ntitle: A\n---\n")
    write(tmp_path, "sub/b.md", "---\ntitle: B\n---\n")
    write(tmp_path, "sub/deep/c.md", "---\ntitle: C\n---\n")
    write(tmp_path, "sub/notes.txt", "not a post")
    notes = write(tmp_path, "notes.txt", "not a post")
    write(tmp_path, "_site/built.md", "---\ntitle: Built\n---\n")
    broken = tmp_path / "broken.md"
    broken.symlink_to(tmp_path / "nowhere.md")
    blog = Blog(tmp_path)
    found, gone = blog.refresh(
        [a, tmp_path / "sub", notes, tmp_path / "_site", broken, tmp_path / "missing.md"]
    )
    assert sorted(post.relative for post in found) == [
        "a.md",
        "broken.md",
        "sub/b.md",
        "sub/deep/c.md",
    ]
    titles = {post.relative: post.title for post in found}
    assert (titles["a.md"], titles["sub/b.md"], titles["sub/deep/c.md"]) == ("A", "B", "C")
    broken_post = next(post for post in found if post.relative == "broken.md")
    assert broken_post.problems == ("cannot be read: No such file or directory",)
    assert gone == [tmp_path / "missing.md"]


def test_a_refresh_never_goes_through_a_link_to_a_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "x.md", "---\ntitle: X\n---\n")
    root = tmp_path / "blog"
    write(root, "a.md", "---\ntitle: A\n---\n")
    (root / "linked").symlink_to(outside)
    (root / "sub").mkdir()
    (root / "sub" / "deeper").symlink_to(outside)
    blog = Blog(root)
    found, gone = blog.refresh(
        [root / "linked", root / "linked" / "x.md", root / "sub" / "deeper" / "x.md", root / "a.md"]
    )
    assert [post.relative for post in found] == ["a.md"]
    assert gone == [root / "linked"]  # nothing of the blog is there


def test_a_blog_opened_through_a_link_to_its_folder_is_refreshed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    write(real, "sub/a.md", "---\ntitle: A\n---\n")
    (tmp_path / "link").symlink_to(real)
    root = tmp_path / "link"
    blog = Blog(root)
    found, gone = blog.refresh([root / "sub" / "a.md", root / "sub"])
    assert [post.relative for post in found] == ["sub/a.md", "sub/a.md"]
    assert [post.title for post in found] == ["A", "A"]
    assert gone == []


def test_a_refreshed_folder_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "sub/a.md")
    write(tmp_path, "sub/locked/b.md")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    blog = Blog(tmp_path)
    found, gone = blog.refresh([tmp_path / "sub"])
    assert ([post.relative for post in found], gone) == (["sub/a.md"], [])
    assert blog.unreadable == [f"{tmp_path / 'sub' / 'locked'}: Permission denied"]


# What changed since the reading


def test_what_changed_since_the_reading_is_each_file_changed_new_or_gone(tmp_path: Path) -> None:
    same = write(tmp_path, "same.md")
    edited = write(tmp_path, "sub/edited.md")
    write(tmp_path, "sub/new.md")
    unstatable = write(tmp_path, "unstatable.md")
    known = {
        "same.md": stamp(os.stat(same)),
        "sub/edited.md": (1, 2, 3, os.stat(edited).st_ino),
        "gone.md": (1, 2, 3, 4),
        "sub/gone.md": None,
        "unstatable.md": None,  # could not be stat'ed then: read again
    }
    assert unstatable.exists()
    blog = Blog(tmp_path)
    changed, gone = blog.changed_since(known)
    assert sorted(changed) == [tmp_path / "sub/edited.md", tmp_path / "sub/new.md", unstatable]
    assert sorted(gone) == [tmp_path / "gone.md", tmp_path / "sub" / "gone.md"]


class ListedBy:
    """A survey as the blog uses it: files listed some at a time, then closed."""

    def __init__(self, parts: list[list[tuple[str, Any]]], unreadable: list[str]) -> None:
        self.parts = parts
        self.unreadable = unreadable
        self.closed = 0

    def files(self) -> Any:
        yield from self.parts

    def changes(self) -> None:
        return None

    def close(self) -> None:
        self.closed += 1


def test_changes_are_found_from_a_surveys_listing_which_is_closed(tmp_path: Path) -> None:
    a = write(tmp_path, "a.md")
    b = write(tmp_path, "b.md")
    survey = ListedBy([[("a.md", stamp(os.stat(a)))], [("b.md", (9, 9, 9, 9))]], [])
    known: dict[str, Any] = {"a.md": stamp(os.stat(a)), "b.md": stamp(os.stat(b))}
    changed, gone = Blog(tmp_path).changed_since(known, survey)  # type: ignore[arg-type]
    assert (changed, gone) == ([b], [])
    assert survey.closed == 1


# Opening and saving


def test_opening_a_missing_post_says_why(tmp_path: Path) -> None:
    with pytest.raises(BlogError) as raised:
        Blog(tmp_path).open(tmp_path / "none.md")
    assert raised.value.message == "Cannot open none.md: No such file or directory"


def test_an_opened_post_holds_its_bytes_its_text_and_whether_it_is_a_link(tmp_path: Path) -> None:
    raw = "\ufeffÉté\r\n".encode("utf-16-le")
    path = tmp_path / "p.md"
    path.write_bytes(raw)
    (tmp_path / "l.md").symlink_to(path)
    blog = Blog(tmp_path)
    document = blog.open(path)
    assert (document.path, document.raw, document.text, document.was_link) == (
        path,
        raw,
        "Été\r\n",
        False,
    )
    assert document.decoded.encoding == "utf-16-le"
    assert document.decoded.read_only_reason is None
    assert document.encode("Été\r\n") == raw
    assert document.encode("x") == b"\xff\xfex\x00"
    assert blog.open(tmp_path / "l.md").was_link is True


def test_a_post_too_large_to_edit_opens_in_part_and_read_only(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(b"a\n" * 3_000_000)  # 6 MB
    blog = Blog(tmp_path)
    document = blog.open(path)
    assert len(document.raw) == 256_000
    assert document.decoded.read_only_reason == (
        "too large to edit here (6 MB): the first 256 KB are shown, read-only"
    )
    with pytest.raises(BlogError) as raised:
        blog.save(document, "short\n")
    assert raised.value.message == (
        "huge.md is read-only: too large to edit here (6 MB): the first 256 KB are shown, read-only"
    )
    assert path.stat().st_size == 6_000_000


def test_a_save_gives_back_the_saved_file_and_its_post(tmp_path: Path) -> None:
    path = write(tmp_path, "sub/p.md", "---\ntitle: Old\n---\n")
    blog = Blog(tmp_path)
    saved, post = blog.save(blog.open(path), "---\ntitle: Neuf\n---\nÉté\n")
    expected = b"---\ntitle: Neuf\n---\n\xc3\x89t\xc3\xa9\n"
    assert path.read_bytes() == expected
    assert (saved.path, saved.raw, saved.text, saved.was_link) == (
        path,
        expected,
        "---\ntitle: Neuf\n---\nÉté\n",
        False,
    )
    assert (post.relative, post.title, post.path) == ("sub/p.md", "Neuf", path)


def test_a_post_that_became_a_folder_is_said_so_word_for_word(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md")
    blog = Blog(tmp_path)
    document = blog.open(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(BlogError) as raised:
        blog.save(document, "x\n")
    assert raised.value.message == "p.md is now a folder; the post was not written"
    assert left_in(tmp_path) == ["p.md"]


def test_a_post_that_became_a_link_is_asked_about_then_written_through(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md", "mine\n")
    other = write(tmp_path, "other.md", "theirs\n")
    blog = Blog(tmp_path)
    document = blog.open(path)
    path.unlink()
    path.symlink_to(other)
    with pytest.raises(NeedsConfirmation) as asked:
        blog.save(document, "mine, again\n")
    assert asked.value.message == (
        f"p.md was replaced by a link to {other} since it was opened. Write through it?"
    )
    assert asked.value.kind == "link" == LINK
    assert other.read_text() == "theirs\n"
    with pytest.raises(ChangedOnDisk):  # agreed to, and it holds another text
        blog.save(document, "mine, again\n", confirmed={LINK})
    assert other.read_text() == "theirs\n"
    opened = blog.open(path)
    assert opened.was_link
    saved, _ = blog.save(opened, "through\n")  # a link when opened: no question
    assert (other.read_text(), path.is_symlink(), saved.was_link) == ("through\n", True, True)


def test_a_text_the_files_encoding_cannot_hold_is_refused_word_for_word(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md", "old\n")
    blog = Blog(tmp_path)
    with pytest.raises(BlogError) as raised:
        blog.save(blog.open(path), "half \ud800 a pair\n")
    assert raised.value.message == r"Cannot save p.md: '\ud800' cannot be written in utf-8"
    assert path.read_text() == "old\n"


def test_a_post_rewritten_since_it_was_opened_is_not_written(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md", "old\n")
    blog = Blog(tmp_path)
    document = blog.open(path)
    path.write_text("OLD\n")
    with pytest.raises(ChangedOnDisk):
        blog.save(document, "mine\n")
    assert path.read_text() == "OLD\n"


# Removing


def test_removing_a_post_for_ever_and_one_already_gone(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md")
    blog = Blog(tmp_path)
    blog.remove(path)
    assert not path.exists()
    blog.remove(path)  # already gone: nothing to say


def test_a_post_that_cannot_be_removed_says_why(tmp_path: Path) -> None:
    (tmp_path / "p.md").mkdir()
    with pytest.raises(BlogError) as raised:
        Blog(tmp_path).remove(tmp_path / "p.md")
    assert raised.value.message == "Cannot delete p.md: Is a directory"


# New posts


def test_a_new_post_needs_a_title_word_for_word(tmp_path: Path) -> None:
    for title in ("", " \t\n"):
        with pytest.raises(BlogError) as raised:
            check_title(title)
        assert raised.value.message == "A new post needs a title."
        with pytest.raises(BlogError) as raised:
            Blog(tmp_path).new_post(title, DAY)
        assert raised.value.message == "A new post needs a title."
    check_title(" x ")
    assert left_in(tmp_path) == []


def test_a_new_post_from_a_template_is_the_template_filled(tmp_path: Path) -> None:
    template = "---\ntitle: {title}\ndate: {date}\ntags: {tags}\nslug: {slug}\n---\n\nÀ écrire.\n"
    blog = Blog(tmp_path)
    post, body_line = blog.new_post("Été", DAY, ("a", "b c"), template=template)
    assert post.relative == "2026-01-02-ete.md"
    assert (tmp_path / "2026-01-02-ete.md").read_bytes() == (
        b'---\ntitle: "\xc3\x89t\xc3\xa9"\ndate: 2026-01-02\ntags: [a, b c]\nslug: ete\n---\n\n'
        b"\xc3\x80 \xc3\xa9crire.\n"
    )
    assert body_line == 8
    assert post.tags == ("a", "b c")


def test_a_new_post_is_dated_now_when_no_time_is_given(tmp_path: Path) -> None:
    before = dt.date.today()
    post, _ = Blog(tmp_path).new_post("Maintenant")
    after = dt.date.today()
    assert post.relative in {f"{day.isoformat()}-maintenant.md" for day in (before, after)}


def test_the_999th_name_is_the_last_tried(tmp_path: Path) -> None:
    write(tmp_path, "2026-01-02-nom.md", "first\n")
    for attempt in range(2, 999):
        write(tmp_path, f"2026-01-02-nom-{attempt}.md", "taken\n")
    blog = Blog(tmp_path)
    post, _ = blog.new_post("Nom", DAY)
    assert post.relative == "2026-01-02-nom-999.md"
    before = left_in(tmp_path)
    with pytest.raises(BlogError) as raised:
        blog.new_post("Nom", DAY)
    assert raised.value.message == "Cannot create a post for 'Nom': too many with that name."
    assert left_in(tmp_path) == before
    assert (tmp_path / "2026-01-02-nom.md").read_text() == "first\n"


def test_a_new_post_never_goes_out_of_the_blog(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    root.mkdir()
    with pytest.raises(BlogError) as raised:
        Blog(root).new_post("Nom", DAY, convention=Convention(folder="../out"))
    assert raised.value.message == (
        "Cannot create ../out/2026-01-02-nom.md: it is outside the blog's folder."
    )
    assert left_in(tmp_path) == ["blog"]


def test_a_new_post_whose_folder_cannot_be_made_says_why(tmp_path: Path) -> None:
    write(tmp_path, "notes", "a file where the folder would go")
    with pytest.raises(BlogError) as raised:
        Blog(tmp_path).new_post("Nom", DAY, convention=Convention(folder="notes/sub"))
    assert raised.value.message == "Cannot create notes/sub/2026-01-02-nom.md: Not a directory"
    assert left_in(tmp_path) == ["notes"]


def test_a_new_post_whose_folders_were_made_before_a_failure_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name == "02":
            raise OSError(errno.EDQUOT, "Disk quota exceeded")
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(BlogError) as raised:
        Blog(tmp_path).new_post("Nom", DAY, convention=Convention(layout="date-path"))
    assert raised.value.message == "Cannot create 2026/01/02/nom/index.md: Disk quota exceeded"
    assert left_in(tmp_path) == []


def test_a_new_post_on_a_full_disk_says_why_in_few_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(BlogError) as raised:
        Blog(tmp_path).new_post("Nom", DAY, convention=Convention(layout="bundle"))
    assert raised.value.message == "Cannot create nom/index.md: No space left on device"
    assert left_in(tmp_path) == []


def test_a_new_post_with_no_temporary_name_free_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "temporary_name", lambda name: f".{name}.aaaaaaaa.tmp")
    write(tmp_path, ".2026-01-02-nom.md.aaaaaaaa.tmp", "a save in progress\n")
    with pytest.raises(BlogError) as raised:
        Blog(tmp_path).new_post("Nom", DAY)
    assert raised.value.message == (
        "Cannot create 2026-01-02-nom.md: Cannot save 2026-01-02-nom.md: no free temporary name"
    )
    assert left_in(tmp_path) == [".2026-01-02-nom.md.aaaaaaaa.tmp"]


def test_an_unchanged_text_is_saved_as_the_very_bytes_read(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfa\r\nb"
    document = PostText(tmp_path / "x.md", raw, decode(raw))
    assert document.text == "a\r\nb"
    assert document.encode("a\r\nb") is raw
    assert document.encode("a\nb") == b"\xef\xbb\xbfa\nb"


def test_a_loaded_blog_finds_each_post_by_its_path(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: A\n---\n")
    write(tmp_path, "sub/b.md", "---\ntitle: B\n---\n")
    blog = Blog(tmp_path)
    index = blog.load()
    assert index is blog.index and index.root == tmp_path
    found = index.get(tmp_path / "sub" / "b.md")
    assert found is not None and found.title == "B"
    assert tmp_path / "a.md" in index and tmp_path / "c.md" not in index
