"""`Store`: one app's key-value file, loaded once, written whole on every change.

Algorithm:

1. **Open** (`open_store`): read `<base>/<app id>/storage.json`, a JSON object
   `{"format": "marquee-storage", "schema": N, "values": {...}}`. A missing
   file is an empty store. A file that cannot be decoded, or whose shape is
   wrong, or whose schema is newer than the app's, is renamed aside
   (`storage.corrupt-1.json`, `storage.newer-1.json`, ...; never deleted), a
   `WARNING` naming both paths is logged, and the store starts empty
   (`Store.set_aside` says where the old file went).
2. **Migrate**: a file with an older schema goes through the app's
   `migrate(values, old_schema)`; the result is checked like any value and
   written back at once. Without `migrate`, an older file is a
   `MigrationError` (nothing is changed).
3. **Write** (`set`, `delete`, `update`): the value is checked and copied
   (`checked_copy`: JSON types only), the whole file is rewritten atomically
   (`_file.write_atomic`), and only then is the in-memory value changed and
   its signal set: a failed write raises and changes nothing.
4. **Signals**: `value(key, default)` gives a `StoredValue`, a signal view of
   one key; every view of a key shares one `Signal` per store, so a write
   through any view, or `set`, re-renders every reader.

A store belongs to the app thread (its signals do); one process writes it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Generic, TypeVar, cast, overload

from signals import ReadSignal, Signal

from ._file import default_base_dir, remove_stale_temps, set_aside, write_atomic
from ._values import JSONValue, StorageError, check_app_id, check_key, checked_copy

__all__ = [
    "FILE_NAME",
    "FORMAT",
    "Migration",
    "MigrationError",
    "Store",
    "StoredValue",
    "open_store",
]

logger = logging.getLogger(__name__)

FILE_NAME = "storage.json"
FORMAT = "marquee-storage"
"""The `format` field of a store's file."""

T = TypeVar("T")

Migration = Callable[[dict[str, JSONValue], int], Mapping[str, JSONValue]]
"""`migrate(values, old_schema)`: the values of an older file, as the current schema wants them."""


class MigrationError(StorageError):
    """The file's schema is older than the app's and no `migrate` turned it into the new one."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


class Store:
    """An app's stored values; open one with `open_store`.

    Example:
        ```python
        store = open_store("com.example.tv")
        store.set("volume", 60)
        store.get("volume", 50)      # 60, also after a restart
        ```
    """

    def __init__(self, path: Path, schema: int, values: dict[str, JSONValue],
                 set_aside: Path | None) -> None:
        self.path = path
        """The store's file."""
        self.schema = schema
        """The app's schema version, written into the file."""
        self.set_aside = set_aside
        """Where an unreadable file was moved when the store opened (None: nothing was)."""
        self._values = values
        self._signals: dict[str, Signal[object]] = {}

    # reading ---------------------------------------------------------------------------

    @overload
    def get(self, key: str) -> JSONValue: ...
    @overload
    def get(self, key: str, default: T) -> JSONValue | T: ...
    def get(self, key: str, default: object = None) -> object:
        """The stored value of `key` (a copy), or `default` when there is none (not tracked)."""
        value = self._values.get(check_key(key), _MISSING)
        return default if value is _MISSING else checked_copy(value, key)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def keys(self) -> Iterator[str]:
        """The keys that have a stored value."""
        return iter(list(self._values))

    def value(self, key: str, default: T) -> StoredValue[T]:
        """A signal view of `key`: reads are tracked, `set` stores (see `use_stored`).

        Raises:
            StoredValueError: a bad key, or a default the store could not keep.
        """
        checked_copy(default, f"the default of {key!r}")
        return StoredValue(self, check_key(key), default)

    # writing ---------------------------------------------------------------------------

    def set(self, key: str, value: object) -> None:
        """Stores `value` under `key` durably (the file is replaced before this returns).

        Raises:
            StoredValueError: `key` is not a short string, or `value` is not JSON-compatible.
            OSError: the file could not be written (nothing changed).
        """
        self.update({key: value})

    def update(self, values: Mapping[str, object]) -> None:
        """Stores several values with one write of the file."""
        checked = {check_key(k): checked_copy(v, f"value of {k!r}") for k, v in values.items()}
        self._commit({**self._values, **checked})

    def delete(self, key: str) -> None:
        """Removes `key` (readers see their default); nothing happens when it is not stored."""
        if check_key(key) in self._values:
            rest = dict(self._values)
            del rest[key]
            self._commit(rest)

    def _commit(self, values: dict[str, JSONValue]) -> None:
        data = {"format": FORMAT, "schema": self.schema, "values": values}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        old, self._values = self._values, values
        for key, signal in self._signals.items():
            new = values.get(key, _MISSING)
            if new != old.get(key, _MISSING):
                signal.set(checked_copy(new, key) if new is not _MISSING else _MISSING)

    def _signal(self, key: str) -> Signal[object]:
        signal = self._signals.get(key)
        if signal is None:
            value = self._values.get(key, _MISSING)
            signal = Signal(checked_copy(value, key) if value is not _MISSING else _MISSING,
                            equals=False)
            self._signals[key] = signal
        return signal

    def __repr__(self) -> str:
        return f"<Store {self.path} schema={self.schema} keys={len(self._values)}>"


class StoredValue(ReadSignal[T], Generic[T]):
    """A signal view of one stored key: a tracked read, and `set` that persists.

    Use it wherever a signal goes (a reactive prop, a computed, an effect).
    """

    __slots__ = ("_default", "_key", "_store")

    def __init__(self, store: Store, key: str, default: T) -> None:
        self._store = store
        self._key = key
        self._default = default

    def __call__(self) -> T:
        """The stored value, or the default; inside a computed or effect, subscribes to it."""
        value = self._store._signal(self._key)()
        return self._default if value is _MISSING else cast(T, value)

    def peek(self) -> T:
        """The value without subscribing."""
        value = self._store._signal(self._key).peek()
        return self._default if value is _MISSING else cast(T, value)

    def set(self, value: T) -> None:
        """Stores `value` (see `Store.set`); every reader of the key updates."""
        self._store.set(self._key, value)

    def update(self, fn: Callable[[T], T]) -> None:
        """Stores `fn(current value)`."""
        self.set(fn(self.peek()))

    def reset(self) -> None:
        """Deletes the stored value: readers see the default again."""
        self._store.delete(self._key)

    def __repr__(self) -> str:
        return f"StoredValue({self._key!r}, {self.peek()!r})"


def open_store(app_id: str, *, base_dir: str | Path | None = None, schema: int = 1,
               migrate: Migration | None = None) -> Store:
    """Opens (or starts) the store of `app_id` in `base_dir` (default `$XDG_DATA_HOME/marquee`).

    Args:
        app_id: the app's id, also its folder name (`com.example.tv`).
        base_dir: where app folders live; tests pass `tmp_path`.
        schema: the version of the app's stored data; bump it when their meaning
            changes and give `migrate`.
        migrate: `migrate(values, old_schema) -> values` for files of an older schema.

    Raises:
        StoredValueError: a bad app id.
        MigrationError: the file has an older schema and `migrate` is missing or failed.
    """
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise StorageError(f"open_store(schema=...) is a version number >= 1, got {schema!r}")
    folder = (Path(base_dir) if base_dir is not None else default_base_dir()) / check_app_id(app_id)
    path = folder / FILE_NAME
    remove_stale_temps(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Store(path, schema, {}, None)
    problem, file_schema, values = _decode(raw)
    if problem is None and file_schema > schema:
        problem = "newer"
    if problem is not None:
        aside = set_aside(path, problem)
        what = ("was written by a newer version of the app (schema "
                f"{file_schema} > {schema})" if problem == "newer" else "could not be read")
        logger.warning("%s %s; it was moved to %s and the app starts with its defaults",
                       path, what, aside)
        return Store(path, schema, {}, aside)
    store = Store(path, schema, values, None)
    if file_schema < schema:
        if migrate is None:
            raise MigrationError(f"{path} has schema {file_schema} and the app wants {schema}; "
                                 "pass open_store(..., migrate=fn) to convert the values")
        try:
            migrated = {check_key(k): checked_copy(v, f"migrated value of {k!r}")
                        for k, v in migrate(dict(values), file_schema).items()}
        except Exception as exc:
            raise MigrationError(f"migrate() failed on {path} (schema {file_schema} -> "
                                 f"{schema}): {exc}; the file is unchanged") from exc
        store._commit(migrated)  # one write, with the new schema
    return store


def _decode(raw: bytes) -> tuple[str | None, int, dict[str, JSONValue]]:
    """(problem, schema, values) of a file's bytes; problem "corrupt" when unusable."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "corrupt", 0, {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return "corrupt", 0, {}
    schema, values = data.get("schema"), data.get("values")
    if isinstance(schema, bool) or not isinstance(schema, int) or not isinstance(values, dict):
        return "corrupt", 0, {}
    try:
        checked = {check_key(k): checked_copy(v, k) for k, v in values.items()}
    except StorageError:
        return "corrupt", 0, {}
    return None, schema, checked
