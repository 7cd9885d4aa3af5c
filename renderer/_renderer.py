"""`Renderer`: one live instance of the Wasm scene engine, driven by command batches.

The protocol (PROTOCOL.md) in four calls:

1. `apply(batch)`: `input_buffer(len)` gives a pointer into linear memory, the
   batch bytes are copied there through the long-lived memory view, and
   `apply(len)` validates and applies it as a whole. A rejection raises
   `ProtocolError` (command index, opcode, code, message from `error_info` /
   `error_ptr`); the scene is unchanged.
2. `frame(now_ms)` returns a pointer to the 16-word output header; the display
   list and text blob are returned as zero-copy `memoryview`s (valid until the
   next call on this renderer), damage rectangles and events are decoded
   (they are few).
3. `dump()` is the readable scene tree (PROTOCOL.md section 7).
4. Any trap (panic, watchdog timeout, out of memory) raises `RendererCrashed`
   with the forwarded panic message and wasm backtrace and marks the instance
   dead: every later call raises `RendererCrashed` too. The owner creates a new
   `Renderer` and replays its retained scene. An out-of-memory trap, told apart
   by the record the engine fills before it (`oom_record`), raises the subclass
   `RendererOutOfMemory`, naming the node count, memory size and limit.

`Renderer` is not thread-safe: one thread (the renderer thread) owns it.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from ._commands import CommandBuffer
from ._errors import (
    ProtocolError,
    ProtocolVersionError,
    RendererClosed,
    RendererCrashed,
    RendererError,
    RendererOutOfMemory,
)
from ._events import Event, decode_events
from ._loader import (
    DEAD_MESSAGE,
    DEFAULT_CALL_TIMEOUT_MS,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_WASM_PATH,
    WasmInstance,
    _Trapped,
    load_module,
)
from ._protocol import (
    DAMAGE_RECT,
    ERROR_INFO,
    HARD_MAX_NODES,
    MAX_BATCH_BYTES,
    MAX_NODES,
    OOM_RECORD,
    OUTPUT_HEADER,
    PROTOCOL_VERSION,
    RECORD_SIZE,
    ErrorCode,
    OutputFlag,
    structure_only_dump,
)

REQUIRED_EXPORTS = (
    "memory", "protocol_version", "input_buffer", "apply", "error_ptr", "error_len",
    "error_info", "frame", "dump", "dump_ptr", "batches_applied",
)
"""Exports the host needs (PROTOCOL.md section 1)."""

T = TypeVar("T")
_EMPTY = memoryview(b"")


def batch_too_large(size: int) -> ProtocolError:
    """The rejection of a batch of `size` bytes, over `MAX_BATCH_BYTES`.

    The same error the engine reports (PROTOCOL.md section 11), so a host that
    checks first and one that lets the engine refuse see one thing.
    """
    return ProtocolError(
        0, 0, ErrorCode.BATCH_TOO_LARGE,
        f"batch of {size} bytes is over the limit of {MAX_BATCH_BYTES} bytes "
        "(MAX_BATCH_BYTES); split it")


@dataclass(frozen=True, slots=True)
class FrameOutput:
    """What one `frame()` produced.

    `display_list` and `text` are views into the engine's memory: read (paint)
    them before the next call on the renderer (which may overwrite them), or
    copy them.
    """

    flags: int
    """Raw header flags (bit0 display list present, bit1 full repaint)."""
    full: bool
    """Repaint everything (first frame, viewport change)."""
    display_list: memoryview
    """`dl_count` 32-byte records (empty when nothing changed)."""
    text: memoryview
    """UTF-8 blob that TEXT records point into."""
    damage: list[tuple[float, float, float, float]]
    """Damage rectangles `(x, y, w, h)` in surface pixels."""
    event_records: bytes
    """This frame's events as the engine wrote them (32-byte records, PROTOCOL.md
    section 5): what crosses a transport; `events` decodes them."""
    batches_applied: int
    """Accepted batches so far (acknowledgement counter)."""
    nodes_laid_out: int
    """Nodes layout visited this frame."""
    animations_running: int = 0
    """Finite animations still running (transitions, incl. delayed ones, and finite
    keyframes): the host must keep calling `frame` until this is 0."""
    infinite_animations: int = 0
    """Infinite keyframe animations running (they never end by themselves)."""

    @property
    def events(self) -> list[Event]:
        """Events of this frame, in order (decoded from `event_records` on each read)."""
        return decode_events(self.event_records) if self.event_records else []

    @property
    def changed(self) -> bool:
        """Whether there is anything to present."""
        return bool(self.flags & OutputFlag.DISPLAY_LIST)

    @property
    def record_count(self) -> int:
        """Number of display-list records."""
        return len(self.display_list) // RECORD_SIZE


def node_budget(memory_limit: int) -> int:
    """The node budget for an engine given `memory_limit` bytes of linear memory.

    The default 64 MiB holds `MAX_NODES` (25,000) nodes with room for text,
    strings and frame output (24 MiB kept aside); a larger limit scales the
    budget with it (the keyed benchmark's 10,000 rows need 50,000 nodes and
    give the engine 256 MiB), up to the engine's hard cap.
    """
    reserve = 24 << 20
    usable = max(memory_limit - reserve, 1 << 20)
    return max(1, min(HARD_MAX_NODES, usable * MAX_NODES // (DEFAULT_MEMORY_LIMIT - reserve)))


class Renderer:
    """A scene engine instance in its own sandbox (store, memory limit, watchdog).

    Args:
        wasm_path: the module file; default `renderer/marquee_renderer.wasm`.
        memory_limit: cap on linear memory in bytes (growth past it fails inside
            the engine, which then traps).
        call_timeout_ms: watchdog budget of each call into the engine.
        wasm: module bytes instead of a file (tests).
        use_cache: use the on-disk precompiled-module cache.
        fast_calls: use the raw-bindings call path when available.
        node_limit: the most nodes the engine may hold (PROTOCOL.md section 11);
            by default scaled with `memory_limit` (`node_budget`).

    Raises:
        ProtocolVersionError: the module speaks another protocol version.
        RendererError: the module is missing, invalid or lacks required exports.
    """

    def __init__(
        self,
        wasm_path: str | Path | None = None,
        *,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
        call_timeout_ms: float = DEFAULT_CALL_TIMEOUT_MS,
        wasm: bytes | None = None,
        use_cache: bool = True,
        fast_calls: bool = True,
        node_limit: int | None = None,
    ) -> None:
        self._dead: RendererCrashed | None = None
        self._closed = False
        path = Path(wasm_path) if wasm_path is not None else DEFAULT_WASM_PATH
        self.path = "<bytes>" if wasm is not None else str(path)
        module = load_module(wasm, path=path, use_cache=use_cache)
        self._wasm = WasmInstance(module, memory_limit=memory_limit,
                                  call_timeout_ms=call_timeout_ms, fast=fast_calls)
        try:
            self._handshake()
        except BaseException:
            self._wasm.close()
            self._closed = True
            raise
        w = self._wasm
        self._input = (0, 0)
        self._input_buffer = w.call("input_buffer")
        self._apply = w.call("apply")
        self._frame = w.call("frame")
        self._error_info = w.call("error_info")
        self._error_ptr = w.call("error_ptr")
        self._error_len = w.call("error_len")
        self._dump = w.call("dump")
        self._dump_ptr = w.call("dump_ptr")
        self._batches_applied = w.call("batches_applied")
        # Optional export (older modules lack it): 0 means no record to read.
        self._oom_record = (self._guard(lambda: w.call("oom_record")())
                            if w.has_export("oom_record") else 0)
        self.node_limit = node_budget(memory_limit) if node_limit is None \
            else max(1, min(HARD_MAX_NODES, node_limit))
        """The most nodes the engine holds at once (by default scaled with `memory_limit`)."""
        if self._oom_record:
            # The record's third word is the budget the engine validates against.
            w.check_memory()
            struct.pack_into("<I", w.view(), self._oom_record + 8, self.node_limit)

    def _handshake(self) -> None:
        w = self._wasm
        if not w.has_export("protocol_version"):
            raise RendererError(f"{self.path} is not a Marquee renderer module "
                                "(no `protocol_version` export)")
        version = self._guard(lambda: w.call("protocol_version")())
        if version != PROTOCOL_VERSION:
            raise ProtocolVersionError(version, PROTOCOL_VERSION, self.path)
        missing = [name for name in REQUIRED_EXPORTS if not w.has_export(name)]
        if missing:
            raise RendererError(
                f"renderer module {self.path} (protocol {version}) lacks exports "
                f"{', '.join(missing)}; rebuild it with `python -m renderer._build`"
            )

    # Guarding calls -----------------------------------------------------------------

    def _check_alive(self) -> None:
        if self._dead is not None:
            # The same class (`RendererOutOfMemory`) and details, a new message.
            dead = self._dead
            again = type(dead).__new__(type(dead))
            again.__dict__.update(dead.__dict__)
            again.args = (f"{DEAD_MESSAGE} (it crashed earlier: {dead.reason})",)
            raise again
        if self._closed:
            raise RendererClosed("renderer is closed; create a new one")

    def _guard(self, action: Callable[[], T]) -> T:
        """Runs `action`, turning a trap into `RendererCrashed` and a dead instance."""
        try:
            return action()
        except _Trapped as trapped:
            raise self._crashed(trapped) from None

    def _crashed(self, trapped: _Trapped) -> RendererCrashed:
        """The error for `trapped`; marks the instance dead."""
        crash = self._wasm.crash_error(trapped)
        oom = self._out_of_memory(crash)
        self._dead = oom or crash
        return self._dead

    def _out_of_memory(self, crash: RendererCrashed) -> RendererOutOfMemory | None:
        """`crash` as `RendererOutOfMemory` if the engine noted a failed allocation.

        Reads the record without calling into the dead instance; memory may have
        grown (and moved) during the failed call, so the view is refreshed first.
        """
        if not self._oom_record or crash.panic_message is not None:
            return None
        self._wasm.check_memory()
        view = self._wasm.view()
        if self._oom_record + OOM_RECORD.size > len(view):
            return None
        failed, nodes, node_limit, _align = OOM_RECORD.unpack_from(view, self._oom_record)
        if failed == 0:
            return None
        limit = self._wasm.memory_limit
        what = (f"renderer ran out of memory: an allocation of {failed:,} bytes failed with "
                f"{nodes:,} nodes (node limit {node_limit:,}) and linear memory at "
                f"{len(view):,} bytes of its {limit:,}-byte limit")
        lines = [line.strip() for line in crash.wasm_backtrace.splitlines() if line.strip()]
        cause = lines[-1] if lines else "trap"
        reason = f"{what} ({cause})"
        return RendererOutOfMemory(
            f"{reason}; {DEAD_MESSAGE}", failed_bytes=failed, nodes=nodes,
            node_limit=node_limit, memory_size=len(view), memory_limit=limit,
            wasm_backtrace=crash.wasm_backtrace, reason=reason)

    @property
    def alive(self) -> bool:
        """False once the instance crashed or was closed."""
        return self._dead is None and not self._closed

    @property
    def fast_calls(self) -> bool:
        """Whether the hot exports use the raw-bindings call path."""
        return self._apply.fast

    # Protocol ------------------------------------------------------------------------

    def apply(self, batch: bytes | bytearray | memoryview | CommandBuffer) -> None:
        """Applies one command batch as a whole.

        Raises:
            ProtocolError: the engine rejected the batch, or it is over
                `MAX_BATCH_BYTES` (refused before sending, as the engine would);
                nothing was applied.
            RendererCrashed: the engine trapped; this instance is dead.
                `RendererOutOfMemory` when its memory could not grow.
        """
        self._check_alive()
        data = batch.view() if isinstance(batch, CommandBuffer) else memoryview(batch)
        flat = data if data.ndim == 1 and data.itemsize == 1 else data.cast("B")
        try:
            if flat.nbytes > MAX_BATCH_BYTES:
                raise batch_too_large(flat.nbytes)
            result = self._write_and_apply(flat)
        finally:
            # A live export would stop the CommandBuffer from growing again.
            if flat is not data:
                flat.release()
            data.release()
        if result == 0:
            return
        if result == 1:
            raise self._rejection()
        raise RendererError(f"apply returned {result}; expected 0 (applied) or 1 (rejected)")

    def _write_and_apply(self, data: memoryview) -> int:
        size = len(data)
        try:
            ptr, capacity = self._input
            if size > capacity or not ptr:
                # The buffer stays valid until the next `input_buffer` call
                # (PROTOCOL.md section 1), so it is only asked for when it must grow.
                ptr = self._input_buffer(size)
                if not ptr:  # refused (over the engine's batch limit): it rejects
                    self._input = (0, 0)
                    return self._apply(size)
                self._input = (ptr, size)
            view = self._wasm.view()
            if ptr + size > len(view):
                raise RendererError(
                    f"input_buffer({size}) returned {ptr}, past the end of memory ({len(view)})"
                )
            view[ptr:ptr + size] = data
            return self._apply(size)
        except _Trapped as trapped:
            raise self._crashed(trapped) from None

    def _rejection(self) -> ProtocolError:
        def read() -> ProtocolError:
            info = self._error_info()
            ptr, length = self._error_ptr(), self._error_len()
            view = self._wasm.view()
            index, opcode, code = ERROR_INFO.unpack_from(view, info)
            message = bytes(view[ptr:ptr + length]).decode("utf-8", "replace")
            return ProtocolError(index, opcode, code, message)

        return self._guard(read)

    def frame(self, now_ms: float) -> FrameOutput:
        """Runs one frame at time `now_ms` and returns its output.

        Raises:
            RendererCrashed: the engine trapped; this instance is dead.
        """
        self._check_alive()
        ptr = self._guard(lambda: self._frame(now_ms))
        view = self._wasm.view()
        (flags, dl_ptr, dl_count, text_ptr, text_len, damage_ptr, damage_count,
         events_ptr, events_count, batches_applied, nodes_laid_out,
         animations_running, infinite_animations, *_reserved) = OUTPUT_HEADER.unpack_from(view, ptr)
        display_list = view[dl_ptr:dl_ptr + dl_count * RECORD_SIZE] if dl_count else _EMPTY
        text = view[text_ptr:text_ptr + text_len] if text_len else _EMPTY
        damage: list[tuple[float, float, float, float]] = (
            [DAMAGE_RECT.unpack_from(view, damage_ptr + 16 * i) for i in range(damage_count)]
            if damage_count else []
        )
        events = (bytes(view[events_ptr:events_ptr + events_count * RECORD_SIZE])
                  if events_count else b"")
        return FrameOutput(
            flags=flags,
            full=bool(flags & OutputFlag.FULL_REPAINT),
            display_list=display_list,
            text=text,
            damage=damage,
            event_records=events,
            batches_applied=batches_applied,
            nodes_laid_out=nodes_laid_out,
            animations_running=animations_running,
            infinite_animations=infinite_animations,
        )

    def batches_applied(self) -> int:
        """How many batches the engine accepted so far."""
        self._check_alive()
        return self._guard(lambda: self._batches_applied())

    def dump(self, structure_only: bool = False) -> str:
        """The scene as readable text (PROTOCOL.md section 7).

        Args:
            structure_only: drop boxes and glyph counts (`structure_only_dump`),
                the form `SceneDouble.dump()` prints.
        """
        self._check_alive()

        def read() -> str:
            length = self._dump()
            ptr = self._dump_ptr()
            return bytes(self._wasm.view()[ptr:ptr + length]).decode("utf-8", "replace")

        text = self._guard(read)
        return structure_only_dump(text) if structure_only else text

    def set_call_timeout(self, timeout_ms: float) -> None:
        """Changes the watchdog budget of later calls."""
        self._wasm.set_call_timeout(timeout_ms)

    @property
    def memory_size(self) -> int:
        """Current size of the engine's linear memory in bytes."""
        self._check_alive()
        return len(self._wasm.view())

    def _debug_trap(self, code: int) -> None:
        """Test hook: makes the engine panic on purpose (PROTOCOL.md section 9).

        The panic message names `code`; the instance is dead afterwards, exactly
        as after an engine bug. For tests of crash recovery only.

        Raises:
            RendererCrashed: always, unless the instance was already dead
                (then the earlier crash) or closed (`RendererClosed`).
            RendererError: the module has no `debug_trap` export.
            ValueError: `code` is not a u32.
        """
        if not 0 <= code <= 0xFFFF_FFFF:
            raise ValueError(f"debug_trap code must be a u32, got {code}")
        self._check_alive()
        if not self._wasm.has_export("debug_trap"):
            raise RendererError(f"renderer module {self.path} has no `debug_trap` test hook; "
                                "rebuild it with `python -m renderer._build`")
        trap = self._wasm.call("debug_trap")
        as_i32 = code - (1 << 32) if code >= 1 << 31 else code  # wasm i32 carries the u32
        self._guard(lambda: trap(as_i32))
        raise RendererError(f"debug_trap({code}) returned instead of trapping")

    # Lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Releases the instance (idempotent).

        Views from `frame()` still alive keep the engine's memory until they
        are dropped; they then show the last frame's bytes, never garbage.
        """
        if self._closed:
            return
        self._closed = True
        self._wasm.close()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "dead" if self._dead else "closed" if self._closed else "alive"
        return f"<Renderer {self.path} {state}>"



