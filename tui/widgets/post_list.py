"""The post list: one entry a post, newest first, line-based for speed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.blog import Post
from tui.blog.display import printable

UNSAVED_MARK = "●"
DRAFT_MARK = "draft"
PROBLEM_MARK = "⚠"


def post_prompt(post: Post, unsaved: bool = False) -> Content:
    """Two lines: marks and title, then date and tags. Never parsed as markup."""
    parts: list[str | tuple[str, str]] = []
    if unsaved:
        parts.append((f"{UNSAVED_MARK} ", "bold $text-warning"))
    if post.problems:
        parts.append((f"{PROBLEM_MARK} ", "bold $text-error"))
    parts.append((printable(post.title), "bold"))
    date = post.date.date().isoformat() if post.date else "no date"
    if post.date_source == "modified":
        date += " (modified)"
    parts.append(("\n" + date, "$text-muted"))
    if post.draft:
        # On the second line, where a long title cannot push it out of sight.
        parts.append((f"  {DRAFT_MARK}", "italic $text-warning"))
    if post.language:
        parts.append((f"  {post.language}", "bold $text-secondary"))
    if post.categories:
        parts.append(("  " + "  ".join(printable(c) for c in post.categories), "$text-secondary"))
    if post.tags:
        parts.append(("  " + "  ".join(f"#{printable(tag)}" for tag in post.tags), "$accent"))
    return Content.assemble(*parts)


class PostList(OptionList):
    """The posts of the blog (or of the tag filter), newest first."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Move down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Move up", show=False, id="list.up"),
        Binding("enter", "select", "Read", id="list.read"),
        Binding("e", "screen.edit", "Edit", id="list.edit"),
        Binding("E", "screen.open_external", "$EDITOR", show=False, id="list.external"),
        Binding("plus", "screen.add_tag", "Add tag", show=False, id="list.add_tag"),
        Binding("minus", "screen.remove_tag", "Remove tag", show=False, id="list.remove_tag"),
        Binding("v", "screen.cycle_view", "View", id="list.view"),
        Binding("t", "screen.focus_tags", "Tags", id="list.tags"),
        Binding("c", "screen.clear_tags", "Clear filter", id="list.clear"),
        Binding("d,delete", "screen.delete", "Delete", id="list.delete"),
        Binding("question_mark", "app.help", "Help", id="list.help"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a post."""

        post_list: PostList
        path: Path

    @dataclass
    class Opened(Message):
        """The user chose a post to read."""

        post_list: PostList
        path: Path

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._unsaved: Path | None = None
        self._posts: dict[str, Post] = {}

    def show(self, posts: Sequence[Post], empty_message: str, *, stay_on_top: bool = False) -> None:
        """Show ``posts``, keeping the cursor on the post it was on.

        With ``stay_on_top`` (while a blog is still loading), a cursor on the
        first post stays on the first post as newer ones arrive.
        """
        current = None if stay_on_top and self.highlighted == 0 else self.highlighted_path
        self._posts = {str(post.path): post for post in posts}
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            if posts:
                self.add_options(
                    Option(post_prompt(post, post.path == self._unsaved), id=str(post.path))
                    for post in posts
                )
            else:
                self.add_option(Option(Content.styled(empty_message, "italic"), disabled=True))
        index = self._index_of(current) if current else None
        self.highlighted = index if index is not None else (0 if posts else None)
        if self.highlighted_path != current and self.highlighted_path is not None:
            self.post_message(self.Highlighted(self, self.highlighted_path))

    def _index_of(self, path: Path) -> int | None:
        try:
            return self.get_option_index(str(path))
        except OptionDoesNotExist:
            return None

    def post_at(self, index: int) -> Post | None:
        """The post shown at ``index`` (None for the empty-state line)."""
        option_id = self.get_option_at_index(index).id
        return self._posts.get(option_id) if option_id else None

    @property
    def highlighted_path(self) -> Path | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return Path(option.id)

    def select_path(self, path: Path) -> None:
        index = self._index_of(path)
        if index is not None:
            self.highlighted = index

    def mark_unsaved(self, path: Path | None) -> None:
        """Show the unsaved-changes mark on ``path`` (and on no other post)."""
        previous, self._unsaved = self._unsaved, path
        for changed in {p for p in (previous, path) if p is not None}:
            post = self._posts.get(str(changed))
            if post is not None:
                self.replace_option_prompt(str(changed), post_prompt(post, changed == path))

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Highlighted(self, Path(event.option.id)))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(self, Path(event.option.id)))
