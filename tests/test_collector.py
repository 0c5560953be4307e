"""Holding off the cycle collector (the app starting, a blog loading) leaves it as it was found."""

from __future__ import annotations

import gc

import pytest

from tui.blog.collector import held_off, hold


def test_the_collector_is_back_after_loading_even_after_an_error() -> None:
    assert gc.isenabled()
    with held_off():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), held_off():
        raise RuntimeError("reading failed")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_program_stays_off() -> None:
    gc.disable()
    try:
        with held_off():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_holds_give_the_collector_back_when_the_last_ends() -> None:
    """The app's start and a reading in a thread each hold it off, and
    either may end first."""
    assert gc.isenabled()
    start = hold()
    with held_off():
        start()
        assert not gc.isenabled()  # the reading still holds it
    assert gc.isenabled()

    start = hold()
    with held_off():
        pass
    assert not gc.isenabled()  # the start still holds it
    start()
    assert gc.isenabled()


def test_a_hold_ended_twice_ends_once() -> None:
    start = hold()
    with held_off():
        start()
        start()  # as the app's end does, after its main screen did
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_was_made_while_held_off_is_left_out_of_later_collections() -> None:
    frozen = gc.get_freeze_count()
    with held_off():
        made: list[list[int]] = [[] for _ in range(1000)]
    assert gc.get_freeze_count() >= frozen + len(made)
    gc.unfreeze()  # the tests' own objects, collected as before
