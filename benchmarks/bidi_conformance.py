"""Checks `renderer._bidi` against Unicode's BidiCharacterTest.txt.

    MARQUEE_PURE=1 .venv/bin/python -m benchmarks.bidi_conformance [path]

The file comes with Debian's `unicode-data` (`./dev setup` installs it). A
line passes when every resolved level matches (levels marked `x`, characters
removed by rule X9, are not compared). Prints the pass rate, and the misses
grouped by what the line contains that `_bidi` does not cover.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from renderer.lowlevel import bidi_levels as levels

DEFAULT = Path("/usr/share/unicode/BidiCharacterTest.txt")
_EXPLICIT = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
_BRACKETS = set("()[]{}\u2329\u232a\u3008\u3009")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    total = passed = 0
    misses: Counter[str] = Counter()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        fields = raw.split(";")
        cps = [int(c, 16) for c in fields[0].split()]
        direction = int(fields[1])
        want = fields[3].split()
        text = "".join(map(chr, cps))
        _, got = levels(text, None if direction == 2 else direction)
        total += 1
        if all(w == "x" or int(w) == g for w, g in zip(want, got, strict=True)):
            passed += 1
        elif _EXPLICIT & set(cps):
            misses["explicit embeddings/isolates (not covered)"] += 1
        elif _BRACKETS & set(text):
            misses["bracket pairs, N0 (not covered)"] += 1
        else:
            misses["other"] += 1
    print(f"{path.name}: {passed}/{total} lines pass ({100.0 * passed / total:.2f} %)")
    for kind, count in misses.most_common():
        print(f"  missed: {count} lines with {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
