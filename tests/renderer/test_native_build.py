"""The compiled and the pure-Python builds: which one runs, staleness, collection.

These run on whichever build the suite runs on (`./dev test` runs tests/sdk on
both); `renderer._native` (the build guard) is described in docs/performance.md.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import shutil
import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import sdk
from renderer import _native as native_guard
from renderer._native import (
    COMPILED,
    EXT_SUFFIX,
    Guard,
    StaleExtensionError,
    layout_files,
    source_sha256,
)
from sdk import TEXT, VIEW, Element, For, SceneRoot, component, host_element
from sdk.reconciler import Instance
from signals import Owner, Signal, batch, get_owner, selector, signal

REPO = Path(__file__).resolve().parents[2]


# which build runs ----------------------------------------------------------------------


def _extension_of(module: str) -> Path:
    return REPO.joinpath(*module.split(".")).with_name(module.rpartition(".")[2] + EXT_SUFFIX)


def test_every_listed_module_comes_from_the_build_the_guard_chose() -> None:
    # A fresh extension must be what runs (or the suite would test the pure
    # build twice), and MARQUEE_PURE must load every `.py`.
    built = not native_guard.pure_forced() and _extension_of(COMPILED[0]).exists()
    for name in COMPILED:
        if not built and _is_pyx(name):  # written for the compiler: no pure module
            with pytest.raises(ModuleNotFoundError):
                importlib.import_module(name)
            continue
        module = importlib.import_module(name)
        assert module.__file__ is not None
        expected = EXT_SUFFIX if built else ".py"
        assert module.__file__.endswith(expected), (name, module.__file__)
    info = sdk.build_info()
    assert info["build"] == ("compiled" if built else "pure")
    assert info["compiled_modules"] == (len(COMPILED) if built else 0)


def _is_pyx(module: str) -> bool:
    return REPO.joinpath(*module.split(".")).with_suffix(".pyx").exists()


def test_the_pure_build_is_named_as_such_in_a_fresh_process() -> None:
    env = {**os.environ, "MARQUEE_PURE": "1"}
    code = "import sdk, renderer._commands as c; print(sdk.build_info()['label'], c.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith("pure Python (MARQUEE_PURE=1) ")
    assert out.strip().endswith("_commands.py")


# the stale-module guard ----------------------------------------------------------------


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`pkg/mod.py` with an extension recorded in a manifest as built from it."""
    monkeypatch.delenv("MARQUEE_PURE", raising=False)
    source = tmp_path / "pkg" / "mod.py"
    source.parent.mkdir()
    source.write_text("VALUE = 1\n")
    (source.parent / f"mod{EXT_SUFFIX}").write_bytes(b"not loaded by these tests")
    manifest = {"modules": {"pkg.mod": {"source_sha256": source_sha256(source)}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    yield tmp_path


def _guard(root: Path) -> Guard:
    return Guard({"pkg.mod"}, root / "manifest.json")


def test_a_fresh_extension_is_chosen(package: Path) -> None:
    spec = _guard(package).find_spec("pkg.mod", [str(package / "pkg")])
    assert spec is not None
    assert spec.origin == str(package / "pkg" / f"mod{EXT_SUFFIX}")


def test_an_edited_source_refuses_its_extension_naming_the_file(package: Path) -> None:
    source = package / "pkg" / "mod.py"
    source.write_text("VALUE = 2\n")
    with pytest.raises(StaleExtensionError) as refused:
        _guard(package).find_spec("pkg.mod", [str(package / "pkg")])
    message = str(refused.value)
    assert str(source) in message
    assert "python -m renderer._native build" in message
    assert "MARQUEE_PURE=1" in message
    assert refused.value.name == "pkg.mod"


def test_a_new_or_edited_pxd_of_its_package_refuses_its_extension(package: Path) -> None:
    layout = package / "pkg" / "other.pxd"  # a class layout the module may cimport
    layout.write_text("cdef class Other:\n    cdef public object a\n")
    with pytest.raises(StaleExtensionError):
        _guard(package).find_spec("pkg.mod", [str(package / "pkg")])
    source = package / "pkg" / "mod.py"
    manifest = {"modules": {"pkg.mod": {"source_sha256": source_sha256(source)}}}
    (package / "manifest.json").write_text(json.dumps(manifest))  # rebuilt with it
    assert _guard(package).find_spec("pkg.mod", [str(package / "pkg")]) is not None
    layout.write_text("cdef class Other:\n    cdef public object a, b\n")
    with pytest.raises(StaleExtensionError):
        _guard(package).find_spec("pkg.mod", [str(package / "pkg")])


def test_a_module_is_hashed_with_the_layouts_of_other_compiled_packages_too() -> None:
    """`_scene.pxd` cimports `renderer/_commands.pxd`: an edited buffer layout must make
    the reconciler's modules stale as well as the encoder's."""
    reconciler = layout_files(REPO / "sdk" / "reconciler")
    assert REPO / "renderer" / "_commands.pxd" in reconciler
    assert REPO / "sdk" / "reconciler" / "_scene.pxd" in reconciler
    assert layout_files(REPO / "renderer") == reconciler  # one set for every package
    importing = [line for pxd in reconciler for line in pxd.read_text().splitlines()
                 if line.startswith("from ") and " cimport " in line]
    for line in importing:  # every layout a layout cimports is in the set
        module = line.split()[1]
        assert REPO / (module.replace(".", "/") + ".pxd") in reconciler, line


def test_an_extension_missing_from_the_manifest_is_stale(package: Path) -> None:
    (package / "manifest.json").unlink()
    with pytest.raises(StaleExtensionError):
        _guard(package).find_spec("pkg.mod", [str(package / "pkg")])


def test_marquee_pure_loads_the_source_even_when_stale(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (package / "pkg" / "mod.py").write_text("VALUE = 2\n")
    monkeypatch.setenv("MARQUEE_PURE", "1")
    spec = _guard(package).find_spec("pkg.mod", [str(package / "pkg")])
    assert spec is not None
    assert spec.origin == str(package / "pkg" / "mod.py")


def test_without_an_extension_or_off_the_list_python_finds_the_module(package: Path) -> None:
    guard = _guard(package)
    assert guard.find_spec("pkg.other", [str(package / "pkg")]) is None
    (package / "pkg" / f"mod{EXT_SUFFIX}").unlink()
    assert guard.find_spec("pkg.mod", [str(package / "pkg")]) is None


@pytest.fixture
def pyx_package(package: Path) -> Path:
    """`package`, its module written for the compiler: `pkg/mod.pyx`, no `.py`."""
    source = package / "pkg" / "mod.py"
    pyx = source.with_suffix(".pyx")
    source.rename(pyx)
    manifest = {"modules": {"pkg.mod": {"source_sha256": source_sha256(pyx)}}}
    (package / "manifest.json").write_text(json.dumps(manifest))
    return package


def test_a_pyx_module_loads_its_fresh_extension_and_refuses_a_stale_one(
    pyx_package: Path,
) -> None:
    path = [str(pyx_package / "pkg")]
    spec = _guard(pyx_package).find_spec("pkg.mod", path)
    assert spec is not None and spec.origin == str(pyx_package / "pkg" / f"mod{EXT_SUFFIX}")
    pyx = pyx_package / "pkg" / "mod.pyx"
    pyx.write_text("VALUE = 2\n")
    with pytest.raises(StaleExtensionError, match=str(pyx)):
        _guard(pyx_package).find_spec("pkg.mod", path)


def test_marquee_pure_never_loads_a_pyx_module(
    pyx_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python's own finders would load the extension: the guard must say "not found".
    monkeypatch.setenv("MARQUEE_PURE", "1")
    with pytest.raises(ModuleNotFoundError, match="MARQUEE_PURE is set"):
        _guard(pyx_package).find_spec("pkg.mod", [str(pyx_package / "pkg")])


def test_importing_renderer_refuses_a_stale_compiled_module(tmp_path: Path) -> None:
    # The real path: renderer's __init__ installs the guard before its
    # submodules load. A copy of the packages, `_commands` "built", then edited.
    shutil.copytree(REPO / "renderer", tmp_path / "renderer", ignore=shutil.ignore_patterns(
        "*.so", "*.wasm", "manifest.json", "__pycache__", "core"))
    commands = tmp_path / "renderer" / "_commands.py"
    (tmp_path / "renderer" / f"_commands{EXT_SUFFIX}").write_bytes(b"never loaded")
    manifest = {"modules": {"renderer._commands": {"source_sha256": source_sha256(commands)}}}
    (tmp_path / "renderer" / "_native" / "manifest.json").write_text(json.dumps(manifest))
    commands.write_text(commands.read_text() + "# edited after the build\n")
    env = {k: v for k, v in os.environ.items() if k not in ("MARQUEE_PURE", "PYTHONPATH")}

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        code = "import renderer, renderer._commands as c; print(c.__file__)"
        return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**env, **extra},
                              capture_output=True, text=True, check=False)

    refused = run()
    assert refused.returncode != 0
    assert f"StaleExtensionError: {commands} changed since its compiled build" in refused.stderr
    forced = run(MARQUEE_PURE="1")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.strip() == str(commands)


_SPY = """
import sys
early = []

class Spy:  # asked only when the guard is missing or lets Python find the module
    def find_spec(self, name, path, target=None):
        if name in LISTED and not any(type(f).__module__ == "renderer._native"
                                      for f in sys.meta_path):
            early.append(name)
        return None

sys.meta_path.insert(0, Spy())
import PACKAGE
print(early)
"""


@pytest.mark.parametrize("package", ["renderer", "sdk"])
def test_the_guard_is_in_place_before_any_compiled_module_loads(package: str) -> None:
    # (signals._speedups has no .py: `signals` checks it itself, before any guard.)
    guarded = {name for name in COMPILED if name != "signals._speedups"}
    code = _SPY.replace("LISTED", repr(guarded)).replace("PACKAGE", package)
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


# a dropped app is collected ------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    id: int
    label: str


def _table(rows: Signal[list[_Row]], is_selected: Callable[[int], bool],
           owners: list[Owner | None]) -> Element:
    """The reconciler benchmark's table: a `For` of rows with a selector-bound prop."""

    def render_row(row: _Row) -> Element:
        label = host_element(TEXT, (), {"text": row.label}, None)
        background = lambda: "#ff0000" if is_selected(row.id) else None  # noqa: E731
        return host_element(VIEW, (label,), {"height": 20, "background": background}, None)

    @component
    def Table() -> Element:
        owners.append(get_owner())
        return host_element(VIEW, (For(each=rows, key=lambda row: row.id, render=render_row),),
                            {"direction": "column"}, None)

    return Table()


def _instances() -> int:
    return sum(1 for obj in gc.get_objects() if isinstance(obj, Instance))


def _mount(rows: int) -> tuple[SceneRoot, list[weakref.ref[object]]]:
    """Mount a table of `rows` rows and update it once; weakrefs into it."""
    data = signal([_Row(i, f"row {i}") for i in range(rows)])
    selected = signal(0)
    owners: list[Owner | None] = []
    root = SceneRoot(_table(data, selector(selected), owners))
    assert root.flush()
    with batch():
        selected.set(3)
        data.set([*data.peek()[1:], _Row(rows, "new")])
    root.flush()
    assert isinstance(owners[0], Owner)
    return root, [weakref.ref(root), weakref.ref(root.scene), weakref.ref(owners[0]),
                  weakref.ref(data), weakref.ref(selected)]


@pytest.mark.parametrize("dispose", [False, True], ids=["dropped", "disposed-then-dropped"])
def test_a_dropped_mounted_app_is_garbage_collected(dispose: bool) -> None:
    gc.collect()
    before = _instances()
    root, refs = _mount(1_000)
    assert _instances() - before > 1_000  # the rows are alive while mounted
    if dispose:
        root.dispose()
    del root
    gc.collect()
    assert [ref() for ref in refs] == [None] * len(refs)
    assert _instances() <= before
