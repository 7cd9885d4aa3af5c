"""String ids for text content and string properties.

The engine copies a string when `SET_TEXT` or a string property uses it, so a
string id is only a transport: it may be released right after use. Keeping
the recently used ones defined saves bytes when the same text comes back
("Play" on 200 buttons, a label toggling between two values); an LRU bound
keeps a clock that shows a new string every second from growing memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from renderer import CommandBuffer

__all__ = ["STRING_CACHE_SIZE", "StringTable"]

STRING_CACHE_SIZE = 4096
"""How many recently used strings stay defined in the engine."""


class StringTable:
    """Interns strings as protocol string ids, defining and releasing them in a buffer."""

    __slots__ = ("_capacity", "_glyphs", "_ids", "_next", "_spare")

    def __init__(self, capacity: int = STRING_CACHE_SIZE,
                 glyphs: Callable[[str], bytes] | None = None) -> None:
        """`glyphs(text)` returns `FONT_GLYPHS` commands for characters the engine lacks."""
        self._capacity = capacity
        self._glyphs = glyphs
        self._ids: OrderedDict[str, int] = OrderedDict()
        self._next = 1
        self._spare: list[int] = []

    def id_for(self, text: str, buf: CommandBuffer) -> int:
        """The id of `text`, defined in `buf` first if it is not defined yet."""
        ids = self._ids
        sid = ids.get(text)
        if sid is not None:
            ids.move_to_end(text)
            return sid
        if len(ids) >= self._capacity:
            _, old = ids.popitem(last=False)
            buf.release_string(old)
            self._spare.append(old)
        if self._spare:
            sid = self._spare.pop()
        else:
            sid = self._next
            self._next += 1
        if self._glyphs is not None:
            extra = self._glyphs(text)
            if extra:
                buf.extend(extra)
        buf.define_string(sid, text)
        ids[text] = sid
        return sid

    def forget_all(self) -> None:
        """Forget every definition (a fresh engine knows none of them)."""
        self._ids.clear()
        self._spare.clear()
        self._next = 1

    def __len__(self) -> int:
        return len(self._ids)
