"""The vanilla baseline: the same app written imperatively, one optimal batch per action.

It does what vanillajs does, in scene commands: the row is a template
defined once and instantiated per row (`cloneNode`), texts are set on the
cloned text nodes, `select` touches the old and the new row only, `swap` is
two moves, `delete` one `REMOVE`. Clearing drops the table node and makes a
new one (`tbody.textContent = ""`), and a table filled from empty is filled
while detached and inserted last (`appendRows`). It tracks its node ids
itself and never reuses one (ids are u32; a page never runs out).

Strings: labels repeat (3,575 combinations), so a bounded table keeps them
defined; other texts (ids, labels past the bound) are defined, set and
released at once.
"""

from __future__ import annotations

from renderer import CommandBuffer, Dim, Kind, Prop, parse_color

from . import _look as look
from ._store import Row, Store

TEMPLATE = 1
ROW_NODES = 5
"""Row, id text, label text, remove icon, spacer (template-local ids 1..5)."""
MAX_LABELS = 4096
"""Labels kept defined as strings."""
_ROOT = 1


def _dim(value: float | str) -> Dim:
    if isinstance(value, str):
        return Dim.percent(float(value.rstrip("%")))
    return Dim.points(value)


def _row_template() -> CommandBuffer:
    text = [(Prop.FONT_SIZE, look.TEXT_SIZE), (Prop.TEXT_COLOR, parse_color(look.TEXT_COLOUR))]
    icon = _dim(look.ICON_SIZE)
    body = CommandBuffer()
    body.create(1, Kind.VIEW).set_props(1, [
        (Prop.ALIGN_ITEMS, 3), (Prop.HEIGHT, _dim(look.ROW_HEIGHT)), (Prop.FOCUSABLE, 1)])
    body.create(2, Kind.TEXT).set_props(2, [(Prop.WIDTH, _dim(look.ID_WIDTH)), *text])
    body.create(3, Kind.TEXT).set_props(3, [(Prop.WIDTH, _dim(look.LABEL_WIDTH)), *text])
    body.create(4, Kind.VIEW).set_props(4, [
        (Prop.WIDTH, icon), (Prop.HEIGHT, icon),
        (Prop.BACKGROUND, parse_color(look.ICON_COLOUR))])
    body.create(5, Kind.VIEW).set_prop(5, Prop.FLEX_GROW, 1.0)
    for local in range(2, ROW_NODES + 1):
        body.insert(1, local, None)
    return body


class VanillaApp:
    """The benchmark app written by hand against the command protocol."""

    name = "vanilla"

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else Store()
        self.buf = CommandBuffer()
        self._next_node = _ROOT + 1
        self._next_string = 1
        self._labels: dict[str, int] = {}
        self._rows: list[int] = []
        """Row nodes in table order (parallel to `store.data`)."""
        self._node_of: dict[int, int] = {}
        """Row id -> row node."""
        self._selected_node = 0
        self._selected_colour = parse_color(look.SELECTED)
        buf = self.buf
        buf.create(_ROOT, Kind.VIEW).set_props(_ROOT, [(Prop.WIDTH, _dim("100%")),
                                                       (Prop.HEIGHT, _dim("100%"))])
        buf.set_root(_ROOT)
        buf.define_template(TEMPLATE, ROW_NODES, _row_template())
        self._table = self._new_table()
        buf.insert(_ROOT, self._table, None)

    # nodes and strings ---------------------------------------------------------------

    def _new_table(self) -> int:
        node = self._next_node
        self._next_node += 1
        pad = _dim(look.TABLE_PADDING)
        self.buf.create(node, Kind.VIEW).set_props(node, [
            (Prop.FLEX_DIRECTION, 1), (Prop.WIDTH, _dim("100%")), (Prop.PADDING_LEFT, pad),
            (Prop.PADDING_TOP, pad), (Prop.PADDING_RIGHT, pad), (Prop.PADDING_BOTTOM, pad)])
        return node

    def _set_text(self, node: int, text: str, keep: bool) -> None:
        buf = self.buf
        labels = self._labels
        sid = labels.get(text) if keep else None
        if sid is not None:
            buf.set_text(node, sid)
            return
        sid = self._next_string
        self._next_string += 1
        buf.define_string(sid, text)
        buf.set_text(node, sid)
        if keep and len(labels) < MAX_LABELS:
            labels[text] = sid
        else:
            buf.release_string(sid)

    def _append(self, rows: list[Row], parent: int) -> None:
        buf = self.buf
        node_of = self._node_of
        nodes = self._rows
        base = self._next_node
        self._next_node += ROW_NODES * len(rows)
        for row in rows:
            buf.instantiate(TEMPLATE, base)
            self._set_text(base + 1, str(row.id), keep=False)
            self._set_text(base + 2, row.label, keep=True)
            buf.insert(parent, base, None)
            node_of[row.id] = base
            nodes.append(base)
            base += ROW_NODES

    def _replace_table(self) -> None:
        """Drop the table and every row in one command; the new table starts detached."""
        self.buf.remove(self._table)
        self._table = self._new_table()
        self._rows = []
        self._node_of = {}
        self._selected_node = 0

    def _fill_detached(self, rows: list[Row]) -> None:
        self._append(rows, self._table)
        self.buf.insert(_ROOT, self._table, None)

    # the benchmark's buttons ---------------------------------------------------------

    def run(self) -> None:
        self.store.run()
        self._replace_table()
        self._fill_detached(self.store.data)

    def run_lots(self) -> None:
        self.store.run_lots()
        self._replace_table()
        self._fill_detached(self.store.data)

    def add(self) -> None:
        old = len(self.store.data)
        self.store.add()
        if old:
            self._append(self.store.data[old:], self._table)
        else:
            self._replace_table()
            self._fill_detached(self.store.data)

    def update(self) -> None:
        self.store.update()
        data = self.store.data
        nodes = self._rows
        for i in range(0, len(data), 10):
            self._set_text(nodes[i] + 2, data[i].label, keep=True)

    def clear(self) -> None:
        self.store.clear()
        self._replace_table()
        self.buf.insert(_ROOT, self._table, None)

    def swap_rows(self) -> None:
        if not self.store.swap_rows():
            return
        nodes = self._rows
        first, last = nodes[1], nodes[998]
        self.buf.insert(self._table, last, nodes[2])
        self.buf.insert(self._table, first, nodes[999] if len(nodes) > 999 else None)
        nodes[1], nodes[998] = last, first

    def select(self, row_id: int) -> None:
        self.store.select(row_id)
        buf = self.buf
        if self._selected_node:
            buf.set_prop(self._selected_node, Prop.BACKGROUND, 0)
        node = self._node_of.get(row_id, 0)
        if node:
            buf.set_prop(node, Prop.BACKGROUND, self._selected_colour)
        self._selected_node = node

    def delete(self, row_id: int) -> None:
        index = self.store.delete(row_id)
        node = self._rows.pop(index)
        del self._node_of[row_id]
        if node == self._selected_node:
            self._selected_node = 0
        self.buf.remove(node)

    # the frame boundary ---------------------------------------------------------------

    def flush(self) -> bytes:
        """The commands written since the last flush."""
        data = self.buf.getvalue()
        self.buf.clear()
        return data

    def applied(self) -> None:
        """Nothing to do: ids are never reused."""
