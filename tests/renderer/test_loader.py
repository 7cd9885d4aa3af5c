"""The Wasm loader: precompiled cache, fast and public call paths, memory views, ticker."""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

import pytest
import wasmtime

from renderer import _loader
from renderer._commands import CommandBuffer, Dim
from renderer._errors import RendererClosed, RendererCrashed, RendererError
from renderer._protocol import Prop
from renderer._renderer import Renderer

ECHO = wasmtime.wat2wasm(r"""
(module
  (memory (export "memory") 1)
  (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "seven") (result i32) (i32.const 7))
  (func (export "nothing"))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "pair") (param i32 i32) (result i32) (local.get 0))
)
""")


@pytest.fixture
def fresh_memo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty in-process module memo and a private cache dir."""
    monkeypatch.setattr(_loader, "_modules", {})
    monkeypatch.setenv("MARQUEE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_compiled_module_is_stored_in_the_cache_dir(fresh_memo: Path) -> None:
    _loader.load_module(ECHO)
    assert (fresh_memo / f"{_loader.cache_key(ECHO)}.cwasm").exists()


def test_a_second_start_loads_the_precompiled_module_without_compiling(
        fresh_memo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _loader.load_module(ECHO)
    monkeypatch.setattr(_loader, "_modules", {})

    def refuse_to_compile(self: object, *args: object) -> None:
        raise AssertionError("compiled although a precompiled module was cached")

    monkeypatch.setattr(wasmtime.Module, "__init__", refuse_to_compile)
    module = _loader.load_module(ECHO)
    instance = _loader.WasmInstance(module)
    try:
        assert instance.call("seven")() == 7
    finally:
        instance.close()


def test_a_corrupt_cache_file_is_replaced_by_a_fresh_compile(
        fresh_memo: Path, caplog: pytest.LogCaptureFixture) -> None:
    cached = fresh_memo / f"{_loader.cache_key(ECHO)}.cwasm"
    cached.write_bytes(b"not a precompiled module")
    with caplog.at_level(logging.WARNING, logger="renderer._loader"):
        module = _loader.load_module(ECHO)
    assert "does not match its SHA-256 sidecar" in caplog.text
    assert cached.read_bytes() != b"not a precompiled module"
    instance = _loader.WasmInstance(module)
    assert instance.call("seven")() == 7
    instance.close()


OTHER = wasmtime.wat2wasm(r"""
(module (memory (export "memory") 1) (func (export "seven") (result i32) (i32.const 666)))
""")


def seven_of(module: wasmtime.Module) -> int:
    instance = _loader.WasmInstance(module)
    try:
        return instance.call("seven")()
    finally:
        instance.close()


def precompiled(wasm: bytes) -> bytes:
    return bytes(wasmtime.Module(_loader.engine(), wasm).serialize())


def test_each_cached_module_has_a_sha256_sidecar_and_no_temporary_file_is_left(
        fresh_memo: Path) -> None:
    _loader.load_module(ECHO)
    cached = fresh_memo / f"{_loader.cache_key(ECHO)}.cwasm"
    digest = hashlib.sha256(cached.read_bytes()).hexdigest()
    assert _loader.sidecar_of(cached).read_text() == digest
    assert sorted(p.name for p in fresh_memo.iterdir()) == [cached.name, cached.name + ".sha256"]


@pytest.mark.parametrize("sidecar", ["kept", "missing", "matching the swap"])
def test_a_swapped_cache_file_is_refused_and_recompiled(
        fresh_memo: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        sidecar: str) -> None:
    _loader.load_module(ECHO)
    monkeypatch.setattr(_loader, "_modules", {})
    cached = fresh_memo / f"{_loader.cache_key(ECHO)}.cwasm"
    swap = precompiled(OTHER)  # valid native code, of another module
    cached.write_bytes(swap)
    if sidecar == "missing":
        _loader.sidecar_of(cached).unlink()
    elif sidecar == "matching the swap":
        # Only an attacker who can write the directory could do this: the
        # directory is the user's own and 0700, so here it is made unsafe.
        _loader.sidecar_of(cached).write_text(hashlib.sha256(swap).hexdigest())
        fresh_memo.chmod(0o777)
    with caplog.at_level(logging.WARNING, logger="renderer._loader"):
        assert seven_of(_loader.load_module(ECHO)) == 7
    assert "ignoring precompiled module" in caplog.text or "not using" in caplog.text
    if sidecar != "matching the swap":  # rewritten, and trusted again next time
        assert cached.read_bytes() != swap
        monkeypatch.setattr(_loader, "_modules", {})
        assert seven_of(_loader.load_module(ECHO)) == 7


def test_the_cache_dir_is_created_private(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.setattr(_loader, "_modules", {})
    monkeypatch.setenv("MARQUEE_CACHE_DIR", str(tmp_path / "deep" / "cache"))
    _loader.load_module(ECHO)
    assert (tmp_path / "deep" / "cache").stat().st_mode & 0o777 == 0o700


def test_a_cache_dir_others_can_write_is_not_used(
        fresh_memo: Path, caplog: pytest.LogCaptureFixture) -> None:
    fresh_memo.chmod(0o777)
    with caplog.at_level(logging.WARNING, logger="renderer._loader"):
        assert seven_of(_loader.load_module(ECHO)) == 7
    assert "writable by no one else" in caplog.text
    assert list(fresh_memo.iterdir()) == []


def test_the_cache_key_depends_on_the_module_bytes_and_the_wasmtime_version(
        monkeypatch: pytest.MonkeyPatch) -> None:
    key = _loader.cache_key(ECHO)
    assert _loader.cache_key(ECHO + b"\0") != key
    monkeypatch.setattr(_loader, "wasmtime_version", lambda: "0.0.0")
    assert _loader.cache_key(ECHO) != key


def test_the_cache_dir_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.delenv("MARQUEE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _loader.cache_dir() == tmp_path / "marquee"


def test_a_missing_module_file_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"python -m renderer\._build"):
        _loader.load_module(path=tmp_path / "missing.wasm")


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public"])
def test_both_call_paths_pass_arguments_and_return_results_alike(fast: bool) -> None:
    instance = _loader.WasmInstance(_loader.load_module(ECHO), fast=fast)
    try:
        inc = instance.call("inc")
        assert inc.fast is fast
        assert inc(41) == 42
        assert inc(0x7FFFFFFF) == 0x80000000
        assert inc(0xFFFFFFFF) == 0
        assert instance.call("trunc")(1234.9) == 1234
        assert instance.call("trunc")(-2.5) == 0xFFFFFFFE
        assert instance.call("seven")() == 7
        assert instance.call("nothing")() == 0
    finally:
        instance.close()


def test_the_fast_path_is_used_by_default_with_the_pinned_wasmtime(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        assert renderer.fast_calls


def test_missing_wasmtime_internals_fall_back_to_the_public_api(
        monkeypatch: pytest.MonkeyPatch, fake_wasm: bytes) -> None:
    class Broken:
        def __init__(self) -> None:
            raise AttributeError("module 'wasmtime._ffi' has no attribute 'dll'")

    monkeypatch.setattr(_loader, "_Raw", Broken)
    monkeypatch.setattr(_loader, "_raw", None)
    monkeypatch.setattr(_loader, "_raw_failed", False)
    with Renderer(wasm=fake_wasm) as renderer:
        assert not renderer.fast_calls
        renderer.apply(b"\x02\x04\x00\x00\x01\x00\x00\x00")
        assert renderer.frame(0).batches_applied == 1


def test_exports_with_unsupported_signatures_are_refused_by_name() -> None:
    instance = _loader.WasmInstance(_loader.load_module(ECHO))
    try:
        with pytest.raises(Exception, match="pair"):
            instance.call("pair")
        with pytest.raises(Exception, match="no exported function `absent`"):
            instance.call("absent")
    finally:
        instance.close()


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public"])
def test_the_memory_view_is_refreshed_when_memory_grows(fast: bool) -> None:
    instance = _loader.WasmInstance(_loader.load_module(ECHO), fast=fast)
    try:
        first = instance.view()
        assert len(first) == 65536
        assert instance.view() is first
        assert instance.call("grow")(3) == 1
        grown = instance.view()
        assert len(grown) == 4 * 65536
        grown[-1] = 9
        assert instance.view()[-1] == 9
    finally:
        instance.close()


def test_the_epoch_ticker_stops_soon_after_the_last_instance_closes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_loader.TICKER, "linger_ticks", 2)
    module = _loader.load_module(ECHO)
    users = _loader.TICKER.users
    a = _loader.WasmInstance(module)
    b = _loader.WasmInstance(module)
    assert _loader.TICKER.running
    assert _loader.TICKER.users == users + 2
    a.close()
    b.close()
    b.close()
    assert _loader.TICKER.users == users
    if users == 0:
        deadline = time.monotonic() + 5
        while _loader.TICKER.running and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not _loader.TICKER.running


def test_the_engine_is_shared_by_every_instance() -> None:
    assert _loader.engine() is _loader.engine()


# --- A real trap in the real engine (the `debug_trap` test hook, PROTOCOL.md section 9) ------

def _scene() -> CommandBuffer:
    return (CommandBuffer().set_viewport(320, 180, 320.0, 180.0).create(1)
            .set_props(1, {Prop.WIDTH: Dim.points(320.0), Prop.HEIGHT: Dim.points(180.0)})
            .set_root(1))


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public"])
def test_a_rust_panic_reaches_renderer_crashed_with_its_message_and_backtrace(
        engine_path: Path, fast: bool) -> None:
    with Renderer(engine_path, fast_calls=fast) as renderer:
        renderer.apply(_scene())
        renderer.frame(0.0)
        with pytest.raises(RendererCrashed) as caught:
            renderer._debug_trap(3_000_000_007)  # above i32::MAX: the u32 survives the ABI
    crash = caught.value
    assert crash.panic_message is not None
    assert "debug_trap(3000000007): deliberate test trap" in crash.panic_message
    assert "debug_trap(3000000007)" in str(crash)
    # The name section survives the build: frames name the Rust functions.
    assert "marquee_renderer::abi::deliberate_panic" in crash.wasm_backtrace
    assert "core::panicking::panic_fmt" in crash.wasm_backtrace
    assert "unreachable" in crash.wasm_backtrace


def test_a_renderer_that_trapped_refuses_every_later_call_naming_the_crash(
        engine_path: Path) -> None:
    renderer = Renderer(engine_path)
    renderer.apply(_scene())
    with pytest.raises(RendererCrashed):
        renderer._debug_trap(41)
    assert not renderer.alive
    calls = [lambda: renderer.apply(_scene()), lambda: renderer.frame(16.0), renderer.dump,
             renderer.batches_applied, lambda: renderer._debug_trap(42)]
    for call in calls:
        with pytest.raises(RendererCrashed, match=r"dead.*crashed earlier.*debug_trap\(41\)") \
                as later:
            call()
        assert later.value.panic_message is not None
        assert "debug_trap(41)" in later.value.panic_message
    renderer.close()
    with pytest.raises(RendererCrashed):  # the crash stays the explanation after close
        renderer.frame(32.0)
    fresh_after_close = Renderer(engine_path)
    fresh_after_close.close()
    with pytest.raises(RendererClosed, match="closed"):
        fresh_after_close._debug_trap(1)


def test_a_new_renderer_works_after_one_trapped(engine_path: Path) -> None:
    with Renderer(engine_path) as first:
        first.apply(_scene())
        before = first.dump()
        with pytest.raises(RendererCrashed):
            first._debug_trap(7)
    with Renderer(engine_path) as second:
        assert second.batches_applied() == 0
        second.apply(_scene())
        output = second.frame(0.0)
        assert output.full
        assert second.dump() == before
        assert second.batches_applied() == 1


def test_debug_trap_refuses_a_code_that_is_not_a_u32(engine_path: Path) -> None:
    with Renderer(engine_path) as renderer:
        with pytest.raises(ValueError, match="u32"):
            renderer._debug_trap(-1)
        assert renderer.alive


def test_a_module_without_the_test_hook_says_so(fake_wasm: bytes) -> None:
    with Renderer(wasm=fake_wasm) as renderer:
        with pytest.raises(RendererError, match="no `debug_trap` test hook"):
            renderer._debug_trap(1)
        assert renderer.alive
