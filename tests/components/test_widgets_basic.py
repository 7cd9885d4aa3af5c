"""View, Row, Column, Text, Image, Spacer: structure and props, on the double and the engine."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import attrs
import pytest
from components_kit import Stage, find, parse, texts

from components import (
    TEN_FOOT,
    Button,
    Column,
    Grid,
    Image,
    Overlay,
    Rail,
    Row,
    Spacer,
    Spinner,
    Text,
    ThemeProvider,
    View,
    provide_theme,
    use_theme,
)
from renderer import ImageManager
from sdk import component


@pytest.fixture
def stage_of():
    stages: list[Stage] = []

    def make(element, **kwargs) -> Stage:
        stage = Stage(element, **kwargs)
        stages.append(stage)
        return stage

    yield make
    for stage in stages:
        stage.close()


def test_column_of_rows_lays_out_children_in_both_directions(stage_of):
    page = Column(
        Row(Text("A", test_id="a"), Text("B", test_id="b"), gap=20, test_id="row"),
        Text("C", test_id="c"),
        gap=30, padding=(54, 96), width="100%", test_id="page",
    )
    stage = stage_of(page)
    root = parse(stage.dump())
    a, b, c = (find(root, test_id=t) for t in "abc")
    assert (a.x, a.y) == (96, 54)
    assert b.y == a.y and b.x == a.x + a.w + 20          # row: side by side, gap 20
    assert c.x == a.x and c.y == a.y + a.h + 30          # column: below, gap 30
    assert find(root, test_id="row").prop("role") == "view"
    assert find(root, test_id="page").prop("direction") == "column"
    # the scene double received the same structure (ids and props, without geometry)
    assert 'test_id="a"' in stage.double.dump() and "direction=column" in stage.double.dump()


def test_text_takes_size_colour_and_font_from_the_theme(stage_of):
    stage = stage_of(View(Text("Hello", test_id="t"), Text("Big", size=60, test_id="big")))
    root = parse(stage.dump())
    hello = find(root, test_id="t")
    assert hello.prop("size") == "32" and hello.prop("color") == "#f4f5f8ff"
    assert hello.prop("role") == "text" and "missing_glyphs" not in hello.rest
    assert find(root, test_id="big").prop("size") == "60"  # a prop beats the theme


def test_a_provided_theme_reaches_widgets_built_below_it(stage_of):
    big = attrs.evolve(TEN_FOOT, type=attrs.evolve(TEN_FOOT.type, body=40))

    @component
    def Inner():
        assert use_theme() is big
        return Text("inner", test_id="inner")

    @component
    def Page():
        provide_theme(big)
        return Column(Text("page", test_id="page"), Inner())

    @component
    def Wrapped():
        return ThemeProvider(big, Inner())

    root = parse(stage_of(Column(Page(), Wrapped(), Text("outside", test_id="out"))).dump())
    assert find(root, test_id="page").prop("size") == "40"
    assert find(root, test_id="out").prop("size") == "32"
    assert [n.prop("size") for n in root.walk() if n.prop("test_id") == "inner"] == ["40", "40"]


def test_fixed_spacer_separates_along_the_main_axis_and_flexible_spacer_pushes_to_the_edge(
        stage_of):
    stage = stage_of(Column(
        Row(Text("L", test_id="l"), Spacer(), Text("R", test_id="r"), width="100%"),
        Spacer(48),
        Text("below", test_id="below"),
        width="100%",
    ))
    root = parse(stage.dump())
    right = find(root, test_id="r")
    assert right.x + right.w == 1920                     # flexible spacer took the free space
    left = find(root, test_id="l")
    assert find(root, test_id="below").y == left.y + left.h + 48


def test_every_widget_carries_a_role_a_label_and_a_test_id(stage_of):
    widgets = {
        "view": View(label="L-view", test_id="view"),
        "text": Text("x", label="L-text", test_id="text"),
        "button": Button("Go", label="L-button", test_id="button"),
        "progress": Spinner(label="L-progress", test_id="progress"),
        "list": Rail(["a"], render=Text, item_width=100, label="L-list", test_id="list"),
        "dialog": Overlay(label="L-dialog", test_id="dialog"),
    }
    root = parse(stage_of(Column(*widgets.values(), width="100%")).dump())
    for role, _ in widgets.items():
        node = find(root, test_id=role)
        assert node.prop("role") == role
        assert node.prop("label") == f"L-{role}"
    grid = parse(stage_of(Grid(["a"], 2, render=Text, item_width=50, item_height=50,
                               label="g", test_id="grid")).dump())
    assert find(grid, test_id="grid").prop("role") == "list"


def test_style_props_pass_through_and_unknown_ones_are_named():
    element = Text("x", color="#ff0000", max_lines=2)
    assert element.props["color"] == "#ff0000" and element.props["max_lines"] == 2
    with pytest.raises(TypeError, match="'colour'"):
        Text("x", colour="#ff0000")
    with pytest.raises(TypeError, match="'paddin'"):
        Button("x", paddin=3)
    with pytest.raises(ValueError, match="fit"):
        Image("a.png", fit="stretch")
    with pytest.raises(ValueError, match="Spacer"):
        Spacer(-1)


def _png(path: Path, width: int, height: int, rgb: tuple[int, int, int]) -> Path:
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


class _Images:
    """The reconciler's image source over a real `ImageManager`."""

    def __init__(self) -> None:
        self.manager = ImageManager(workers=1)

    def acquire(self, src: str) -> int:
        return self.manager.request(src)

    def release(self, image: int) -> None:
        self.manager.release(image)


def test_image_shows_its_source_with_the_requested_fit(stage_of, tmp_path):
    poster = _png(tmp_path / "poster.png", 20, 30, (200, 40, 40))
    images = _Images()
    try:
        stage = stage_of(View(Image(str(poster), fit="contain", width=200, height=300,
                                    label="Poster", test_id="img")), images=images)
        node = find(parse(stage.dump()), test_id="img")
        assert node.kind == "image" and node.prop("fit") == "contain"
        assert node.prop("role") == "image" and node.prop("label") == "Poster"
        assert node.prop("image") is not None and (node.w, node.h) == (200, 300)
    finally:
        images.manager.close()


def test_text_content_is_reactive_without_re_rendering(stage_of):
    from signals import signal

    count = signal(1)
    stage = stage_of(View(Text(lambda: f"{count()} items", test_id="t")))
    count.set(2)
    start = len(stage.batches)
    stage.settle()
    assert texts(find(parse(stage.dump()), test_id="t")) == ["2 items"]
    assert sum(stage.opcodes_since(start).values()) <= 3   # define string + set text (+ release)


def test_every_widget_renders_the_same_scene_in_the_double_and_the_engine(stage_of):
    from signals import signal

    now = signal(0.0)
    page = Column(
        Row(Button("Play"), Button("Off", disabled=True), Spacer(), Spinner(time=now), gap=24),
        Rail([f"T{i}" for i in range(300)], render=Text, item_width=200, item_height=100),
        Grid([f"G{i}" for i in range(300)], 4, render=Text, item_width=200, item_height=100),
        Overlay(Text("dialog"), scrim="#00000080"),
        Spacer(20), Text("end", max_lines=1),
        width="100%", height="100%",
    )
    stage = stage_of(page)
    now.set(300.0)
    stage.settle()
    engine = stage.engine.dump(structure_only=True)
    assert engine == stage.double.dump()
    for role in ("button", "progress", "list", "listitem", "dialog", "text"):
        assert f"role={role}" in engine
