"""Fixtures for the renderer boundary tests.

`fake_engine_wasm()` builds a tiny WAT module that speaks the ABI of
PROTOCOL.md section 1 without any scene logic, so the host side (loading,
calls, memory views, output decoding, crashes, watchdog, memory limit) is
tested without depending on the real engine:

- `apply(len)` rejects a batch whose first byte is `0xFF` (error info
  `0, 0xFF, 1` and a message) and otherwise counts it as applied;
- `frame(now)` returns a fixed output header: one RECT record, the text
  "hello", one damage rect, one FOCUS event (node 7, previous 3), the batch
  count and `nodes_laid_out` 42; `now < 0` panics (host_panic + unreachable),
  `now == 1e9` loops forever;
- `input_buffer(len)` grows memory to fit (trapping when the store limit
  refuses), `dump()` returns a fixed text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import wasmtime

from renderer import PROTOCOL_VERSION, _loader

REAL_WASM = _loader.DEFAULT_WASM_PATH

_FAKE = r"""
(module
  (import "env" "host_panic" (func $host_panic (param i32 i32)))
  (memory (export "memory") 2)
  (global $batches (mut i32) (i32.const 0))
  (global $error_len (mut i32) (i32.const 0))
  ;; error text
  (data (i32.const 128) "command 0 (0xFF): unknown opcode 0xFF")
  ;; dump text
  (data (i32.const 256) "#1 view [0,0 1920x1080]\n  #2 text \22Hi\22\n")
  ;; panic text
  (data (i32.const 512) "engine exploded: node 12 missing")
  ;; output header at 1024 (16 u32)
  (data (i32.const 1024)
    "\03\00\00\00"   ;; flags: display list + full
    "\00\08\00\00"   ;; dl_ptr 2048
    "\01\00\00\00"   ;; dl_count 1
    "\00\10\00\00"   ;; text_ptr 4096
    "\05\00\00\00"   ;; text_len 5
    "\00\12\00\00"   ;; damage_ptr 4608
    "\01\00\00\00"   ;; damage_count 1
    "\00\14\00\00"   ;; events_ptr 5120
    "\01\00\00\00"   ;; events_count 1
    "\00\00\00\00"   ;; batches_applied (patched by frame)
    "\2a\00\00\00")  ;; nodes_laid_out 42
  ;; display list: RECT x=1 y=2 w=3 h=4 color=0xFF0000FF
  (data (i32.const 2048)
    "\07\00\00\00" "\00\00\80\3f" "\00\00\00\40" "\00\00\40\40" "\00\00\80\40"
    "\ff\00\00\ff" "\00\00\00\00" "\00\00\00\00")
  (data (i32.const 4096) "hello")
  ;; damage: 0, 0, 1920, 1080
  (data (i32.const 4608) "\00\00\00\00" "\00\00\00\00" "\00\00\f0\44" "\00\00\87\44")
  ;; event: FOCUS node 7 previous 3
  (data (i32.const 5120) "\01\00\00\00" "\07\00\00\00" "\03\00\00\00")

  (func (export "protocol_version") (result i32) (i32.const VERSION))
  (func (export "input_buffer") (param $len i32) (result i32)
    (local $need i32)
    ;; pages needed for 65536 + len bytes, minus pages we have
    (local.set $need
      (i32.sub
        (i32.shr_u (i32.add (i32.add (local.get $len) (i32.const 65536)) (i32.const 65535))
                   (i32.const 16))
        (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then
        (if (i32.eq (memory.grow (local.get $need)) (i32.const -1))
          (then unreachable))))
    (i32.const 65536))
  (func (export "apply") (param $len i32) (result i32)
    (if (i32.and (i32.gt_u (local.get $len) (i32.const 0))
                 (i32.eq (i32.load8_u (i32.const 65536)) (i32.const 255)))
      (then
        (i32.store (i32.const 64) (i32.const 0))
        (i32.store (i32.const 68) (i32.const 255))
        (i32.store (i32.const 72) (i32.const 1))
        (global.set $error_len (i32.const 37))
        (return (i32.const 1))))
    (global.set $batches (i32.add (global.get $batches) (i32.const 1)))
    (i32.const 0))
  (func (export "error_info") (result i32) (i32.const 64))
  (func (export "error_ptr") (result i32) (i32.const 128))
  (func (export "error_len") (result i32) (global.get $error_len))
  (func (export "frame") (param $now f64) (result i32)
    (if (f64.lt (local.get $now) (f64.const 0))
      (then
        (call $host_panic (i32.const 512) (i32.const 32))
        unreachable))
    (if (f64.eq (local.get $now) (f64.const 1e9))
      (then (loop $spin (br $spin))))
    (i32.store (i32.const 1060) (global.get $batches))
    (i32.const 1024))
  (func (export "dump") (result i32) (i32.const 39))
  (func (export "dump_ptr") (result i32) (i32.const 256))
  (func (export "batches_applied") (result i32) (global.get $batches))
)
"""


def fake_engine_wasm(version: int = PROTOCOL_VERSION) -> bytes:
    """The fake engine's module bytes, speaking protocol `version` (this host's by default)."""
    return wasmtime.wat2wasm(_FAKE.replace("VERSION", str(version)))


def real_engine_ready() -> bool:
    """Whether the built engine implements the whole ABI (else its tests skip).

    Called lazily (from the `engine_path` fixture), never at import: creating
    the wasmtime engine before pytest enables `faulthandler` would let
    faulthandler's SIGILL handler sit in front of wasmtime's and turn every
    wasm trap into a fatal error.
    """
    if not REAL_WASM.exists():
        return False
    try:
        module = _loader.load_module(path=REAL_WASM)
    except Exception:
        return False
    names = {export.name for export in module.exports}
    return {"apply", "frame", "dump", "input_buffer"} <= names


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-goldens`: rewrite the golden PNGs of `test_golden.py` (look at each one).

    Registered only when pytest is pointed at this directory or a file in it
    (pytest reads options from such conftests); `MARQUEE_UPDATE_GOLDENS=1`
    works from anywhere.
    """
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/renderer/golden/*.png from the current renderer",
    )


@pytest.fixture(autouse=True)
def _private_module_cache(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep precompiled modules of tests out of the user's cache."""
    if "MARQUEE_CACHE_DIR" not in os.environ:
        monkeypatch.setenv("MARQUEE_CACHE_DIR", str(_shared_cache(tmp_path_factory)))


_cache: Path | None = None


def _shared_cache(factory: pytest.TempPathFactory) -> Path:
    global _cache
    if _cache is None:
        _cache = factory.mktemp("marquee-cache")
    return _cache


@pytest.fixture
def fake_wasm() -> bytes:
    """The fake engine speaking this host's protocol version."""
    return fake_engine_wasm()


@pytest.fixture
def make_fake_wasm() -> object:
    """`make_fake_wasm(version)` -> fake engine bytes speaking `version`."""
    return fake_engine_wasm


@pytest.fixture
def engine_path() -> Path:
    """The built engine; skips the test while it lacks apply/frame."""
    if not real_engine_ready():
        pytest.skip("the built renderer module does not implement apply/frame yet")
    return REAL_WASM
