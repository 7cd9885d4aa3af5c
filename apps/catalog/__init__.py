"""The catalog app: a TV catalog on the catalog service (`apps.catalog_service`).

Profile picker -> home page (a Search button, a hero and rails of posters) ->
title details -> back (focus returns to the poster). Search (`_search.py`):
an on-screen keyboard and a query line, results loaded once typing pauses,
a grid of cards. Every screen loads through async
components inside `Deferred` boundaries: a skeleton or spinner while waiting,
an error view with "Try again" when a request fails or times out.

Translated (`_i18n.py`, catalogs in `locales/`): `CatalogApp(locale="ar")` or
`MARQUEE_LOCALE=ar` (also `ja`, and the pseudo-locale `en-XA`); Arabic lays
the whole app out right to left.

Run it with `python -m sdk run apps.catalog` (an embedded service on a free
port, or the one at `MARQUEE_CATALOG_URL`); `python -m apps.catalog.demo`
drives a scripted remote-control session headless.
"""

from ._api import CatalogApi as CatalogApi
from ._api import CatalogError as CatalogError
from .app import DEFAULT_TIMEOUT_MS as DEFAULT_TIMEOUT_MS
from .app import CatalogApp as CatalogApp
from .app import root as root
from .app import service_url as service_url
from .app import stop_embedded as stop_embedded

__all__ = ["DEFAULT_TIMEOUT_MS", "CatalogApi", "CatalogApp", "CatalogError", "root",
           "service_url", "stop_embedded"]
