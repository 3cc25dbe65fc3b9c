"""Build step `beroepsklassen_regio`: CBS keys → classes through the derived key file, 2022 names → codes
through 86059NED and the code history (Weesp), persons, shares and location quotients; checks on the mirror.

Expected values on the mirror are computed here from the raw 84916NED file with plain pandas, or are the
figures its SOURCES.md states (35 regions add up to 9.547 thousand against Nederland 9.548).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from llo_dash import sources
from llo_dash.build import beroepsklassen
from llo_dash.build.context import BuildContext
from llo_dash.build.indeling import indeling_from_frame
from llo_dash.errors import BuildError, SchemaError
from tests.apptest import REGIO_CODES
from tests.fixtures.mirror import mirror_file, settings_for
from tests.fixtures.tiny import gebieden_frame

SLEUTELS = (
    "beroepsklasse_key_cbs,beroepsklasse_groep,beroepsklasse_label_afgeleid,label_status,nederland_2022_x1000\n"
    "1200000,T,Totaal,bevestigd,100\n1000000,01,01 Pedagogische beroepen,bevestigd,40\n"
    "6000000,07+08,07 Technische beroepen + 08 ICT beroepen (samengevoegd),afgeleid,60\n"
)
HISTORIE = (
    "name,code,year,corop_code,corop,region_code,region,province_code,province\n"
    "Enschede,GM0153,2026,CR13,Twente,AM05,Twente,PV23,Overijssel\n"
    "Weesp,GM0457,2022,CR24,Het Gooi en Vechtstreek,AM18,Groot Amsterdam,PV27,Noord-Holland\n"
)
# (region name, total, class 01, class 07+08) in thousands
GEBIEDEN = [("Nederland", 100, 40, 60), ("Twente (AM)", 50, 10, 40), ("Groningen (AM)", 50, 30, 20),
            ("Enschede", 30, 6, 24), ("Hengelo (O.)", 12, 4, 8), ("Weesp", 21, 7, 14), ("Oost-Nederland (LD)", 50, 10, 40),
            ("Overijssel (PV)", 50, 10, 40)]


def dump(gebieden=GEBIEDEN, sleutel_extra: str = "") -> bytes:
    lines = ["ID;Beroepsklasse;RegioS;Perioden;WerkzameBeroepsbevolking_1"]
    for naam, *waarden in gebieden:
        for sleutel, waarde in zip(("1200000", "1000000", "6000000"), waarden):
            lines.append(f"{len(lines) - 1};{sleutel};{naam};2022;{waarde}")
    if sleutel_extra:
        lines.append(f"{len(lines) - 1};{sleutel_extra};Nederland;2022;1")
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def build_tiny(tmp_path: Path, content: bytes | None = None):
    mirror = tmp_path / "mirror"
    for source_id, data in (("beroepsklassen_regio", content or dump()), ("beroepsklassen_sleutels", SLEUTELS.encode()),
                            ("gebieden_historie", HISTORIE.encode())):
        target = mirror / sources.get(source_id).mirror_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    ctx = BuildContext(settings_for(mirror, tmp_path / "data"), offline=True)
    indeling = indeling_from_frame(gebieden_frame(), file="86059NED-test")
    return beroepsklassen.build(ctx, indeling)


def test_classes_codes_shares_and_location_quotients(tmp_path):
    tabel, controles = build_tiny(tmp_path)
    rij = tabel.set_index(["gebied_code", "beroepsklasse_code"])
    assert rij.loc[("AM05", "01"), "werkzame_beroepsbevolking"] == 10_000
    assert rij.loc[("AM05", "01"), "aandeel_pct"] == pytest.approx(20.0)
    assert rij.loc[("AM05", "01"), "aandeel_nl_pct"] == pytest.approx(40.0)
    assert rij.loc[("AM05", "01"), "locatiequotient"] == pytest.approx(0.5)
    assert bool(rij.loc[("AM05", "07+08"), "samengevoegd"]) and not bool(rij.loc[("AM05", "01"), "samengevoegd"])
    assert rij.loc[("PV23", "T"), "niveau"] == "provincie"
    assert "2 arbeidsmarktregio's" in controles[0]


def test_weesp_keeps_its_2022_code_and_small_gemeenten_are_left_out(tmp_path):
    tabel, _ = build_tiny(tmp_path)
    gemeenten = tabel[tabel["niveau"] == "gemeente"].drop_duplicates("gebied_code").set_index("gebied_code")
    assert gemeenten.loc["GM0457", "arbeidsmarktregio_code"] == "AM18"  # from the code history
    assert gemeenten.loc["GM0153", "arbeidsmarktregio_code"] == "AM05"
    assert "GM0164" not in gemeenten.index  # Hengelo: 12.000 working residents, under the 20.000 rule
    assert "Oost-Nederland" not in set(tabel["gebied_naam"])


def test_a_name_that_maps_to_nothing_stops_the_build(tmp_path):
    with pytest.raises(BuildError, match="Atlantis"):
        build_tiny(tmp_path, dump([*GEBIEDEN, ("Atlantis", 1, 1, 0)]))


def test_a_key_without_meaning_stops_the_build(tmp_path):
    with pytest.raises(SchemaError) as error:
        build_tiny(tmp_path, dump(sleutel_extra="1300000"))
    assert error.value.value == "1300000" and error.value.column == "Beroepsklasse"


def test_regions_that_do_not_add_up_stop_the_build(tmp_path):
    gebieden = [(n, *(v if n != "Twente (AM)" else (80, 10, 70))) for n, *v in GEBIEDEN]
    with pytest.raises(BuildError, match="tellen op"):
        build_tiny(tmp_path, dump(gebieden))


def test_an_empty_cell_stays_missing(tmp_path):
    """CBS writes a secret figure as an empty cell in the dump: missing in the table (share and LQ too), never 0."""
    gebieden = [(n, *(v if n != "Groningen (AM)" else (50, "", 20))) for n, *v in GEBIEDEN]
    tabel, _ = build_tiny(tmp_path, dump(gebieden))
    rij = tabel.set_index(["gebied_code", "beroepsklasse_code"]).loc[("AM01", "01")]
    assert pd.isna(rij["werkzame_beroepsbevolking"]) and pd.isna(rij["aandeel_pct"]) and pd.isna(rij["locatiequotient"])


# --- the real mirror ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tabel(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "arbeidsmarkt" / "beroepsklassen_regio.parquet")


@pytest.fixture(scope="module")
def ruw() -> pd.DataFrame:
    path = mirror_file(sources.get("beroepsklassen_regio").mirror_path)
    frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
    frame["waarde"] = pd.to_numeric(frame["WerkzameBeroepsbevolking_1"])
    return frame


def test_all_35_regions_and_they_add_up_to_nederland(tabel, ruw):
    totaal = tabel[tabel["beroepsklasse_code"] == "T"]
    regios = totaal[totaal["niveau"] == "arbeidsmarktregio"]
    assert sorted(regios["gebied_code"]) == REGIO_CODES
    assert regios["werkzame_beroepsbevolking"].sum() == 9_547_000  # SOURCES.md: 9 547 against 9 548
    assert totaal.loc[totaal["niveau"] == "nederland", "werkzame_beroepsbevolking"].iloc[0] == 9_548_000
    am = ruw[ruw["RegioS"].str.endswith("(AM)") & (ruw["Beroepsklasse"] == "1200000")]
    assert len(am) == 35 and am["waarde"].sum() == 9547


def test_every_class_of_the_35_regions_adds_up_to_nederland_within_the_rounding(tabel, ruw):
    """Each regional figure is rounded to thousands (±500): 35 of them at most 17.500 from Nederland, per class;
    from the raw file, and the table holds the same sums."""
    am = ruw[ruw["RegioS"].str.endswith("(AM)")].groupby("Beroepsklasse")["waarde"].sum()
    nl = ruw[ruw["RegioS"] == "Nederland"].set_index("Beroepsklasse")["waarde"]
    assert len(am) == 11 and ((am - nl.reindex(am.index)).abs() <= 35 * 0.5).all()
    regios = tabel[tabel["niveau"] == "arbeidsmarktregio"].groupby("beroepsklasse_sleutel")["werkzame_beroepsbevolking"].sum()
    assert (regios.sort_index() == am.sort_index() * 1000).all()


def test_location_quotient_from_the_raw_file(tabel, ruw):
    # Rijnmond (AM22), class 11 Dienstverlenende beroepen (key 8000000).
    def waarde(regio, sleutel):
        return ruw.loc[(ruw["RegioS"] == regio) & (ruw["Beroepsklasse"] == sleutel), "waarde"].iloc[0]
    verwacht = (waarde("Rijnmond (AM)", "8000000") / waarde("Rijnmond (AM)", "1200000")) / (
        waarde("Nederland", "8000000") / waarde("Nederland", "1200000"))
    rij = tabel[(tabel["gebied_code"] == "AM22") & (tabel["beroepsklasse_code"] == "11")].iloc[0]
    assert rij["locatiequotient"] == pytest.approx(verwacht)


def test_the_four_gemeenten_of_2022_keep_their_own_code(tabel, ruw):
    gemeenten = tabel.loc[tabel["niveau"] == "gemeente"].drop_duplicates("gebied_code").set_index("gebied_code")
    groot = ruw[(ruw["Beroepsklasse"] == "1200000") & ruw["RegioS"].isin(["Weesp", "Brielle", "Hellevoetsluis", "Westvoorne"])]
    for naam, code in (("Weesp", "GM0457"), ("Brielle", "GM0501"), ("Hellevoetsluis", "GM0530"), ("Westvoorne", "GM0614")):
        groot_genoeg = groot.loc[groot["RegioS"] == naam, "waarde"].iloc[0] >= 20
        assert (code in gemeenten.index) == groot_genoeg
        if groot_genoeg:
            assert gemeenten.loc[code, "arbeidsmarktregio_code"] in {"AM18", "AM22"}
    assert (tabel.loc[tabel["niveau"] == "gemeente", "werkzame_beroepsbevolking"].groupby(tabel["gebied_code"]).max()
            >= 20_000).all()
