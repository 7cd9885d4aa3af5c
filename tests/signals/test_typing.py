"""The public API type-checks strictly (runs mypy on typing_checks.py)."""

from __future__ import annotations

from pathlib import Path

from mypy import api


def test_the_public_api_infers_generic_types_under_mypy_strict() -> None:
    checks = Path(__file__).with_name("typing_checks.py")
    stdout, stderr, status = api.run(
        ["--strict", "--warn-unused-ignores", "--no-error-summary", str(checks)]
    )
    assert status == 0, stdout + stderr
