"""Compile the listed modules with Cython, in place, and record what was compiled.

Each module is compiled on its own (Cython, then the C compiler), the modules
in parallel, largest first. The `.py` is compiled as it is: Cython's pure
Python mode keeps Python semantics for plain classes and functions, so the
compiled build needs no source of its own. The manifest records the tool and,
per module, the sha256 of the source it compiled; a module whose source and
settings match the manifest is not compiled again.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import COMPILED, EXT_SUFFIX, MANIFEST, ROOT, read_manifest, source_sha256

C_DIR = ROOT / "build" / "native"
"""Cython's C output, kept for reading (`cython -a` style debugging); git-ignored."""

DIRECTIVES = {
    "language_level": "3",
    # The annotations are for mypy: Cython would otherwise turn `float`
    # parameters into C doubles and check `int` ones, so an int passed as a
    # float would arrive as 1.0 and change what the code does and says.
    "annotation_typing": "False",
}
CFLAGS = ("-O2", "-fwrapv", "-DNDEBUG", "-w")
"""-fwrapv as CPython itself is built; -w: generated code, its warnings are Cython's."""


@dataclass
class Outcome:
    module: str
    source_sha256: str
    error: str = ""
    seconds: float = 0.0


def module_source(module: str, root: Path = ROOT) -> Path:
    """The file a module is compiled from: its `.py`, or its `.pyx` when it has one."""
    base = root.joinpath(*module.split("."))
    pyx = base.with_suffix(".pyx")
    return pyx if pyx.exists() else base.with_suffix(".py")


def module_extension(module: str, root: Path = ROOT) -> Path:
    source = module_source(module, root)
    return source.with_name(source.stem + EXT_SUFFIX)


def missing_toolchain() -> str:
    """Why this machine cannot build the compiled modules, or "" when it can."""
    try:
        metadata.version("Cython")
    except metadata.PackageNotFoundError:
        return "Cython is not installed (pip install -e '.[native]')"
    compiler = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc")[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler} is not on PATH)"
    include = Path(sysconfig.get_paths()["include"])
    if not (include / "Python.h").exists():
        return f"no Python headers ({include}/Python.h is missing: apt-get install python3-dev)"
    return ""


def settings() -> dict[str, Any]:
    """What, besides a module's source, its extension depends on."""
    return {"tool": f"Cython {metadata.version('Cython')}", "directives": DIRECTIVES,
            "cflags": list(CFLAGS), "ext_suffix": EXT_SUFFIX, "python": sys.version}


def is_fresh(module: str, manifest: dict[str, Any], wanted: dict[str, Any]) -> bool:
    entry = manifest["modules"].get(module)
    same_settings = all(manifest.get(key) == value for key, value in wanted.items())
    return (same_settings and entry is not None and module_extension(module).exists()
            and entry["source_sha256"] == source_sha256(module_source(module)))


def _run(cmd: list[str]) -> str:
    """Run a build step; its output when it fails, else ""."""
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    return "" if done.returncode == 0 else f"$ {shlex.join(cmd)}\n{done.stdout}{done.stderr}"


def compile_module(module: str) -> Outcome:
    """Cython then the C compiler; the extension replaces the old one only once complete."""
    started = time.perf_counter()
    source = module_source(module)
    # Hashed before Cython reads it: an edit made during the build leaves the
    # manifest naming the older source, so the guard refuses the result.
    outcome = Outcome(module, source_sha256(source))
    c_file = C_DIR / f"{module}.c"
    directives = ",".join(f"{k}={v}" for k, v in DIRECTIVES.items())
    outcome.error = _run([sys.executable, "-m", "cython", "--module-name", module,
                          "-X", directives, "-I", str(ROOT), "-o", str(c_file), str(source)])
    if not outcome.error:
        extension = module_extension(module)
        partial = extension.with_name(extension.name + ".part")
        include = sysconfig.get_paths()["include"]
        link = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc -shared")
        ccshared = shlex.split(sysconfig.get_config_var("CCSHARED") or "-fPIC")
        # The source's hash, for a module that checks its own freshness (`_speedups.pyx`).
        sha = f'-DMARQUEE_SOURCE_SHA256="{outcome.source_sha256}"'
        outcome.error = _run([*link, *ccshared, *CFLAGS, sha, f"-I{include}", str(c_file),
                              "-o", str(partial)])
        if not outcome.error:
            # A new file, not an overwrite: a process that has the old one mapped keeps it.
            partial.replace(extension)
    outcome.seconds = time.perf_counter() - started
    return outcome


def remove_extensions(modules: list[str]) -> list[str]:
    """Delete the listed modules' extensions (so their `.py` loads); the ones removed."""
    removed = []
    for module in modules:
        extension = module_extension(module)
        if extension.exists():
            extension.unlink()
            removed.append(module)
    return removed


def write_manifest(manifest: dict[str, Any]) -> None:
    partial = MANIFEST.with_suffix(".part")
    partial.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(MANIFEST)


def build(force: bool = False, jobs: int | None = None) -> int:
    """Bring the compiled build up to date; 0 when done or skipped, 1 when a module failed."""
    if reason := missing_toolchain():
        removed = remove_extensions(sorted({*COMPILED, *read_manifest()["modules"]}))
        note = f"; removed {len(removed)} old extension(s)" if removed else ""
        print(f"note: no compiled build: {reason}. The pure-Python build is used{note}.")
        return 0
    wanted = settings()
    manifest = read_manifest()
    # A module taken off the list keeps no extension: Python would load it unguarded.
    dropped = [m for m in manifest["modules"] if m not in COMPILED]
    if dropped:
        remove_extensions(dropped)
        print(f"removed the extension(s) of {', '.join(dropped)} (no longer compiled)")
    if any(manifest.get(key) != value for key, value in wanted.items()):
        manifest = {"modules": {}}  # other settings or tool: every module is rebuilt
    manifest["modules"] = {m: e for m, e in manifest["modules"].items() if m in COMPILED}
    todo = [m for m in COMPILED if force or not is_fresh(m, manifest, wanted)]
    if not todo:
        if dropped:
            write_manifest(manifest)
        print(f"compiled build up to date ({len(COMPILED)} modules, {wanted['tool']})")
        return 0
    todo.sort(key=lambda m: module_source(m).stat().st_size, reverse=True)
    C_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with ThreadPoolExecutor(jobs or os.cpu_count() or 1) as pool:
        outcomes = list(pool.map(compile_module, todo))
    manifest.update(wanted)
    failed = [o for o in outcomes if o.error]
    for outcome in outcomes:
        if outcome.error:
            manifest["modules"].pop(outcome.module, None)
        else:
            manifest["modules"][outcome.module] = {"source_sha256": outcome.source_sha256}
    remove_extensions([o.module for o in failed])
    write_manifest(manifest)
    print(f"compiled {len(todo) - len(failed)} of {len(todo)} module(s) with {wanted['tool']} "
          f"in {time.perf_counter() - started:.1f} s")
    for outcome in failed:
        print(f"error: {outcome.module} did not compile (its .py is used):\n{outcome.error}",
              file=sys.stderr)
    return 1 if failed else 0


def clean() -> int:
    removed = remove_extensions(sorted({*COMPILED, *read_manifest()["modules"]}))
    MANIFEST.unlink(missing_ok=True)
    shutil.rmtree(C_DIR, ignore_errors=True)
    print(f"removed {len(removed)} extension(s): the pure-Python build is used")
    return 0
