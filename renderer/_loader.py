"""Loading the renderer module and calling into it cheaply (wasmtime-py).

- **One `Engine` per process**, with epoch interruption on. A daemon thread
  (`_EpochTicker`) increments the epoch every `TICK_MS` while at least one
  instance is alive; each call sets its store's deadline to the call's time
  budget in ticks first, so a runaway call traps with `INTERRUPT` instead of
  hanging (Wasm calls release the GIL, so the ticker keeps running).
- **Precompiled-module cache**: a module is compiled once and serialized to
  `<cache dir>/<sha256 of wasm bytes + wasmtime version>.cwasm`; later starts
  deserialize it (milliseconds instead of a compile). The cache dir is
  `$MARQUEE_CACHE_DIR`, else `$XDG_CACHE_HOME/marquee`, else `~/.cache/marquee`.
  Modules are also memoized per process. A precompiled module is native code
  that wasmtime runs unchecked, so the cache is trusted only as far as it is
  verified: the directory is created 0700 and used only if it is the user's
  own and not writable by group or others; each `.cwasm` is written
  atomically (temporary file, fsync, rename) with a `.cwasm.sha256` sidecar
  holding its SHA-256; a load reads the file, checks its hash against the
  sidecar and deserializes those very bytes. Any mismatch (missing sidecar,
  other bytes) is logged, the file refused, and the module recompiled and
  rewritten.
- **One `Store` per instance**, with a memory limit (`store.set_limits`), and an
  `env.host_panic(ptr, len)` import that records the engine's panic message.
- **Fast calls**: `Func.__call__` re-reads the function type and converts every
  value on each call (7-36 us). `_FastCall` instead keeps a preallocated
  `wasmtime_val_raw_t` array and calls `wasmtime_func_call_unchecked` through
  its own ctypes function object (about 1-2 us). That uses wasmtime-py
  internals (`_ffi`, `Func._func`, `Store._context`), so it is used only when
  they are present and the export's type was checked at load; otherwise
  `_PublicCall` goes through the public API. The version is pinned in
  `pyproject.toml`; `tests/renderer/test_loader*.py` covers both paths.
- **Linear memory** is exposed as one long-lived `memoryview`, refreshed when
  the memory's base or size changes (checked after every call, since memory
  only grows inside a call).

Traps reach wasmtime as signals (SIGILL/SIGSEGV) that its handlers turn into
errors. `faulthandler.enable()` called *after* the first engine exists puts
faulthandler's handler in front and makes every trap fatal: enable it (if at
all) before creating the first `Renderer`, as `python -X faulthandler` and
pytest do.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import hmac
import logging
import math
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import wasmtime

from ._errors import RendererCrashed, RendererError

log = logging.getLogger(__name__)

DEFAULT_WASM_PATH = Path(__file__).resolve().parent / "marquee_renderer.wasm"
"""The module built by `python -m renderer._build`."""

DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024
"""Default cap on an instance's linear memory, in bytes."""

DEFAULT_CALL_TIMEOUT_MS = 2000.0
"""Default time budget of one call into the module before the watchdog traps it."""

TICK_MS = 25.0
"""Epoch ticker period: the watchdog's granularity. Each tick takes the GIL
briefly, so it is kept coarse (40 wake-ups a second)."""

DEAD_MESSAGE = "renderer instance is dead; create a new one and replay the scene"

_I32, _F64 = "i32", "f64"


@functools.cache
def wasmtime_version() -> str:
    """The installed wasmtime-py version (part of the module cache key)."""
    try:
        return metadata.version("wasmtime")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copy
        return "unknown"


# --- Engine and epoch ticker -------------------------------------------------

_engine_lock = threading.Lock()
_engine: wasmtime.Engine | None = None


def engine() -> wasmtime.Engine:
    """The process-wide engine (epoch interruption enabled)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            config = wasmtime.Config()
            config.epoch_interruption = True
            _engine = wasmtime.Engine(config)
        return _engine


class _EpochTicker:
    """Increments the engine's epoch every `TICK_MS` while anyone holds it.

    The thread outlives its last user by `linger_ticks` ticks, so that closing
    a crashed renderer and starting its replacement does not pay a thread
    start (which waits for the thread to run).
    """

    def __init__(self, linger_ticks: int = 40) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._thread: threading.Thread | None = None
        self.linger_ticks = linger_ticks

    def acquire(self) -> None:
        with self._lock:
            self._users += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, args=(engine(),), name="marquee-epoch-ticker", daemon=True
                )
                self._thread.start()

    def release(self) -> None:
        with self._lock:
            self._users = max(0, self._users - 1)

    @property
    def users(self) -> int:
        """Instances currently holding the ticker."""
        return self._users

    @property
    def running(self) -> bool:
        """Whether the ticker thread is alive."""
        return self._thread is not None

    def _run(self, eng: wasmtime.Engine) -> None:
        period = TICK_MS / 1000.0
        idle = 0
        while True:
            time.sleep(period)
            eng.increment_epoch()
            with self._lock:
                idle = idle + 1 if self._users == 0 else 0
                if idle > self.linger_ticks:
                    self._thread = None
                    return


TICKER = _EpochTicker()


# --- Module cache -------------------------------------------------------------

_modules_lock = threading.Lock()
_modules: dict[str, wasmtime.Module] = {}
_file_keys: dict[tuple[str, int, int], str] = {}
"""Module file (path, mtime, size) -> cache key, so a known file is not re-read."""


def cache_dir() -> Path:
    """Where precompiled modules are kept."""
    explicit = os.environ.get("MARQUEE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "marquee"


def cache_key(wasm: bytes) -> str:
    """Hash of the module bytes and the wasmtime version (and our engine config)."""
    digest = hashlib.sha256()
    digest.update(wasm)
    digest.update(f"\0wasmtime={wasmtime_version()}\0epoch=1".encode())
    return digest.hexdigest()


def load_module(wasm: bytes | None = None, path: Path | str | None = None,
                use_cache: bool = True) -> wasmtime.Module:
    """Compiles `wasm` (or the file at `path`), reusing the precompiled cache.

    Args:
        wasm: module bytes (binary); read from `path` when omitted.
        path: module file, default `DEFAULT_WASM_PATH`.
        use_cache: read and write the on-disk cache.
    """
    if wasm is None:
        file = Path(path) if path is not None else DEFAULT_WASM_PATH
        try:
            stat = file.stat()
            file_key = (str(file.resolve()), stat.st_mtime_ns, stat.st_size)
            known = _file_keys.get(file_key)
            if known is not None and known in _modules:
                return _modules[known]
            wasm = file.read_bytes()
        except FileNotFoundError:
            raise RendererError(
                f"renderer module not found at {file}; build it with `python -m renderer._build`"
            ) from None
        key = cache_key(wasm)
        _file_keys[file_key] = key
    else:
        key = cache_key(wasm)
    with _modules_lock:
        module = _modules.get(key)
        if module is not None:
            return module
        module = _load_or_compile(wasm, key, use_cache)
        _modules[key] = module
        return module


def _load_or_compile(wasm: bytes, key: str, use_cache: bool) -> wasmtime.Module:
    eng = engine()
    directory = _private_cache_dir() if use_cache else None
    cached = directory / f"{key}.cwasm" if directory is not None else None
    if cached is not None:
        module = _load_verified(eng, cached)
        if module is not None:
            return module
    try:
        module = wasmtime.Module(eng, wasm)
    except wasmtime.WasmtimeError as exc:
        raise RendererError(f"invalid renderer module: {exc}") from exc
    if cached is not None:
        _store_verified(cached, bytes(module.serialize()))
    return module


def sidecar_of(cached: Path) -> Path:
    """The file holding the SHA-256 (hex) of the precompiled module `cached`."""
    return cached.with_name(cached.name + ".sha256")


def _private_cache_dir() -> Path | None:
    """The cache dir, created 0700; None if it is not safe (someone else could write it)."""
    directory = cache_dir()
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=0o700)
        info = os.stat(directory)
    except OSError as exc:
        log.warning("precompiled module cache %s unusable (%s); compiling", directory, exc)
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        log.warning("not using precompiled module cache %s: it must be a directory owned by "
                    "this user and writable by no one else (chmod 700 it)", directory)
        return None
    return directory


def _load_verified(eng: wasmtime.Engine, cached: Path) -> wasmtime.Module | None:
    """The cached module if its bytes match its sidecar's SHA-256; else None (logged)."""
    try:
        data = cached.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("ignoring unreadable precompiled module %s: %s", cached, exc)
        return None
    try:
        expected = sidecar_of(cached).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        expected = ""
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), expected):
        log.warning("ignoring precompiled module %s: it does not match its SHA-256 sidecar; "
                    "recompiling", cached)
        return None
    try:
        # The bytes just hashed, not the file again: it could change in between.
        return wasmtime.Module.deserialize(eng, data)
    except Exception as exc:  # stale (e.g. other CPU features): recompile and overwrite
        log.warning("ignoring unusable precompiled module %s: %s", cached, exc)
        return None


def _store_verified(cached: Path, data: bytes) -> None:
    """Writes `data` then its sidecar, each atomically (a crash between leaves no match)."""
    try:
        _write_atomically(cached, data)
        _write_atomically(sidecar_of(cached), hashlib.sha256(data).hexdigest().encode())
    except OSError as exc:
        log.warning("could not write precompiled module cache %s: %s", cached, exc)


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- Calls ------------------------------------------------------------------------


class Call(Protocol):
    """A typed call of one export: `call(arg) -> int` (or `call() -> int`)."""

    fast: bool

    def __call__(self, *args: float) -> int: ...


class _Trapped(Exception):
    """Internal: a call trapped or was interrupted; carries wasmtime's error."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__(str(error))


class _PublicCall:
    """Calls an export through the public `Func.__call__` (the fallback path)."""

    fast = False

    def __init__(self, owner: WasmInstance, func: wasmtime.Func, param: str | None,
                 has_result: bool) -> None:
        self._owner = owner
        self._func = func
        self._param = param
        self._has_result = has_result

    def __call__(self, *args: float) -> int:
        owner = self._owner
        store = owner.store
        if self._param == _I32:
            word = int(args[0]) & 0xFFFFFFFF
            args = (word - 0x100000000 if word & 0x80000000 else word,)
        elif self._param == _F64:
            args = (float(args[0]),)
        store.set_epoch_deadline(owner.deadline_ticks)
        try:
            result = self._func(store, *args)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            raise _Trapped(exc) from exc
        owner.check_memory()
        return int(result) & 0xFFFFFFFF if self._has_result else 0


def _raw_function(dll: Any, name: str, restype: Any) -> Any:
    """A private ctypes function object for `name` (argtypes unchecked: we pass ctypes values)."""
    function = dll._FuncPtr((name, dll))
    function.restype = restype
    function.argtypes = None
    return function


class _Raw:
    """The wasmtime-py internals the fast path needs, resolved once (or `None`)."""

    def __init__(self) -> None:
        from wasmtime import _ffi as ffi  # internal; pinned version

        dll: Any = ffi.dll
        self.call = _raw_function(dll, "wasmtime_func_call_unchecked", ctypes.c_void_p)
        self.set_deadline = _raw_function(dll, "wasmtime_context_set_epoch_deadline", None)
        self.data_size = _raw_function(dll, "wasmtime_memory_data_size", ctypes.c_size_t)
        self.data = _raw_function(dll, "wasmtime_memory_data", ctypes.c_void_p)
        self.val_raw: Any = ffi.wasmtime_val_raw_t
        self.trap_ptr_type: Any = ctypes.POINTER(ffi.wasm_trap_t)
        self.trap_from_ptr: Callable[[Any], wasmtime.Trap] = wasmtime.Trap._from_ptr
        self.error_from_ptr: Callable[[Any], wasmtime.WasmtimeError] = (
            wasmtime.WasmtimeError._from_ptr
        )
        self.error_ptr_type: Any = ctypes.POINTER(ffi.wasmtime_error_t)
        # Touch the attributes the fast path reads off public objects.
        assert hasattr(wasmtime.Func, "_from_raw") and hasattr(wasmtime.Store, "_context")


_raw_lock = threading.Lock()
_raw: _Raw | None = None
_raw_failed = False


def raw_bindings() -> _Raw | None:
    """The internals for the fast path, or `None` if this wasmtime-py lacks them."""
    global _raw, _raw_failed
    with _raw_lock:
        if _raw is None and not _raw_failed:
            try:
                _raw = _Raw()
            except Exception as exc:  # any missing internal: use the public API
                log.info("wasmtime fast call path unavailable (%s); using Func.__call__", exc)
                _raw_failed = True
        return _raw


class _FastCall:
    """Calls an export with `wasmtime_func_call_unchecked` on a preallocated array.

    Only built for exports whose signature was checked: zero or one `i32`/`f64`
    parameter and zero or one `i32` result.
    """

    fast = True

    def __init__(self, owner: WasmInstance, raw: _Raw, func: wasmtime.Func,
                 param: str | None, has_result: bool) -> None:
        self._owner = owner
        self._raw = raw
        self._call = raw.call
        self._ctx = owner.store._context()
        self._func_ref = ctypes.byref(func._func)
        self._vals = (raw.val_raw * 1)()
        self._val0 = self._vals[0]
        self._nvals = ctypes.c_size_t(1)
        self._trap = raw.trap_ptr_type()
        self._trap_ref = ctypes.byref(self._trap)
        self._param = param
        self._has_result = has_result
        self._set_deadline = raw.set_deadline
        self._owner_deadline = ctypes.c_uint64(owner.deadline_ticks)

    def __call__(self, *args: float) -> int:
        owner = self._owner
        val = self._val0
        if self._param == _I32:
            word = int(args[0]) & 0xFFFFFFFF
            val.i32 = word - 0x100000000 if word & 0x80000000 else word
        elif self._param == _F64:
            val.f64 = args[0]
        self._set_deadline(self._ctx, self._owner_deadline)
        error = self._call(self._ctx, self._func_ref, self._vals, self._nvals, self._trap_ref)
        if error or self._trap:
            raise _Trapped(self._failure(error))
        owner.check_memory()
        return val.i32 & 0xFFFFFFFF if self._has_result else 0

    def _failure(self, error: int | None) -> BaseException:
        raw = self._raw
        if self._trap:
            trap = raw.trap_from_ptr(self._trap)
            self._trap = raw.trap_ptr_type()
            self._trap_ref = ctypes.byref(self._trap)
            return trap
        return raw.error_from_ptr(ctypes.cast(ctypes.c_void_p(error), raw.error_ptr_type))

    def set_deadline_ticks(self, ticks: int) -> None:
        self._owner_deadline = ctypes.c_uint64(ticks)


# --- Instance -----------------------------------------------------------------------


class WasmInstance:
    """One module instance in its own store: exports, calls, memory view, panic capture.

    It knows nothing of the protocol beyond the ABI of PROTOCOL.md section 1;
    `Renderer` builds on it. `close()` is idempotent.
    """

    def __init__(self, module: wasmtime.Module, memory_limit: int = DEFAULT_MEMORY_LIMIT,
                 call_timeout_ms: float = DEFAULT_CALL_TIMEOUT_MS, fast: bool = True) -> None:
        self.module = module
        self.memory_limit = memory_limit
        self.panic_message: str | None = None
        self.store = wasmtime.Store(engine())
        self.store.set_limits(memory_size=memory_limit)
        self.deadline_ticks = 1
        self._calls: dict[str, Call] = {}
        self._view: memoryview | None = None
        self._view_key: tuple[int, int] = (0, 0)
        self._closed = False
        self.set_call_timeout(call_timeout_ms)
        linker = wasmtime.Linker(engine())
        panic_type = wasmtime.FuncType([wasmtime.ValType.i32(), wasmtime.ValType.i32()], [])
        linker.define_func("env", "host_panic", panic_type, self._host_panic, access_caller=True)
        TICKER.acquire()
        try:
            self.store.set_epoch_deadline(self.deadline_ticks)
            self.instance = linker.instantiate(self.store, module)
        except BaseException:
            TICKER.release()
            self._closed = True
            raise
        self.exports = self.instance.exports(self.store)
        memory = self.exports.get("memory")
        self.memory: wasmtime.Memory | None = (
            memory if isinstance(memory, wasmtime.Memory) else None
        )
        self._raw = raw_bindings() if fast else None
        self._ctx = self.store._context()
        self._memory_ref = (
            ctypes.byref(self.memory._memory)
            if self.memory is not None and self._raw is not None else None
        )

    # Calls ---------------------------------------------------------------------

    def set_call_timeout(self, timeout_ms: float) -> None:
        """The watchdog budget of each later call (rounded up to whole ticks, plus one)."""
        self.deadline_ticks = max(1, math.ceil(timeout_ms / TICK_MS) + 1)
        for call in self._calls.values():
            if isinstance(call, _FastCall):
                call.set_deadline_ticks(self.deadline_ticks)

    def has_export(self, name: str) -> bool:
        return self.exports.get(name) is not None

    def call(self, name: str) -> Call:
        """A cached caller for export `name` (fast path when possible).

        Raises `RendererError` if the export is missing or has an unsupported type.
        """
        call = self._calls.get(name)
        if call is None:
            call = self._make_call(name)
            self._calls[name] = call
        return call

    def _make_call(self, name: str) -> Call:
        func = self.exports.get(name)
        if not isinstance(func, wasmtime.Func):
            raise RendererError(f"renderer module has no exported function `{name}`")
        ty = func.type(self.store)
        params = [str(p) for p in ty.params]
        results = [str(r) for r in ty.results]
        if len(params) > 1 or any(p not in (_I32, _F64) for p in params) or \
                len(results) > 1 or any(r != _I32 for r in results):
            raise RendererError(
                f"export `{name}` has an unsupported signature {params} -> {results}"
            )
        param = params[0] if params else None
        if self._raw is not None:
            try:
                return _FastCall(self, self._raw, func, param, bool(results))
            except Exception as exc:  # pragma: no cover - internals changed shape
                log.info("fast call unavailable for %s (%s)", name, exc)
        return _PublicCall(self, func, param, bool(results))

    def _host_panic(self, caller: wasmtime.Caller, ptr: int, length: int) -> None:
        try:
            memory = caller.get("memory")
            if isinstance(memory, wasmtime.Memory):
                data = memory.read(caller, ptr, ptr + max(0, min(length, 64 * 1024)))
                self.panic_message = bytes(data).decode("utf-8", "replace")
            else:
                self.panic_message = f"<panic message at {ptr} ({length} bytes), no memory export>"
        except Exception as exc:  # never raise into wasm
            self.panic_message = f"<unreadable panic message at {ptr} ({length} bytes): {exc}>"

    def crash_error(self, trapped: _Trapped) -> RendererCrashed:
        """A `RendererCrashed` describing `trapped` and the forwarded panic, if any."""
        error = trapped.error
        text = str(error)
        code = getattr(error, "trap_code", None)
        interrupted = code is not None and getattr(code, "name", "") == "INTERRUPT"
        if interrupted:
            what = "renderer call exceeded its time budget (epoch watchdog)"
        elif self.panic_message is not None:
            what = f"renderer panicked: {self.panic_message}"
        else:
            what = "renderer trapped"
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        cause = lines[-1] if lines else type(error).__name__
        crash = RendererCrashed(f"{what} ({cause}); {DEAD_MESSAGE}",
                                panic_message=self.panic_message, wasm_backtrace=text)
        crash.reason = f"{what} ({cause})"
        return crash

    # Memory --------------------------------------------------------------------

    def check_memory(self) -> None:
        """Drops the memory view if linear memory grew (cheap when it did not).

        Memory only moves when it grows, so comparing the size is enough.
        """
        if self._view is None:
            return
        raw = self._raw
        if raw is not None and self._memory_ref is not None:
            size = raw.data_size(self._ctx, self._memory_ref)
        else:
            assert self.memory is not None
            size = self.memory.data_len(self.store)
        if size != self._view_key[1]:
            self._view = None

    def view(self) -> memoryview:
        """A writable view of the whole linear memory (valid until memory grows)."""
        view = self._view
        if view is not None:
            return view
        if self.memory is None:
            raise RendererError("renderer module exports no `memory`")
        ptr = self.memory.data_ptr(self.store)
        size = self.memory.data_len(self.store)
        address = ctypes.addressof(ptr.contents)
        array = (ctypes.c_ubyte * size).from_address(address)
        # Views sliced from this one keep the array alive, and the array keeps
        # the store (and so the memory) alive: a view read after `close()`
        # shows stale bytes instead of crashing the process.
        array._marquee_store = self.store  # type: ignore[attr-defined]
        view = memoryview(array).cast("B")
        self._view = view
        self._view_key = (address, size)
        return view

    # Lifetime ------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Releases the store (idempotent).

        The store is freed at once unless memory views handed out earlier are
        still alive; then it is freed with the last of them (so reading a stale
        view never touches unmapped memory).
        """
        if self._closed:
            return
        self._closed = True
        self._calls.clear()
        TICKER.release()
        view, self._view = self._view, None
        if view is not None:
            view.release()
            del view
        del self.instance
        del self.store


# --- Measuring the call paths (`python -m renderer._loader`) --------------------------------


def _measure(repeat: int = 100_000) -> list[tuple[str, float, float]]:
    """Microseconds per call of each hot export, fast path vs `Func.__call__`."""
    wat = """(module (memory (export "memory") 1)
      (func (export "input_buffer") (param i32) (result i32) (i32.const 1024))
      (func (export "apply") (param i32) (result i32) (i32.const 0))
      (func (export "frame") (param f64) (result i32) (i32.const 2048))
      (func (export "nothing")))"""
    module = load_module(bytes(wasmtime.wat2wasm(wat)), use_cache=False)
    rows = []
    fast = WasmInstance(module, fast=True)
    try:
        store = fast.store
        for name, args in (("nothing", ()), ("input_buffer", (4096,)), ("apply", (4096,)),
                           ("frame", (16.5,))):
            call = fast.call(name)
            func = fast.exports[name]
            assert isinstance(func, wasmtime.Func)
            start = time.perf_counter()
            for _ in range(repeat):
                call(*args)
            fast_us = (time.perf_counter() - start) / repeat * 1e6
            public_repeat = max(1, repeat // 10)
            start = time.perf_counter()
            for _ in range(public_repeat):
                func(store, *args)
            public_us = (time.perf_counter() - start) / public_repeat * 1e6
            rows.append((name, fast_us, public_us))
    finally:
        fast.close()
    return rows


if __name__ == "__main__":
    print(f"wasmtime {wasmtime_version()}, fast path available: {raw_bindings() is not None}")
    print(f"{'export':<14}{'fast (us)':>12}{'Func.__call__ (us)':>22}{'ratio':>8}")
    for export, fast_us, public_us in _measure():
        print(f"{export:<14}{fast_us:>12.2f}{public_us:>22.2f}{public_us / fast_us:>8.1f}")
