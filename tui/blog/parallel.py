"""Posts parsed in other processes, when a blog has many files to read.

Parsing front matter is Python work: one core reads about 8,000 posts a
second, and threads would share that core. A first start of a large blog
has worker processes parse them instead, on the other cores, while the
terminal app stays responsive. Workers either read a share of the folder
on their own, from the moment the window is drawn (`tui.blog.head_start`),
or parse the files they are given as the folder is listed.

Workers are child processes (see `tui.blog.pipes`). A worker that cannot
start or dies leaves its files to be read here: a post is never lost to a
worker.
"""

from __future__ import annotations

import gc
import pickle
import queue
import selectors
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from tui.blog import pipes
from tui.blog.head_start import WORKER, share_of
from tui.blog.post import Post, read_post
from tui.blog.rows import post_from_record, record_of
from tui.blog.walk import Stamp, listed

CHUNK = 100
"""Files a worker is given at a time: small enough to share the work evenly."""
AHEAD = 2
"""Chunks a worker holds at once, so that it never waits for this process to
hand it the next one (this process shares its time with the terminal app)."""
Item = tuple[Path, str]
"""A file to parse: its path, and its path from the blog's folder."""
Found = tuple[str, Stamp, Post]
"""A post a worker read of its share of the folder: its path from the
blog's folder, the stamp its file had when the worker listed it, the post."""


def worker_command() -> list[str]:
    """How a worker is started."""
    return pipes.command(WORKER)


class _Worker:
    def __init__(self, process: subprocess.Popen[bytes], reading_share: bool = False) -> None:
        self.process = process
        self.given: deque[list[Item]] = deque()
        """The chunks it was given and has not answered for, oldest first."""
        self.reading_share = reading_share
        """Whether it is reading its share of the folder (see `tui.blog.head_start`)."""

    def give(self, root: Path, items: list[Item]) -> None:
        assert self.process.stdin is not None
        self.given.append(items)
        pipes.write(
            self.process.stdin,
            ("files", str(root), [(str(path), relative) for path, relative in items]),
        )

    def answer(self) -> tuple[list[Item], list[list[Any]]]:
        """The oldest chunk given, and the records of its files in their order;
        EOFError if the worker died."""
        assert self.process.stdout is not None
        kind, records = pipes.read(self.process.stdout)
        items = self.given.popleft()
        if kind != "records" or not isinstance(records, list) or len(records) != len(items):
            raise EOFError("a worker answered for other files")
        return items, records

    def unanswered(self) -> list[Item]:
        items = [item for chunk in self.given for item in chunk]
        self.given.clear()
        return items

    def stop(self) -> None:
        """End the worker; at once when it has work left (the reading was given up)."""
        pipes.stop(self.process, at_once=bool(self.given) or self.reading_share)


class ParallelReader:
    """Files parsed by worker processes, their posts collected as they come.

    Used from one thread. Files are taken with :meth:`add` as a folder walk
    finds them, which gives what is parsed so far; :meth:`rest` gives the
    rest once the walk is over, and :meth:`close` stops the workers.

    Workers ``started`` by `tui.blog.head_start` are reading their shares of
    the folder: :meth:`found` gives what they read, before any :meth:`add`.
    """

    def __init__(
        self, root: Path, workers: int, started: Sequence[subprocess.Popen[bytes]] = ()
    ) -> None:
        self.root = root
        self._waiting: list[Item] = []
        self._selector = selectors.DefaultSelector()
        self._workers: list[_Worker] = []
        self._done: list[Post] = []
        self.reads_shares = bool(started)
        """Whether its workers began by reading their shares of the folder."""
        for process in started:
            self._take(_Worker(process, reading_share=True))
        for _ in range(workers if not started else 0):
            try:
                self._take(_Worker(pipes.start(worker_command())))
            except OSError:
                break  # no process to be had: the rest is read here

    def _take(self, worker: _Worker) -> None:
        assert worker.process.stdout is not None
        self._selector.register(worker.process.stdout, selectors.EVENT_READ, worker)
        self._workers.append(worker)

    @property
    def workers(self) -> int:
        return len(self._workers)

    @property
    def _busy(self) -> bool:
        return any(worker.given for worker in self._workers)

    def found(self, path_of: Callable[[str], Path]) -> Iterator[list[Found]]:
        """What the workers read of their shares of the folder, some at a time,
        as they read it, until each has read all of its share. What a worker
        lost half way had not read is not given: the caller reads it otherwise.
        ``path_of`` makes a post's path from its path from the blog's folder.
        """
        while reading := [worker for worker in self._workers if worker.reading_share]:
            for key, _ in self._selector.select():
                worker = key.data
                if worker not in reading:
                    continue
                assert worker.process.stdout is not None
                try:
                    kind, content = pipes.read(worker.process.stdout)
                    if kind == "read":
                        yield [
                            (name, current, post_from_record(path_of(name), name, record))
                            for name, current, record in content
                        ]
                    elif kind == "share read":
                        worker.reading_share = False
                    else:
                        raise ValueError(f"a worker said {kind!r}")
                except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError):
                    self._drop(worker)

    def add(self, path: Path, relative: str) -> list[Post]:
        """Take a file to parse; give the posts parsed by now, if any.

        Workers are looked at once a chunk: each look lets the interpreter go
        to the app's thread, which may then keep it a while.
        """
        self._waiting.append((path, relative))
        if len(self._waiting) < CHUNK:
            return []
        self._collect(timeout=0)
        self._hand_out()
        done, self._done = self._done, []
        return done

    def rest(self) -> Iterator[list[Post]]:
        """Every post :meth:`add` has not given yet, a chunk at a time, as they come."""
        while self._waiting or self._busy:
            self._hand_out(everything=True)
            if not self.workers:
                # No worker left: what is left is read in this process.
                self._done += [read_post(path, self.root, rel) for path, rel in self._waiting]
                self._waiting = []
            else:
                self._collect(timeout=None)
            if self._done:
                done, self._done = self._done, []
                yield done

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers = []
        self._selector.close()

    def _hand_out(self, everything: bool = False) -> None:
        for worker in sorted(self._workers, key=lambda worker: len(worker.given)):
            while len(worker.given) < AHEAD and (
                len(self._waiting) >= CHUNK or (everything and self._waiting)
            ):
                items, self._waiting = self._waiting[:CHUNK], self._waiting[CHUNK:]
                try:
                    worker.give(self.root, items)
                except OSError:
                    self._drop(worker)  # its chunks wait for another, or for this process
                    break

    def _collect(self, timeout: float | None) -> None:
        if not self._busy:
            return
        for key, _ in self._selector.select(timeout):
            worker: _Worker = key.data
            try:
                items, records = worker.answer()
            except (EOFError, OSError, pickle.UnpicklingError, ValueError):
                self._drop(worker)
                continue
            for (path, relative), record in zip(items, records, strict=True):
                try:
                    self._done.append(post_from_record(path, relative, record))
                except (TypeError, ValueError):  # cannot happen with our own worker
                    self._done.append(read_post(path, self.root, relative))

    def _drop(self, worker: _Worker) -> None:
        """Stop ``worker``; the files it had not answered for are read otherwise."""
        self._waiting[:0] = worker.unanswered()
        assert worker.process.stdout is not None
        self._selector.unregister(worker.process.stdout)
        self._workers.remove(worker)
        worker.stop()


def serve() -> None:
    """A worker: read its share of a folder if asked, and the files it is
    given, answering on standard output.

    A thread reads what it is asked, so that the end of its input (the app
    ended, or gave up the reading) stops a share half read. Answers go out
    through an outbox, so that it goes on reading while the app, busy
    drawing its window, has not taken them yet.
    """
    gc.disable()  # short-lived, and it makes no cycles worth collecting
    asked: queue.SimpleQueue[Any] = queue.SimpleQueue()
    gone = threading.Event()

    def receive() -> None:
        source = sys.stdin.buffer
        while True:
            try:
                asked.put(pipes.read(source))
            except Exception:  # EOF, or what none of ours sends
                break
        gone.set()
        asked.put(None)

    threading.Thread(target=receive, name="worker-asked", daemon=True).start()
    answers = pipes.Outbox(sys.stdout.fileno())
    try:
        while (request := asked.get()) is not None and not gone.is_set():
            if request[0] == "folder":
                _, root, share, shares = request
                _read_share(Path(root), share, shares, answers, gone)
            else:
                _, root, items = request  # ("files", root, [(path, relative), ...])
                folder = Path(root)
                posts = (read_post(Path(path), folder, relative) for path, relative in items)
                answers.put(("records", [record_of(post) for post in posts]))
            # The app waits for these: all of it goes out before the next request.
            answers.flush()
    except OSError:
        pass  # the app is gone


class _Answers(Protocol):
    """Where a share's answers go: the worker's outbox (a queue, in tests)."""

    def put(self, message: Any) -> None: ...


def _read_share(
    root: Path, share: int, shares: int, answers: _Answers, gone: threading.Event
) -> None:
    read: list[tuple[str, Stamp, list[Any]]] = []

    def mine(relative: str) -> bool:
        return share_of(relative, shares) == share

    # Only its own files are stat'ed, and once: their stamps as listed.
    # Unreadable folders: the app's own listing says.
    links: set[str] = set()
    for files in listed(str(root), [], keep=mine, links=links):
        for relative, current in files:
            if current is None:
                continue
            if gone.is_set():
                return
            post = read_post(root / relative, root, relative, current, relative in links)
            read.append((relative, current, record_of(post)))
            if len(read) >= CHUNK:
                answers.put(("read", read))
                read = []
    answers.put(("read", read))
    answers.put(("share read", None))
