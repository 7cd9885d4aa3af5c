"""Test doubles for the renderer: an in-memory scene and a display-list builder.

`SceneDouble` applies the same command batches as the Wasm engine to a Python
model of the scene (fuzz-compared with the engine), so reconciler tests can
check commands without loading Wasm; `DisplayListBuilder` writes display-list
records for painter tests. Neither belongs in an app.
"""

from __future__ import annotations

from ._painter import DisplayListBuilder as DisplayListBuilder
from ._scene_double import SceneDouble as SceneDouble

__all__ = ["DisplayListBuilder", "SceneDouble"]
