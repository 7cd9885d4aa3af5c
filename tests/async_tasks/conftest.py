"""Fixtures: a virtual clock installed for timers; no frame hook left behind."""

from __future__ import annotations

import pytest

from async_tasks import VirtualClock, install_clock, install_frame_hook, live_tasks


@pytest.fixture
def clock():
    clock = VirtualClock()
    install_clock(clock)
    yield clock
    install_clock(None)


@pytest.fixture(autouse=True)
def _no_hook_left():
    yield
    install_frame_hook(None)


@pytest.fixture
def no_leaks():
    """Fails the test if a spawned task is still running at its end."""
    yield
    left = live_tasks()
    for task in left:
        task.cancel()
    assert left == [], f"tasks left running: {left}"
