"""The tag sidebar: "All posts", the pages, then every tag with its count,
then the categories and the languages.

Drawn a visible line at a time, like the post list: a filter changes the
count of every tag, and rebuilding an option (and its rendering) for each of
a blog's few hundred tags took a third of the filter's time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.blog.display import printable
from tui.blog.index import TagCount
from tui.widgets.drawn_lines import DrawnLines, Pieces

ALL_POSTS = "All posts"
PAGES = "Pages"
CATEGORIES = "Categories"
LANGUAGES = "Languages"
MIN_NAME = 4
"""Cells a name keeps before its count is cut instead (a very narrow sidebar)."""


class Row(NamedTuple):
    """A line of the sidebar. Only "All posts", "Pages" and tags can take the cursor.

    A named tuple, not a dataclass: a next start imports this module before
    its first frame, and making a dataclass runs generated code through the
    compiler (4.6 M instructions for a frozen one, against 1.6 M)."""

    kind: str
    """"all" (clears the filter), "pages" (the site's pages only), "tag", "rule" or "heading"."""
    key: str | None = None
    name: str = ""
    posts: int = 0
    """How many posts have it (not `count`, which is a tuple's method)."""
    on: bool = False

    @property
    def selectable(self) -> bool:
        return self.kind in ("all", "pages", "tag")


def sidebar_rows(
    total: int,
    tags: Sequence[TagCount],
    selected: Collection[str],
    pages: int = 0,
    pages_only: bool = False,
) -> list[Row]:
    """The lines for ``tags`` among ``total`` posts, the ``selected`` ones marked.

    ``pages`` of the ``total`` are the site's pages (about, docs, section
    indexes): a row of their own, shown when there are some, or when the
    list is narrowed to them (``pages_only``), so that it can be undone.
    """
    rows = [Row("all", None, ALL_POSTS, total, not selected and not pages_only)]
    if pages or pages_only:
        rows.append(Row("pages", None, PAGES, pages, pages_only))
    plain: list[TagCount] = []
    categories: list[TagCount] = []
    languages: list[TagCount] = []
    for tag in tags:
        (categories if tag.is_category else languages if tag.is_language else plain).append(tag)
    rows.extend(Row("tag", t.key, t.name, t.count, t.key in selected) for t in plain)
    # Sections of their own, so a category or a language is never mistaken for a tag.
    for heading, section in ((CATEGORIES, categories), (LANGUAGES, languages)):
        if section:
            rows += [Row("rule"), Row("heading", name=heading)]
            rows.extend(Row("tag", t.key, t.name, t.count, t.key in selected) for t in section)
    return rows


def row_pieces(row: Row, width: int, cursor: bool = False) -> Pieces:
    """A row as (text, component) pieces in ``width`` cells. Names are never markup.

    A long name is cut rather than its count, which is what the sidebar is
    read for. On the cursor the count takes the cursor's colour: muted on
    the cursor's background it could hardly be read.
    """
    if row.kind == "heading":
        return [(row.name, "tag-sidebar--heading")]
    mark = "✓ " if row.on else "  "
    name = printable(row.name)
    count = f"  {row.posts}"
    room = width - len(mark) - len(count)
    if cell_len(name) > room >= MIN_NAME:
        name = set_cell_size(name, room - 1) + "…"
    return [
        (mark, "tag-sidebar--mark"),
        (name, "tag-sidebar--on" if row.on or row.kind == "all" else ""),
        (count, "" if cursor else "tag-sidebar--count"),
    ]


class TagSidebar(DrawnLines, can_focus=True):
    """Tags to filter by; selecting several shows the posts that have them all.
    "Pages" narrows the list to the site's pages, and "All posts" clears both."""

    COMPONENT_CLASSES = {
        "tag-sidebar--mark",
        "tag-sidebar--on",
        "tag-sidebar--count",
        "tag-sidebar--heading",
        "tag-sidebar--rule",
        "tag-sidebar--cursor",
        "tag-sidebar--hover",
    }

    BINDINGS = [
        Binding("down,j", "cursor_down", "Move down", show=False, id="tags.down"),
        Binding("up,k", "cursor_up", "Move up", show=False, id="tags.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="tags.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="tags.page_up"),
        Binding("home", "first", "First tag", show=False, id="tags.first"),
        Binding("end", "last", "Last tag", show=False, id="tags.last"),
        Binding("space,enter", "select", "Toggle tag", id="tags.toggle"),
        Binding("c", "screen.clear_tags", "Clear filter", id="tags.clear"),
        Binding("r", "screen.rename_tag", "Rename/merge", id="tags.rename"),
        Binding("escape", "screen.focus_list", "Back to list", id="tags.back"),
        Binding("slash", "screen.search", "Search", id="tags.search"),
        Binding("question_mark", "app.help", "Help", id="tags.help"),
    ]

    highlighted: reactive[int | None] = reactive(None)
    """The line under the cursor: always one that can take it, or None."""

    class Toggled(Message):
        """A tag was toggled; ``key`` is None for "All posts" (clear)."""

        def __init__(self, sidebar: TagSidebar, key: str | None) -> None:
            super().__init__()
            self.sidebar = sidebar
            self.key = key

    class PagesToggled(Message):
        """ "Pages" was chosen: the list shows only the pages, or all again."""

        def __init__(self, sidebar: TagSidebar) -> None:
            super().__init__()
            self.sidebar = sidebar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = [Row("all", None, ALL_POSTS)]
        self._hover: int | None = None

    def show(
        self,
        total: int,
        tags: Sequence[TagCount],
        selected: Collection[str],
        pages: int = 0,
        pages_only: bool = False,
    ) -> None:
        """Show the tags left in the filtered posts, keeping the cursor on its
        tag (or on "Pages"); ``pages`` of the ``total`` are pages."""
        current = self.highlighted_row
        self._rows = sidebar_rows(total, tags, selected, pages, pages_only)
        self.set_line_count(len(self._rows))
        line = 0
        if current is not None and current.kind in ("tag", "pages"):
            line = next(
                (
                    at
                    for at, row in enumerate(self._rows)
                    if row.kind == current.kind and row.key == current.key
                ),
                0,
            )
        self.highlighted = line
        hover = self._hover
        if hover is not None and (hover >= len(self._rows) or not self._rows[hover].selectable):
            self._hover = None  # the mouse is now over a rule, a heading or nothing
        self.refresh_in_this_frame()

    @property
    def highlighted_row(self) -> Row | None:
        line = self.highlighted
        return self._rows[line] if line is not None and line < len(self._rows) else None

    @property
    def highlighted_key(self) -> str | None:
        """The key of the tag under the cursor (None on "All posts" and "Pages")."""
        row = self.highlighted_row
        return row.key if row else None

    # The cursor

    def validate_highlighted(self, line: int | None) -> int | None:
        if line is None:
            return None
        return max(0, min(line, len(self._rows) - 1))

    def watch_highlighted(self, line: int | None) -> None:
        if line is not None:
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, force=True)
        self.refresh()

    def _move(self, line: int, step: int) -> None:
        """To ``line``, or the nearest line past it, going by ``step``, that takes the cursor."""
        line = max(0, min(line, len(self._rows) - 1))
        while 0 <= line < len(self._rows) and not self._rows[line].selectable:
            line += step
        if 0 <= line < len(self._rows):
            self.highlighted = line

    def action_cursor_down(self) -> None:
        self._move((self.highlighted or 0) + 1, 1)

    def action_cursor_up(self) -> None:
        self._move((self.highlighted or 0) - 1, -1)

    def action_page_down(self) -> None:
        self._move((self.highlighted or 0) + self._page(), 1)

    def action_page_up(self) -> None:
        self._move((self.highlighted or 0) - self._page(), -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self._rows) - 1, -1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_select(self) -> None:
        row = self.highlighted_row
        if row is None or not row.selectable:
            return
        if row.kind == "pages":
            self.post_message(self.PagesToggled(self))
        else:
            self.post_message(self.Toggled(self, row.key))

    # The mouse

    def _line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + round(self.scroll_offset.y)
        return line if 0 <= line < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        line = self._line_at(event)
        if line is not None and self._rows[line].selectable:
            self.highlighted = line
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._line_at(event))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, line: int | None) -> None:
        if line is not None and not self._rows[line].selectable:
            line = None
        if line != self._hover:
            self._hover = line
            self.refresh()

    # Drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + round(self.scroll_offset.y)
        base = self.line_style
        if line >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[line]
        if row.kind == "rule":
            style = base + self._component_style("tag-sidebar--rule")
            return Strip([Segment("─" * width, style)], width)
        cursor = line == self.highlighted
        if cursor:
            base = base + self.get_component_rich_style("tag-sidebar--cursor")
        elif line == self._hover:
            base = base + self.get_component_rich_style("tag-sidebar--hover")
        return Strip(self._segments(row_pieces(row, width, cursor), base, width), width)
