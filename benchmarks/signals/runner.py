"""``python -m benchmarks.signals``: run every library on every case, print, save.

Each library runs in a long-lived worker process of its own (``worker.py``;
``js/bench.mjs`` under Node for alien-signals), asked one case at a time. A
case that overruns its time limit is reported as DNF, the worker is killed
and a fresh one takes the next case, so a library that blows up (reaktiv on
cellx) cannot hang the run. Cases run in upstream's order and, within a case,
library after library, so the drifts of a shared machine hit every library
of a row alike. Expected values of
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
from pathlib import Path
from typing import IO, Any

from . import cases, node, report
from .adapters import FRAMEWORKS

RESULTS = Path(__file__).resolve().parents[1] / "results" / "signals.json"
REFERENCE = "marquee"
LOWER_BOUND = "minimal"
"""The minimal core (``minimal.py``): Marquee's time over its time is printed below the table."""


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


class Worker:
    """A long-lived worker process for one library, asked one case at a time.

    Requests and replies are JSON lines. A case that overruns its limit is
    DNF: the process is killed, and the next request starts a fresh one.
    """

    def __init__(self, lib: str, scale: cases.Scale) -> None:
        self.lib = lib
        self.scale = scale
        self._proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()

    def _start(self) -> subprocess.Popen[str]:
        cmd = node.command() if self.lib == node.NAME else _python_cmd()
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._lines = queue.Queue()
        threading.Thread(target=_pump, args=(proc.stdout, self._lines), daemon=True).start()
        return proc

    def run(self, case: cases.Case, expected: Any, timeout: float) -> dict[str, Any]:
        """Run ``case`` within ``timeout`` seconds; the worker's reply, or a DNF/error one."""
        if self._proc is None:
            self._proc = self._start()
        proc = self._proc
        if self.lib == node.NAME:
            request = node.request(case, self.scale, expected)
        else:
            wire = None if expected is None else [str(expected[0]), expected[1]]
            request = {
                "lib": self.lib,
                "scale": self.scale.name,
                "case": case.name,
                "expected": wire,
            }
        started = time.perf_counter()
        assert proc.stdin is not None
        try:
            proc.stdin.write(json.dumps(request) + "\n")
            proc.stdin.flush()
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            return {"status": "dnf", "detail": f"no result within {timeout:g} s"}
        except BrokenPipeError:
            line = None
        if line is None:
            self.close()
            return {"status": "error", "detail": "the worker exited"}
        reply: dict[str, Any] = json.loads(line)
        reply.pop("case", None)
        reply["wall_s"] = round(time.perf_counter() - started, 2)
        return reply

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


def _pump(stream: IO[str] | None, lines: queue.Queue[str | None]) -> None:
    assert stream is not None
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
    workers = {lib: Worker(lib, scale) for lib in libs}
    try:
        for case in selected:
            for lib in libs:
                skip = case.params.get("skip_if_dnf")
                if skip and results.get(skip, {}).get(lib, {}).get("status") == "dnf":
                    reply: dict[str, Any] = {"status": "dnf", "detail": f"{skip} did not finish"}
                else:
                    reply = workers[lib].run(case, expected.get(case.name), timeout)
                results[case.name][lib] = reply
                _progress(case.name, lib, reply)
    finally:
        for worker in workers.values():
            worker.close()

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
    if reference in libs and LOWER_BOUND in libs:
        print(report.versus(results, reference, LOWER_BOUND))
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
