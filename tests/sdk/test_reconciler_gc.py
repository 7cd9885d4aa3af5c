"""A flush pauses the cyclic GC while it renders and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest
from reconciler_kit import Text, View

from sdk import ComponentError, SceneRoot, component


def test_the_gc_is_off_during_a_render_and_on_again_after() -> None:
    seen: list[bool] = []

    @component
    def Probe() -> object:
        seen.append(gc.isenabled())
        return Text("x")

    root = SceneRoot(View(Probe()))
    assert gc.isenabled()
    root.flush()
    assert seen == [False]
    assert gc.isenabled()


def test_a_failing_render_still_turns_the_gc_back_on() -> None:
    @component
    def Broken() -> object:
        raise ValueError("boom")

    root = SceneRoot(View(Broken()))
    with pytest.raises(ComponentError):
        root.flush()
    assert gc.isenabled()


def test_an_app_that_turned_the_gc_off_keeps_it_off() -> None:
    root = SceneRoot(View(Text("x")))
    gc.disable()
    try:
        root.flush()
        assert not gc.isenabled()
    finally:
        gc.enable()
