"""`python -m apps.catalog_service --port N`: serve the demo catalog until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from ._server import CatalogService


def main() -> None:
    """Parse the command line and serve."""
    parser = argparse.ArgumentParser(prog="python -m apps.catalog_service")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--latency-ms", type=float, default=0.0,
                        help="added to every response")
    parser.add_argument("--fault-control", action="store_true",
                        help="serve /control/faults and the ?fail=&delay_ms=&hang= parameters "
                             "(tests and demos only)")
    args = parser.parse_args()
    service = CatalogService(args.host, args.port, latency_ms=args.latency_ms,
                             fault_control=args.fault_control)
    print(f"catalog service on http://{args.host}:{args.port} (Ctrl-C stops)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(service.serve())


if __name__ == "__main__":
    main()
