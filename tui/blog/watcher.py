"""The blog's folder watched by a child process.

watchfiles' watcher, when it starts, walks the folder and stats every file
in it (notify follows links as it adds its watches), and holds Python's
interpreter all the while: at 100,000 posts the app stood still for 0.35 to
0.4 s, and the reading of the blog waited as long. In a child, that walk
runs on another core, and the app only reads the child's messages:

- ``("ready", None)`` once the folder is watched: a change from then on is
  reported (what changed before is for the caller to look for);
- ``("changes", [path, ...])`` for each batch of changes;
- ``("error", message)`` when the folder cannot be watched, before the
  child ends.

Given the root of the site the folder is in, when it is above the folder,
the child watches that root too, but not what is inside its folders: its
config files, whose changes come with the folder's.

When it cannot be watched, the child looks at it every second instead
(`tui.blog.polling`), never through a link to a folder.

The child ends when its input closes, so it cannot outlive the app.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tui.blog import pipes

DEBOUNCE_MS = 300
"""Changes closer together than this come as one batch (a git checkout: one refresh)."""
POLL_MS = 1000
"""How often the folder is looked at when it cannot be watched."""
STEP_MS = 50
READY_MS = 100
"""How soon after it starts watching the child says so (its idle wake-ups)."""


class WatchError(Exception):
    """The folder cannot be watched (the message says why), or the child was lost."""


class Watcher:
    """The changes to one folder, from a child process. Used from one thread.

    Raises OSError when no process can be started.
    """

    def __init__(self, root: Path, polling: bool = False, site_root: Path | None = None) -> None:
        self.root = root
        arguments = [str(root), "poll" if polling else "notify"]
        if site_root is not None and site_root != root:
            arguments.append(str(site_root))
        self._process = pipes.start(pipes.command(__name__, *arguments))

    def messages(self) -> Iterator[tuple[str, list[str] | None]]:
        """``("ready", None)``, then ``("changes", paths)`` for each batch.

        Raises:
            WatchError: the child could not watch the folder, or ended.
        """
        try:
            for kind, content in pipes.messages(self._process):
                if kind == "error":
                    raise WatchError(str(content))
                yield kind, content
        except pipes.ChildLost as error:
            raise WatchError("the watching process ended") from error

    def close(self) -> None:
        pipes.stop(self._process, at_once=True)


def serve() -> None:
    """The child: watch the folder named on the command line until the input closes."""
    root, polling = sys.argv[1], sys.argv[2] == "poll"
    site_root = sys.argv[3] if len(sys.argv) > 3 else None
    sink = sys.stdout.buffer
    stop = threading.Event()

    def until_closed() -> None:
        sys.stdin.buffer.read()  # returns when the app closes its end, or ends
        stop.set()

    threading.Thread(target=until_closed, name="until-closed", daemon=True).start()
    if polling:
        _poll(root, sink, stop)
        return
    # Imported here: the app never imports watchfiles (nor anyio) itself.
    from watchfiles import watch

    from tui.blog.watch import PostFilter

    if site_root is not None:
        threading.Thread(
            target=_watch_configs, args=(site_root, sink, stop), name="site", daemon=True
        ).start()
    ready = False
    try:
        for changes in watch(
            root,
            watch_filter=PostFilter(),
            stop_event=stop,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            rust_timeout=READY_MS,
            yield_on_timeout=True,
            force_polling=False,
        ):
            if not ready:
                # The first batch or timeout: the watcher is in place.
                _say(sink, ("ready", None))
                ready = True
            if changes:
                _say(sink, ("changes", sorted(path for _, path in changes)))
    except BrokenPipeError:
        return  # the app is gone
    except Exception as error:  # whatever watchfiles raises: said, never shown
        with contextlib.suppress(OSError):
            _say(sink, ("error", str(error) or type(error).__name__))


_SAYING = threading.Lock()
"""Held while a message is written: two threads write to the app (the folder's
watcher and its site's), each message whole."""


def _say(sink: BinaryIO, message: tuple[str, object]) -> None:
    with _SAYING:
        pipes.write(sink, message)


def _watch_configs(site_root: str, sink: BinaryIO, stop: threading.Event) -> None:
    """Report changes to the config files at ``site_root`` (not inside its
    folders), until ``stop``; a root that cannot be watched is let be."""
    from watchfiles import watch

    from tui.blog.site.names import CONFIG_NAMES

    with contextlib.suppress(Exception):
        for changes in watch(
            site_root,
            watch_filter=lambda _, path: Path(path).name in CONFIG_NAMES,
            stop_event=stop,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            recursive=False,
        ):
            _say(sink, ("changes", sorted(path for _, path in changes)))


def _poll(root: str, sink: BinaryIO, stop: threading.Event) -> None:
    """Look at the folder every second, never through a link to a folder
    (watchfiles' polling follows them: see `tui.blog.polling`)."""
    from tui.blog.polling import poll

    def say(message: tuple[str, object]) -> None:
        pipes.write(sink, message)

    try:
        poll(root, say, stop, POLL_MS / 1000, DEBOUNCE_MS / 1000)
    except BrokenPipeError:
        return  # the app is gone
    except OSError as error:  # the folder cannot be listed
        with contextlib.suppress(OSError):
            pipes.write(sink, ("error", error.strerror or type(error).__name__))
