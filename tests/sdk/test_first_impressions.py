"""What a new app team sees first: the README example, `run -h`, a quiet stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sdk
from components import TEN_FOOT
from sdk import _cli

ROOT = Path(__file__).resolve().parents[2]


def readme_counter() -> object:
    """The README's first example, without its last line (which runs a window)."""
    block = (ROOT / "README.md").read_text().split("```python\n", 1)[1].split("```", 1)[0]
    run_line = "App(Counter(start=3)).run()"
    assert run_line in block, "the README example changed: update this test"
    namespace: dict[str, object] = {}
    exec(block.replace(run_line, ""), namespace)
    return namespace["Counter"]


async def test_the_readme_example_shows_its_text_on_the_theme_background(ui):
    counter = readme_counter()
    screen = await ui.mount(counter(start=3), size=(960, 540))  # type: ignore[operator]
    shot = screen.screenshot()
    background = tuple(int(TEN_FOOT.colors.background[i:i + 2], 16) for i in (1, 3, 5))
    # Far from every element: the surface itself, opaque in the theme's background.
    assert shot.pixel(900, 500) == (*background, 255)
    assert screen.get_by_text("Pressed 3 times").props["color"] == "#f4f5f8ff"


def test_the_default_surface_is_the_default_theme_background():
    assert TEN_FOOT.colors.background == sdk.DEFAULT_BACKGROUND


def test_a_scene_root_can_keep_a_transparent_surface():
    root = sdk.SceneRoot(sdk.Fragment(), background=None)
    data = root.flush()
    assert sdk.SceneRoot(sdk.Fragment()).flush() != data  # the default one sets a colour


def run_sdk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sdk", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_run_help_shows_the_whole_module_convention_and_the_modes():
    result = run_sdk("run", "-h")
    assert result.returncode == 0, result.stderr
    doc = _cli.__doc__ or ""
    # Every line of the docstring after its title is in the help, in order.
    lines = [line.strip() for line in doc.split("\n\n", 1)[1].splitlines() if line.strip()]
    help_lines = [line.strip() for line in result.stdout.splitlines()]
    positions = [help_lines.index(line) for line in lines]
    assert positions == sorted(positions)
    assert "- `main()`: a function returning an `Element` or an `App`." in help_lines


def test_a_run_prints_no_fontconfig_warning(tmp_path):
    # A configuration the Fontconfig inside skia-python cannot read (as Debian's
    # 05-reset-dirs-sample.conf): reading it at all would print a warning.
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n'
                    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    "<fontconfig>\n  <reset-dirs />\n</fontconfig>\n")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = run_sdk("run", "apps.hello", "--headless", "--frames", "3",
                     "--screenshot", str(tmp_path / "shot.png"), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot.png").is_file()
    assert "Fontconfig" not in result.stderr, result.stderr
