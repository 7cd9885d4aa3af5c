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
3. N0: bracket pairs (BD16, from Unicode's BidiBrackets.txt, `_BRACKETS`)
   take the embedding direction when it occurs strongly inside them, else the
   opposite direction inside when the context before the opening bracket has
   it too; NSMs after a changed bracket follow it.
4. N1/N2: neutrals between two strong types of the same direction take it
   (numbers count as R), the others the embedding direction.
5. I1/I2, then L1 (segment separators, and whitespace at the line end or
   before a segment separator, go back to the paragraph level).

`python -m benchmarks.bidi_conformance` checks this against Unicode's
`BidiCharacterTest.txt` and prints the pass rate and the kinds of misses.
"""

from __future__ import annotations

import unicodedata

__all__ = ["levels", "paragraph_level", "visual_runs"]

_STRONG_R = frozenset(("R", "AL"))

_BRACKETS: dict[int, int] = {
    0x0028: 0x0029, 0x005B: 0x005D, 0x007B: 0x007D, 0x0F3A: 0x0F3B, 0x0F3C: 0x0F3D, 0x169B:
    0x169C, 0x2045: 0x2046, 0x207D: 0x207E, 0x208D: 0x208E, 0x2308: 0x2309, 0x230A: 0x230B,
    0x2329: 0x232A, 0x2768: 0x2769, 0x276A: 0x276B, 0x276C: 0x276D, 0x276E: 0x276F, 0x2770:
    0x2771, 0x2772: 0x2773, 0x2774: 0x2775, 0x27C5: 0x27C6, 0x27E6: 0x27E7, 0x27E8: 0x27E9,
    0x27EA: 0x27EB, 0x27EC: 0x27ED, 0x27EE: 0x27EF, 0x2983: 0x2984, 0x2985: 0x2986, 0x2987:
    0x2988, 0x2989: 0x298A, 0x298B: 0x298C, 0x298D: 0x2990, 0x298F: 0x298E, 0x2991: 0x2992,
    0x2993: 0x2994, 0x2995: 0x2996, 0x2997: 0x2998, 0x29D8: 0x29D9, 0x29DA: 0x29DB, 0x29FC:
    0x29FD, 0x2E22: 0x2E23, 0x2E24: 0x2E25, 0x2E26: 0x2E27, 0x2E28: 0x2E29, 0x2E55: 0x2E56,
    0x2E57: 0x2E58, 0x2E59: 0x2E5A, 0x2E5B: 0x2E5C, 0x3008: 0x3009, 0x300A: 0x300B, 0x300C:
    0x300D, 0x300E: 0x300F, 0x3010: 0x3011, 0x3014: 0x3015, 0x3016: 0x3017, 0x3018: 0x3019,
    0x301A: 0x301B, 0xFE59: 0xFE5A, 0xFE5B: 0xFE5C, 0xFE5D: 0xFE5E, 0xFF08: 0xFF09, 0xFF3B:
    0xFF3D, 0xFF5B: 0xFF5D, 0xFF5F: 0xFF60, 0xFF62: 0xFF63,
}
"""Opening bracket -> closing bracket (Bidi_Paired_Bracket_Type open)."""
_CLOSERS = {close: open_ for open_, close in _BRACKETS.items()}
_CANONICAL = {0x2329: 0x3008, 0x232A: 0x3009}
"""Brackets that match their canonical equivalents."""
_MAX_BRACKET_DEPTH = 63
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
    # N0
    _bracket_pairs(text, types, "R" if par & 1 else "L", sos)
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


def _strong(t: str) -> str | None:
    if t == "L":
        return "L"
    if t in ("R", "EN", "AN"):
        return "R"
    return None


def _pairs(text: str, types: list[str]) -> list[tuple[int, int]]:
    """Bracket pairs by BD16 (opening index, closing index), sorted by opening."""
    stack: list[tuple[int, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if types[i] != "ON":
            continue
        cp = _CANONICAL.get(ord(ch), ord(ch))
        if ord(ch) in _BRACKETS:
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((_CANONICAL.get(_BRACKETS[ord(ch)], _BRACKETS[ord(ch)]), i))
        elif ord(ch) in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == cp:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _bracket_pairs(text: str, types: list[str], embedding: str, sos: str) -> None:
    """Rule N0 on `types` (in place)."""
    original = None
    for open_, close in _pairs(text, types):
        inside = {_strong(t) for t in types[open_ + 1:close]} - {None}
        if not inside:
            continue
        if embedding in inside:
            chosen = embedding
        else:
            before = sos
            for k in range(open_ - 1, -1, -1):
                found = _strong(types[k])
                if found is not None:
                    before = found
                    break
            chosen = before if before != embedding else embedding
        for at in (open_, close):
            types[at] = chosen
            if original is None:
                original = [unicodedata.bidirectional(ch) for ch in text]
            k = at + 1
            while k < len(text) and original[k] in ("NSM", "BN"):  # X9 removes BN
                if original[k] == "NSM":
                    types[k] = chosen
                k += 1
