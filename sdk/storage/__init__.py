"""Per-app storage: typed values that survive restarts, and signals over them.

`sdk.storage` keeps an app's small settings (volume, language, last profile)
in one JSON file per app, `$XDG_DATA_HOME/marquee/<app id>/storage.json`.
Values are JSON-compatible and checked when written; every write replaces the
file atomically (a crash leaves the old or the new content, never half of
one); a schema version with a migration hook carries old files forward; an
unreadable file is moved aside with a warning and the app starts with its
defaults. The algorithm is at the top of `_store.py`.

This wing imports `signals` and `sdk.reconciler` (for the hook) only.

Example:
    ```python
    from sdk import component
    from sdk.storage import open_store, provide_store, use_stored

    @component
    def Root():
        provide_store(open_store("com.example.tv"))
        return VolumeRow()

    @component
    def VolumeRow():
        volume = use_stored("volume", 50)
        return Text(lambda: f"Volume {volume()}")
    ```
"""

from ._hooks import StoreContext as StoreContext
from ._hooks import provide_store as provide_store
from ._hooks import use_stored as use_stored
from ._store import FILE_NAME as FILE_NAME
from ._store import Migration as Migration
from ._store import MigrationError as MigrationError
from ._store import Store as Store
from ._store import StoredValue as StoredValue
from ._store import open_store as open_store
from ._values import JSONValue as JSONValue
from ._values import StorageError as StorageError
from ._values import StoredValueError as StoredValueError

__all__ = [
    "FILE_NAME",
    "JSONValue",
    "Migration",
    "MigrationError",
    "StorageError",
    "Store",
    "StoreContext",
    "StoredValue",
    "StoredValueError",
    "open_store",
    "provide_store",
    "use_stored",
]
