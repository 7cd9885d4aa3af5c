"""Spatial navigation through the real engine: a table of rectangle cases.

The rule (PROTOCOL.md section 5): candidates overlapping the current node's
beam win; within a group the lowest `13 * major^2 + minor^2` wins (major: gap
along the direction, 0 when overlapping; minor: distance between centres
across it); ties go to tree order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from focus_kit import DOWN, LEFT, RIGHT, UP, Box, focus, focused, key, scene

from renderer._events import KeyEvent

S: Box = (500, 500, 100, 100)  # the starting node, id 10

CASES: list[tuple[str, dict[int, Box], int, int]] = [
    ("plain neighbour", {11: (700, 500, 100, 100)}, RIGHT, 11),
    ("in beam beats a nearer box off the beam",
     {11: (900, 500, 100, 100), 12: (620, 640, 100, 100)}, RIGHT, 11),
    ("partly in beam still counts as in beam",
     {11: (1200, 590, 100, 100), 12: (620, 610, 100, 100)}, RIGHT, 11),
    ("weights: small gap beats small offset (euclid would pick 12)",
     # 11: major 100, minor 300 -> 13e4 + 9e4 = 220000 (distance 316)
     # 12: major 200, minor 150 -> 52e4 + 22500 = 542500 (distance 250)
     {11: (700, 800, 100, 100), 12: (800, 650, 100, 100)}, RIGHT, 11),
    ("overlapping box to the right has gap 0",
     {11: (550, 520, 100, 100), 12: (620, 500, 100, 100)}, RIGHT, 11),
    ("an overlapping box whose far edge does not pass is not to the right",
     {11: (520, 520, 60, 60)}, RIGHT, 10),
    ("equal scores: tree order decides",
     {11: (700, 700, 100, 100), 12: (700, 300, 100, 100)}, RIGHT, 11),
    ("equal scores in the other tree order",
     {12: (700, 700, 100, 100), 11: (700, 300, 100, 100)}, RIGHT, 12),
    ("nothing in that direction: focus stays", {11: (700, 500, 100, 100)}, LEFT, 10),
    ("up picks the box above in the beam",
     {11: (500, 100, 100, 100), 12: (300, 380, 100, 100)}, UP, 11),
    ("down: nearest row below, in beam",
     {11: (520, 700, 100, 100), 12: (500, 900, 100, 100)}, DOWN, 11),
    ("left: off-beam only, lowest score",
     # 11: major 300, minor 200 -> 1210000; 12: major 100, minor 400 -> 290000
     {11: (100, 700, 100, 100), 12: (300, 900, 100, 100)}, LEFT, 12),
]


@pytest.mark.parametrize(("boxes", "direction", "want"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_spatial_table(engine_path: Path, boxes: dict[int, Box], direction: int,
                       want: int) -> None:
    r = scene(engine_path, {10: S, **boxes})
    focus(r, 10)
    events = key(r, direction, actions=(0,))
    assert focused(r) == want
    k = next(e for e in events if isinstance(e, KeyEvent))
    assert k.handled is (want != 10)


def test_the_score_prefers_gap_over_offset_by_thirteen(engine_path: Path) -> None:
    # Off the beam to the right: 11 at major 100, minor 360 (13e4 + 129600 =
    # 259600) vs 12 at major 140, minor 150 (254800 + 22500 = 277300): 11 wins;
    # moving 11 to minor 380 (13e4 + 144400 = 274400) still wins, 400 loses.
    for minor, want in ((360, 11), (380, 11), (400, 12)):
        r = scene(engine_path, {10: S, 11: (700, 500 + minor, 100, 100),
                                12: (740, 650, 100, 100)})
        focus(r, 10)
        key(r, RIGHT, actions=(0,))
        assert focused(r) == want, minor
