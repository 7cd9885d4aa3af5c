"""The catalog app in Arabic (right to left), Japanese and the pseudo-locale.

Against the real catalog service: the profiles and home pages as scene-tree
and PNG snapshots, every glyph found (no `missing_glyphs` in the engine's
dump), the Arabic layout mirrored with focus following what the viewer sees,
and a switch of locale at run time that re-renders every translated text and
keeps the viewer where they were.
"""

from __future__ import annotations

from apps.catalog import CatalogApp
from apps.catalog._i18n import make_translator
from apps.catalog_service import CATALOG
from sdk.i18n import PSEUDO_LOCALE

SIZE = (960, 540)
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
