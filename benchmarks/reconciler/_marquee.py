"""The Marquee app: rows as a signal of a list, rendered with `For`, selection by selector.

Written as an app team would: rows are immutable items keyed by id, so a
changed label is a new item and re-renders that row only; the highlight is a
reactive prop bound to `signals.selector`, so selecting touches two rows.
"""

from __future__ import annotations

from typing import Any

from sdk import TEXT, VIEW, Element, For, SceneRoot, component, host_element
from signals import batch, selector, signal

from . import _look as look
from ._store import Row, Store


def _view(*children: Element, key: Any = None, **props: Any) -> Element:
    return host_element(VIEW, children, props, key)


def _text(text: str, **props: Any) -> Element:
    return host_element(TEXT, (), {"text": text, **props}, None)


class MarqueeApp:
    """The benchmark app written the Marquee way; actions change signals, `flush` renders."""

    name = "marquee"

    def __init__(self, store: Store | None = None, *, templates: bool = True) -> None:
        self.store = store if store is not None else Store()
        self._rows = signal(self.store.data)
        self._selected = signal(self.store.selected)
        is_selected = selector(self._selected)

        def render_row(row: Row) -> Element:
            row_id = row.id
            return _view(
                _text(str(row_id), width=look.ID_WIDTH, size=look.TEXT_SIZE,
                      color=look.TEXT_COLOUR),
                _text(row.label, width=look.LABEL_WIDTH, size=look.TEXT_SIZE,
                      color=look.TEXT_COLOUR),
                _view(width=look.ICON_SIZE, height=look.ICON_SIZE, background=look.ICON_COLOUR),
                _view(grow=1),
                direction="row", align="center", height=look.ROW_HEIGHT, focusable=True,
                background=lambda: look.SELECTED if is_selected(row_id) else None,
            )

        rows = self._rows

        @component
        def Table() -> Element:
            return _view(For(each=rows, key=_row_id, render=render_row),
                         direction="column", width="100%", padding=look.TABLE_PADDING)

        self.root = SceneRoot(Table(), templates=templates, background=None)  # as vanilla

    def _publish(self) -> None:
        with batch():
            self._rows.set(self.store.data)
            self._selected.set(self.store.selected)

    # the benchmark's buttons ---------------------------------------------------------

    def run(self) -> None:
        self.store.run()
        self._publish()

    def run_lots(self) -> None:
        self.store.run_lots()
        self._publish()

    def add(self) -> None:
        self.store.add()
        self._publish()

    def update(self) -> None:
        self.store.update()
        self._publish()

    def clear(self) -> None:
        self.store.clear()
        self._publish()

    def swap_rows(self) -> None:
        self.store.swap_rows()
        self._publish()

    def select(self, row_id: int) -> None:
        self.store.select(row_id)
        self._publish()

    def delete(self, row_id: int) -> None:
        self.store.delete(row_id)
        self._publish()

    # the frame boundary ---------------------------------------------------------------

    def flush(self) -> bytes:
        """The commands of everything that changed since the last flush."""
        return self.root.flush()

    def applied(self) -> None:
        """The engine applied every batch so far (freed ids may be reused)."""
        self.root.acknowledge(self.root.scene.ids.batches)



def _row_id(row: Row) -> int:
    return row.id
