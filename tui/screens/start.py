"""The screen drawn while the app starts: the main screen's frame, still empty.

Importing and composing the main screen (the editor, the Markdown preview,
the dialogs, their styles) takes a few tenths of a second, as long again as
Textual takes to start. This screen is drawn from a few `Static` widgets in
milliseconds, so the window shows at once; the main screen is drawn over it
as soon as it is ready. Keep this module's imports to Textual's core: even
Textual's `Header` and `Footer` cost it a fifth of its time.

At a next start the list and the tags can be known before the main screen
is: a glimpse (`tui.blog.glimpse`) of them as they still are on disk. This
screen then shows them in the main screen's own list and sidebar, which
import little: from its first frame when the glimpse was checked by then
(`tui.blog.glimpse_child`), else in place of its empty panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.blog.display import printable

if TYPE_CHECKING:
    from tui.blog.glimpse import Glimpse

READING = "Reading posts…"
"""What the post list says until the first posts are read."""
NO_POST = Content.styled("No post open", "$text-muted")
"""What the status line says while no post is open."""
QUIT_AFTER_FAILURE = "Press ctrl+q or ctrl+c to quit."
"""How to leave an app whose main screen could not be made."""


class StartScreen(Screen[None]):
    """The main screen's panes, with the same ids (and so the same styles)."""

    # Only ever active when the main screen could not be made: until it is
    # there, keys wait for it (tui/keys_in_turn.py), then go to it.
    BINDINGS = [Binding("ctrl+c", "app.quit", "Quit", show=False)]

    def __init__(self, folder: str, glimpse: Glimpse | None = None) -> None:
        super().__init__()
        self.folder = printable(folder)
        self.glimpse = glimpse
        """The list and the tags shown: from the first frame when known by
        then, else once known (`show_glimpse`)."""
        self._shown = False

    def compose(self) -> ComposeResult:
        glimpse = self.glimpse
        tags, posts = _glimpse_panes(glimpse) if glimpse else (None, None)
        yield from self._frame(
            tags or _pane("tags", "Tags"),
            posts or _pane("posts", "Posts", READING),
            _pane("preview", "Preview"),
            NO_POST,
        )

    def _frame(self, tags: Widget, posts: Widget, preview: Widget, status: Content) -> list[Widget]:
        # The footer and the status line docked at the bottom, in that order,
        # and the panes side by side in what is left, sized as the main
        # screen sizes its columns: the same frame, without the main screen's
        # three containers (each one more to style, lay out and draw).
        return [
            StartHeader(self.app.format_title(self.app.title, self.folder), id="start-header"),
            Static(id="start-footer"),
            Static(status, id="status"),
            tags,
            posts,
            preview,
        ]

    async def show_failure(self, message: str) -> None:
        """The main screen could not be made: why, and how to quit, in place
        of panes that would say for ever that the posts are being read."""
        self.glimpse = None
        failed = Content.assemble((printable(message), "$text-error"), "\n\n", QUIT_AFTER_FAILURE)
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(
                self._frame(
                    _pane("tags", "Tags"),
                    _pane("posts", "Posts", Content("Not read.")),
                    _pane("preview", "Preview", failed),
                    Content(QUIT_AFTER_FAILURE),
                )
            )

    def on_mount(self) -> None:
        if self.glimpse is not None:
            self._fill(self.glimpse)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Called before Screen's own handler, which would then work out every
        # widget's styles again as the screen is first shown: they were
        # worked out as it was mounted, just before, and nothing has changed
        # them since (the focus given to the list restyles the list itself).
        # That was 15 M instructions, of the 100 M the first frame runs
        # beyond an empty app's (benchmarks/first_frame.py).
        if not self._shown:
            self._shown = True
            event.refresh_styles = False

    async def show_glimpse(self, glimpse: Glimpse) -> None:
        """The sidebar and the list in place of the empty panes, drawn as the
        main screen draws them. In place: a new screen would be laid out and
        drawn whole, twice (a tenth of a second)."""
        self.glimpse = glimpse
        tags, posts = _glimpse_panes(glimpse)
        with self.app.batch_update():
            await self.query_one("#tags").remove()
            await self.query_one("#posts").remove()
            await self.mount(tags, posts, before="#preview")
            self._fill(glimpse)

    def _fill(self, glimpse: Glimpse) -> None:
        """Once mounted, as on the main screen."""
        from tui.widgets.post_list import PostList
        from tui.widgets.tag_sidebar import TagSidebar

        tags = glimpse.tags
        if sum(tag.is_language for tag in tags) < 2:  # a blog in one language: no section
            tags = [tag for tag in tags if not tag.is_language]
        self.query_one("#tags", TagSidebar).show(glimpse.total, tags, ())
        posts = self.query_one("#posts", PostList)
        posts.show(glimpse.posts, "", main_language=glimpse.main_language)
        posts.focus()


class StartHeader(Widget):
    """Textual's Header as the main screen shows it, so that nothing moves
    when that screen takes over: its icon, then the title centred between
    the icon and the room of the clock. One widget drawing the line, where
    Textual's is four: three made the first frame 10 M instructions longer."""

    ICON = " ⭘"
    ICON_WIDTH = 8
    CLOCK_WIDTH = 10

    def __init__(self, title: Content, id: str) -> None:
        super().__init__(id=id)
        self._title = title

    def render(self) -> Content:
        room = max(0, self.size.width - self.ICON_WIDTH - self.CLOCK_WIDTH)
        title = self._title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        return Content.assemble(self.ICON.ljust(self.ICON_WIDTH + left), title)


def _glimpse_panes(glimpse: Glimpse) -> tuple[Widget, Widget]:
    """The sidebar and the list that show ``glimpse``, as on the main screen."""
    from tui.blog.orders import ORDER_NAMES
    from tui.widgets.post_list import PostList
    from tui.widgets.tag_sidebar import TagSidebar

    tags = TagSidebar(id="tags")
    tags.border_title = "Tags"
    posts = PostList(id="posts")
    posts.border_title = "Posts"
    posts.border_subtitle = "" if glimpse.order == "newest" else ORDER_NAMES[glimpse.order]
    return tags, posts


def _pane(id: str, title: str, text: str | Content = "") -> Static:
    pane = Static(text, id=id, classes="starting")
    pane.border_title = title
    return pane
