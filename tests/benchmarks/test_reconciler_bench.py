"""A bounded run of the reconciler benchmark: its apps, operations and keyed rules hold.

Timings are printed by `python -m benchmarks.reconciler`, never asserted here.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks.reconciler import __main__ as bench
from benchmarks.reconciler._keyed import violations
from benchmarks.reconciler._marquee import MarqueeApp
from benchmarks.reconciler._ops import OPERATIONS
from benchmarks.reconciler._page import App, Page, opcode_counts
from benchmarks.reconciler._run import APPS, Sample, measure, weighted_geomean
from benchmarks.reconciler._store import ADJECTIVES, COLOURS, NOUNS, Store
from benchmarks.reconciler._vanilla import VanillaApp
from renderer import FontSet, OffscreenSurface
from sdk import build_info

SMALL = [op for op in OPERATIONS if op.name != "07_create10k"]


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


@pytest.fixture(scope="module")
def surface() -> Iterator[OffscreenSurface]:
    with OffscreenSurface(1920, 1080) as s:
        yield s


@pytest.fixture(scope="module")
def samples(fonts: FontSet, surface: OffscreenSurface) -> dict[tuple[str, str], Sample]:
    """Every 1,000-row operation once on both apps, one warm-up (checks run in `measure`)."""
    return {(op.name, name): measure(op, make, 1, fonts, surface)
            for op in SMALL for name, make in APPS.items()}


# the store ---------------------------------------------------------------------------------------

def test_ids_are_never_reset_and_labels_come_from_the_word_lists() -> None:
    store = Store(seed=3)
    store.run(5)
    store.clear()
    store.run(5)
    assert [row.id for row in store.data] == [6, 7, 8, 9, 10]
    for row in store.data:
        adjective, colour, noun = row.label.split(" ")
        assert adjective in ADJECTIVES and colour in COLOURS and noun in NOUNS


def test_labels_are_seeded() -> None:
    one, two, other = Store(seed=1), Store(seed=1), Store(seed=2)
    for store in (one, two, other):
        store.run(50)
    assert one.data == two.data
    assert one.data != other.data


def test_update_swap_delete_follow_vanillajs() -> None:
    store = Store()
    store.run(20)
    store.update()
    assert [i for i, r in enumerate(store.data) if r.label.endswith(" !!!")] == [0, 10]
    assert not store.swap_rows()  # 998 rows or fewer: no swap
    store.run(1000)
    first, last = store.data[1], store.data[998]
    assert store.swap_rows()
    assert (store.data[1], store.data[998]) == (last, first)
    assert store.delete(store.data[3].id) == 3
    assert len(store.data) == 999


# the keyed rules on the measured clicks ----------------------------------------------------------

@pytest.mark.parametrize("app", sorted(APPS))
@pytest.mark.parametrize("operation", [op.name for op in SMALL])
def test_each_operation_reaches_its_scene_and_keeps_the_keyed_rules(
        samples: dict[tuple[str, str], Sample], operation: str, app: str) -> None:
    assert samples[operation, app].problems == []


@pytest.mark.parametrize("app", sorted(APPS))
def test_replace_instantiates_1000_rows_from_a_template(
        samples: dict[tuple[str, str], Sample], app: str) -> None:
    counts = samples["02_replace1k", app].commands
    assert counts["INSTANTIATE"] == 1000
    assert counts["CREATE"] <= 1  # vanilla's new table; the rows are never built node by node


def test_marquee_clears_the_old_rows_in_one_command_and_vanilla_drops_the_table(
        samples: dict[tuple[str, str], Sample]) -> None:
    marquee = samples["02_replace1k", "marquee"].commands
    assert (marquee["CLEAR_CHILDREN"], marquee["REMOVE"]) == (1, 0)
    assert samples["02_replace1k", "vanilla"].commands["REMOVE"] == 1


def test_clearing_the_table_is_one_command(samples: dict[tuple[str, str], Sample]) -> None:
    assert dict(samples["09_clear1k_x8", "marquee"].commands) == {"CLEAR_CHILDREN": 1}


@pytest.mark.parametrize("app", sorted(APPS))
def test_swap_is_two_moves_and_nothing_new(samples: dict[tuple[str, str], Sample],
                                          app: str) -> None:
    assert dict(samples["05_swap1k", app].commands) == {"INSERT": 2}


@pytest.mark.parametrize("app", sorted(APPS))
def test_partial_update_is_100_set_text(samples: dict[tuple[str, str], Sample],
                                        app: str) -> None:
    counts = samples["03_update10th1k_x16", app].commands
    assert counts["SET_TEXT"] == 100
    assert counts["INSTANTIATE"] == counts["REMOVE"] == counts["INSERT"] == 0


@pytest.mark.parametrize("app", sorted(APPS))
def test_select_and_remove_touch_only_what_changed(samples: dict[tuple[str, str], Sample],
                                                   app: str) -> None:
    assert dict(samples["04_select1k", app].commands) == {"SET_PROP": 2}
    assert dict(samples["06_remove-one-1k", app].commands) == {"REMOVE": 1}


def test_the_rules_catch_a_create_without_templates(fonts: FontSet,
                                                    surface: OffscreenSurface) -> None:
    page = Page(MarqueeApp(templates=False), fonts, surface)
    try:
        page.step(page.app.run)
        before = page.scene()
        step = page.step(page.app.run)
        problems = violations("02_replace1k", before, page.scene(), step.batch,
                              opcode_counts(step.batch))
    finally:
        page.close()
    assert problems == ["1000 rows need 1000 INSTANTIATE, got 0"]


def test_the_rules_catch_a_swap_that_recreates_rows(fonts: FontSet,
                                                    surface: OffscreenSurface) -> None:
    page = Page(VanillaApp(), fonts, surface)
    try:
        page.step(page.app.run)
        before = page.scene()
        step = page.step(page.app.run)  # a "swap" that rebuilds every row
    finally:
        page.close()
    problems = violations("05_swap1k", before, before, step.batch, opcode_counts(step.batch))
    assert len(problems) == 2


def test_many_rows_are_instantiated_too(fonts: FontSet, surface: OffscreenSurface) -> None:
    for make in APPS.values():
        page = Page(make(), fonts, surface)
        try:
            page.step(page.app.run)
            before = page.scene()
            page.app.store.run(2500)  # run_lots at a test size
            step = page.step(_republish(page.app))
            after = page.scene()
        finally:
            page.close()
        assert len(after.rows) == 2500
        assert violations("07_create10k", before, after, step.batch,
                          opcode_counts(step.batch)) == []


def _republish(app: App) -> Callable[[], None]:
    """Show the store's (already replaced) rows the way each app's `run` would."""
    if isinstance(app, VanillaApp):
        def vanilla() -> None:
            app._replace_table()
            app._fill_detached(app.store.data)
        return vanilla
    assert isinstance(app, MarqueeApp)
    return app._publish


# both apps build the same scene ------------------------------------------------------------------

_IDS = re.compile(r"#\d+")


def _shape(page: Page) -> str:
    return _IDS.sub("#", page.renderer.dump(structure_only=True))


def test_marquee_and_vanilla_show_the_same_scene_after_every_action(
        fonts: FontSet, surface: OffscreenSurface) -> None:
    pages = [Page(make(), fonts, surface) for make in (MarqueeApp, VanillaApp)]
    try:
        def both(action: Callable[[App], object]) -> None:
            for page in pages:
                page.step(functools.partial(action, page.app))
            assert _shape(pages[0]) == _shape(pages[1])

        both(lambda app: app.run())
        both(lambda app: app.select(app.store.data[4].id))
        both(lambda app: app.select(app.store.data[1].id))
        both(lambda app: app.update())
        both(lambda app: app.swap_rows())
        both(lambda app: app.delete(app.store.data[1].id))
        both(lambda app: app.add())
        both(lambda app: app.run())
        both(lambda app: app.clear())
        both(lambda app: app.add())
        assert len(pages[0].table()) == 1000
    finally:
        for page in pages:
            page.close()


# the report --------------------------------------------------------------------------------------

def test_weighted_geomean_uses_upstreams_weights() -> None:
    assert weighted_geomean({op.name: 2.0 for op in OPERATIONS}) == pytest.approx(2.0)
    # a heavy operation moves the mean more than a light one
    heavy = weighted_geomean({"01_run1k": 2.0, "05_swap1k": 1.0})
    light = weighted_geomean({"01_run1k": 1.0, "05_swap1k": 2.0})
    assert heavy == pytest.approx(2 ** (0.6428 / (0.6428 + 0.1320)))
    assert heavy > light


def test_a_quick_run_prints_the_table_and_writes_json(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reconciler.json"
    bench.main(["--quick", "--iterations", "1", "--ops", "04,05", "--output", str(out)])
    printed = capsys.readouterr().out
    assert "04_select1k" in printed and "weighted geometric mean" in printed
    document = json.loads(out.read_text())
    swap = document["operations"]["05_swap1k"]
    assert swap["marquee"]["commands_by_opcode"] == {"INSERT": 2}
    assert swap["vanilla"]["keyed_problems"] == []
    assert set(document["ratios"]["total"]) == {"04_select1k", "05_swap1k", "weighted_geomean"}
    assert document["build"] == build_info()
    assert f"Marquee build: {build_info()['label']}" in printed


def test_the_pure_build_runs_in_a_subprocess_beside_the_compiled_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if build_info()["build"] != "compiled":
        pytest.skip("the compiled build is not the one running here")
    out = tmp_path / "reconciler.json"
    bench.main(["--quick", "--iterations", "1", "--ops", "05", "--builds", "compiled,pure",
                "--output", str(out)])
    document = json.loads(out.read_text())
    assert document["build"]["build"] == "compiled"
    assert document["other_builds"]["pure"]["build"]["label"] == "pure Python (MARQUEE_PURE=1)"
    assert set(document["builds_compared"]["app_side_x_vanilla"]) == {"compiled", "pure"}
    assert "builds side by side" in capsys.readouterr().out
