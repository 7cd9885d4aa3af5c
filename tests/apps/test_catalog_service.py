"""The catalog service over real HTTP: pages, generated images, fault injection, shutdown."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from apps.catalog_service import CATALOG, CatalogService
from renderer.lowlevel import skia


def get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def get_json(url: str) -> Any:
    status, body = get(url)
    assert status == 200, body
    return json.loads(body)


def test_pages_are_json_views_of_the_seeded_catalog(service):
    profiles = get_json(service.url + "/api/profiles")["profiles"]
    assert [p["id"] for p in profiles] == ["ana", "ben", "kids"]
    home = get_json(service.url + "/api/home?profile=ana")
    assert [r["name"] for r in home["rows"]] == ["Trending now", "New releases",
                                                 "Picked for you", "Documentaries"]
    row = get_json(service.url + "/api/rows/trending")
    assert len(row["titles"]) == 16
    assert home["hero"]["id"] == row["titles"][0]["id"]
    first = row["titles"][0]
    details = get_json(service.url + f"/api/titles/{first['id']}")
    assert details["name"] == first["name"] == CATALOG.titles[first["id"]].name
    assert details["synopsis"] and details["backdrop"].endswith(".jpg")
    kids = get_json(service.url + "/api/home?profile=kids")
    assert len(kids["rows"]) == 2
    word = first["name"].split()[0]
    results = get_json(service.url + f"/api/search?q={word.lower()}")["results"]
    assert results and all(word in r["name"] or word.lower() in r["genre"].lower()
                           for r in results)


def test_unknown_things_are_404s_that_say_what(service):
    assert error_of(service.url + "/api/home?profile=zed") == (404, "no profile 'zed'")
    assert error_of(service.url + "/api/rows/nope") == (404, "no row 'nope'")
    assert error_of(service.url + "/api/titles/999") == (404, "no title '999'")
    assert error_of(service.url + "/images/poster/abc.png")[0] == 404
    assert error_of(service.url + "/nowhere") == (404, "Not Found")


def error_of(url: str) -> tuple[int, str]:
    """The status and the JSON `error` of a failed request."""
    status, body = get(url)
    assert status >= 400, body
    return status, json.loads(body)["error"]


def post_fault(service: CatalogService, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(service.url + "/control/faults", method="POST", data=body)
    try:
        with urllib.request.urlopen(request, timeout=5.0) as response:
            return response.status, json.loads(response.read()).get("error", "")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())["error"]


@pytest.mark.parametrize(("path", "reason"), [
    ("/api/titles/%C2%B2", "no title '\u00b2' (ids are up to 9 ASCII digits)"),
    ("/api/titles/" + "7" * 5000, "(ids are up to 9 ASCII digits)"),
    ("/api/titles/-1", "(ids are up to 9 ASCII digits)"),
    ("/images/poster/%C2%B2.png", "(ids are up to 9 ASCII digits)"),
    ("/api/rows/%00", r"no row '\x00'"),
])
def test_malformed_ids_are_404s_in_json_never_500s(service, path, reason):
    status, error = error_of(service.url + path)
    assert status == 404
    assert reason in error


@pytest.mark.parametrize(("body", "reason"), [
    (b"null", 'expected an object like {"route": "home", "status": 500}'),
    (b"[1, 2]", "expected an object"),
    (b"{not json", "the body is not JSON"),
    (b'{"status": 500}', "expected an object"),
    (b'{"route": 7}', "expected an object"),
    (b'{"route": "home", "match": 123}', "Fault(match=...) must be text"),
    (b'{"route": "home", "delay_ms": "slow"}', "Fault(delay_ms=...) must be a number"),
    (b'{"route": "home", "delay_ms": 1e308}', "Fault(delay_ms=...) must be a number"),
    (b'{"route": "home", "status": true}', "Fault(status=...) must be 400-599"),
    (b'{"route": "home", "status": 500.5}', "Fault(status=...) must be 400-599"),
    (b'{"route": "home", "times": "2"}', "Fault(times=...) must be an integer"),
    (b'{"route": "home", "hang": "yes"}', "Fault(hang=...) must be true or false"),
    (b'{"route": "home", "explode": 1}', "unknown fields ['explode']"),
    (b'{"route": "nowhere"}', "unknown route 'nowhere'"),
])
def test_bad_fault_rules_are_400s_and_are_not_kept(service, body, reason):
    status, error = post_fault(service, body)
    assert status == 400 and reason in error
    # Nothing was kept: every later request of the route is answered normally.
    assert get(service.url + "/api/home?profile=ana")[0] == 200
    assert get(service.url + "/api/home?profile=ana")[0] == 200


def test_fault_control_is_off_unless_the_service_is_started_for_it():
    with CatalogService() as service:
        assert get(service.url + "/api/profiles?fail=502&hang=1")[0] == 200
        assert post_fault(service, b'{"route": "home", "status": 500}')[0] in (404, 405)
        assert get(service.url + "/api/home?profile=ana")[0] == 200
        service.set_fault("home", status=503)  # the in-process API still works
        assert error_of(service.url + "/api/home?profile=ana")[0] == 503


def decode(body: bytes) -> Any:
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(body))
    assert image is not None
    return image


def test_posters_and_backdrops_are_drawn_deterministically(service):
    status, poster = get(service.url + "/images/poster/3.png")
    assert status == 200 and poster[:4] == b"\x89PNG"
    image = decode(poster)
    assert (image.width(), image.height()) == (240, 360)
    # Drawn anew in a fresh process-independent way: the same title, the same bytes.
    from apps.catalog_service._images import poster_png

    poster_png.cache_clear()
    assert get(service.url + "/images/poster/3.png")[1] == poster
    assert get(service.url + "/images/poster/4.png")[1] != poster
    status, backdrop = get(service.url + "/images/backdrop/3.jpg")
    assert status == 200 and backdrop[:2] == b"\xff\xd8"
    assert (decode(backdrop).width(), decode(backdrop).height()) == (1920, 1080)


def test_a_failure_fault_answers_500_for_its_route_only_and_times_counts_down(service):
    service.set_fault("home", status=500, times=2)
    assert get(service.url + "/api/home?profile=ana")[0] == 500
    assert get(service.url + "/api/profiles")[0] == 200
    assert get(service.url + "/api/home?profile=ana")[0] == 500
    assert get(service.url + "/api/home?profile=ana")[0] == 200


def test_match_limits_a_fault_to_one_row(service):
    service.set_fault("row", status=503, match="/api/rows/new")
    assert get(service.url + "/api/rows/new")[0] == 503
    assert get(service.url + "/api/rows/trending")[0] == 200
    service.clear_faults("row")
    assert get(service.url + "/api/rows/new")[0] == 200


def test_query_parameters_and_the_control_endpoint_inject_faults(service):
    assert get(service.url + "/api/profiles?fail=502")[0] == 502
    assert get(service.url + "/api/profiles?fail=abc")[0] == 400
    request = urllib.request.Request(
        service.url + "/control/faults", method="POST",
        data=json.dumps({"route": "title", "status": 500}).encode())
    assert urllib.request.urlopen(request).status == 200
    assert get(service.url + "/api/titles/1")[0] == 500
    bad = urllib.request.Request(service.url + "/control/faults", method="POST",
                                 data=json.dumps({"route": "nowhere"}).encode())
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(bad)
    assert info.value.code == 400
    assert json.loads(info.value.read())["error"] == "bad fault: unknown route 'nowhere'; " \
        "routes are profiles, home, row, title, search, image"
    clear = urllib.request.Request(service.url + "/control/faults", method="DELETE")
    assert urllib.request.urlopen(clear).status == 200
    assert get(service.url + "/api/titles/1")[0] == 200


def test_bad_faults_are_rejected_with_the_reason(service):
    with pytest.raises(ValueError, match="unknown route 'homepage'"):
        service.set_fault("homepage", status=500)
    with pytest.raises(ValueError, match="must be 400-599, got 200"):
        service.set_fault("home", status=200)
    with pytest.raises(ValueError, match="delay_ms"):
        service.set_fault("home", delay_ms=-1)


def test_a_delay_fault_holds_the_answer_back(service):
    service.set_fault("profiles", delay_ms=300)
    done = threading.Event()
    result: list[int] = []

    def fetch() -> None:
        result.append(get(service.url + "/api/profiles")[0])
        done.set()

    threading.Thread(target=fetch).start()
    assert not done.wait(0.1)  # still waiting well before the delay is over
    assert done.wait(5.0) and result == [200]


def test_stopping_cancels_a_hanging_request_and_frees_the_port():
    service = CatalogService()
    url = service.start()
    service.set_fault("home", hang=True)
    errors: list[BaseException] = []

    def fetch() -> None:
        try:
            get(url + "/api/home?profile=ana", timeout=10.0)
        except BaseException as exc:  # the connection closes under it
            errors.append(exc)

    client = threading.Thread(target=fetch)
    client.start()
    for _ in range(500):
        if service.in_flight:
            break
        time.sleep(0.01)
    assert service.in_flight == 1
    service.stop()
    client.join(5.0)
    assert not client.is_alive() and service.in_flight == 0
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/healthz", timeout=2.0)
