"""Renderer benchmarks: a TV home page against the 16.7 ms frame budget and stretchable.

`python -m benchmarks.renderer` prints a table of measured values next to
their goals (and the ratio) and writes `benchmarks/results/renderer.json`.
"""
