"""Translations: catalogs per locale, plural rules, the locale signal, the pseudo-locale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sdk.i18n import PSEUDO_LOCALE, Translator, is_rtl, pseudo_localize
from signals import computed

CATALOGS = Path(__file__).parent / "i18n_catalog"


@pytest.fixture
def t() -> Translator:
    return Translator(CATALOGS)


def test_strings_come_from_the_current_locales_catalog(t: Translator) -> None:
    assert t.gettext("Play") == "Play"  # English: the source text
    t.set_locale("ar")
    assert t.gettext("Play") == "تشغيل"
    t.set_locale("ja")
    assert t.gettext("Continue watching") == "続きを見る"
    assert t.gettext("Not in the catalog") == "Not in the catalog"


@pytest.mark.parametrize(("n", "form"), [
    (0, "لا حلقات"), (1, "حلقة واحدة"), (2, "حلقتان"), (3, "{n} حلقات"), (10, "{n} حلقات"),
    (11, "{n} حلقة"), (99, "{n} حلقة"), (100, "{n} حلقة"), (103, "{n} حلقات"),
])
def test_arabic_plurals_use_the_catalogs_six_forms(t: Translator, n: int, form: str) -> None:
    t.set_locale("ar")
    assert t.ngettext("{n} episode", "{n} episodes", n) == form


def test_japanese_has_one_plural_form_and_english_two(t: Translator) -> None:
    assert t.ngettext("{n} episode", "{n} episodes", 1) == "{n} episode"
    assert t.ngettext("{n} episode", "{n} episodes", 5) == "{n} episodes"
    t.set_locale("ja")
    assert {t.ngettext("{n} episode", "{n} episodes", n) for n in (1, 5)} == {"{n}話"}


def test_a_computed_translation_follows_the_locale_signal(t: Translator) -> None:
    # label <- t.gettext <- t.locale: changing the locale recomputes the label,
    # as it re-renders a component that translated while rendering.
    label = computed(lambda: t.gettext("Play"))
    assert label() == "Play"
    t.set_locale("ja")
    assert label() == "再生"
    t.set_locale("ar")
    assert label() == "تشغيل"


def test_numbers_use_the_locales_separators(t: Translator) -> None:
    assert t.format_number(1234.5) == "1,234.5"
    t.set_locale("de")
    assert t.format_number(1234.5) == "1.234,5"


def test_dates_are_written_the_locales_way(t: Translator) -> None:
    day = date(2026, 12, 7)
    assert t.format_date(day, "long") == "December 7, 2026"
    t.set_locale("ja")
    assert t.format_date(day, "long") == "2026年12月7日"
    t.set_locale("de")
    assert t.format_date(day) == "07.12.2026"
    with pytest.raises(ValueError, match="length"):
        t.format_date(day, "tiny")


def test_direction_follows_the_locales_script(t: Translator) -> None:
    assert t.direction() == "ltr"
    t.set_locale("ar")
    assert t.direction() == "rtl"
    assert is_rtl("he") and not is_rtl("ja") and not is_rtl(PSEUDO_LOCALE)


def test_the_pseudo_locale_is_accented_longer_bracketed_and_keeps_placeholders() -> None:
    text = "Play {title} now, %(count)s left"
    pseudo = pseudo_localize(text)
    assert pseudo.startswith("[") and pseudo.endswith("]")
    assert len(pseudo) >= 1.4 * len(text)
    assert "{title}" in pseudo and "%(count)s" in pseudo
    assert "Play" not in pseudo and "Ƥŀáý" in pseudo


def test_the_pseudo_locale_translates_every_lookup(t: Translator) -> None:
    t.set_locale(PSEUDO_LOCALE)
    assert t.gettext("Play") == pseudo_localize("Play")
    assert t.ngettext("{n} episode", "{n} episodes", 2) == pseudo_localize("{n} episodes")
