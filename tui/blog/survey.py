"""A blog's post files and their stamps, listed by a child process.

At a next start nearly every post comes from the cache, and what is left
to do for a post is to find its file, stat it to be sure the cache still
holds for it. Finding and stat'ing take most of a second at 100,000 posts,
system calls most of it. A survey does them in a child process, on another
core, while this one makes the posts the cache holds.

The child imports only `tui.blog.walk` and `tui.blog.pipes`, so it starts
in about the time Python takes. Once it has listed every file, it first
says the fingerprint of them all (`tui.blog.walk.fingerprint`): when that
is the one the cache was written with, every post the cache holds still
stands, and the app reads nothing else of what the child says (at 100,000
posts, half a second less of taking in 100,000 stamps). Else the files
and their stamps follow.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

from tui.blog import pipes
from tui.blog.walk import Listed, fingerprint, listed

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
        self._messages = pipes.messages(self._process)
        self.unreadable: list[str] = []
        """Folders the child could not read, known once :meth:`files` is over."""
        self._ended = False

    def fingerprint(self) -> tuple[str | None, list[str]] | None:
        """The fingerprint of every file the child listed (see
        `tui.blog.walk.fingerprint`), with the folders it could not read: its
        first word, once it has listed them all. None when it is lost.

        A caller that holds the fingerprint of the same files as they were
        read then needs nothing else; else :meth:`files` follows.
        """
        try:
            kind, content = next(self._messages)
            if kind != "fingerprint":
                return None
            said, unreadable = content
            return said, list(unreadable)
        except (pipes.ChildLost, StopIteration, TypeError, ValueError):
            return None

    def files(self) -> Iterator[list[Listed]]:
        """Every post file with its stamp, some at a time, as the child lists them.

        Raises:
            SurveyLost: the child died (or said what it should not) half way.
        """
        try:
            for kind, content in self._messages:
                if kind == "fingerprint":
                    continue  # not asked for
                if kind == "end":
                    self.unreadable = list(content)
                    self._ended = True
                    return
                yield content
        except pipes.ChildLost as error:
            raise SurveyLost(str(error)) from error
        # The messages ended before the last: the child was lost while its
        # fingerprint was asked for.
        raise SurveyLost("lost before its files")

    def close(self) -> None:
        pipes.stop(self._process, at_once=not self._ended)


def serve() -> None:
    """The child: list the folder named on the command line, say its
    fingerprint, then every file with its stamp, then end."""
    gc.disable()  # short-lived, and it makes no cycles worth collecting
    root, sink = sys.argv[1], sys.stdout.buffer
    unreadable: list[str] = []
    every = [file for folder in listed(root, unreadable) for file in folder]
    messages: list[tuple[str, object]] = [("fingerprint", (fingerprint(every), unreadable))]
    messages += [("files", every[start : start + CHUNK]) for start in range(0, len(every), CHUNK)]
    messages.append(("end", unreadable))
    try:
        for message in messages:
            pipes.write(sink, message)
    except OSError:
        return  # the app is gone, or needed no more than the fingerprint
