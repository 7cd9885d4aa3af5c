"""Debug mode makes component misuse loud and costs nothing when off."""

from __future__ import annotations

import warnings

import pytest

from sdk import VIEW, SceneRoot, component, host_element, use_memo, use_signal
from signals import SignalWarning, set_debug, signal


@pytest.fixture
def debug():
    set_debug(True)
    yield
    set_debug(False)


@component
def _BareSignal():
    count = signal(0)
    kept = use_signal(1)
    return host_element(VIEW, (), {"width": lambda: kept() + count()}, None)


def test_a_bare_signal_in_a_component_body_warns_in_debug_mode(debug):
    with pytest.warns(SignalWarning, match="created while rendering component _BareSignal"):
        SceneRoot(_BareSignal()).flush()


def test_use_signal_does_not_warn_and_nothing_warns_with_debug_off():
    with warnings.catch_warnings():
        warnings.simplefilter("error", SignalWarning)
        SceneRoot(_BareSignal()).flush()  # debug off: silent


def test_use_signal_itself_never_warns(debug):
    @component
    def Fine():
        kept = use_signal(1)
        return host_element(VIEW, (), {"width": kept}, None)

    with warnings.catch_warnings():
        warnings.simplefilter("error", SignalWarning)
        SceneRoot(Fine()).flush()


def test_a_signal_made_inside_use_memo_is_created_once_and_does_not_warn(debug):
    made = []

    @component
    def Memoised():
        kept = use_memo(lambda: made.append(1) or signal(1))
        return host_element(VIEW, (), {"width": kept}, None)

    with warnings.catch_warnings():
        warnings.simplefilter("error", SignalWarning)
        root = SceneRoot(Memoised())
        root.flush()
        root.flush()
    assert made == [1]
