"""The catalog app's root: the API, the navigator and the embedded service."""

from __future__ import annotations

import os

from apps.catalog_service import shared_service, stop_shared
from sdk import Element, Navigator, component, provide_context, use_memo
from sdk.i18n import Translator

from ._api import API, CatalogApi
from ._i18n import TRANSLATOR, make_translator
from ._screens import Profiles

__all__ = ["DEFAULT_TIMEOUT_MS", "CatalogApp", "root", "service_url", "stop_embedded"]

DEFAULT_TIMEOUT_MS = 8000.0
"""How long a screen or row may take before it shows a timeout error."""


@component
def CatalogApp(base_url: str, timeout_ms: float = DEFAULT_TIMEOUT_MS, locale: str | None = None,
               translator: Translator | None = None) -> Element:
    """The whole app on the catalog service at `base_url`: profiles, home, details.

    `locale` (`"ar"`, `"ja"`, `"en-XA"`; default `MARQUEE_LOCALE`, else English)
    starts a translator of its own; pass `translator` instead to switch the
    locale at run time (`translator.set_locale("ja")`). Arabic lays the whole
    app out right to left.
    """
    provide_context(API, CatalogApi(base_url))
    t = use_memo(lambda: translator or make_translator(locale))
    provide_context(TRANSLATOR, t)
    # The Navigator is the root on purpose: with nothing focused (just after a push)
    # the back key reaches only the root node, so a wrapper would swallow it. It
    # carries the direction (a function: the root follows the locale, nothing re-renders).
    return Navigator(home=Profiles(timeout_ms=timeout_ms), dir=t.direction)


def service_url() -> str:
    """`MARQUEE_CATALOG_URL`, or the embedded service on 127.0.0.1 (started once per
    process, and kept across hot reloads: `apps.catalog_service.shared_service`)."""
    url = os.environ.get("MARQUEE_CATALOG_URL")
    if url:
        return url
    return shared_service().url


def stop_embedded() -> None:
    """Stop the embedded service, if one was started."""
    stop_shared()


def root() -> Element:
    """The app's root element (the CLI's convention); starts the service if needed."""
    return CatalogApp(base_url=service_url())
