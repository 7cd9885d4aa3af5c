"""The catalog's translations: one `Translator` for the app tree, and its locale.

`CatalogApp` provides the translator through `TRANSLATOR` (as it provides the
API); screens read it with `use_translator()` and call `t.gettext(...)` while
they render, so a locale switch re-renders exactly the translated texts.
Async components read nothing translated after an `await` (that part runs
untracked): they hand their data to a plain component that translates.
Catalogs: `locales/<locale>/LC_MESSAGES/catalog.po` (`ar`, `ja`); English is
the source text. The service's data (titles, genres, synopses) is not
translated.
"""

from __future__ import annotations

import os
from pathlib import Path

from sdk import use_context
from sdk.i18n import Translator
from signals import Context, create_context

__all__ = ["DOMAIN", "LOCALES_DIR", "TRANSLATOR", "default_locale", "make_translator",
           "use_translator"]

LOCALES_DIR = Path(__file__).parent / "locales"
"""Where the catalogs are: `<locale>/LC_MESSAGES/catalog.po`."""
DOMAIN = "catalog"

TRANSLATOR: Context[Translator | None] = create_context(None, "catalog-translator")


def default_locale() -> str:
    """`MARQUEE_LOCALE` (`ar`, `ja`, `en-XA`, ...), else `"en"`."""
    return os.environ.get("MARQUEE_LOCALE") or "en"


def make_translator(locale: str | None = None) -> Translator:
    """A translator over the catalog's catalogs, starting at `locale` (or the default)."""
    return Translator(LOCALES_DIR, locale or default_locale(), domain=DOMAIN)


def use_translator() -> Translator:
    """The app's translator (a hook: call it in a component's body)."""
    t = use_context(TRANSLATOR)
    if t is None:
        raise RuntimeError("the catalog screens need CatalogApp (it provides the translator)")
    return t
