"""The keyed rules (upstream's `isKeyed.ts`), asserted on the command stream.

* run: 1,000 new rows, each from a template (`INSTANTIATE`), and every old
  row removed (a `REMOVE` of the row or of an ancestor, or a `CLEAR_CHILDREN`
  of an ancestor);
* swap: two moves (`INSERT` of existing rows) and nothing created or removed;
* remove: the row's node is removed;
* partial update: 100 `SET_TEXT`.
"""

from __future__ import annotations

import struct
from collections import Counter

from renderer.lowlevel import Opcode, iter_commands

from ._page import Scene

_U32 = struct.Struct("<I")
_INSERT = struct.Struct("<III")


def _targets(batch: bytes) -> tuple[set[int], set[int], list[int]]:
    """Nodes removed, nodes cleared of their children, and children inserted by `batch`."""
    removed: set[int] = set()
    cleared: set[int] = set()
    inserted: list[int] = []
    for op, pos, _ in iter_commands(batch):
        if op == Opcode.REMOVE:
            removed.add(_U32.unpack_from(batch, pos)[0])
        elif op == Opcode.CLEAR_CHILDREN:
            cleared.add(_U32.unpack_from(batch, pos)[0])
        elif op == Opcode.INSERT:
            inserted.append(_INSERT.unpack_from(batch, pos)[1])
    return removed, cleared, inserted


def violations(operation: str, before: Scene, after: Scene, batch: bytes,
               counts: Counter[str]) -> list[str]:
    """What `batch` (the measured click of `operation`) breaks of the keyed rules."""
    out: list[str] = []
    removed, cleared, inserted = _targets(batch)
    old = [row.node for row in before.rows]
    if operation in ("01_run1k", "02_replace1k", "07_create10k"):
        created = len(after.rows)
        if counts["INSTANTIATE"] != created:
            out.append(f"{created} rows need {created} INSTANTIATE, got {counts['INSTANTIATE']}")
        kept = [node for node in old if not before.removed_by(removed, node, cleared)]
        if kept:
            out.append(f"{len(kept)} of {len(old)} old rows were not removed")
    elif operation == "05_swap1k":
        moves = [node for node in inserted if node in set(old)]
        if len(moves) != 2 or len(inserted) != 2:
            out.append(f"swap needs 2 moves of existing rows, got {len(inserted)} INSERTs "
                       f"({len(moves)} of existing rows)")
        new = (counts["CREATE"] + counts["INSTANTIATE"] + counts["REMOVE"]
               + counts["CLEAR_CHILDREN"])
        if new:
            out.append(f"swap must not create or remove nodes, got {new} CREATE/INSTANTIATE/"
                       "REMOVE/CLEAR_CHILDREN")
    elif operation == "06_remove-one-1k":
        gone = [node for node in old if node not in {row.node for row in after.rows}]
        if len(gone) != 1 or not before.removed_by(removed, gone[0]):
            out.append(f"remove must REMOVE the row's node, removed {sorted(removed)}")
    elif operation == "03_update10th1k_x16":
        want = (len(after.rows) + 9) // 10
        if counts["SET_TEXT"] != want:
            out.append(f"partial update needs {want} SET_TEXT, got {counts['SET_TEXT']}")
    return out
