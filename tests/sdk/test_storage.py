"""`sdk.storage`: typed values, atomic writes, schema migration, corrupt files, `use_stored`."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from components import Button, Column, Text
from sdk import ComponentError, component, storage
from sdk.storage import (
    MigrationError,
    StorageError,
    StoredValueError,
    open_store,
    provide_store,
    use_stored,
)

ROOT = Path(__file__).resolve().parents[2]
APP = "com.example.tv"


def file_of(base: Path) -> Path:
    return base / APP / storage.FILE_NAME


def write_file(base: Path, content: bytes) -> Path:
    path = file_of(base)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_values_survive_reopening(tmp_path):
    store = open_store(APP, base_dir=tmp_path)
    store.set("volume", 60)
    store.update({"language": "de", "recent": [{"id": 7, "title": "Dune"}], "hdr": True,
                  "gain": -1.5, "profile": None})
    again = open_store(APP, base_dir=tmp_path)
    assert again.get("volume") == 60
    assert again.get("recent") == [{"id": 7, "title": "Dune"}]
    assert (again.get("hdr"), again.get("gain"), again.get("profile")) == (True, -1.5, None)
    assert again.get("missing", 5) == 5 and "missing" not in again
    assert sorted(again.keys()) == ["gain", "hdr", "language", "profile", "recent", "volume"]
    again.delete("volume")
    assert open_store(APP, base_dir=tmp_path).get("volume", 50) == 50


def test_stored_values_are_copies(tmp_path):
    store = open_store(APP, base_dir=tmp_path)
    recent = [1, 2]
    store.set("recent", recent)
    recent.append(3)
    got = store.get("recent")
    assert got == [1, 2]
    assert isinstance(got, list)
    got.append(4)
    assert store.get("recent") == [1, 2]


@pytest.mark.parametrize(("value", "message"), [
    ((1, 2), r"value of 'k' is a tuple \(use a list\)"),
    ({1: "a"}, r"value of 'k' has the key 1; stored dicts have string keys"),
    (float("nan"), r"value of 'k' is nan; stored numbers must be finite"),
    ([1, {"a": b"x"}], r"value of 'k'\[1\]\['a'\] is a bytes"),
    (object(), r"value of 'k' is a object; a store keeps None, bool, int, float, str"),
])
def test_a_value_json_cannot_keep_is_refused_by_name(tmp_path, value, message):
    store = open_store(APP, base_dir=tmp_path)
    with pytest.raises(StoredValueError, match=message):
        store.set("k", value)
    assert not file_of(tmp_path).exists()  # nothing was written


@pytest.mark.parametrize("key", ["", 7, None, "x" * 201])
def test_keys_are_short_strings(tmp_path, key):
    with pytest.raises(StoredValueError, match="storage keys"):
        open_store(APP, base_dir=tmp_path).set(key, 1)


@pytest.mark.parametrize("app_id", ["", "../escape", "a/b", ".hidden", "com..example"])
def test_an_app_id_must_be_a_safe_folder_name(tmp_path, app_id):
    with pytest.raises(StoredValueError, match="app ids are"):
        open_store(app_id, base_dir=tmp_path)


def test_the_default_folder_is_under_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = open_store(APP)
    assert store.path == tmp_path / "data" / "marquee" / APP / "storage.json"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")  # the XDG spec says so
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert open_store(APP).path == tmp_path / "home" / ".local/share/marquee" / APP / "storage.json"


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[1, 2]",
                                     b'{"format": "marquee-storage", "schema": 1, "values": 3}',
                                     b'{"format": "other", "schema": 1, "values": {}}'])
def test_a_corrupt_file_is_kept_aside_with_a_warning_and_defaults_apply(tmp_path, caplog,
                                                                         content):
    path = write_file(tmp_path, content)
    with caplog.at_level(logging.WARNING, logger="sdk.storage"):
        store = open_store(APP, base_dir=tmp_path)
    aside = path.with_name("storage.corrupt-1.json")
    assert store.set_aside == aside and aside.read_bytes() == content
    assert store.get("volume", 50) == 50
    [record] = caplog.records
    assert str(path) in record.getMessage() and str(aside) in record.getMessage()
    store.set("volume", 70)  # the app goes on; a second bad file does not overwrite the first
    path.write_bytes(b"garbage")
    assert open_store(APP, base_dir=tmp_path).set_aside == path.with_name("storage.corrupt-2.json")
    assert aside.read_bytes() == content


def stored_file(schema: int, values: dict[str, object]) -> bytes:
    return json.dumps({"format": "marquee-storage", "schema": schema, "values": values}).encode()


def test_an_older_schema_goes_through_migrate_and_is_written_back(tmp_path):
    write_file(tmp_path, stored_file(1, {"vol": 5, "old": True}))
    seen = []

    def migrate(values, old):
        seen.append((dict(values), old))
        return {"volume": values["vol"] * 10}

    store = open_store(APP, base_dir=tmp_path, schema=2, migrate=migrate)
    assert seen == [({"vol": 5, "old": True}, 1)]
    assert store.get("volume") == 50 and "vol" not in store and "old" not in store
    on_disk = json.loads(file_of(tmp_path).read_text())
    assert on_disk == {"format": "marquee-storage", "schema": 2, "values": {"volume": 50}}
    assert open_store(APP, base_dir=tmp_path, schema=2, migrate=migrate).get("volume") == 50
    assert len(seen) == 1  # already migrated


def test_an_older_schema_without_migrate_or_with_a_failing_one_changes_nothing(tmp_path):
    content = stored_file(1, {"vol": 5})
    write_file(tmp_path, content)
    with pytest.raises(MigrationError, match="has schema 1 and the app wants 2; pass"):
        open_store(APP, base_dir=tmp_path, schema=2)

    def broken(values, old):
        raise KeyError("volume")

    with pytest.raises(MigrationError, match=r"migrate\(\) failed .* the file is unchanged"):
        open_store(APP, base_dir=tmp_path, schema=2, migrate=broken)
    with pytest.raises(MigrationError, match="migrated value of 'volume' is a tuple"):
        open_store(APP, base_dir=tmp_path, schema=2, migrate=lambda v, old: {"volume": (1,)})
    assert file_of(tmp_path).read_bytes() == content


def test_a_file_from_a_newer_app_version_is_kept_aside(tmp_path, caplog):
    content = stored_file(3, {"volume": 5})
    path = write_file(tmp_path, content)
    with caplog.at_level(logging.WARNING, logger="sdk.storage"):
        store = open_store(APP, base_dir=tmp_path, schema=2, migrate=lambda v, old: v)
    assert store.set_aside == path.with_name("storage.newer-1.json")
    assert store.set_aside.read_bytes() == content
    assert "newer version of the app (schema 3 > 2)" in caplog.text


def test_a_failure_between_write_and_rename_keeps_the_old_content(tmp_path, monkeypatch):
    store = open_store(APP, base_dir=tmp_path)
    store.set("volume", 60)
    before = file_of(tmp_path).read_bytes()
    volume = store.value("volume", 50)
    seen = []

    def crash(src, dst):
        seen.append(Path(src).read_bytes())  # the new content was fully written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="No space left"):
        store.set("volume", 80)
    monkeypatch.undo()
    assert b'"volume": 80' in seen[0]
    assert file_of(tmp_path).read_bytes() == before
    assert store.get("volume") == 60 and volume.peek() == 60  # memory did not move either
    assert sorted(p.name for p in file_of(tmp_path).parent.iterdir()) == ["storage.json"]


CRASHING_WRITER = textwrap.dedent("""
    import sys
    from sdk.storage import open_store

    store = open_store("com.example.tv", base_dir=sys.argv[1])
    payload = "x" * 300_000  # a big file: the kill often lands mid-write
    i = 0
    while True:
        store.set("state", {"counter": i, "payload": payload})
        print(i, flush=True)
        i += 1
""")


def test_a_process_killed_while_writing_leaves_a_complete_file(tmp_path, caplog):
    writer = subprocess.Popen([sys.executable, "-c", CRASHING_WRITER, str(tmp_path)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    try:
        last = -1
        while last < 30:
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            last = int(line)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    with caplog.at_level(logging.WARNING, logger="sdk.storage"):
        store = open_store(APP, base_dir=tmp_path)
    assert caplog.records == [] and store.set_aside is None
    state = store.get("state")
    assert isinstance(state, dict)
    assert state["counter"] >= last and state["payload"] == "x" * 300_000
    store.set("after", 1)  # and the dead writer's temporary file is gone
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["storage.json"]


@component
def VolumeLabel():
    volume = use_stored("volume", 50)
    return Text(lambda: f"Volume {volume()}", test_id="label")


@component
def VolumeScreen(store: storage.Store):
    provide_store(store)
    volume = use_stored("volume", 50)
    return Column(VolumeLabel(),
                  Button("Louder", on_press=lambda: volume.update(lambda v: v + 10),
                         test_id="louder"),
                  Button("Reset", on_press=volume.reset, test_id="reset"))


async def test_use_stored_is_a_signal_whose_writes_persist(ui, tmp_path):
    store = open_store(APP, base_dir=tmp_path)
    screen = await ui.mount(VolumeScreen(store=store), size=(960, 540))
    assert screen.get_by_test_id("label").text == "Volume 50"
    await screen.press("down")
    await screen.press("select", times=2)
    assert screen.get_by_test_id("label").text == "Volume 70"
    assert open_store(APP, base_dir=tmp_path).get("volume") == 70
    store.set("volume", 20)  # a write elsewhere reaches the screen too
    await screen.frame()
    assert screen.get_by_test_id("label").text == "Volume 20"
    await screen.press("down")
    await screen.press("select")  # reset: back to the default
    assert screen.get_by_test_id("label").text == "Volume 50"
    assert "volume" not in open_store(APP, base_dir=tmp_path)


async def test_use_stored_without_a_store_says_how_to_provide_one(ui):
    with pytest.raises(ComponentError, match="found no store: call provide_store"):
        await ui.mount(VolumeLabel())


def test_a_stored_value_refuses_a_bad_write_and_keeps_its_value(tmp_path):
    store = open_store(APP, base_dir=tmp_path)
    volume = store.value("volume", 50)
    with pytest.raises(StoredValueError):
        volume.set((1, 2))
    assert volume.peek() == 50
    assert isinstance(StoredValueError("x"), StorageError | ValueError)


def test_stored_values_keep_their_default_type_under_mypy_strict():
    from mypy import api

    checks = Path(__file__).with_name("storage_typing_checks.py")
    stdout, stderr, status = api.run(["--strict", "--no-error-summary", str(checks)])
    assert status == 0, stdout + stderr
