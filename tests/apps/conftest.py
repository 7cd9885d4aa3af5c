"""The real catalog service on 127.0.0.1 (a free port), one per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from apps.catalog_service import CatalogService


@pytest.fixture(scope="module")
def _running_service() -> Iterator[CatalogService]:
    service = CatalogService(fault_control=True)  # started for tests
    service.start()
    yield service
    service.stop()


@pytest.fixture
def service(_running_service: CatalogService) -> Iterator[CatalogService]:
    """The running service, with no faults at the start and end of each test."""
    _running_service.clear_faults()
    yield _running_service
    _running_service.clear_faults()
