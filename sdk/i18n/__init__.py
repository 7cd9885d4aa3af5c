"""Translations: gettext catalogs, plural rules, number formats and a pseudo-locale.

`Translator` keeps the current locale in a signal, so every component that
translates a string while it renders (`t.gettext("Play")`) renders again when
the locale changes at run time. Catalogs are gettext `.po` files
(`<dir>/<locale>/LC_MESSAGES/<domain>.po`, extracted with Babel's
`pybabel extract`), read with Babel and served by the standard library's
`gettext`; plural forms and number formats come from Babel (CLDR). The
pseudo-locale `en-XA` accents, lengthens (by 40 %) and brackets every string
to find truncation and untranslated text in snapshots.

This wing imports `signals` and Babel only: nothing of the other sdk wings,
`renderer`, `components` or `apps`.
"""

from ._pseudo import PSEUDO_LOCALE as PSEUDO_LOCALE
from ._pseudo import pseudo_localize as pseudo_localize
from ._translator import Translator as Translator
from ._translator import is_rtl as is_rtl

__all__ = ["PSEUDO_LOCALE", "Translator", "is_rtl", "pseudo_localize"]
