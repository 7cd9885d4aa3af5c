"""The host side of the protocol, against a fake engine written in WAT.

The fake (see conftest.py) has the real ABI and fixed outputs, so these tests
pin the host's behaviour: the version handshake, rejections, output decoding,
crashes, the watchdog and the memory limit.
"""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable

import pytest
import wasmtime

from renderer._commands import CommandBuffer
from renderer._errors import (
    ProtocolError,
    ProtocolVersionError,
    RendererClosed,
    RendererCrashed,
    RendererError,
)
from renderer._events import FocusEvent
from renderer._protocol import PROTOCOL_VERSION, ErrorCode
from renderer._renderer import Renderer

CREATE_1 = bytes(CommandBuffer().create(1))


def test_a_module_speaking_another_version_is_refused_naming_both_versions(
        make_fake_wasm: Callable[[int], bytes]) -> None:
    with pytest.raises(ProtocolVersionError) as caught:
        Renderer(wasm=make_fake_wasm(PROTOCOL_VERSION + 6))
    assert caught.value.module_version == PROTOCOL_VERSION + 6
    assert caught.value.host_version == PROTOCOL_VERSION
    message = str(caught.value)
    assert f"version {PROTOCOL_VERSION + 6}" in message
    assert f"version {PROTOCOL_VERSION}" in message


def test_a_module_without_protocol_version_is_not_a_renderer() -> None:
    wasm = wasmtime.wat2wasm('(module (memory (export "memory") 1))')
    with pytest.raises(RendererError, match="not a Marquee renderer module"):
        Renderer(wasm=wasm)


def test_a_module_missing_exports_is_refused_listing_them() -> None:
    wasm = wasmtime.wat2wasm(
        '(module (memory (export "memory") 1)'
        f' (func (export "protocol_version") (result i32) (i32.const {PROTOCOL_VERSION})))'
    )
    with pytest.raises(RendererError, match="lacks exports input_buffer, apply"):
        Renderer(wasm=wasm)


def test_an_applied_batch_is_acknowledged_in_the_next_frame(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        renderer.apply(CREATE_1)
        renderer.apply(CommandBuffer().create(2).insert(1, 2))
        renderer.apply(bytearray(CREATE_1))
        assert renderer.batches_applied() == 3
        assert renderer.frame(16.0).batches_applied == 3


def test_a_rejected_batch_raises_protocol_error_with_index_opcode_code_and_message(
        fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        with pytest.raises(ProtocolError) as caught:
            renderer.apply(b"\xff\x00\x00\x00")
        error = caught.value
        assert error.command_index == 0
        assert error.opcode == 0xFF
        assert error.opcode_name == "0xFF"
        assert error.code is ErrorCode.UNKNOWN_OPCODE
        assert error.message == "command 0 (0xFF): unknown opcode 0xFF"
        assert "UNKNOWN_OPCODE" in str(error)
        assert renderer.batches_applied() == 0
        assert renderer.alive


def test_frame_output_exposes_records_text_damage_events_and_counters(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        renderer.apply(CREATE_1)
        out = renderer.frame(0.0)
        assert out.changed and out.full
        assert out.record_count == 1
        assert isinstance(out.display_list, memoryview)
        assert out.display_list.cast("I")[0] == 7
        assert out.display_list[4:20].cast("f").tolist() == [1.0, 2.0, 3.0, 4.0]
        assert out.display_list.cast("I")[5] == 0xFF0000FF
        assert bytes(out.text) == b"hello"
        assert out.damage == [(0.0, 0.0, 1920.0, 1080.0)]
        assert out.events == [FocusEvent(node=7, previous=3)]
        assert out.batches_applied == 1
        assert out.nodes_laid_out == 42


def test_dump_returns_the_engine_text(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        assert renderer.dump() == '#1 view [0,0 1920x1080]\n  #2 text "Hi"\n'


def test_a_large_batch_grows_memory_and_is_written_whole(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        before = renderer.memory_size
        batch = CommandBuffer()
        for node in range(1, 30001):
            batch.create(node)
        renderer.apply(batch)
        assert renderer.memory_size > before
        view = renderer._wasm.view()
        assert bytes(view[65536:65536 + len(batch)]) == batch.getvalue()


def test_a_panic_raises_renderer_crashed_with_the_message_and_backtrace(fake_wasm: bytes) -> None:
    renderer = Renderer(wasm=fake_wasm)
    with pytest.raises(RendererCrashed) as caught:
        renderer.frame(-1.0)
    crash = caught.value
    assert crash.panic_message == "engine exploded: node 12 missing"
    assert "engine exploded: node 12 missing" in str(crash)
    assert "wasm backtrace" in crash.wasm_backtrace
    assert "unreachable" in crash.wasm_backtrace
    assert not renderer.alive
    renderer.close()


@pytest.mark.parametrize("call", ["apply", "frame", "dump", "batches_applied"])
def test_every_call_after_a_crash_says_the_instance_is_dead(fake_wasm: bytes, call: str) -> None:
    renderer = Renderer(wasm=fake_wasm)
    with pytest.raises(RendererCrashed):
        renderer.frame(-1.0)
    args = {"apply": (CREATE_1,), "frame": (0.0,)}.get(call, ())
    with pytest.raises(RendererCrashed, match="create a new one and replay the scene") as caught:
        getattr(renderer, call)(*args)
    assert caught.value.panic_message == "engine exploded: node 12 missing"
    renderer.close()


def test_a_new_renderer_works_after_another_crashed(fake_wasm: bytes) -> None:
    crashed = Renderer(wasm=fake_wasm)
    with pytest.raises(RendererCrashed):
        crashed.frame(-1.0)
    crashed.close()
    with Renderer(wasm=fake_wasm) as fresh:
        fresh.apply(CREATE_1)
        assert fresh.frame(1.0).batches_applied == 1


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public"])
def test_the_watchdog_stops_a_runaway_call(fake_wasm: bytes, fast: bool) -> None:
    renderer = Renderer(wasm=fake_wasm, call_timeout_ms=50, fast_calls=fast)
    started = time.monotonic()
    with pytest.raises(RendererCrashed, match="time budget") as caught:
        renderer.frame(1e9)
    assert time.monotonic() - started < 10
    assert "interrupt" in caught.value.wasm_backtrace
    assert not renderer.alive
    renderer.close()


def test_a_slow_but_finite_sequence_of_calls_is_not_stopped_by_the_watchdog(
        fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm, call_timeout_ms=50) as renderer:
        for step in range(30):
            renderer.frame(float(step))
            time.sleep(0.005)
        assert renderer.alive


def test_memory_growth_past_the_limit_kills_only_that_instance(fake_wasm: bytes) -> None:
    renderer = Renderer(wasm=fake_wasm, memory_limit=256 * 1024)
    with pytest.raises(RendererCrashed):
        renderer.apply(bytes(CREATE_1) * 100_000)
    renderer.close()
    with Renderer(wasm=fake_wasm) as other:
        other.apply(bytes(CREATE_1) * 100_000)


def test_close_is_idempotent_and_later_calls_raise_renderer_closed(fake_wasm: bytes) -> None:
    renderer = Renderer(wasm=fake_wasm)
    renderer.close()
    renderer.close()
    assert not renderer.alive
    with pytest.raises(RendererClosed):
        renderer.frame(0.0)


def test_the_context_manager_closes_the_renderer(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        assert renderer.alive
    assert not renderer.alive


def test_a_command_buffer_can_grow_again_after_a_rejected_apply(fake_wasm: bytes) -> None:
    buffer = CommandBuffer().extend(b"\xff\x00\x00\x00")
    with Renderer(wasm=fake_wasm) as renderer:
        with pytest.raises(ProtocolError):
            renderer.apply(buffer)
        buffer.clear()
        buffer.create(1)
        renderer.apply(buffer)
        assert renderer.batches_applied() == 1


def test_non_byte_memoryviews_are_applied_as_their_bytes(fake_wasm: bytes) -> None:
    words = memoryview(CREATE_1 + b"\x00\x00\x00").cast("I")
    with Renderer(wasm=fake_wasm) as renderer:
        renderer.apply(words)
        view = renderer._wasm.view()
        assert bytes(view[65536:65536 + 12]) == CREATE_1 + b"\x00\x00\x00"


def test_an_invalid_module_is_reported_as_a_renderer_error() -> None:
    with pytest.raises(RendererError, match="invalid renderer module"):
        Renderer(wasm=b"\0asm\x01\x00\x00\x00garbage", use_cache=False)


def test_closing_frees_the_store_at_once_when_no_views_are_alive(fake_wasm: bytes) -> None:
    renderer = Renderer(wasm=fake_wasm)
    renderer.frame(0.0)
    store = weakref.ref(renderer._wasm.store)
    gc.collect()
    renderer.close()
    assert store() is None


def test_a_frame_view_read_after_close_shows_stale_bytes_instead_of_crashing(
        fake_wasm: bytes) -> None:
    renderer = Renderer(wasm=fake_wasm)
    out = renderer.frame(0.0)
    store = weakref.ref(renderer._wasm.store)
    renderer.close()
    assert bytes(out.text) == b"hello"
    assert out.display_list.cast("I")[0] == 7
    assert store() is not None
    del out
    gc.collect()
    assert store() is None
