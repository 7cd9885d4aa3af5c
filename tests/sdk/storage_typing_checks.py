"""Static type expectations for `sdk.storage`, checked by test_storage.py with mypy.

Not a test module: nothing here runs under pytest.
"""

from __future__ import annotations

from typing import assert_type

from sdk.storage import JSONValue, StoredValue, open_store, use_stored

store = open_store("com.example.tv", base_dir="/tmp/never-written")
assert_type(store.value("volume", 50), StoredValue[int])
assert_type(store.value("volume", 50)(), int)
assert_type(store.value("recent", [""]).peek(), list[str])
assert_type(store.get("volume"), JSONValue)
assert_type(store.get("volume", 50), JSONValue | int)
assert_type(use_stored("subtitles", False), StoredValue[bool])
