"""The app when its data are missing, being built, hanging or damaged: a Dutch sentence and the way out, never
a traceback and never a page that waits forever."""

from __future__ import annotations

import shutil
import threading
import time

from llo_dash.config import PROJECT_ROOT
from llo_dash.ui import first_run
from tests.apptest import run_page

APP = str(PROJECT_ROOT / "app.py")


def test_a_build_that_hangs_is_reported_not_waited_for(tmp_path, monkeypatch):
    """The watchdog: no progress for STIL_SECONDEN → the user is told where it stands still and what to do."""
    release = threading.Event()

    def hanging_build(settings, progress, **kwargs):
        progress(0.8, "Kaarten maken (gemeente, arbeidsmarktregio, provincie, wijk)")
        release.wait(30)  # as a DBF reader that loops would

    monkeypatch.setenv("LLO_DASH_DATA", str(tmp_path / "leeg"))
    monkeypatch.setattr(first_run, "run_build", hanging_build)
    monkeypatch.setattr(first_run, "STIL_SECONDEN", 1.5)
    try:
        at = run_page(APP)
    finally:
        release.set()
    assert not at.exception
    (error,) = at.error
    assert "staat al" in error.value and "seconden stil bij 'Kaarten maken" in error.value
    assert "python -m llo_dash build" in error.value
    assert not first_run._BUILD_LOCK.locked()  # a next visitor can try again


def test_a_second_user_during_the_first_build_is_told_and_gets_the_page(tmp_path, monkeypatch, built_data):
    """While one session builds, another tab says so and shows the page once the data are there."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("LLO_DASH_DATA", str(data_dir))
    first_run._BUILD_LOCK.acquire()  # the first user's build is running

    def finish_first_build():
        time.sleep(1.5)
        shutil.copytree(built_data, data_dir)
        first_run._BUILD_LOCK.release()

    threading.Thread(target=finish_first_build).start()
    at = run_page(APP, regio="AM12")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Gooi en Vechtstreek" in "\n".join(m.value for m in at.markdown)


def test_a_second_user_is_told_when_the_first_build_takes_too_long(tmp_path, monkeypatch):
    monkeypatch.setenv("LLO_DASH_DATA", str(tmp_path / "leeg"))
    monkeypatch.setattr(first_run, "WACHT_SECONDEN", 1)
    first_run._BUILD_LOCK.acquire()
    try:
        at = run_page(APP)
    finally:
        first_run._BUILD_LOCK.release()
    assert not at.exception
    (error,) = at.error
    assert "nog niet klaar" in error.value and "python -m llo_dash build" in error.value


def test_a_damaged_built_table_gives_a_dutch_message_with_the_way_to_rebuild(tmp_path, monkeypatch, built_data):
    """The probe's case: a truncated data/cbs/gebieden.parquet showed every user a pyarrow traceback."""
    data_dir = tmp_path / "data"
    shutil.copytree(built_data, data_dir)
    table = data_dir / "cbs" / "gebieden.parquet"
    table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    monkeypatch.setenv("LLO_DASH_DATA", str(data_dir))
    at = run_page(APP, regio="AM12")
    assert not at.exception
    (error,) = at.error
    assert "De gebouwde tabel 'gebieden'" in error.value and "is beschadigd" in error.value
    assert "python -m llo_dash build" in error.value and str(data_dir) in error.value


def test_the_builds_warnings_are_shown_on_bronnen(tmp_path, monkeypatch, built_data):
    """A build without an optional source ends with a warning; Bronnen & methode shows it, as the build wrote it."""
    import json

    data_dir = tmp_path / "data"
    shutil.copytree(built_data, data_dir)
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    zin = "Let op: bestand cbs/kwb/x_y.csv.gz (Titel) ontbreekt in de mirror; zonder waarde voor 3.393 wijken: Eerste generatie."
    (data_dir / "manifest.json").write_text(json.dumps({**manifest, "waarschuwingen": [zin]}), encoding="utf-8")
    monkeypatch.setenv("LLO_DASH_DATA", str(data_dir))
    at = run_page(str(PROJECT_ROOT / "pages" / "bronnen.py"))
    assert not at.exception
    assert any(w.value.replace("\\", "") == zin for w in at.warning), [w.value for w in at.warning]
