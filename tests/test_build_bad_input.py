"""Bad sources: a clear Dutch message naming the file or field, and `data/` left as it was."""

import gzip
import json

import pytest

from llo_dash.build.pipeline import run_build
from llo_dash.errors import LloDashError
from tests.fixtures.mirror import linked_mirror, mirror_path, settings_for

pytestmark = pytest.mark.integration

ONDERWIJS = "cbs/statline_regio/85525NED_onderwijsniveau_regio_first10000rows_dertje.csv"
FVW = "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv"
TYPED = "cbs/kwb/kwb2024_85984NED_typeddataset_first10000rows_dertje.csv.gz"
GEMEENTEN_GEO = "geo/gemeente_2025.geojson"


@pytest.fixture
def previous_data(tmp_path):
    """A `data/` folder from an earlier build, to prove a failed build leaves it alone."""
    data_dir = tmp_path / "data"
    (data_dir / "cbs").mkdir(parents=True)
    (data_dir / "manifest.json").write_text(json.dumps({"gebouwd_op": "vorige bouw"}))
    (data_dir / "cbs" / "gebieden.parquet").write_bytes(b"oude tabel")
    return data_dir


def _fails(tmp_path, data_dir, match, **mirror_changes):
    mirror = linked_mirror(tmp_path / "mirror", **mirror_changes)
    with pytest.raises(LloDashError, match=match) as raised:
        run_build(settings_for(mirror, data_dir), offline=True)
    assert "Traceback" not in str(raised.value)
    assert json.loads((data_dir / "manifest.json").read_text()) == {"gebouwd_op": "vorige bouw"}
    assert (data_dir / "cbs" / "gebieden.parquet").read_bytes() == b"oude tabel"
    assert not [p for p in data_dir.parent.iterdir() if p.name.startswith(".data-")], "staging folder left behind"
    return raised.value


def original(relative: str) -> bytes:
    return (mirror_path() / relative).read_bytes()


def test_truncated_table(tmp_path, previous_data):
    half = original(ONDERWIJS)[: len(original(ONDERWIJS)) // 3]
    _fails(tmp_path, previous_data, r"onderwijsniveau.*(ontbreken|afgekapt)", replace={ONDERWIJS: half})


def test_renamed_column(tmp_path, previous_data):
    renamed = original(ONDERWIJS).replace(b"k_1BasisonderwijsVmboMbo1_2", b"LaagOpgeleid_2", 1)
    _fails(tmp_path, previous_data, r"onderwijsniveau: kolom 'k_1BasisonderwijsVmboMbo1' ontbreekt", replace={ONDERWIJS: renamed})


def test_missing_file(tmp_path, previous_data):
    _fails(tmp_path, previous_data, r"85383NED_maatstaven_fvw_dertje\.csv.*ontbreekt in de mirror", remove=(FVW,))


def test_a_gemeente_name_that_does_not_map(tmp_path, previous_data):
    changed = original(FVW).replace(b";Aa en Hunze;", b";Aa en Hunse;")
    _fails(tmp_path, previous_data, r"maatstaven_fvw.*Aa en Hunse", replace={FVW: changed})


def test_text_in_a_number_column(tmp_path, previous_data):
    changed = original(FVW).replace(b";320.0;270.0;", b";veel;270.0;", 1)
    _fails(tmp_path, previous_data, r"maatstaven_fvw, kolom 'TotaalBijstandsuitkeringen_22': waarde 'veel'", replace={FVW: changed})


def test_corrupt_compressed_file(tmp_path, previous_data):
    data = original(TYPED)
    with pytest.raises((EOFError, OSError)):  # precondition: half a gzip stream really is corrupt
        gzip.decompress(data[: len(data) // 2])
    _fails(tmp_path, previous_data, r"kwb2024_85984NED_typeddataset.*beschadigd", replace={TYPED: data[: len(data) // 2]})


def test_truncated_boundaries(tmp_path, previous_data):
    data = original(GEMEENTEN_GEO)
    _fails(tmp_path, previous_data, r"gemeente_2025\.geojson", replace={GEMEENTEN_GEO: data[: len(data) // 2]})


def test_no_mirror_at_all(tmp_path, previous_data):
    with pytest.raises(LloDashError, match="ontbreekt in de mirror"):
        run_build(settings_for(None, previous_data), offline=True)
    assert (previous_data / "cbs" / "gebieden.parquet").read_bytes() == b"oude tabel"
