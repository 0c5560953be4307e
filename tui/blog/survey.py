"""A blog's post files and their stamps, listed by a child process.

At a next start nearly every post comes from the cache, and what is left
to do for a post is to find its file, stat it to be sure the cache still
holds for it, and build it. Finding and stat'ing are a third of that (a
third of a second at 100,000 posts, system calls most of it). A survey does
them in a child process, on another core, while this one builds the posts
the cache has for what the child listed so far.

The child imports only `tui.blog.walk` and `tui.blog.pipes`, so it starts
in about the time Python takes. It lists a folder at a time and hands its
lists to a thread of its own that writes them out, so that it goes on
listing while the app reads the cache.
"""

from __future__ import annotations

import gc
import queue
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from tui.blog import pipes
from tui.blog.walk import Listed, listed

CHUNK = 2_000
"""Files in one message: few messages, and the first soon."""


class SurveyLost(Exception):
    """The child ended before it listed every file: the caller lists the rest."""


class Survey:
    """The listing of one blog's post files, made by a child process.

    Raises OSError when no process can be started. Used from one thread.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._process = pipes.start(pipes.command(__name__, str(root)))
        self.unreadable: list[str] = []
        """Folders the child could not read, known once :meth:`files` is over."""
        self._ended = False

    def files(self) -> Iterator[list[Listed]]:
        """Every post file with its stamp, some at a time, as the child lists them.

        Raises:
            SurveyLost: the child died (or said what it should not) half way.
        """
        try:
            for kind, content in pipes.messages(self._process):
                if kind == "end":
                    self.unreadable = list(content)
                    self._ended = True
                    return
                yield content
        except pipes.ChildLost as error:
            raise SurveyLost(str(error)) from error

    def close(self) -> None:
        pipes.stop(self._process, at_once=not self._ended)


def serve() -> None:
    """The child: list the folder named on the command line, then end."""
    gc.disable()  # short-lived, and it makes no cycles worth collecting
    root, sink = sys.argv[1], sys.stdout.buffer
    out: queue.SimpleQueue[tuple[str, object] | None] = queue.SimpleQueue()

    def send() -> None:
        # Blocks when the pipe is full (the app is busy): the listing goes on.
        while (message := out.get()) is not None:
            try:
                pipes.write(sink, message)
            except OSError:
                return  # the app is gone or gave up

    writer = threading.Thread(target=send, name="survey-writer")
    writer.start()
    unreadable: list[str] = []
    files: list[Listed] = []
    for folder in listed(root, unreadable):
        files += folder
        if len(files) >= CHUNK:
            out.put(("files", files))
            files = []
    if files:
        out.put(("files", files))
    out.put(("end", unreadable))
    out.put(None)
    writer.join()
