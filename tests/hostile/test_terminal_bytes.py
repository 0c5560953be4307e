"""What the app writes to a real terminal holds no escape sequence from a file.

The app runs in a pseudo-terminal, as in a person's terminal emulator; each
test reads every byte it writes and looks at them, not at the widgets: what a
widget holds is not what Textual sends (it passes ESC and C1 controls
through as they are).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.hostile.test_terminal import EVIL
from tests.terminal import Terminal
from tui.blog.recovery import Recovery

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

# What a file says to the terminal, each with a word of its own to look for.
PAYLOADS = ("pwned", "ZWNobyBwd25lZA==", "+q", "http://x")
NAME = "evil\x1b]2;pwned\x07\x9d.md"  # a file name can hold them too

# Every escape sequence, as a terminal reads it: CSI, OSC (to BEL or ST),
# DCS, SOS, PM and APC (to ST), and ESC with one more character.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -~]?"
)


def assert_nothing_escapes(output: bytes) -> None:
    """No sequence the app wrote carries a payload; no control from a file is written."""
    text = output.decode("utf-8", "surrogateescape")
    sequences = _SEQUENCE.findall(text)
    for sequence in sequences:
        assert not any(payload in sequence for payload in PAYLOADS), sequence
        assert not sequence.startswith(("\x1b]0;", "\x1b]2;", "\x1b]52;")), sequence
        assert not sequence.startswith(("\x1bP", "\x1bX", "\x1b^", "\x1b_")), sequence
    rest = _SEQUENCE.sub("", text).replace("\r\n", "\n")  # Textual ends its lines with CRLF
    controls = {c for c in rest if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F}
    assert not controls, f"controls written as they are: {controls}"
    assert not any("\udc80" <= c <= "\udcff" for c in rest), "bytes that are not UTF-8"


def start(blog: Path, tmp_path: Path) -> Terminal:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"],
        "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
    }
    return Terminal([str(blog)], env, columns=160, rows=45)


def plain_post(folder: Path) -> Path:
    folder.mkdir()
    path = folder / NAME
    path.write_text("---\ntitle: Plain\n---\n\nNothing to see.\n", "utf-8")
    return path


def test_the_conflicts_difference_shows_the_files_escapes_as_symbols(tmp_path: Path) -> None:
    path = plain_post(tmp_path / "blog")
    terminal = start(path.parent, tmp_path)
    terminal.wait_for("Nothing to see.")
    terminal.type("e")
    terminal.type("x")
    path.write_text(f"---\ntitle: Plain\n---\n\n{EVIL}\n", "utf-8")  # from outside
    terminal.wait_for("changed on disk")
    terminal.type("d")  # the difference
    terminal.wait_for("(yours)")
    terminal.wait_for("␛]2;pwned␇")  # shown, as symbols
    terminal.type("k")
    terminal.type(b"\x11")  # ctrl+q: asks, the text being unsaved
    terminal.type("d")
    assert terminal.finish() == 0
    assert_nothing_escapes(bytes(terminal.output))


def test_the_recovered_texts_comparison_shows_escapes_as_symbols(tmp_path: Path) -> None:
    path = plain_post(tmp_path / "blog")
    Recovery().write(path, f"---\ntitle: Plain\n---\n\n{EVIL}\n")  # the test's own state folder
    terminal = start(path.parent, tmp_path)
    terminal.wait_for("Recovered: unsaved text of")
    terminal.type("c")  # compare
    terminal.wait_for("(yours)")
    terminal.wait_for("␛]2;pwned␇")
    terminal.type("r")
    terminal.type(b"\x11")
    terminal.type("d")
    assert terminal.finish() == 0
    assert_nothing_escapes(bytes(terminal.output))


def test_every_view_of_a_hostile_post_writes_no_escape(tmp_path: Path) -> None:
    """The list, sidebar, preview, editor, status line, table of contents,
    palette, prompts filled with the title or a tag, the tag choice, the
    delete question, the help with keys from the settings and notifications."""
    blog = tmp_path / "blog"
    blog.mkdir()
    tags = json.dumps([EVIL, "plain"])
    (blog / NAME).write_text(
        f"---\ntitle: {json.dumps(EVIL)}\ntags: {tags}\n---\n\n# {EVIL}\n\n{EVIL}\n", "utf-8"
    )
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "blog-tui" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('[keys]\n"list.edit" = "e,\\u001b]2;pwned\\u0007"\n', "utf-8")
    terminal = start(blog, tmp_path)
    terminal.wait_for("read-only")  # open, in the preview, the status line says why
    steps: list[tuple[str | bytes, str]] = [
        ("v", "Editor"),  # the split view: the editor too
        ("e", "Read-only"),  # a notification quoting why
        (b"\x1b", "Posts"),  # back to the list
        ("\r", "Preview"),  # the preview focused
        ("o", "Contents"),  # the table of contents: the heading
        ("o", "Preview"),
        (b"\x1b", "Posts"),
        ("+", "Add a tag to"),  # the title in the prompt's title, the tags in its hint
        (b"\x1b", "Posts"),
        ("-", "Remove a tag from"),  # the tags to choose from
        (b"\x1b", "Posts"),
        (b"\x10", "Search for commands"),  # ctrl+p: the palette, with the tags
        ("Tag", "Tag: "),
        (b"\x15Change title", "Change title"),  # ctrl+u, then the prompt filled with the title
        ("\r", "Change the title"),
        (b"\x1b", "Posts"),
        ("t", "Tags"),  # the sidebar; rename the tag under the cursor
        ("jjj", "Tags"),
        ("r", "Rename the"),
        (b"\x1b", "Tags"),
        (b"\x1b", "Posts"),
        ("d", "goes to the trash"),  # the delete question names the file
        ("n", "Posts"),
        (b"\x1bOP", "esc: close"),  # f1: the help, with the keys from the settings
        (b"\x1b", "Posts"),
    ]
    for keys, shown in steps:
        terminal.type(keys)
        terminal.wait_for(shown)
    terminal.type(b"\x11")
    assert terminal.finish() == 0
    assert "␛]2;pwned␇" in terminal.text
    assert_nothing_escapes(bytes(terminal.output))
