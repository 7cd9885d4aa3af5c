"""Tree depth limit: INSERT deeper than MAX_TREE_DEPTH is rejected by the engine and the double."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer._commands import CommandBuffer
from renderer._errors import ProtocolError
from renderer._protocol import MAX_TREE_DEPTH, ErrorCode, Prop, structure_only_dump
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble


def chain(first: int, n: int, *, root: bool) -> CommandBuffer:
    """Views first..first+n-1, each inside the previous, padded and clipped."""
    b = CommandBuffer()
    for i in range(first, first + n):
        b.create(i).set_prop(i, Prop.PADDING_LEFT, 1.0).set_prop(i, Prop.OVERFLOW, 1)
        if i > first:
            b.insert(i - 1, i)
    if root:
        b.set_root(first)
    return b


def test_the_deepest_allowed_chain_lays_out_and_dumps(engine_path: Path) -> None:
    r = Renderer(engine_path)
    batch = chain(1, MAX_TREE_DEPTH, root=True).set_prop(MAX_TREE_DEPTH, Prop.FOCUSABLE, 1)
    r.apply(batch.focus(MAX_TREE_DEPTH))
    r.frame(0.0)
    assert f"#{MAX_TREE_DEPTH} view" in r.dump()
    assert r.alive


@pytest.mark.parametrize("order", ["top_down", "bottom_up", "join"])
def test_one_level_more_is_rejected_naming_the_limit(engine_path: Path, order: str) -> None:
    n = MAX_TREE_DEPTH + 1
    if order == "top_down":
        batch = chain(1, n, root=True)
        index = 4 * n - 2  # the INSERT of node n (4 commands per node, 3 for the first)
    elif order == "bottom_up":
        batch = CommandBuffer()
        for i in range(1, n + 1):
            batch.create(i)
        for i in range(n, 1, -1):
            batch.insert(i - 1, i)
        index = n + n - 2  # the last INSERT (2 under 1)
    else:
        # Two legal chains; joining them passes the limit.
        batch = chain(1, 100, root=True)
        batch.extend(chain(1000, MAX_TREE_DEPTH - 100 + 1, root=False))
        index = len(list(_opcodes(batch)))
        batch.insert(100, 1000)
    r = Renderer(engine_path)
    before = r.dump()
    with pytest.raises(ProtocolError) as caught:
        r.apply(batch)
    err = caught.value
    assert err.code == ErrorCode.NOT_ALLOWED
    assert err.opcode_name == "INSERT"
    assert err.command_index == index
    assert f"deeper than {MAX_TREE_DEPTH} levels" in err.message
    assert r.dump() == before and r.alive
    double = SceneDouble()
    with pytest.raises(ProtocolError) as dcaught:
        double.apply(batch)
    assert str(dcaught.value) == str(err)


def test_a_deep_subtree_moved_under_a_deep_parent_across_batches(engine_path: Path) -> None:
    r = Renderer(engine_path)
    double = SceneDouble()
    first = chain(1, 200, root=True)
    second = chain(1000, 57, root=False)  # 200 + 57 = 257 levels when joined
    for target in (r, double):
        target.apply(first)
        target.apply(second)
    join = CommandBuffer().insert(200, 1000)
    with pytest.raises(ProtocolError, match="deeper than 256 levels"):
        r.apply(join)
    with pytest.raises(ProtocolError, match="deeper than 256 levels"):
        double.apply(join)
    # Removing the chain's tail first makes room: 199 + 57 = 256.
    ok = CommandBuffer().remove(200).insert(199, 1000)
    r.apply(ok)
    double.apply(ok)
    r.frame(0.0)
    assert r.alive and "#1056 view" in r.dump()


def _opcodes(batch: CommandBuffer):  # type: ignore[no-untyped-def]
    data = bytes(batch)
    pos = 0
    while pos < len(data):
        yield data[pos]
        pos += 4 + (data[pos + 1] | data[pos + 2] << 8 | data[pos + 3] << 16)


def test_a_subtree_moved_away_earlier_in_the_batch_no_longer_counts(engine_path: Path) -> None:
    r = Renderer(engine_path)
    double = SceneDouble()
    base = chain(2, 255, root=False)  # 2..256, 255 levels, detached
    base.extend(chain(1000, 150, root=False))  # 1000..1149, 150 levels
    for target in (r, double):
        target.apply(base)
    # Move 100..256 away first: 2..99 is 98 levels, so under 1149 it reaches 248.
    batch = CommandBuffer().create(500).insert(500, 100).insert(1149, 2)
    r.apply(batch)
    double.apply(batch)
    r.frame(0.0)
    assert r.alive and structure_only_dump(r.dump()) == double.dump()
    # Without the move the same insert is too deep.
    r2 = Renderer(engine_path)
    r2.apply(base)
    with pytest.raises(ProtocolError, match="deeper than 256 levels"):
        r2.apply(CommandBuffer().insert(1149, 2))
