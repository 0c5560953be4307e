"""The tag sidebar: "All posts", then every tag with its count."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.blog.display import printable
from tui.blog.index import TagCount

ALL_POSTS = "all"
_TAG_PREFIX = "tag:"


class TagSidebar(OptionList):
    """Tags to filter by; selecting several shows the posts that have them all."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Move down", show=False, id="tags.down"),
        Binding("up,k", "cursor_up", "Move up", show=False, id="tags.up"),
        Binding("space,enter", "select", "Toggle tag", id="tags.toggle"),
        Binding("c", "screen.clear_tags", "Clear filter", id="tags.clear"),
        Binding("r", "screen.rename_tag", "Rename/merge", id="tags.rename"),
        Binding("escape", "screen.focus_list", "Back to list", id="tags.back"),
        Binding("slash", "screen.search", "Search", id="tags.search"),
        Binding("question_mark", "app.help", "Help", id="tags.help"),
    ]

    @dataclass
    class Toggled(Message):
        """A tag was toggled; ``key`` is None for "All posts" (clear)."""

        sidebar: TagSidebar
        key: str | None

    def show(self, total: int, tags: Sequence[TagCount], selected: Collection[str]) -> None:
        """Show the tags left in the filtered posts, keeping the cursor on its tag."""
        current = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option | None] = [
            Option(self._line("All posts", total, not selected, all_posts=True), id=ALL_POSTS)
        ]
        options.extend(self._option(tag, selected) for tag in tags if not tag.is_category)
        categories = [tag for tag in tags if tag.is_category]
        if categories:
            # A second section, so a category is never mistaken for a tag.
            options.append(None)
            options.append(Option(Content.styled("Categories", "bold $text-muted"), disabled=True))
            options.extend(self._option(tag, selected) for tag in categories)
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
        ids = [option.id for option in options if option is not None]
        self.highlighted = ids.index(current) if current is not None and current in ids else 0

    @property
    def highlighted_key(self) -> str | None:
        """The key of the tag under the cursor (None on "All posts")."""
        option = self.highlighted_option
        return _key_of(option.id) if option else None

    def _option(self, tag: TagCount, selected: Collection[str]) -> Option:
        return Option(
            self._line(tag.name, tag.count, tag.key in selected), id=_TAG_PREFIX + tag.key
        )

    @staticmethod
    def _line(name: str, count: int, on: bool, all_posts: bool = False) -> Content:
        return Content.assemble(
            ("✓ " if on else "  ", "bold $success"),
            (printable(name), "bold" if all_posts or on else ""),
            (f"  {count}", "$text-muted"),
        )

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Toggled(self, _key_of(event.option.id)))


def _key_of(option_id: str | None) -> str | None:
    """The tag key an option stands for (None for "All posts")."""
    if option_id is None or option_id == ALL_POSTS:
        return None
    return option_id.removeprefix(_TAG_PREFIX)
