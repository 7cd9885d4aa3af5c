"""The catalog service: a backend-for-frontend for the catalog app (aiohttp).

JSON pages of a seeded demo catalog (`/api/profiles`, `/api/home?profile=`,
`/api/rows/{id}`, `/api/titles/{id}`, `/api/search?q=`) and posters and
backdrops drawn with Skia (`/images/poster/{id}.png`, `/images/backdrop/{id}.jpg`).

Latency and failures are injectable per route (`profiles`, `home`, `row`,
`title`, `search`, `image`): `CatalogService(latency_ms=...)` for all,
`service.set_fault("row", delay_ms=800 | status=500 | hang=True, times=N)`,
and, only when the service is started with `fault_control=True` (tests,
demos; `--fault-control` standalone), the query parameters
`?delay_ms=N&fail=500&hang=1` on any request or `POST /control/faults
{"route": "home", "status": 500}` / `DELETE /control/faults`. Fault rules are
checked field by field (a bad one is a 400 and is not kept).

Bad input is a 4xx with a JSON body `{"error": "..."}` saying what was wrong
(an unknown or malformed id is a 404, a bad fault a 400); never a 500.

Standalone: `python -m apps.catalog_service --port 8080 [--latency-ms 300] [--fault-control]`.
Embedded: `url = CatalogService().start()` (127.0.0.1, a free port), `stop()`;
or `shared_service()`, one per process, started on first use: it lives here
rather than in the app, so a hot reload of the app (`python -m sdk dev`)
finds the running service instead of starting another one.
"""

from ._data import CATALOG as CATALOG
from ._data import Catalog as Catalog
from ._server import ROUTES as ROUTES
from ._server import CatalogService as CatalogService
from ._server import Fault as Fault
from ._shared import shared_service as shared_service
from ._shared import stop_shared as stop_shared

__all__ = ["CATALOG", "ROUTES", "Catalog", "CatalogService", "Fault", "shared_service",
           "stop_shared"]
