"""Context: values provided by an owner to every owner created below it."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ._errors import SignalError
from ._owner import current_owner

__all__ = ["Context", "create_context", "provide_context", "use_context"]

T = TypeVar("T")


class Context(Generic[T]):
    """A key for ``provide_context`` / ``use_context`` with a default value."""

    __slots__ = ("default", "name")

    def __init__(self, default: T, name: str = "context") -> None:
        """Create a context whose ``use_context`` returns ``default`` when absent."""
        self.default = default
        self.name = name

    def __repr__(self) -> str:
        return f"Context({self.name!r}, default={self.default!r})"


def create_context(default: T, name: str = "context") -> Context[T]:
    """Create a ``Context`` with ``default`` as its value where nothing is provided."""
    return Context(default, name)


def provide_context(context: Context[T], value: T) -> None:
    """Make ``value`` the value of ``context`` in the current owner and below.

    Raises:
        SignalError: there is no current owner.
    """
    owner = current_owner()
    if owner is None:
        raise SignalError(
            f"provide_context({context.name}) was called outside any owner; call it inside "
            "create_root(), an effect or a component so descendants can see it"
        )
    if owner._context is None:
        owner._context = {}
    owner._context[context] = value


def use_context(context: Context[T]) -> T:
    """The nearest value provided for ``context`` above the current owner, or its default."""
    owner: Any = current_owner()
    while owner is not None:
        ctx = owner._context
        if ctx is not None and context in ctx:
            return ctx[context]  # type: ignore[no-any-return]
        owner = owner._parent
    return context.default
