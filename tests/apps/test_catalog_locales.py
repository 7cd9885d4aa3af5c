"""The catalog app in Arabic (right to left), Japanese and the pseudo-locale.

Against the real catalog service: the profiles and home pages as scene-tree
and PNG snapshots, every glyph found (no `missing_glyphs` in the engine's
dump), the Arabic layout mirrored with focus following what the viewer sees,
and a switch of locale at run time that re-renders every translated text and
keeps the viewer where they were.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from apps.catalog import CatalogApp
from apps.catalog._i18n import LOCALES_DIR, make_translator
from apps.catalog_service import CATALOG
from sdk.i18n import PSEUDO_LOCALE
from tests.apps.test_catalog_search import to_search, type_text

SIZE = (960, 540)
APP_DIR = Path(__file__).resolve().parents[2] / "apps" / "catalog"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
TRENDING = [CATALOG.titles[i].name for i in CATALOG.rows["trending"].title_ids]


def title_of(cell) -> str:
    return cell.children[0].label


def root_dir(screen) -> str:
    """The `dir` the navigator (the app's root node) has in the engine's dump."""
    line = screen.dump().splitlines()[1]
    return line.split(" dir=")[1].split()[0]


def assert_every_glyph_found(screen) -> None:
    dump = screen.dump()
    missing = [line.strip() for line in dump.splitlines() if "missing_glyphs" in line]
    assert missing == [], "text drawn with boxes (tofu):\n" + "\n".join(missing)


async def open_home(screen, expected_focus: str = "hero-info") -> None:
    await screen.settle()
    assert screen.focused.test_id == "profile-ana"
    await screen.press("select")
    await screen.settle()
    assert screen.focused.test_id == expected_focus


async def test_arabic_mirrors_the_app_and_focus_follows_what_the_viewer_sees(
        ui, service, snapshot):
    screen = await ui.mount(CatalogApp(base_url=service.url, locale="ar"), size=SIZE)
    await screen.settle()
    assert root_dir(screen) == "rtl"
    assert screen.get_by_role("heading").text == "من يشاهد الآن؟"
    ana, ben = screen.get_by_test_id("profile-ana"), screen.get_by_test_id("profile-ben")
    assert ana.box.x > ben.box.x  # the first profile is the rightmost one
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="ar-profiles")
    await screen.press("left")  # left goes to the next profile: it is on the left
    assert screen.focused.test_id == "profile-ben"
    await screen.press("right")
    await open_home(screen)
    assert screen.get_by_test_id("hero-info").text == "مزيد من المعلومات"
    assert screen.get_by_test_id("home-search").text == "بحث"
    search, hero = screen.get_by_test_id("home-search"), screen.get_by_test_id("hero")
    assert search.box.x + search.box.width == hero.box.x + hero.box.width  # at the right
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="ar-home")
    await screen.press("down")
    first = screen.focused
    assert title_of(first) == TRENDING[0]
    await screen.press("left")  # the second title is left of the first
    second = screen.focused
    assert title_of(second) == TRENDING[1]
    assert second.box.x < first.box.x
    await screen.press("select")
    await screen.settle()
    assert screen.get_by_test_id("details-play").text == "تشغيل"
    play, back = screen.get_by_test_id("details-play"), screen.get_by_test_id("details-back")
    assert play.box.x > back.box.x
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="ar-details")


async def test_japanese_shows_every_glyph(ui, service, snapshot):
    screen = await ui.mount(CatalogApp(base_url=service.url, locale="ja"), size=SIZE)
    await screen.settle()
    assert root_dir(screen) == "ltr"
    assert screen.get_by_role("heading").text == "どなたが視聴しますか？"
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="ja-profiles")
    await open_home(screen)
    assert screen.get_by_test_id("hero-info").text == "詳細情報"
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="ja-home")
    await screen.press("down")
    await screen.press("right")
    assert title_of(screen.focused) == TRENDING[1]


async def test_the_pseudo_locale_home_page_shows_every_string_whole(ui, service, snapshot):
    screen = await ui.mount(CatalogApp(base_url=service.url, locale=PSEUDO_LOCALE), size=SIZE)
    await open_home(screen)
    info = screen.get_by_test_id("hero-info").text
    assert info.startswith("[") and info.endswith("]") and "Ḿóŕé íñƒó" in info
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="en-XA-home")


async def test_switching_the_locale_at_run_time_re_renders_every_text_in_place(ui, service):
    t = make_translator("en")
    screen = await ui.mount(CatalogApp(base_url=service.url, translator=t), size=SIZE)
    await open_home(screen)
    await screen.press("down")
    cell = screen.focused
    assert root_dir(screen) == "ltr"
    texts = {"home-search": "Search", "hero-info": "More info"}
    for locale, direction, search, info in [("ar", "rtl", "بحث", "مزيد من المعلومات"),
                                           ("ja", "ltr", "検索", "詳細情報"),
                                           ("en", "ltr", "Search", "More info")]:
        t.set_locale(locale)
        await screen.settle()
        assert root_dir(screen) == direction
        assert screen.get_by_test_id("home-search").text == search
        assert screen.get_by_test_id("hero-info").text == info
        assert (screen.query_by_text("Featured") is None) == (locale != "en")
        # the viewer stays on the home page, on the poster they were on
        assert title_of(screen.focused) == title_of(cell)
    assert {k: screen.get_by_test_id(k).text for k in texts} == texts


async def test_arabic_result_counts_take_the_plural_form_for_the_number():
    t = make_translator("ar")
    said = [t.ngettext("{n} result", "{n} results", n).format(n=t.format_number(n))
            for n in (0, 1, 2, 3, 11, 100)]
    assert said == ["لا توجد نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة",
                    "100 نتيجة"]
    t.set_locale("ja")
    assert t.ngettext("{n} result", "{n} results", 1) == "{n}件"


async def test_marquee_locale_picks_the_starting_locale(ui, service, monkeypatch):
    monkeypatch.setenv("MARQUEE_LOCALE", "ja")
    screen = await ui.mount(CatalogApp(base_url=service.url), size=SIZE)
    await screen.settle()
    assert screen.get_by_role("heading").text == "どなたが視聴しますか？"
    monkeypatch.setenv("MARQUEE_LOCALE", "")
    assert make_translator().locale() == "en"


SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_catalog_locales"
DOCS = Path(__file__).resolve().parents[2] / "docs"
PICTURES = {
    "catalog_ar_home.png":
        "test_arabic_mirrors_the_app_and_focus_follows_what_the_viewer_sees[ar-home].png",
    "catalog_ja_home.png": "test_japanese_shows_every_glyph[ja-home].png",
}


@pytest.mark.parametrize("picture", sorted(PICTURES))
def test_the_docs_picture_is_the_snapshot(picture):
    doc = DOCS / "images/i18n" / picture
    assert doc.read_bytes() == (SNAPSHOTS / PICTURES[picture]).read_bytes(), (
        f"docs/images/i18n/{picture} is stale: copy it from {SNAPSHOTS / PICTURES[picture]}")
    assert f"images/i18n/{picture}" in (DOCS / "text.md").read_text()


def extracted_messages() -> dict[str, tuple[str, ...]]:
    """What `pybabel extract -k N_ apps/catalog` finds: msgid -> (msgid[, plural])."""
    keywords = dict(DEFAULT_KEYWORDS, N_=None)
    found = {}
    for _, _, message, _, _ in extract_from_dir(APP_DIR, method_map=[("**.py", "python")],
                                                keywords=keywords):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[forms[0]] = forms
    return found


@pytest.mark.parametrize("locale", ["ar", "ja"])
def test_every_string_the_app_shows_is_translated_with_its_placeholders(locale):
    with (LOCALES_DIR / locale / "LC_MESSAGES" / "catalog.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    wanted = extracted_messages()
    assert len(wanted) >= 20
    have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert sorted(have) == sorted(wanted), "run pybabel extract/update: the catalog drifted"
    for msgid, forms in wanted.items():
        message = have[msgid]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{locale}: {msgid!r} is untranslated"
        assert len(strings) == (catalog.num_plurals if len(forms) == 2 else 1)
        names = set(PLACEHOLDER.findall(forms[-1]))
        for text in strings:  # a plural form may leave the number out ("one result")
            assert set(PLACEHOLDER.findall(text)) <= names, f"{locale}: {text!r}"
            if len(forms) == 1:
                assert set(PLACEHOLDER.findall(text)) == names, f"{locale}: {text!r}"


async def test_an_arabic_search_counts_its_results_in_the_right_plural_form(
        ui, service, snapshot):
    screen = await ui.mount(CatalogApp(base_url=service.url, locale="ar"), size=SIZE)
    await to_search(screen)
    assert screen.get_by_test_id("search-hint").text == "اكتب عنوانًا أو نوعًا"
    await type_text(screen, "dr")
    await screen.settle()
    count = len(CATALOG.search("dr"))
    said = make_translator("ar").ngettext("{n} result", "{n} results", count).format(n=count)
    assert said != f"{count} results"
    status = screen.get_by_test_id("search-count")
    assert status.text == f"{said} عن «dr»" and status.label == said
    assert_every_glyph_found(screen)
    assert screen.snapshot() == snapshot(name="ar-search")
