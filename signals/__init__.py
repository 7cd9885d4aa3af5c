"""Marquee's reactive core: signals, computeds, effects, owners and context.

This package is the bottom layer. It imports nothing of Marquee's (only the
standard library and, for the bridge, reactivex). Everything else - components,
async tasks, the runtime - is built on it.

The propagation algorithm is described at the top of ``_graph.py``; the
public guide is ``docs/signals.md``. The graph is single-threaded: it belongs
to the first thread that writes a signal, creates an effect or root, or opens
a batch (an ``App`` gives it to its app thread: ``set_graph_thread``); doing
any of these from another thread raises ``SignalError`` and changes nothing.
"""

from ._batch import batch as batch
from ._batch import untrack as untrack
from ._binding import Binding as Binding
from ._computed import Computed as Computed
from ._computed import computed as computed
from ._context import Context as Context
from ._context import create_context as create_context
from ._context import provide_context as provide_context
from ._context import use_context as use_context
from ._debug import SignalWarning as SignalWarning
from ._debug import is_debug as is_debug
from ._debug import set_debug as set_debug
from ._effect import Effect as Effect
from ._effect import effect as effect
from ._errors import CycleError as CycleError
from ._errors import SignalError as SignalError
from ._graph import set_graph_thread as set_graph_thread
from ._observable import ObservableSignal as ObservableSignal
from ._observable import from_observable as from_observable
from ._observable import to_observable as to_observable
from ._owner import Owner as Owner
from ._owner import catch_error as catch_error
from ._owner import create_root as create_root
from ._owner import get_owner as get_owner
from ._owner import on_cleanup as on_cleanup
from ._owner import route_error as route_error
from ._owner import run_with_owner as run_with_owner
from ._reaction import Reaction as Reaction
from ._reactive import Reactive as Reactive
from ._selector import selector as selector
from ._signal import ReadSignal as ReadSignal
from ._signal import Signal as Signal
from ._signal import signal as signal

__all__ = [
    "Binding",
    "Computed",
    "Context",
    "CycleError",
    "Effect",
    "ObservableSignal",
    "Owner",
    "Reaction",
    "Reactive",
    "ReadSignal",
    "Signal",
    "SignalError",
    "SignalWarning",
    "batch",
    "catch_error",
    "computed",
    "create_context",
    "create_root",
    "effect",
    "from_observable",
    "get_owner",
    "is_debug",
    "on_cleanup",
    "provide_context",
    "route_error",
    "run_with_owner",
    "selector",
    "set_debug",
    "set_graph_thread",
    "signal",
    "to_observable",
    "untrack",
    "use_context",
]
