"""Failure reports for image snapshots: expected, actual, diff and an HTML page.

Each failed comparison gets its own directory under the report directory,
named after the test id and snapshot name, so pytest-xdist workers never
write the same file. The page shows expected / actual / difference side by
side, the same three cropped and magnified around the differing pixels
(a 2 px shift is invisible in a scaled-down full-HD image), the
comparison's numbers and the scene-tree diff.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import re
import shutil
from pathlib import Path

from ._compare import Comparison, Pixels, diff_image, encode_png

__all__ = ["clear_reports", "report_dir", "set_report_dir", "write_index", "write_report"]

_REPORT_DIR: Path | None = None
_UNSAFE = re.compile(r"[^A-Za-z0-9._\-\[\]]+")
_CROP_MARGIN = 24


def set_report_dir(path: Path | None) -> None:
    """Where failure reports go (the plugin sets `--snapshot-report-dir`)."""
    global _REPORT_DIR
    _REPORT_DIR = path


def report_dir() -> Path:
    """The report directory (default `.snapshot-report` in the working directory)."""
    return _REPORT_DIR if _REPORT_DIR is not None else Path.cwd() / ".snapshot-report"


def _folder_name(nodeid: str, name: str) -> str:
    readable = _UNSAFE.sub("_", f"{nodeid}[{name}]").strip("_")
    if len(readable) <= 120:
        return readable
    digest = hashlib.sha1(readable.encode()).hexdigest()[:10]
    return f"{readable[:108]}-{digest}"


def _crop(pixels: Pixels, bounds: tuple[int, int, int, int]) -> Pixels:
    x, y, w, h = bounds
    height, width = pixels.shape[:2]
    x0, y0 = max(x - _CROP_MARGIN, 0), max(y - _CROP_MARGIN, 0)
    x1, y1 = min(x + w + _CROP_MARGIN, width), min(y + h + _CROP_MARGIN, height)
    return pixels[y0:y1, x0:x1]


def write_report(nodeid: str, name: str, expected: Pixels, actual: Pixels,
                 comparison: Comparison, tree: str, expected_tree: str | None) -> Path:
    """Writes the PNGs and `report.html` for one failed comparison; returns the page's path."""
    folder = report_dir() / _folder_name(nodeid, name)
    folder.mkdir(parents=True, exist_ok=True)
    diff = diff_image(expected, actual, comparison)
    images = {"expected": expected, "actual": actual, "diff": diff}
    for label, pixels in images.items():
        (folder / f"{label}.png").write_bytes(encode_png(pixels))
    crops = ""
    if comparison.bounds is not None and expected.shape == actual.shape:
        for label, pixels in images.items():
            (folder / f"{label}-crop.png").write_bytes(encode_png(_crop(pixels, comparison.bounds)))
        crops = _row("Around the differences (magnified)", [
            (label, f"{label}-crop.png") for label in images], magnify=True)
    tree_diff = ""
    if expected_tree is not None and expected_tree != tree:
        lines = difflib.unified_diff(expected_tree.splitlines(), tree.splitlines(),
                                     "expected", "actual", lineterm="", n=2)
        tree_diff = f"<h2>Scene tree</h2><pre>{''.join(_diff_line(line) for line in lines)}</pre>"
    page = _PAGE.format(
        title=html.escape(f"{nodeid} [{name}]"),
        reason=html.escape(comparison.reason),
        full=_row("Whole screen", [(label, f"{label}.png") for label in images]),
        crops=crops,
        tree=tree_diff or "<p>The scene tree is unchanged.</p>",
    )
    target = folder / "report.html"
    target.write_text(page, "utf-8")
    (folder / "summary.txt").write_text(f"{nodeid} [{name}]\n{comparison.reason}\n", "utf-8")
    return target


def _report_folders(root: Path) -> list[Path]:
    """Folders this module wrote: a report page next to its summary."""
    if not root.is_dir():
        return []
    return sorted(f for f in root.iterdir()
                  if (f / "report.html").is_file() and (f / "summary.txt").is_file())


def clear_reports(root: Path) -> None:
    """Removes the reports of an earlier run (only folders and the index written here)."""
    for folder in _report_folders(root):
        shutil.rmtree(folder, ignore_errors=True)
    index = root / "index.html"
    if index.is_file():
        index.unlink()


def write_index(root: Path) -> Path | None:
    """Writes `index.html` linking every report in `root`; None when there is none."""
    folders = _report_folders(root)
    if not folders:
        return None
    items = []
    for folder in folders:
        title, _, reason = folder.joinpath("summary.txt").read_text("utf-8").partition("\n")
        thumb = "diff-crop.png" if (folder / "diff-crop.png").is_file() else "diff.png"
        items.append(
            f'<li><a href="{folder.name}/report.html"><img src="{folder.name}/{thumb}" alt="">'
            f"<b>{html.escape(title)}</b></a><br>{html.escape(reason.strip())}</li>")
    target = root / "index.html"
    target.write_text(_INDEX.format(count=len(items), items="".join(items)), "utf-8")
    return target


def _diff_line(line: str) -> str:
    kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
    return f'<span class="{kind}">{html.escape(line)}</span>\n'


def _row(heading: str, items: list[tuple[str, str]], *, magnify: bool = False) -> str:
    cls = "row magnify" if magnify else "row"
    cells = "".join(
        f'<figure><figcaption>{html.escape(label)}</figcaption>'
        f'<a href="{src}"><img src="{src}" alt="{html.escape(label)}"></a></figure>'
        for label, src in items
    )
    return f"<h2>{html.escape(heading)}</h2><div class=\"{cls}\">{cells}</div>"


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Snapshot failure: {title}</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 24px; background: #16161c; color: #eee; }}
h1 {{ font-size: 20px; word-break: break-all; }}
h2 {{ font-size: 16px; margin-top: 28px; }}
.reason {{ background: #2a1b22; border-left: 4px solid #ff0040; padding: 8px 12px; }}
.row {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }}
figure {{ margin: 0; }}
figcaption {{ font-weight: 600; margin-bottom: 4px; text-transform: uppercase; }}
img {{ width: 100%; border: 1px solid #444; background:
  repeating-conic-gradient(#333 0 25%, #222 0 50%) 0 0 / 16px 16px; }}
.magnify img {{ image-rendering: pixelated; }}
pre {{ background: #0d0d12; padding: 12px; white-space: pre-wrap; word-break: break-all; }}
pre .add {{ color: #7ee787; }} pre .del {{ color: #ff7b72; }} pre .hunk {{ color: #79c0ff; }}
.legend span {{ display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; }}
</style></head><body>
<h1>{title}</h1>
<p class="reason">{reason}</p>
<p class="legend">Diff: <span style="background:#ff0040"></span>differing
<span style="background:#ffd200"></span>forgiven as anti-aliasing</p>
{full}
{crops}
{tree}
</body></html>
"""

_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{count} snapshot failures</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 24px; background: #16161c; color: #eee; }}
a {{ color: #79c0ff; }} li {{ margin: 0 0 18px; list-style: none; }}
img {{ height: 72px; margin-right: 12px; vertical-align: middle; image-rendering: pixelated;
      border: 1px solid #444; }}
</style></head><body><h1>{count} image snapshots differ</h1><ul>{items}</ul></body></html>
"""
