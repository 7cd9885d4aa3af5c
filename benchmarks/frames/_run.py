"""Scenarios, the printed table and `benchmarks/results/frames.json`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from renderer import Key
from sdk import build_info

from ._catalog import GOAL_P95_MS, catalog_scenario
from ._pages import COLUMNS, ROWS, PosterGrid, profiles_page
from ._session import Session, run_session
from ._stats import summarize
from ._xvfb import xvfb

__all__ = ["RESULTS", "main", "run", "scenarios"]

RESULTS = Path(__file__).resolve().parents[1] / "results" / "frames.json"
BUSY_MS = (5.0, 30.0)
GOALS = {"frame_work_p99_ms": 8.0, "late_frame_share": 0.01, "input_latency_p99_ms": 33.0}
HEADLINE = ("frame_work_p50_ms", "frame_work_p99_ms", "late_frame_share",
            "input_latency_p50_ms", "input_latency_p99_ms")

R, L, U, D = Key.RIGHT, Key.LEFT, Key.UP, Key.DOWN


def profiles_script(cycles: int) -> list[Key]:
    """Across the four profiles and back, open the first one's home and go back."""
    return [R, R, R, R, L, L, L, L, Key.SELECT, Key.BACK] * cycles


def grid_script(keys: int) -> list[Key]:
    """A serpentine walk through the 8 x 12 grid (every key moves focus), then back up."""
    walk: list[Key] = []
    for row in range(ROWS):
        walk += [R if row % 2 == 0 else L] * (COLUMNS - 1)
        walk.append(D if row < ROWS - 1 else U)
    walk += [U] * (ROWS - 2)
    return (walk * (keys // len(walk) + 1))[:keys]


def _grid(on_focus: Any, caption: Any) -> Any:
    return PosterGrid(on_focus=on_focus, caption=caption)


TRANSPORTS = ("thread", "process")
REFERENCE_GROUP = "busy in a process"
"""The same burn in another process, renderer on a thread: what the GIL costs is the gap."""


def group_name(group: str, transport: str) -> str:
    """A group's name in the results: thread groups keep theirs, process ones are marked."""
    return group if transport == "thread" else f"{group} [process]"


def scenarios(profile_cycles: int, grid_keys: int,
              transports: Sequence[str] = ("thread",)) -> list[tuple[str, str, Session]]:
    """`(group, page, session)`: idle handlers, busy handlers, busy with a 1 ms switch
    interval, and (thread transport only) the burn in another process, per transport."""
    out: list[tuple[str, str, Session]] = []
    for transport in transports:
        for group, burn, switch, elsewhere in (
                ("idle", (0.0, 0.0), None, False), ("busy", BUSY_MS, None, False),
                ("busy, switch 1 ms", BUSY_MS, 1.0, False), (REFERENCE_GROUP, BUSY_MS, None, True)):
            if elsewhere and transport != "thread":
                continue
            name = group_name(group, transport)
            out.append((name, "profiles", Session(f"profiles {name}", profiles_page,
                                                  profiles_script(profile_cycles), burn, switch,
                                                  burn_elsewhere=elsewhere, transport=transport)))
            out.append((name, "grid", Session(f"grid {name}", _grid, grid_script(grid_keys),
                                              burn, switch, burn_elsewhere=elsewhere,
                                              transport=transport)))
    return out


ALL_GROUPS = ("idle", "busy", "busy, switch 1 ms", REFERENCE_GROUP)


def run(profile_cycles: int, grid_keys: int, only: Sequence[str] = ALL_GROUPS,
        transports: Sequence[str] = ("thread",), catalog: bool = False) -> dict[str, Any]:
    """Runs the scenarios of the `only` groups (idle and busy at least) under a private Xvfb,
    for each transport. The headline is the busy group of the last transport listed.

    Returns the JSON document.

    Raises:
        ValueError: `only` lacks "idle" or "busy" (the headline compares them), or an
            unknown transport.
        XvfbUnavailable: Xvfb could not start.
    """
    if not {"idle", "busy"} <= set(only):
        raise ValueError(f"run(only=...) needs the 'idle' and 'busy' groups, got {only!r}")
    if not transports or set(transports) - set(TRANSPORTS):
        raise ValueError(f"transports must be among {TRANSPORTS}, got {transports!r}")
    table: dict[str, Any] = {}
    groups: dict[str, list[Any]] = {}
    wanted = {group_name(g, t) for g in only for t in transports}
    with xvfb():
        for group, _page, session in scenarios(profile_cycles, grid_keys, transports):
            if group not in wanted:
                continue
            result = run_session(session)
            table[session.name] = summarize([result])
            groups.setdefault(group, []).append(result)
    pooled = {group: summarize(results) for group, results in groups.items()}
    catalog_rows = {t: catalog_scenario(t) for t in transports} if catalog else {}
    primary = transports[-1]
    busy = pooled[group_name("busy", primary)]
    idle = pooled[group_name("idle", primary)]
    doc: dict[str, Any] = {key: busy[key] for key in HEADLINE}
    doc["transport"] = primary
    doc["by_transport"] = {t: {key: pooled[group_name("busy", t)][key] for key in HEADLINE}
                           for t in transports}
    doc["split_mean_ms"] = busy["split_mean_ms"]
    doc["split_p99_ms"] = busy["split_p99_ms"]
    for key in ("input_latency_arrows_p50_ms", "input_latency_arrows_p99_ms",
                "input_latency_select_back_p50_ms", "input_latency_select_back_p99_ms",
                "tick_cpu_p50_ms", "tick_cpu_p99_ms"):
        doc[key] = busy[key]
    elsewhere = pooled.get(REFERENCE_GROUP)
    doc["gil_wait"] = {
        "start_wait_mean_ms": busy["start_wait_mean_ms"],
        "start_wait_mean_idle_ms": idle["start_wait_mean_ms"],
        "in_tick_wait_share": busy["in_tick_wait_share"],
        "in_tick_wait_share_idle": idle["in_tick_wait_share"],
        "in_tick_wait_mean_ms": busy["in_tick_wait_mean_ms"],
        "in_tick_wait_mean_idle_ms": idle["in_tick_wait_mean_ms"],
    }
    if elsewhere is not None:
        # Same CPU load, other GIL: what is left over this is the GIL's.
        doc["gil_wait"]["start_wait_mean_burn_in_process_ms"] = elsewhere["start_wait_mean_ms"]
        doc["gil_wait"]["in_tick_wait_mean_burn_in_process_ms"] = \
            elsewhere["in_tick_wait_mean_ms"]
        doc["gil_wait"]["gil_wait_per_frame_ms"] = max(0.0, (
            busy["start_wait_mean_ms"] + busy["in_tick_wait_mean_ms"]
            - elsewhere["start_wait_mean_ms"] - elsewhere["in_tick_wait_mean_ms"]))
    if catalog_rows:
        doc["catalog"] = catalog_rows
        doc["catalog_goal_p95_ms"] = GOAL_P95_MS
    doc["build"] = build_info()
    doc["goals"] = GOALS
    if elsewhere is not None:
        doc["frame_work_p99_vs_busy_in_a_process"] = (
            busy["frame_work_p99_ms"] / max(1e-9, elsewhere["frame_work_p99_ms"]))
    doc["headline"] = (f"busy handlers (5-30 ms per focus), profiles + grid pooled, 1920x1080, "
                       f"Xvfb, renderer on a {primary}")
    doc["pooled"] = pooled
    doc["sessions"] = table
    return doc


def report(doc: dict[str, Any]) -> str:
    """The table printed after a run."""
    head = (f"{'scenario':<26} {'frames':>6} {'work p50':>8} {'p99':>6} {'cpu p99':>7} "
            f"{'late %':>6} {'lat p50':>7} {'p99':>6} {'arrows':>6} {'sel/bk':>6} "
            f"{'apply':>6} {'frame':>6} {'paint':>6} {'present':>7} {'start w':>7} "
            f"{'tick w%':>7}")
    lines = [f"Marquee build: {doc['build']['label']}; headline transport: {doc['transport']}",
             head]
    rows = {**{f"[{k}]": v for k, v in doc["pooled"].items()}, **doc["sessions"]}
    for name, r in rows.items():
        s = r["split_mean_ms"]
        lines.append(
            f"{name:<26} {r['frames']:>6} {r['frame_work_p50_ms']:>8.2f} "
            f"{r['frame_work_p99_ms']:>6.2f} {r['tick_cpu_p99_ms']:>7.2f} "
            f"{100 * r['late_frame_share']:>6.1f} "
            f"{r['input_latency_p50_ms']:>7.1f} {r['input_latency_p99_ms']:>6.1f} "
            f"{r['input_latency_arrows_p99_ms']:>6.1f} "
            f"{r['input_latency_select_back_p99_ms']:>6.1f} "
            f"{s['apply']:>6.2f} {s['frame']:>6.2f} {s['paint']:>6.2f} {s['present']:>7.2f} "
            f"{r['start_wait_mean_ms']:>7.2f} {100 * r['in_tick_wait_share']:>7.1f}")
    lines.append("(ms; 'arrows'/'sel/bk' = input latency p99 by key; split = mean per frame; "
                 "'start w' = mean wait from the deadline until the renderer ran; 'tick w%' = "
                 "share of tick wall time the thread was not on a CPU)")
    verdict = []
    for key, goal in GOALS.items():
        value = doc[key]
        status = "met" if value <= goal else "MISSED"
        verdict.append(f"{key} {value:.3g} (goal <= {goal:g}): {status}")
    for transport, row in doc.get("catalog", {}).items():
        lines.append(f"catalog [{transport}]: {row['painted']} painted of {row['frames']} frames, "
                     f"painted work p50 {row['painted_work_p50_ms']:.2f} ms, p95 "
                     f"{row['painted_work_p95_ms']:.2f} ms (goal <= {GOAL_P95_MS:g}), max "
                     f"{row['painted_work_max_ms']:.2f} ms")
    lines.append(f"busy headline ({doc['transport']}): " + "; ".join(verdict))
    if "frame_work_p99_vs_busy_in_a_process" in doc:
        lines.append(f"frame work p99 / the '{REFERENCE_GROUP}' group's: "
                     f"x{doc['frame_work_p99_vs_busy_in_a_process']:.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m benchmarks.frames [--quick] [--out PATH]`."""
    parser = argparse.ArgumentParser(description="Frame work, late frames and input latency "
                                     "of scripted remote sessions in the windowed presenter.")
    parser.add_argument("--quick", action="store_true", help="short sessions")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    parser.add_argument("--no-catalog", action="store_true",
                        help="skip the catalog scenario (the catalog app over its local service)")
    parser.add_argument("--transport", default="thread,process",
                        help="comma-separated: thread, process (the last one is the headline)")
    args = parser.parse_args(argv)
    transports = tuple(t.strip() for t in args.transport.split(",") if t.strip())
    cycles, grid_keys = (2, 24) if args.quick else (8, 96)
    doc = run(cycles, grid_keys, transports=transports, catalog=not args.no_catalog)
    doc["quick"] = args.quick
    print(report(doc))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"results in {args.out}")
