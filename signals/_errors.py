"""The exceptions raised by the reactive core."""

from __future__ import annotations

__all__ = ["CycleError", "SignalError"]


class SignalError(RuntimeError):
    """A signal, computed or effect was used in a way the graph cannot honour.

    The message says what was wrong and what to do instead.
    """


class CycleError(SignalError):
    """The graph does not settle.

    Raised when a computed reads itself (directly or through other computeds),
    or when effects keep re-triggering each other past the re-run limit.
    """
