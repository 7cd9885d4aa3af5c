"""`Translator`: the locale signal and the catalog lookups that read it.

Lookups (`gettext`, `ngettext`, `format_number`, `direction`) read the locale
signal, so a component, computed or effect that calls them while it runs
depends on the locale and runs again when `set_locale` changes it. Catalogs
are read once per locale: `<dir>/<locale>/LC_MESSAGES/<domain>.po` is parsed
with Babel and compiled in memory into a `gettext.GNUTranslations` (no `.mo`
build step); the catalog's `Plural-Forms` header is the plural rule (Arabic
has six forms). A locale without a catalog falls back to the source strings
(and the English rule: one, other).
"""

from __future__ import annotations

import gettext as _gettext
import io
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from signals import Signal

from ._pseudo import PSEUDO_LOCALE, pseudo_localize

_DATE_LENGTHS = ("short", "medium", "long", "full")

__all__ = ["Translator", "is_rtl"]


def is_rtl(locale: str) -> bool:
    """Whether `locale`'s script is written right to left (CLDR's character order)."""
    if locale == PSEUDO_LOCALE:
        return False
    return bool(Locale.parse(locale, sep="-").character_order == "right-to-left")


class Translator:
    """Translations for one app: catalogs in `catalog_dir`, the locale in a signal.

    Args:
        catalog_dir: the directory holding `<locale>/LC_MESSAGES/<domain>.po`.
        locale: the starting locale (`"en"`, `"ar"`, `"ja"`, or `PSEUDO_LOCALE`).
        domain: the catalog's file name without `.po`.
    """

    def __init__(self, catalog_dir: str | Path, locale: str = "en",
                 domain: str = "messages") -> None:
        self._dir = Path(catalog_dir)
        self._domain = domain
        self._catalogs: dict[str, _gettext.NullTranslations] = {}
        self.locale: Signal[str] = Signal(locale)
        """The current locale; reading it through the lookups subscribes to it."""

    def set_locale(self, locale: str) -> None:
        """Switches every translated text to `locale` (at the next render)."""
        self.locale.set(locale)

    def gettext(self, message: str) -> str:
        """`message` in the current locale (the source text if untranslated)."""
        locale = self.locale()
        if locale == PSEUDO_LOCALE:
            return pseudo_localize(message)
        return self._catalog(locale).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of `singular`/`plural` for `n` under the locale's plural rule."""
        locale = self.locale()
        if locale == PSEUDO_LOCALE:
            return pseudo_localize(singular if n == 1 else plural)
        return self._catalog(locale).ngettext(singular, plural, n)

    def format_number(self, value: float) -> str:
        """`value` with the locale's decimal and grouping separators (CLDR)."""
        locale = self.locale()
        return str(format_decimal(value, locale="en" if locale == PSEUDO_LOCALE else
                                  locale.replace("-", "_")))

    def format_date(self, value: date, length: str = "medium") -> str:
        """`value` written the locale's way (CLDR; `length`: short, medium, long or full).

        Raises:
            ValueError: an unknown `length`.
        """
        if length not in _DATE_LENGTHS:
            raise ValueError(f"format_date(length=...) must be one of {_DATE_LENGTHS}, "
                             f"got {length!r}")
        locale = self.locale()
        return str(format_date(value, format=length, locale="en" if locale == PSEUDO_LOCALE
                               else locale.replace("-", "_")))

    def direction(self) -> str:
        """`"rtl"` or `"ltr"` for the current locale (for `text_align` and layout)."""
        return "rtl" if is_rtl(self.locale()) else "ltr"

    def _catalog(self, locale: str) -> _gettext.NullTranslations:
        found = self._catalogs.get(locale)
        if found is not None:
            return found
        path = self._dir / locale / "LC_MESSAGES" / f"{self._domain}.po"
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=locale.replace("-", "_"))
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            found = _gettext.GNUTranslations(compiled)
        else:
            found = _gettext.NullTranslations()
        self._catalogs[locale] = found
        return found
