"""String ids for text content and string properties.

The engine copies a string when `SET_TEXT` or a string property uses it, so a
string id is only a transport: it may be released right after use. Keeping
the recently used ones defined saves bytes when the same text comes back
("Play" on 200 buttons, a label toggling between two values); an LRU bound on
both the count and the UTF-8 bytes keeps a clock that shows a new string every
second, or a feed of long descriptions, from growing memory (here and in the
engine, which holds a copy of every defined string).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from renderer import CommandBuffer
from renderer.lowlevel import MAX_PAYLOAD, Opcode

from ._native import speedups

__all__ = ["STRING_CACHE_BYTES", "STRING_CACHE_SIZE", "StringTable"]

STRING_CACHE_SIZE = 4096
"""How many recently used strings stay defined in the engine. Each costs about
200 bytes (the host entry and the engine's copy in Wasm memory); 4096 keep a
list's repeating labels defined (the keyed benchmark's 1,000-row table sends
fewer string commands than the hand-written app with them) for under 1 MB.
A once-a-second clock fills the table in 68 minutes, after which it is flat."""

STRING_CACHE_BYTES = 1024 * 1024
"""How many UTF-8 bytes of recently used strings stay defined in the engine
(bounds a feed of long descriptions, which the count alone would not)."""

_KEEP_NEWEST = 8
"""Entries the byte bound never evicts: one `SET_PROPS` resolves its string
properties (at most two) before the command is written, so an id handed out a
moment ago must stay defined until then, however long the next string is."""


class StringTable:
    """Interns strings as protocol string ids, defining and releasing them in a buffer.

    Args:
        capacity: most strings kept defined (>= 1).
        glyphs: `glyphs(text)` returns `FONT_GLYPHS` commands for characters
            the engine lacks.
        max_bytes: most UTF-8 bytes kept defined (>= 1); the newest few
            strings stay defined even when they alone exceed it.

    Raises:
        ValueError: a bound below 1.
    """

    __slots__ = ("_bytes", "_capacity", "_glyphs", "_ids", "_max_bytes", "_next", "_spare",
                 "evictions")

    def __init__(self, capacity: int = STRING_CACHE_SIZE,
                 glyphs: Callable[[str], bytes] | None = None,
                 max_bytes: int = STRING_CACHE_BYTES) -> None:
        if capacity < 1 or max_bytes < 1:
            raise ValueError(f"a string table needs capacity >= 1 and max_bytes >= 1, "
                             f"got capacity={capacity!r}, max_bytes={max_bytes!r}")
        self._capacity = capacity
        self._max_bytes = max_bytes
        self._glyphs = glyphs
        self._ids: OrderedDict[str, int] = OrderedDict()  # text -> id, oldest first
        self._bytes = 0
        self._next = 1
        self._spare: list[int] = []
        self.evictions = 0
        """Strings released to stay within the bounds (> 0: the table is full)."""

    def id_for(self, text: str, buf: CommandBuffer) -> int:
        """The id of `text`, defined in `buf` first if it is not defined yet."""
        ids = self._ids
        sid = ids.get(text)
        if sid is not None:
            ids.move_to_end(text)
            return sid
        return self._define(text, buf)

    def _define(self, text: str, buf: CommandBuffer) -> int:
        size = _checked_size(text)  # a string the engine would refuse changes nothing
        extra = self._glyphs(text) if self._glyphs is not None else b""
        ids = self._ids
        if len(ids) >= self._capacity:  # a full table: the oldest id serves the new text
            old_text, sid = ids.popitem(last=False)
            self._bytes -= _utf8_size(old_text)
            self.evictions += 1
            buf.release_string(sid)
        elif self._spare:
            sid = self._spare.pop()
        else:
            sid = self._next
            self._next += 1
        if extra:
            buf.extend(extra)
        buf.define_string(sid, text)
        ids[text] = sid
        self._bytes += size
        while self._bytes > self._max_bytes and len(ids) > _KEEP_NEWEST:
            self._evict_oldest(buf)
        return sid

    def _evict_oldest(self, buf: CommandBuffer) -> None:
        old_text, old = self._ids.popitem(last=False)
        self._bytes -= _utf8_size(old_text)
        self.evictions += 1
        buf.release_string(old)
        self._spare.append(old)

    def forget_all(self) -> None:
        """Forget every definition (a fresh engine knows none of them)."""
        self._ids.clear()
        self._spare.clear()
        self._bytes = 0
        self._next = 1

    @property
    def capacity(self) -> int:
        """The most strings kept defined."""
        return self._capacity

    @property
    def max_bytes(self) -> int:
        """The most UTF-8 bytes kept defined (the newest few excepted)."""
        return self._max_bytes

    @property
    def byte_size(self) -> int:
        """UTF-8 bytes of the strings defined now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._ids)


def _utf8_size(text: str) -> int:
    """UTF-8 bytes of a defined `text` (recomputed on eviction: cheaper than storing it)."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _checked_size(text: str) -> int:
    """UTF-8 bytes of `text`, if `DEFINE_STRING` can carry it.

    Raises:
        UnicodeEncodeError: `text` has a lone surrogate.
        ValueError: `text` is longer than a command's payload allows.
    """
    size = _utf8_size(text)
    if size > MAX_PAYLOAD - 4:
        raise ValueError(f"DEFINE_STRING: a string of {size} UTF-8 bytes is too long "
                         f"(at most {MAX_PAYLOAD - 4})")
    return size


if not TYPE_CHECKING and speedups is not None:  # the compiled build: the same table in C
    speedups.install_strings(int(Opcode.RELEASE_STRING) | 4 << 8, int(Opcode.SET_TEXT) | 8 << 8,
                             int(Opcode.DEFINE_STRING), MAX_PAYLOAD, _KEEP_NEWEST)
    StringTable = speedups.StringTable
