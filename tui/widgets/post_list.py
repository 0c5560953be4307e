"""The post list: two lines a post, newest first, drawn a visible line at a time.

Showing 100,000 posts costs what showing one screenful costs: the list keeps
the posts in a Python list and draws only the rows in view (Textual's Line
API), so a new filter is a list assignment, not 100,000 widgets or options.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from operator import attrgetter
from pathlib import Path

from rich.cells import set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.blog import Post
from tui.blog.display import printable
from tui.widgets.drawn_lines import DrawnLines
from tui.widgets.post_keys import post_keys

UNSAVED_MARK = "●"
DRAFT_MARK = "draft"
SCHEDULED_MARK = "scheduled"
PAGE_MARK = "page"
PROBLEM_MARK = "⚠"
ROW_HEIGHT = 2
RELATIVE = attrgetter("relative")


def marked(text: str, component: str, words: Sequence[str]) -> list[tuple[str, str]]:
    """``text`` as pieces, those where a searched word is found marked as matches."""
    if not words:  # as every row is drawn until a search: none to import
        return [(text, component)]
    from tui.blog.search import folded_spans

    pieces: list[tuple[str, str]] = []
    at = 0
    for start, end in folded_spans(text, words):
        if start > at:
            pieces.append((text[at:start], component))
        pieces.append((text[start:end], f"{component} post-list--match"))
        at = end
    if at < len(text) or not pieces:
        pieces.append((text[at:], component))
    return pieces


def row_parts(
    post: Post,
    unsaved: bool = False,
    words: Sequence[str] = (),
    main_language: str | None = None,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The two lines of a post as (text, component) pieces. Text is never markup.

    Where the searched ``words`` are found in the title and the tags, they are
    marked. The post's language is shown unless it is the blog's ``main_language``.
    """
    first: list[tuple[str, str]] = []
    if unsaved:
        first.append((f"{UNSAVED_MARK} ", "post-list--unsaved"))
    if post.problems:
        first.append((f"{PROBLEM_MARK} ", "post-list--problem"))
    first += marked(printable(post.title), "post-list--title", words)
    date = post.day
    if post.date_source == "modified":
        date += " (modified)"
    second: list[tuple[str, str]] = []
    if post.kind == "page":
        # About, docs, a section's index: listed after the posts, and said
        # so first, where a long date ("(modified)", as most pages have)
        # cannot push it out of a narrow list.
        second.append((f"{PAGE_MARK}  ", "post-list--page"))
    second.append((date, "post-list--date"))
    if post.draft:
        # On the second line, where a long title cannot push it out of sight.
        second.append((f"  {DRAFT_MARK}", "post-list--draft"))
    elif post.scheduled:
        second.append((f"  {SCHEDULED_MARK}", "post-list--draft"))
    if post.language and post.language != main_language:
        second.append((f"  {post.language}", "post-list--language"))
    if post.categories:
        categories = "  ".join(printable(c) for c in post.categories)
        second.append((f"  {categories}", "post-list--category"))
    if post.tags:
        tags = "  " + "  ".join(f"#{printable(t)}" for t in post.tags)
        second += marked(tags, "post-list--tags", words)
    return first, second


class PostList(DrawnLines, can_focus=True):
    """The posts of the blog (or of the tag filter), newest first."""

    COMPONENT_CLASSES = {
        "post-list--title",
        "post-list--date",
        "post-list--draft",
        "post-list--page",
        "post-list--language",
        "post-list--category",
        "post-list--tags",
        "post-list--unsaved",
        "post-list--problem",
        "post-list--cursor",
        "post-list--empty",
        "post-list--match",
    }

    BINDINGS = [
        Binding("down,j", "cursor_down", "Move down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Move up", show=False, id="list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("home", "first", "First post", show=False, id="list.first"),
        Binding("end", "last", "Last post", show=False, id="list.last"),
        Binding("enter", "select", "Read", id="list.read"),
        *post_keys("list", "edit", "external", "add_tag", "remove_tag", "view", "tags"),
        Binding("c", "screen.clear_tags", "Clear filter", id="list.clear"),
        Binding("d,delete", "screen.delete", "Delete", id="list.delete"),
        *post_keys("list", "search"),
        Binding(
            "escape", "screen.close_search", "Clear search", show=False, id="list.clear_search"
        ),
        Binding("s", "screen.cycle_order", "Sort", id="list.sort"),
        *post_keys("list", "next", "previous", "help"),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """The row under the cursor (None when the list is empty)."""

    # Messages with their own __init__, not dataclasses: making a dataclass
    # runs generated code through the compiler, 3 M instructions each, and a
    # next start imports this module before its first frame.
    class Highlighted(Message):
        """The cursor moved onto a post."""

        def __init__(self, post_list: PostList, path: Path) -> None:
            super().__init__()
            self.post_list = post_list
            self.path = path

    class Opened(Message):
        """The user chose a post to read."""

        def __init__(self, post_list: PostList, path: Path) -> None:
            super().__init__()
            self.post_list = post_list
            self.path = path

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._posts: list[Post] = []
        self._rows: dict[str, int] | None = None
        # Row of each post, made when first asked for: while a large blog
        # loads, the list is shown again and again and seldom asked.
        self._unsaved: Path | None = None
        self._empty_message = ""
        self._words: tuple[str, ...] = ()
        self._main_language: str | None = None

    # What the list holds

    def show(
        self,
        posts: Sequence[Post],
        empty_message: str,
        *,
        stay_on_top: bool = False,
        words: Sequence[str] = (),
        main_language: str | None = None,
    ) -> None:
        """Show ``posts``, keeping the cursor on the post it was on.

        With ``stay_on_top`` (while a blog is still loading), a cursor on the
        first post stays on the first post as newer ones arrive. The searched
        (folded) ``words`` are marked where they are found; a post's language
        only when it is not the blog's ``main_language``.
        """
        self._words = tuple(words)
        self._main_language = main_language
        current = None if stay_on_top and self.highlighted == 0 else self.highlighted_post
        self._posts = list(posts)
        self._rows = None
        self._empty_message = empty_message
        self.set_line_count(max(1, len(self._posts)) * ROW_HEIGHT)
        row = self.row_of_post(current) if current is not None else None
        with self.prevent(self.Highlighted):
            self.highlighted = row if row is not None else (0 if self._posts else None)
        if self.highlighted_path is not None and (
            current is None or self.highlighted_path != current.path
        ):
            self.post_message(self.Highlighted(self, self.highlighted_path))
        self.refresh_in_this_frame()

    @property
    def option_count(self) -> int:
        return len(self._posts)

    def post_at(self, index: int) -> Post | None:
        """The post shown at row ``index`` (None for the empty-state line)."""
        return self._posts[index] if 0 <= index < len(self._posts) else None

    @property
    def highlighted_post(self) -> Post | None:
        return self.post_at(self.highlighted) if self.highlighted is not None else None

    @property
    def highlighted_path(self) -> Path | None:
        post = self.highlighted_post
        return post.path if post else None

    def row_of_post(self, post: Post) -> int | None:
        """The row where ``post`` is shown, or the post read again at its path."""
        if self._rows is None:
            try:
                # By identity, in C: 100,000 rows in a millisecond, where
                # making the rows' table takes a tenth of a second.
                return self._posts.index(post)
            except ValueError:
                pass
        return self._row_of(post.relative)

    def _row_of(self, relative: str) -> int | None:
        if self._rows is None:
            # By the paths from the blog's folder, strings (a Path's first
            # hash is 3 µs); still a tenth of a second at 100,000 posts.
            self._rows = dict(zip(map(RELATIVE, self._posts), count()))
        return self._rows.get(relative)

    def select_post(self, post: Post) -> None:
        row = self.row_of_post(post)
        if row is not None:
            self.highlighted = row

    def mark_unsaved(self, path: Path | None) -> None:
        """Show the unsaved-changes mark on ``path`` (and on no other post)."""
        if path != self._unsaved:
            self._unsaved = path
            self.refresh()

    # The cursor

    def validate_highlighted(self, row: int | None) -> int | None:
        if not self._posts:
            return None
        if row is None:
            return 0
        return max(0, min(row, len(self._posts) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is None:
            return
        self.scroll_to_region(
            Region(0, new * ROW_HEIGHT, self.size.width, ROW_HEIGHT), animate=False, force=True
        )
        self.refresh()
        if old != new and self.highlighted_path is not None:
            self.post_message(self.Highlighted(self, self.highlighted_path))

    def action_cursor_down(self) -> None:
        if self.highlighted is not None:
            self.highlighted += 1

    def action_cursor_up(self) -> None:
        if self.highlighted is not None:
            self.highlighted -= 1

    def action_page_down(self) -> None:
        if self.highlighted is not None:
            self.highlighted += max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_page_up(self) -> None:
        if self.highlighted is not None:
            self.highlighted -= max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._posts) - 1

    def action_select(self) -> None:
        path = self.highlighted_path
        if path is not None:
            self.post_message(self.Opened(self, path))

    def on_click(self, event: events.Click) -> None:
        # From the content's top, not the border's: counted from the border,
        # a click on a post's second line opened the next post.
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = (offset.y + round(self.scroll_offset.y)) // ROW_HEIGHT
        if 0 <= row < len(self._posts):
            self.highlighted = row
            self.action_select()

    # Drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + round(self.scroll_offset.y)
        row, part = divmod(line, ROW_HEIGHT)
        base = self.line_style
        if not self._posts:
            lines = self._empty_message.splitlines()
            text = lines[line] if line < len(lines) else ""
            style = base + self.get_component_rich_style("post-list--empty")
            return Strip([Segment(set_cell_size(" " + text, width), style)], width)
        if row >= len(self._posts):
            return Strip.blank(width, base)
        post = self._posts[row]
        pieces = row_parts(post, post.path == self._unsaved, self._words, self._main_language)[part]
        if row == self.highlighted:
            base = base + self.get_component_rich_style("post-list--cursor")
        return Strip(self._segments(pieces, base, width, lead=" "), width)
