"""Entry point: ``python -m benchmarks.signals [--quick] [--libs ...] [--cases ...]``."""

from .runner import main

raise SystemExit(main())
