"""Full cycle collections: made when the user is idle, or when overdue; never lost."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import started
from tui import idle_collector
from tui.app import BlogApp
from tui.blog.collector import held_off
from tui.idle_collector import DUE, IDLE, NEVER, OVERDUE, IdleCollector

pytestmark = pytest.mark.skipif(
    not idle_collector.SUPPORTED, reason="Python collects its old objects in parts"
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def collector(clock: Clock) -> Iterator[IdleCollector]:
    gc.collect()
    collector = IdleCollector(clock)
    collector.start()
    try:
        yield collector
    finally:
        collector.stop()


def middle_collections(count: int) -> None:
    """What Python does as the app runs: survivors of young collections move up."""
    for _ in range(count):
        gc.collect(1)


def test_python_makes_no_full_collection_of_its_own_while_the_app_does() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_a_due_collection_waits_for_the_user_to_be_idle(
    collector: IdleCollector, clock: Clock
) -> None:
    clock.now += 2 * IDLE
    assert not collector.check()  # idle, but nothing lived long enough since
    middle_collections(DUE)
    collector.active()
    clock.now += IDLE / 2
    assert not collector.check()  # a key was pressed a moment ago
    clock.now += IDLE
    assert collector.check()
    assert collector.collections == 1
    assert not collector.check()  # done: not due again


def test_no_collection_is_made_while_posts_are_read(collector: IdleCollector, clock: Clock) -> None:
    clock.now += 2 * IDLE
    with held_off():  # as the reading does
        middle_collections(OVERDUE)
        assert not collector.check()
    # What was read is frozen, out of later collections: only what comes after counts.
    middle_collections(DUE)
    assert collector.check()


def test_an_overdue_collection_is_made_even_while_the_user_is_busy(
    collector: IdleCollector, clock: Clock
) -> None:
    middle_collections(OVERDUE - 1)
    collector.active()
    assert not collector.check()
    middle_collections(1)
    assert collector.check()


def test_cycles_left_behind_are_collected_once_idle(collector: IdleCollector, clock: Clock) -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only a collection frees it

    garbage = [Node() for _ in range(10_000)]
    middle_collections(DUE)  # now in the oldest generation
    alive = weakref.ref(garbage[0])
    del garbage
    assert alive() is not None  # Python, on its own, would not have collected it yet
    clock.now += 2 * IDLE
    assert collector.check()
    assert alive() is None


async def test_the_app_takes_full_collections_over_and_counts_keys_and_opens(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = gc.get_threshold()
    app = BlogApp(blog_dir)
    seen: list[str] = []
    monkeypatch.setattr(app.collector, "active", lambda: seen.append("active"))
    async with app.run_test() as pilot:
        await started(pilot)
        assert gc.get_threshold()[2] == NEVER
        opened = len(seen)
        assert opened >= 1  # the newest post, shown with no key pressed
        await pilot.press("j")
        assert len(seen) > opened
    assert gc.get_threshold() == before
