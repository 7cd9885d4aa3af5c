"""The nine keyed CPU operations of js-framework-benchmark, with upstream's preconditions.

Each operation starts on a fresh page (upstream opens a new page per
iteration, so ids start at 1), runs its precondition (`init`, warm-ups
included; every step is a full click: app, engine, paint), then measures one
click and checks the scene the engine shows, as upstream's "done when".
Rows are named by their 1-based position, as upstream's selectors do; the
position is resolved to a row id before the click (a user clicks a row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ._page import Page

Check = Callable[[Page, int], None]


@dataclass(frozen=True)
class Operation:
    """One benchmark: precondition, measured click, check."""

    name: str
    title: str
    weight: float
    warmups: int
    init: Callable[[Page, int], None]
    click: Callable[[Page], Callable[[], object]]
    check: Check


def _row_id(page: Page, position: int) -> int:
    return page.app.store.data[position - 1].id


def _run_clear(page: Page, warmups: int) -> None:
    for _ in range(warmups):
        page.step(page.app.run)
        page.step(page.app.clear)


def _expect(what: str, got: object, want: object) -> None:
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")


# 01 create rows ----------------------------------------------------------------------------------

def _check_run1k(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("rows after run", len(rows), 1000)
    _expect("id of row 1000", rows[999][0], str(1000 * (warmups + 1)))


# 02 replace all rows -----------------------------------------------------------------------------

def _init_replace(page: Page, warmups: int) -> None:
    for _ in range(warmups):
        page.step(page.app.run)


def _check_replace(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("rows after replace", len(rows), 1000)
    _expect("id of row 1", rows[0][0], str(1000 * warmups + 1))


# 03 partial update -------------------------------------------------------------------------------

def _init_update(page: Page, warmups: int) -> None:
    page.step(page.app.run)
    for _ in range(warmups):
        page.step(page.app.update)


def _check_update(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("row 991 label suffix", rows[990][1].endswith(" !!!" * (warmups + 1)), True)
    _expect("row 992 label suffix", rows[991][1].endswith(" !!!"), False)


# 04 select row -----------------------------------------------------------------------------------

def _init_select(page: Page, warmups: int) -> None:
    page.step(page.app.run)
    row = _row_id(page, 5)
    page.step(lambda: page.app.select(row))


def _click_select(page: Page) -> Callable[[], object]:
    row = _row_id(page, 2)
    return lambda: page.app.select(row)


def _check_select(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("highlighted rows", [i + 1 for i, r in enumerate(rows) if r[2]], [2])


# 05 swap rows ------------------------------------------------------------------------------------

def _init_swap(page: Page, warmups: int) -> None:
    page.step(page.app.run)
    for _ in range(2 * ((warmups + 1) // 2)):  # upstream: warmups + 1, an even number
        page.step(page.app.swap_rows)


def _check_swap(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("id of row 2", rows[1][0], "999")
    _expect("id of row 999", rows[998][0], "2")


# 06 remove row -----------------------------------------------------------------------------------

SKIP = 4
"""Upstream's `rowsToSkip`: the measured click removes row 4."""


def _init_remove(page: Page, warmups: int) -> None:
    page.step(page.app.run)
    for i in range(warmups):
        page.step(_delete(page, _row_id(page, warmups - i + SKIP)))
    row = _row_id(page, SKIP + 2)
    page.step(lambda: page.app.delete(row))


def _delete(page: Page, row: int) -> Callable[[], object]:
    return lambda: page.app.delete(row)


def _click_remove(page: Page) -> Callable[[], object]:
    row = _row_id(page, SKIP)
    return lambda: page.app.delete(row)


def _check_remove(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("id of row 4", rows[SKIP - 1][0], str(SKIP + warmups + 1))
    _expect("rows after removing", len(rows), 1000 - warmups - 2)


# 07 create many rows -----------------------------------------------------------------------------

def _check_runlots(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("rows after runlots", len(rows), 10_000)
    _expect("id of row 10000", rows[-1][0], str(1000 * warmups + 10_000))


# 08 append rows to a large table -----------------------------------------------------------------

def _init_add(page: Page, warmups: int) -> None:
    _run_clear(page, warmups)
    page.step(page.app.run)


def _check_add(page: Page, warmups: int) -> None:
    rows = page.table()
    _expect("rows after append", len(rows), 2000)
    _expect("id of row 2000", rows[-1][0], str(1000 * warmups + 2000))


# 09 clear rows -----------------------------------------------------------------------------------

def _check_clear(page: Page, warmups: int) -> None:
    _expect("rows after clear", len(page.table()), 0)


def _button(name: str) -> Callable[[Page], Callable[[], object]]:
    def click(page: Page) -> Callable[[], object]:
        action: Callable[[], object] = getattr(page.app, name)
        return action

    return click


OPERATIONS: tuple[Operation, ...] = (
    Operation("01_run1k", "create rows", 0.6428, 5, _run_clear, _button("run"), _check_run1k),
    Operation("02_replace1k", "replace all rows", 0.5607, 5, _init_replace, _button("run"),
              _check_replace),
    Operation("03_update10th1k_x16", "partial update", 0.5644, 3, _init_update,
              _button("update"), _check_update),
    Operation("04_select1k", "select row", 0.1926, 1, _init_select, _click_select,
              _check_select),
    Operation("05_swap1k", "swap rows", 0.1320, 5, _init_swap, _button("swap_rows"),
              _check_swap),
    Operation("06_remove-one-1k", "remove row", 0.5277, 5, _init_remove, _click_remove,
              _check_remove),
    Operation("07_create10k", "create many rows", 0.5644, 5, _run_clear, _button("run_lots"),
              _check_runlots),
    Operation("08_create1k-after1k_x2", "append rows to large table", 0.5508, 5, _init_add,
              _button("add"), _check_add),
    Operation("09_clear1k_x8", "clear rows", 0.4226, 5, _init_add, _button("clear"),
              _check_clear),
)
"""In upstream's order, with its weights and warm-up counts."""
