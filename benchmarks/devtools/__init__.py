"""Benchmarks of the developer tools (`python -m benchmarks.devtools`)."""
