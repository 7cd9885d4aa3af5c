"""Checks `renderer._linebreak` (ICU) against Unicode's LineBreakTest.txt.

    MARQUEE_PURE=1 .venv/bin/python -m benchmarks.linebreak_conformance [path]

The file comes with Debian's `unicode-data` (`./dev setup` installs it). A
line passes when the break positions match exactly. Prints the pass rate and
the first misses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from renderer.lowlevel import line_break_positions as break_positions

DEFAULT = Path("/usr/share/unicode/auxiliary/LineBreakTest.txt")


def parse(line: str) -> tuple[str, list[int]]:
    """The test string and its expected break positions (after character k)."""
    body = line.split("#", 1)[0].split()
    chars: list[str] = []
    breaks: list[int] = []
    for token in body:
        if token == "÷":
            breaks.append(len(chars))
        elif token != "×":
            chars.append(chr(int(token, 16)))
    return "".join(chars), [b for b in breaks if b > 0]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    total = passed = 0
    misses: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        text, want = parse(raw)
        total += 1
        if break_positions(text) == want:
            passed += 1
        elif len(misses) < 10:
            misses.append(raw.split("#", 1)[0].strip())
    print(f"{path.name}: {passed}/{total} lines pass ({100.0 * passed / total:.2f} %)")
    for miss in misses:
        print(f"  missed: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
