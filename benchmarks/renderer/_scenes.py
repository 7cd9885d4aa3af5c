"""The benchmark scenes, built with the public command encoder."""

from __future__ import annotations

from renderer import CommandBuffer, Dim, Kind, Prop, State

ROOT = 1
RAILS, POSTERS = 8, 12
POSTER_PROPS = {Prop.WIDTH: 132.0, Prop.FLEX_SHRINK: 0.0, Prop.FOCUSABLE: 1,
                Prop.FLEX_DIRECTION: 1, Prop.ROW_GAP: 6.0, Prop.CORNER_RADIUS: 10.0}
ART_PROPS = {Prop.HEIGHT: 198.0, Prop.CORNER_RADIUS: 10.0, Prop.BACKGROUND: 0x2E5EAAFF}
PROGRESS_PROPS = {Prop.HEIGHT: 4.0, Prop.WIDTH: Dim.percent(40.0), Prop.BACKGROUND: 0xE50914FF}
NODES_PER_POSTER = 4
FOCUSED_PROPS = {Prop.SCALE_X: 1.1, Prop.SCALE_Y: 1.1, Prop.BORDER_LEFT: 4.0,
                 Prop.BORDER_TOP: 4.0, Prop.BORDER_RIGHT: 4.0, Prop.BORDER_BOTTOM: 4.0,
                 Prop.BORDER_COLOR: 0xFFFFFFFF}
TITLE_PROPS = {Prop.FONT: 1, Prop.FONT_SIZE: 20.0, Prop.MAX_LINES: 2}


def _page_frame(buf: CommandBuffer) -> None:
    buf.create(ROOT).set_props(ROOT, {Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0,
                                      Prop.FLEX_DIRECTION: 1, Prop.BACKGROUND: 0x0E1016FF,
                                      Prop.PADDING_LEFT: 96.0, Prop.ROW_GAP: 24.0,
                                      Prop.OVERFLOW: 2})
    buf.create(2).insert(ROOT, 2).set_props(2, {Prop.HEIGHT: 96.0, Prop.COLUMN_GAP: 40.0})
    for i, label in enumerate(("Home", "Movies", "Series", "My List")):
        buf.define_string(10 + i, label).create(10 + i, Kind.TEXT).set_text(10 + i, 10 + i)
        buf.set_props(10 + i, {Prop.FONT_SIZE: 30.0}).insert(2, 10 + i).release_string(10 + i)
    for rail in range(RAILS):
        row = 100 + rail
        buf.create(row).insert(ROOT, row).set_props(row, {
            Prop.COLUMN_GAP: 10.0, Prop.OVERFLOW: 2, Prop.FLEX_SHRINK: 0.0,
            Prop.PADDING_TOP: 16.0, Prop.PADDING_BOTTOM: 16.0, Prop.PADDING_LEFT: 8.0})


def _poster(buf: CommandBuffer, card: int) -> None:
    """Card (focusable, scales on focus) > art, title (text), progress bar."""
    buf.create(card).set_props(card, POSTER_PROPS)
    buf.set_state_props(card, State.FOCUSED, FOCUSED_PROPS)
    buf.create(card + 1).set_props(card + 1, ART_PROPS).insert(card, card + 1)
    buf.create(card + 2, Kind.TEXT).set_props(card + 2, TITLE_PROPS).insert(card, card + 2)
    buf.create(card + 3).set_props(card + 3, PROGRESS_PROPS).insert(card, card + 3)


def _title(index: int) -> str:
    return f"Title number {index} of the catalog"


def home_page(templates: bool) -> tuple[CommandBuffer, list[int]]:
    """Header + 8 rails x 12 posters with titles (about 400 nodes); the poster ids."""
    buf = CommandBuffer()
    _page_frame(buf)
    if templates:
        body = CommandBuffer()
        _poster(body, 1)
        buf.define_template(1, NODES_PER_POSTER, body)
    posters = []
    for rail in range(RAILS):
        for index in range(POSTERS):
            poster = 1000 + NODES_PER_POSTER * (rail * POSTERS + index)
            posters.append(poster)
            if templates:
                buf.instantiate(1, poster)
            else:
                _poster(buf, poster)
            string = 5000 + len(posters)
            buf.define_string(string, _title(len(posters))).set_text(poster + 2, string)
            buf.release_string(string)
            buf.insert(100 + rail, poster)
    buf.set_root(ROOT)
    return buf, posters


def view_tree(count: int, fanout: int = 10) -> CommandBuffer:
    """A tree of `count` views: rows of `fanout` fixed-size boxes under wrapping columns."""
    buf = CommandBuffer().create(1).set_props(1, {Prop.WIDTH: 1920.0, Prop.FLEX_DIRECTION: 1})
    node, parent = 2, 1
    while node <= count:
        if (node - 2) % (fanout + 1) == 0:
            parent = node
            buf.create(node).insert(1, node).set_props(node, {Prop.FLEX_WRAP: 1,
                                                              Prop.COLUMN_GAP: 8.0})
        else:
            buf.create(node).insert(parent, node).set_props(node, {
                Prop.WIDTH: 120.0 + node % 7, Prop.HEIGHT: 40.0, Prop.FLEX_GROW: 1.0,
                Prop.MARGIN_TOP: 4.0})
        node += 1
    return buf.set_root(1)
