"""/proc, /sys and /dev as a blog, and links to big folders in a polled blog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.blog import Blog
from tui.blog.polling import differences, look
from tui.blog.watcher import Watcher

PROJECT = Path(__file__).resolve().parent.parent.parent
POST = "---\ntitle: Post\n---\nTexte.\n"

linux_only = pytest.mark.skipif(not Path("/proc/self/mountinfo").is_file(), reason="not Linux")


def blog_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )


@linux_only
@pytest.mark.parametrize(
    "arguments",
    [
        ["list", "--dir", "/proc"],
        ["/proc"],
        ["/proc/self"],
        ["tags", "--dir", "/sys"],
        ["/sys/kernel"],
        ["list", "--dir", "/dev"],
    ],
)
def test_the_systems_own_folders_are_refused_with_one_line(arguments: list[str]) -> None:
    result = blog_command(*arguments)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"blog: not a folder of posts: {arguments[-1]} is ")
    assert "the system's own files" in result.stderr


@linux_only
def test_a_configured_folder_in_proc_and_a_link_to_it_are_refused(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('folder = "/proc/self/task"\n', "utf-8")
    result = blog_command("list", "--config", str(settings))
    assert result.returncode == 2 and "not a folder of posts: /proc/self/task" in result.stderr
    (tmp_path / "blog").symlink_to("/proc")
    result = blog_command("list", "--dir", str(tmp_path / "blog"))
    assert result.returncode == 2 and "on a proc file system" in result.stderr


def test_a_real_folder_is_not_refused(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(POST, "utf-8")
    result = blog_command("list", "--dir", str(tmp_path))
    assert result.returncode == 0 and "Post" in result.stdout


def big_folder_linked_from_a_blog(tmp_path: Path) -> tuple[Path, Path]:
    """A blog that holds a link to a folder of 200 folders, and a link to ``/``."""
    big = tmp_path / "big"
    for number in range(200):
        (big / f"f{number}").mkdir(parents=True)
        (big / f"f{number}" / "post.md").write_text(POST, "utf-8")
    blog = tmp_path / "blog"
    (blog / "sub").mkdir(parents=True)
    (blog / "post.md").write_text(POST, "utf-8")
    (blog / "sub" / "other.md").write_text(POST, "utf-8")
    (blog / "big").symlink_to(big)
    (blog / "sub" / "root").symlink_to("/")
    (blog / "link.md").symlink_to(big / "f0" / "post.md")  # a link to a file is looked at
    return blog, big


def test_polling_never_goes_through_a_link_to_a_folder(tmp_path: Path) -> None:
    blog, big = big_folder_linked_from_a_blog(tmp_path)
    visited: list[str] = []
    found = look(str(blog), visited)
    assert sorted(visited) == [str(blog), str(blog / "sub")]
    assert sorted(found) == [str(blog / name) for name in ("link.md", "post.md", "sub")] + [
        str(blog / "sub" / "other.md")
    ]
    (big / "f0" / "post.md").write_text(POST + "Plus.\n", "utf-8")  # through link.md
    (big / "f1" / "post.md").write_text(POST + "Plus.\n", "utf-8")  # through nothing followed
    assert differences(found, look(str(blog))) == [str(blog / "link.md")]


def test_the_polling_watcher_says_changes_but_none_through_links(tmp_path: Path) -> None:
    blog, big = big_folder_linked_from_a_blog(tmp_path)
    watcher = Watcher(blog, polling=True)
    try:
        messages = watcher.messages()
        assert next(messages) == ("ready", None)
        (big / "f1" / "new.md").write_text(POST, "utf-8")  # first: it would be seen first
        (blog / "sub" / "new.md").write_text(POST, "utf-8")
        said: list[str] = []
        while str(blog / "sub" / "new.md") not in said:
            kind, paths = next(messages)
            assert kind == "changes"
            said += paths or []
        assert said == [str(blog / "sub" / "new.md")]
    finally:
        watcher.close()


def test_a_polled_folder_that_goes_is_said_gone(tmp_path: Path) -> None:
    blog, _ = big_folder_linked_from_a_blog(tmp_path)
    before = look(str(blog))
    (blog / "sub" / "other.md").unlink()
    os.unlink(blog / "sub" / "root")
    (blog / "sub").rmdir()
    assert differences(before, look(str(blog))) == [
        str(blog / "sub"),
        str(blog / "sub" / "other.md"),
    ]


def test_a_change_reported_through_a_link_to_a_folder_is_not_read(tmp_path: Path) -> None:
    """inotify's watcher follows links: what it says of a linked folder is
    left alone, as the listing leaves it."""
    blog, _ = big_folder_linked_from_a_blog(tmp_path)
    found, gone = Blog(blog).refresh(
        [blog / "big", blog / "big" / "f1" / "post.md", blog / "sub" / "root" / "etc"]
    )
    assert found == [] and gone == [blog / "big"]
    found, _ = Blog(blog).refresh([blog / "sub", blog / "link.md"])
    assert sorted(post.relative for post in found) == ["link.md", "sub/other.md"]
