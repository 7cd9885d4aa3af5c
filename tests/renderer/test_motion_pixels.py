"""Motion in real pixels: a row of buttons whose focused look (scale, colour,
border) animates, painted mid-animation with Skia.

`render_focus_frames(folder)` also made `docs/images/motion_focus_*ms.png`
(run `python -m tests.renderer.test_motion_pixels docs/images`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from renderer._commands import CommandBuffer
from renderer._painter import Painter
from renderer._protocol import AnimGroup, Prop, State
from renderer._renderer import Renderer
from renderer._surfaces import OffscreenSurface

W, H = 480, 270
TIMES = (0, 100, 200)
GREY, WHITE = 0x3A3F4BFF, 0xF2F2F2FF


def focus_scene() -> CommandBuffer:
    """Three 300x300 buttons in a centred row; focus animates scale, colour and border."""
    b = CommandBuffer().set_viewport(W, H).create(1).set_root(1)
    b.set_props(1, {Prop.WIDTH: "100%", Prop.HEIGHT: "100%", Prop.JUSTIFY_CONTENT: 2,
                    Prop.ALIGN_ITEMS: 3, Prop.COLUMN_GAP: 80, Prop.BACKGROUND: 0x101018FF})
    for node in (2, 3, 4):
        b.create(node).insert(1, node)
        b.set_props(node, {Prop.WIDTH: 300, Prop.HEIGHT: 300, Prop.CORNER_RADIUS: 24,
                           Prop.BACKGROUND: GREY, Prop.FOCUSABLE: 1,
                           Prop.BORDER_LEFT: 8, Prop.BORDER_TOP: 8, Prop.BORDER_RIGHT: 8,
                           Prop.BORDER_BOTTOM: 8, Prop.BORDER_COLOR: 0xFFFFFF00})
        b.set_state_props(node, State.FOCUSED, {
            Prop.SCALE_X: 1.2, Prop.SCALE_Y: 1.2, Prop.BACKGROUND: 0xE50914FF,
            Prop.BORDER_COLOR: WHITE})
        b.set_transition(node, AnimGroup.VISUAL, 200, easing="ease-out")
    return b


def render_focus_frames(folder: Path, engine: Path | None = None) -> list[OffscreenSurface]:
    """Focus moves from button 2 to 3 just before the frame at t=1000 (the previous one
    was at 984); that frame and the ones at +100 and +200 ms are kept as PNGs."""
    surfaces = []
    with Renderer(engine) as r:
        r.apply(focus_scene().focus(2))
        surface = OffscreenSurface(W, H)
        painter = Painter(surface)
        painter.paint_output(r.frame(0))
        painter.paint_output(r.frame(984))
        r.apply(CommandBuffer().focus(3))
        for t in TIMES:
            painter.paint_output(r.frame(1000 + t))
            surface.to_png(folder / f"motion_focus_{t}ms.png")
            copy = OffscreenSurface(W, H)
            copy.canvas.drawImage(surface.snapshot(), 0, 0)
            surfaces.append(copy)
        surface.close()
    return surfaces


def red_span(surface: OffscreenSurface, y: int, xs: range) -> int:
    """How many pixels of row `y` within `xs` are mostly red (the focused fill)."""
    px = surface.pixels()
    count = 0
    for x in xs:
        r, g, b, _ = px[(y * surface.width + x) * 4:(y * surface.width + x) * 4 + 4]
        count += r > 150 and g < 80 and b < 80
    return count


def test_the_focus_look_grows_and_reddens_over_the_transition(
    engine_path: Path, tmp_path: Path,
) -> None:
    frames = render_focus_frames(tmp_path, engine_path)
    # Buttons sit at x 430..730 and 810..1110 design units (107..182, 202..277 px);
    # focused they are 1.2x: 90 px wide, of which the white 2 px borders are not red.
    old = [red_span(s, H // 2, range(90, 195)) for s in frames]
    new = [red_span(s, H // 2, range(190, 290)) for s in frames]
    # The key's own frame already shows 16 ms of the 200 ms ease-out: the old button
    # has begun to shrink (82 of 86 px), the new one is still grey.
    assert new[0] == 0 and 78 <= old[0] < 86, (old, new)
    assert 0 < new[1] < new[2] and old[1] < old[0], (old, new)
    assert 84 <= new[2] <= 88 and old[2] == 0, (old, new)
    assert all((tmp_path / f"motion_focus_{t}ms.png").stat().st_size > 0 for t in TIMES)
    for s in frames:
        s.close()


if __name__ == "__main__":
    render_focus_frames(Path(sys.argv[1]))
