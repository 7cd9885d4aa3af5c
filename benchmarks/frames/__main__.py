"""`python -m benchmarks.frames [--quick]`: see the package docstring."""

from ._run import main

main()
