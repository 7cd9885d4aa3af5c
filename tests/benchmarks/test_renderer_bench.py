"""A bounded run of the renderer benchmark: its scenes and measurements are what they claim.

Timings are printed by `python -m benchmarks.renderer`, never asserted here.
"""

from __future__ import annotations

import pytest

from benchmarks.renderer import __main__ as bench
from benchmarks.renderer._scenes import NODES_PER_POSTER, POSTERS, RAILS, home_page
from renderer import FontSet


@pytest.fixture(scope="module")
def fonts() -> FontSet:
    return FontSet()


def test_the_home_page_has_about_four_hundred_nodes(fonts: FontSet) -> None:
    results = bench.frame_costs(fonts, repeat=2)
    assert RAILS * POSTERS * NODES_PER_POSTER + 10 <= results["nodes"] <= 420


def test_templates_make_the_home_page_batch_several_times_smaller(fonts: FontSet) -> None:
    plain = bench.create_cost(fonts, templates=False, repeat=1)
    templated = bench.create_cost(fonts, templates=True, repeat=1)
    assert templated["bytes"] * 3 < plain["bytes"]
    assert home_page(True)[0].command_count < home_page(False)[0].command_count


def test_a_focus_move_damages_under_five_percent_of_the_screen(fonts: FontSet) -> None:
    assert 0 < bench.frame_costs(fonts, repeat=2)["focus_move_damage_share"] < 0.05


def test_changing_the_root_width_relays_out_every_node() -> None:
    _, laid_out = bench.engine_layout_ms(500, repeat=2)
    assert laid_out == 500


def test_engine_memory_grows_with_the_scene() -> None:
    assert bench.linear_memory(500) < bench.linear_memory(5000)
