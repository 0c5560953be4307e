"""``blog list``, ``blog tags`` and ``blog new``: the library's face for scripts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_prints_aligned_posts_newest_first(
    blog_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "list", "--dir", str(blog_dir))
    assert status == 0
    lines = out.splitlines()
    assert [line[:10] for line in lines] == ["2010-11-08", "2010-10-25", "2010-06-02", "2010-03-18"]
    assert "Steve Jobs @ Stanford" in lines[0] and "#vidéo #Apple #inspiration" in lines[0]
    assert len({line.index("#") for line in lines}) == 1  # the tags line up


def test_list_filters_by_tags_and_drafts(
    blog_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(
        capsys, "list", "--dir", str(blog_dir), "--tag", "ENTREPRISE", "--tag", "intranet"
    )
    assert len(out.splitlines()) == 2
    _, out, _ = run(capsys, "list", "--dir", str(blog_dir), "--draft")
    assert out == ""
    _, out, _ = run(capsys, "list", "--dir", str(blog_dir), "--no-draft")
    assert len(out.splitlines()) == 4


def test_list_json_is_stable_and_complete(
    blog_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "list", "--dir", str(blog_dir), "--json", "--tag", "vidéo")
    assert json.loads(out) == [
        {
            "path": str(blog_dir / "2010-11-08-steve-jobs-stanford.md"),
            "title": "Steve Jobs @ Stanford",
            "date": "2010-11-08T00:00:00",
            "date_source": "front matter",
            "tags": ["vidéo", "Apple", "inspiration"],
            "categories": [],
            "draft": False,
            "scheduled": False,
            "language": "fr",  # its front matter's lang: fr
            "kind": "post",
            "problems": [],
        }
    ]


def test_tags_counts_most_used_first(blog_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (blog_dir / "cat.md").write_text("---\ncategories: [Notes]\ntags: [apple]\n---\n", "utf-8")
    _, out, _ = run(capsys, "tags", "--dir", str(blog_dir))
    assert out.splitlines()[0] == "3  Apple"
    assert "1  Notes  (category)" in out.splitlines()
    _, out, _ = run(capsys, "tags", "--dir", str(blog_dir), "--json")
    rows = json.loads(out)
    assert rows[0] == {"name": "Apple", "count": 3, "kind": "tag"}
    assert {"name": "Notes", "count": 1, "kind": "category"} in rows


def test_new_prints_the_path_of_a_draft_with_its_tags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "new", "Été: 2 vies", "--dir", str(tmp_path), "--tag", "yes", "--tag", "vie"
    )
    assert status == 0
    path = Path(out.strip())
    assert path == tmp_path / f"{dt.date.today().isoformat()}-ete-2-vies.md"
    front = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    assert front["title"] == "Été: 2 vies"
    assert front["tags"] == ["yes", "vie"]  # "yes" stays text, not a boolean
    assert front["draft"] is True


def test_commands_report_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "list", "--dir", "/no/such/folder")
    assert (status, out) == (2, "")
    assert err == "blog: no such folder: /no/such/folder\n"
    status, _, err = run(capsys, "new", "   ", "--dir", str(tmp_path))
    assert status == 1 and "needs a title" in err


def test_blog_path_opens_the_app_on_that_folder_without_argparse(blog_dir: Path) -> None:
    """`blog` and `blog PATH`, the usual starts, do not wait for argparse to import."""
    code = (
        "import sys\n"
        "from tui import app\n"
        "opened = []\n"
        "app.BlogApp.run = lambda self: opened.append(str(self.folder))\n"
        "import tui.cli\n"
        "status = tui.cli.main(sys.argv[1:])\n"
        "print(opened, status, 'argparse' in sys.modules)\n"
    )

    def started(*args: str) -> list[str]:
        command = [sys.executable, "-c", code, *args]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()

    assert started(str(blog_dir)) == [f"['{blog_dir}']", "0", "False"]
    # Anything more is argparse's to read.
    assert started("--", str(blog_dir)) == [f"['{blog_dir}']", "0", "True"]


def test_blog_path_holds_the_collector_off_until_the_app_has_started(blog_dir: Path) -> None:
    """Off while Textual and the screens are made; back when the app says its
    start is over, or when it ends before that."""
    code = (
        "import gc, sys\n"
        "from tui import app\n"
        "seen = []\n"
        "def run(self):\n"
        "    seen.append(gc.isenabled())\n"
        "    if sys.argv[2] == 'started':\n"
        "        self._started()\n"
        "        seen.append(gc.isenabled())\n"
        "app.BlogApp.run = run\n"
        "import tui.cli\n"
        "tui.cli.main(sys.argv[1:2])\n"
        "print(*seen, gc.isenabled())\n"
    )

    def seen(how: str) -> list[str]:
        command = [sys.executable, "-c", code, str(blog_dir), how]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()

    assert seen("started") == ["False", "True", "True"]
    assert seen("ended") == ["False", "True"]
