"""The propagation engine shared by signals, computeds and effects.

Algorithm: push-pull with clean / check / dirty colouring and version stamps.

* Every write to a signal bumps a global ``epoch`` and stamps the signal's
  ``version`` with it.
* Push: the write paints the signal's direct readers ``DIRTY`` and walks the
  observer lists further down, iteratively, painting every ``CLEAN`` node
  ``CHECK`` ("a source may have changed"). A node that is already painted is
  not walked again: everything below it is painted too. Effects reached from
  ``CLEAN`` are appended to the effect queue. No user code runs during the
  push.
* Pull: a node that is not ``CLEAN`` is refreshed before its value is used.
  ``refresh`` walks the node's sources in the order they were read,
  recursively for the first ``RECURSIVE_DEPTH`` levels (Python calls are
  cheaper than an explicit stack) and with an explicit stack below that (so
  1000-deep chains and 2500-layer graphs work): a ``DIRTY`` source is re-run
  on the spot, a ``CHECK`` source is walked into first; then, if a source's
  version is newer than the epoch at which the node last ran, the node turns
  ``DIRTY`` and re-runs. If no source changed, the node turns ``CLEAN``
  without running. A computed whose new value differs bumps its version; one
  whose new value equals the old keeps its version, so its dependents stay
  clean: this is what makes the graph glitch-free and lets equal values stop
  propagation. (Readers are not repainted when a computed changes: the walk
  that re-ran it compares versions right after, which costs less than a
  pass over the readers.)
* Dependencies are re-collected on every run: each read appends the source to
  the run's ``RT.reads`` list (one append, the cheapest tracking a read can do).
  When the run ends, that list is compared with the previous sources in one C
  call; only if it differs are observer lists updated (``relink``).
* Batches (``_flush.py``): writes inside a batch only push. When the outermost
  batch ends the effect queue is flushed in rounds (effects that write signals
  queue more effects for the next round). A write outside any batch is its own batch. A
  signal that ends a batch equal to its value at the start of the batch gets
  its old version back and its ``DIRTY`` readers go back to ``CHECK``, so
  nothing downstream re-runs because of it (unless a direct reader already
  ran on the in-between value during the batch). Only a signal written back
  to its start value is examined then, so a batch of plain writes pays one
  dict entry per signal.
* Cycles: a node being evaluated is ``RUNNING``; reading a ``RUNNING``
  computed raises ``CycleError``. A flush that needs more than
  ``MAX_FLUSH_ROUNDS`` rounds raises ``CycleError`` naming the effects still
  queued.

The tracking scope (which node is collecting reads) is a plain attribute of
the module-level ``RT`` object, saved and restored around each run: a run is
synchronous, so no ``await`` can observe it, and this is much cheaper than a
``ContextVar`` on the hot read path. The owner is also mirrored in a
``ContextVar`` (see ``_owner.py``) so that asyncio tasks keep it.
"""

from __future__ import annotations

import enum
import threading
from typing import Any

from ._errors import CycleError, SignalError

__all__ = [
    "ABORTED",
    "MAX_NESTED_RUNS",
    "RT",
    "State",
    "TooDeep",
    "check_node",
    "check_thread",
    "propagate",
    "refresh",
    "refresh_deep",
    "relink",
    "set_graph_thread",
    "state_name",
    "unlink_sources",
]


ABORTED = -2
"""``_ran_at`` of a node whose first run was cut short by ``TooDeep``."""

MAX_NESTED_RUNS = 100
"""How many computed runs may nest before evaluation switches to iterative.

A computed evaluated for the first time discovers its sources by running, so
reading the end of a never-evaluated chain nests one run per link (about four
Python frames each). ``RT.depth`` counts the nesting: a read (or ``peek``)
that runs a computed counts one level, a recursive ``refresh`` walk one per
level. Past this depth the innermost read raises ``TooDeep``; the runs it
unwinds keep the sources they had read, and the outermost ``refresh`` walks
them iteratively, evaluating the chain from the bottom up.
"""


RECURSIVE_DEPTH = MAX_NESTED_RUNS // 2
"""``refresh`` walks recursively while ``RT.depth`` is below this, iteratively past it."""


LONG_OBSERVER_LIST = 64
"""From this length on, an observer list becomes a dict when removing from its middle."""


class TooDeep(BaseException):
    """Internal: unwinds nested first runs (BaseException so user code cannot eat it)."""


class State(enum.Enum):
    """The colour of a node that is not clean (a clean node's ``_state`` is None)."""

    CHECK = "check"
    """A source upstream may have changed: check the sources before using it."""
    DIRTY = "dirty"
    """A source did change: the node must re-run."""
    RUNNING = "running"
    """The node is being evaluated; reading it now would be a cycle."""
    DISPOSED = "disposed"
    """The owner was disposed; the node never runs again."""


CLEAN = None
"""The state of an up-to-date node: None, so that hot paths test it with ``is None``,
which CPython compiles to one instruction (``is CLEAN`` would load a global first)."""
CHECK = State.CHECK
DIRTY = State.DIRTY
RUNNING = State.RUNNING
DISPOSED = State.DISPOSED


def state_name(state: State | None) -> str:
    """How a node's state reads in a repr."""
    return "clean" if state is None else state.value


class Runtime:
    """The graph's mutable globals, in one slotted object for fast access."""

    __slots__ = (
        "batch_depth",
        "debug",
        "depth",
        "effect",
        "epoch",
        "errors",
        "in_loop",
        "observer",
        "owner",
        "pending",
        "queue",
        "reads",
        "reverted",
        "thread",
    )

    def __init__(self) -> None:
        self.observer: Any = None
        """The node whose run is tracking reads, or None (untracked)."""
        self.reads: list[Any] | None = None
        """What the ``observer``'s run has read so far, in order (None with it).

        A read appends itself here: one attribute of this one object, whatever
        the observer's type (an attribute that several classes share is read
        several times slower in CPython).
        """
        self.owner: Any = None
        """The owner during a synchronous run (mirrored into a ContextVar)."""
        self.effect: Any = None
        """The effect whose function is running (its writes are its own: see ``Effect``)."""
        self.batch_depth = 0
        self.depth = 0
        """How many computed runs are nested right now."""
        self.queue: list[Any] = []
        """Effects painted since the last flush."""
        self.epoch = 0
        """Bumped by every signal write; versions and run stamps use it."""
        self.pending: dict[Any, tuple[Any, int, int]] = {}
        """Signals written in the current batch: (start value, start version, first epoch)."""
        self.reverted: list[Any] = []
        """Pending signals a later write set back to their start value (see ``settle_pending``)."""
        self.errors: list[BaseException] = []
        """Effect errors nobody handled, re-raised at the end of the flush."""
        self.thread: int | None = None
        """The thread that owns the graph (the first one to write or create an effect)."""
        self.debug = False
        self.in_loop = False
        """Whether an asyncio loop runs in this thread, as of the current flush.

        Effects mirror their owner into a ContextVar only then (see
        ``Effect._update``). Asking asyncio costs a call per effect run, so
        ``flush`` and ``Effect.__init__`` ask once and effects read this: a
        loop cannot start or stop between two effects of one flush (its
        ``run_*`` call would block inside an effect).
        """


RT = Runtime()
_get_ident = threading.get_ident


def check_thread() -> None:
    """Claim the graph for this thread, or fail if another thread owns it.

    Called before anything changes, so a refused write leaves the graph as it was.
    """
    ident = _get_ident()
    if RT.thread is None:
        RT.thread = ident
    elif RT.thread != ident:
        raise SignalError(
            f"the signal graph belongs to thread {_thread_name(RT.thread)}, and "
            f"{_thread_name(ident)} used it (nothing was changed); signals are "
            "single-threaded: hand the work to the owning thread and write there "
            "(in an App: app.call_soon_threadsafe(fn))"
        )


def set_graph_thread(ident: int | None) -> None:
    """Give the graph to thread `ident` (None: the next thread to use it claims it).

    A runtime gives it to its app thread when it starts, so a worker thread
    that happened to write first cannot take it, and releases it when it stops.
    """
    RT.thread = ident


def _thread_name(ident: int) -> str:
    for thread in threading.enumerate():
        if thread.ident == ident:
            return repr(thread.name)
    return str(ident)


def propagate(observers: Any) -> None:
    """Paint the direct readers of a written signal DIRTY, everything below CHECK.

    Queues the effects reached from CLEAN.
    """
    queue = RT.queue
    stack: list[Any] | None = None
    for node in observers:
        state = node._state
        if state is None:  # clean
            node._state = DIRTY
            below = node._observers
            if below is None:  # effects have no observers: they are leaves
                queue.append(node)
            elif below:  # (a computed nobody reads needs no stack)
                if stack is None:
                    stack = [below]
                else:
                    stack.append(below)
        elif state is CHECK:
            node._state = DIRTY  # already painted below and queued
    if stack is None:
        return
    # (Below the first level an empty observer list is pushed too: iterating
    # it costs less than testing every node's list for emptiness.)
    while stack:
        for node in stack.pop():
            if node._state is None:  # clean
                node._state = CHECK
                below = node._observers
                if below is None:
                    queue.append(node)
                else:
                    stack.append(below)


def refresh(node: Any) -> None:
    """Bring ``node`` up to date (see the module docstring).

    A CHECK node is walked recursively (``check_node``: Python calls cost less
    than an explicit stack of tuples) while the nesting budget lasts; below
    that, for an aborted first run, or after a ``TooDeep``, the iterative
    ``refresh_deep`` takes over.
    """
    rt = RT
    depth = rt.depth
    if node._state is CHECK and depth < RECURSIVE_DEPTH:
        try:
            check_node(node, depth + 1)
            return
        except TooDeep:
            if depth > MAX_NESTED_RUNS // 2:
                raise
            # Room here: what finished stays CLEAN; the walk below resumes the rest.
        finally:
            rt.depth = depth
    refresh_deep(node)


def check_node(node: Any, depth: int) -> None:
    """Refresh a CHECK node's sources in read order; re-run it if one changed.

    ``depth`` is the nesting this level of the walk stands for. Each level
    counts, so the Python stack stays bounded however deep the graph is (see
    ``MAX_NESTED_RUNS``); ``RT.depth`` is set to it only before something
    runs from here (cheaper than at every level), and ``refresh`` restores it.
    """
    ran = node._ran_at
    for src in node._sources:
        st = src._state
        if st is not None:  # not clean
            if st is CHECK and depth < RECURSIVE_DEPTH:
                check_node(src, depth + 1)
            else:
                RT.depth = depth
                if st is DIRTY and src._ran_at != ABORTED:
                    src._update()  # a direct reader of a written signal: no walk needed
                elif st is CHECK or st is DIRTY:  # too deep, or a first run cut short
                    refresh_deep(src)
                elif st is RUNNING:
                    raise CycleError(
                        f"{describe(src)} reads itself (directly or through other computeds)"
                    )
        if src._version > ran:
            break
    else:
        if node._state is CHECK:  # (a source's run may have disposed us: we stay so)
            node._state = None
        return
    state = node._state
    if state is CHECK or state is DIRTY:  # not disposed by a source's run
        RT.depth = depth
        node._update()


def refresh_deep(node: Any) -> None:
    """Bring ``node`` up to date without recursion (see the module docstring)."""
    stack: list[Any] | None = None  # allocated only when we must descend
    i = 0
    running = node  # the node whose run may be cut short by TooDeep
    while True:
        try:
            state = node._state
            if state is CHECK or (state is DIRTY and node._ran_at == ABORTED):
                sources = node._sources
                ran = node._ran_at
                n = len(sources)
                descended = False
                while i < n:
                    src = sources[i]
                    st = src._state
                    if st is None:  # clean, the common case first: wide nodes scan many
                        if src._version > ran and state is CHECK:
                            if node._state is not DISPOSED:
                                node._state = DIRTY
                            break
                        i += 1
                        continue
                    if st is DIRTY and src._ran_at != ABORTED:
                        # Direct reader of a written signal: run it right here, no descent.
                        running = src
                        src._update()
                        st = src._state
                    if st is CHECK or st is DIRTY:
                        if stack is None:
                            stack = [(node, i)]
                        else:
                            stack.append((node, i))
                        node = src
                        i = 0
                        descended = True
                        break
                    if st is RUNNING:
                        raise CycleError(
                            f"{describe(src)} reads itself (directly or through other computeds)"
                        )
                    if src._version > ran and state is CHECK:
                        # Running a source may have disposed us: then we stay so.
                        if node._state is not DISPOSED:
                            node._state = DIRTY
                        break
                    i += 1
                else:
                    if node._state is CHECK:
                        node._state = None
                if descended:
                    continue
            elif state is RUNNING:
                raise CycleError(
                    f"{describe(node)} reads itself (directly or through other computeds)"
                )
            if node._state is DIRTY:
                running = node
                node._update()
        except TooDeep:
            if RT.depth > MAX_NESTED_RUNS // 2:
                raise
            # Room here: ``running`` is now ABORTED and knows the sources its
            # cut-short run had read; walk into them iteratively.
            if running is not node:
                if stack is None:
                    stack = [(node, i)]
                else:
                    stack.append((node, i))
                node = running
            i = 0
            continue
        if not stack:
            return
        node, i = stack.pop()


def relink(node: Any, reads: list[Any]) -> None:
    """Make ``reads`` (what ``node``'s run read, in order) its sources.

    Called only when they differ from the previous sources. A source read
    again keeps its place in its observer list; a dropped one is
    unsubscribed, a new one subscribed, each once however often it was read.
    """
    old = node._sources
    n = len(reads)
    # A copy sized to fit (appends left the run's list with room to spare),
    # and no empty list kept per node that read nothing.
    node._sources = [reads[0]] if n == 1 else reads[:] if n else ()
    if not old:  # a first run: subscribe to everything
        for src in reads if n == 1 else dict.fromkeys(reads):  # (unique, in order)
            observers = src._observers
            if type(observers) is list:  # the common case of ``subscribe``, inlined
                observers.append(node)
            else:
                subscribe(src, node)
        return
    linked = set(old)
    kept = set(reads)
    for src in linked:
        if src not in kept:
            unsubscribe(src, node)
    for src in reads:
        if src not in linked:
            linked.add(src)
            subscribe(src, node)


def subscribe(src: Any, node: Any) -> None:
    """Add ``node`` to ``src``'s observers (see ``unsubscribe`` for their shape)."""
    observers = src._observers
    if type(observers) is list:
        observers.append(node)
    elif type(observers) is dict:
        observers[node] = None
    else:  # the empty tuple of a source nobody observed yet
        src._observers = [node]


def unsubscribe(src: Any, node: Any) -> None:
    """Remove ``node`` from ``src``'s observers in O(1) (tolerating disposed sources).

    Observers are a list: the cheapest to append to and to walk. Owners
    dispose what they own newest first, so the node is usually the last one
    and popping it is O(1). Removing from the middle of a list is O(n),
    though, so a list longer than ``LONG_OBSERVER_LIST`` turns into a dict
    (ordered like the list, O(1) removal) the first time that happens.
    """
    observers = src._observers
    # try/except rather than contextlib.suppress: this runs for every dropped
    # dependency and the context manager costs more than the removal itself.
    try:
        if type(observers) is not list:
            del observers[node]
        elif observers[-1] is node:
            observers.pop()
        elif len(observers) < LONG_OBSERVER_LIST:
            observers.remove(node)
        else:
            observers = dict.fromkeys(observers)
            del observers[node]
            src._observers = observers
    except (ValueError, IndexError, KeyError, TypeError):
        pass


def unlink_sources(node: Any) -> None:
    """Detach ``node`` from every source it reads."""
    sources = node._sources
    node._sources = ()
    if len(sources) == 1:
        src = sources[0]
        observers = src._observers
        if type(observers) is list and observers and observers[-1] is node:
            observers.pop()  # the common case of ``unsubscribe``, inlined
        else:
            unsubscribe(src, node)
    else:
        for src in dict.fromkeys(sources):  # a source read twice is linked once
            unsubscribe(src, node)


def describe(node: Any) -> str:
    """Name a node for error messages: its function and where it was created."""
    fn = getattr(node, "_fn", None)
    kind = type(node).__name__
    if fn is None:
        return f"{kind} {node!r}"
    name = getattr(fn, "__qualname__", repr(fn))
    code = getattr(fn, "__code__", None)
    where = f" ({code.co_filename}:{code.co_firstlineno})" if code is not None else ""
    from ._debug import creation_site

    site = creation_site(node)
    if site:
        where += f", created at {site}"
    return f"{kind} {name}{where}"
