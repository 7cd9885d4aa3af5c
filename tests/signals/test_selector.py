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
