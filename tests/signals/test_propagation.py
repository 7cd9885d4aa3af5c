"""Push-pull propagation: glitch freedom, laziness, caching, dynamic deps, equality."""

from __future__ import annotations

from signals import batch, computed, effect, signal


def test_diamond_recomputes_the_sink_once_and_never_sees_a_mix() -> None:
    #      a
    #     / \
    #    b   c
    #     \ /
    #      d  <- effect
    order: list[str] = []
    a = signal(1)
    b = computed(lambda: (order.append("b"), a() * 2)[1])
    c = computed(lambda: (order.append("c"), a() * 3)[1])
    seen: list[tuple[int, int]] = []

    def d_fn() -> int:
        order.append("d")
        pair = (b(), c())
        seen.append(pair)
        return pair[0] + pair[1]

    d = computed(d_fn)
    effect(lambda: order.append(f"effect {d()}"))
    assert order == ["d", "b", "c", "effect 5"]
    order.clear()

    a.set(2)

    assert order == ["b", "d", "c", "effect 10"]
    assert seen == [(2, 3), (4, 6)]  # never (4, 3) or (2, 6)


def test_a_computed_is_not_evaluated_until_read() -> None:
    runs: list[int] = []
    a = signal(1)
    c = computed(lambda: runs.append(a()) or a())
    a.set(2)
    a.set(3)
    assert runs == []
    assert c() == 3
    assert runs == [3]


def test_a_computed_is_cached_between_reads() -> None:
    runs = []
    a = signal(1)
    c = computed(lambda: runs.append(1) or a() + 1)
    assert [c(), c(), c.peek()] == [2, 2, 2]
    assert len(runs) == 1


def test_an_unobserved_computed_is_not_recomputed_on_writes() -> None:
    runs = []
    a = signal(0)
    c = computed(lambda: runs.append(1) or a())
    c()
    for i in range(1, 50):
        a.set(i)
    assert len(runs) == 1
    assert c() == 49
    assert len(runs) == 2


def test_a_computed_that_stops_reading_a_signal_is_no_longer_notified() -> None:
    use_a = signal(True)
    a = signal("a")
    b = signal("b")
    runs: list[str] = []
    c = computed(lambda: runs.append("c") or (a() if use_a() else b()))
    effect(lambda: c())
    use_a.set(False)
    runs.clear()

    a.set("a2")
    assert runs == []
    b.set("b2")
    assert runs == ["c"]
    assert c() == "b2"


def test_an_effect_that_stops_reading_a_signal_is_no_longer_run_by_it() -> None:
    gate = signal(True)
    a = signal(0)
    runs: list[int] = []
    effect(lambda: runs.append(a() if gate() else -1))
    gate.set(False)
    runs.clear()
    a.set(5)
    assert runs == []


def test_writing_an_equal_value_notifies_nobody() -> None:
    runs = []
    a = signal(1)
    effect(lambda: runs.append(a()))
    a.set(1)
    a.set(1.0)  # == 1
    assert runs == [1]


def test_a_computed_with_an_unchanged_value_does_not_rerun_dependents() -> None:
    a = signal(2)
    parity = computed(lambda: a() % 2)
    runs: list[int] = []
    effect(lambda: runs.append(parity()))
    a.set(4)
    a.set(6)
    assert runs == [0]
    a.set(7)
    assert runs == [0, 1]


def test_a_signal_that_ends_a_batch_with_its_start_value_is_unchanged() -> None:
    a = signal(1)
    runs: list[int] = []
    effect(lambda: runs.append(a()))
    with batch():
        a.set(2)
        a.set(3)
        a.set(1)
    assert runs == [1]


def test_a_computed_read_inside_a_batch_sees_new_values() -> None:
    a = signal(1)
    double = computed(lambda: a() * 2)
    runs: list[int] = []
    effect(lambda: runs.append(double()))
    with batch():
        a.set(5)
        assert double() == 10
        a.set(1)
    # The computed ran on the in-between value, so the revert of `a` cannot be
    # hidden from it: it recomputes (10 -> 2) and its effect runs once more.
    assert double() == 2
    assert runs == [2, 2]


def test_custom_equals_decides_what_counts_as_a_change() -> None:
    a = signal("x", equals=lambda old, new: old.lower() == new.lower())
    runs: list[str] = []
    effect(lambda: runs.append(a()))
    a.set("X")
    assert runs == ["x"]
    always = signal(1, equals=False)
    effect(lambda: runs.append(str(always())))
    always.set(1)
    assert runs == ["x", "1", "1"]


def test_a_thousand_deep_chain_evaluates_without_recursion_errors() -> None:
    head = signal(0)
    node = head
    for _ in range(1000):
        node = (lambda prev: computed(lambda: prev() + 1))(node)
    assert node() == 1000
    head.set(5)
    assert node() == 1005


def test_a_2500_layer_cellx_graph_updates_correctly() -> None:
    # Each layer reads the previous one (cellx benchmark shape); effects on the
    # last layer only.
    start = [signal(1), signal(2), signal(3), signal(4)]
    layer: list = list(start)
    for _ in range(2500):
        m = layer
        layer = [
            computed(lambda m=m: m[1]()),
            computed(lambda m=m: m[0]() - m[2]()),
            computed(lambda m=m: m[1]() + m[3]()),
            computed(lambda m=m: m[2]()),
        ]
    end = layer
    seen: list[tuple[int, ...]] = []
    effect(lambda: seen.append(tuple(c() for c in end)))
    with batch():
        for s, v in zip(start, (4, 3, 2, 1), strict=True):
            s.set(v)

    # Oracle: iterate the same recurrence on plain ints.
    def expected(vals: tuple[int, ...]) -> tuple[int, ...]:
        p1, p2, p3, p4 = vals
        for _ in range(2500):
            p1, p2, p3, p4 = p2, p1 - p3, p2 + p4, p3
        return (p1, p2, p3, p4)

    assert seen == [expected((1, 2, 3, 4)), expected((4, 3, 2, 1))]
