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
import os
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
        "--builds",
        default="",
        help="comma-separated Marquee builds, one column each: compiled, pure (default: the "
        "build this environment loads). The first is the 'marquee' column, the reference; "
        "the others are 'marquee[pure]' etc.; pure runs with MARQUEE_PURE=1",
    )
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"JSON results file (default {RESULTS} for full runs; quick runs write "
        "nothing unless asked, so they never replace a full result)",
    )
    return p.parse_args(argv)


def _run(
    cmd: list[str], payload: str, timeout: float, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run a one-reply command (a memory measurement) with a time limit."""
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, input=payload, capture_output=True, text=True, timeout=timeout, check=False,
            env=env,
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

    def __init__(self, lib: str, scale: cases.Scale, env: dict[str, str] | None = None) -> None:
        self.lib = lib
        self.scale = scale
        self.env = env
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
            env=self.env,
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

    def build_info(self) -> dict[str, Any]:
        """Which Marquee build the worker loads (`renderer.lowlevel.build_info()`)."""
        if self._proc is None:
            self._proc = self._start()
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"build_info": True}) + "\n")
        self._proc.stdin.flush()
        line = self._lines.get(timeout=60)
        if line is None:
            raise SystemExit(f"the {self.lib} worker exited before saying its build")
        info: dict[str, Any] = json.loads(line)
        return info

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


BUILDS = ("compiled", "pure")


def _build_env(build: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MARQUEE_PURE"}
    if build == "pure":
        env["MARQUEE_PURE"] = "1"
    return env


def _columns(libs: list[str], spec: str) -> dict[str, tuple[str, dict[str, str] | None, str]]:
    """Column name -> (library, worker environment, Marquee build asked for or "")."""
    builds = [b.strip() for b in spec.split(",") if b.strip()]
    unknown = [b for b in builds if b not in BUILDS]
    if unknown:
        raise SystemExit(f"unknown build(s) {', '.join(unknown)}; known: {', '.join(BUILDS)}")
    columns: dict[str, tuple[str, dict[str, str] | None, str]] = {}
    for lib in libs:
        if lib != REFERENCE or not builds:
            columns[lib] = (lib, None, "")
            continue
        for i, build in enumerate(builds):
            columns[lib if i == 0 else f"{lib}[{build}]"] = (lib, _build_env(build), build)
    return columns


def _builds_of(
    workers: dict[str, Worker], columns: dict[str, tuple[str, dict[str, str] | None, str]]
) -> dict[str, dict[str, Any]]:
    """Per Marquee column, the build its worker runs; exits if it is not the one asked for."""
    builds = {}
    for col, (lib, _, asked) in columns.items():
        if lib != REFERENCE:
            continue
        info = workers[col].build_info()
        if asked and info["build"] != asked:
            for worker in workers.values():
                worker.close()
            raise SystemExit(f"the {asked} build was asked for, but the worker runs "
                             f"{info['label']}: build it with `./dev setup`")
        builds[col] = info
        print(f"  {col}: {info['label']}", file=sys.stderr)
    return builds


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
    columns = _columns(libs, args.builds)
    libs = list(columns)
    print(
        f"signals benchmark, scale {scale.name}, {len(selected)} cases x {len(libs)} "
        f"libraries, {timeout:g} s limit each",
        file=sys.stderr,
    )

    expected = {c.name: cases.dynamic_expected(c) for c in selected if c.suite == "dynamic"}
    results: report.Results = {c.name: {} for c in selected}
    workers = {col: Worker(lib, scale, env) for col, (lib, env, _) in columns.items()}
    builds = _builds_of(workers, columns)
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
        for col, (lib, env, _) in columns.items():
            if lib != node.NAME:
                memory[col] = _run(
                    _python_cmd(),
                    json.dumps({"lib": lib, "memory": scale.memory_nodes}),
                    max(timeout, 60.0),
                    env,
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
    for col, info in builds.items():
        print(f"{col} = Marquee, {info['label']} ({info['loaded_compiled']} compiled modules "
              "among those the cases load)")
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
            "builds": builds,
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
