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
