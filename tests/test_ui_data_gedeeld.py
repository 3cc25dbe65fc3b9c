"""Built tables are read once per process and shared by every session (`llo_dash.ui.data`): no copy per call, and
a change a page makes to its frame never reaches the shared one (pandas' copy-on-write)."""

import numpy as np
import pytest

from llo_dash.ui import data

pytestmark = pytest.mark.integration


def test_tables_are_shared_not_copied_per_call(built_data, gebieden):
    eerste, tweede = data.lees_tabel("gebieden"), data.lees_tabel("gebieden")
    assert eerste is not tweede
    assert np.shares_memory(eerste["inwoners"].to_numpy(), tweede["inwoners"].to_numpy())  # no copy of the data
    assert len(eerste) == len(gebieden)


def test_a_change_by_a_page_stays_in_its_own_frame(built_data):
    eigen = data.lees_tabel("gebieden")
    oorspronkelijk = eigen["inwoners"].iloc[0]
    eigen["nieuw"] = 1.0
    eigen.loc[eigen.index[0], "inwoners"] = -1
    later = data.lees_tabel("gebieden")
    assert "nieuw" not in later.columns
    assert later["inwoners"].iloc[0] == oorspronkelijk


def test_data_folder_follows_the_environment(built_data, monkeypatch, tmp_path):
    assert data.data_map() == built_data.resolve()
    monkeypatch.setenv("LLO_DASH_DATA", str(tmp_path))
    assert data.data_map() == tmp_path.resolve()


def test_shared_boundaries_are_frozen_out_of_the_collector(built_data):
    """Read once, the boundaries (tens of thousands of lists and dicts) are moved out of the garbage collector's sight
    (`gc.freeze`), so the dashboard's regular collections (`opruimen`) do not walk them again; garbage made later is
    still collected."""
    import gc

    data._grenzen.clear()
    gc.unfreeze()
    grenzen = data.grenzen("wijk")
    eigen_objecten = sum(1 for feature in grenzen["features"] for _ in _containers(feature))
    assert eigen_objecten > 10_000
    assert gc.get_freeze_count() >= eigen_objecten
    cyclus = []
    cyclus.append(cyclus)
    del cyclus
    assert gc.collect() >= 1  # new garbage is not frozen: it is still found
    gc.unfreeze()


def _containers(waarde):
    """Every list and dict inside a GeoJSON value, itself included (the objects the collector tracks)."""
    if isinstance(waarde, (list, dict)):
        yield waarde
        for kind in (waarde.values() if isinstance(waarde, dict) else waarde):
            yield from _containers(kind)


def test_every_tenth_run_collects_the_garbage(monkeypatch):
    """`opruimen` (called by every page at the start of its run) collects fully once per `OPRUIMEN_ELKE` runs, and
    then frees a cycle left behind by an earlier run."""
    import gc
    import itertools
    import weakref

    class Figuur:  # an object in a reference cycle, as a plotly figure and its parts
        pass

    monkeypatch.setattr(data, "_runs", itertools.count(1))
    gc.collect()
    figuur = Figuur()
    figuur.zelf = figuur
    nog_daar = weakref.ref(figuur)
    del figuur
    for _ in range(data.OPRUIMEN_ELKE - 1):
        data.opruimen()
    assert nog_daar() is not None, "collected before the tenth run"
    data.opruimen()
    assert nog_daar() is None
