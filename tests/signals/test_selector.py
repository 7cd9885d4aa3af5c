"""selector(): only the readers of the old and the new key re-run."""

from __future__ import annotations

import sys
from typing import Any

from signals import create_root, effect, selector, signal


def test_changing_the_source_reruns_only_the_readers_of_the_old_and_new_key() -> None:
    selected = signal(3)
    runs: list[int] = []

    def build(dispose: object) -> None:
        is_selected = selector(selected)
        for i in range(100):
            effect(lambda i=i: (is_selected(i), runs.append(i)))

    create_root(build)
    assert len(runs) == 100
    runs.clear()

    selected.set(6)

    assert sorted(runs) == [3, 6]


def test_a_selector_reports_the_current_key() -> None:
    selected = signal("a")
    seen: list[tuple[str, bool]] = []

    def build(dispose: object) -> None:
        is_selected = selector(selected)
        for key in "abc":
            effect(lambda key=key: seen.append((key, is_selected(key))))

    create_root(build)
    seen.clear()
    selected.set("c")
    assert sorted(seen) == [("a", False), ("c", True)]


def test_keys_nobody_reads_any_more_are_dropped() -> None:
    from signals import create_root, effect, selector, signal

    chosen = signal(0)
    is_selected = selector(chosen)
    seen: dict[int, bool] = {}

    def read_all(first: int) -> None:
        def run() -> None:
            for key in range(first, first + 100):
                seen[key] = is_selected(key)

        create_root(lambda dispose: (effect(run), dispose)[1])()  # read, then drop the readers

    for batch_start in range(0, 10_000, 100):
        read_all(batch_start)
    # The key table is private: find it among the closure's cells (the compiled build's
    # reader keeps the Python function, which shares the table).
    function = getattr(is_selected, "py_read", is_selected)
    tables = [cell.cell_contents for cell in function.__closure__ or ()
              if isinstance(cell.cell_contents, dict)]
    assert len(tables) == 1
    assert len(tables[0]) <= 512  # 10,000 keys were read, 100 at a time
    reader = []
    create_root(lambda d: effect(lambda: reader.append(is_selected(9_999))))
    chosen.set(9_999)
    assert reader == [False, True]


def test_every_read_path_agrees_a_new_key_a_known_key_a_stale_watcher_and_debug() -> None:
    """The compiled build reads in C (a new key makes its signal there too); a watcher
    not yet refreshed and debug mode take the Python function. Each path gives the
    same answers and subscribes its reader the same way."""
    from signals import batch, set_debug
    from signals._native import speedups

    selected = signal(1)
    is_selected = selector(selected)
    seen: list[tuple[int, bool]] = []
    python_reads = _PythonReads(is_selected)
    with python_reads:
        create_root(lambda d: [effect(lambda k=k: seen.append((k, is_selected(k))))
                               for k in (1, 2)])
    assert sorted(seen) == [(1, True), (2, False)]  # two new keys
    if speedups is not None:
        assert type(is_selected) is speedups.SelectorRead
        assert python_reads.count == 0  # both read in C
    seen.clear()
    with batch():
        selected.set(2)
        assert is_selected(2) and not is_selected(1)  # the watcher is stale: refreshed first
        assert is_selected(3) is False  # a new key while stale
    assert sorted(seen) == [(1, False), (2, True)]
    seen.clear()
    set_debug(True)
    try:
        selected.set(3)
        assert is_selected(3) and not is_selected(4)
    finally:
        set_debug(False)
    assert sorted(seen) == [(2, False)]
    create_root(lambda d: effect(lambda: seen.append((3, is_selected(3)))))
    selected.set(1)
    assert sorted(seen) == [(1, True), (2, False), (3, False), (3, True)]


class _PythonReads:
    """Counts the calls of the Python `is_selected` while active."""

    def __init__(self, is_selected: object) -> None:
        function = getattr(is_selected, "py_read", is_selected)
        self.code = function.__code__  # type: ignore[attr-defined]
        self.count = 0

    def _profile(self, frame: Any, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code is self.code:
            self.count += 1

    def __enter__(self) -> None:
        sys.setprofile(self._profile)

    def __exit__(self, *_exc: object) -> None:
        sys.setprofile(None)
