"""What may be stored: JSON-compatible values under short string keys, checked on the way in."""

from __future__ import annotations

import math
import re
from typing import TypeAlias

__all__ = ["MAX_KEY_LENGTH", "JSONValue", "StorageError", "StoredValueError", "check_key",
           "checked_copy"]

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"
"""A value a store keeps: what JSON can hold and give back as the same Python value."""

MAX_KEY_LENGTH = 200
_APP_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class StorageError(Exception):
    """Something went wrong with an app's stored values."""


class StoredValueError(StorageError, ValueError):
    """A key or value the store cannot keep; the message names it and says what fits."""


def check_key(key: object) -> str:
    """`key` if it is a usable key: a non-empty string of at most `MAX_KEY_LENGTH` characters."""
    if not isinstance(key, str):
        raise StoredValueError(f"storage keys are strings, got {key!r}")
    if not key or len(key) > MAX_KEY_LENGTH:
        raise StoredValueError(f"storage keys are 1..{MAX_KEY_LENGTH} characters, got {key!r}")
    return key


def check_app_id(app_id: object) -> str:
    """`app_id` if it can name a folder safely (`com.example.tv`: letters, digits, `._-`)."""
    if not isinstance(app_id, str) or not _APP_ID.fullmatch(app_id) or ".." in app_id:
        raise StoredValueError(
            f"app ids are 1..128 letters, digits, '.', '_' or '-' starting with a letter or "
            f"digit (like 'com.example.tv'), got {app_id!r}")
    return app_id


def checked_copy(value: object, where: str) -> JSONValue:
    """A private copy of `value`, or `StoredValueError` naming the first part JSON cannot keep.

    Tuples, sets, bytes, NaN, infinities and non-string dict keys are refused:
    they would not come back as the same Python value.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoredValueError(f"{where} is {value!r}; stored numbers must be finite")
        return value
    if isinstance(value, list):
        return [checked_copy(item, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, dict):
        out: dict[str, JSONValue] = {}
        for k, item in value.items():
            if not isinstance(k, str):
                raise StoredValueError(f"{where} has the key {k!r}; stored dicts have string keys")
            out[k] = checked_copy(item, f"{where}[{k!r}]")
        return out
    hint = " (use a list)" if isinstance(value, tuple | set | frozenset) else ""
    raise StoredValueError(
        f"{where} is a {type(value).__name__}{hint}; a store keeps None, bool, int, float, str, "
        "and lists and dicts (string keys) of those")
