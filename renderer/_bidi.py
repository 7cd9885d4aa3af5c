"""Bidirectional levels (a subset of UAX #9) and the visual order of one line.

The painter draws each TEXT record (one finished line, in logical order) in
visual order: `levels` resolves an embedding level per character, `visual_runs`
cuts the line into runs of one level and orders them by rule L2.

Covered, for a paragraph without explicit embedding, override or isolate
controls (which are treated as boundary neutrals):

1. P2/P3: the paragraph level is that of the first strong character (L -> 0,
   R/AL -> 1), or `base` when given.
2. W1-W7 over the paragraph as one level run (NSM takes the previous type;
   EN after AL becomes AN; AL becomes R; single ES/CS between numbers; ET next
   to EN; the remaining separators become ON; EN after L becomes L).
3. N1/N2: neutrals between two strong types of the same direction take it
   (numbers count as R), the others the embedding direction. Bracket pairs
   (N0) are not matched.
4. I1/I2, then L1 (segment separators, and whitespace at the line end or
   before a segment separator, go back to the paragraph level).

`python -m benchmarks.bidi_conformance` checks this against Unicode's
`BidiCharacterTest.txt` and prints the pass rate and the kinds of misses.
"""

from __future__ import annotations

import unicodedata

__all__ = ["levels", "paragraph_level", "visual_runs"]

_STRONG_R = frozenset(("R", "AL"))
_NEUTRAL = frozenset(("B", "S", "WS", "ON", "BN", "LRI", "RLI", "FSI", "PDI",
                      "LRE", "RLE", "LRO", "RLO", "PDF"))


def paragraph_level(text: str) -> int | None:
    """0 or 1 from the first strong character (P2/P3); None when there is none."""
    for ch in text:
        t = unicodedata.bidirectional(ch)
        if t == "L":
            return 0
        if t in _STRONG_R:
            return 1
    return None


def levels(text: str, base: int | None = None) -> tuple[int, list[int]]:
    """The paragraph level and each character's level (see the module doc)."""
    par = base if base is not None else (paragraph_level(text) or 0)
    n = len(text)
    types = [unicodedata.bidirectional(ch) or "L" for ch in text]
    sos = "R" if par & 1 else "L"
    # W1
    prev = sos
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = prev
        elif t not in ("BN",):
            prev = t
    # W2, W3
    last = sos
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            last = t
        if t == "EN" and last == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4
    for i in range(1, n - 1):
        t = types[i]
        if t == "ES" and types[i - 1] == "EN" == types[i + 1]:
            types[i] = "EN"
        elif t == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
            i = j
        else:
            i += 1
    # W6
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7
    last = sos
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last = t
        elif t == "EN" and last == "L":
            types[i] = "L"
    # N1, N2
    def strong(t: str) -> str | None:
        if t == "L":
            return "L"
        if t in ("R", "EN", "AN"):
            return "R"
        return None
    i = 0
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = strong(types[i - 1]) if i > 0 else sos
            after = strong(types[j]) if j < n else sos
            fill = before if before == after and before is not None else sos
            for k in range(i, j):
                types[k] = fill
            i = j
        else:
            i += 1
    # I1, I2
    out: list[int] = []
    for t in types:
        if par & 1 == 0:
            out.append(par + (1 if t == "R" else 2 if t in ("AN", "EN") else 0))
        else:
            out.append(par + (1 if t in ("L", "EN", "AN") else 0))
    # L1
    original = [unicodedata.bidirectional(ch) for ch in text]
    trailing = True
    for i in range(n - 1, -1, -1):
        t = original[i]
        if t in ("S", "B"):
            out[i] = par
            trailing = True
        elif trailing and t in ("WS", "BN", "LRE", "RLE", "LRO", "RLO", "PDF",
                                "LRI", "RLI", "FSI", "PDI"):
            out[i] = par
        else:
            trailing = False
    return par, out


def visual_runs(line_levels: list[int]) -> list[tuple[int, int, int]]:
    """`(start, end, level)` runs of one line in visual order (rule L2).

    Runs are maximal spans of one level, in logical index ranges; an odd
    level's run is drawn right to left inside itself.
    """
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(line_levels) + 1):
        if i == len(line_levels) or line_levels[i] != line_levels[start]:
            runs.append((start, i, line_levels[start]))
            start = i
    if not runs:
        return runs
    highest = max(level for _, _, level in runs)
    lowest_odd = min((level for _, _, level in runs if level & 1), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs
