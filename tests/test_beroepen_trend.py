"""Table `beroepen_trend` (CBS 85276NED per BRC occupation, 2013–2024): a fixture in the dump format, and the real
mirror file read independently here with the csv module."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from llo_dash.build.beroepen_trend import brc_namen, reeks
from llo_dash.errors import SchemaError
from tests.fixtures.mirror import mirror_file

DUMP = "arbeidsmarkt/beroepen_regio/85276NED_werkzame_beroepsbevolking_beroep_first10000rows_dertje.csv"
LONEN = "arbeidsmarkt/cbs_brc_werkzamen_lonen_nl.csv"
HEADER = ["ID", "Geslacht", "Persoonskenmerken", "Beroep", "Perioden", "WerkzameBeroepsbevolking_1"]
NAMEN = {"11": "Dienstverlenende beroepen", "112": "Schoonmakers en keukenhulpen", "1121": "Schoonmakers",
         "1122": "Keukenhulpen"}


def _dump(*rows) -> pd.DataFrame:
    totaal = ("Totaal mannen en vrouwen", "Totaal personen")
    return pd.DataFrame([[str(i), *(row if len(row) == 5 else (*totaal, *row))] for i, row in enumerate(rows)],
                        columns=HEADER, dtype=str)


@pytest.fixture(scope="module")
def tabel(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "arbeidsmarkt" / "beroepen_trend.parquet")


def test_years_only_thousands_to_persons_missing_stays_missing():
    frame = _dump(
        ("Totaal", "2023", "9737"),
        ("Beroepsniveau 1 (ISCO 2008)", "2023", "700"),  # not an occupation: left out
        ("1121 Schoonmakers", "2023 1e kwartaal", "220"),  # a quarter: left out
        ("1121 Schoonmakers", "2023", "223"),
        ("1121 Schoonmakers", "2015 ", "257"),  # the dumps write "2015 "
        ("1122 Keukenhulpen en kantinemedew...", "2023", ""),  # cut title; empty = missing, never 0
        ("Mannen", "Totaal personen", "1121 Schoonmakers", "2023", "50"),  # men only: left out
    )
    result = reeks(frame, NAMEN, file="85276NED.csv").set_index(["brc_code", "jaar"])
    assert result.loc[("1121", 2023), "werkzame_beroepsbevolking"] == 223_000
    assert result.loc[("1121", 2015), "werkzame_beroepsbevolking"] == 257_000
    assert pd.isna(result.loc[("1122", 2023), "werkzame_beroepsbevolking"])
    assert result.loc[("1122", 2023), "brc_naam"] == "Keukenhulpen"  # full name from the classification
    assert result.loc[("totaal", 2023), "werkzame_beroepsbevolking"] == 9_737_000
    assert len(result) == 4


def test_unknown_brc_code_stops_the_build_with_line_and_value():
    frame = _dump(("1121 Schoonmakers", "2023", "223"), ("9999 Onbekend beroep", "2023", "1"))
    with pytest.raises(SchemaError) as fout:
        reeks(frame, NAMEN, file="85276NED.csv")
    assert fout.value.line == 3 and fout.value.value == "9999 Onbekend beroep" and fout.value.column == "Beroep"


def test_unknown_period_stops_the_build():
    with pytest.raises(SchemaError) as fout:
        reeks(_dump(("1121 Schoonmakers", "2023 december", "223")), NAMEN, file="85276NED.csv")
    assert fout.value.value == "2023 december"


def test_classification_keeps_leading_zeros():
    classificatie = pd.DataFrame({
        "brc_beroepsklasse_code": ["1"], "brc_beroepsklasse_naam": ["Pedagogische beroepen"],
        "brc_beroepssegment_code": ["11"], "brc_beroepssegment_naam": ["Docenten"],
        "brc_beroepsgroep_code": ["114"], "brc_beroepsgroep_naam": ["Leerkrachten basisonderwijs"]})
    assert brc_namen(classificatie, file="brc.csv") == {
        "01": "Pedagogische beroepen", "011": "Docenten", "0114": "Leerkrachten basisonderwijs"}


def _raw_years() -> dict[tuple[str, int], str]:
    """(code or 'totaal', year) → the raw value of the dump, read with csv (titles start with the code)."""
    waarden = {}
    with mirror_file(DUMP).open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            periode = row["Perioden"].strip()
            if row["Geslacht"] != "Totaal mannen en vrouwen" or not periode.isdigit():
                continue
            beroep = row["Beroep"]
            code = "totaal" if beroep == "Totaal" else beroep.split(" ")[0]
            if code == "totaal" or code.isdigit():
                waarden[(code, int(periode))] = row["WerkzameBeroepsbevolking_1"]
    return waarden


def test_real_table_equals_the_raw_file_and_the_2023_figures(tabel):
    raw = _raw_years()
    built = tabel.set_index(["brc_code", "jaar"])["werkzame_beroepsbevolking"]
    assert len(built) == len(raw)
    for key, value in raw.items():
        assert (pd.isna(built[key]) if value == "" else built[key] == float(value) * 1000), key
    # published check in the mirror's SOURCES.md: 2024 total 9 798 thousand, schoonmakers 218, keukenhulpen 82
    assert built[("totaal", 2024)] == 9_798_000
    assert built[("1121", 2024)] == 218_000 and built[("1122", 2024)] == 82_000
    # 2023 equals the separate national file of 2023 (cbs_brc_werkzamen_lonen_nl.csv), for every code in both
    with mirror_file(LONEN).open(encoding="utf-8-sig", newline="") as f:
        lonen = {row["brc_code"]: row["werkzame_beroepsbevolking_2023_x1000"] for row in csv.DictReader(f)}
    gedeeld = [code for code in lonen if (code, 2023) in built.index]
    assert len(gedeeld) >= 150
    for code in gedeeld:
        assert built[(code, 2023)] == float(lonen[code]) * 1000, code


def test_real_table_is_cut_off_not_extrapolated(tabel):
    laatste = tabel.groupby("brc_code")["jaar"].max()
    assert laatste["1214"] == 2020 and laatste["1121"] == 2024  # as the mirror's SOURCES.md says
    assert "1215" not in laatste.index  # absent from the cut-off dump: not made up
    assert tabel["jaar"].min() == 2013


def test_view_says_where_a_series_stops_and_never_fills_it_in():
    from llo_dash.views.sectoren import beroepentrend

    trend = pd.DataFrame({"brc_code": ["1121", "1121", "1214", "1214", "totaal"], "jaar": [2013, 2024, 2013, 2020, 2024],
                          "werkzame_beroepsbevolking": [200_000.0, 150_000.0, 120_000.0, 102_000.0, 9_798_000.0]})
    lijst = pd.DataFrame({"brc_code": ["1121", "1214", "1215"], "beroep": ["Schoonmakers", "Vrachtwagenchauffeurs", "Taxi"]})
    frame = beroepentrend.overzicht(trend, lijst).set_index("brc_code")
    assert frame.at["1121", "verandering_pct"] == pytest.approx(-25.0) and not frame.at["1121", "afgekapt"]
    assert frame.at["1214", "tot_jaar"] == "2020" and frame.at["1214", "afgekapt"]
    assert pd.isna(frame.at["1215", "tot"]) and frame.at["1215", "tot_jaar"] == ""
    zin = beroepentrend.zin(frame.reset_index())
    assert "Schoonmakers (-25%)" in zin
    assert "De reeks van Vrachtwagenchauffeurs stopt in de (afgekapte) kopie van 85276NED in 2020 (102.000 werkenden)" in zin
    assert "Voor Taxi staat geen reeks" in zin

