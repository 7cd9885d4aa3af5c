"""``python -m benchmarks.signals``: run every library on every case, print, save.

Each Python library runs in a worker process of its own (``worker.py``) that
reports each case as it finishes; a case that overruns its time limit is
reported as DNF, the worker is killed and a fresh one carries on, so a
library that blows up (reaktiv on cellx) cannot hang the run. alien-signals
runs the same way in Node (``js/bench.mjs``). Expected values of
the dynamic graphs are computed once, here, and handed to every library.
"""

from __future__ import annotations

import argparse
import json
import platform
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from . import cases, node, report
from .adapters import FRAMEWORKS

RESULTS = Path(__file__).resolve().parents[1] / "results" / "signals.json"
REFERENCE = "marquee"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.signals", description=__doc__)
    p.add_argument(
        "--quick", action="store_true", help="small sizes: a smoke run in well under a minute"
    )
    p.add_argument(
        "--scale",
        choices=sorted(cases.SCALES),
        default=None,
        help="sizes to run (default full; --quick means --scale quick)",
    )
    p.add_argument(
        "--libs",
        default=",".join([*FRAMEWORKS, node.NAME]),
        help="comma-separated libraries (default: all, alien-signals if node is here)",
    )
    p.add_argument(
        "--cases",
        default="",
        help="comma-separated case names or suites (kairo, cellx, sbench, dynamic)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds per library-case before it counts as DNF (default per scale)",
    )
    p.add_argument("--no-memory", action="store_true", help="skip the bytes-per-node table")
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"JSON results file (default {RESULTS} for full runs; quick runs write "
        "nothing unless asked, so they never replace a full result)",
    )
    return p.parse_args(argv)


def _run(cmd: list[str], payload: str, timeout: float) -> dict[str, Any]:
    """Run a one-reply command (a memory measurement) with a time limit."""
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, input=payload, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"status": "dnf", "detail": f"no result within {timeout:g} s"}
    lines = proc.stdout.strip().splitlines()
    try:
        reply: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        reply = {"status": "error", "detail": f"exit {proc.returncode}: {tail[0]}"}
    reply["wall_s"] = round(time.perf_counter() - started, 2)
    return reply


def _python_cmd() -> list[str]:
    return [sys.executable, "-m", "benchmarks.signals.worker"]


def library_results(
    lib: str,
    selected: list[cases.Case],
    scale: cases.Scale,
    expected: dict[str, Any],
    timeout: float,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Run ``selected`` on ``lib`` in one worker process, each case within ``timeout`` seconds.

    A case that overruns is DNF: the worker is killed and a fresh one carries
    on with the remaining cases.
    """
    pending = [c.name for c in selected]
    while pending:
        if lib == node.NAME:
            cmd = node.command()
            payload = node.encode([c for c in selected if c.name in pending], scale, expected)
        else:
            cmd = _python_cmd()
            wire = {name: [str(v[0]), v[1]] for name, v in expected.items()}
            request = {"lib": lib, "scale": scale.name, "cases": pending, "expected": wire}
            payload = json.dumps(request)
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(payload)
        proc.stdin.close()
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
        for name in list(pending):
            started = time.perf_counter()
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                proc.kill()
                proc.wait()
                pending.remove(name)
                yield name, {"status": "dnf", "detail": f"no result within {timeout:g} s"}
                for bigger in [c for c in selected if c.params.get("skip_if_dnf") == name]:
                    if bigger.name in pending:
                        pending.remove(bigger.name)
                        yield bigger.name, {"status": "dnf", "detail": f"{name} did not finish"}
                break
            pending.remove(name)
            if line is None:
                proc.wait()
                yield name, {"status": "error", "detail": f"worker exited ({proc.returncode})"}
                break
            reply: dict[str, Any] = json.loads(line)
            reply.pop("case", None)
            reply["wall_s"] = round(time.perf_counter() - started, 2)
            yield name, reply
        else:
            proc.wait()


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _progress(case: str, lib: str, reply: dict[str, Any]) -> None:
    shown = f"{reply['ms']:.1f} ms" if reply["status"] == "ok" else reply["status"].upper()
    detail = "" if reply["status"] == "ok" else f"  ({reply.get('detail', '')})"
    print(f"  {case:<28} {lib:<14} {shown}{detail}", file=sys.stderr, flush=True)


def select_cases(all_cases: list[cases.Case], spec: str) -> list[cases.Case]:
    if not spec:
        return all_cases
    wanted = {s.strip() for s in spec.split(",") if s.strip()}
    chosen = [c for c in all_cases if c.name in wanted or c.suite in wanted]
    unknown = wanted - {c.name for c in chosen} - {c.suite for c in chosen}
    if unknown:
        raise SystemExit(f"unknown cases: {', '.join(sorted(unknown))}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scale = cases.SCALES[args.scale or ("quick" if args.quick else "full")]
    timeout = args.timeout if args.timeout is not None else scale.timeout_s
    libs = [lib.strip() for lib in args.libs.split(",") if lib.strip()]
    for lib in libs:
        if lib not in FRAMEWORKS and lib != node.NAME:
            raise SystemExit(
                f"unknown library {lib!r}; choose from {', '.join([*FRAMEWORKS, node.NAME])}"
            )
    notes: list[str] = []
    if node.NAME in libs and (reason := node.unavailable_reason()):
        notes.append(reason)
        print(f"note: {reason}", file=sys.stderr)
        libs.remove(node.NAME)
    selected = select_cases(cases.cases_for(scale), args.cases)
    started = time.perf_counter()
    print(
        f"signals benchmark, scale {scale.name}, {len(selected)} cases x {len(libs)} "
        f"libraries, {timeout:g} s limit each",
        file=sys.stderr,
    )

    expected = {c.name: cases.dynamic_expected(c) for c in selected if c.suite == "dynamic"}
    results: report.Results = {c.name: {} for c in selected}
    for lib in libs:
        for name, reply in library_results(lib, selected, scale, expected, timeout):
            results[name][lib] = reply
            _progress(name, lib, reply)

    memory: dict[str, dict[str, Any]] = {}
    if not args.no_memory:
        for lib in libs:
            if lib != node.NAME:
                memory[lib] = _run(
                    _python_cmd(),
                    json.dumps({"lib": lib, "memory": scale.memory_nodes}),
                    max(timeout, 60.0),
                )

    shown_libs = (
        [REFERENCE, *[lib for lib in libs if lib != REFERENCE]] if REFERENCE in libs else libs
    )
    reference = REFERENCE if REFERENCE in libs else shown_libs[0]
    print()
    print(
        f"Signals benchmark (js-reactivity-benchmark port), scale {scale.name}: milliseconds, "
        f"lower is better; xN = time / {reference}'s time"
    )
    print(report.table(results, shown_libs, reference))
    if memory:
        print()
        print(
            f"Bytes per node (tracemalloc, {scale.memory_nodes:,} of each; computeds and "
            "effects read one signal)"
        )
        print(report.memory_table(memory))
    for note in notes:
        print(f"note: {note}")
    elapsed = time.perf_counter() - started
    print(f"\n{len(selected)} cases in {elapsed:.0f} s")

    output = args.output or (RESULTS if scale.name != "quick" else None)
    if output is not None:
        document = {
            "benchmark": "js-reactivity-benchmark port (benchmarks/signals)",
            "scale": scale.name,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "reference": reference,
            "timeout_s": timeout,
            "elapsed_s": round(elapsed, 1),
            "cases": {
                c.name: {"suite": c.suite, "params": c.params, "unit": c.unit} for c in selected
            },
            "results": results,
            "geo_mean_ratio": {
                lib: {"ratio": r, "cases": n}
                for lib, (r, n) in report.geo_means(results, shown_libs, reference).items()
            },
            "bytes_per_node": memory,
            "notes": notes,
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(document, indent=2) + "\n")
        print(f"wrote {output}")
    return 0
