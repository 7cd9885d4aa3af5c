"""docs/testing.md shows a test that runs: its first code block is test_docs_example.py."""

from __future__ import annotations

from pathlib import Path


def test_the_guide_example_is_the_tested_file():
    root = Path(__file__).resolve().parents[2]
    guide = (root / "docs" / "testing.md").read_text()
    block = guide.split("```python\n", 1)[1].split("```", 1)[0]
    assert block == (Path(__file__).parent / "test_docs_example.py").read_text()
    assert (root / "docs" / "images" / "snapshot-report.png").is_file()
