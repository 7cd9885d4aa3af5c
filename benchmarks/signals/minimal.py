"""A minimal push-pull reactive core: the lower bound for the ``signals`` package.

Only what the benchmark's adapter interface needs (signal, computed, effect,
batch, untracked reads), none of what a real library must have (owners, error
caching, cycle detection, disposal mid-run, threads). It is the yardstick:
``signals`` carries those features, and the benchmark shows what they cost.
This file is frozen once committed, so the yardstick does not move.

Algorithm:

* A write bumps the global ``epoch`` and stamps the signal's ``version``.
* Push: the signal's readers turn ``DIRTY``, everything further down ``CHECK``;
  effects reached from ``CLEAN`` are queued. No user code runs.
* Pull: a ``CHECK`` node brings its sources up to date in read order and re-runs
  only if one of them has a version newer than its own last run; a ``DIRTY``
  node re-runs at once. A computed whose new value equals the old one keeps
  its version, so its readers do not re-run (equality cut-off), and a node
  never runs before its sources are current (glitch-free).
* Dependencies are re-collected on every run into a fresh list; only when it
  differs from the previous one are the observer sets updated.
* Outside a batch a write flushes the queued effects at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CLEAN, CHECK, DIRTY = 0, 1, 2
_UNSET: Any = object()

_reads: list[Any] | None = None  # the sources read by the running node, or None (untracked)
_epoch = 0
_batch_depth = 0
_queue: list[Effect] = []


class Signal:
    __slots__ = ("observers", "state", "value", "version")

    def __init__(self, value: Any) -> None:
        self.value = value
        self.version = 0
        self.state = CLEAN  # always: sources are checked alike
        self.observers: dict[Any, None] = {}

    def get(self) -> Any:
        if _reads is not None:
            _reads.append(self)
        return self.value

    __call__ = get

    def set(self, value: Any) -> None:
        global _epoch
        old = self.value
        if old is value or old == value:
            return
        self.value = value
        _epoch += 1
        self.version = _epoch
        if self.observers:
            _push(self.observers)
            if not _batch_depth:
                _flush()


class Computed:
    __slots__ = ("fn", "observers", "ran_at", "sources", "state", "value", "version")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.value = _UNSET
        self.version = 0
        self.state = DIRTY
        self.ran_at = -1
        self.sources: list[Any] = []
        self.observers: dict[Any, None] | None = {}

    def get(self) -> Any:
        if _reads is not None:
            _reads.append(self)
        if self.state:
            _refresh(self)
        return self.value

    __call__ = get

    def update(self) -> None:
        value = _track(self)
        old = self.value
        if old is not value and old != value:
            self.value = value
            self.version = self.ran_at


class Effect(Computed):
    __slots__ = ()

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__(fn)
        self.observers = None  # a leaf: the push queues it
        _track(self)

    def update(self) -> None:
        _track(self)

    def dispose(self) -> None:
        _unlink(self, self.sources, ())
        self.sources = []
        self.state = CLEAN  # a queued copy is skipped


def _push(observers: dict[Any, None]) -> None:
    """Readers of the written signal turn DIRTY, the nodes below them CHECK."""
    stack: list[Any] = []
    for node in observers:
        if node.state == CLEAN:
            below = node.observers
            if below is None:
                _queue.append(node)
            else:
                stack.append(below)
        node.state = DIRTY
    while stack:
        for node in stack.pop():
            if node.state == CLEAN:
                node.state = CHECK
                below = node.observers
                if below is None:
                    _queue.append(node)
                else:
                    stack.append(below)


def _refresh(node: Computed) -> None:
    """Bring a CHECK or DIRTY node up to date (recursively, through its sources)."""
    if node.state == CHECK:
        ran = node.ran_at
        for src in node.sources:
            if src.state:
                _refresh(src)
            if src.version > ran:
                break
        else:
            node.state = CLEAN
            return
    node.update()


def _track(node: Computed) -> Any:
    """Run ``node.fn`` collecting its reads; re-link when they differ from last time."""
    global _reads
    prev = _reads
    reads: list[Any] = []
    _reads = reads
    node.ran_at = _epoch
    node.state = CLEAN  # a write during the run paints it again
    try:
        return node.fn()
    finally:
        _reads = prev
        if reads != node.sources:
            _unlink(node, node.sources, reads)
            for src in reads:
                src.observers[node] = None
            node.sources = reads


def _unlink(node: Computed, old: list[Any], new: list[Any] | tuple[()]) -> None:
    keep = set(new)
    for src in old:
        if src not in keep:
            src.observers.pop(node, None)


def _flush() -> None:
    """Run queued effects in rounds (their writes queue the next round)."""
    global _queue, _batch_depth
    _batch_depth += 1
    try:
        while _queue:
            queue, _queue = _queue, []
            for effect in queue:
                if effect.state:
                    _refresh(effect)
    finally:
        _batch_depth -= 1


def batch(fn: Callable[[], object]) -> None:
    """Run ``fn``; the effects it triggers run once, when the outermost batch ends."""
    global _batch_depth
    _batch_depth += 1
    try:
        fn()
    finally:
        _batch_depth -= 1
        if not _batch_depth and _queue:
            _flush()


def untrack(fn: Callable[[], Any]) -> Any:
    """Call ``fn`` without subscribing the running node to what it reads."""
    global _reads
    prev, _reads = _reads, None
    try:
        return fn()
    finally:
        _reads = prev
