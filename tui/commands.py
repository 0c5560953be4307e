"""Command palette entries for the blog's tags: filter by any tag by typing it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content

from tui.blog.display import printable

if TYPE_CHECKING:
    from tui.app import BlogApp


class TagCommands(Provider):
    """ "Tag: name" for every tag, so a blog with hundreds of them stays usable."""

    async def search(self, query: str) -> Hits:
        app = cast("BlogApp", self.app)
        screen = app.main_screen
        if screen is None:
            return
        matcher = self.matcher(query)
        for tag in screen.blog.index.tag_counts():
            action = "remove from" if tag.key in screen.selected_tags else "add to"
            kind = "Category" if tag.is_category else "Language" if tag.is_language else "Tag"
            label = f"{kind}: {printable(tag.name)}"
            score = matcher.match(label)
            if score > 0:
                # Content, not markup: a tag named "[bold]" is shown as written.
                yield Hit(
                    score,
                    Content(label),
                    partial(screen.toggle_tag, tag.key),
                    help=f"{tag.count} posts · {action} the filter",
                )
