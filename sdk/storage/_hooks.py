"""`provide_store` and `use_stored`: a store for the components below, and a signal per key."""

from __future__ import annotations

from typing import TypeVar

from signals import Context, create_context, provide_context

from ..reconciler import use_context
from ._store import Store, StoredValue
from ._values import StorageError

__all__ = ["StoreContext", "provide_store", "use_stored"]

T = TypeVar("T")

StoreContext: Context[Store | None] = create_context(None, "store")
"""The store `use_stored` reads (set with `provide_store`)."""


def provide_store(store: Store) -> None:
    """Makes `store` the one `use_stored` uses in this component and below.

    Example:
        ```python
        @component
        def Root():
            provide_store(open_store("com.example.tv"))
            return Settings()
        ```
    """
    if not isinstance(store, Store):
        raise TypeError(f"provide_store() takes a Store (open_store(...)), got {store!r}")
    provide_context(StoreContext, store)


def use_stored(key: str, default: T, *, store: Store | None = None) -> StoredValue[T]:
    """A hook: the stored value of `key` as a signal; writing it stores it.

    Reads are tracked like a signal's (a reactive prop, a computed); `set`
    and `update` write the store's file before they return, and every
    component reading the key updates.

    Example:
        ```python
        volume = use_stored("volume", 50)
        Text(lambda: f"Volume {volume()}")
        Button("+", on_press=lambda: volume.update(lambda v: min(v + 10, 100)))
        ```

    Raises:
        StorageError: no store was provided above (and none passed as `store=`).
    """
    provided = use_context(StoreContext)
    chosen = store if store is not None else provided
    if chosen is None:
        raise StorageError(f"use_stored({key!r}) found no store: call "
                           "provide_store(open_store('com.example.tv')) in a component above, "
                           "or pass store=")
    return chosen.value(key, default)
