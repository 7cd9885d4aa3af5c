"""A small grapheme-cluster segmenter: what a viewer sees as one character.

The caret of a `TextField` moves, and delete removes, one *grapheme cluster*
at a time (Unicode UAX #29), not one code point: `e` + a combining acute is
one character on screen, so is a family emoji joined by ZWJs, a flag made of
two regional indicators, or a Hangul syllable spelled as jamo. The venv has
no grapheme library, so this implements the subset of UAX #29's rules that
covers those cases, with `unicodedata` for the categories:

1. never break inside CR LF;
2. never break before an extender: a combining mark (categories Mn, Me, Mc),
   ZWJ (U+200D), a variation selector, an emoji skin-tone modifier or a tag
   character (subdivision flags);
3. never break after ZWJ before a pictographic character (emoji sequences);
4. regional indicators pair up: a flag is two of them;
5. Hangul jamo join into syllables: L x (L V LV LVT), (LV V) x (V T),
   (LVT T) x T;
6. break everywhere else.

Prepend characters and the Indic conjunct rule (GB9c) are not covered: the
bundled fonts draw none of those scripts.
"""

from __future__ import annotations

import itertools
import unicodedata

__all__ = ["boundaries", "graphemes"]

_ZWJ = 0x200D


def _extends(cp: int) -> bool:
    if cp == _ZWJ or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return True
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:
        return True
    return unicodedata.category(chr(cp)) in ("Mn", "Me", "Mc")


def _pictographic(cp: int) -> bool:
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2300 <= cp <= 0x23FF
            or unicodedata.category(chr(cp)) == "So")


def _regional(cp: int) -> bool:
    return 0x1F1E6 <= cp <= 0x1F1FF


def _hangul(cp: int) -> str:
    """The Hangul syllable type: L, V, T, LV, LVT, or '' for anything else."""
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return "L"
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return "V"
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return "T"
    if 0xAC00 <= cp <= 0xD7A3:
        return "LV" if (cp - 0xAC00) % 28 == 0 else "LVT"
    return ""


def _joins(before: str, after: str, regional_run: int) -> bool:
    """Whether there is no boundary between code points `before` and `after`."""
    a, b = ord(before), ord(after)
    if a == 0x0D and b == 0x0A:
        return True
    if a in (0x0A, 0x0D) or b in (0x0A, 0x0D):
        return False
    if _extends(b):
        return True
    if a == _ZWJ and _pictographic(b):
        return True
    if _regional(a) and _regional(b):
        return regional_run % 2 == 1
    ha, hb = _hangul(a), _hangul(b)
    if ha == "L" and hb in ("L", "V", "LV", "LVT"):
        return True
    if ha in ("LV", "V") and hb in ("V", "T"):
        return True
    return ha in ("LVT", "T") and hb == "T"


def boundaries(text: str) -> list[int]:
    """The code-point offsets where clusters start, plus `len(text)` (`[0, ..., len]`).

    Example:
        ```python
        boundaries("e\\u0301a")   # [0, 2, 3]: é (two code points), then a
        ```
    """
    out = [0]
    regional_run = 0
    for i in range(1, len(text)):
        regional_run = regional_run + 1 if _regional(ord(text[i - 1])) else 0
        if not _joins(text[i - 1], text[i], regional_run):
            out.append(i)
    if text:
        out.append(len(text))
    return out


def graphemes(text: str) -> list[str]:
    """`text` split into grapheme clusters.

    Example:
        ```python
        graphemes("🇫🇷🇩🇪")        # ['🇫🇷', '🇩🇪']
        ```
    """
    cuts = boundaries(text)
    return [text[a:b] for a, b in itertools.pairwise(cuts)]
