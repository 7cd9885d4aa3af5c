"""A Python port of js-reactivity-benchmark, run against Marquee's signals and peers.

The cases (kairo, cellx, S-bench and the dynamic "reactively" graphs) are ported
from github.com/milomg/js-reactivity-benchmark as specified in
``/work/shared/design/benchmarks/signals.md``. Every library runs the same
graphs through the adapter interface of :mod:`benchmarks.signals.framework`;
each case checks its expected values, so a fast wrong answer shows as FAILED.

This package may import Marquee's ``signals`` package and the peer libraries
(``reaktiv``, ``observ``); nothing in Marquee imports it. Run it with
``python -m benchmarks.signals`` (see ``README.md``).
"""
