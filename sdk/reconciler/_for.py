"""`For`: keyed rows diffed straight from the item list (the list fast path).

A `For` instance tracks `each` (a signal, a computed or a callable) with its
own `Reaction`, so a new list re-renders only the `For`. The rows are diffed
by key directly - no element per row is built - with the same steps as
`_instance.py`: common prefix and suffix, then the longest increasing
subsequence of the kept rows' old positions stays put and every other kept
row moves (the minimum number of moves). A kept row whose item is the same
object is not touched; a changed item re-renders that row only. When no row
is kept and the rows' nodes are all their parent node has, one
`CLEAR_CHILDREN` removes them (`unmount_all`).

A row renders `render(item)`; the reads it makes are tracked, so a row also
re-renders by itself when a signal it read changes. Rows are not components:
hooks belong in a component the row returns.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, NoReturn, TypeAlias, cast

from signals import Owner, Reaction, Reactive, run_with_owner

from ._composite import reconcile_one
from ._element import Element, HostType, Special
from ._host import HostInstance
from ._instance import (
    Instance,
    longest_increasing_subsequence,
    next_host_after,
    normalize_output,
    unmount_all,
)
from ._native import speedups

if TYPE_CHECKING:
    from ._scene import Scene

__all__ = ["ForInstance", "RowInstance"]

_Render: TypeAlias = Callable[[object], object]
"""`For(render=...)`: item -> element(s) (checked callable by `For()`)."""
_KeyOf: TypeAlias = Callable[[object], Hashable]
"""`For(key=...)`: item -> key."""

_ROW = Element(Special.FOR, {}, ())
"""The element every row instance points at (rows are identified by their key)."""


class ForInstance(Instance):
    """The rows of one `For`."""

    __slots__ = ("_reaction", "_stamp", "key_index", "keyed_by", "mounted", "rows",
                 "spare_watch")

    def __init__(self, scene: Scene, element: Element, parent: Instance | None,
                 host_parent: int, owner: Owner | None) -> None:
        super().__init__(scene, element, parent, host_parent, owner)
        self.rows: list[RowInstance] = []
        self.mounted = False
        self.spare_watch: _RowWatch | None = None
        """A row watch that tracked nothing, kept for the next row to render."""
        self.keyed_by: _KeyOf | None = None
        """The key function the rows' keys came from."""
        self.key_index: dict[Hashable, RowInstance] | None = None
        """The rows by key, once an update with few new keys needed it (then kept up to
        date until every row is replaced); None: not built."""
        self._stamp = 0
        """Counts `_keys` calls: a row whose key an item took is marked with it."""
        self._reaction: Reaction = (run_with_owner(owner, self._make_reaction)
                                    if owner is not None else self._make_reaction())

    def take_watch(self) -> _RowWatch:
        """A fresh (or spare) watch for a row's render."""
        watch = self.spare_watch
        if watch is None:
            return _RowWatch()
        self.spare_watch = None
        return watch

    def _make_reaction(self) -> Reaction:
        return Reaction(self._stale, forbid_writes="reading the items of a For")

    def _stale(self) -> None:
        if self.mounted:
            self.scene.schedule(self)

    def _items(self) -> list[object]:
        each = self.element.props["each"]
        if callable(each):
            return list(self._reaction.track(cast(Reactive[Iterable[object]], each)))
        return list(cast(Iterable[object], each))

    def _keys(self, items: list[object]) -> list[Hashable]:
        key_of = cast("_KeyOf | None", self.element.props["key_of"])
        if key_of is None:
            keys: list[Hashable] = items
        elif speedups is not None and self.rows and self.element.props["key_of"] is self.keyed_by:
            # (Compiled: the rows' keys. Pure Python: the index arithmetic per item costs
            # more than the call it saves.)
            self._stamp += 1
            keys, fresh = _known_keys(self.rows, items, key_of, self._stamp)
            if len(fresh) * 4 <= len(keys):  # few new keys: only they need checking
                self._check_fresh_keys(keys, fresh)
                return keys
        else:
            keys = [key_of(item) for item in items]
        self.keyed_by = key_of
        if len(set(keys)) != len(keys):
            seen: set[Hashable] = set()
            for key in keys:
                if key in seen:
                    self._duplicate(key)
                seen.add(key)
        return keys

    def _check_fresh_keys(self, keys: list[Hashable], fresh: list[int]) -> None:
        """Refuse a duplicate among `keys`, where only those at `fresh` positions came from
        `key_of`: the others are the keys of distinct rows (marked with this call's stamp),
        so unique among themselves. A fresh key is a duplicate if another fresh key or a
        row's key that an item took is the same."""
        if not fresh:
            return
        index = self.key_index
        if index is None:
            index = self.key_index = {row.key: row for row in self.rows}
        seen: set[Hashable] = set()
        stamp = self._stamp
        for position in fresh:
            key = keys[position]
            row = index.get(key)
            if key in seen or (row is not None and row.lent == stamp):
                self._duplicate(key)
            seen.add(key)

    def _duplicate(self, key: Hashable) -> NoReturn:
        raise KeyError(f"duplicate key {key!r} in For under {self.component_path()}: "
                       f"keys must be unique")

    # lifecycle ---------------------------------------------------------------

    def mount(self, before: int | None) -> None:
        self.mounted = True
        items = self._items()
        keys = self._keys(items)
        rows = self.rows
        try:
            for item, key in zip(items, keys, strict=True):
                row = RowInstance(self, item, key)
                row.mount(before)
                rows.append(row)
        except BaseException:
            self.unmount(True)
            raise

    def update(self, element: Element) -> None:
        old = self.element.props
        self.element = element
        new = element.props
        if old["each"] is new["each"] and old["key_of"] is new["key_of"] \
                and old["render"] is new["render"] and not self._reaction.stale:
            return
        self.rerender(rerender_rows=old["render"] is not new["render"])

    def rerender(self, rerender_rows: bool = False) -> None:
        """Diff the rows against the current items."""
        if not self.mounted:
            return
        self.scene.unschedule(self)
        items = self._items()
        try:
            rows = self._diff(items, self._keys(items))
        except BaseException:
            self.key_index = None  # (a row may have been mounted or unmounted)
            raise
        # Items are handed over once every row is in its place: a row that
        # starts or stops showing nodes finds its neighbours where they now are.
        self.rows = rows
        if speedups is None:  # (pure Python: zip beats indexing)
            for row, item in zip(rows, items, strict=True):
                # Most rows keep their item: skip the call (a list update touches few rows).
                if row.item is not item or rerender_rows or row._reaction is not None:
                    row.set_item(item, rerender_rows)
            return
        for i in range(len(rows)):
            row = rows[i]
            item = items[i]
            if row.item is not item or rerender_rows or row._reaction is not None:
                row.set_item(item, rerender_rows)

    def unmount(self, detach: bool) -> None:
        self.mounted = False
        self.scene.unschedule(self)
        rows = self.rows
        self.rows = []
        self.key_index = None
        for row in rows:
            row.unmount(detach)
        self._reaction.dispose()
        if self.spare_watch is not None:
            self.spare_watch.reaction.dispose()
            self.spare_watch = None

    def child_instances(self) -> list[Instance]:
        return list(self.rows)

    def host_nodes(self, out: list[int]) -> None:
        for row in self.rows:
            row.host_nodes(out)

    def first_host(self) -> int | None:
        for row in self.rows:
            first = row.first_host()
            if first is not None:
                return first
        return None

    # the diff ------------------------------------------------------------------------

    def _diff(self, items: list[object], keys: list[Hashable]) -> list[RowInstance]:
        old = self.rows
        n_old, n_new = len(old), len(items)
        start = 0
        while start < n_old and start < n_new:
            row = old[start]
            key, other = row.key, keys[start]
            if key is not other and key != other:  # (kept keys are the rows' own objects)
                break
            start += 1
        old_end, new_end = n_old, n_new
        while old_end > start and new_end > start:
            row = old[old_end - 1]
            key, other = row.key, keys[new_end - 1]
            if key is not other and key != other:
                break
            old_end -= 1
            new_end -= 1
        if old_end - start == new_end - start >= 2:
            swapped = self._swap_ends(old, keys, start, old_end)
            if swapped is not None:
                return swapped
        if new_end == start and (start or old_end < n_old):  # removed at one place only
            return self._remove_range(old, start, old_end)
        if old_end == start:  # added at one place only: no index, no subsequence
            added: list[RowInstance | None] = [*old[:start], *[None] * (new_end - start),
                                               *old[start:]]
            self._mount_in_order(added, items, keys, start, new_end)
            return cast("list[RowInstance]", added)
        result: list[RowInstance | None] = [None] * n_new
        result[:start] = old[:start]
        result[new_end:] = old[old_end:]
        old_index: dict[Hashable, int] = {}
        for i in range(start, old_end):
            row = old[i]
            old_index[row.key] = i
        sources: list[int] = []
        for j in range(start, new_end):
            i = old_index.pop(keys[j], -1)
            sources.append(i)
            if i >= 0:
                result[j] = old[i]
        index = self.key_index
        if len(old_index) == n_old:  # no row kept: maybe one CLEAR_CHILDREN
            self.key_index = index = None  # (built again if ever needed)
            unmount_all(self.scene, self.host_parent, old, self)
        else:
            for i in old_index.values():
                row = old[i]
                if index is not None:
                    del index[row.key]
                row.unmount(True)
        if start < new_end and max(sources) < 0:  # only new rows here
            self._mount_in_order(result, items, keys, start, new_end)
        elif start < new_end:
            keep = set(longest_increasing_subsequence([s for s in sources if s >= 0]))
            anchor = self._anchor(result, new_end)
            # Rows placed since the anchor was last looked up, nearest last: a kept
            # row costs nothing until a row to its left needs its first node.
            placed: list[RowInstance] = []
            for j in range(new_end - 1, start - 1, -1):
                kept = result[j]
                if kept is None or sources[j - start] not in keep:
                    anchor = _first_node(placed, anchor)
                    placed.clear()
                    if kept is None:
                        kept = RowInstance(self, items[j], keys[j])
                        kept.mount(anchor)
                        result[j] = kept
                        if index is not None:
                            index[kept.key] = kept
                    else:
                        kept.move_before(anchor)
                placed.append(kept)
        return [row for row in result if row is not None]

    def _remove_range(self, old: list[RowInstance], start: int, end: int
                      ) -> list[RowInstance]:
        """The rows when `old[start:end]` were removed and nothing else changed."""
        index = self.key_index
        for i in range(start, end):
            row = old[i]
            if index is not None:
                del index[row.key]
            row.unmount(True)
        return old[:start] + old[end:]

    def _mount_in_order(self, result: list[RowInstance | None], items: list[object],
                        keys: list[Hashable], start: int, end: int) -> None:
        """Mount rows `start..end` first to last, so that their ids ascend down the list
        (the engine walks a scene in id order fastest)."""
        anchor = self._anchor(result, end)
        index = self.key_index
        for j in range(start, end):
            row = RowInstance(self, items[j], keys[j])
            row.mount(anchor)
            result[j] = row
            if index is not None:
                index[row.key] = row

    def _swap_ends(self, old: list[RowInstance], keys: list[Hashable], start: int,
                   end: int) -> list[RowInstance] | None:
        """The rows when two rows traded places and nothing else moved (two moves, without
        the general diff's index and subsequence, which cost Python work per row); else
        None."""
        first, last = old[start], old[end - 1]
        if first.key != keys[end - 1] or last.key != keys[start] \
                or not _same_keys(old, keys, start + 1, end - 1):
            return None
        rows: list[RowInstance | None] = list(old)
        rows[start], rows[end - 1] = last, first
        # Only nodes move: a row that shows none stays put, and so does one whose
        # nodes keep their order among the shown ones.
        show_first, show_last = first.first_host() is not None, last.first_host() is not None
        if show_first or show_last:
            middle = _shows_any(old, start + 1, end - 1)
            if show_first and middle:
                first.move_before(self._anchor(rows, end))
            if show_last and (middle or show_first):
                last.move_before(self._anchor(rows, start + 1))
        return cast("list[RowInstance]", rows)

    def _anchor(self, result: list[RowInstance | None], index: int) -> int | None:
        for j in range(index, len(result)):
            row = result[j]
            if row is not None:
                first = row.first_host()
                if first is not None:
                    return first
        return next_host_after(self)


def _same_keys(rows: list[RowInstance], keys: list[Hashable], start: int, end: int
               ) -> bool:
    """Whether `rows[start:end]` have the keys `keys[start:end]`."""
    if speedups is None:  # (pure Python: a comprehension beats the loop below)
        return [row.key for row in rows[start:end]] == list(keys[start:end])
    for i in range(start, end):
        row = rows[i]
        key, other = row.key, keys[i]
        if key is not other and key != other:
            return False
    return True


def _shows_any(rows: list[RowInstance], start: int, end: int) -> bool:
    """Whether any of `rows[start:end]` shows a node."""
    for i in range(start, end):
        row = rows[i]
        if row.first_host() is not None:
            return True
    return False


def _known_keys(rows: list[RowInstance], items: list[object], key_of: _KeyOf, stamp: int
                ) -> tuple[list[Hashable], list[int]]:
    """The key of each item, from the row that shows that very object where one does
    (that row is marked `lent = stamp`), and the positions whose key `key_of` gave.

    A list update keeps most item objects (a swap, a removal, an append): their
    keys are known, and calling `key_of` for each item would cost more than
    the whole diff. Rows are looked for where the item was (the same index,
    shifted by the rows removed or added so far), in increasing order, so no
    row lends its key twice.
    """
    keys: list[Hashable] = []
    fresh: list[int] = []
    n_rows = len(rows)
    shift = 0  # rows[i + shift] is where item i was, if it was kept
    last = -1  # the last row whose key was taken
    for i in range(len(items)):
        item = items[i]
        j = i + shift
        if last < j < n_rows:
            row = rows[j]
            if row.item is item:
                keys.append(row.key)
                row.lent = stamp
                last = j
                continue
        if last < j + 1 < n_rows:
            row = rows[j + 1]
            if row.item is item:  # a row was removed
                keys.append(row.key)
                row.lent = stamp
                last = j + 1
                shift += 1
                continue
        keys.append(key_of(item))
        fresh.append(i)
        if last < j <= n_rows:
            shift -= 1  # maybe an item was inserted: look for the next one here
    return keys, fresh


def _first_node(placed: list[RowInstance], fallback: int | None) -> int | None:
    """The first node of the nearest of `placed` (nearest last) that shows one."""
    for row in reversed(placed):
        first = row.first_host()
        if first is not None:
            return first
    return fallback


class _RowWatch:
    """A row render's reaction; its change goes to whichever row it watches now."""

    __slots__ = ("reaction", "row")

    def __init__(self) -> None:
        self.row: RowInstance | None = None
        self.reaction = Reaction(self._changed, forbid_writes="rendering a For row")

    def _changed(self) -> None:
        row = self.row
        if row is not None:
            row._stale()


class RowInstance(Instance):
    """One row of a `For`: renders `render(item)`, tracked."""

    __slots__ = ("_reaction", "child", "item", "key", "lent", "mounted")

    templated = True
    """Host subtrees rendered by rows are made from templates at once (see `_templates.py`)."""

    def __init__(self, parent: ForInstance, item: object, key: Hashable) -> None:
        # Instance's fields set here rather than by super().__init__ (one row per item).
        self.scene = parent.scene
        self.element = _ROW
        self.parent = parent
        self.host_parent = parent.host_parent
        self.owner = parent.owner
        self.depth = parent.depth + 1
        self.item = item
        self.key = key
        self.lent = 0
        """The stamp of the last `_keys` call that took this row's key for an item."""
        self.child: Instance | None = None
        self._reaction: _RowWatch | None = None
        self.mounted = False

    @property
    def name(self) -> str:
        return f"For row {self.key!r}"

    def _stale(self) -> None:
        if self.mounted:
            self.scene.schedule(self)

    def _render(self) -> Element:
        parent = self.parent
        assert isinstance(parent, ForInstance)
        render = cast(_Render, parent.element.props["render"])
        watch = self._reaction
        if watch is None:
            watch = parent.take_watch()
        watch.row = self
        output = watch.reaction.track(render, self.item)
        if watch.reaction.has_sources:
            self._reaction = watch
        else:  # read nothing: nothing can change it; the watch serves the next row
            watch.row = None
            self._reaction = None
            parent.spare_watch = watch
        if output.__class__ is Element:
            return output
        return normalize_output(output, "For render")

    def mount(self, before: int | None) -> None:
        self.mounted = True
        element = self._render()
        if element.type.__class__ is HostType:  # the usual row (the factory, inlined)
            child: Instance = HostInstance(self.scene, element, self, self.host_parent,
                                           self.owner)
        else:
            child = self.scene.create(element, self, self.host_parent, self.owner)
        self.child = child
        child.mount(before)

    def set_item(self, item: object, force: bool = False) -> None:
        """Show `item` (re-render only if it changed or `force`)."""
        if not force and (self._reaction is None or not self._reaction.reaction.stale):
            old = self.item
            if item is old:
                return
            try:
                if bool(item == old):
                    self.item = item
                    return
            except Exception:
                pass
        self.item = item
        self.rerender()

    def rerender(self) -> None:
        """Render the row again and diff it against what is mounted."""
        if not self.mounted:
            return
        self.scene.unschedule(self)
        self.child = reconcile_one(self, self.child, self._render())

    def update(self, element: Element) -> None:
        return None  # rows are updated through set_item

    def child_instances(self) -> list[Instance]:
        return [] if self.child is None else [self.child]

    def unmount(self, detach: bool) -> None:
        if not self.mounted:
            return
        self.mounted = False
        scene = self.scene
        if scene._dirty_set:  # (rarely: the call costs more than the check)
            scene.unschedule(self)
        if self._reaction is not None:
            self._reaction.reaction.dispose()
            self._reaction = None
        if self.child is not None:
            self.child.unmount(detach)
            self.child = None

    def host_nodes(self, out: list[int]) -> None:
        if self.child is not None:
            self.child.host_nodes(out)

    def first_host(self) -> int | None:
        return None if self.child is None else self.child.first_host()
