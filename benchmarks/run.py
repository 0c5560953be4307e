"""Measure blog-tui against baselines measured in the same run; write BENCHMARKS.md.

    python benchmarks/run.py --posts 10000 [--runs 3]

Screen figures run the real `blog` in tmux and time what a person sees;
the others run inside the process. Every figure is the median of --runs
(of FIRST_PAINTS first paints, FIRST_STARTS first starts, FILTER_RUNS
filters and EDIT_RUNS edits at least).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import datetime as dt
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import frontmatter

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.first_frame import EMPTY_APP, count  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from benchmarks.terminal import on_screen  # noqa: E402

if TYPE_CHECKING:
    from textual.pilot import Pilot
    from textual.widget import Widget

    from tui.blog.post import Post
    from tui.screens.main import MainScreen


@dataclass
class Row:
    what: str
    figure: float | None
    baseline: float | None
    baseline_name: str
    target: str
    met: bool | None
    unit: str = "s"

    @property
    def ratio(self) -> str:
        if self.figure is None or not self.baseline:
            return "-"
        return f"{self.figure / self.baseline:.2f}x"


def paint_row(what: str, painted: float, empty: float) -> Row:
    """A first paint beside the empty Textual app's, against the issue's target."""
    return Row(what, painted, empty, "empty Textual app", "≤ 1.2x", painted <= 1.2 * empty)


def work_row(what: str, counted: int, empty: int) -> Row:
    """A first paint's instructions beside the empty app's (0: not counted)."""
    return Row(
        f"{what}: instructions to the first frame (callgrind)",
        counted or None,
        empty or None,
        "empty Textual app",
        "-",
        None,
        "instructions",
    )


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


# In the terminal, with tmux (benchmarks/terminal.py)


FIRST_PAINTS = 61
"""First paints timed for their median, each beside the empty app's: each
takes under a second, and the empty app's own went from 0.20 to 0.49 s in
forty starts on a machine of two cores (one round's ratio, from 0.72x to
1.67x). Medians of 21 gave the same code 1.06x to 1.35x the empty app's
from one run to the next; of 61, 1.12x to 1.15x."""
FIRST_STARTS = 5
"""Rounds of first starts (each with its bare loop), for their medians: five
of the same code, in one sitting, went from 1.08x to 1.32x the loop."""


def first_paint(blog: str, cache: Path | None) -> tuple[float, float]:
    """The empty app's first paint, then that of ``blog``: the window with its
    panes, at a first start (``cache`` removed) or, with no ``cache`` given, a
    next start (with the glimpse of the list, if its files are unchanged)."""
    empty = on_screen(empty_app_command(), "ready")[0]
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
    return empty, on_screen(blog, "Posts")[0]


# Inside the process


def read_and_parse(folder: Path) -> float:
    """The cost of the work itself: read every file and parse it with frontmatter.loads."""
    start = time.perf_counter()
    for path in folder.iterdir():
        frontmatter.loads(path.read_text("utf-8"))
    return time.perf_counter() - start


def pressed(screen: MainScreen) -> None:
    """What a key does before its action, for actions timed without one: the
    app notes the user's activity (no full collection then, see
    tui/idle_collector.py), as it does at every key."""
    from tui.app import BlogApp

    app = screen.app
    assert isinstance(app, BlogApp)
    app.collector.active()


FILTER_RUNS = 9
"""Filters timed for the median: each takes milliseconds, and of three, one
slow moment of the machine could decide."""
EDIT_RUNS = 9
"""One-character edits timed for the median, for the same reason: the same
code gave 31 to 107 ms as the median of three."""


class Paints:
    """Until Textual's paint that draws every one of some panes (what it paints
    then is what changed; the headless app makes the lines without writing them)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.waiting: set[Widget] = set()
        self.painted = asyncio.Event()
        self._paint = screen._compositor_refresh

    def __enter__(self) -> Paints:
        self.screen._compositor_refresh = self._painting  # type: ignore[method-assign]
        return self

    def __exit__(self, *_: object) -> None:
        del self.screen._compositor_refresh

    def _painting(self) -> None:
        dirty = self.screen._dirty_widgets  # cleared by the paint
        drawn = set(self.waiting) if self.screen in dirty else self.waiting & dirty
        self._paint()
        self.waiting.difference_update(drawn)
        if not self.waiting:
            self.painted.set()

    def expect(self, *panes: Widget) -> None:
        """Wait, from now, for a paint of ``panes``."""
        self.waiting.update(panes)
        self.painted.clear()

    async def drawn(self) -> None:
        await asyncio.wait_for(self.painted.wait(), 30)


async def filter_times(screen: MainScreen, pilot: Pilot[None], runs: int) -> list[float]:
    """The filter, the list and the sidebar, to the screen. The preview then
    follows the cursor on its own time."""
    times = []
    key = screen.blog.index.tag_counts()[5].key
    with Paints(screen) as paints:
        for _ in range(runs):
            pressed(screen)
            paints.expect(screen.post_list, screen.tag_sidebar)
            start = time.perf_counter()
            screen.selected_tags = frozenset({key})
            await paints.drawn()
            times.append(time.perf_counter() - start)
            screen.selected_tags = frozenset()
            await pilot.pause()
    return times


async def scroll_times(screen: MainScreen, pilot: Pilot[None], runs: int) -> dict[str, list[float]]:
    """End (to the oldest post) and page down, in the list, to the screen: until
    the paint that draws the list. The preview then follows on its own time."""
    post_list = screen.post_list
    post_list.focus()
    await pilot.pause()
    times: dict[str, list[float]] = {"end": [], "pagedown": []}
    with Paints(screen) as paints:

        async def timed(action: Callable[[], None]) -> float:
            pressed(screen)
            paints.expect(post_list)
            start = time.perf_counter()
            action()
            await paints.drawn()
            took = time.perf_counter() - start
            await pilot.pause()
            return took

        for _ in range(runs):
            times["end"].append(await timed(post_list.action_last))
            post_list.action_first()  # page down from the top
            await pilot.pause()
            times["pagedown"].append(await timed(post_list.action_page_down))
    post_list.action_first()
    await pilot.pause()
    return times


SEARCHED = "sauvegarde"
"""A word of the generated posts' bodies, and of some of their titles."""


async def search_times(screen: MainScreen, pilot: Pilot[None], runs: int) -> list[float]:
    """A word typed in the search field, to the screen: the list narrowed to
    every post whose title, tags or body has it, painted. Timed once the
    field has read the bodies' words, which it starts to do as it opens."""
    await pilot.press("slash")
    bodies = [worker for worker in screen.workers if worker.group == "bodies"]
    await asyncio.gather(*(worker.wait() for worker in bodies), return_exceptions=True)
    from tui.blog.search import parse_query

    times = []
    found = asyncio.Event()
    everything = len(screen.searcher.search(screen.blog.index.posts(), parse_query(SEARCHED)))
    show_posts = screen._show_posts
    with Paints(screen) as paints:

        def showing(posts: list[Post], stay_on_top: bool) -> None:
            show_posts(posts, stay_on_top)
            if len(posts) == everything:  # not only the titles' and tags' matches
                paints.expect(screen.post_list)  # now: the paint may come before the loop
                found.set()

        screen._show_posts = showing  # type: ignore[method-assign]
        try:
            for _ in range(runs):
                found.clear()
                pressed(screen)
                start = time.perf_counter()
                screen.search_field.value = SEARCHED
                await asyncio.wait_for(found.wait(), 30)
                await paints.drawn()
                times.append(time.perf_counter() - start)
                screen.search_field.value = ""
                await pilot.pause()
        finally:
            del screen._show_posts
    await pilot.press("escape")
    return times


def in_app(folder: Path, runs: int, only_filter: bool = False) -> dict[str, float]:
    """Tag filter, opening a long post, and a change made by another program."""
    from tui.app import BlogApp

    results: dict[str, list[float]] = {
        "filter": [],
        "search": [],
        "end": [],
        "pagedown": [],
        "open50": [],
        "open200": [],
        "leave200": [],
        "edit200": [],
        "view200": [],
        "focus200": [],
        "change": [],
    }

    async def measure() -> None:
        app = BlogApp(folder)
        async with app.run_test(size=(120, 40)) as pilot:
            while app.main_screen is None:  # the start screen is drawn first
                await pilot.pause()
            screen = app.main_screen
            await asyncio.wait_for(screen.loaded.wait(), 300)
            # Settled: the newest post, opened once the list is complete, is
            # shown, so the filter is not timed together with its preview.
            await asyncio.wait_for(screen.previewed.wait(), 60)
            await pilot.pause()
            results["filter"] = await filter_times(screen, pilot, max(runs, FILTER_RUNS))
            results["search"] = await search_times(screen, pilot, max(runs, FILTER_RUNS))
            results.update(await scroll_times(screen, pilot, max(runs, FILTER_RUNS)))
            if only_filter:
                return

            async def opened(post: Post) -> float:
                """Seconds to the first screen of ``post``; its rest shown before returning."""
                screen.shown.clear()
                screen.previewed.clear()
                pressed(screen)
                start = time.perf_counter()
                screen.run_worker(screen.open_post(post.path))
                await asyncio.wait_for(screen.shown.wait(), 60)
                screen._compositor.render_strips()  # its first screen, painted
                took = time.perf_counter() - start
                await asyncio.wait_for(screen.previewed.wait(), 120)
                return took

            usual = next(p for p in screen.blog.index.posts() if p.size < 10_000)
            for name, low, high in (("open50", 45_000, 60_000), ("open200", 190_000, 250_000)):
                post = next(p for p in screen.blog.index.posts() if low < p.size < high)
                for _ in range(runs):
                    # From a post of the usual size, as Frogmouth opens it from its
                    # start screen: leaving a long post has a row of its own.
                    await opened(usual)
                    results[name].append(await opened(post))
                    if name == "open200":
                        results["leave200"].append(await opened(usual))
            await opened(post)  # the 200 KB post again, for what follows
            # Keys that change styles with a 200 KB post open: each used to
            # restyle every block of the post. Timed to the laid-out screen.
            assert screen.document is not None and screen.document.path == post.path
            for _ in range(runs):
                pressed(screen)
                start = time.perf_counter()
                screen.view = "split"
                screen._refresh_layout()
                screen._compositor.render_strips()
                results["view200"].append(time.perf_counter() - start)
                screen.view = "read"
                screen.post_list.focus()
                await pilot.pause()
                pressed(screen)
                start = time.perf_counter()
                screen.preview.focus()
                while not screen.preview.has_focus:  # its focus event, handled
                    await asyncio.sleep(0)
                screen._refresh_layout()
                screen._compositor.render_strips()
                results["focus200"].append(time.perf_counter() - start)
                await pilot.pause()
            screen.view = "split"
            editor = screen.editor
            for number in range(max(runs, EDIT_RUNS)):
                # One character typed in the middle of the 200 KB post, then the
                # pause: the preview's timer fires and the changed block is rebuilt.
                row = editor.document.line_count // 2
                editor.insert(str(number), (row, 0))
                await pilot.pause()
                # The pause is this loop's own: the preview the typing asked
                # for would otherwise come in the middle of a later run.
                if screen._preview_timer is not None:
                    screen._preview_timer.stop()
                screen.previewed.clear()
                pressed(screen)  # the last key typed
                start = time.perf_counter()
                screen._preview_editor_text()
                await asyncio.wait_for(screen.previewed.wait(), 60)
                # Then what Textual does at its next refresh: a layout if one is
                # wanted (after a mount: every widget of the body, about 1,300 for
                # this post), and the paint. Without it the figure stopped short
                # of the screen; with a layout nobody asked for, it went past it.
                if screen._layout_required:
                    screen._refresh_layout(scroll=screen._scroll_required)
                    screen._layout_required = False
                screen._compositor.render_strips()
                results["edit200"].append(time.perf_counter() - start)
            screen.view = "read"
            editor.load_text(screen._baseline)  # leave the post as it was
            await pilot.pause()
            busy = [w for w in screen.workers if w.group == "preview"]
            await asyncio.gather(*(w.wait() for w in busy), return_exceptions=True)
            target = screen.blog.index.posts()[-1].path
            for number in range(runs):
                screen.synced.clear()
                start = time.perf_counter()
                text = target.read_text("utf-8").replace('title: "', f'title: "{number}', 1)
                target.write_text(text, "utf-8")
                while not screen.blog.index.get(target) or not screen.blog.index.get(
                    target
                ).title.startswith(str(number)):
                    await asyncio.wait_for(screen.synced.wait(), 30)
                    screen.synced.clear()
                await pilot.pause()
                results["change"].append(time.perf_counter() - start)

    asyncio.run(measure())
    return {name: statistics.median(values) for name, values in results.items() if values}


def frogmouth_open(python: Path, post: Path, runs: int, work: Path) -> float:
    """Frogmouth's time from asking to open ``post`` to its first screen, painted."""
    home = work / "frogmouth-home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home)}
    env["XDG_CONFIG_HOME"] = str(home)
    script = Path(__file__).with_name("frogmouth_open.py")
    output = subprocess.run(
        [str(python), str(script), str(post), str(runs)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return statistics.median(float(line) for line in output.split())


def written_out() -> None:
    """Wait for what was just written (a blog of 600 MB, a cache of 25 MB)
    to reach the disk: a user's start does not share the machine with that
    writing."""
    os.sync()


def warm_cache(folder: Path, cache: Path) -> None:
    """Read the blog once as the app does, leaving its metadata cache and its glimpse written."""
    from tui.blog import Blog, glimpse
    from tui.blog.cache import PostCache

    blog = Blog(folder)
    posts = PostCache(blog.root, cache / "blog-tui")
    for part in blog.read_parts(cache=posts):
        blog.index.absorb(part)
    posts.save()
    # And the glimpse of the list the start screen shows (the default order).
    index = blog.index
    glimpse.save(
        blog.root,
        "newest",
        index.posts(),
        index.tag_counts(),
        posts.stamps(),
        blog.unreadable,
        cache / "blog-tui",
    )


USABLE = "⏎ Read"
"""In the footer once the main screen, its post list focused, is there."""


def blog_command() -> str:
    """The `blog` command beside this Python, as a user runs it; else `python -m tui`."""
    script = Path(sys.executable).with_name("blog")
    if script.is_file():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m tui"


def empty_app_command() -> str:
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(EMPTY_APP)}"


def first_frame_work(folder: Path, work: Path) -> tuple[int, int, int]:
    """Instructions to the first frame (benchmarks/first_frame.py): the empty
    app's, the app's at a first start of ``folder``, and at a next start (its
    glimpse checked by a child that valgrind does not slow: it is in the
    first frame). Two at a time, on two cores: a count is the same whatever
    runs beside it."""
    from concurrent.futures import ThreadPoolExecutor

    def env(start: str) -> dict[str, str]:
        env = {**os.environ, "TERM": "tmux-256color"}  # as in tmux's panes
        for name in ("cache", "state", "config"):
            env[f"XDG_{name.upper()}_HOME"] = str(work / f"counted-{start}-{name}")
        return env

    warm_cache(folder, work / "counted-next-cache")
    with ThreadPoolExecutor(2) as pool:
        empty = pool.submit(count, sys.executable, ["empty"], env("first"))
        first = pool.submit(count, sys.executable, ["blog", str(folder)], env("first"))
        again = pool.submit(count, sys.executable, ["blog", str(folder)], env("next"))
        return empty.result(), first.result(), again.result()


def large_blog(posts: int, work: Path, runs: int) -> list[Row]:
    """First and next start and the tag filter on a blog of ``posts`` posts:
    the first start measured once (it takes a while), the rest the median of ``runs``."""
    folder = work / "posts"
    generate(folder, posts)
    written_out()
    env = f"XDG_CACHE_HOME={shlex.quote(str(work / 'cache'))}"
    env += f" XDG_STATE_HOME={shlex.quote(str(work / 'state'))}"
    env += f" XDG_CONFIG_HOME={shlex.quote(str(work / 'config'))}"
    blog = f"{env} {blog_command()} {shlex.quote(str(folder))}"
    every_post = f"All posts  {posts}"

    paints = [first_paint(blog, work / "cache") for _ in range(max(runs, FIRST_PAINTS))]
    empty = statistics.median(empty for empty, _ in paints)
    painted = statistics.median(painted for _, painted in paints)
    shutil.rmtree(work / "cache", ignore_errors=True)
    first, rss = on_screen(blog, every_post, timeout=600)
    warm_cache(folder, work / "cache")  # the first start was stopped before writing it
    written_out()
    again = median(runs, lambda: on_screen(blog, every_post, timeout=600)[0])
    edited = min(folder.iterdir())

    def after_an_edit() -> float:
        """A next start after another program edited a post since the cache was written."""
        with edited.open("a", encoding="utf-8") as post:
            post.write("\nOne more line.\n")
        written_out()
        return on_screen(blog, every_post, timeout=600)[0]

    changed = median(runs, after_an_edit)
    mine = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # the in-app run starts from the cache
    found = in_app(folder, 3, only_filter=True)
    filtered, searched = found["filter"], found["search"]
    to_end, page_down = found["end"], found["pagedown"]
    os.environ["XDG_CACHE_HOME"] = mine
    shutil.rmtree(work, ignore_errors=True)
    return [
        paint_row(f"first paint, {posts:,} posts", painted, empty),
        Row(f"{posts:,} posts fully listed, first start", first, None, "", "-", None),
        Row(f"{posts:,} posts fully listed, next start", again, None, "", "< 3 s", again < 3),
        Row(
            f"{posts:,} posts fully listed, next start, one post edited since by another program",
            changed,
            None,
            "",
            "-",
            None,
        ),
        Row(f"memory, {posts:,} posts (resident set)", rss / 1024, None, "", "-", None, "MB"),
        Row(f"tag filter, {posts:,} posts", filtered, None, "", "< 300 ms", filtered < 0.3),
        Row(
            f"search, {posts:,} posts (a word, in titles, tags and bodies)",
            searched,
            None,
            "",
            "< 300 ms",
            searched < 0.3,
        ),
        Row(
            f"end: to the last post, {posts:,} posts (list, to the screen)",
            to_end,
            None,
            "",
            "-",
            None,
        ),
        Row(
            f"page down in the list, {posts:,} posts (to the screen)",
            page_down,
            None,
            "",
            "-",
            None,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=PROJECT / "BENCHMARKS.md")
    parser.add_argument(
        "--frogmouth",
        type=Path,
        help="the Python of an environment with frogmouth-ng installed (it needs its own Textual)",
    )
    parser.add_argument(
        "--large",
        type=int,
        default=0,
        help="also measure a blog of this many posts (once each: it takes minutes)",
    )
    arguments = parser.parse_args()
    posts, runs = arguments.posts, arguments.runs

    # The app as installed: pip compiles a package's modules when it installs
    # it. An editable install run with PYTHONDONTWRITEBYTECODE set (as on some
    # CI machines) would otherwise compile all of ours at every start.
    compileall.compile_dir(PROJECT / "tui", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="blog-bench-"))
    # The app run inside this process keeps its cache and state here, not in
    # the user's folders, and finds no settings file: a theme or keys of the
    # user's would change what is measured.
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    folder = work / "posts"
    generate(folder, posts)
    written_out()
    cache, state = shlex.quote(str(work / "cache")), shlex.quote(str(work / "state"))
    config = shlex.quote(str(work / "config"))  # none there: the defaults, not the user's settings
    env = f"XDG_CACHE_HOME={cache} XDG_STATE_HOME={state} XDG_CONFIG_HOME={config}"
    blog = f"{env} {blog_command()} {shlex.quote(str(folder))}"
    # Fully listed: the sidebar counts every post.
    every_post = f"All posts  {posts}"

    rows: list[Row] = []
    bare = 0.0  # measured in turn with the first starts, below
    keeper = f"bench-keeper{os.getpid()}"
    if shutil.which("tmux"):
        # A session that outlives each measured one: tmux's server exits with
        # its last session, and a session started at that moment fails.
        subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 86400"], check=True)

        def first_start() -> tuple[float, float, float, float, float, int]:
            # Each baseline beside the figure it is the baseline of, in every
            # round: the machine's speed drifts over a run, and a ratio is
            # then of two figures measured under the same conditions.
            empty, painted = first_paint(blog, work / "cache")
            shutil.rmtree(work / "cache", ignore_errors=True)
            # The start screen paints the panes; the main screen shows its keys.
            usable = on_screen(blog, USABLE)[0]
            loop = read_and_parse(folder)
            shutil.rmtree(work / "cache", ignore_errors=True)
            listed, rss = on_screen(blog, every_post)
            return empty, painted, usable, loop, listed, rss

        firsts = [first_start() for _ in range(max(runs, FIRST_STARTS))]
        # More first paints, as many as it takes for their median (see FIRST_PAINTS).
        paints = [f[:2] for f in firsts]
        paints += [first_paint(blog, work / "cache") for _ in range(FIRST_PAINTS - len(firsts))]
        empty = statistics.median(empty for empty, _ in paints)
        paint = statistics.median(painted for _, painted in paints)
        usable = statistics.median(f[2] for f in firsts)
        bare = statistics.median(f[3] for f in firsts)
        listed = statistics.median(f[4] for f in firsts)
        rss = statistics.median(f[5] for f in firsts) / 1024
        warm_cache(folder, work / "cache")
        written_out()
        again = median(runs, lambda: on_screen(blog, every_post)[0])
        again_usable = median(runs, lambda: on_screen(blog, USABLE)[0])
        next_paints = [first_paint(blog, None) for _ in range(FIRST_PAINTS)]
        next_empty = statistics.median(empty for empty, _ in next_paints)
        next_paint = statistics.median(painted for _, painted in next_paints)
        rows.append(paint_row(f"first paint, {posts:,} posts", paint, empty))
        counted = first_frame_work(folder, work) if shutil.which("valgrind") else None
        if counted:
            rows.append(work_row(f"first paint, {posts:,} posts", counted[1], counted[0]))
        rows += [
            Row(
                f"main screen, its keys in the footer, {posts:,} posts, first start",
                usable,
                empty,
                "empty Textual app",
                "-",
                None,
            ),
            Row(
                f"{posts:,} posts fully listed, first start",
                listed,
                bare,
                "read + frontmatter.loads loop",
                "≤ 1.3x",
                listed <= 1.3 * bare,
            ),
            Row(
                f"{posts:,} posts fully listed, next start",
                again,
                listed,
                "first start",
                "≤ 0.3x",
                again <= 0.3 * listed,
            ),
            paint_row(
                f"first paint, {posts:,} posts, next start (the list and the tags in it)",
                next_paint,
                next_empty,
            ),
        ]
        if counted:
            rows.append(
                work_row(f"first paint, {posts:,} posts, next start", counted[2], counted[0])
            )
        rows += [
            Row(
                f"main screen, its keys in the footer, {posts:,} posts, next start",
                again_usable,
                listed,
                "first start",
                "-",
                None,
            ),
            Row(
                f"memory, {posts:,} posts (resident set)",
                rss,
                None,
                "",
                "< 250 MB",
                rss < 250,
                "MB",
            ),
        ]
    else:
        bare = median(runs, lambda: read_and_parse(folder))
    measured = in_app(folder, runs)
    frogmouth = None
    if arguments.frogmouth:
        long_post = next(p for p in folder.iterdir() if p.stat().st_size > 190_000)
        frogmouth = frogmouth_open(arguments.frogmouth, long_post, runs, work)
    rows += [
        Row(
            f"tag filter, {posts:,} posts (list and sidebar, to the screen)",
            measured["filter"],
            None,
            "",
            "< 50 ms",
            measured["filter"] < 0.05,
        ),
        Row(
            f"search, {posts:,} posts (a word, in titles, tags and bodies, to the screen)",
            measured["search"],
            None,
            "",
            "< 50 ms",
            measured["search"] < 0.05,
        ),
        Row(
            f"one post changed by another program, {posts:,} posts",
            measured["change"],
            None,
            "",
            "< 0.5 s",
            measured["change"] < 0.5,
        ),
        Row(
            "open a 50 KB post (first screen of the preview)",
            measured["open50"],
            None,
            "",
            "< 0.3 s",
            measured["open50"] < 0.3,
        ),
        Row(
            "open a 200 KB post (first screen of the preview)",
            measured["open200"],
            frogmouth,
            "Frogmouth opening it",
            "≤ 0.2x",
            None if frogmouth is None else measured["open200"] <= 0.2 * frogmouth,
        ),
        Row(
            "open a 6 KB post after a 200 KB one (first screen; the long one's blocks removed)",
            measured["leave200"],
            None,
            "",
            "-",
            None,
        ),
        Row(
            "one-character edit in a 200 KB post, split view (from the pause to the screen)",
            measured["edit200"],
            None,
            "",
            "< 100 ms",
            measured["edit200"] < 0.1,
        ),
        Row(
            "v: from reading to the split view, 200 KB post open (to the screen)",
            measured["view200"],
            None,
            "",
            "-",
            None,
        ),
        Row(
            "Enter: focus into the preview of a 200 KB post (to the screen)",
            measured["focus200"],
            None,
            "",
            "-",
            None,
        ),
    ]
    if arguments.large and shutil.which("tmux"):
        rows += large_blog(arguments.large, work / "large", arguments.runs)
    command = f".venv/bin/python benchmarks/run.py --posts {posts} --runs {runs}"
    if arguments.frogmouth:
        command += " --frogmouth .frogmouth/bin/python"
    if arguments.large:
        command += f" --large {arguments.large}"
    write(arguments.output, rows, command, posts, runs, bare)
    subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
    print(arguments.output.read_text())


def write(output: Path, rows: list[Row], command: str, posts: int, runs: int, bare: float) -> None:
    import textual

    from tui.blog import glimpse

    def show(value: float | None, unit: str) -> str:
        if value is None:
            return "not measured"
        if unit == "instructions":
            return f"{value / 1e6:,.0f} M instructions"
        return f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"

    lines = [
        "# Benchmarks",
        "",
        f"Measured on {dt.date.today().isoformat()}: {platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {textual.__version__}.",
        "",
        "Command (from the repository, in the environment the README's test command makes):",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Synthetic blog of {posts:,} posts of about 6 KB (one in 200 is 50 or 200 KB),",
        f"303 tags. Figures are medians of {runs} runs; each baseline is measured in the same",
        "run, in turn with its figure: the empty app's first paint with the app's, the",
        f"bare read-and-parse loop (it took {bare:.3f} s) with the first starts. Screen figures",
        "time the real app (the `blog` command) in tmux until the screen shows it, with the",
        "default settings (no settings file), from the moment a waiting shell in tmux starts it;",
        "the screen is looked at each time the app writes to it (benchmarks/terminal.py).",
        "Screen figures vary by a third from one start to the next on this machine; the",
        "instructions run until the first frame, counted by valgrind (benchmarks/first_frame.py),",
        "do not: they are the first paint's work, beside the empty app's.",
        "A next start is fully listed when the start screen shows the glimpse of the list",
        "kept by the last reading (checked against every file's stamp first; see",
        "tui/blog/glimpse.py): its keys work once the main screen is there, a row of its own.",
        f"No glimpse is kept above {glimpse.MOST_POSTS:,} posts. A large blog's first start",
        "is measured once. What a blog's generation and its cache wrote is on the disk",
        "(os.sync) before the app is started on it. The tag filter and the search, which",
        f"take milliseconds, are medians of {max(runs, FILTER_RUNS)}; the one-character edit,",
        f"of {max(runs, EDIT_RUNS)} edits; the first paint, of {max(runs, FIRST_PAINTS)}"
        " (each beside the empty app's); the first starts and the bare loop, of"
        f" {max(runs, FIRST_STARTS)}.",
        "In-app figures run the app headless: a filter is timed to Textual's paint that",
        "draws the list and the sidebar, which makes their lines without writing them.",
        f'The search is of "{SEARCHED}", in the bodies of nearly every post and in some',
        "titles, set in the field at once; it is timed to the paint of the list with every",
        "post that has it, once the field has read the bodies' words (it starts to as it opens).",
        "The open post marks the word found in it once typing pauses, after that paint.",
        "End and page down, in the list, are timed to the paint that draws the list.",
        "",
        "| what | figure | baseline | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        baseline = "-"
        if row.baseline:
            baseline = f"{show(row.baseline, row.unit)} ({row.baseline_name})"
        met = "-" if row.met is None else ("yes" if row.met else "**no**")
        figure = show(row.figure, row.unit)
        lines.append(f"| {row.what} | {figure} | {baseline} | {row.ratio} | {row.target} | {met} |")
    output.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
