"""Line-break opportunities (UAX #14, with dictionary breaks for Thai) from ICU.

`break_flags(text)` returns, per character, whether a line may break before
it. `FontSet` sends them in `SHAPED_TEXT` records, and the engine then breaks
that string only there (instead of its built-in rule of spaces, hyphens and
ideographs). ICU is PyICU built against Debian's `libicu-dev`; without it
(`available()` is false) shaped strings keep the engine's built-in rule.

`MARQUEE_PURE=1 .venv/bin/python -m benchmarks.linebreak_conformance` checks
this against Unicode's `LineBreakTest.txt` and prints the pass rate.
"""

from __future__ import annotations

from typing import Any

__all__ = ["available", "break_flags", "break_positions"]

try:  # PyICU ships no type information
    import icu as _icu_module  # type: ignore[import-not-found,import-untyped,unused-ignore]
except ImportError:  # pragma: no cover - depends on the machine's set-up
    _icu: Any = None
else:
    _icu = _icu_module

_iterator: Any = None


def available() -> bool:
    """Whether ICU's line breaker can be used."""
    return _icu is not None


def break_positions(text: str) -> list[int]:
    """Character indices where a line may break (before that character; the
    end of the text included), by ICU's line `BreakIterator` (root locale)."""
    global _iterator
    if _icu is None:
        raise RuntimeError("PyICU is not installed: run ./dev setup (it builds it)")
    if _iterator is None:
        _iterator = _icu.BreakIterator.createLineInstance(_icu.Locale.getRoot())
    _iterator.setText(_icu.UnicodeString(text))
    # ICU offsets count UTF-16 code units: map them back to characters.
    utf16_to_char: dict[int, int] = {}
    unit = 0
    for index, ch in enumerate(text):
        utf16_to_char[unit] = index
        unit += 2 if ord(ch) > 0xFFFF else 1
    utf16_to_char[unit] = len(text)
    return [utf16_to_char[offset] for offset in _iterator if offset in utf16_to_char]


def break_flags(text: str) -> list[bool]:
    """Per character: whether a line may break before it (never before the first)."""
    flags = [False] * len(text)
    for position in break_positions(text):
        if 0 < position < len(text):
            flags[position] = True
    return flags
