"""The results table and the JSON file.

Each cell is the time of one library on one case in milliseconds (what it
covers depends on the case: see the ``unit`` in the JSON and the README),
followed by its ratio to Marquee (``x2.0`` means twice Marquee's time).
FAILED marks a wrong value, DNF a library that hit the time limit, ERROR a
crash. The last row is, per library, the geometric mean of its ratios to
Marquee over the cases both finished correctly.
"""

from __future__ import annotations

import math
from typing import Any

Results = dict[str, dict[str, dict[str, Any]]]
"""``results[case][library]`` is a worker reply (``status``, ``ms``, ...)."""


def _cell(
    reply: dict[str, Any] | None, reference: dict[str, Any] | None, is_reference: bool
) -> str:
    if reply is None:
        return "-"
    status = reply["status"]
    if status != "ok":
        return {"failed": "FAILED", "dnf": "DNF", "error": "ERROR"}.get(status, status.upper())
    ms = reply["ms"]
    text = f"{ms:,.1f}" if ms >= 10 else f"{ms:.2f}"
    if is_reference or reference is None or reference.get("status") != "ok":
        return text
    return f"{text} x{ms / reference['ms']:.2f}"


def geo_means(results: Results, libs: list[str], reference: str) -> dict[str, tuple[float, int]]:
    """Per library: geometric mean of its time ratio to ``reference`` and how many cases."""
    out: dict[str, tuple[float, int]] = {}
    for lib in libs:
        logs = []
        for replies in results.values():
            mine, ref = replies.get(lib), replies.get(reference)
            if mine and ref and mine["status"] == "ok" and ref["status"] == "ok":
                logs.append(math.log(mine["ms"] / ref["ms"]))
        out[lib] = (math.exp(sum(logs) / len(logs)) if logs else float("nan"), len(logs))
    return out


def table(results: Results, libs: list[str], reference: str) -> str:
    """A plain-text table: one row per case, one column per library."""
    header = ["case", *[f"{lib} ms" for lib in libs]]
    rows = [
        [case, *[_cell(replies.get(lib), replies.get(reference), lib == reference) for lib in libs]]
        for case, replies in results.items()
    ]
    means = geo_means(results, libs, reference)
    rows.append(
        [
            "geo-mean ratio to " + reference,
            *[f"x{means[lib][0]:.2f} ({means[lib][1]} cases)" for lib in libs],
        ]
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, lines[1])
    return "\n".join(lines)


def versus(results: Results, lib: str, other: str) -> str:
    """One line: ``lib``'s time over ``other``'s, geo-mean and range over their common cases.

    Read the other way round from the table's ratios: ``x1.15`` means ``lib``
    takes 1.15 times as long as ``other``.
    """
    ratios = [
        replies[lib]["ms"] / replies[other]["ms"]
        for replies in results.values()
        if replies.get(lib, {}).get("status") == "ok"
        and replies.get(other, {}).get("status") == "ok"
    ]
    if not ratios:
        return f"{lib} vs {other}: no case both finished"
    mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    return (
        f"{lib} vs {other}: {lib}'s time / {other}'s, geo-mean x{mean:.2f} over "
        f"{len(ratios)} cases (from x{min(ratios):.2f} to x{max(ratios):.2f})"
    )


def memory_table(memory: dict[str, dict[str, Any]]) -> str:
    """Bytes per node, one row per library."""
    lines = [f"{'library':<14}{'signal':>10}{'computed':>10}{'effect':>10}"]
    for lib, m in memory.items():
        if m.get("status") != "ok":
            lines.append(f"{lib:<14}{m.get('status', '?').upper():>10}")
            continue
        lines.append(f"{lib:<14}{m['signal']:>10.0f}{m['computed']:>10.0f}{m['effect']:>10.0f}")
    return "\n".join(lines)
