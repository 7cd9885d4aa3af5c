"""The compiled build of Marquee's hot modules, and the guard that keeps it honest.

The modules in `COMPILED` are plain Python and stay the source of truth. The
compiled build (`MARQUEE_PURE=1 python -m renderer._native build`, run by
`./dev`) compiles
them unchanged with Cython into extension modules beside their `.py`; an
extension takes precedence on import, so the same package names load either
build. This package is the guard that decides which loads:

* `MARQUEE_PURE=1` loads every listed module from its `.py`;
* an extension is loaded only if the manifest says it was built from the
  `.py` as it is now (sha256); a stale one is refused with an ImportError
  that names the file, so an edit never silently runs old code;
* with no extension (no C compiler, not built yet) the `.py` loads, as usual.

`renderer` imports this package first thing (and `sdk` imports `renderer`
before its own submodules), which puts the guard on `sys.meta_path` before
any listed module loads. It lives in `renderer` because `renderer` is the
lowest package the compiled modules belong to; the build itself runs with
`MARQUEE_PURE=1`, so a stale build never stops it from starting. It imports
only the standard library and costs a dictionary lookup per import, plus one
hash per listed module when its extension exists. `build_info()` says which
build is active.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from collections.abc import Collection, Sequence
from importlib.machinery import ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path
from types import ModuleType
from typing import Any

COMPILED: tuple[str, ...] = (
    # signals/ itself is left out: compiled unchanged it ran no faster (x1.00 on
    # the signals benchmark, docs/performance.md); only its read path is (last).
    "sdk.reconciler._element",
    "sdk.reconciler._component",
    "sdk.reconciler._host",
    "sdk.reconciler._host_props",
    "sdk.reconciler._instance",
    "sdk.reconciler._for",
    "sdk.reconciler._templates",
    "sdk.reconciler._scene",
    "sdk.reconciler._strings",
    "sdk.reconciler._ids",
    "sdk.reconciler._composite",
    "renderer._commands",
    # Written for the compiler (a `.pyx`, no `.py` twin): the C row path that
    # `sdk/reconciler/_native.py` puts in place of its pure-Python twins.
    "sdk.reconciler._speedups",
    # Likewise the C read path of Signal and Computed (signals/_speedups.pyx,
    # loaded by signals/_native.py; the rest of signals/ stays pure Python:
    # docs/performance.md). `signals` imports nothing of Marquee's, so it may
    # load before this guard is installed: it checks freshness itself too.
    "signals._speedups",
)
"""The compiled modules: the one list that the build and the guard share.

`renderer` installs the guard first thing in its `__init__`, and `sdk`
imports `renderer` before its submodules, so the guard is in place before a
listed module loads (tests/renderer/test_native_build.py checks it)."""

PURE_ENV = "MARQUEE_PURE"
ROOT = Path(__file__).resolve().parents[2]
"""The checkout (or site-packages) that holds the listed packages."""
MANIFEST = Path(__file__).resolve().parent / "manifest.json"
"""Written by the build: the tool, and per module the sha256 of the `.py` it compiled."""
EXT_SUFFIX: str = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
REBUILD_HINT = (f"rebuild with `./dev setup` (or `{PURE_ENV}=1 python -m renderer._native "
                f"build`), or set {PURE_ENV}=1 to run the pure-Python modules")


def pure_forced() -> bool:
    """Whether `MARQUEE_PURE` asks for the pure-Python build (any value but empty or 0)."""
    return os.environ.get(PURE_ENV, "") not in ("", "0")


def source_sha256(path: Path) -> str:
    """The hash an extension is built from: its source, and for a `.py` every `.pxd`
    it may compile against too (they give compiled classes their C layout, and a
    module compiles against the layouts it cimports)."""
    digest = hashlib.sha256(path.read_bytes())
    if path.suffix == ".py":
        for pxd in layout_files(path.parent):
            digest.update(f"{pxd.parent.name}/{pxd.name}".encode() + b"\0" + pxd.read_bytes())
    return digest.hexdigest()


def layout_files(package: Path) -> list[Path]:
    """The `.pxd` files a module of `package` may compile against: its package's, and
    those of every package with a compiled module (a layout may cimport another
    package's, as `sdk/reconciler/_scene.pxd` does `renderer/_commands.pxd`)."""
    packages = {package, *((ROOT / name.replace(".", "/")).parent for name in COMPILED)}
    return sorted(pxd for folder in packages for pxd in folder.glob("*.pxd"))


def read_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    """The build's manifest, or an empty one when there has been no build."""
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"modules": {}}
    return manifest


class StaleExtensionError(ImportError):
    """A compiled module whose `.py` changed since it was built."""


class Guard:
    """A meta path finder for the listed modules: the `.py`, or a fresh extension only.

    Every other import falls through to Python's own finders (`find_spec`
    returns None), as does a listed module that has no extension.
    """

    def __init__(self, modules: Collection[str], manifest: Path) -> None:
        self.modules = frozenset(modules)
        self.manifest_path = manifest
        self._manifest: dict[str, Any] | None = None

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in self.modules or not path:
            return None
        source = _find_source(fullname, path)
        if source is None:
            return None
        if pure_forced():
            if source.suffix == ".pyx":  # nothing to load: its twins are pure Python
                raise ModuleNotFoundError(f"{fullname}: {PURE_ENV} is set", name=fullname)
            return spec_from_file_location(fullname, source)
        extension = source.with_name(source.stem + EXT_SUFFIX)
        if not extension.exists():
            return None
        self.check_fresh(fullname, source, extension)
        return spec_from_file_location(fullname, extension)

    def check_fresh(self, fullname: str, source: Path, extension: Path) -> None:
        """Raise StaleExtensionError unless `extension` was built from `source` as it is."""
        if self._manifest is None:
            self._manifest = read_manifest(self.manifest_path)
        entry = self._manifest["modules"].get(fullname, {})
        if entry.get("source_sha256") != source_sha256(source):
            raise StaleExtensionError(
                f"{source} changed since its compiled build {extension.name} was made: "
                f"{REBUILD_HINT}", name=fullname, path=str(source))

    def invalidate_caches(self) -> None:
        self._manifest = None  # a build in this process has written a new one


def _find_source(fullname: str, path: Sequence[str]) -> Path | None:
    """The module's `.py`, or its `.pyx` for a module written for the compiler."""
    stem = fullname.rpartition(".")[2]
    for entry in path:
        for suffix in (".py", ".pyx"):
            source = Path(entry, stem + suffix)
            if source.is_file():
                return source
    return None


def install() -> Guard:
    """Put the guard first on `sys.meta_path` (once per process) and return it."""
    for finder in sys.meta_path:
        if isinstance(finder, Guard):
            return finder
    guard = Guard(COMPILED, MANIFEST)
    sys.meta_path.insert(0, guard)
    return guard


def _is_compiled(name: str, manifest: dict[str, Any]) -> bool:
    """Whether `name` runs compiled here: as loaded, or as the guard would load it."""
    module = sys.modules.get(name)
    if module is not None:
        return (getattr(module, "__file__", None) or "").endswith(EXT_SUFFIX)
    source = ROOT.joinpath(*name.split(".")).with_suffix(".py")
    if not source.exists() and source.with_suffix(".pyx").exists():
        source = source.with_suffix(".pyx")
    extension = source.with_name(source.stem + EXT_SUFFIX)
    return (not pure_forced() and extension.exists() and source.exists()
            and manifest["modules"].get(name, {}).get("source_sha256") == source_sha256(source))


def build_info() -> dict[str, Any]:
    """Which build this process runs the listed modules from.

    `build` is "compiled" (every one an extension), "pure" (none) or "mixed",
    counting a module not imported yet as the guard would load it; `tool`
    names the compiler; `loaded_compiled` counts the compiled modules imported
    so far; `label` is the one-line form that benchmark headers print.
    """
    manifest = read_manifest()
    compiled = [name for name in COMPILED if _is_compiled(name, manifest)]
    build = ("compiled" if len(compiled) == len(COMPILED) else "mixed" if compiled
             else "pure")
    tool = manifest.get("tool") if compiled else None
    if build == "pure":
        label = f"pure Python ({f'{PURE_ENV}=1' if pure_forced() else 'no compiled build'})"
    elif build == "compiled":
        label = f"compiled with {tool}"
    else:
        label = f"mixed: {len(compiled)} of the {len(COMPILED)} hot modules compiled with {tool}"
    return {"build": build, "tool": tool, "compiled_modules": len(compiled),
            "loaded_compiled": sum(1 for name in compiled if name in sys.modules),
            "listed_modules": len(COMPILED), "pure_forced": pure_forced(), "label": label}

install()
