"""A blog's post files and their stamps, listed by a child process.

At a next start nearly every post comes from the cache, and what is left
to do for a post is to find its file, stat it to be sure the cache still
holds for it. Finding and stat'ing take most of a second at 100,000 posts,
system calls most of it. A survey does them in a child process, on another
core, while this one makes the posts the cache holds.

The child imports only `tui.blog.walk`, `tui.blog.pipes` and
`tui.blog.cache_format`, so it starts in about the time Python takes. Once
it has listed every file, it reads the cache's stamps itself and first
says which files changed, were added or went since the cache was written:
the app takes in those few (none, most often), not 100,000 stamps (half a
second at 100,000 posts). Every file and its stamp follow, for a caller
that has no cache, or a cache other than the one the child read.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from tui.blog import cache_format, pipes
from tui.blog.walk import Listed, listed

CHUNK = 2_000
"""Files in one message: few messages, and the first soon."""


class Changes(NamedTuple):
    """The post files that changed since the cache with ``digest`` was written."""

    digest: bytes
    """That of the cache file's contents the child compared with (`tui.blog.cache_format`)."""
    changed: list[Listed]
    """Files not in the cache, or whose stamp is no longer the one it holds."""
    gone: list[str]
    """Paths (from the blog's folder) of the cache's posts whose files are not there."""
    unreadable: list[str]
    """Folders that could not be read."""

    @property
    def none(self) -> bool:
        """Whether every file is as the cache has it."""
        return not self.changed and not self.gone


class SurveyLost(Exception):
    """The child ended before it listed every file: the caller lists the rest."""


class Survey:
    """The listing of one blog's post files, made by a child process.

    Raises OSError when no process can be started. Used from one thread.
    """

    def __init__(self, root: Path, cache: Path | None = None) -> None:
        self.root = root
        # With a ``cache`` file, the child also says what changed since it
        # was written; then a start's list waits for it, and it does not
        # yield its core (at 100,000 posts, a fifth of a second sooner).
        arguments = (str(root), str(cache)) if cache is not None else (str(root),)
        niceness = 0 if cache is not None else pipes.NICENESS
        self._process = pipes.start(pipes.command(__name__, *arguments, niceness=niceness))
        self._messages = pipes.messages(self._process)
        self.unreadable: list[str] = []
        """Folders the child could not read, known once :meth:`files` is over."""
        self._ended = False

    def changes(self) -> Changes | None:
        """What changed since the cache was written, as the child found it
        by comparing each file's stamp with the cache's: its first word, once
        it has listed every file. None when it could not read the cache, or
        is lost; then :meth:`files` follows.
        """
        try:
            kind, content = next(self._messages)
            if kind != "changes" or content is None:
                return None
            digest, changed, gone, unreadable = content
            return Changes(bytes(digest), list(changed), list(gone), list(unreadable))
        except (pipes.ChildLost, StopIteration, TypeError, ValueError):
            return None

    def files(self) -> Iterator[list[Listed]]:
        """Every post file with its stamp, some at a time, as the child lists them.

        Raises:
            SurveyLost: the child died (or said what it should not) half way.
        """
        try:
            for kind, content in self._messages:
                if kind == "changes":
                    continue  # not asked for
                if kind == "end":
                    self.unreadable = list(content)
                    self._ended = True
                    return
                yield content
        except pipes.ChildLost as error:
            raise SurveyLost(str(error)) from error
        # The messages ended before the last: the child was lost while what
        # changed was asked for.
        raise SurveyLost("lost before its files")

    def close(self) -> None:
        pipes.stop(self._process, at_once=not self._ended)


def serve() -> None:
    """The child: list the folder named on the command line; say what
    changed since the cache file named after it, if any, was written; then
    every file with its stamp; then end."""
    gc.disable()  # short-lived, and it makes no cycles worth collecting
    root, cache, sink = sys.argv[1], sys.argv[2:], sys.stdout.buffer
    # The cache is read while the files are listed: stat'ing them is system
    # calls, which leave the interpreter to the reading.
    then: list[cache_format.Contents | None] = []

    def read_cache() -> None:
        if cache:
            then.append(cache_format.read(Path(cache[0]), stamps_only=True))

    reading = threading.Thread(target=read_cache, name="survey-cache")
    reading.start()
    unreadable: list[str] = []
    every = [file for folder in listed(root, unreadable) for file in folder]
    reading.join()
    found = changes(every, then[0]) if then else None
    try:
        # Said as soon as known: the app may need no more.
        pipes.write(sink, ("changes", (*found, unreadable) if found else None))
        for start in range(0, len(every), CHUNK):
            pipes.write(sink, ("files", every[start : start + CHUNK]))
        pipes.write(sink, ("end", unreadable))
    except OSError:
        return  # the app is gone, or needed no more


def changes(
    every: list[Listed], contents: cache_format.Contents | None
) -> tuple[bytes, list[Listed], list[str]] | None:
    """What changed in ``every`` file since the cache with ``contents`` (its
    stamps at least) was written: its digest, the files changed or new, the
    paths gone. None when there is no cache to compare with."""
    if contents is None:
        return None
    then = dict(zip(contents.relatives, contents.stamps, strict=True))
    changed = [file for file in every if file[1] is None or then.get(file[0]) != file[1]]
    gone = list(then.keys() - {relative for relative, _ in every})
    return contents.digest, changed, gone
