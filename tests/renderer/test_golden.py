"""Golden images: basic scenes through the real engine and painter, pixel for pixel.

Each scene is a command batch rendered with `render_to_surface` (real wasm
engine, bundled Roboto, Skia raster) and compared with
`tests/renderer/golden/<scene>.png`:

- equal pixels pass; anything else fails, and the failure message names a
  temporary directory holding `actual.png`, `expected.png` and `diff.png`
  (differing pixels red over a dimmed copy of the actual image);
- a missing golden fails with the command that creates it;
- `MARQUEE_UPDATE_GOLDENS=1` (or `--update-goldens` when pytest is pointed at
  this directory or file) rewrites the goldens. Look at every rewritten PNG
  before committing it: the golden is the specification.

Every scene also checks a few probe pixels whose colour follows from the
scene's meaning alone (the top sibling by z-index, the letterbox of `contain`,
the crop of `cover`, ...), so a wrong golden cannot be accepted silently.

The last tests drive one engine through edits, painting damage only, and
compare with a fresh full render of the edited scene (the exactness the painter
promises for rects, text, images and layers; `test_painter_properties.py`
checks it against a model of the engine, this checks the engine's own damage).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from renderer import CommandBuffer, FontSet, Kind, Prop, Renderer
from renderer._painter import Painter, argb
from renderer._skia import skia
from renderer._surfaces import OffscreenSurface, render_to_surface

GOLDEN_DIR = Path(__file__).parent / "golden"
UPDATE_ENV = "MARQUEE_UPDATE_GOLDENS"
UPDATE_FLAG = "--update-goldens"

SIZE = (480, 270)
DESIGN = (480.0, 270.0)
BG = 0x1B1E27FF
CAPTION = 0xC8CCD8FF
RED, GREEN, BLUE, YELLOW = 0xE0403AFF, 0x3AB05AFF, 0x3A6FE0FF, 0xF2C230FF
WHITE, GREY, ORANGE, PURPLE, TEAL = 0xFFFFFFFF, 0x44475AFF, 0xF08A2EFF, 0x8A4FD0FF, 0x2EA6A0FF

FONTS = FontSet()

# ------------------------------------------------------------------ images

IMAGE_ID = 1
IMAGE_W, IMAGE_H = 200, 100
FRAME = 6  # white frame around the test image, in image pixels


def _quadrant_image() -> Any:
    """A 200x100 image: red, green / blue, yellow quadrants inside a white frame.

    The frame shows which edges survive a fit (cover crops the left and right
    ones of a square box; contain and fill keep all four).
    """
    surface = skia.Surface.MakeRasterN32Premul(IMAGE_W, IMAGE_H)
    canvas = surface.getCanvas()
    canvas.clear(argb(WHITE))
    half_w, half_h = IMAGE_W // 2, IMAGE_H // 2
    inner = IMAGE_W - 2 * FRAME, IMAGE_H - 2 * FRAME
    for colour, x, y in ((RED, 0, 0), (GREEN, 1, 0), (BLUE, 0, 1), (YELLOW, 1, 1)):
        rect = skia.Rect.MakeXYWH(
            FRAME + x * (half_w - FRAME), FRAME + y * (half_h - FRAME), inner[0] / 2, inner[1] / 2
        )
        canvas.drawRect(rect, skia.Paint(Color=argb(colour)))
    return surface.makeImageSnapshot().makeRasterImage()


class QuadrantImages:
    """The smallest `ImageProvider`: one generated image, id `IMAGE_ID`."""

    def __init__(self) -> None:
        self.image = _quadrant_image()

    def skia_image(self, image_id: int) -> Any | None:
        return self.image if image_id == IMAGE_ID else None


IMAGES = QuadrantImages()

# ------------------------------------------------------------------ scenes


class Scene:
    """Builds a command batch: a root view filling the design space, then nodes.

    Properties are keyword arguments named like `Prop` members in lower case
    (`width=100`, `background=RED`).
    """

    def __init__(self, design: tuple[float, float] = DESIGN, **root_props: Any) -> None:
        self.buf = CommandBuffer()
        self.design = design
        self._next_node = 1
        self._next_string = 1
        self._images_defined = False
        self.root = self.view(None, width=design[0], height=design[1], background=BG,
                              **root_props)
        self.buf.set_root(self.root)

    def _node(self, parent: int | None, kind: Kind, props: dict[str, Any]) -> int:
        node = self._next_node
        self._next_node += 1
        self.buf.create(node, kind)
        if props:
            self.buf.set_props(node, [(Prop[name.upper()], value) for name, value in props.items()])
        if parent is not None:
            self.buf.insert(parent, node)
        return node

    def view(self, parent: int | None, **props: Any) -> int:
        return self._node(parent, Kind.VIEW, props)

    def text(self, parent: int, content: str, **props: Any) -> int:
        node = self._node(parent, Kind.TEXT, props)
        string = self._next_string
        self._next_string += 1
        self.buf.define_string(string, content).set_text(node, string).release_string(string)
        return node

    def caption(self, parent: int, content: str, **props: Any) -> int:
        return self.text(parent, content, font_size=14, text_color=CAPTION, **props)

    def image(self, parent: int, **props: Any) -> int:
        if not self._images_defined:
            self.buf.define_image(IMAGE_ID, IMAGE_W, IMAGE_H)
            self._images_defined = True
        return self._node(parent, Kind.IMAGE, {"image": IMAGE_ID, **props})


@dataclass
class SceneSpec:
    """A scene: how to build it, the surface size, and probe pixels `(x, y) -> 0xRRGGBBAA`."""

    build: Callable[[], Scene]
    size: tuple[int, int] = SIZE
    probes: dict[tuple[int, int], int] = field(default_factory=dict)


def boxes() -> Scene:
    """Backgrounds: solid boxes, nesting with padding, a translucent box overhanging its parent."""
    s = Scene(flex_direction=0, flex_wrap=1, padding_left=16, padding_top=16, column_gap=16,
              row_gap=16, align_items=1)
    s.view(s.root, width=100, height=60, background=RED)
    outer = s.view(s.root, width=100, height=60, background=GREEN, padding_left=10,
                   padding_top=10, padding_right=10, padding_bottom=10)
    s.view(outer, flex_grow=1, background=BLUE)
    stripes = s.view(s.root, width=100, height=60, flex_direction=1)
    for colour in (RED, WHITE, BLUE):
        s.view(stripes, flex_grow=1, background=colour)
    s.view(s.root, width=100, height=60, background=0x00000000)  # transparent: shows BG
    host = s.view(s.root, width=200, height=100, background=ORANGE)
    s.view(host, position=1, inset_left=120, inset_top=50, width=150, height=80,
           background=0x3A6FE080)
    return s


def borders_radii() -> Scene:
    """Borders inside the box, corner radii, a pill and a bordered circle."""
    s = Scene(flex_wrap=1, padding_left=20, padding_top=20, column_gap=30, row_gap=30,
              align_items=1)
    s.view(s.root, width=120, height=90, background=GREY, border_left=1, border_top=1,
           border_right=1, border_bottom=1, border_color=WHITE)
    s.view(s.root, width=120, height=90, border_left=6, border_top=6, border_right=6,
           border_bottom=6, border_color=YELLOW)
    s.view(s.root, width=120, height=90, background=TEAL, corner_radius=16)
    s.view(s.root, width=120, height=90, background=TEAL, corner_radius=16, border_left=4,
           border_top=4, border_right=4, border_bottom=4, border_color=WHITE)
    s.view(s.root, width=120, height=50, background=PURPLE, corner_radius=25)
    s.view(s.root, width=90, height=90, background=ORANGE, corner_radius=45, border_left=8,
           border_top=8, border_right=8, border_bottom=8, border_color=WHITE)
    return s


SENTENCE = "The quick brown fox jumps over the lazy dog by the river."
LONG = ("Marquee lays out text in WebAssembly and Skia paints the finished lines, "
        "so a long synopsis ends in an ellipsis after its last allowed line.")


def text_wrap() -> Scene:
    """Wrapping with left/center/right alignment, max_lines with ellipsis, single lines."""
    s = Scene(padding_left=12, padding_top=10, column_gap=16)
    left = s.view(s.root, flex_direction=1, row_gap=6, width=218)
    right = s.view(s.root, flex_direction=1, row_gap=6, width=218)
    for align in (0, 1, 2):
        s.text(left, SENTENCE, width=218, font_size=16, text_align=align, background=GREY)
    s.text(right, LONG, width=218, font_size=16, max_lines=3, background=GREY)
    s.text(right, "A single line far too long for its box", width=218, font_size=18, wrap=0,
           background=GREY, font=2)
    # ellipsis 0: the line is left too wide; the clipping parent cuts it at the box
    clip = s.view(right, width=218, overflow=1)
    s.text(clip, "A single line far too long for its box", width=218, font_size=18, wrap=0,
           ellipsis=0, background=GREY, font=2)
    s.text(right, "Centered, two lines at most, then an ellipsis shows where it goes on", width=218,
           font_size=16, max_lines=2, text_align=1, background=GREY, text_color=YELLOW)
    return s


def image_fit() -> Scene:
    """The 200x100 quadrant image in square and wide boxes with cover, contain, fill."""
    s = Scene(flex_direction=1, padding_left=16, padding_top=16, row_gap=20)
    squares = s.view(s.root, column_gap=16)
    for fit in (0, 1, 2):
        s.image(squares, width=100, height=100, image_fit=fit, background=GREY)
    s.image(squares, width=100, height=100, image_fit=0, corner_radius=24, background=GREY)
    wides = s.view(s.root, column_gap=16)
    for fit in (0, 1, 2):
        s.image(wides, width=140, height=50, image_fit=fit, background=GREY)
    return s


def opacity() -> Scene:
    """Group opacity over overlapping children vs. per-child opacity, nested groups."""
    s = Scene(padding_left=20, padding_top=30, column_gap=30)

    def pair(group_opacity: float, child_opacity: float) -> int:
        group = s.view(s.root, width=130, height=130, opacity=group_opacity)
        s.view(group, position=1, inset_left=0, inset_top=0, width=90, height=90,
               background=RED, opacity=child_opacity)
        s.view(group, position=1, inset_left=40, inset_top=40, width=90, height=90,
               background=BLUE, opacity=child_opacity)
        return group

    pair(0.5, 1.0)  # the overlap shows only blue, at half strength
    pair(1.0, 0.5)  # each child at half: red shows through blue in the overlap
    nested = pair(0.5, 1.0)
    s.buf.set_prop(nested + 2, Prop.OPACITY, 0.5)  # blue child: 0.5 inside 0.5
    return s


def transforms() -> Scene:
    """Translate, scale and rotate around several origins, each over a ghost of its layout box.

    A white square marks each box's top-left corner, so rotations show their
    direction (clockwise) and the origin they turn around.
    """
    s = Scene(flex_wrap=1, padding_left=40, padding_top=24, column_gap=80, row_gap=40,
              align_content=1)

    def cell(**transform: Any) -> int:
        host = s.view(s.root, width=80, height=80, border_left=1, border_top=1, border_right=1,
                      border_bottom=1, border_color=0x8088A0FF)
        box = s.view(host, position=1, inset_left=0, inset_top=0, width=80, height=80,
                     background=0x3A6FE0C0, **transform)
        s.view(box, width=16, height=16, background=WHITE)
        return box

    cell(translate_x=20, translate_y=12)
    cell(scale_x=1.3, scale_y=1.3)
    cell(rotate=30)
    cell(rotate=30, origin_x=0, origin_y=0)
    cell(scale_x=0.5, scale_y=0.5, origin_x=1, origin_y=1)
    parent = cell(rotate=-20)
    s.buf.set_props(parent + 1, [(Prop.TRANSLATE_X, 40), (Prop.BACKGROUND, ORANGE)])
    return s


def clipping() -> Scene:
    """The same overhanging children under overflow visible, clip, rounded clip, bordered clip."""
    s = Scene(padding_left=30, padding_top=60, column_gap=40)

    def container(**props: Any) -> int:
        host = s.view(s.root, width=80, height=80, background=GREY, **props)
        s.view(host, position=1, inset_left=-20, inset_top=20, width=120, height=30,
               background=YELLOW)
        s.view(host, position=1, inset_left=40, inset_top=40, width=60, height=60,
               background=RED)
        return host

    container()
    container(overflow=1)
    container(overflow=1, corner_radius=30)
    container(overflow=1, border_left=8, border_top=8, border_right=8, border_bottom=8,
              border_color=WHITE)
    return s


def z_index() -> Scene:
    """Paint order: z-index among siblings, stable ties, negative z, z inside a parent."""
    s = Scene(padding_left=10, padding_top=40, column_gap=20)

    def group() -> int:
        return s.view(s.root, width=100, height=100)

    def square(parent: int, offset: int, colour: int, z: int) -> int:
        return s.view(parent, position=1, inset_left=offset, inset_top=offset, width=60,
                      height=60, background=colour, z_index=z)

    ordered = group()  # tree order red, green, blue; z 2, 0, 1 -> red on top, green at bottom
    square(ordered, 0, RED, 2)
    square(ordered, 20, GREEN, 0)
    square(ordered, 40, BLUE, 1)
    ties = group()  # equal z: tree order, the last one on top
    for index, colour in enumerate((RED, GREEN, BLUE)):
        square(ties, 20 * index, colour, 0)
    negative = group()  # z -1 paints below its earlier sibling
    square(negative, 0, RED, 0)
    square(negative, 30, BLUE, -1)
    scoped = group()  # a child's z 10 stays inside its parent (z 0), below the sibling z 1
    low = square(scoped, 0, GREEN, 0)
    s.view(low, position=1, inset_left=30, inset_top=30, width=40, height=40, background=YELLOW,
           z_index=10)
    square(scoped, 40, PURPLE, 1)
    return s


def visibility() -> Scene:
    """Rows of three boxes whose middle one is visible, hidden, display none, opacity 0."""
    s = Scene(flex_direction=1, padding_left=20, padding_top=16, row_gap=14)
    rows: list[tuple[str, dict[str, Any]]] = [
        ("visible", {}), ("hidden", {"visible": 0}), ("display none", {"display": 1}),
        ("opacity 0", {"opacity": 0.0})]
    for label, middle in rows:
        row = s.view(s.root, column_gap=10, align_items=3)
        s.caption(row, label, width=100)
        s.view(row, width=80, height=40, background=RED)
        mid = s.view(row, width=80, height=40, background=GREEN, **middle)
        s.view(mid, width=20, height=20, background=WHITE)  # the subtree goes with it
        s.view(row, width=80, height=40, background=BLUE)
    return s


def scroll() -> Scene:
    """Scroll containers: a row scrolled by 130 units, a column scrolled by 45."""
    s = Scene(flex_direction=1, padding_left=20, padding_top=20, row_gap=20)
    rail = s.view(s.root, width=440, height=90, overflow=2, scroll_x=130, background=GREY,
                  padding_left=10, padding_top=10, column_gap=10)
    palette = (RED, GREEN, BLUE, YELLOW, ORANGE, PURPLE, TEAL, RED)
    for index, colour in enumerate(palette):
        tile = s.view(rail, width=90, height=70, flex_shrink=0, background=colour,
                      justify_content=2, align_items=3)
        s.text(tile, str(index + 1), font_size=28, font=2)
    listing = s.view(s.root, width=200, height=100, overflow=2, scroll_y=45, background=GREY,
                     flex_direction=1, padding_left=8, corner_radius=12)
    for index in range(8):
        s.text(listing, f"Row {index + 1}", font_size=20, flex_shrink=0)
    return s


def nested_effects() -> Scene:
    """Effects composed: opacity over a rotated overhanging child, a rotated rounded clip,
    scaled text, a translated scroll container, a translucent image."""
    s = Scene(padding_left=30, padding_top=50, column_gap=30, align_items=1)
    faded = s.view(s.root, width=80, height=80, background=GREY, opacity=0.6)
    s.view(faded, position=1, inset_left=40, inset_top=40, width=70, height=70, background=RED,
           rotate=45)  # overhangs its parent: the layer must hold all of it
    turned = s.view(s.root, width=90, height=90, rotate=20, overflow=1, corner_radius=20,
                    background=GREEN)
    s.image(turned, position=1, inset_left=-30, inset_top=20, width=150, height=75)
    zoomed = s.view(s.root, width=80, height=40, scale_x=1.5, scale_y=1.5, origin_x=0,
                    origin_y=0, background=BLUE, padding_left=4)
    s.text(zoomed, "Zoom", font_size=20, font=1)
    moved = s.view(s.root, width=90, height=60, translate_x=10, translate_y=60, overflow=2,
                   scroll_y=20, background=GREY, flex_direction=1)
    for colour in (RED, YELLOW, BLUE):
        s.view(moved, height=30, flex_shrink=0, background=colour)
    s.image(moved, position=1, inset_left=45, inset_top=25, width=40, height=20, opacity=0.5,
            image_fit=2)
    return s


def rotated_groups() -> Scene:
    """Opacity on rotated and scaled groups whose children overhang, rotated text and image."""
    s = Scene(padding_left=20, padding_top=60, column_gap=30, align_items=1)
    turned = s.view(s.root, width=80, height=80, flex_shrink=0, background=GREY, opacity=0.5,
                    rotate=30)
    s.view(turned, position=1, inset_left=60, inset_top=60, width=60, height=60, background=RED,
           translate_x=20)
    shrunk = s.view(s.root, width=80, height=80, flex_shrink=0, background=GREY, opacity=0.7,
                    scale_x=0.8, scale_y=0.8)
    s.view(shrunk, position=1, inset_left=-30, inset_top=70, width=60, height=40,
           background=BLUE, rotate=-15)
    tilted = s.view(s.root, width=100, height=60, rotate=-25, background=TEAL)
    s.text(tilted, "Tilted text", font_size=18)
    s.image(s.root, width=100, height=50, rotate=15, image_fit=2, opacity=0.8)
    return s


def design_scale() -> Scene:
    """One 480x270 design (boxes, border, radius, text, image) for several surface sizes."""
    s = Scene(padding_left=24, padding_top=24, column_gap=24, align_items=1)
    s.view(s.root, width=120, height=80, background=RED, corner_radius=12, border_left=4,
           border_top=4, border_right=4, border_bottom=4, border_color=WHITE)
    column = s.view(s.root, flex_direction=1, row_gap=12, width=140)
    s.text(column, "Scales with the surface", font_size=20, font=1)
    s.view(column, width=140, height=20, background=GREEN)
    s.image(s.root, width=100, height=100, image_fit=1, background=GREY)
    return s


def rtl_rows() -> Scene:
    """Right to left (`direction: rtl` on the root, inherited): a row numbered 1..4 from the
    right, the same row packed `flex-end` (to the left), an `ltr` row nested inside, and an
    rtl rail scrolled by -130 (its content overflows to the left)."""
    s = Scene(flex_direction=1, padding_left=20, padding_top=16, padding_right=20, row_gap=14,
              direction=2)
    palette = (RED, GREEN, BLUE, YELLOW, ORANGE, PURPLE, TEAL, RED)

    def row(count: int, **props: Any) -> int:
        host = s.view(s.root, column_gap=10, height=50, background=GREY, **props)
        for index in range(count):
            tile = s.view(host, width=70, height=50, flex_shrink=0, background=palette[index],
                          justify_content=2, align_items=3)
            s.text(tile, str(index + 1), font_size=24, font=2)
        return host

    row(4)
    row(4, justify_content=1)
    row(4, direction=1)
    row(8, overflow=2, scroll_x=-130)
    return s


def aspect_posters() -> Scene:
    """`aspect_ratio`: 2:3 posters from their width, a 16:9 backdrop from its height, a square
    from its stretched width, each above a caption."""
    s = Scene(padding_left=20, padding_top=20, column_gap=16, align_items=1)

    for _ in range(2):
        column = s.view(s.root, flex_direction=1, row_gap=6, align_items=1)
        s.image(column, width=80, aspect_ratio=2 / 3, image_fit=0, background=GREY)
        s.caption(column, "2:3, width 80")
    column = s.view(s.root, flex_direction=1, row_gap=6, align_items=1)
    s.image(column, height=72, aspect_ratio=16 / 9, image_fit=0, background=GREY)
    s.caption(column, "16:9, height 72")
    column = s.view(s.root, flex_direction=1, row_gap=6, width=70)  # stretches its children
    s.view(column, aspect_ratio=1.0, background=TEAL)
    s.caption(column, "1:1")
    return s


def mix(*parts: tuple[int, float]) -> int:
    """The opaque colour of `(colour, weight)` parts whose weights sum to 1."""
    channels = [round(sum((c >> shift & 0xFF) * w for c, w in parts)) for shift in (24, 16, 8)]
    return channels[0] << 24 | channels[1] << 16 | channels[2] << 8 | 0xFF


SCENES: dict[str, SceneSpec] = {
    "boxes": SceneSpec(boxes, probes={
        (66, 46): RED, (166, 20): GREEN, (166, 46): BLUE, (282, 20): RED, (282, 46): WHITE,
        (282, 70): BLUE, (398, 46): BG, (30, 150): ORANGE, (250, 250): mix((BLUE, 0.5), (BG, 0.5)),
        (180, 200): mix((BLUE, 0.5), (ORANGE, 0.5))}),
    "borders_radii": SceneSpec(borders_radii, probes={
        (20, 20): WHITE, (80, 65): GREY, (172, 22): YELLOW, (230, 65): BG,
        (321, 21): BG, (360, 65): TEAL, (170, 142): BG}),
    "text_wrap": SceneSpec(text_wrap),
    "image_fit": SceneSpec(image_fit, probes={
        # cover: the image scaled to 200x100 and centred, so the box shows its middle
        (26, 30): RED, (106, 30): GREEN, (26, 100): BLUE, (106, 100): YELLOW,
        # contain: 100x50 in the middle, grey bars above and below
        (182, 20): GREY, (182, 110): GREY, (160, 50): RED, (200, 80): YELLOW,
        # fill: the whole image squeezed, frame on every side
        (250, 18): WHITE, (270, 40): RED, (330, 100): YELLOW,
        # rounded cover: the corner is cut
        (365, 17): BG, (380, 40): RED,
        # wide contain: pillarboxed
        (176, 160): GREY, (300, 160): GREY, (220, 150): RED},
    ),
    "opacity": SceneSpec(opacity, probes={
        (90, 100): mix((BLUE, 0.5), (BG, 0.5)),  # group: no red under the overlap
        (30, 40): mix((RED, 0.5), (BG, 0.5)),
        (250, 100): mix((BLUE, 0.5), (RED, 0.25), (BG, 0.25)),  # per child: red shows through
        (410, 100): mix((BLUE, 0.25), (RED, 0.25), (BG, 0.5)),  # nested: 0.5 inside 0.5
        (440, 150): mix((BLUE, 0.25), (BG, 0.75))}),
    "transforms": SceneSpec(transforms),
    "clipping": SceneSpec(clipping, probes={
        (14, 95): YELLOW, (100, 150): RED,  # visible: children overhang
        (140, 95): BG, (220, 150): BG, (160, 95): YELLOW,  # clip: cut at the box
        (272, 62): BG, (275, 120): GREY,  # rounded clip: the corner is cut
        (394, 95): WHITE, (402, 95): YELLOW}),  # clip to the padding box, inside the border
    "z_index": SceneSpec(z_index, probes={
        (60, 90): RED, (85, 115): BLUE, (40, 70): RED, (35, 105): GREEN,
        (180, 90): BLUE, (160, 70): GREEN, (300, 90): RED, (420, 90): PURPLE,
        (405, 75): YELLOW}),
    "visibility": SceneSpec(visibility, probes={
        (260, 36): GREEN, (225, 21): WHITE, (260, 90): BG, (225, 75): BG, (350, 90): BLUE,
        (260, 144): BLUE, (350, 144): BG, (260, 198): BG, (350, 198): BLUE}),
    "scroll": SceneSpec(scroll, probes={
        (25, 35): GREEN, (455, 40): PURPLE, (462, 40): BG, (21, 131): BG}),
    "nested_effects": SceneSpec(nested_effects, probes={
        (35, 55): mix((GREY, 0.6), (BG, 0.4)), (105, 168): mix((RED, 0.6), (BG, 0.4)),
        (375, 105): BLUE, (385, 112): RED, (385, 165): BLUE}),
    "rotated_groups": SceneSpec(rotated_groups, probes={
        (60, 100): mix((GREY, 0.5), (BG, 0.5)), (95, 180): mix((RED, 0.5), (BG, 0.5)),
        (137, 140): mix((BLUE, 0.7), (BG, 0.3)), (290, 110): TEAL}),
    "rtl_rows": SceneSpec(rtl_rows, probes={
        (395, 20): RED, (215, 20): YELLOW,  # 1 at the right edge, 4 on its left
        (25, 85): YELLOW, (455, 100): GREY,  # flex-end packs to the left, 4 first
        (25, 150): RED,  # the nested ltr row starts at the left
        (25, 230): RED, (455, 230): GREEN}),  # the rail at -130: 8 and 2 cut at the edges
    "aspect_posters": SceneSpec(aspect_posters, probes={
        (60, 138): WHITE, (60, 143): BG,  # 80 wide -> 120 tall (cover keeps the frame)
        (276, 90): WHITE, (276, 95): BG, (345, 50): BG,  # 72 tall -> 128 wide
        (420, 88): TEAL, (420, 92): BG}),  # stretched to 70 wide -> 70 tall
    "design_scale_half": SceneSpec(design_scale, size=(240, 135)),
    "design_scale_1_5x": SceneSpec(design_scale, size=(720, 405)),
}


# ------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Pixels:
    """Unpremultiplied RGBA bytes of an image, row-major."""

    width: int
    height: int
    rgba: bytes

    def at(self, x: int, y: int) -> int:
        """The pixel at `(x, y)` as `0xRRGGBBAA`."""
        i = (y * self.width + x) * 4
        return int.from_bytes(self.rgba[i : i + 4], "big")


def pixels_of(surface: OffscreenSurface) -> Pixels:
    return Pixels(surface.width, surface.height, surface.pixels())


def load_png(path: Path) -> Pixels:
    """Decodes a PNG the way the surface reads its own pixels (drawn onto a fresh surface)."""
    image = skia.Image.open(str(path))
    with OffscreenSurface(image.width(), image.height()) as surface:
        surface.canvas.drawImage(image, 0, 0)
        return pixels_of(surface)


def write_png(pixels: Pixels, path: Path) -> None:
    info = skia.ImageInfo.Make(pixels.width, pixels.height, skia.kRGBA_8888_ColorType,
                               skia.kUnpremul_AlphaType)
    image = skia.Image.MakeRasterData(info, pixels.rgba, pixels.width * 4)
    data = image.encodeToData(skia.EncodedImageFormat.kPNG, 100)
    path.write_bytes(bytes(data))


def diff_pixels(actual: Pixels, expected: Pixels) -> tuple[Pixels, int, int, tuple[int, ...]]:
    """(diff image, differing pixels, largest channel difference, their bounding box).

    The diff image is the actual one dimmed to a third, with differing pixels red.
    """
    out = bytearray(len(actual.rgba))
    count = worst = 0
    left, top, right, bottom = actual.width, actual.height, -1, -1
    a, e = actual.rgba, expected.rgba
    for i in range(0, len(a), 4):
        if a[i : i + 4] == e[i : i + 4]:
            luma = (a[i] + a[i + 1] + a[i + 2]) // 9
            out[i : i + 4] = bytes((luma, luma, luma, 255))
            continue
        count += 1
        worst = max(worst, *(abs(a[i + k] - e[i + k]) for k in range(4)))
        out[i : i + 4] = b"\xff\x00\x00\xff"
        x, y = (i // 4) % actual.width, (i // 4) // actual.width
        left, top, right, bottom = min(left, x), min(top, y), max(right, x), max(bottom, y)
    return Pixels(actual.width, actual.height, bytes(out)), count, worst, (left, top, right,
                                                                           bottom)


def close(actual: int, expected: int, tolerance: int = 2) -> bool:
    """Whether two `0xRRGGBBAA` colours differ by at most `tolerance` per channel.

    Probes of blended colours allow for the rounding of Skia's blending.
    """
    return all(abs((actual >> s & 0xFF) - (expected >> s & 0xFF)) <= tolerance
               for s in (0, 8, 16, 24))


def updating(config: pytest.Config) -> bool:
    return os.environ.get(UPDATE_ENV) == "1" or bool(config.getoption(UPDATE_FLAG, default=False))


def assert_matches_golden(name: str, actual: Pixels, update: bool,
                          golden_dir: Path = GOLDEN_DIR, out_root: Path | None = None) -> None:
    """Compares `actual` with `golden_dir/<name>.png` exactly (or rewrites it when updating).

    On a mismatch the images go to a new directory under `out_root` (default:
    the system's temporary directory).
    """
    path = golden_dir / f"{name}.png"
    if update:
        golden_dir.mkdir(parents=True, exist_ok=True)
        write_png(actual, path)
        return
    if not path.exists():
        pytest.fail(
            f"golden image {path} is missing. Create it with "
            f"`{UPDATE_ENV}=1 .venv/bin/python -m pytest tests/renderer/test_golden.py -k {name}` "
            f"(or `{UPDATE_FLAG}`), "
            "then LOOK at it before committing it.", pytrace=False)
    expected = load_png(path)
    if (expected.width, expected.height) != (actual.width, actual.height):
        out = _keep(name, actual, expected, None, out_root)
        pytest.fail(
            f"{name}: rendered {actual.width}x{actual.height}, golden is "
            f"{expected.width}x{expected.height}; actual and expected written to {out}",
            pytrace=False)
    if actual.rgba == expected.rgba:
        return
    diff, count, worst, box = diff_pixels(actual, expected)
    out = _keep(name, actual, expected, diff, out_root)
    pytest.fail(
        f"{name}: {count} pixels differ from {path} (largest channel difference {worst}, "
        f"within x {box[0]}..{box[2]}, y {box[1]}..{box[3]}); actual.png, expected.png and "
        f"diff.png are in {out}. If the change is intended, look at actual.png and rerun with "
        f"{UPDATE_ENV}=1.", pytrace=False)


def _keep(name: str, actual: Pixels, expected: Pixels, diff: Pixels | None,
          out_root: Path | None = None) -> Path:
    out = Path(tempfile.mkdtemp(prefix=f"marquee-golden-{name}-", dir=out_root))
    write_png(actual, out / "actual.png")
    write_png(expected, out / "expected.png")
    if diff is not None:
        write_png(diff, out / "diff.png")
    return out


def render(spec: SceneSpec) -> Pixels:
    scene = spec.build()
    with render_to_surface(scene.buf, spec.size, design_size=scene.design, fonts=FONTS,
                           images=IMAGES) as surface:
        return pixels_of(surface)


# ------------------------------------------------------------------ tests


@pytest.mark.parametrize("name", sorted(SCENES))
def test_scene_matches_its_golden_image(name: str, engine_path: Path,
                                        request: pytest.FixtureRequest) -> None:
    spec = SCENES[name]
    actual = render(spec)
    for (x, y), colour in spec.probes.items():
        assert close(actual.at(x, y), colour), (
            f"{name}: pixel ({x}, {y}) is #{actual.at(x, y):08x}, the scene means #{colour:08x}")
    assert_matches_golden(name, actual, updating(request.config))


def test_design_units_scale_uniformly_to_the_surface(engine_path: Path) -> None:
    small = render(SCENES["design_scale_half"])
    large = render(SCENES["design_scale_1_5x"])
    # The red box's centre (84, 64 design units) and the green bar's (234, 84).
    for (x, y), colour in {(84, 64): RED, (238, 93): GREEN, (345, 60): RED}.items():
        assert small.at(round(x * 0.5), round(y * 0.5)) == colour
        assert large.at(round(x * 1.5), round(y * 1.5)) == colour


def test_a_changed_pixel_fails_with_actual_expected_and_diff_written(tmp_path: Path) -> None:
    golden = Pixels(4, 2, bytes([10, 20, 30, 255]) * 8)
    write_png(golden, tmp_path / "tiny.png")
    assert_matches_golden("tiny", golden, update=False, golden_dir=tmp_path)
    changed = bytearray(golden.rgba)
    changed[4 * 5] = 200  # pixel (1, 1)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_matches_golden("tiny", Pixels(4, 2, bytes(changed)), update=False,
                              golden_dir=tmp_path, out_root=tmp_path)
    message = str(failure.value)
    assert "1 pixels differ" in message and "x 1..1, y 1..1" in message
    out = Path(message.split("diff.png are in ")[1].split(". If")[0])
    diff = load_png(out / "diff.png")
    assert diff.at(1, 1) == 0xFF0000FF and diff.at(0, 0) != 0xFF0000FF
    assert load_png(out / "actual.png").rgba == bytes(changed)


def test_a_missing_golden_fails_with_instructions(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=f"missing. Create it with `{UPDATE_ENV}=1"):
        assert_matches_golden("absent", Pixels(1, 1, bytes(4)), update=False,
                              golden_dir=tmp_path)


# ------------------------------------------------- damage-only vs full render


def damage_scene() -> Scene:
    """Axis-aligned boxes, text, images and a scroll rail: where damage-only painting is exact.

    Node ids: 1 root, 2-4 boxes, 5 text, 6-7 images, 8 wrapped text, 9 rail, 10-13 tiles.
    """
    s = Scene(flex_wrap=1, padding_left=16, padding_top=16, column_gap=16, row_gap=16,
              align_items=1)
    for colour in (RED, GREEN, BLUE):
        s.view(s.root, width=90, height=60, background=colour)
    s.text(s.root, "Damage only", font_size=24, width=180)
    s.image(s.root, width=120, height=80, image_fit=1, background=GREY)
    s.image(s.root, width=80, height=80, image_fit=0)
    s.text(s.root, SENTENCE, font_size=16, width=200, max_lines=2)
    rail = s.view(s.root, width=200, height=50, overflow=2, column_gap=10, background=GREY)
    for colour in (RED, GREEN, BLUE, YELLOW):
        s.view(rail, width=70, height=50, flex_shrink=0, background=colour)
    return s


EDITS: list[Callable[[CommandBuffer], object]] = [
    lambda b: b.set_prop(2, Prop.BACKGROUND, YELLOW),  # recolour a box
    lambda b: b.define_string(900, "Repainted").set_text(5, 900),  # new text
    lambda b: b.set_prop(6, Prop.IMAGE_FIT, 2),  # contain -> fill
    lambda b: b.set_props(3, [(Prop.TRANSLATE_X, 37), (Prop.TRANSLATE_Y, 11)]),  # move a box
    lambda b: b.set_prop(7, Prop.VISIBLE, 0),  # hide an image
    lambda b: b.set_prop(4, Prop.OPACITY, 0.5),  # a translucent layer
    lambda b: b.set_prop(8, Prop.TEXT_COLOR, ORANGE),  # recolour wrapped text
    lambda b: b.set_props(4, [(Prop.WIDTH, 60), (Prop.Z_INDEX, -1)]),  # relayout the row
    lambda b: b.set_prop(9, Prop.SCROLL_X, 55),  # scroll the rail
    lambda b: b.remove(3),  # remove a box
    lambda b: b.create(50).set_props(50, [(Prop.WIDTH, 40), (Prop.HEIGHT, 40),
                                          (Prop.BACKGROUND, PURPLE)]).insert(1, 50, 5),  # add one
]


def _frames(engine: Renderer, painter: Painter, batch: CommandBuffer, now: float) -> Any:
    engine.apply(batch)
    output = engine.frame(now)
    painter.paint_output(output)
    return output


def test_damage_only_frames_after_edits_equal_a_full_render_of_the_edited_scene(
    engine_path: Path,
) -> None:
    scene = damage_scene()
    width, height = SIZE
    prelude = CommandBuffer().extend(FONTS.define_commands()).set_viewport(
        width, height, *scene.design)
    history = CommandBuffer().extend(scene.buf)
    with Renderer() as engine, OffscreenSurface(width, height) as surface:
        painter = Painter(surface, fonts=FONTS, images=IMAGES)
        first = _frames(engine, painter, CommandBuffer().extend(prelude).extend(scene.buf), 0.0)
        assert first.full
        for step, edit in enumerate(EDITS, start=1):
            batch = CommandBuffer()
            edit(batch)
            history.extend(batch)
            output = _frames(engine, painter, batch, step * 16.0)
            damaged = sum(w * h for _, _, w, h in output.damage)
            assert not output.full and 0 < damaged < width * height, (step, output.damage)
            with render_to_surface(history, SIZE, design_size=scene.design, fonts=FONTS,
                                   images=IMAGES) as fresh:
                expected = pixels_of(fresh)
            actual = pixels_of(surface)
            if actual.rgba != expected.rgba:
                _, count, worst, box = diff_pixels(actual, expected)
                out = _keep(f"damage-step{step}", actual, expected, None)
                pytest.fail(f"edit {step}: {count} pixels differ from a full render (largest "
                            f"difference {worst}, box {box}, damage {output.damage}); see {out}")

