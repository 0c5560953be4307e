"""The glimpse checked by a child started as the app starts (tui/blog/glimpse_child.py).

Each check runs in a fresh interpreter, as `blog` starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.terminal import Terminal
from tests.test_glimpse import STEVE, keep
from tui.blog import glimpse_child, head_start

CHECK = """
import json, os, sys
from pathlib import Path
from tui.blog import glimpse_child, pipes

children = []
start = pipes.start
def counted(arguments):
    children.append(arguments)
    return start(arguments)
pipes.start = counted
soon = glimpse_child.glimpse_soon(Path(sys.argv[1]))
done_at_once = soon.done()
glimpse = soon.result(timeout=30)
try:
    os.waitpid(-1, os.WNOHANG)
    children_left = True
except ChildProcessError:
    children_left = False
print(json.dumps({
    "children": len(children),
    "done_at_once": done_at_once,
    "children_left": children_left,
    "total": glimpse and glimpse.total,
    "titles": glimpse and [post.title for post in glimpse.posts],
}))
"""


def checked(root: Path) -> dict[str, object]:
    """What `glimpse_soon` found for the blog at ``root``, in a process of its own."""
    run = subprocess.run(
        [sys.executable, "-c", CHECK, str(root)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert run.stderr == ""
    found: dict[str, object] = json.loads(run.stdout)
    return found


def test_the_child_checks_without_the_modules_that_read_posts() -> None:
    """What the child imports to check a glimpse (it starts as the app does,
    and its answer is wanted before Textual is imported) leaves out the
    modules that read, index and search posts (30 ms of the child's time),
    and Textual."""
    code = (
        "import sys, tui.blog.glimpse_child, tui.blog.glimpse, tui.blog.session\n"
        "print(' '.join(m for m in ('tui.blog.post', 'tui.blog.index', 'tui.blog.search',"
        " 'tui.blog.plain_matter', 'textual') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == []


def test_the_app_takes_the_childs_glimpse_without_what_reads_posts(blog_dir: Path) -> None:
    """What a next start's first frame needs to draw the child's glimpse (its
    posts and tags made, the list and the sidebar) leaves out what parses
    front matter, what searches, and JSON (the child sends `marshal`'s form):
    they took a twentieth of that frame's work."""
    blog = keep(blog_dir)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.blog import glimpse_child\n"
        "import tui.cli, tui.app\n"
        "found = glimpse_child.glimpse_soon(Path(sys.argv[1])).result(timeout=30)\n"
        "from tui.screens.start import _glimpse_panes\n"
        "_glimpse_panes(found)\n"
        "slow = ('json', 'hashlib', 'tui.blog.frontmatter', 'tui.blog.encoding',"
        " 'tui.blog.plain_matter', 'tui.blog.search', 'yaml')\n"
        "print(len(found.posts), *(m for m in slow if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(blog.root)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert run.stdout.split() == ["4"]


def test_a_child_finds_the_glimpse_while_the_files_are_as_kept(blog_dir: Path) -> None:
    blog = keep(blog_dir)
    found = checked(blog.root)
    assert found["children"] == 1
    assert found["total"] == 4
    assert found["titles"] == [post.title for post in blog.index.posts()]
    assert found["children_left"] is False  # the child was waited for


def test_a_post_changed_since_and_the_child_finds_no_glimpse(blog_dir: Path) -> None:
    blog = keep(blog_dir)
    post = blog_dir / STEVE
    post.write_text(post.read_text("utf-8").replace("Steve Jobs @", "Jobs à"), "utf-8")
    found = checked(blog.root)
    assert found["children"] == 1
    assert found["total"] is None
    assert found["children_left"] is False


def test_a_first_start_starts_no_child(blog_dir: Path) -> None:
    """No glimpse of any blog kept yet: nothing to check, and no child to make."""
    found = checked(blog_dir)
    assert found == {
        "children": 0,
        "done_at_once": True,
        "children_left": False,
        "total": None,
        "titles": None,
    }


def test_another_blogs_glimpse_is_not_this_ones(blog_dir: Path, tmp_path: Path) -> None:
    keep(blog_dir)
    other = tmp_path / "other"
    other.mkdir()
    (other / "2024-01-01-a.md").write_text("---\ntitle: A\n---\nText\n", "utf-8")
    found = checked(other)
    assert found["children"] == 1
    assert found["total"] is None


def test_a_child_is_started_beside_other_threads(blog_dir: Path) -> None:
    """Started, not forked: pytest's process runs threads of its own (a fork
    would copy none of them, nor free the locks they hold)."""
    blog = keep(blog_dir)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        soon = glimpse_child.glimpse_soon(blog.root)
        assert soon is not None
        found = soon.result(timeout=30)
    finally:
        stop.set()
        other.join()
    assert found is not None
    assert [post.title for post in found.posts] == [post.title for post in blog.index.posts()]


def test_a_bundled_app_starts_no_child(blog_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It has no Python to start one with: it checks the glimpse itself, and
    reads a first start without workers."""
    blog = keep(blog_dir)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert glimpse_child.glimpse_soon(blog.root) is None
    assert head_start.worker_count() == 0


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_next_start_of_blog_draws_the_list_in_its_first_frame(
    blog_dir: Path, tmp_path: Path
) -> None:
    """`blog` itself: the child checks the glimpse while Textual is
    imported, so the start screen never says it is reading."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        **{name: os.environ[name] for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME")},
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
    }
    first = Terminal([str(blog_dir)], env)
    first.wait_for("Steve Jobs @ Stanford")
    assert "Reading posts…" in first.text  # no glimpse yet
    first.type(b"\x11")  # ctrl+q: the glimpse is kept on leaving
    assert first.finish() == 0

    again = Terminal([str(blog_dir)], env)
    again.wait_for("Steve Jobs @ Stanford")
    again.type(b"\x11")
    assert again.finish() == 0
    assert "Reading posts…" not in again.text
    assert "All posts  4" in again.text
