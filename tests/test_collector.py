"""Holding off the cycle collector while a blog loads leaves it as it was found."""

from __future__ import annotations

import gc

import pytest

from tui.blog.collector import held_off


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
