"""selector(): only the readers of the old and the new key re-run."""

from __future__ import annotations

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
    # The key table is private: find it among the closure's cells.
    tables = [cell.cell_contents for cell in is_selected.__closure__ or ()
              if isinstance(cell.cell_contents, dict)]
    assert len(tables) == 1
    assert len(tables[0]) <= 512  # 10,000 keys were read, 100 at a time
    reader = []
    create_root(lambda d: effect(lambda: reader.append(is_selected(9_999))))
    chosen.set(9_999)
    assert reader == [False, True]
