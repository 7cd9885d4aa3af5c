"""The host's image resource manager: sources in, engine image ids and pixels out.

`ImageManager.request(src)` returns an image id at once and queues a
`DEFINE_IMAGE id 0x0` command; a small thread pool fetches (an http(s) URL,
or a local file under the declared `asset_roots`: see `_image_sources`) and
decodes (to native N32 premultiplied pixels, see `_image_fetch`) off the frame
path. `poll()`, called on the caller's thread (`drain_commands` and
`wrap_batch` call it), collects finished work and queues `IMAGE_STATE id
loaded w h` or `IMAGE_STATE id failed`, which makes the engine repaint and
emit `IMAGE_LOADED` / `IMAGE_FAILED` for the nodes showing it. Until then a
node paints its background. The painter reads pixels through `skia_image(id)`.

Command order: definitions and releases are queued in call order, states
separately; `wrap_batch(batch)` returns definitions + `batch` + states, so the
nodes that `batch` creates can show the new ids and do hear about loads that
finished meanwhile. (A state applied before a node shows the image emits no
event for that node: the app reads `state(id)` when it mounts one.)

Identity and lifetime: one record per source string. Requesting a source that
is held returns the same id and counts a reference; `release(id)` drops one,
and the last one queues `RELEASE_IMAGE`. Ids are allocated by the manager,
counting up from `first_id`, never reused: the manager owns the image id space
of the engines it feeds.

Memory (`_image_cache`): two byte-budgeted LRU tiers, decoded pixels
(`budget_bytes`) and the encoded bytes of URL sources (`encoded_budget_bytes`,
so a re-decode needs no network). At each `poll()`, over budget, the pixels of
*released* sources go first (they are kept so that scrolling back to a poster
is instant: a new request gets a loaded id in the same batch), then those of
*held* images that were neither drawn (`skia_image`) nor loaded since the
previous `poll()`. Those are what is on screen, and they are never evicted,
so the budget may be exceeded by them (the `over_budget` stat says so).
Protecting fresh loads too keeps an over-budget screen from evicting each
image at the poll that loaded it, before it could be drawn. An evicted held
image stays "loaded" in the engine: when the painter next asks for it,
`skia_image` returns None (the background shows for that frame), a re-decode
starts, and its completion queues `IMAGE_STATE loaded` again, which repaints
the nodes (and repeats their `IMAGE_LOADED` event).

`max_size` downscales larger images at decode time; the size reported to the
engine stays the source's intrinsic size, so layout does not depend on it
(the painter pre-scales to the display size anyway).

Threads: `request`, `release`, `poll`, `drain_commands` and `skia_image` may be
called from different threads (one lock guards the state), but commands are
only produced by the calling thread, never by the workers. `on_forget(id)` is
called (outside the lock, from `release` or `poll`) when an image's pixels are
dropped, so the owner can call `Painter.forget_image(id)` between frames.
"""

from __future__ import annotations

import concurrent.futures as futures
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

from renderer._commands import CommandBuffer
from renderer._image_cache import ImageCache, Phase, Record
from renderer._image_decode import DecoderPool
from renderer._image_fetch import (
    MAX_SOURCE_PIXELS,
    Abort,
    Decoded,
    ImageLoadError,
    decode_image,
    fetch_bytes,
)
from renderer._image_sources import SourcePolicy
from renderer._protocol import ImageState

__all__ = [
    "DEFAULT_BUDGET_BYTES",
    "DEFAULT_ENCODED_BUDGET_BYTES",
    "DEFAULT_MAX_PIXELS",
    "ImageLoadError",
    "ImageManager",
    "ImageManagerClosed",
    "ImageStats",
]

logger = logging.getLogger(__name__)

DEFAULT_BUDGET_BYTES = 96 * 1024 * 1024
"""Decoded pixels kept: ~140 posters at 342x513, or 12 full-HD backdrops."""
DEFAULT_ENCODED_BUDGET_BYTES = 24 * 1024 * 1024
"""Encoded bytes of URL sources kept for re-decoding without the network."""
DEFAULT_MAX_SIZE = (1920, 1080)
"""Decoded images are downscaled to fit this box (a TV's surface)."""
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
"""Largest encoded source accepted."""
DEFAULT_MAX_PIXELS = MAX_SOURCE_PIXELS
"""Largest source decoded, in pixels (16 Mpx: 64 MiB before any downscale)."""
CLOSE_WAIT_S = 1.0
"""How long `close()` waits for aborted loads to end (a DNS lookup cannot be interrupted)."""
U32_MAX = 0xFFFFFFFF

_Forget = Callable[[int], None]
_Loaded = Callable[[int, Any], None]


class ImageManagerClosed(RuntimeError):
    """The image manager was used after `close()`; create a new one."""


@dataclass(frozen=True)
class ImageStats:
    """A snapshot of what an `ImageManager` holds and has done."""

    held: int
    """Images with at least one reference."""
    loading: int
    """Fetch/decode jobs queued or running."""
    decoded_bytes: int
    """Bytes of decoded pixels held (held and released images)."""
    encoded_bytes: int
    """Bytes of encoded URL sources held."""
    fetches: int
    """Sources read from the network or disk so far."""
    decodes: int
    """Images decoded so far (fetches plus re-decodes from cached bytes)."""
    evictions: int
    """Decoded images dropped to stay within the budget."""
    over_budget: bool
    """Whether the images drawn or loaded since the previous poll alone exceed the budget."""


@dataclass(frozen=True)
class _Settings:
    timeout_s: float
    max_bytes: int
    max_size: tuple[int, int] | None
    max_pixels: int
    policy: SourcePolicy
    decoder: DecoderPool | None = None


def _load(src: str, encoded: bytes | None, settings: _Settings, abort: Abort
          ) -> tuple[bytes, Decoded]:
    """Worker-thread job: fetch (unless bytes are cached), then decode."""
    try:
        data = encoded
        if data is None:
            data = fetch_bytes(src, timeout_s=settings.timeout_s, max_bytes=settings.max_bytes,
                               policy=settings.policy, abort=abort)
        if abort.reason is not None:  # closed meanwhile: do not start a decode
            raise ImageLoadError(src, abort.reason)
        decoder = settings.decoder
        if decoder is not None:
            return data, decoder.decode(src, data, settings.max_size, settings.max_pixels)
        return data, decode_image(src, data, settings.max_size, settings.max_pixels)
    except ImageLoadError:
        raise
    except Exception as exc:  # a decoder or allocator failure must not escape as a crash
        raise ImageLoadError(src, f"{type(exc).__name__}: {exc}") from exc


class ImageManager:
    """Loads image sources off the frame path and hands the engine ids and pixels.

    Implements the painter's `ImageProvider` (`skia_image`). See the module
    docstring for identity, memory tiers and threading.

    Args:
        budget_bytes: decoded pixels to keep (LRU beyond what is drawn).
        encoded_budget_bytes: encoded bytes of URL sources to keep.
        max_size: downscale decoded images to fit this box; None keeps full size.
        workers: fetch/decode threads.
        timeout_s: total deadline of one HTTP fetch (connect, headers and body).
        max_bytes: largest encoded source accepted.
        max_pixels: largest source decoded, in pixels, as its header declares
            it (checked before decoding).
        asset_roots: directories under which local files (paths and `file://`
            URLs) may be read; any other local file is refused, and with none
            (the default) only http(s) URLs load. Resolved with `realpath`, so
            neither `..` nor a symlink leads out. A relative `src` is taken
            relative to the first root.
        first_id: the first image id handed out.
        on_forget: called with an image id whose pixels were dropped (released
            or evicted), e.g. `painter.forget_image`.
    """

    def __init__(
        self,
        *,
        budget_bytes: int = DEFAULT_BUDGET_BYTES,
        encoded_budget_bytes: int = DEFAULT_ENCODED_BUDGET_BYTES,
        max_size: tuple[int, int] | None = DEFAULT_MAX_SIZE,
        workers: int = 2,
        timeout_s: float = 10.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        asset_roots: Iterable[str | os.PathLike[str]] = (),
        first_id: int = 1,
        on_forget: _Forget | None = None,
    ) -> None:
        _check_positive("budget_bytes", budget_bytes)
        _check_positive("workers", workers)
        _check_positive("max_bytes", max_bytes)
        _check_positive("max_pixels", max_pixels)
        if encoded_budget_bytes < 0:
            raise ValueError(f"encoded_budget_bytes must be >= 0, got {encoded_budget_bytes}")
        if not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        if max_size is not None and (max_size[0] <= 0 or max_size[1] <= 0):
            raise ValueError(f"max_size must be positive, got {max_size[0]}x{max_size[1]}")
        if not 1 <= first_id <= U32_MAX:
            raise ValueError(f"first_id must be in 1..{U32_MAX}, got {first_id}")
        self._cache = ImageCache(budget_bytes, encoded_budget_bytes)
        self._settings = _Settings(timeout_s, max_bytes, max_size, max_pixels,
                                   SourcePolicy.of(asset_roots))
        self._on_forget = on_forget
        self._lock = threading.RLock()
        self._pool = futures.ThreadPoolExecutor(workers, thread_name_prefix="marquee-images")
        self._held: dict[int, Record] = {}
        self._jobs: dict[str, Record] = {}
        self._aborts: dict[str, Abort] = {}
        """The abort handle of each running job, by source."""
        self._defines = CommandBuffer()
        self._states: dict[int, tuple[ImageState, int, int]] = {}
        self._drawn: set[int] = set()
        """Held ids drawn or loaded since the previous poll: never evicted."""
        self._forgotten: list[int] = []
        self._fresh: list[tuple[int, Any]] = []
        self._on_loaded: _Loaded | None = None
        self._next_id = first_id
        self._fetches = 0
        self._decodes = 0
        self._closed = False

    # Requests ---------------------------------------------------------------

    def request(self, src: str) -> int:
        """Returns the image id for `src`, starting its load if needed.

        The same source held twice gives the same id (one more reference).
        Queues `DEFINE_IMAGE` (0x0 while loading, or the size at once when the
        pixels are still cached), to be applied before any node shows the id.

        Raises:
            ValueError: `src` is empty.
            ImageManagerClosed: after `close()`.
        """
        if not isinstance(src, str) or not src:
            raise ValueError(f"image src must be a non-empty path or URL, got {src!r}")
        with self._lock:
            self._check_open()
            record = self._cache.record(src)
            if record.image_id:
                record.refs += 1
                return record.image_id
            image_id = self._allocate_id()
            record.image_id, record.refs = image_id, 1
            self._held[image_id] = record
            if record.decoded is not None:
                record.phase = Phase.LOADED
                self._defines.define_image(image_id, record.decoded.width, record.decoded.height)
                self._fresh.append((image_id, record.decoded.image))
            else:
                record.phase = Phase.LOADING
                self._defines.define_image(image_id, 0, 0)
                if record.job is None:  # else a load started before a release is still running
                    self._start(record)
            return image_id

    def release(self, image_id: int) -> None:
        """Drops one reference; the last one queues `RELEASE_IMAGE`.

        The decoded pixels stay cached (first in line for eviction) so that
        requesting the source again is instant.

        Raises:
            KeyError: `image_id` is not held (never requested, or released already).
        """
        with self._lock:
            record = self._held.get(image_id)
            if record is None:
                raise KeyError(f"image {image_id} is not held by this ImageManager "
                               "(never requested, or released already)")
            record.refs -= 1
            if record.refs > 0:
                return
            del self._held[image_id]
            record.image_id = 0
            self._drawn.discard(image_id)
            # A state not sent yet would name an id the engine no longer has.
            self._states.pop(image_id, None)
            if not self._closed:
                self._defines.release_image(image_id)
            if record.phase is Phase.FAILED:
                # A failure is not cached: the next request tries again.
                self._cache.drop_encoded(record)
            self._forgotten.append(image_id)
            self._cache.discard_if_idle(record)
        self._notify_forgotten()

    # The caller's side of the frame loop ----------------------------------

    def poll(self) -> int:
        """Collects finished loads (never blocks); returns how many finished.

        Queues their `IMAGE_STATE` commands, then evicts over the budgets.
        """
        with self._lock:
            if self._closed:
                return 0
            done = [r for r in self._jobs.values() if r.job is not None and r.job.done()]
            for record in done:
                self._finish(record)
            self._forgotten.extend(self._cache.evict(self._drawn))
            self._drawn.clear()
            fresh, self._fresh = self._fresh, []
        callback = self._on_loaded
        if callback is not None:
            for image_id, image in fresh:
                callback(image_id, image)
        self._notify_forgotten()
        return len(done)

    def drain_commands(self) -> bytes:
        """Polls, then returns (and forgets) the queued commands as one batch.

        Definitions and releases come first, in request order, then the
        `IMAGE_STATE`s. To apply them with a batch that creates the nodes
        showing these images, use `wrap_batch` instead.
        """
        return self.wrap_batch(b"").getvalue()

    def write_commands(self, buffer: CommandBuffer) -> None:
        """Polls, then appends the queued commands to `buffer` (as `drain_commands`)."""
        buffer.extend(self.wrap_batch(b""))

    def wrap_batch(self, batch: bytes | bytearray | memoryview | CommandBuffer) -> CommandBuffer:
        """Polls, then returns the queued definitions, `batch`, then the queued states.

        The engine emits `IMAGE_LOADED`/`IMAGE_FAILED` only for nodes showing
        the image when the `IMAGE_STATE` is applied, and a node may only show
        a defined image: this order satisfies both for nodes `batch` creates.
        """
        self.poll()
        out = CommandBuffer()
        with self._lock:
            out.extend(self._defines)
            out.extend(batch)  # a malformed batch raises here, and nothing queued is lost
            for image_id, (state, width, height) in self._states.items():
                out.image_state(image_id, state, width, height)
            self._defines.clear()
            self._states.clear()
        return out

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Blocks until no load is running (tests, CLI); True if idle in time.

        Does not poll: call `poll()` or `drain_commands()` afterwards.
        """
        with self._lock:
            jobs = [r.job for r in self._jobs.values() if r.job is not None]
        if not jobs:
            return True
        _, not_done = futures.wait(jobs, timeout)
        return not not_done

    # The painter's side ---------------------------------------------------------

    def skia_image(self, image_id: int) -> Any | None:
        """The decoded image for `image_id`, or None if not (or no longer) ready.

        A held image whose pixels were evicted starts re-decoding here; its
        completion queues `IMAGE_STATE loaded` again so the nodes repaint.
        """
        with self._lock:
            record = self._held.get(image_id)
            if record is None or self._closed:
                return None
            self._drawn.add(image_id)
            self._cache.touch(record)
            if record.decoded is not None:
                return record.decoded.image
            if record.phase is Phase.LOADED and record.job is None:
                self._start(record)
            return None

    # Queries -----------------------------------------------------------------

    def src_of(self, image_id: int) -> str | None:
        """The source of a held image id, or None."""
        with self._lock:
            record = self._held.get(image_id)
            return None if record is None else record.src

    def state(self, image_id: int) -> ImageState | None:
        """`LOADED` or `FAILED` as queued for the engine; None while loading or unknown."""
        with self._lock:
            record = self._held.get(image_id)
            if record is None or record.phase is Phase.LOADING:
                return None
            return ImageState.LOADED if record.phase is Phase.LOADED else ImageState.FAILED

    def failure(self, image_id: int) -> ImageLoadError | None:
        """Why a held image failed (its message names the source), or None."""
        with self._lock:
            record = self._held.get(image_id)
            return None if record is None else record.error

    @property
    def failures(self) -> dict[int, ImageLoadError]:
        """Every held image that failed, by id."""
        with self._lock:
            return {i: r.error for i, r in self._held.items() if r.error is not None}

    @property
    def on_forget(self) -> _Forget | None:
        """Called with each image id whose pixels were dropped; settable.

        The painter is built with the manager, so wire it afterwards:
        `images.on_forget = painter.forget_image`.
        """
        return self._on_forget

    @on_forget.setter
    def on_forget(self, callback: _Forget | None) -> None:
        self._on_forget = callback

    @property
    def on_loaded(self) -> _Loaded | None:
        """Called by `poll` (on its caller's thread) with `(image id, skia.Image)` for each
        image whose pixels just became ready, before its `IMAGE_STATE loaded` is queued
        out; settable. A renderer process gets the pixels this way."""
        return self._on_loaded

    @on_loaded.setter
    def on_loaded(self, callback: _Loaded | None) -> None:
        self._on_loaded = callback

    @property
    def budget_bytes(self) -> int:
        """Bytes of decoded pixels to keep (applied at the next `poll()`)."""
        return self._cache.budget

    @budget_bytes.setter
    def budget_bytes(self, value: int) -> None:
        _check_positive("budget_bytes", value)
        with self._lock:
            self._cache.budget = value

    @property
    def encoded_budget_bytes(self) -> int:
        """Bytes of encoded URL sources to keep."""
        return self._cache.encoded_budget

    def stats(self) -> ImageStats:
        """Counts and bytes held right now."""
        with self._lock:
            cache = self._cache
            return ImageStats(
                held=len(self._held), loading=len(self._jobs),
                decoded_bytes=cache.decoded_bytes, encoded_bytes=cache.encoded_bytes,
                fetches=self._fetches, decodes=self._decodes, evictions=cache.evictions,
                over_budget=cache.over_budget,
            )

    # Lifetime ----------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """Whether `close()` was called."""
        return self._closed

    @property
    def asset_roots(self) -> tuple[str, ...]:
        """The real paths of the directories local images may be read from."""
        return tuple(str(root) for root in self._settings.policy.roots)

    def decode_in_processes(self, workers: int = 2) -> None:
        """Decodes in worker processes from now on (`DecoderPool`): Skia's decoding no
        longer holds this process's GIL (the App does this in process mode)."""
        with self._lock:
            self._check_open()
            if self._settings.decoder is None:
                self._settings = replace(self._settings, decoder=DecoderPool(workers))

    def decode_in_threads(self) -> None:
        """Decodes on the manager's threads again; stops the worker processes (waits)."""
        with self._lock:
            pool = self._settings.decoder
            self._settings = replace(self._settings, decoder=None)
        if pool is not None:
            pool.close()

    @property
    def decoder_pids(self) -> frozenset[int]:
        """The worker processes that decoded images so far (empty: decoded on threads)."""
        pool = self._settings.decoder
        return frozenset(pool.pids) if pool is not None else frozenset()

    def close(self) -> None:
        """Cancels queued loads, aborts running fetches, drops every pixel.

        Running fetches are aborted at once (their sockets are shut down), so
        it returns promptly even while a server hangs; it waits at most
        `CLOSE_WAIT_S` for the workers (a decode in progress finishes, a DNS
        lookup cannot be interrupted). Calling it again does nothing.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            aborts = list(self._aborts.values())
            jobs = [r.job for r in self._jobs.values() if r.job is not None]
        for abort in aborts:
            abort.abort("cancelled: the image manager was closed")
        self._pool.shutdown(wait=False, cancel_futures=True)
        futures.wait(jobs, CLOSE_WAIT_S)
        self.decode_in_threads()
        with self._lock:
            self._aborts.clear()
            self._jobs.clear()
            self._cache.clear()
            self._held.clear()
            self._drawn.clear()

    def __enter__(self) -> ImageManager:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._closed:
            return "<ImageManager closed>"
        return (f"<ImageManager {len(self._held)} held, {len(self._jobs)} loading, "
                f"{self._cache.decoded_bytes} of {self._cache.budget} decoded bytes>")

    # Internals (called with the lock held) -----------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise ImageManagerClosed("this ImageManager is closed; create a new one")

    def _allocate_id(self) -> int:
        if self._next_id > U32_MAX:
            raise OverflowError("ImageManager ran out of u32 image ids")
        image_id = self._next_id
        self._next_id += 1
        return image_id

    def _start(self, record: Record) -> None:
        encoded = record.encoded
        if encoded is None:
            self._fetches += 1
        self._decodes += 1
        abort = self._aborts[record.src] = Abort()
        record.job = self._pool.submit(_load, record.src, encoded, self._settings, abort)
        self._jobs[record.src] = record

    def _finish(self, record: Record) -> None:
        job = record.job
        assert job is not None
        record.job = None
        del self._jobs[record.src]
        self._aborts.pop(record.src, None)
        if job.cancelled():
            return
        error = job.exception()
        if error is None:
            self._loaded(record, *job.result())
        else:
            if not isinstance(error, ImageLoadError):
                error = ImageLoadError(record.src, f"{type(error).__name__}: {error}")
            self._failed(record, error)

    def _loaded(self, record: Record, data: bytes, decoded: Decoded) -> None:
        cache = self._cache
        cache.set_decoded(record, decoded)
        cache.keep_encoded(record, data)
        cache.touch(record)
        record.error = None
        if record.image_id:
            record.phase = Phase.LOADED
            self._states[record.image_id] = (ImageState.LOADED, decoded.width, decoded.height)
            self._drawn.add(record.image_id)  # not drawable before now: protect it once
            self._fresh.append((record.image_id, decoded.image))

    def _failed(self, record: Record, error: ImageLoadError) -> None:
        self._cache.drop_encoded(record)
        if not record.image_id:
            self._cache.discard_if_idle(record)
            return
        logger.warning("%s", error)
        record.phase = Phase.FAILED
        record.error = error
        self._states[record.image_id] = (ImageState.FAILED, 0, 0)

    def _notify_forgotten(self) -> None:
        with self._lock:
            forgotten, self._forgotten = self._forgotten, []
        callback = self._on_forget
        if callback is not None:
            for image_id in forgotten:
                callback(image_id)



def _check_positive(name: str, value: int) -> None:
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
