"""Labour-force counts: CBS's own counts for arbeidsmarktregio's and Nederland, derived ones for gemeenten.

Expected values are read here from the 86088NED file with the csv module, independently of the build.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from tests.fixtures.mirror import mirror_file

FILE = "cbs/statline_regio/86088NED_arbeidsdeelname_regio2024_first10000rows_dertje.csv"
COUNTS = {"beroepsbevolking": "Beroepsbevolking_2", "werkzame_beroepsbevolking": "WerkzameBeroepsbevolking_3",
          "werkloze_beroepsbevolking": "WerklozeBeroepsbevolking_12", "niet_beroepsbevolking": "NietBeroepsbevolking_14"}


@pytest.fixture(scope="module")
def published() -> dict[str, dict[str, str]]:
    """Rows of 2024, total persons, by the region name as CBS writes it."""
    with open(mirror_file(FILE), encoding="utf-8-sig", newline="") as handle:
        return {row["RegioS"].strip(): row for row in csv.DictReader(handle, delimiter=";")
                if row["Perioden"].strip() == "2024" and row["Persoonskenmerken"].strip() == "Totaal personen"}


@pytest.mark.parametrize("code, cbs_naam", [("NL00", "Nederland"), ("AM01", "Groningen (AM)"), ("AM03", "Drenthe (AM)")])
def test_regions_and_nederland_show_cbs_own_counts(gebieden, published, code, cbs_naam):
    row = published[cbs_naam]
    for kolom, cbs_kolom in COUNTS.items():
        assert gebieden.at[code, kolom] == float(row[cbs_kolom]) * 1000, kolom
    assert gebieden.at[code, "werkloosheid_pct"] == float(row["Werkloosheidspercentage_13"])


def test_nederland_werkzaam_as_cbs_publishes_it(gebieden):
    # SOURCES.md, 86088NED: "Nederland 2024 werkzaam 9 798 (×1 000), werkloosheid 3.7 %, netto participatie 73.2 %".
    assert gebieden.at["NL00", "werkzame_beroepsbevolking"] == 9_798_000
    assert gebieden.at["NL00", "netto_arbeidsparticipatie_pct"] == 73.2


def test_gemeente_counts_follow_their_percentages(gebieden):
    """A gemeente's thousands are too coarse: its counts are its published percentages × its population 15–75."""
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"].dropna(subset=["netto_arbeidsparticipatie_pct", "inwoners_15_75"])
    assert len(gemeenten) > 300
    expected = (gemeenten["netto_arbeidsparticipatie_pct"] / 100 * gemeenten["inwoners_15_75"]).round()
    pd.testing.assert_series_equal(gemeenten["werkzame_beroepsbevolking"].astype("Float64"), expected, check_names=False)
