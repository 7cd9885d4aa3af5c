"""The 10-foot theme's tokens, and the windowing math of Rail/Grid."""

from __future__ import annotations

import attrs
import pytest

from components import TEN_FOOT, Theme, current_theme
from components._virtual import pool_size, window


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_ten_foot_theme_is_readable_from_three_metres():
    t = TEN_FOOT
    assert min(t.type.body, t.type.label, t.type.caption) >= 28   # at 1920x1080 design units
    assert (t.safe_area.x, t.safe_area.y) == (0.05 * 1920, 0.05 * 1080)
    assert contrast(t.colors.text, t.colors.background) >= 7       # WCAG AAA
    assert contrast(t.colors.text_muted, t.colors.background) >= 7
    assert contrast(t.colors.text, t.colors.accent) >= 4.5         # label on a focused button
    assert contrast(t.focus.color, t.colors.surface) >= 7          # the ring stands out
    assert t.focus.width >= 4


def test_themes_are_frozen_values_changed_with_evolve():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        TEN_FOOT.font = 3  # type: ignore[misc]
    red = attrs.evolve(TEN_FOOT, colors=attrs.evolve(TEN_FOOT.colors, accent="#e50914"))
    assert red.colors.accent == "#e50914" and TEN_FOOT.colors.accent != red.colors.accent
    assert red == Theme(colors=red.colors)
    assert TEN_FOOT.spacing(3) == TEN_FOOT.spacing.md == 24
    with pytest.raises(ValueError, match="spacing step"):
        TEN_FOOT.spacing(99)


def test_outside_a_render_the_current_theme_is_the_default():
    assert current_theme() is TEN_FOOT


def test_the_window_covers_the_viewport_plus_overscan_with_a_constant_size():
    stride, viewport = 324.0, 1728.0
    pool = pool_size(stride, viewport, 2)
    assert pool == 6 + 1 + 4
    for scroll in [0, 10, 324, 1000, 5000, 324 * 4988]:
        first, stop = window(5000, stride, viewport, scroll, 2)
        assert stop - first == pool
        assert first * stride <= max(0, scroll - 2 * stride) + 1e-9 or first == 0
        assert stop * stride >= min(5000 * stride, scroll + viewport + 2 * stride)
    assert window(3, stride, viewport, 0, 2) == (0, 3)
    assert window(0, stride, viewport, 0, 2) == (0, 0)
