"""Bad sources: a clear Dutch message naming the file or field, and `data/` left as it was."""

import gzip
import json
import re

import pandas as pd
import pytest

from llo_dash import redenen
from llo_dash.build.context import BuildContext
from llo_dash.build.pipeline import run_build
from llo_dash.errors import BuildError, LloDashError, SchemaError
from tests.fixtures.mirror import linked_mirror, mirror_path, settings_for

pytestmark = pytest.mark.integration

ONDERWIJS = "cbs/statline_regio/85525NED_onderwijsniveau_regio_first10000rows_dertje.csv"
FVW = "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv"
TYPED = "cbs/kwb/kwb2024_85984NED_typeddataset_first10000rows_dertje.csv.gz"
GEMEENTEN_GEO = "geo/gemeente_2025.geojson"
GEBIEDEN = "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv"


def named(relative: str, title: str) -> str:
    """How a build error names a mirror file: its path in the mirror and the source's title (regex)."""
    return re.escape(f"{relative} ({title}")


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
    _fails(
        tmp_path, previous_data,
        "Bronbestand " + named(ONDERWIJS, "Bevolking; hoogstbehaald onderwijsniveau en regio (85525NED)")
        + r".*\): kolom 'k_1BasisonderwijsVmboMbo1' ontbreekt",
        replace={ONDERWIJS: renamed},
    )


def test_errors_name_the_file_in_the_mirror_not_only_the_source_id(tmp_path, previous_data):
    renamed = original(GEBIEDEN).replace(b";RegioS;", b";Regio;", 1)
    _fails(
        tmp_path, previous_data,
        "Bronbestand " + named(GEBIEDEN, "Gebieden in Nederland 2025 (86059NED)") + r".*\): kolom 'RegioS' ontbreekt",
        replace={GEBIEDEN: renamed},
    )


def test_missing_file(tmp_path, previous_data):
    _fails(tmp_path, previous_data, r"85383NED_maatstaven_fvw_dertje\.csv.*ontbreekt in de mirror", remove=(FVW,))


def test_a_gemeente_name_that_does_not_map(tmp_path, previous_data):
    changed = original(FVW).replace(b";Aa en Hunze;", b";Aa en Hunse;")
    _fails(tmp_path, previous_data, named(FVW, "Maatstaven Financiële-verhoudingswet (Fvw) (85383NED)") + ".*Aa en Hunse",
           replace={FVW: changed})


@pytest.mark.parametrize("value, why", [("veel", "geen getal"), ("320,0", "komma")])
def test_text_in_a_number_column(tmp_path, previous_data, value, why):
    changed = original(FVW).replace(b";320.0;270.0;", f";{value};270.0;".encode(), 1)
    error = _fails(
        tmp_path, previous_data,
        named(FVW, "Maatstaven Financiële-verhoudingswet (Fvw) (85383NED)")
        + rf".*, kolom 'TotaalBijstandsuitkeringen_22': waarde '{value}'.*{why}",
        replace={FVW: changed},
    )
    # The facts travel as fields, not only in the text.
    assert isinstance(error, SchemaError)
    assert (error.source_id, error.file.name, error.column, error.value) == ("maatstaven_fvw", FVW, "TotaalBijstandsuitkeringen_22", value)


def test_a_table_cut_off_mid_row(tmp_path, previous_data):
    """The last row of the Fvw dump is a 2025 row the build does not use: only the field count gives it away."""
    lines = original(FVW).rstrip(b"\n").split(b"\n")
    cut = b"\n".join([*lines[:-1], lines[-1][: len(lines[-1]) // 2]])
    error = _fails(tmp_path, previous_data, named(FVW, "Maatstaven") + rf".*regel {len(lines)}\b.*afgekapt", replace={FVW: cut})
    assert (error.source_id, error.line) == ("maatstaven_fvw", len(lines))


def test_corrupt_compressed_file(tmp_path, previous_data):
    data = original(TYPED)
    with pytest.raises((EOFError, OSError), match="end-of-stream marker"):  # precondition: half a gzip stream really is corrupt
        gzip.decompress(data[: len(data) // 2])
    _fails(tmp_path, previous_data, named(TYPED, "Kerncijfers wijken en buurten 2024") + ".*beschadigd",
           replace={TYPED: data[: len(data) // 2]})


def test_truncated_boundaries(tmp_path, previous_data):
    data = original(GEMEENTEN_GEO)
    _fails(tmp_path, previous_data, r"gemeente_2025\.geojson", replace={GEMEENTEN_GEO: data[: len(data) // 2]})


def test_no_mirror_at_all(tmp_path, previous_data):
    with pytest.raises(LloDashError, match="ontbreekt in de mirror"):
        run_build(settings_for(None, previous_data), offline=True)
    assert (previous_data / "cbs" / "gebieden.parquet").read_bytes() == b"oude tabel"


def test_errors_raised_with_a_source_id_are_named_by_the_file_the_build_used(tmp_path):
    """A step that knows only the source id raises with `source_id=`; the context names the file (or live table)."""
    ctx = BuildContext(settings_for(mirror_path(), tmp_path / "data"), odata_client=object())
    ctx.path("kwb_2024_leeftijd")
    ctx.live("arbeidsdeelname")
    two = BuildError("lopen uit de pas", source_id=("kwb_2024_leeftijd", "kwb_2024_herkomst")).name_sources(ctx.file_label)
    assert str(two).startswith("Bronbestanden cbs/kwb/kwb2024_85984NED_bevolking_leeftijd_statline.csv (Kerncijfers")
    assert " en cbs/kwb/kwb2024_85984NED_herkomst_statline.csv (Kerncijfers wijken en buurten 2024: herkomst (85984NED), " in str(two)
    live = BuildError("3 gemeenten ontbreken; onderwijsniveau en banen niet", source_id="arbeidsdeelname")
    assert str(live.name_sources(ctx.file_label)) == (
        "CBS-tabel 86088NED, live opgehaald (Arbeidsdeelname; regionale indeling 2024 (86088NED), bron arbeidsdeelname): "
        "3 gemeenten ontbreken; onderwijsniveau en banen niet."  # ids in ordinary text stay as they are
    )
    assert live.file.live and live.source_id == "arbeidsdeelname"


def test_the_build_names_an_error_raised_with_a_source_id(tmp_path, previous_data):
    """beroepen._hierarchy knows only its source id: the message still names the file in the mirror."""
    brc = "arbeidsmarkt/cbs_brc_werkzamen_lonen_nl.csv"
    rows = original(brc).decode("utf-8").splitlines(keepends=True)
    without_class = "".join(row for row in rows if ",beroepsklasse," not in row or not row.startswith("01,"))
    assert without_class != "".join(rows)  # precondition: klasse 01 was there
    error = _fails(tmp_path, previous_data, named(brc, "Werkzame beroepsbevolking") + r".*, bron beroepen_werkzamen\): beroepsklasse 01 ontbreekt",
                   replace={brc: without_class.encode("utf-8")})
    assert error.source_id == "beroepen_werkzamen" and error.file.name == brc


# Partial sources: in the mirror only for part of the areas, and optional. Without one the build
# succeeds; what it would have given is missing (NA, never 0) with the reason in the manifest.
PARTIAL = {
    "kwb_2024_gemeenten_100": {
        "bestand": "cbs/kwb/kwb2024_85984NED_gemeenten_first100_allcolumns_statline.csv",
        "leeg": {("bijstand_personen", "ww_personen", "ao_personen"): ("gemeente",)},
    },
    "uitkeringen_wijken": {
        "bestand": "cbs/kwb/86003NED_uitkeringsontvangers_wijken_buurten_2024_first10000rows_dertje.csv.gz",
        "leeg": {
            ("bijstand_personen", "ww_personen", "ao_personen"): ("wijk", "buurt"),
            ("bijstand_personen", "ao_personen"): ("nederland",),
        },
    },
    "kwb_2024_typed": {
        "bestand": TYPED,
        "leeg": {
            ("vestigingen_totaal", "vestigingen_gi_handel_horeca"): ("nederland", "gemeente", "wijk", "buurt"),
            ("eerste_generatie", "eerste_generatie_europa"): ("wijk", "buurt"),
        },
    },
}


@pytest.mark.parametrize("source_id", sorted(PARTIAL))
def test_the_build_succeeds_without_a_partial_source(tmp_path, gebieden, source_id):
    expected = PARTIAL[source_id]
    mirror = linked_mirror(tmp_path / "mirror", remove=(expected["bestand"],))
    manifest = run_build(settings_for(mirror, tmp_path / "data"), offline=True)
    assert source_id not in {used["id"] for used in manifest["bronnen"]}
    built = pd.read_parquet(tmp_path / "data" / "cbs" / "gebieden.parquet")
    for columns, levels in expected["leeg"].items():
        for column in columns:
            for level in levels:
                with_source = gebieden.loc[gebieden["niveau"] == level, column]
                without = built.loc[built["niveau"] == level, column]
                assert with_source.notna().any(), f"precondition: {column} has values for {level} with the full mirror"
                assert without.isna().all(), f"{column} ({level}) should be missing without {source_id}, never 0"
                entry = manifest["ontbrekend"][column][level]
                bouw, gebruikers = redenen.tekst(entry, redenen.BOUW), redenen.tekst(entry, redenen.GEBRUIKERS)
                assert "mirror" in bouw and "mirror" not in gebruikers, (column, level, entry)
                assert entry["reden"] == gebruikers  # the manifest's readable text is the users' text
                if not column.startswith("eerste_generatie"):  # herkomst.py counts the gemeenten covered instead
                    assert (entry["code"], entry["parameters"]["bron"]) == ("bron_ontbreekt", source_id), (column, level, entry)
                    assert expected["bestand"] in bouw and expected["bestand"] in gebruikers, (column, level, entry)
    # Everything else is as with the full mirror, e.g. the benefits per region from 85554NED.
    regio = built[built["niveau"] == "arbeidsmarktregio"].set_index("code")
    assert regio["ww_personen"].equals(gebieden[gebieden["niveau"] == "arbeidsmarktregio"].set_index("code")["ww_personen"])
