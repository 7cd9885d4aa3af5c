"""The engine's limits (PROTOCOL.md section 11) and out-of-memory reporting.

Each limit is sent exactly (accepted) and plus one (rejected whole, scene
unchanged, instance alive); the three valid batches that used to trap (a small
template instantiated into 102k nodes, 4,000 moves of a 20k-node subtree, an
84 MB batch) are rejected; an out-of-memory trap is reported as such.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from renderer import RendererOutOfMemory
from renderer._commands import CommandBuffer
from renderer._errors import ProtocolError, RendererCrashed
from renderer._protocol import (
    MAX_BATCH_BYTES,
    MAX_BATCH_WORK,
    MAX_NODES,
    ErrorCode,
    Prop,
)
from renderer._renderer import Renderer

FIRST = 1000
"""First id the tests create nodes at (the base scene uses 1..3)."""


@pytest.fixture
def renderer(engine_path: Path) -> Renderer:
    r = Renderer(engine_path)
    r.apply(CommandBuffer().create(1).create(2).create(3).insert(1, 2).insert(1, 3).set_root(1))
    return r


def flat(count: int, first: int = FIRST, parent: int = 1) -> CommandBuffer:
    """`count` views created and inserted under `parent` (each insert costs 1)."""
    b = CommandBuffer()
    for k in range(first, first + count):
        b.create(k).insert(parent, k)
    return b


def rejected(r: Renderer, batch: CommandBuffer | bytes, code: ErrorCode) -> ProtocolError:
    """Applies `batch`, expecting a rejection with `code` that changed nothing."""
    before, applied = r.dump(), r.batches_applied()
    with pytest.raises(ProtocolError) as caught:
        r.apply(batch)
    assert caught.value.code == code, caught.value
    assert r.alive
    assert r.dump() == before
    assert r.batches_applied() == applied
    return caught.value


# Node budget --------------------------------------------------------------------


def test_the_node_budget_exactly_is_accepted(renderer: Renderer) -> None:
    renderer.apply(flat(MAX_NODES - 3))
    renderer.frame(0)
    assert renderer.dump().count(" view") == MAX_NODES


def test_one_node_over_the_budget_in_one_batch_is_rejected(renderer: Renderer) -> None:
    error = rejected(renderer, flat(MAX_NODES - 2), ErrorCode.NODE_LIMIT)
    assert (error.command_index, error.opcode_name) == (2 * (MAX_NODES - 3), "CREATE")
    assert error.message.endswith(
        f"the scene would hold {MAX_NODES + 1} nodes, over the node budget ({MAX_NODES})")


def test_the_budget_counts_live_nodes_across_batches(renderer: Renderer) -> None:
    renderer.apply(flat(MAX_NODES - 3))
    rejected(renderer, CommandBuffer().create(5), ErrorCode.NODE_LIMIT)
    # Removals are credited once applied (not within their own batch).
    renderer.apply(CommandBuffer().remove(FIRST))
    renderer.apply(CommandBuffer().create(5))
    assert "#5 view" in renderer.dump()


def five_node_template(template: int = 1) -> CommandBuffer:
    body = CommandBuffer().create(1)
    for k in range(2, 6):
        body.create(k).insert(1, k)
    return CommandBuffer().define_template(template, 5, body)


def test_instantiations_up_to_the_budget_are_accepted(renderer: Renderer) -> None:
    b = five_node_template()
    for i in range((MAX_NODES - 5) // 5):
        b.instantiate(1, FIRST + 5 * i)
    renderer.apply(b.create(4).create(5))  # 3 + 4,995 * 5 + 2 = MAX_NODES
    assert renderer.dump().count(" view") == MAX_NODES


def test_the_instantiation_that_passes_the_budget_is_rejected(renderer: Renderer) -> None:
    b = five_node_template().create(4).create(5).create(6)
    count = (MAX_NODES - 5) // 5
    for i in range(count):
        b.instantiate(1, FIRST + 5 * i)
    error = rejected(renderer, b, ErrorCode.NODE_LIMIT)
    assert (error.command_index, error.opcode_name) == (3 + count, "INSTANTIATE")
    assert f"would hold {MAX_NODES + 1} nodes" in error.message  # 3 + 3 + 4,999 * 5


def test_a_300_byte_template_instantiated_into_102k_nodes_is_rejected(
        renderer: Renderer) -> None:
    body = CommandBuffer().create(1)
    for k in range(2, 13):
        body.create(k).insert(1, k)
    assert len(body) < 300
    b = CommandBuffer().define_template(1, 12, body)
    for i in range(8534):
        b.instantiate(1, FIRST + 12 * i)
    error = rejected(renderer, b, ErrorCode.NODE_LIMIT)
    assert error.opcode_name == "INSTANTIATE"
    assert f"over the node budget ({MAX_NODES})" in error.message


def test_a_template_larger_than_the_budget_cannot_be_defined(renderer: Renderer) -> None:
    body = CommandBuffer().create(1)
    payload = body.getvalue()
    raw = struct.pack("<III", 0x10 | (8 + len(payload)) << 8, 7, MAX_NODES + 1) + payload
    error = rejected(renderer, raw, ErrorCode.OUT_OF_RANGE)
    assert f"outside 1..={MAX_NODES} (MAX_NODES)" in error.message


# Work ---------------------------------------------------------------------------


def subtree_scene(r: Renderer, size: int) -> None:
    """Node 10 under node 2, with `size - 1` leaf children: a `size`-node subtree."""
    r.apply(CommandBuffer().create(10).extend(flat(size - 1, parent=10)).insert(2, 10))


def moves(count: int, node: int = 10) -> CommandBuffer:
    b = CommandBuffer()
    for i in range(count):
        b.insert(3 if i % 2 == 0 else 2, node)
    return b


def test_moves_costing_exactly_the_work_limit_are_accepted(renderer: Renderer) -> None:
    subtree_scene(renderer, 10_000)
    renderer.apply(moves(MAX_BATCH_WORK // 10_000))  # ends under node 2
    renderer.apply(moves(1))
    assert "  #3 view\n    #10 view" in renderer.dump(structure_only=True)


def test_one_node_visit_over_the_work_limit_is_rejected(renderer: Renderer) -> None:
    subtree_scene(renderer, 10_000)
    batch = moves(MAX_BATCH_WORK // 10_000).create(5).insert(1, 5)
    error = rejected(renderer, batch, ErrorCode.WORK_LIMIT)
    assert (error.command_index, error.opcode_name) == (MAX_BATCH_WORK // 10_000 + 1, "INSERT")
    assert error.message.endswith(f"the batch would cost {MAX_BATCH_WORK + 1} node visits "
                                  f"(1 here), over MAX_BATCH_WORK ({MAX_BATCH_WORK})")


def test_4000_moves_of_a_20k_node_subtree_are_rejected_not_timed_out(
        renderer: Renderer) -> None:
    subtree_scene(renderer, 20_000)
    error = rejected(renderer, moves(4000), ErrorCode.WORK_LIMIT)
    assert (error.command_index, error.opcode_name) == (MAX_BATCH_WORK // 20_000, "INSERT")
    assert "node visits (20000 here), over MAX_BATCH_WORK" in error.message


def one_node_template_of(commands: int) -> CommandBuffer:
    """Template 1: one node and `commands - 1` property sets, `commands` in all."""
    body = CommandBuffer().create(1)
    for i in range(commands - 1):
        body.set_prop(1, Prop.OPACITY, (i % 10) / 10)
    return CommandBuffer().define_template(1, 1, body)


def test_instantiated_template_commands_count_as_work(renderer: Renderer) -> None:
    count = MAX_BATCH_WORK // 1000
    at_limit = one_node_template_of(1000)
    for i in range(count):
        at_limit.instantiate(1, FIRST + i)
    over = one_node_template_of(1000)
    for i in range(count + 1):
        over.instantiate(1, FIRST + i)
    error = rejected(renderer, over, ErrorCode.WORK_LIMIT)
    assert (error.command_index, error.opcode_name) == (count + 1, "INSTANTIATE")
    renderer.apply(at_limit)
    assert f"#{FIRST + count - 1} view" in renderer.dump()


# Batch size ---------------------------------------------------------------------


def string_batch(total: int, strings: int = 1) -> CommandBuffer:
    """`strings` DEFINE_STRINGs of `total` bytes in all (each: header 4 + id 4 + text)."""
    b = CommandBuffer()
    for i in range(strings):
        b.define_string(9 + i, b"x" * (total // strings - 8))
    assert len(b) == total
    return b


def test_a_batch_of_exactly_the_byte_limit_is_accepted(renderer: Renderer) -> None:
    batch = string_batch(MAX_BATCH_BYTES)
    assert len(batch) == MAX_BATCH_BYTES
    renderer.apply(batch)
    rejected(renderer, CommandBuffer().define_string(9, "again"), ErrorCode.DUPLICATE_ID)


def test_a_batch_one_byte_over_is_refused_before_it_is_sent(renderer: Renderer) -> None:
    memory = renderer.memory_size
    error = rejected(renderer, string_batch(MAX_BATCH_BYTES + 1), ErrorCode.BATCH_TOO_LARGE)
    assert renderer.memory_size == memory  # never copied into the engine
    assert error.message == (f"batch of {MAX_BATCH_BYTES + 1} bytes is over the limit of "
                             f"{MAX_BATCH_BYTES} bytes (MAX_BATCH_BYTES); split it")


@pytest.mark.parametrize(("size", "strings"), [(MAX_BATCH_BYTES + 1, 1), (84_000_000, 10)])
def test_the_engine_rejects_an_oversized_batch_itself(
        renderer: Renderer, monkeypatch: pytest.MonkeyPatch, size: int, strings: int) -> None:
    # A host without the check (here: the check lifted) gets the same error
    # from the engine, whose memory never grows for it.
    monkeypatch.setattr("renderer._renderer.MAX_BATCH_BYTES", 1 << 31)
    memory = renderer.memory_size
    error = rejected(renderer, string_batch(size, strings), ErrorCode.BATCH_TOO_LARGE)
    assert (error.command_index, error.opcode) == (0, 0)
    assert error.message.startswith(f"batch of {size} bytes is over the limit of "
                                    f"{MAX_BATCH_BYTES} bytes")
    assert renderer.memory_size == memory
    renderer.apply(CommandBuffer().create(5))  # still usable


# Out of memory ------------------------------------------------------------------


def test_an_out_of_memory_trap_is_reported_as_out_of_memory(engine_path: Path) -> None:
    limit = 4 << 20
    # The default budget for 4 MiB is small enough to stop this first: ask for more.
    r = Renderer(engine_path, memory_limit=limit, node_limit=MAX_NODES)
    r.apply(CommandBuffer().create(1).set_root(1))
    accepted = 1
    with pytest.raises(RendererOutOfMemory) as caught:
        for batch in range(1000):
            r.apply(flat(200, first=FIRST + 200 * batch))
            accepted += 200
    oom = caught.value
    assert isinstance(oom, RendererCrashed) and not r.alive
    assert accepted > 0 and accepted <= oom.nodes <= accepted + 200
    assert (oom.node_limit, oom.memory_limit) == (MAX_NODES, limit)
    assert 0 < oom.memory_size <= limit and oom.failed_bytes > 0
    message = str(oom)
    assert "out of memory" in message and "unreachable" not in message.split("(wasm")[0]
    assert f"{oom.nodes:,} nodes (node limit {MAX_NODES:,})" in message
    assert f"linear memory at {oom.memory_size:,} bytes of its {limit:,}-byte limit" in message
    with pytest.raises(RendererOutOfMemory, match="crashed earlier: renderer ran out of memory"):
        r.frame(0)


def test_a_panic_is_not_reported_as_out_of_memory(engine_path: Path) -> None:
    r = Renderer(engine_path)
    with pytest.raises(RendererCrashed) as caught:
        r._debug_trap(7)
    assert not isinstance(caught.value, RendererOutOfMemory)
    assert "out of memory" not in str(caught.value)


def test_the_node_budget_follows_the_memory_limit(engine_path: Path) -> None:
    from renderer._renderer import node_budget

    assert node_budget(64 << 20) == MAX_NODES
    bigger = Renderer(engine_path, memory_limit=128 << 20)
    try:
        budget = bigger.node_limit
        assert budget == node_budget(128 << 20) > MAX_NODES
        bigger.apply(CommandBuffer().create(1).create(2).create(3).insert(1, 2).insert(1, 3)
                     .set_root(1))
        bigger.apply(flat(budget - 3))  # with the base scene's 3: exactly the budget
        assert bigger.dump().count(" view") == budget
        error = rejected(bigger, flat(1, first=FIRST + budget), ErrorCode.NODE_LIMIT)
        assert f"over the node budget ({budget})" in error.message
    finally:
        bigger.close()
