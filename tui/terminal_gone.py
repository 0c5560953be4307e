"""Noticing that the terminal has gone when no SIGHUP says so.

A terminal can go away without its process being told: the app started
by `setsid` (or any process with no controlling terminal) whose pty is
closed, a session dropped by whatever held the pty's other end. Textual's
Linux driver (8.2.8) does not notice: its input thread reads end-of-file
from stdin, drops it and selects again at once (a core spinning at half its
time), and its output thread dies on the first write that fails with EIO,
after which the event loop blocks for ever on the full queue of writes,
deaf to SIGTERM. The terminal's hang-up is seen here instead, by a thread
that sleeps in poll() until the kernel reports it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from functools import partial

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL
LOOP_WAIT = 1.0
"""Seconds the app's loop has to answer once the terminal has gone, before
the unsaved text is kept without it and the app ends."""


def watch(
    loop: asyncio.AbstractEventLoop, stop: Callable[[], None], keep: Callable[[], None]
) -> threading.Thread | None:
    """Once the terminal the app reads and draws on hangs up, ``stop`` on
    ``loop``; or, if the loop does not answer within LOOP_WAIT (blocked on a
    write to the terminal that is gone), ``keep`` the unsaved text from the
    watching thread and end the process as SIGHUP would have.

    None when the app has no terminal.
    """
    files = []
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):  # Textual: 0 and 2
        try:
            if stream is not None and os.isatty(stream.fileno()):
                files.append(stream.fileno())
        except (OSError, ValueError):
            continue
    if not files:
        return None
    thread = threading.Thread(
        target=_wait, args=(files, partial(_gone, loop, stop, keep)), name="terminal-gone"
    )
    thread.daemon = True  # it sleeps until the process ends, unless the terminal goes first
    thread.start()
    return thread


def _wait(files: list[int], gone: Callable[[], None]) -> None:
    poller = select.poll()
    for number in files:
        # No event asked for: poll() reports a hang-up and an error anyway,
        # and sleeps until then, whatever is typed or drawn meanwhile.
        poller.register(number, 0)
    while True:
        if any(mask & _GONE for _, mask in poller.poll()):
            # What is still written to it (the shutdown's last frames) goes
            # nowhere, rather than failing: Textual's output thread stays up
            # and the loop is never blocked on it, and Python's last flush
            # does not end the process with status 120.
            with contextlib.suppress(OSError):
                nowhere = os.open(os.devnull, os.O_RDWR)
                for number in files:
                    os.dup2(nowhere, number)
            gone()
            return


def _gone(
    loop: asyncio.AbstractEventLoop, stop: Callable[[], None], keep: Callable[[], None]
) -> None:
    stopped = threading.Event()

    def stop_on_loop() -> None:
        stop()
        stopped.set()

    with contextlib.suppress(RuntimeError):  # the loop is closed: the app is over
        loop.call_soon_threadsafe(stop_on_loop)
    if not stopped.wait(LOOP_WAIT):
        keep()  # nothing runs on the loop meanwhile: what it holds stays still
        os._exit(128 + signal.SIGHUP)
