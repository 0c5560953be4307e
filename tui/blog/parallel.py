"""Posts parsed in other processes, when a blog has many files to read.

Parsing front matter is Python work (PyYAML builds its objects in Python
even with libyaml): one core reads about 6,000 posts a second, and threads
would share that core. A first start of a large blog hands its files to a
few worker processes instead, which parse them on the other cores while
the terminal app stays responsive.

Workers are child processes (see `tui.blog.pipes`). A worker that cannot
start or dies leaves its files to be read here: a post is never lost to a
worker.
"""

from __future__ import annotations

import gc
import os
import pickle
import selectors
import sys
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tui.blog import pipes
from tui.blog.cache import post_from_record, record_of
from tui.blog.post import Post, read_post

PARALLEL_FROM = 256
"""Files to parse from which workers are worth their start (a tenth of a second each)."""
CHUNK = 100
"""Files a worker is given at a time: small enough to share the work evenly."""
AHEAD = 2
"""Chunks a worker holds at once, so that it never waits for this process to
hand it the next one (this process shares its time with the terminal app)."""
MOST_WORKERS = 4
Item = tuple[Path, str]
"""A file to parse: its path, and its path from the blog's folder."""


def worker_count() -> int:
    """Workers for this machine: one a core the process may use, up to MOST_WORKERS."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return 0  # a bundled app: no Python to start workers with
    if os.name == "nt":
        return 0  # selectors there wait on sockets only, not on a worker's pipe
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MOST_WORKERS)


def looks_large(folder: Path) -> bool:
    """Whether ``folder`` holds PARALLEL_FROM entries or more (files or folders:
    a Hugo blog keeps each post in a folder of its own). Never raises."""
    try:
        with os.scandir(folder) as entries:
            return sum(1 for _ in islice(entries, PARALLEL_FROM)) >= PARALLEL_FROM
    except OSError:
        return False


def worker_command() -> list[str]:
    """How a worker is started."""
    return pipes.command(__name__)


class _Worker:
    def __init__(self, command: list[str]) -> None:
        self.process = pipes.start(command)
        self.given: deque[list[Item]] = deque()
        """The chunks it was given and has not answered for, oldest first."""

    def give(self, root: Path, items: list[Item]) -> None:
        assert self.process.stdin is not None
        self.given.append(items)
        pipes.write(
            self.process.stdin, (str(root), [(str(path), relative) for path, relative in items])
        )

    def answer(self) -> tuple[list[Item], list[list[Any]]]:
        """The oldest chunk given, and the records of its files in their order;
        EOFError if the worker died."""
        assert self.process.stdout is not None
        records = pipes.read(self.process.stdout)
        items = self.given.popleft()
        if not isinstance(records, list) or len(records) != len(items):
            raise EOFError("a worker answered for other files")
        return items, records

    def unanswered(self) -> list[Item]:
        items = [item for chunk in self.given for item in chunk]
        self.given.clear()
        return items

    def stop(self) -> None:
        """End the worker; at once when it has work left (the reading was given up)."""
        pipes.stop(self.process, at_once=bool(self.given))


class ParallelReader:
    """Files parsed by worker processes, their posts collected as they come.

    Used from one thread. Files are taken with :meth:`add` as a folder walk
    finds them, which gives what is parsed so far; :meth:`rest` gives the
    rest once the walk is over, and :meth:`close` stops the workers.
    """

    def __init__(self, root: Path, workers: int) -> None:
        self.root = root
        self._waiting: list[Item] = []
        self._selector = selectors.DefaultSelector()
        self._workers: list[_Worker] = []
        self._done: list[Post] = []
        for _ in range(workers):
            try:
                worker = _Worker(worker_command())
            except OSError:
                break  # no process to be had: the rest is read here
            assert worker.process.stdout is not None
            self._selector.register(worker.process.stdout, selectors.EVENT_READ, worker)
            self._workers.append(worker)

    @property
    def workers(self) -> int:
        return len(self._workers)

    @property
    def _busy(self) -> bool:
        return any(worker.given for worker in self._workers)

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
    """A worker's loop: parse the files given on standard input, answer on standard output."""
    gc.disable()  # short-lived, and it makes no cycles worth collecting
    pipes.lower_priority()
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            root, items = pipes.read(source)
        except EOFError:
            return
        folder = Path(root)
        posts = (read_post(Path(path), folder, relative) for path, relative in items)
        pipes.write(sink, [record_of(post) for post in posts])
