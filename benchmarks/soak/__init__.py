"""Soak benchmark: a TV left on (`python -m benchmarks.soak [--quick]`)."""
