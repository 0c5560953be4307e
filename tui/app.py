"""The Textual app: one main screen over one blog, and the keys that work anywhere.

A start screen stands in for the main screen while that is imported and
made; the main screen is then pushed over it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme
from textual.widget import AwaitMount

from tui import failed_start, terminal_gone
from tui.blog.display import printable, printable_lines
from tui.blog.own_files import Failure, OwnFiles
from tui.commands import TagCommands
from tui.config import Config, default_path, remember_theme
from tui.idle_collector import CHECK as COLLECTOR_CHECK
from tui.idle_collector import IdleCollector
from tui.keys_in_turn import KeysInTurn
from tui.screens.start import StartScreen

# The main screen and what only it uses are imported once the start screen
# is drawn (see `_open_main`): they take longer to import than Textual does.
if TYPE_CHECKING:
    from concurrent.futures import Future

    from tui.blog.glimpse import Glimpse
    from tui.blog.head_start import HeadStart
    from tui.blog.session import Session
    from tui.screens.main import MainScreen


GLIMPSE_WAIT = 0.5
"""Seconds the start waits for the files to be checked against the glimpse
of the list (a tenth at 10,000 posts), before it makes the main screen."""
LIST_WAIT = 1.0
"""Seconds keys pressed while the app starts wait at most for the list to be
read, once the main screen is shown: "j j j" pressed at a first start moved
down a list still filling, stopped at its last post so far, and ended short.
A large blog's list then fills on while the keys are answered."""
EXIT_GRACE = 3.0
"""Seconds a signal leaves Textual to restore the terminal before the app ends anyway."""

# Commands for the palette: (title, help, action on the main screen).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("New post", "Ask for a title and create a draft (ctrl+n)", "new_post"),
    ("Save", "Save the open post (ctrl+s)", "save"),
    ("Read post", "Show the post rendered (enter)", "read"),
    ("Edit post", "Edit the post in the editor (e)", "edit"),
    ("Cycle view", "Read, split, edit (v)", "cycle_view"),
    ("Tag sidebar", "Focus the tags (t)", "focus_tags"),
    ("Post list", "Focus the post list (escape)", "focus_list"),
    ("Clear tag filter", "Show every post (c)", "clear_tags"),
    ("Open in $EDITOR", "Edit the post in your own editor (E, ctrl+o)", "open_external"),
    ("Add tag", "Add a tag to the post (+)", "add_tag"),
    ("Remove tag", "Remove one of the post's tags (-)", "remove_tag"),
    ("Change title", "Change the post's title in its front matter", "change_title"),
    ("Toggle draft", "Mark the post as a draft, or not", "toggle_draft"),
    ("Rename or merge tag", "The sidebar's tag, in every post (r in the sidebar)", "rename_tag"),
    ("Delete post", "Delete the post under the cursor, after asking (d)", "delete"),
    ("Search", "Search titles, tags and bodies: words, tag:x, draft:yes, year:2010 (/)", "search"),
    ("Sort", "Newest first, oldest first, by title, last modified (s)", "cycle_order"),
    ("Next post", "Show the next post in the list (])", "next_post"),
    ("Previous post", "Show the previous post in the list ([)", "previous_post"),
    ("Table of contents", "The open post's headings (o)", "toggle_contents"),
)


class BlogApp(KeysInTurn):
    """Read, write and filter a folder of Markdown posts."""

    CSS_PATH = "app.tcss"
    TITLE = "blog"
    COMMANDS = App.COMMANDS | {TagCommands}

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        Binding("ctrl+s", "screen.save", "Save", id="app.save"),
        Binding("ctrl+n", "screen.new_post", "New post", id="app.new"),
        Binding("ctrl+o", "screen.open_external", "Open in $EDITOR", show=False, id="app.external"),
        Binding("f1", "help", "Help", show=False, id="app.help"),
    ]
    # Textual binds ctrl+p to the command palette; listed here for the help screen.
    PALETTE_BINDING = Binding("ctrl+p", "command_palette", "Command palette: every action")
    # The main screen's actions that read, ask, then move the focus (e, ctrl+n,
    # +, enter), and quitting: the keys typed after one wait for them.
    KEY_WORK = frozenset({"flow", "quit"})

    def __init__(
        self,
        root: Path,
        *,
        watch: bool = True,
        config: Config | None = None,
        head_start: bool = True,
        glimpse: Future[Glimpse | None] | None = None,
        started: Callable[[], None] | None = None,
    ) -> None:
        config = config or Config()
        if config.theme in BUILTIN_THEMES:
            # The theme the app starts in: Textual makes its stylesheet from
            # the theme in App.__init__. Set afterwards, as a reactive, the
            # theme has every rule parsed again, 30 ms before the first frame.
            # (Should Textual keep the value elsewhere, _apply_theme sets it.)
            self._reactive_theme = config.theme
        super().__init__()
        self.folder = root  # the Blog is made with the main screen, after the first frame
        self.config = config
        self._watch = watch
        self._head_start = head_start
        """Whether the children a large blog's start needs (a first start's
        workers, a next start's survey of its files) start as the main screen
        is drawn (tui/blog/head_start.py), rather than once it is there."""
        self._main: MainScreen | None = None
        self.collector = IdleCollector()
        self._glimpse_soon = glimpse
        """The glimpse of the list being checked since the app started
        (tui/blog/glimpse_child.py); else it is checked after the first frame."""
        self._started = started
        """Called once the main screen is shown: the command's hold on the
        cycle collector ends there (tui/blog/collector.py)."""
        self.own_files = OwnFiles(told=self._own_file_failed)
        """Every write of the app's own files (session, recovery copies,
        cache, glimpse, settings); a failure is told once, never raised."""
        self._start_failure: str | None = None
        """Why the main screen could not be made, once it could not."""

    def get_default_screen(self) -> Screen[Any]:
        """The start screen, as the first screen itself.

        Pushed on Textual's own empty first screen, it had that one mounted,
        laid out and drawn for nothing before it (the window showed the
        panes 20 to 40 ms later). The main screen is pushed on it in turn:
        Textual cannot switch away from a first screen (textual#2650), and
        giving the main screen a mode of its own made the first frame later.
        """
        # The folder as the main screen names it (Blog makes its root so).
        # A glimpse checked by now is drawn in the first frame.
        return StartScreen(os.path.abspath(self.folder), _found(self._glimpse_soon))

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(COLLECTOR_CHECK, self.collector.check)
        self._apply_theme()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.call_after_refresh(self._open_main)
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._stopped_by_signal, number)
            # A terminal gone without a SIGHUP is told as one.
            stop = partial(self._stopped_by_signal, signal.SIGHUP)
            terminal_gone.watch(loop, stop, self._keep_unsaved_now)

    def on_unmount(self) -> None:
        self.collector.stop()  # Python's own again (for whatever runs after the app)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.active()
        await super().on_event(event)

    def on_main_screen_showing(self) -> None:
        self.collector.active()

    def _open_main(self) -> None:
        """Import and show the main screen, in place of the start screen."""
        if self._exit:  # already quitting (a signal): Textual would never finish mounting it
            return
        from tui.blog import head_start

        # A first start of a large blog is parsed, and a next start's files
        # listed, while the main screen is imported and drawn, not after: the
        # children start now, after the first frame (before it, they slowed
        # it by half on two cores).
        try:
            started = head_start.start_soon(self.folder) if self._head_start else None
        except Exception as error:
            self.start_failed(error)
            return
        self._start(started)

    @work(group="start", exit_on_error=False)
    async def _start(self, readers: Future[HeadStart] | None) -> None:
        try:
            await self._start_main(readers)
        except Exception as error:
            self.start_failed(error)

    async def _start_main(self, readers: Future[HeadStart] | None) -> None:
        session, glimpse = await self._session_and_glimpse()
        start = self.screen
        if glimpse is None or self._exit or not isinstance(start, StartScreen):
            self._make_main(session, readers, None)
            return
        if start.glimpse is not glimpse:  # else drawn from the first frame
            try:
                await start.show_glimpse(glimpse)
            except Exception:  # whatever it was, the main screen comes, and reads the blog
                self._make_main(session, readers, None)
                return
        # After the glimpse is drawn: the main screen's imports would hold it back.
        self.call_after_refresh(self._make_main, session, readers, glimpse)

    async def _session_and_glimpse(self) -> tuple[Session, Glimpse | None]:
        """The reader's session, and the list as it still is on disk if a
        glimpse of it was kept (see tui/blog/glimpse.py), both read in a
        thread: checking the glimpse lists and stats the folder (a tenth of a
        second at 10,000 posts), and it is then shown a few tenths before the
        main screen could show it. Unless a child checks the glimpse since
        the app started: then only the session is read here."""
        # The blog's folder as Blog makes it, symbolic links kept.
        root = Path(os.path.abspath(self.folder))
        soon = self._glimpse_soon
        if soon is not None:
            from tui.blog.session import Session

            # Shielded: at its timeout wait_for cancels what it waits for, which
            # the child's thread has yet to set. An error is _found's to see.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(soon)), GLIMPSE_WAIT)
            return await asyncio.to_thread(Session, None, self.own_files), _found(soon)

        def read() -> tuple[Session, Glimpse | None]:
            from tui.blog import glimpse
            from tui.blog.session import Session

            session = Session(own=self.own_files)
            return session, glimpse.load(root, session.order)

        try:
            return await asyncio.wait_for(asyncio.to_thread(read), GLIMPSE_WAIT)
        except TimeoutError:  # a slow disk: the main screen, which reads in the background, now
            from tui.blog.session import Session

            return Session(own=self.own_files), None

    def _make_main(
        self,
        session: Session,
        readers: Future[HeadStart] | None,
        glimpse: Glimpse | None,
    ) -> None:
        try:
            self._make_main_now(session, readers, glimpse)
        except Exception as error:
            self.start_failed(error)

    def _make_main_now(
        self,
        session: Session,
        readers: Future[HeadStart] | None,
        glimpse: Glimpse | None,
    ) -> None:
        if self._exit:
            return
        from tui.blog import Blog
        from tui.screens.main import STYLES, MainScreen

        try:
            styles = STYLES.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            # Only a damaged installation lacks it: said, rather than a start
            # screen that waits for ever.
            self.exit(
                return_code=1,
                message=f"blog: the main screen's styles cannot be read ({error}): reinstall it",
            )
            return
        self.stylesheet.add_source(styles, read_from=(str(STYLES), ""))
        self._apply_keys()
        self._main = MainScreen(
            Blog(self.folder),
            watch=self._watch,
            config=self.config,
            session=session,
            head_start=readers,
            glimpse=glimpse,
            own_files=self.own_files,
        )
        self._release_keys_when_shown(self.push_screen(self._main))

    @work(group="start", exit_on_error=False)
    async def _release_keys_when_shown(self, shown: AwaitMount) -> None:
        """Once the main screen is there and has read the list, the keys
        pressed until then, in order; the start screen under it is emptied.

        A key pressed while the app starts is meant for the app that is
        starting, and the start screen has nowhere to send it. Even ctrl+q
        waits for the main screen (a few tenths of a second), then quits as
        it always does.
        """
        await shown
        if self._start_failure is not None:
            return  # the start screen says why, and stays
        if self._started is not None:
            self._started()
        # It stays under the main screen, with nothing in it: the list and
        # the tags of a glimpse go.
        start = self.screen_stack[0]
        if isinstance(start, StartScreen):
            await start.remove_children()
        main = self._main
        if main is not None:
            # With the cursor where the reader left off (chosen as the list is read).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(main.loaded.wait(), LIST_WAIT)
        self.release_keys()

    def start_failed(self, error: BaseException) -> None:
        """The main screen could not be made: the start screen says why and
        how to quit, rather than reading posts for ever, and keys work again."""
        if self._exit or self._start_failure is not None:
            return
        self._start_failure = failed_start.message(self.folder, error)
        self.run_worker(failed_start.show(self, self._start_failure), exit_on_error=False)

    def on_main_screen_failed(self, message: MainScreen.Failed) -> None:
        self.start_failed(message.error)

    def _keep_unsaved_now(self) -> None:
        main = self.main_screen
        if main is not None:
            main.keeper.keep_now()

    def _stopped_by_signal(self, number: int) -> None:
        """SIGTERM, or the terminal closed (SIGHUP): keep the unsaved text, restore the terminal."""
        self._keep_unsaved_now()
        self.exit(return_code=128 + number)
        # Textual's shutdown writes to the terminal, and when the terminal has
        # gone (a closed window, tmux's kill-session) that write can wait for
        # ever: the process lingered, holding its memory. The text is kept by
        # now, so the app ends anyway once the grace period is over.
        threading.Thread(target=_end_after_grace, args=(128 + number,), daemon=True).start()

    @property
    def _settings_where(self) -> str:
        """What a message about the settings file starts with."""
        return f"{self.config.path}: " if self.config.path else ""

    def _apply_theme(self) -> None:
        """The theme of the settings file; a mistake is told, not fatal."""
        config, where = self.config, self._settings_where
        if config.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme  # no change, no reparse: usually given in __init__
            else:
                themes = ", ".join(sorted(self.available_themes))
                self.notify(
                    f"{where}theme: no theme named {config.theme!r} (there are: {themes})",
                    severity="error",
                    markup=False,
                    timeout=15,
                )

    def _apply_keys(self) -> None:
        """The keys of the settings file; mistakes are told, not fatal."""
        config, where = self.config, self._settings_where
        if config.keys:
            known = {b.id for _, bindings in self.key_sections() for b in bindings if b.id}
            unknown = sorted(set(config.keys) - known)
            if unknown:
                self.notify(
                    f"{where}[keys]: unknown binding ids {', '.join(unknown)} "
                    "(the help screen, f1, lists them)",
                    severity="error",
                    markup=False,
                    timeout=15,
                )
            self.set_keymap({k: v for k, v in config.keys.items() if k in known})

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.config.theme:
            self.config = self.config._replace(theme=theme.name)
            self._remember_theme(theme.name)

    @work(exclusive=True, group="theme", exit_on_error=False)
    async def _remember_theme(self, name: str) -> None:
        """Keep the theme chosen in the palette in the settings file, for the next start."""
        path = self.config.path or default_path()
        await asyncio.to_thread(self.own_files.write, "settings", path, remember_theme, name, path)

    def _own_file_failed(self, failure: Failure) -> None:
        """The one place where a failed write of the app's own files is told
        (once a kind, see tui/blog/own_files.py); called from any thread."""
        # Recovery copies stand between a crash and the user's text: longer.
        timeout = 20 if failure.kind == "recovery" else 10
        self.notify(failure.message, severity="warning", markup=False, timeout=timeout)

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer shows it: the settings' [keys] can name anything."""
        return printable(super().get_key_display(binding))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, with what a terminal would act on made visible.

        Messages name files and quote their text; Textual passes escape
        sequences through to the terminal.
        """
        super().notify(
            printable_lines(message),
            title=printable_lines(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    @property
    def main_screen(self) -> MainScreen | None:
        """The main screen, once it has replaced the start screen."""
        return self._main if self._main in self.screen_stack else None

    async def action_quit(self) -> None:
        """Quit, after asking what to do with unsaved changes."""
        self._quit()

    @work(exclusive=True, group="quit", exit_on_error=False)
    async def _quit(self) -> None:
        main = self.main_screen
        if self._start_failure is not None and main is None:
            self.exit(return_code=1, message=self._start_failure)
        elif main is None or await main.confirm_leave("quit"):
            self.exit()

    def action_help(self) -> None:
        """Show every key."""
        from tui.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.key_sections(), remapped=self.config.keys))

    def key_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every binding, pane by pane: for the help and for checking the settings' keys."""
        from tui.widgets import Contents, PostEditor, PostList, PostPreview, SearchField, TagSidebar

        sections: list[tuple[str, list[BindingType]]] = [
            ("post list", list(PostList.BINDINGS)),
            ("tag sidebar", list(TagSidebar.BINDINGS)),
            ("search field", list(SearchField.BINDINGS)),
            ("preview", list(PostPreview.BINDINGS)),
            ("table of contents", list(Contents.BINDINGS)),
            ("editor", list(PostEditor.BINDINGS)),
            ("anywhere", [*self.BINDINGS, self.PALETTE_BINDING]),
        ]
        return [
            (where, [binding for binding in bindings if isinstance(binding, Binding)])
            for where, bindings in sections
        ]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main_screen
        if main is not None:
            for title, help_text, action in COMMANDS:
                yield SystemCommand(title, help_text, partial(main.run_action, action))
        yield SystemCommand("Keys", "Every key of the app (f1)", self.action_help)


def _found(soon: Future[Glimpse | None] | None) -> Glimpse | None:
    """The glimpse ``soon`` found, if it is done and found one."""
    if soon is None or not soon.done() or soon.exception() is not None:
        return None
    return soon.result()


def _end_after_grace(status: int) -> None:
    time.sleep(EXIT_GRACE)
    os._exit(status)
