"""alien-signals under Node, as an outside reference column (not a goal).

``js/`` holds a JavaScript twin of the cases (``cases.mjs``) behind the same
adapter interface (``framework.mjs``). Dependencies are pinned in
``js/package.json`` / ``package-lock.json`` and installed with ``npm ci`` the
first time (``node_modules`` is git-ignored). Dynamic graphs get their shape
from Python, so both sides build the very same graph.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path
from typing import Any

from . import dynamic
from .cases import Case, Scale

JS_DIR = Path(__file__).parent / "js"
NAME = "alien-signals"


def unavailable_reason() -> str | None:
    """Why the JavaScript column cannot run, or None when it can (installs it if needed)."""
    if shutil.which("node") is None:
        return "node is not installed: skipping the alien-signals reference column"
    if (JS_DIR / "node_modules" / "alien-signals").is_dir():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed: skipping the alien-signals reference column"
    command = "ci" if (JS_DIR / "package-lock.json").exists() else "install"
    proc = subprocess.run(
        [npm, command, "--no-audit", "--no-fund"],
        cwd=JS_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        return f"npm {command} failed in {JS_DIR}: {proc.stderr.strip()[-300:]}"
    return None


def request(case: Case, scale: Scale, expected: Any) -> dict[str, Any]:
    """The JSON request ``js/bench.mjs`` reads for ``case``."""
    params = dict(case.params)
    if case.suite == "dynamic":
        config = dynamic.CONFIGS[params["config"]]
        shape = dynamic.make_shape(
            config.width,
            config.total_layers,
            config.static_fraction,
            config.n_sources,
            config.read_fraction,
        )
        params.update(
            shape=dataclasses.asdict(shape),
            readFraction=config.read_fraction,
            expected=[str(expected[0]), expected[1]],
        )
    budget_ms = scale.budget_s * 1000.0 if scale.budget_s != float("inf") else 1e12
    return {
        "case": case.name,
        "suite": case.suite,
        "params": params,
        "scale": {"repeats": scale.repeats, "budgetMs": budget_ms},
    }


def command() -> list[str]:
    """How to start the JavaScript worker.

    Without ``--expose-gc``: forcing a full collection between runs made
    alien-signals' next runs several times slower (cellx1000: 100 ms instead
    of 28 ms for five runs), so Node's own collector is left to its schedule.
    """
    return ["node", "--stack-size=65500", str(JS_DIR / "bench.mjs")]
