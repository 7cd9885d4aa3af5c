"""One embedded catalog service per process (see the package docstring)."""

from __future__ import annotations

import atexit

from ._server import CatalogService

__all__ = ["shared_service", "stop_shared"]

_shared: list[CatalogService] = []


def shared_service() -> CatalogService:
    """The process's embedded service, started on first use (stopped at exit)."""
    if not _shared:
        service = CatalogService()
        service.start()
        atexit.register(service.stop)
        _shared.append(service)
    return _shared[0]


def stop_shared() -> None:
    """Stops the shared service, if one was started (the next use starts a new one)."""
    while _shared:
        _shared.pop().stop()
