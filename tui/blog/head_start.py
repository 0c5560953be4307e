"""A large blog's start: its posts parsed, or its files listed, from the moment the app starts.

At a first start every post must be parsed, and the app takes half a
second after its first frame to import, draw and list its main screen
before it asks for a post. The processes that parse (`tui.blog.parallel`)
are started as soon as that first frame is drawn, and each reads its share
of the folder on its own: by the time the main screen asks, much of the
blog has been parsed. (Started before the first frame, they delayed it by
half on a machine of two cores.)

A next start (a cache is there) needs every file listed and stat'ed, to
know which posts the cache still holds for: the process that does it (a
`tui.blog.survey.Survey`) starts at the same moment, for the same reason.

It imports nothing heavier than `pipes` (and `survey` when one is
started, in the thread that starts it), so that the start screen's frame
is followed at once by the children's start; the workers import it too.
"""

from __future__ import annotations

import os
import subprocess
import threading
import zlib
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.blog import pipes

if TYPE_CHECKING:
    from concurrent.futures import Future

    from tui.blog.survey import Survey

APP_NAME = "blog-tui"
PARALLEL_FROM = 256
"""Files to parse from which workers are worth their start (a tenth of a second each)."""
MOST_WORKERS = 4
WORKER = "tui.blog.parallel"
"""The module whose ``serve()`` a worker runs."""


def worker_count() -> int:
    """Workers for this machine: one a core the process may use, up to MOST_WORKERS."""
    if not pipes.can_start():
        return 0
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


def cache_folder() -> Path:
    """The user's cache folder of the app, where each blog's cache and glimpse are kept."""
    import platformdirs  # here: a worker imports this module, and needs it not

    return Path(platformdirs.user_cache_dir(APP_NAME))


def cache_file(root: Path, folder: Path | None = None) -> Path:
    """Where the cache of the blog at ``root`` is kept (see `tui.blog.cache`)."""
    import hashlib  # here: a worker imports this module, and needs it not

    folder = folder or cache_folder()
    digest = hashlib.sha256(str(root.absolute()).encode("utf-8", "surrogateescape"))
    return folder / f"posts-{digest.hexdigest()[:32]}.cache"


GLIMPSE_PREFIX = "glimpse-"


def glimpse_file(root: Path, folder: Path | None = None) -> Path:
    """Where the glimpse of the blog at ``root`` is kept (`tui.blog.glimpse`): beside its cache."""
    posts = cache_file(root, folder)
    return posts.with_name(GLIMPSE_PREFIX + posts.stem.removeprefix("posts-") + ".json")


def any_glimpse_kept() -> bool:
    """Whether a glimpse of any blog is kept: none before the first start
    ever. Asked without hashlib, which the first frame does not need."""
    try:
        with os.scandir(cache_folder()) as entries:
            return any(entry.name.startswith(GLIMPSE_PREFIX) for entry in entries)
    except OSError:
        return False


def share_of(relative: str, shares: int) -> int:
    """Which of ``shares`` workers reads the file at ``relative`` (from the
    blog's folder): each lists the folder itself, and reads its own files."""
    return zlib.crc32(relative.encode("utf-8", "surrogateescape")) % shares


def first_start_workers(root: Path) -> int:
    """How many workers should parse the blog at ``root``: one a core when
    this is a first start (no cache yet) of a large blog on a machine of more
    than one core, else none (it is read in the app's process). Never raises."""
    workers = worker_count()
    try:
        if workers < 2 or cache_file(root).exists() or not looks_large(root):
            return 0
    except OSError:  # the cache's folder cannot be looked into: no first start to speed up
        return 0
    return workers


class HeadStart(NamedTuple):
    """The children started with the app: a first start's workers, or a next start's survey.

    A named tuple, not a dataclass: this module is imported before the
    first frame (see tui/widgets/tag_sidebar.py's Row)."""

    readers: Sequence[subprocess.Popen[bytes]] = ()
    survey: Survey | None = None


def start(root: Path) -> HeadStart:
    """Workers reading the blog at ``root``, each its share, when
    :func:`first_start_workers` wants some; else, when a cache is there and
    another core, the survey of its files; else none. A share whose worker
    could not start is read later as if it had been lost (see
    :meth:`tui.blog.parallel.ParallelReader.found`). Never raises."""
    workers = first_start_workers(root)
    if not workers:
        return HeadStart(survey=next_start_survey(root))
    started = []
    for share in range(workers):
        try:
            process = pipes.start(pipes.command(WORKER))
        except OSError:
            break  # no process to be had
        started.append(process)
        try:
            assert process.stdin is not None
            pipes.write(process.stdin, ("folder", str(root), share, workers))
        except OSError:
            pass  # it is gone already: found() knows it as lost
    return HeadStart(readers=started)


def next_start_survey(root: Path) -> Survey | None:
    """The survey of a next start's files, compared with the cache, when a
    cache is there and another core for it. Never raises."""
    try:
        cache = cache_file(root)
        if worker_count() < 2 or not cache.exists():
            return None
        from tui.blog.survey import Survey  # in the thread: not on the way to the window

        return Survey(root, cache)
    except OSError:  # no process to be had, or no cache folder to look into
        return None


def start_soon(root: Path) -> Future[HeadStart]:
    """:func:`start`, in a thread of its own: whether to start the workers is
    asked of the disk (the cache file, the folder's first entries), which the
    app's thread never waits for."""
    from concurrent.futures import Future  # here: a worker imports this module

    started: Future[HeadStart] = Future()

    def run() -> None:
        started.set_result(start(root))

    threading.Thread(target=run, name="head-start", daemon=True).start()
    return started
