"""The compiled read path (signals/_speedups.pyx) and its loader (signals/_native.py).

The rest of tests/signals runs on whichever build loads; these check that the
build that loads is the one expected, that a stale extension is refused, and
the cases the C ``__call__`` hands back to Python.
"""

from __future__ import annotations

import gc
import os
import weakref
from pathlib import Path

import pytest

import signals._native as native
from signals import Computed, CycleError, Signal, batch, computed, effect, signal

EXTENSION_BUILT = any(Path(native.__file__).parent.glob("_speedups.*.so")) or any(
    Path(native.__file__).parent.glob("_speedups.*.pyd")
)
PURE = os.environ.get("MARQUEE_PURE", "") not in ("", "0")


def test_the_compiled_read_path_is_used_exactly_when_built_and_not_pure() -> None:
    assert (native.speedups is not None) == (EXTENSION_BUILT and not PURE)
    if native.speedups is not None:
        assert "__call__" not in Signal.__dict__
        assert "__call__" not in Computed.__dict__
        assert type(Signal.__call__).__name__ == "wrapper_descriptor"
    else:
        assert "__call__" in Signal.__dict__
        assert "__call__" in Computed.__dict__


@pytest.mark.skipif(native.speedups is None, reason="the compiled build is not loaded")
def test_a_stale_extension_is_refused_naming_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = tmp_path / "_speedups.pyx"
    edited.write_text(native.SOURCE.read_text() + "\n# edited\n")
    monkeypatch.setattr(native, "SOURCE", edited)
    with pytest.raises(ImportError, match=r"_speedups\.pyx changed since its compiled build"):
        native._load()


def test_pure_forced_never_loads_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARQUEE_PURE", "1")
    assert native._load() is None


def test_reads_that_the_fast_path_hands_back_keep_their_semantics() -> None:
    s = signal(1)
    runs: list[int] = []

    def double() -> int:
        runs.append(s())
        if s() == 3:
            raise ValueError("three")
        return s() * 2

    c = computed(double)
    assert c() == 2 and c() == 2 and runs == [1]  # dirty, then clean
    s.set(3)
    with pytest.raises(ValueError, match="three"):
        c()  # a cached error is re-raised on every read
    with pytest.raises(ValueError, match="three"):
        c()
    assert runs == [1, 3]
    s.set(4)
    assert c() == 8

    seen: list[int] = []
    effect(lambda: seen.append(c() + s()))  # tracked reads of clean nodes
    with batch():
        s.set(5)
    assert seen == [12, 15]


def test_a_cycle_through_clean_reads_still_raises() -> None:
    flag = signal(False)
    box: list[Computed[int]] = []
    a = computed(lambda: box[0]() if flag() else 1)
    b = computed(lambda: a() + 1)
    box.append(b)
    assert b() == 2
    flag.set(True)
    with pytest.raises(CycleError):
        b()


def test_subclasses_read_through_the_python_path() -> None:
    class Named(Signal[int]):
        __slots__ = ("name",)

    class Doubled(Computed[int]):
        __slots__ = ()

    s = Named(2)
    d = Doubled(lambda: s() * 2)
    seen: list[int] = []
    effect(lambda: seen.append(d()))
    s.set(3)
    assert seen == [4, 6] and d() == 6 and s() == 3


def test_nodes_stay_weakly_referenceable_and_collectable() -> None:
    def make() -> list[weakref.ref[object]]:
        s = signal(1)
        c = computed(lambda: s() + 1)
        assert c() == 2
        return [weakref.ref(s), weakref.ref(c)]

    refs = make()
    gc.collect()
    assert all(r() is None for r in refs)
