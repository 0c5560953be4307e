"""The main screen: tags, posts and the open post, and what ties them together.

Widgets say what happened (messages); this screen decides what to do, calls
the blog library, and tells the widgets what to show. The blog's index and
the open post live here and nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Markdown, Static, TextArea
from textual.widgets.text_area import Document
from textual.worker import Worker, WorkerState, get_current_worker

from tui.blog import Blog, BlogError, Post
from tui.blog.cache import PostCache
from tui.blog.collector import held_off
from tui.blog.conventions import detect
from tui.blog.display import bounded_lines, printable, printable_text, unsafe_character
from tui.blog.editor import editor_command
from tui.blog.encoding import decode
from tui.blog.glimpse import MOST_POSTS, Glimpse
from tui.blog.glimpse import save as save_glimpse
from tui.blog.head_start import (
    HeadStart,
    first_start_workers,
    next_start_survey,
    worker_count,
)
from tui.blog.index import BlogIndex, TagCount
from tui.blog.links import is_foreign_link, is_web_link, resolve_link
from tui.blog.orders import ORDER_NAMES, ORDERS, Order
from tui.blog.own_files import OwnFiles
from tui.blog.parallel import ParallelReader
from tui.blog.parsing import parse_post
from tui.blog.post import LANGUAGE_PREFIX, is_page_key
from tui.blog.recovery import Recovery
from tui.blog.search import Query, Searcher, parse_query
from tui.blog.session import Session
from tui.blog.store import ChangedOnDisk, NeedsConfirmation, PostText
from tui.blog.survey import Survey
from tui.blog.trash import NoTrash, shown
from tui.blog.walk import Stamp
from tui.config import Config
from tui.dialogs import (
    ConfirmScreen,
    ConflictScreen,
    NewPostScreen,
    RecoveredScreen,
    UnsavedScreen,
)
from tui.screens import external, following, metadata_flows
from tui.screens.compositor import keep_full_map
from tui.screens.keeper import RecoveryKeeper
from tui.screens.start import NO_POST, READING
from tui.widgets import Contents, PostEditor, PostList, PostPreview, SearchField, TagSidebar
from tui.widgets.blocks import agreement
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.post_editor import odd_line_break

if TYPE_CHECKING:
    from tui.blog.site import Site

View = Literal["read", "split", "edit"]
VIEWS: tuple[View, ...] = ("read", "split", "edit")

STYLES = Path(__file__).with_name("main.tcss")
"""The main screen's styles and the dialogs', beyond the frame that the start
screen draws too (tui/app.tcss): read as this screen is made, not before
the first frame, where parsing and matching them ran 11 M instructions.

Added to the app's stylesheet, not as Textual's Screen.CSS_PATH, which
parses every style read so far again and restyles every widget (19 ms,
against 3 ms)."""

OPEN_DELAY = 0.12
"""Seconds the cursor rests on a post before it is opened (holding j stays fast)."""
PREVIEW_DELAY = 0.35
"""Seconds of pause in typing before the split view's preview follows."""
MARK_DELAY = 0.05
"""Seconds of pause in typing a search before the open post shows its matches."""
FIRST_HANDOVER = 0.2
"""Seconds before the list first shows what has been read of a large blog."""
HANDOVER_GROWTH = 4
"""How much longer each later part waits than the one before. Every part
costs the screen a merge and a redraw, time the reading thread waits for:
at 100,000 posts read from the cache, four parts instead of seven took half
a second off the start."""
LONGEST_HANDOVER = 2.0
"""Seconds between parts at most, so that a first start of a large blog,
which takes a while, still shows its progress."""

WORKERS_WAIT = 5.0
"""Seconds the reading waits for the workers started early (they take a tenth)."""
PAINT_WAIT = 2.0
"""Seconds the reading thread waits for the complete list to be painted
before it saves the cache and checks what changed meanwhile."""
BODIES_HERE = 20_000
"""Posts, at most, that a search of several words looks through on the
screen's time once their bodies' words are known (10,000: 17 ms); more
are looked through in a thread, so that what is typed shows meanwhile. One
word is always looked for at once (10,000 posts: 9 ms)."""
WATCH_WAIT = 30.0
"""Seconds the check after the reading waits for the folder to be watched
(half a second at 100,000 posts), before it checks anyway."""
WATCH_AT_LATEST = 2.0
"""Seconds after the main screen at which the watcher starts if the reading
is not over by then; else it starts once it is (see `_watch_soon`)."""

EMPTY_BLOG = "No posts yet.\nPress ctrl+n to write your first post."
EMPTY_FILTER = "No post has all the selected tags.\nPress c to clear the filter."
NO_MATCH = "No post matches the search.\nPress escape to clear it."
EMPTY_PAGES = "No page has all the selected tags.\nPress c to clear the filter."
NO_PAGES = "No pages.\nPress c to list every post."


def moved(removed: list[Post], found: list[Post]) -> dict[Path, Path]:
    """Posts that went from one path to another: same size, time and title.

    A rename keeps the file's modification time, so a post removed and one
    found in the same batch with all three alike are one post that moved.
    """
    by_identity = {(post.size, post.mtime_ns, post.title): post.path for post in found}
    moves = {}
    for post in removed:
        new_path = by_identity.get((post.size, post.mtime_ns, post.title))
        if new_path is not None and new_path != post.path:
            moves[post.path] = new_path
    return moves


def pages_at_end(posts: list[Post]) -> int:
    """How many of ``posts`` are pages, which come after every post (see
    `tui.blog.post.PAGE_MARK`): counted from the end, so that a blog of
    posts only costs one look. Asked of the sort key, which a post restored
    from the cache has without being made."""
    count = 0
    for post in reversed(posts):
        if not is_page_key(post.sort_key):
            break
        count += 1
    return count


def pages_last(posts: list[Post]) -> list[Post]:
    """``posts`` with the pages moved after the posts, each part in its order:
    a search puts the titles that match first, pages among them."""
    pages = [post for post in posts if is_page_key(post.sort_key)]
    if len(pages) == pages_at_end(posts):
        return posts
    return [post for post in posts if not is_page_key(post.sort_key)] + pages


def site_title(site: Site, folder: Path) -> str | None:
    """What the header says of a blog in a known site: "Jekyll site · /root",
    and the blog's folder from the root when it is below it; None outside
    any site (the header then names the folder)."""
    label = site.generator.label
    if not label:
        return None
    title = f"{label} site · {printable(str(site.root))}"
    inside = site.prefix.rstrip("/")
    if inside.startswith(".."):  # not below the root, as the folder's links go
        title += f" · {printable(str(folder))}"
    elif inside:
        title += f" · {printable(inside)}"
    return title


def _close_when_started(future: Future[ParallelReader | None] | Future[Survey | None]) -> None:
    """Stop a child process that started too late to be of use."""
    started = None if future.exception() else future.result()
    if started is not None:
        started.close()


class MainScreen(Screen[None]):
    """Three panes over one blog."""

    # Each shown by the panes it changes, which paint (or lay out) themselves:
    # the whole screen painted again added a fifth to a tag filter's time.
    view: reactive[View] = reactive("read", repaint=False)
    """How the open post is shown: rendered, side by side with the editor, or edited."""
    selected_tags: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Keys of the tags a post must all have to be listed."""
    order: reactive[Order] = reactive("newest", repaint=False)
    """How the list is sorted."""
    pages_only: reactive[bool] = reactive(False, repaint=False)
    """Whether the list shows only the site's pages (the sidebar's "Pages")."""

    class Showing(Message):
        """A post is being shown, or has just been: work the user waits for
        (no full collection now; see tui/idle_collector.py)."""

    class Failed(Message):
        """The screen could not be made: the app says why (tui/failed_start.py)."""

        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        blog: Blog,
        watch: bool = True,
        config: Config | None = None,
        recovery: Recovery | None = None,
        session: Session | None = None,
        head_start: Future[HeadStart] | None = None,
        glimpse: Glimpse | None = None,
        own_files: OwnFiles | None = None,
    ) -> None:
        super().__init__()
        keep_full_map(self)  # a long post's preview is not placed again at each paint
        self.blog = blog
        self._glimpse = glimpse
        """The top of the list and the tags, as the start screen showed them
        (see tui/blog/glimpse.py): shown the same until every post is read."""
        self._head_start = head_start
        """The children started as the app began making this screen (see
        tui/blog/head_start.py): a first start's workers reading the blog, or
        a next start's survey of its files. Started from a thread, so they
        come as a future."""
        self.config = config or Config()
        self.own_files = own_files or OwnFiles()
        """Where the app's own files are written, their failures told once."""
        self.session = session or Session(own=self.own_files)
        self.set_reactive(MainScreen.order, self.session.order)
        self.searcher = Searcher()
        self.search_query = Query()
        """The search, as understood from the search field."""
        self._mark_timer: Timer | None = None
        """Until the preview marks what the search field finds (MARK_DELAY)."""
        self._positions: dict[Path, float] = {}
        # Where the reader stopped in each post read in this session.
        self.document: PostText | None = None
        """The open post's file as last read or saved."""
        self.modified = False
        """Whether the editor holds text that is not on disk."""
        self.deleted_on_disk = False
        """Whether the open post's file was deleted by another program."""
        self._baseline = ""
        # The editor's text when it last matched the file. A TextArea keeps one
        # newline style, so this can differ from the file's text for files with
        # mixed line endings; comparing against it keeps those byte-identical.
        self._watch = watch
        self._open_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._stop_watching = asyncio.Event()
        self._watch_started = False
        self._watching = threading.Event()
        """Set once the folder is watched (or cannot be)."""
        self.loaded = asyncio.Event()
        """Set once every post has been read (tests and scripts wait on it)."""
        self.settled = asyncio.Event()
        """Set once, after ``loaded``, the folder is watched and what changed
        between the reading and the watching is read again."""
        self.synced = asyncio.Event()
        """Set each time changes seen in the folder have been applied."""
        self.shown = asyncio.Event()
        """Set each time a post is shown in the preview and the editor."""
        self.previewed = asyncio.Event()
        """Set each time the preview has been rendered."""
        self.keeper = RecoveryKeeper(self, recovery or Recovery(own=self.own_files))
        self._editor_pending: str | None = None
        """The open post's text, until the editor first holds it."""
        self._gone_while_loading: set[Path] = set()
        self._as_read: tuple[Order, list[Post], list[TagCount], list[str]] | None = None
        """The list's order, its posts (newest first), the tags and the folders
        that could not be read, once every post is read: the glimpse to keep
        for the next start."""
        self._read_stamps: dict[str, Stamp] | None = None
        """The stamps the reading read the posts with, once it is over."""
        self._site_language: str | None = None
        """The language the site's config names its own, once the site is
        read (by the reading thread, before the first posts are shown)."""
        self.batches_applied = 0
        """How many batches of changes from the folder have been applied."""
        self.asked = asyncio.Event()
        """Set when the user is asked what to do about a post changed on disk."""
        self._survey_started: Future[Survey | None] = Future()
        self._workers_started: Future[ParallelReader | None] = Future()
        # The workers that a first start starts early, for the reading thread.
        # Should the app end before the reading begins, they end with it: their
        # input closes.

    def compose(self) -> ComposeResult:
        try:
            yield from self._compose_panes()
        except Exception as error:  # told, rather than a traceback as the app ends
            self.post_message(self.Failed(error))

    def _compose_panes(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield TagSidebar(id="tags")
            with Vertical(id="list-pane"):
                yield SearchField(id="search")
                yield PostList(id="posts")
            with Horizontal(id="post"):
                yield Contents(id="contents")
                yield PostPreview(id="preview")
                yield PostEditor(id="editor")
        yield Static(id="status")
        yield KeysFooter()

    @property
    def post_list(self) -> PostList:
        return self.query_one(PostList)

    @property
    def tag_sidebar(self) -> TagSidebar:
        return self.query_one(TagSidebar)

    @property
    def search_field(self) -> SearchField:
        return self.query_one(SearchField)

    @property
    def preview(self) -> PostPreview:
        return self.query_one(PostPreview)

    @property
    def editor(self) -> PostEditor:
        """The editor, holding the open post's text (loaded on first use after opening)."""
        editor = self.query_one(PostEditor)
        if self._editor_pending is not None:
            text, self._editor_pending = self._editor_pending, None
            editor.load_text(text)
            editor.read_only = bool(self._read_only_reason())
        return editor

    def on_mount(self) -> None:
        try:
            self._mount_panes()
        except Exception as error:  # told, rather than a traceback as the app ends
            self.post_message(self.Failed(error))

    def _mount_panes(self) -> None:
        self.sub_title = printable(str(self.blog.root))
        self._lay_out_view(self.view)
        self.tag_sidebar.border_title = "Tags"
        self.post_list.border_title = "Posts"
        self.preview.border_title = "Preview"
        self.editor.border_title = "Editor"
        self.query_one(Contents).border_title = "Contents"
        self.search_field.border_title = "Search"
        self._show_order()  # the order remembered from the last session
        self.post_list.focus()
        if self._glimpse is not None and self._glimpse.order == self.order:
            self.blog.index.absorb(BlogIndex(self.blog.root, self._glimpse.posts))
            self.refresh_posts(stay_on_top=True)
        else:
            self._glimpse = None
            self.post_list.show([], READING)
        self._update_status()
        # Child processes, which start while the window is drawn: the parsers
        # of a first start and the survey of a next one. The watcher follows.
        self._start_workers()
        if self._watch:
            self.set_timer(WATCH_AT_LATEST, self._watch_soon)
        # After the first paint: the reading thread would otherwise hold the
        # interpreter while the window is being drawn.
        self.call_after_refresh(self._start_reading)

    @work(thread=True, group="workers", exit_on_error=False)
    def _start_workers(self) -> None:
        """On a first start of a large blog (no cache yet, many entries in its
        folder), the processes that will parse its posts start now, on the other
        cores, while the window is drawn, unless they started with the app; on
        a next start, the one that lists the files and compares them with the
        cache (see tui/blog/head_start.py), unless it started with the app."""
        started = survey = None
        try:
            root = self.blog.root
            # Started in a few milliseconds, unless the disk itself hangs: then
            # the reading would wait for it anyway.
            head = self._head_start.result() if self._head_start is not None else HeadStart()
            if head.readers:
                started = ParallelReader(root, 0, head.readers)
            else:
                survey = head.survey or next_start_survey(root)
                if survey is None and (workers := first_start_workers(root)):
                    started = ParallelReader(root, workers)
        finally:
            self._workers_started.set_result(started)
            self._survey_started.set_result(survey)

    def _start_reading(self) -> None:
        self.load_posts(asyncio.get_running_loop())

    def on_unmount(self) -> None:
        self._stop_watching.set()
        self._watching.set()  # a check after the reading that waits for it: it ends
        # Nothing is worth a traceback as the app ends: the next start reads.
        with contextlib.suppress(Exception):
            self._keep_glimpse_on_leaving()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed worker is told to the user, not raised."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                f"Something went wrong ({type(error).__name__}): {error}",
                title="Unexpected error",
                severity="error",
                markup=False,
                timeout=15,
            )

    # Loading and following the folder

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_posts(self, loop: asyncio.AbstractEventLoop) -> None:
        """Read every post in a thread; the list fills in as parts arrive.

        The thread indexes and sorts what it reads, and hands it over in
        parts, ever fewer as the blog proves large: the screen then only
        merges them, once each, instead of doing that work itself for every
        post while the thread waits for it.
        """
        worker = get_current_worker()
        site = self.blog.site
        cache = PostCache(self.blog.root, own=self.own_files, site_key=site.read_as)
        self._site_language = site.generator.default_language
        read: list[str] = []
        try:
            started = self._workers_started.result(timeout=WORKERS_WAIT)
            survey = self._survey_started.result(timeout=WORKERS_WAIT)
        except TimeoutError:
            started = survey = None  # they start when needed, or the files are listed here
            for late in (self._workers_started, self._survey_started):
                late.add_done_callback(_close_when_started)
        part = BlogIndex(self.blog.root)
        interval = FIRST_HANDOVER
        handover = time.monotonic() + interval
        with held_off():
            for found in self.blog.read_parts(cache=cache, started=started, survey=survey):
                if worker.is_cancelled:
                    return
                read += found.relatives()
                part.absorb(found)
                if time.monotonic() >= handover:
                    part.posts()  # sorted here, not on the screen's time
                    # Handed over without waiting for the screen to take it (as
                    # call_from_thread would): reading goes on while the list fills.
                    # The loop runs the parts, then _loading_done, in this order.
                    loop.call_soon_threadsafe(self._add_posts, part)
                    part = BlogIndex(self.blog.root)
                    interval = min(interval * HANDOVER_GROWTH, LONGEST_HANDOVER)
                    handover = time.monotonic() + interval
            part.posts()
        painted = threading.Event()

        def done() -> None:
            self._loading_done(part)
            self.call_after_refresh(painted.set)

        self.app.call_from_thread(done)
        # What is left (saving the cache, keeping the glimpse, listing the
        # files again) waits for the complete list to be on screen: at
        # 100,000 posts it held the interpreter for most of that paint.
        painted.wait(PAINT_WAIT)
        # A list restored from the cache makes its tags' sets now, before a
        # filter needs them (see BlogIndex.restore).
        self.blog.index.make_sets()
        cache.save()
        self._read_stamps = stamps = cache.stamps()
        if self._as_read is not None:
            order, newest_first, tags, unreadable = self._as_read
            self._keep_glimpse(order, newest_first, tags, stamps, unreadable)
        if self._watch:
            known: dict[str, Stamp | None] = dict.fromkeys(read)
            known.update(stamps)
            self._check_since_reading(known, loop)
        if not worker.is_cancelled:
            loop.call_soon_threadsafe(self.settled.set)

    def _keep_glimpse(
        self,
        order: Order,
        newest_first: list[Post],
        tags: list[TagCount],
        stamps: dict[str, Stamp],
        unreadable: list[str],
    ) -> None:
        """Keep the list's top and the tags for the next start to show at
        once (see tui/blog/glimpse.py)."""
        # Sorted with a searcher of its own: in the order by title, the
        # screen's would sort the whole blog again on its time.
        posts = Searcher().ordered(newest_first, order)
        save_glimpse(
            self.blog.root,
            order,
            posts,
            tags,
            stamps,
            unreadable,
            own=self.own_files,
            site_language=self._site_language,
        )

    def _keep_glimpse_on_leaving(self) -> None:
        """Keep the glimpse of the list as it is when the blog is closed, if
        it changed since the reading (a save, another program's change, the
        order): else the next start would have none to show."""
        if self._as_read is None or self._read_stamps is None:
            return  # not read to the end: the stamps of some posts are not known
        order, newest_first, _, _ = self._as_read
        index = self.blog.index
        posts = index.posts()
        if (posts is newest_first and self.order == order) or len(posts) > MOST_POSTS:
            return  # kept as it was read, or too large to keep
        # Each post's stamp from before it was read: its own if it was read
        # since (and a change after that read shows), else the reading's. A
        # post with neither leaves the stamps short, and no glimpse is kept.
        read = self._read_stamps
        stamps = {
            post.relative: current
            for post in posts
            if (current := post.stamp or read.get(post.relative)) is not None
        }
        tags = index.tag_counts()
        self._keep_glimpse(self.order, posts, tags, stamps, list(self.blog.unreadable))

    @work(thread=True, group="site", exit_on_error=False)
    def _name_site(self) -> None:
        """Name the site's generator and root in the header, in place of the
        folder. Finding them reads the site's config files (a fifth of a
        second, the first time), so in a thread, once the posts are read:
        reading them in this process found the site already."""
        title = site_title(self.blog.site, self.blog.root) or printable(str(self.blog.root))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(setattr, self, "sub_title", title)

    def _check_since_reading(
        self, known: dict[str, Stamp | None], loop: asyncio.AbstractEventLoop
    ) -> None:
        """Read again what changed between the reading and the watching.

        The folder is watched by a child process, which starts once the
        reading is over (or WATCH_AT_LATEST after the main screen) and is
        ready some time later (half a second at 100,000 posts): a file
        changed before it is ready would stay as it was read. Once it is ready, the files are listed
        again, and those whose stamp is not the one read are read again.
        """
        self._watching.wait(WATCH_WAIT)
        if get_current_worker().is_cancelled:
            return
        changed, gone = self.blog.changed_since(known, self._start_survey())
        if changed or gone:
            found, vanished = self.blog.refresh(changed)
            applied = self.apply_changes(found, gone + vanished)
            asyncio.run_coroutine_threadsafe(applied, loop).result()

    def _start_survey(self) -> Survey | None:
        """A child process that lists and stats the files, when there is
        another core for it: after the reading, to see what changed meanwhile."""
        if worker_count() < 2:
            return None
        try:
            return Survey(self.blog.root)
        except OSError:
            return None  # listed in this process, then

    def _select(self, path: Path) -> None:
        """Put the list's cursor on the post at ``path``, if it is listed."""
        post = self.blog.index.get(path)
        if post is not None:
            self.post_list.select_post(post)

    def _add_posts(self, part: BlogIndex) -> None:
        if not self.is_attached:
            return  # a part that arrived after the screen closed
        # The watcher runs while the blog loads: what it read is newer than
        # this reading, and what it saw deleted stays deleted.
        self.blog.index.absorb(part, unless_gone=self._gone_while_loading)
        self.refresh_posts(stay_on_top=True)

    def _loading_done(self, last_part: BlogIndex) -> None:
        self.loaded.set()  # first: an empty list then says the blog is empty, not loading
        self._watch_soon()
        self._name_site()
        self._add_posts(last_part)
        index = self.blog.index
        self._as_read = (self.order, index.posts(), index.tag_counts(), list(self.blog.unreadable))
        if self.blog.unreadable:
            folders = "\n".join(self.blog.unreadable[:5])
            more = len(self.blog.unreadable) - 5
            self.notify(
                f"Folders that could not be read:\n{folders}"
                + (f"\n…and {more} more" if more > 0 else ""),
                severity="warning",
                markup=False,
                timeout=15,
            )
        # Where the reader left off, chosen before the list's cursor moves
        # are handled: the newest post's would open otherwise.
        last = self.session.last_read(self.blog.root)
        if self.document is None and last is not None:
            self._select(self.blog.root / last)  # where the reader left off
        path = self.post_list.highlighted_path
        if self.document is None and path is not None:
            self._open_quietly(path)
        self.offer_recovered()

    def _watch_soon(self) -> None:
        """Start the watcher, once the reading is over or WATCH_AT_LATEST has
        passed, whichever comes first.

        Its child takes 0.15 s of a core to start, which a first start's
        workers need: a 10,000-post first start was listed 0.17 s sooner
        without it. What changes meanwhile is read again by the check after
        the reading (`_check_since_reading`), which waits for the watcher.
        """
        if self._watch and not self._watch_started:
            self._watch_started = True
            self.watch_folder()

    @work(exclusive=True, group="watch", exit_on_error=False)
    async def watch_folder(self) -> None:
        """Follow changes made to the folder by other programs."""
        await following.follow(self, self._stop_watching, self._watching.set)

    async def apply_changes(self, found: list[Post], gone: list[Path]) -> None:
        """Bring the index and the panes up to date with posts read again or gone."""
        self.batches_applied += 1
        if not self.loaded.is_set():
            self._gone_while_loading.update(gone)
        if self._gone_while_loading:  # hashing the paths of a burst's posts is not free
            self._gone_while_loading.difference_update(post.path for post in found)
        index = self.blog.index
        # The site, read again if its config changed (see Blog.refresh), may name another language.
        self._site_language = self.blog.site.generator.default_language
        highlighted = self.post_list.highlighted_path
        removed = index.remove_all(gone)  # a folder: every post that was under it
        for post in found:
            index.add(post)
        moves = moved(removed, found)
        document = self.document
        if document is not None and document.path in moves:
            # Renamed or moved by another program: the buffer follows the file.
            new_path = moves[document.path]
            self.document = PostText(new_path, document.raw, document.decoded)
            self.keeper.moved(document.path)
            self._update_status()
        self.refresh_posts()
        if self.blog.site_changed:  # a config file: the header names the site anew
            self.blog.site_changed = False
            self._name_site()
        if highlighted in moves:
            self._select(moves[highlighted])
        document = self.document
        if document is not None and following.concerns(document.path, found, gone):
            await self._open_post_changed_on_disk(document)
        self.synced.set()

    async def _open_post_changed_on_disk(self, document: PostText) -> None:
        try:
            fresh = await asyncio.to_thread(self.blog.open, document.path)
        except BlogError:
            fresh = None
        if self.document is not document:
            return  # another post was opened meanwhile
        if fresh is None:
            self.deleted_on_disk = True
            self._update_status()
            self.notify(
                f"{printable(document.path.name)} was deleted on disk. "
                "The text stays here: ctrl+s writes it back.",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        self.deleted_on_disk = False
        if fresh.raw == document.raw:
            self._update_status()
            return  # our own save, or a touch: nothing to reload
        if self.modified:
            self._resolve_conflict()
            return
        await self._reload_in_place(fresh)

    async def _reload_in_place(self, fresh: PostText) -> None:
        """Show the file's new text, keeping the cursor, selection and scroll."""
        editor = self.editor
        selection, scroll = editor.selection, editor.scroll_offset
        await self._show_document(fresh)
        editor.selection = selection
        editor.scroll_to(scroll.x, scroll.y, animate=False)

    @work(exclusive=True, group="conflict", exit_on_error=False)
    async def _resolve_conflict(self) -> None:
        """Ask, once, whether to keep the unsaved text or take the file's."""
        await self._settle_conflict()

    async def _settle_conflict(self) -> str | None:
        """Ask whether to keep the unsaved text or take the file's, and do it;
        the choice (None: already asking, or the file went)."""
        if any(isinstance(screen, ConflictScreen) for screen in self.app.screen_stack):
            return None  # already asking; the answer reads the file as it is then
        document = self.document
        if document is None:
            return None
        try:
            theirs = await asyncio.to_thread(self.blog.open, document.path)
        except BlogError:
            return None
        question = ConflictScreen(self._relative(document.path), self.editor.text, theirs.text)
        self.asked.set()
        choice = await self.app.push_screen_wait(question)
        if self.document is not document:
            return None
        try:
            theirs = await asyncio.to_thread(self.blog.open, document.path)
        except BlogError:
            return None  # gone meanwhile: the watcher says so
        if choice == "theirs":
            await self._reload_in_place(theirs)
            self.keeper.drop()
            return choice
        # Keep mine: the file's text is now what the buffer is compared with,
        # so the next save writes over it without asking again.
        self.document = theirs
        self._baseline = theirs.text
        self._set_modified(self.editor.text != self._baseline)
        return choice

    # What the panes show

    def refresh_posts(self, stay_on_top: bool = False) -> None:
        """Show the posts with every selected tag that match the search, in the
        chosen order, and the tags left among them.

        With ``stay_on_top`` (while loading), a cursor on the first post stays
        there as newer posts arrive. Titles and tags are searched here; bodies
        in a thread, whose results replace these when they come.
        """
        posts = self.searcher.ordered(self.blog.index.filter(self.selected_tags), self.order)
        query = self.search_query
        if not query.is_empty:
            searcher = self.searcher
            some_pages = pages_at_end(posts) > 0
            # Once the bodies' words are known, found at once: the list
            # changes once, instead of twice and a thread later.
            found = searcher.at_once(posts, query, most=BODIES_HERE)
            if found is not None:
                posts = found
            else:
                in_title, rest = searcher.titles_first(posts, query)
                posts = in_title + [post for post in rest if searcher.in_headings(post, query)]
                if query.words and rest:
                    self._search_bodies(query, in_title, rest, stay_on_top)
            if some_pages:  # found, but still after the posts
                posts = pages_last(posts)
        self._show_posts(posts, stay_on_top)

    def _show_posts(self, posts: list[Post], stay_on_top: bool) -> None:
        """Show ``posts`` (the pages last), or only their pages when the
        sidebar's "Pages" is chosen, and the tags left among those shown."""
        index = self.blog.index
        query = self.search_query
        total = len(posts)
        pages = pages_at_end(posts)
        if self.pages_only:
            posts = posts[total - pages :]
        glimpsed = self._glimpse is not None and not self.loaded.is_set()
        if self._glimpse is not None and glimpsed:
            # As the start screen showed them, until the whole blog is read.
            main = self._glimpse.main_language
            languages = sum(tag.is_language for tag in self._glimpse.tags)
        else:
            main = index.main_language(self._site_language)  # kept by the index till a change
            languages = len(index.languages())
        self.preview.set_main_language(main)
        self.post_list.show(
            posts,
            self._empty_message(),
            stay_on_top=stay_on_top,
            words=query.words,
            main_language=main,
        )
        self.post_list.mark_unsaved(self.document.path if self.modified and self.document else None)
        narrowed = bool(self.selected_tags) or not query.is_empty or self.pages_only
        if self._glimpse is not None and not narrowed and glimpsed:
            # The whole blog's tags, as the start screen showed them: those
            # of the posts read so far would be fewer.
            tags = self._glimpse.tags
            if languages < 2:
                tags = [tag for tag in tags if not tag.is_language]
            self.tag_sidebar.show(self._glimpse.total, tags, ())
            return
        counts = index.tag_counts(posts if narrowed else None)
        if languages < 2:  # a blog in one language: nothing to choose between
            counts = [tag for tag in counts if not tag.is_language]
        shown = {tag.key for tag in counts}
        counts += [
            TagCount(key, index.tag_name(key), 0) for key in self.selected_tags if key not in shown
        ]
        self.tag_sidebar.show(total, counts, self.selected_tags, pages, self.pages_only)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_bodies(
        self, query: Query, in_title: list[Post], rest: list[Post], stay_on_top: bool
    ) -> None:
        found = pages_last(in_title + self.searcher.elsewhere(rest, query))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_found, query, found, stay_on_top)

    def _show_found(self, query: Query, posts: list[Post], stay_on_top: bool) -> None:
        if query == self.search_query:  # not a search typed over since
            self._show_posts(posts, stay_on_top)

    def _empty_message(self) -> str:
        if len(self.blog.index):
            if not self.search_query.is_empty:
                return NO_MATCH
            if self.pages_only:
                return EMPTY_PAGES if self.selected_tags else NO_PAGES
            return EMPTY_FILTER
        return EMPTY_BLOG if self.loaded.is_set() else READING

    def watch_selected_tags(self) -> None:
        if self.is_mounted:
            self.refresh_posts()

    def watch_pages_only(self) -> None:
        if self.is_mounted:
            self.refresh_posts()

    def watch_view(self, old: View, new: View) -> None:
        self._lay_out_view(new)
        if new == "edit" and self.preview.has_focus_within:
            self.editor.focus()
        elif new == "read" and self.editor.has_focus:
            self.preview.focus()
        # Back from the editor: the preview shows what it holds, saved or not.
        showing = self.preview.markdown
        if new != "edit" and self.document and showing != self._body_of(self.editor.text):
            self._schedule_preview(0)

    def _lay_out_view(self, view: View) -> None:
        # Inline styles on the panes, not a class on the screen: a class makes
        # Textual apply the stylesheet again to every widget below it, and a
        # 200 KB post's preview has over a thousand (4 s for a key press).
        self.query_one(PostEditor).display = view != "read"  # not loaded for it
        self.preview.display = view != "edit"
        self.query_one("#list-pane").styles.width = None if view == "read" else 36
        self.query_one("#post").styles.width = None if view == "read" else "1fr"

    def _update_status(self) -> None:
        document = self.document
        if document is None:
            status = NO_POST
        else:
            parts: list[str | tuple[str, str]] = [
                (printable(self._relative(document.path)), "bold")
            ]
            if self.deleted_on_disk:
                parts.append(("  deleted on disk (ctrl+s writes it back)", "$text-error"))
            if self.modified:
                parts.append(("  ● unsaved changes (ctrl+s saves)", "$text-warning"))
            if self._read_only_reason():
                parts.append((f"  read-only: {printable(self._read_only_reason())}", "$text-error"))
            elif (post := self.blog.index.get(document.path)) and post.problems:
                parts.append((f"  ⚠ {printable(post.problems[0])}", "$text-error"))
            status = Content.assemble(*parts)
        # One line whatever it says: no layout, which would take the whole
        # open post along (seconds' worth of blocks in a long one).
        self.query_one("#status", Static).update(status, layout=False)

    def _relative(self, path: Path) -> str:
        if path.is_relative_to(self.blog.root):
            return path.relative_to(self.blog.root).as_posix()
        return str(path)

    def _read_only_reason(self) -> str:
        if self.document is None:
            return ""
        if self.document.decoded.read_only_reason:
            return self.document.decoded.read_only_reason
        character = odd_line_break(self.document.text)
        if character:
            return (
                f"it contains {character!r}, which the editor would turn into a line "
                "break; edit it in another editor"
            )
        character = unsafe_character(self.document.text)
        if character:
            return (
                f"it contains {printable(character)}, a control character the terminal "
                "would act on; it is shown as a symbol here, edit it in another editor"
            )
        return ""

    # The open post

    @on(PostList.Highlighted)
    def _post_highlighted(self, event: PostList.Highlighted) -> None:
        if self.document is not None and event.path == self.document.path:
            return
        if self.modified:
            return  # the unsaved post stays open until the user chooses
        if isinstance(self.focused, PostEditor) and self.document is not None:
            # The list moved under the writer (a save took the post out of
            # the filter, another program changed the folder): the post being
            # written stays, or what is typed next would go into another.
            return
        if not self.loaded.is_set() and self.document is None:
            return  # while newer posts keep arriving on top; opened once all are read
        if self._open_timer is not None:
            self._open_timer.stop()
        path = event.path
        self._open_timer = self.set_timer(OPEN_DELAY, lambda: self._open_if_highlighted(path))

    def _open_if_highlighted(self, path: Path) -> None:
        # The cursor can move on without starting another wait (back onto the
        # open post, j then k): only the post still under it opens.
        if self.post_list.highlighted_path == path:
            self._open_quietly(path)

    def _open_quietly(self, path: Path) -> None:
        if not self.modified and (self.document is None or self.document.path != path):
            self._open_in_turn(path)

    # The workers below are methods with @work, not coroutines given to
    # run_worker: a worker cancelled before it starts (the next key's replaces
    # it) would leave its coroutine never awaited, which Python reports on the
    # terminal once the app has ended.

    @work(group="open", exclusive=True, exit_on_error=False)
    async def _open_in_turn(self, path: Path) -> None:
        """Open ``path``; a post chosen after it, before it shows, wins."""
        await self.open_post(path)

    async def open_post(self, path: Path) -> bool:
        """Read ``path`` and show it in the preview and the editor."""
        self.post_message(self.Showing())
        try:
            document = await asyncio.to_thread(self.blog.open, path)
        except BlogError as error:
            self.notify(error.message, severity="error", markup=False)
            if not self.modified:  # the post before would be taken for this one
                self._close_document()
                self.preview.show_post(self.blog.index.get(path))
            return False
        await self._show_document(document)
        relative = self._relative(path)
        await asyncio.to_thread(self.session.read, self.blog.root, relative)
        return True

    async def _show_document(self, document: PostText) -> None:
        self.post_message(self.Showing())
        if self._open_timer is not None:
            self._open_timer.stop()  # a post chosen explicitly wins over the list's cursor
        if self.document is not None:
            self._positions[self.document.path] = self.preview.scroll_y
        # Never the raw text when it holds escape sequences: the editor would
        # hand them to the terminal. Such a post is read-only (see above), and
        # so is one with a line too long to lay out at each key: cut short.
        text = bounded_lines(printable_text(document.text))
        self.document = document
        self.deleted_on_disk = False
        self._baseline = Document(text).text  # what the editor will hold: one newline style
        # The editor loads the text when first used: reading a long post,
        # parsing it for highlighting would delay the preview's first screen.
        self._editor_pending = text
        self._set_modified(False)
        # Why a post is read-only is on the status line, and said again on "e".
        self.preview.show_post(self.blog.index.get(document.path))
        # The post is shown with its first screenful; the rest follows in a worker.
        body = self._body_of(document.text)
        await self.preview.show_body(body)
        self._render_rest(body)
        self.shown.set()
        if self.view == "read":
            self.call_after_refresh(self._load_editor)  # once the first screen is painted
        else:
            self._load_editor()  # on screen: now

    def _load_editor(self) -> None:
        """Give the editor the open post's text, if it does not hold it yet."""
        _ = self.editor

    def _close_document(self) -> None:
        self.document = None
        self.deleted_on_disk = False
        self._baseline = ""
        self._editor_pending = None
        self.editor.load_text("")
        self.editor.read_only = True
        self._set_modified(False)
        self.preview.show_post(None)
        self._show_no_body()

    def _body_of(self, text: str) -> str:
        """The part of ``text`` the preview shows (after the front matter, as
        the site's generator finds it), with control characters made visible
        and lines too long to lay out cut short."""
        start = self.blog.site.generator.body_start(text)
        body = text[start:]
        if self.document is not None and self.document.path.suffix.lower() == ".mdx":
            from tui.blog.mdx import as_markdown

            body = as_markdown(body)
        return bounded_lines(printable_text(body))

    @work(group="preview", exclusive=True, exit_on_error=False)
    async def _show_no_body(self) -> None:
        await self.preview.show_body("")

    @work(group="preview", exclusive=True, exit_on_error=False)
    async def _render_edit(self, text: str) -> None:
        """Show the editor's text in the preview, rebuilding only the blocks that changed."""
        await self.preview.update_body(self._body_of(text))
        self.previewed.set()

    @work(group="preview", exclusive=True, exit_on_error=False)
    async def _render_rest(self, body: str) -> None:
        await self.preview.show_rest(body)
        contents = self.query_one(Contents)
        if contents.display:
            contents.show(self.preview.headings())
        if self.document is not None:  # back where the reader stopped, this session
            self.preview.scroll_to(y=self._positions.get(self.document.path, 0), animate=False)
        self.post_message(self.Showing())  # done: the idle time counts from here
        self.previewed.set()

    @on(Markdown.LinkClicked)
    def _link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Web links open in the browser once the address is seen; links to other
        posts open them here; nothing else is followed (file:, javascript:...)."""
        href = event.href
        if is_web_link(href):
            self._open_in_browser(href)
            return
        if is_foreign_link(href):
            self.notify(
                f"Not followed: {printable(href)} (only http, https and mailto links open)",
                severity="warning",
                markup=False,
            )
            return
        source = self.document.path if self.document else self.blog.root / "index.md"
        post = resolve_link(self.blog.index, self.blog.root, source, href)
        if post is None:
            self.notify(f"No post at {printable(href)}", severity="warning", markup=False)
            return
        self.post_list.select_post(post)
        self._read(post.path)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def _open_in_browser(self, href: str) -> None:
        question = Content.assemble(
            "Open this address in the browser?\n\n", (printable(href), "bold $text-accent")
        )
        if await self.app.push_screen_wait(ConfirmScreen(question, yes="Open")):
            self.app.open_url(href)

    def current_post(self) -> Post | None:
        """The index's entry for the open post."""
        return self.blog.index.get(self.document.path) if self.document else None

    def replace_editor_text(self, text: str) -> None:
        """Put ``text`` in the editor by replacing only the lines that differ (undo works)."""
        # As when a post opens: the editor would hand escape sequences to the
        # terminal, and a recovery copy on disk can hold anything.
        text = printable_text(text)
        old = self.editor.text
        old_lines, new_lines = old.splitlines(keepends=True), text.splitlines(keepends=True)
        same_start, same_end = agreement(old_lines, new_lines)
        start = sum(map(len, old_lines[:same_start]))
        end = len(old) - sum(map(len, old_lines[len(old_lines) - same_end :]))
        middle = "".join(new_lines[same_start : len(new_lines) - same_end])
        document = self.editor.document
        assert isinstance(document, Document)
        self.editor.replace(
            middle, document.get_location_from_index(start), document.get_location_from_index(end)
        )

    def _set_modified(self, modified: bool) -> None:
        self.modified = modified
        path = self.document.path if modified and self.document else None
        self.post_list.mark_unsaved(path)
        self._update_status()

    @on(TextArea.Changed, "#editor")
    def _editor_changed(self, event: TextArea.Changed) -> None:
        if self.document is None:
            return
        modified = self.editor.text != self._baseline
        if modified != self.modified:
            self._set_modified(modified)
        if modified:
            self.keeper.typed()
        else:
            self.keeper.drop()  # typed back to the file's text
        if self.view == "split":
            self._schedule_preview(PREVIEW_DELAY)

    # Recovery copies of unsaved text

    @work(exclusive=True, group="recovered", exit_on_error=False)
    async def offer_recovered(self) -> None:
        """Offer the text that sessions which did not end well left unsaved."""
        recovery = self.keeper.recovery
        pending = await asyncio.to_thread(recovery.pending, self.blog.root)
        for number, recovered in enumerate(pending):
            if self.modified:
                left = len(pending) - number
                self.notify(f"{left} more recovered text(s) will be offered at the next start.")
                return
            try:
                on_disk: str | None = (await asyncio.to_thread(self.blog.open, recovered.post)).text
            except BlogError:
                on_disk = None
            answer = await self.app.push_screen_wait(
                RecoveredScreen(
                    self._relative(recovered.post), recovered.written, recovered.text, on_disk
                )
            )
            if answer == "discard":
                await asyncio.to_thread(recovery.remove, recovered.post)
            elif answer == "restore":
                await self._restore(recovered.post, recovered.text, exists=on_disk is not None)

    async def _restore(self, path: Path, text: str, exists: bool) -> None:
        if exists:
            if not await self.open_post(path):
                return
        else:
            await self._show_document(PostText(path, b"", decode(b"")))
            self.deleted_on_disk = True
        self._select(path)
        self.replace_editor_text(text)  # the file's text stays one undo away
        self.keeper.written = path  # the copy now belongs to this buffer
        if self.view == "read":
            self.view = "edit"
        self.editor.focus()
        self._update_status()

    def _schedule_preview(self, delay: float) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        if delay <= 0:
            # Not a timer of 0 s: Textual's timer divides by its interval
            # when the loop runs late, and the error ends the app.
            self.call_later(self._preview_editor_text)
            return
        self._preview_timer = self.set_timer(delay, self._preview_editor_text)

    def _preview_editor_text(self) -> None:
        document = self.document
        if document is None:
            return
        text = self.editor.text
        known = self.blog.index.get(document.path)
        post = parse_post(
            text.encode("utf-8"),
            document.path,
            self._relative(document.path),
            known.mtime_ns if known else 0,
            len(text),
            self.blog.site,  # read as the list reads it: by the site's rules
        )
        self.preview.show_post(post)
        self._render_edit(text)

    # Actions: each is a key, a command in the palette and a line of the help

    def action_focus_list(self) -> None:
        """Back to the post list; unsaved text stays in the editor."""
        self.post_list.focus()

    def action_focus_tags(self) -> None:
        self.tag_sidebar.focus()

    def action_clear_tags(self) -> None:
        self.selected_tags = frozenset()
        self.pages_only = False

    def action_cycle_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]

    # Finding and reading

    def action_search(self) -> None:
        """Search titles, tags and bodies; the list narrows as you type."""
        self.search_field.display = True  # not a class on the screen: see _lay_out_view
        self.search_field.focus()
        self._read_bodies()

    @work(thread=True, exclusive=True, group="bodies", exit_on_error=False)
    def _read_bodies(self) -> None:
        """Read the words of every body while the first word is typed: a few
        seconds on a large blog."""
        worker = get_current_worker()
        posts = list(self.blog.index.posts())
        for post in posts:
            if worker.is_cancelled:
                return
            self.searcher.learn(post)
        self.searcher.learned(posts)

    def action_close_search(self) -> None:
        """Clear the search and go back to the list."""
        self.search_field.value = ""
        self.search_field.display = False
        self.post_list.focus()

    @on(SearchField.Typed)
    def _search_changed(self, event: SearchField.Typed) -> None:
        self.search_query = parse_query(event.value)
        self.refresh_posts()
        # The open post's matches once typing pauses: marking its blocks,
        # and drawing them again, held each key's list back by as long as
        # the search itself took.
        if self._mark_timer is not None:
            self._mark_timer.stop()
        self._mark_timer = self.set_timer(MARK_DELAY, self._mark_preview)

    def _mark_preview(self) -> None:
        self._mark_timer = None
        self.preview.mark(self.search_query.words)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.post_list.focus()

    def action_cycle_order(self) -> None:
        """Sort the list newest first, oldest first, by title or by last change."""
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]

    def watch_order(self, order: Order) -> None:
        self._show_order()
        if self.is_mounted:
            self.refresh_posts()
            self.notify(f"Posts sorted {ORDER_NAMES[order]}", timeout=2)
            self.run_worker(asyncio.to_thread(self.session.remember_order, order))

    def _show_order(self) -> None:
        order = self.order
        self.post_list.border_subtitle = "" if order == "newest" else ORDER_NAMES[order]

    def action_next_post(self) -> None:
        """Show the next post in the list, staying where you are."""
        self._step(1)

    def action_previous_post(self) -> None:
        """Show the previous post in the list, staying where you are."""
        self._step(-1)

    def _step(self, by: int) -> None:
        post_list = self.post_list
        if post_list.highlighted is None:
            return
        post = post_list.post_at(post_list.highlighted + by)
        if post is not None:
            post_list.highlighted += by
            self._go_to(post.path)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def _go_to(self, path: Path) -> None:
        await self.switch_to(path, "open another post")

    def action_toggle_contents(self) -> None:
        """Show or hide the open post's headings; choosing one scrolls there."""
        contents = self.query_one(Contents)
        if contents.display:
            contents.display = False
            if contents.has_focus:
                self.preview.focus()
            return
        if self.view == "edit":
            self.view = "read"
        contents.show(self.preview.headings())
        contents.display = True
        contents.focus()

    @on(Contents.Chosen)
    def _heading_chosen(self, event: Contents.Chosen) -> None:
        self.preview.go_to_heading(event.heading_id)

    @on(TagSidebar.Toggled)
    def _tag_toggled(self, event: TagSidebar.Toggled) -> None:
        if event.key is None:
            self.action_clear_tags()  # "All posts"
        else:
            self.toggle_tag(event.key)

    @on(TagSidebar.PagesToggled)
    def _pages_toggled(self) -> None:
        self.pages_only = not self.pages_only

    def toggle_tag(self, key: str) -> None:
        """Add the tag to the filter, or take it out."""
        self.selected_tags = self.selected_tags ^ {key}

    def target_path(self) -> Path | None:
        """The post an action applies to: the list's cursor, else the open post."""
        if self.post_list.has_focus and self.post_list.highlighted_path is not None:
            return self.post_list.highlighted_path
        if self.document is not None:
            return self.document.path
        return self.post_list.highlighted_path

    async def switch_to(self, path: Path, doing: str) -> bool:
        """Make ``path`` the open post, asking first if that drops unsaved text."""
        if self.document is not None and self.document.path == path:
            return True
        if not await self.confirm_leave(doing):
            if self.document is not None:
                self._select(self.document.path)
            return False
        return await self.open_post(path)

    @on(PostList.Opened)
    def _post_chosen(self, event: PostList.Opened) -> None:
        self._read(event.path)

    def action_read(self) -> None:
        """Read the post: show it rendered and focus the preview."""
        path = self.target_path()
        if path is not None:
            self._read(path)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def _read(self, path: Path) -> None:
        if not await self.switch_to(path, "open another post"):
            return
        if self.view == "edit":
            self.view = "read"
        self.preview.focus()

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_edit(self) -> None:
        """Edit the post (the whole file) in the editor."""
        path = self.target_path()
        if path is None or not await self.switch_to(path, "open another post"):
            return
        if self.view == "read":
            self.view = "edit"
        self.editor.focus()
        if self.editor.read_only:
            self.notify(f"Read-only: {self._read_only_reason()}", severity="warning", markup=False)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_open_external(self) -> None:
        """Open the post in $VISUAL or $EDITOR, then read it again."""
        path = self.target_path()
        if path is None:
            return
        is_open = self.document is not None and self.document.path == path
        # The other editor must see the text as it is on disk: ask first.
        if not await self.confirm_leave("open it in another editor" if is_open else "go on"):
            return
        line = self.editor.cursor_location[0] + 1 if is_open else None
        try:
            settings = {"VISUAL": self.config.editor} if self.config.editor else None
            command = editor_command(path, line, settings)
        except BlogError as error:
            self.notify(error.message, severity="warning", markup=False)
            return
        ran, problem = await external.run_editor(self.app, command)
        if problem is not None:
            self.notify(problem, severity="error", markup=False, timeout=10)
        if not ran:
            return
        found, gone = await asyncio.to_thread(self.blog.refresh, [path])
        await self.apply_changes(found, gone)
        if found and not is_open:
            await self.switch_to(path, "open it")

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_add_tag(self) -> None:
        """Add a tag to the post, in its own front-matter style."""
        await metadata_flows.add_tag_flow(self)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_remove_tag(self) -> None:
        """Remove one of the post's tags or categories."""
        await metadata_flows.remove_tag_flow(self)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_change_title(self) -> None:
        await metadata_flows.change_title_flow(self)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_toggle_draft(self) -> None:
        await metadata_flows.toggle_draft_flow(self)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_rename_tag(self) -> None:
        """Rename or merge the sidebar's tag in every post that has it."""
        key = self.tag_sidebar.highlighted_key
        if key is None:
            self.notify("Put the tag sidebar's cursor on a tag first (t).", severity="warning")
            return
        if key.startswith(LANGUAGE_PREFIX):
            self.notify(
                "A language is not renamed here: it is the posts' lang: or their files' names.",
                severity="warning",
            )
            return
        await metadata_flows.rename_tag_flow(self, key)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_save(self) -> None:
        await self.save_current()

    async def save_current(self) -> bool:
        """Save the open post atomically. True when the file on disk holds the text."""
        document = self.document
        if document is None:
            self.notify("No post is open.", severity="warning")
            return False
        if self.editor.read_only:
            self.notify(f"Cannot save: {self._read_only_reason()}", severity="error", markup=False)
            return False
        text = self.editor.text
        on_disk = await asyncio.to_thread(document.path.exists)
        if text == self._baseline and on_disk:
            self.notify("No changes to save.")
            return True
        confirmed: set[str] = set()  # the kinds of question answered "write"
        while True:
            # Unchanged text is saved as the file's own text, with its own newlines.
            to_save = document.text if text == self._baseline else text
            try:
                saved, post = await asyncio.to_thread(
                    self.blog.save, document, to_save, frozenset(confirmed)
                )
                break
            except NeedsConfirmation as question:
                asked = ConfirmScreen(question.message, yes="Write")
                if not await self.app.push_screen_wait(asked):
                    self.notify("Not saved.", severity="warning")
                    return False
                confirmed.add(question.kind)
            except ChangedOnDisk as changed:
                # Written by another program before the watcher said so: asked now.
                choice = await self._settle_conflict()
                if choice != "mine" or self.document is None:
                    if choice is None:
                        self.notify(changed.message, severity="warning", markup=False)
                    return choice == "theirs"
                document = self.document  # the file's text, for "mine" to be written over
            except BlogError as error:
                self.notify(error.message, severity="error", markup=False, timeout=10)
                return False
        if self.document is not document:
            return True
        self.blog.index.add(post)
        self.document = saved
        if self.editor.text == text:
            self.keeper.drop()
        came_back = self.deleted_on_disk
        self.deleted_on_disk = False
        self._baseline = text
        self._set_modified(self.editor.text != text)
        self.refresh_posts()
        if came_back:
            self._select(saved.path)  # listed again, under the cursor
        self.preview.show_post(post)
        self.notify(f"Saved {printable(saved.path.name)}", markup=False)
        return True

    async def confirm_leave(self, doing: str) -> bool:
        """Ask before unsaved text would be dropped. True when it is safe to go on."""
        if not self.modified or self.document is None:
            return True
        choice = await self.app.push_screen_wait(
            UnsavedScreen(self._relative(self.document.path), doing)
        )
        if choice == "save":
            return await self.save_current()
        if choice == "discard":
            self.editor.load_text(self._baseline)
            self._set_modified(False)
            self.keeper.drop()
            if self.view != "edit":
                self._schedule_preview(0)
            return True
        return False

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_new_post(self) -> None:
        """Ask for a title, create a draft and open it in the editor."""
        if not await self.confirm_leave("write a new post"):
            return
        title = await self.app.push_screen_wait(NewPostScreen())
        if title is None:
            return
        posts = list(self.blog.index.posts())
        try:
            # The site is found in the thread too: the first time, it reads the config.
            convention = await asyncio.to_thread(lambda: detect(posts, self.blog.site))
            post, body_line = await asyncio.to_thread(
                self.blog.new_post, title, convention=convention, template=self.config.template
            )
        except BlogError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.blog.index.add(post)
        if not post.tag_keys >= self.selected_tags:
            self.selected_tags = frozenset()  # a new post has no tags: show it
        if self.pages_only and not is_page_key(post.sort_key):
            self.pages_only = False
        self.refresh_posts()
        self.post_list.select_post(post)
        if not await self.open_post(post.path):
            return
        if self.view == "read":
            self.view = "edit"
        self.editor.cursor_location = (body_line, 0)
        self.editor.focus()
        self.notify(f"Created {printable(post.relative)}", markup=False)
        if convention.warning:
            self.notify(convention.warning, severity="warning", markup=False, timeout=10)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def action_delete(self) -> None:
        """Delete the post under the list's cursor, after asking."""
        path = self.post_list.highlighted_path
        post = self.blog.index.get(path) if path else None
        if path is None or post is None:
            return
        title = (printable(post.title), "bold")
        question: list[str | tuple[str, str]] = [
            "Delete ",
            title,
            f"?\nThe file {printable(post.relative)}",
            "\ngoes to the trash, where it can be taken back.",
        ]
        if self.modified and self.document is not None and self.document.path == path:
            question.append(("\nIts unsaved changes will be lost too.", "$text-warning"))
        if not await self.app.push_screen_wait(
            ConfirmScreen(Content.assemble(*question), yes="Delete")
        ):
            return
        try:
            try:
                trash = await asyncio.to_thread(self.blog.delete, path)
                done = f"Moved {printable(post.relative)} to the trash"
                done += f" ({printable(shown(trash))})" if trash else ": it was gone already"
            except NoTrash as error:  # only here is "for ever" asked
                for_ever = Content.assemble(
                    printable(error.message), "\nDelete ", title, " for ever?"
                )
                if not await self.app.push_screen_wait(ConfirmScreen(for_ever, yes="Delete")):
                    return
                await asyncio.to_thread(self.blog.remove, path)
                done = f"Deleted {printable(post.relative)} for ever"
        except BlogError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.blog.index.remove(path)
        if self.document is not None and self.document.path == path:
            self._close_document()
        self.refresh_posts()
        self.notify(done, markup=False)
