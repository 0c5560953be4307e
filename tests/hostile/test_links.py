"""Following a link never runs a program: only http, https and mailto reach the browser,
and only after the address is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import settle, started, until_open
from tui.app import BlogApp
from tui.dialogs import ConfirmScreen

HREFS = {
    "web": "https://example.org/a",
    "mail": "mailto:a@b.c",
    "file": "file:///etc/passwd",
    "js": "javascript:alert(1)",
    "app": "x-app://run",
}
LINKS = " ".join(f"[{name}]({href})" for name, href in HREFS.items())


@pytest.mark.parametrize(
    ("text", "opened", "asked"),
    [
        ("web", ["https://example.org/a"], True),
        ("mail", ["mailto:a@b.c"], True),
        ("file", [], False),
        ("js", [], False),
        ("app", [], False),
    ],
)
async def test_links_open_only_the_web_and_after_asking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, opened: list[str], asked: bool
) -> None:
    post = tmp_path / "links.md"
    post.write_text(f'---\ntitle: "Liens"\n---\n{LINKS}\n')
    app = BlogApp(tmp_path, watch=False)
    urls: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: urls.append(url))
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await started(pilot)
        await until_open(pilot, screen, post)
        markdown = screen.preview.query_one("#preview-body")
        href = {"web": "https://example.org/a", "mail": "mailto:a@b.c"}.get(text)
        href = href or {"file": "file:///etc/passwd", "js": "javascript:alert(1)"}.get(
            text, "x-app://run"
        )
        from textual.widgets import Markdown

        assert isinstance(markdown, Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, href))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) == asked
        assert urls == []  # nothing before the answer
        if asked:
            assert href in str(app.screen.query_one(".dialog-text").render())
            await pilot.press("y")
        await settle(pilot)
        assert urls == opened
        if not asked:
            messages = [n.message for n in app._notifications]
            assert any(message.startswith("Not followed") for message in messages)
