"""Committed font subsets for deterministic text tests (see `make_subsets.py`)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

SUBSET_CHAIN: tuple[Path, ...] = tuple(HERE / name for name in (
    "NotoSans-subset.ttf",
    "NotoSansArabic-subset.ttf",
    "NotoSansHebrew-subset.ttf",
    "NotoSansDevanagari-subset.ttf",
    "NotoSansThai-subset.ttf",
    "NotoSansCJK-subset.otf",
    "NotoColorEmoji-subset.ttf",
))
"""The default fallback chain, cut down to `corpus.SAMPLES`, in the same order."""
