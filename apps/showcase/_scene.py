"""The home page scene: header, hero, rails of focusable poster cards."""

from __future__ import annotations

from renderer import CommandBuffer, Kind, Prop, State

ROOT, HEADER, HERO, RAILS = 1, 2, 3, 4
RAIL_COUNT, CARDS_PER_RAIL = 4, 8
TITLES = ("Dune", "Arrival", "Heat", "Alien", "Up", "Her", "Jaws", "Rocky",
          "Fargo", "Logan", "Coco", "Moon", "Drive", "Rush", "Shrek", "Tenet")
PALETTE = (0x2E5EAAFF, 0xAA4A2EFF, 0x2EAA7AFF, 0x7A2EAAFF, 0xAA8F2EFF, 0x2E94AAFF)


class Ids:
    """Hands out node and string ids (the sender chooses them)."""

    def __init__(self, first: int) -> None:
        self._next = first

    def take(self) -> int:
        value = self._next
        self._next += 1
        return value


def _text(buf: CommandBuffer, ids: Ids, parent: int, text: str, size: float,
          font: int = 0, color: int = 0xFFFFFFFF) -> int:
    node, string = ids.take(), ids.take()
    buf.create(node, Kind.TEXT).define_string(string, text).set_text(node, string)
    buf.release_string(string)
    buf.set_props(node, {Prop.FONT: font, Prop.FONT_SIZE: size, Prop.TEXT_COLOR: color})
    buf.insert(parent, node)
    return node


def _card(buf: CommandBuffer, ids: Ids, rail: int, index: int) -> int:
    card = ids.take()
    title = TITLES[(rail * 3 + index) % len(TITLES)]
    buf.create(card).insert(RAILS + 1 + rail, card)
    buf.set_props(card, {
        Prop.WIDTH: 300.0, Prop.HEIGHT: 190.0, Prop.FLEX_SHRINK: 0.0, Prop.CORNER_RADIUS: 16.0,
        Prop.BACKGROUND: PALETTE[(rail + index) % len(PALETTE)], Prop.FOCUSABLE: 1,
        Prop.FLEX_DIRECTION: 1, Prop.JUSTIFY_CONTENT: 1, Prop.PADDING_LEFT: 20.0,
        Prop.PADDING_BOTTOM: 16.0, Prop.ROLE: 4,
    })
    buf.set_state_props(card, State.FOCUSED, {
        Prop.SCALE_X: 1.08, Prop.SCALE_Y: 1.08, Prop.BORDER_LEFT: 4.0, Prop.BORDER_TOP: 4.0,
        Prop.BORDER_RIGHT: 4.0, Prop.BORDER_BOTTOM: 4.0, Prop.BORDER_COLOR: 0xFFFFFFFF,
        Prop.Z_INDEX: 1,
    })
    _text(buf, ids, card, title, 34.0, font=2)
    return card


def build_home() -> tuple[CommandBuffer, int]:
    """The whole page as one batch, and the id of the card to focus first."""
    buf = CommandBuffer()
    buf.create(ROOT).set_props(ROOT, {
        Prop.WIDTH: 1920.0, Prop.HEIGHT: 1080.0, Prop.FLEX_DIRECTION: 1,
        Prop.BACKGROUND: 0x0E1016FF, Prop.PADDING_LEFT: 96.0, Prop.PADDING_TOP: 48.0,
        Prop.ROW_GAP: 28.0,
    })
    ids = Ids(first=1000)
    buf.create(HEADER).insert(ROOT, HEADER).set_props(HEADER, {Prop.COLUMN_GAP: 48.0})
    for label in ("Home", "Movies", "Series", "My List"):
        _text(buf, ids, HEADER, label, 30.0, font=1, color=0xC8CCD8FF)
    buf.create(HERO).insert(ROOT, HERO).set_props(HERO, {Prop.FLEX_DIRECTION: 1, Prop.ROW_GAP: 8.0})
    _text(buf, ids, HERO, "Tonight on Marquee", 64.0, font=2)
    synopsis = _text(buf, ids, HERO, (
        "A renderer in WebAssembly lays out, focuses and damages; Skia paints only what "
        "changed. Move with the arrow keys: focus never waits for app code."), 30.0,
        color=0xA0A6B4FF)
    buf.set_props(synopsis, {Prop.MAX_WIDTH: 1100.0, Prop.MAX_LINES: 2})
    buf.create(RAILS).insert(ROOT, RAILS).set_props(RAILS, {
        Prop.FLEX_DIRECTION: 1, Prop.ROW_GAP: 24.0, Prop.FLEX_GROW: 1.0, Prop.MIN_HEIGHT: 0.0,
        Prop.OVERFLOW: 2})
    first = 0
    for rail in range(RAIL_COUNT):
        row = RAILS + 1 + rail
        buf.create(row).insert(RAILS, row).set_props(row, {
            Prop.COLUMN_GAP: 28.0, Prop.OVERFLOW: 2, Prop.FLEX_SHRINK: 0.0,
            Prop.PADDING_TOP: 12.0, Prop.PADDING_BOTTOM: 12.0, Prop.PADDING_LEFT: 12.0})
        for index in range(CARDS_PER_RAIL):
            card = _card(buf, ids, rail, index)
            first = first or card
    buf.set_root(ROOT)
    return buf, first
