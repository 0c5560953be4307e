"""Holding off the cycle collector while a blog loads leaves it as it was found."""

from __future__ import annotations

import gc

import pytest

from tui.blog.collector import held_off, paused


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


def test_holds_that_overlap_leave_the_collector_as_it_was() -> None:
    # The reading thread and the preview each hold it, and end in any order.
    assert gc.isenabled()
    with held_off():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    loading, preview = held_off(), paused()
    loading.__enter__()
    preview.__enter__()
    loading.__exit__(None, None, None)
    assert not gc.isenabled()
    preview.__exit__(None, None, None)
    assert gc.isenabled()
