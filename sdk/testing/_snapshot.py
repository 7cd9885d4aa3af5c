"""`UISnapshot` and the syrupy extensions that store it.

`assert screen.snapshot() == snapshot` runs two syrupy assertions on the
test's `snapshot` fixture, both named after the assertion (`[screen]`,
`[screen2]`, ... or the `snapshot(name=...)` given):

- the image, as `__snapshots__/<test file>/<test>[<name>].png`, compared with
  `compare_images` (exact first, then the tolerance);
- the scene tree, as `.../<test>[<name>].txt` (engine dump without node ids:
  kind, box, text, non-default style properties, states), compared exactly.

So syrupy's `--snapshot-update`, its file layout and its unused-snapshot
report apply unchanged. The PNG is only encoded when a file must be written:
matching decodes the stored file and compares pixels. A failed image
comparison writes expected/actual/diff PNGs and an HTML report
(`_report.py`); the plugin's assertion message prints its path.
"""

from __future__ import annotations

import contextvars
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..runtime import Screenshot
from ._compare import Comparison, Pixels, Tolerance, compare_images, decode_png, encode_png
from ._report import write_report

if TYPE_CHECKING:
    from syrupy.assertion import SnapshotAssertion

__all__ = ["UISnapshot"]

_COUNT_ATTR = "_marquee_ui_snapshots"
"""Attribute counting UI snapshots per syrupy assertion (names `screen`, `screen2`, ...);
stored on the assertion itself because `SnapshotAssertion` is unhashable."""


class _LazyPNG:
    """Pixels that become PNG bytes only when syrupy writes them."""

    def __init__(self, pixels: Pixels, shot: Screenshot | None = None) -> None:
        self.pixels = pixels
        self._shot = shot
        self._png: bytes | None = None

    def png(self) -> bytes:
        if self._png is None:
            # The runtime's encoder when there is a screenshot: one PNG path for
            # the CLI's --screenshot, docs images and snapshots.
            shot = self._shot
            self._png = shot.png_bytes() if shot is not None else encode_png(self.pixels)
        return self._png

    def __repr__(self) -> str:
        height, width = self.pixels.shape[:2]
        return f"<PNG {width}x{height}>"


@dataclass
class _Probe:
    """What the image extension learns during one comparison."""

    tolerance: Tolerance
    comparison: Comparison | None = None
    expected: Pixels | None = None
    error: str | None = None
    """Why the stored file could not be compared (not a PNG)."""


_PROBE: contextvars.ContextVar[_Probe | None] = contextvars.ContextVar("marquee_probe",
                                                                      default=None)


def _pixels_of(data: Any) -> Pixels:
    if isinstance(data, _LazyPNG):
        return data.pixels
    return decode_png(bytes(data))


def _extensions() -> tuple[type[Any], type[Any]]:
    """The syrupy extension classes (syrupy is imported only when snapshots are used)."""
    global _EXTENSIONS
    if _EXTENSIONS is None:
        _EXTENSIONS = _make_extensions()
    return _EXTENSIONS


_EXTENSIONS: tuple[type[Any], type[Any]] | None = None


def _make_extensions() -> tuple[type[Any], type[Any]]:
    from syrupy.data import SnapshotCollection
    from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

    class ScreenImageExtension(SingleFileSnapshotExtension):
        """A screen's pixels as PNG, compared with `compare_images`."""

        file_extension = "png"

        def serialize(self, data: Any, **kwargs: Any) -> Any:
            if isinstance(data, _LazyPNG):
                return data
            return super().serialize(data, **kwargs)

        def matches(self, *, serialized_data: Any, snapshot_data: Any) -> bool:
            probe = _PROBE.get()
            tolerance = probe.tolerance if probe is not None else Tolerance()
            try:
                expected = _pixels_of(snapshot_data)
            except ValueError as exc:
                # A mismatch, not an error: --snapshot-update can then rewrite it.
                if probe is not None:
                    probe.error = str(exc)
                return False
            comparison = compare_images(expected, _pixels_of(serialized_data), tolerance)
            if probe is not None:
                probe.comparison, probe.expected = comparison, expected
            return comparison.matched

        @classmethod
        def write_snapshot_collection(cls, *, snapshot_collection: SnapshotCollection,
                                      name_order: dict[str, int] | None = None) -> None:
            data: Any = next(iter(snapshot_collection)).data
            png = data.png() if isinstance(data, _LazyPNG) else bytes(data)
            Path(snapshot_collection.location).write_bytes(png)

    class ScreenTreeExtension(SingleFileSnapshotExtension):
        """A screen's scene tree as text."""

        file_extension = "txt"
        _write_mode = WriteMode.TEXT

    return ScreenImageExtension, ScreenTreeExtension


def _is_assertion(value: object) -> bool:
    try:
        from syrupy.assertion import SnapshotAssertion
    except ImportError:  # syrupy not installed: nothing can be a snapshot fixture
        return False
    return isinstance(value, SnapshotAssertion)


@dataclass(eq=False)
class UISnapshot:
    """One screen captured for `assert screen.snapshot() == snapshot`."""

    tree: str
    """The scene tree text (what the `.txt` snapshot holds)."""
    screenshot: Screenshot | None
    """The pixels (None for a structural screen: tree only)."""
    tolerance: Tolerance = field(default_factory=Tolerance)
    failure: list[str] = field(default_factory=list)
    """Lines explaining the last failed comparison (the plugin prints them)."""
    report: Path | None = None
    """The HTML report of the last failed image comparison."""
    _pixels: Pixels | None = field(default=None, repr=False)

    @property
    def pixels(self) -> Pixels | None:
        """The screenshot as a `(height, width, 4)` RGBA array."""
        if self._pixels is None and self.screenshot is not None:
            shot = self.screenshot
            self._pixels = np.frombuffer(shot.rgba, dtype=np.uint8).reshape(
                shot.height, shot.width, 4)
        return self._pixels

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UISnapshot):
            return self._equals(other)
        if not _is_assertion(other):
            return NotImplemented
        return self._assert(other)  # type: ignore[arg-type]

    __hash__ = None  # type: ignore[assignment]

    def _equals(self, other: UISnapshot) -> bool:
        if self.tree != other.tree:
            return False
        mine, theirs = self.pixels, other.pixels
        if mine is None or theirs is None:
            return mine is None and theirs is None
        return compare_images(theirs, mine, self.tolerance).matched

    def _assert(self, assertion: SnapshotAssertion) -> bool:
        image_ext, tree_ext = _extensions()
        count = int(getattr(assertion, _COUNT_ATTR, 0)) + 1
        setattr(assertion, _COUNT_ATTR, count)
        name = assertion._custom_index or ("screen" if count == 1 else f"screen{count}")
        self.failure, self.report = [], None
        image_ok = True
        pixels = self.pixels
        if pixels is not None:
            probe = _Probe(self.tolerance)
            token = _PROBE.set(probe)
            try:
                data = _LazyPNG(pixels, self.screenshot)
                image_ok = assertion(extension_class=image_ext, name=name) == data
            finally:
                _PROBE.reset(token)
            if not image_ok:
                self._explain_image(assertion, name, probe, pixels)
        tree_ok = assertion(extension_class=tree_ext, name=name) == self.tree
        if not tree_ok:
            self._explain_tree(assertion, tree_ext, name)
        return image_ok and tree_ok

    def _explain_image(self, assertion: SnapshotAssertion, name: str, probe: _Probe,
                       pixels: Pixels) -> None:
        result = assertion.executions[assertion.num_executions - 1]
        where = result.snapshot_location
        if result.exception is not None:
            self.failure.append(f"image snapshot {name!r}: {result.exception}")
        elif result.recalled_data is None:
            self.failure.append(f"image snapshot {name!r} does not exist yet ({where}); "
                                "run pytest with --snapshot-update to create it")
        elif probe.error is not None:
            self.failure.append(f"image snapshot {name!r} at {where}: {probe.error}")
        elif probe.comparison is not None and probe.expected is not None:
            self.report = write_report(
                assertion.test_location.nodeid, name, probe.expected, pixels,
                probe.comparison, self.tree, _recalled_text(assertion, name))
            self.failure += [
                f"image snapshot {name!r} differs from {where}:",
                f"  {probe.comparison.reason}",
                f"  report: {self.report}",
            ]

    def _explain_tree(self, assertion: SnapshotAssertion, tree_ext: type[Any],
                      name: str) -> None:
        result = assertion.executions[assertion.num_executions - 1]
        if result.exception is not None:
            self.failure.append(f"scene tree snapshot {name!r}: {result.exception}")
            return
        if result.recalled_data is None:
            self.failure.append(f"scene tree snapshot {name!r} does not exist yet "
                                f"({result.snapshot_location}); run pytest with "
                                "--snapshot-update to create it")
            return
        diff = difflib.unified_diff(str(result.recalled_data).splitlines(),
                                    self.tree.splitlines(), "expected", "actual", lineterm="",
                                    n=2)
        self.failure += [f"scene tree snapshot {name!r} differs from "
                         f"{result.snapshot_location}:", *(f"  {line}" for line in diff)]


def _recalled_text(assertion: SnapshotAssertion, name: str) -> str | None:
    """The stored tree snapshot for `name`, if any (for the report)."""
    _, tree_ext = _extensions()
    location = tree_ext.get_location(test_location=assertion.test_location, index=name)
    path = Path(location)
    return path.read_text("utf-8") if path.exists() else None
