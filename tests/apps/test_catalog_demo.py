"""The catalog's module convention (`root()`) and the headless demo session, end to end."""

from __future__ import annotations

import asyncio
import json
import urllib.request

from apps import catalog
from apps.catalog import demo
from apps.catalog_service import CATALOG
from async_tasks import live_tasks
from renderer.lowlevel import skia


def test_root_uses_marquee_catalog_url_when_set(monkeypatch, service):
    monkeypatch.setenv("MARQUEE_CATALOG_URL", service.url)
    element = catalog.root()
    assert element.type is catalog.CatalogApp
    assert element.props["base_url"] == service.url


def test_root_starts_one_embedded_service_otherwise(monkeypatch):
    monkeypatch.delenv("MARQUEE_CATALOG_URL", raising=False)
    try:
        url = catalog.root().props["base_url"]
        assert catalog.service_url() == url  # started once
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
            assert json.load(response) == {"ok": True}
    finally:
        catalog.stop_embedded()


def test_the_scripted_session_opens_a_title_and_back_restores_focus(tmp_path):
    result = asyncio.run(demo.session(tmp_path, (640, 360), latency_ms=0.0, prewarm=False))
    names = [p.name for p in result.shots]
    assert names == ["01-profiles.png", "02-home-loading.png", "03-home.png",
                     "04-home-moved.png", "05-details.png", "06-back-home.png"]
    for path in result.shots:
        image = skia.Image.open(str(path))
        assert (image.width(), image.height()) == (640, 360)
    third = CATALOG.titles[CATALOG.rows["trending"].title_ids[2]].name
    assert result.opened == third
    assert result.focused_after_back == third
    assert any(t.painted for t in result.timings)
    text = demo.summary(result)
    assert "frame work" in text and f"back on {third!r}" in text
    assert live_tasks() == []
