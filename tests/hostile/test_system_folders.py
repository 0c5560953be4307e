"""/proc, /sys and /dev as a blog."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
