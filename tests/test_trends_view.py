"""The Trends view's pure functions on small hand-written tables: change over 1 and 5 years, rank, yearly
averages of monthly figures, gaps that stay gaps, and the wording of the trend sentence."""

import math

import pandas as pd
import pytest

from llo_dash.views import trends as tr
from llo_dash.views.trends.text import periode_tekst, perioden_tekst

NAN = float("nan")


def _rij(code, niveau, indicator, periode, waarde, eenheid="%", bron="arbeidsdeelname", regio=None):
    return dict(code=code, niveau=niveau, arbeidsmarktregio_code=regio or (code if niveau == "arbeidsmarktregio" else None),
                indicator=indicator, periode=periode, waarde=waarde, eenheid=eenheid, bron=bron, toelichting="Testcijfer.")


# Werkloosheid 2018–2024 of Nederland, three regions and a gemeente; AM02 has no 2021 (a gap), AM03 no 2019.
WERKLOOSHEID = {
    "NL00": [4.9, 4.4, 4.9, 4.2, 3.5, 3.6, 3.7],
    "AM01": [6.0, 5.1, 5.5, 4.6, 3.9, 3.9, 3.6],
    "AM02": [3.0, 2.5, 3.0, None, 2.4, 2.6, 3.6],
    "AM03": [4.0, None, 4.1, 3.8, 3.4, 3.5, 4.2],
    "GM0001": [7.0, 6.0, 6.2, 5.0, 4.4, 4.5, 4.1],
}
NIVEAUS = {"NL00": "nederland", "AM01": "arbeidsmarktregio", "AM02": "arbeidsmarktregio", "AM03": "arbeidsmarktregio",
           "GM0001": "gemeente"}


@pytest.fixture
def trends() -> pd.DataFrame:
    rows = [_rij(code, NIVEAUS[code], "werkloosheid_pct", str(2018 + i), value, regio="AM01" if code == "GM0001" else None)
            for code, values in WERKLOOSHEID.items() for i, value in enumerate(values) if value is not None]
    # WW per month: AM01 100 in every month of 2023 except December (220) → average 110; 2024 only Jan–Nov.
    for maand in range(1, 13):
        rows.append(_rij("AM01", "arbeidsmarktregio", "ww_personen", f"2023-{maand:02d}", 220 if maand == 12 else 100,
                         "personen", "ww_regio"))
        rows.append(_rij("NL00", "nederland", "ww_personen", f"2023-{maand:02d}", 1000, "personen", "ww_regio"))
    for maand in range(1, 12):
        rows.append(_rij("AM01", "arbeidsmarktregio", "ww_personen", f"2024-{maand:02d}", 50, "personen", "ww_regio"))
    frame = pd.DataFrame(rows)
    frame["waarde"] = frame["waarde"].astype("Float64")
    return frame


def test_change_over_one_and_five_years():
    serie = pd.Series([5.1, 4.6, 3.9, 3.9, 3.8, 3.6], index=[str(y) for y in range(2019, 2025)])
    assert tr.verandering(serie, 1) == pytest.approx(3.6 - 3.8)
    assert tr.verandering(serie, 5) == pytest.approx(3.6 - 5.1)
    assert math.isnan(tr.verandering(serie, 5, "2023")), "2018 is not in the series"
    gat = serie.copy()
    gat["2019"] = NAN
    assert math.isnan(tr.verandering(gat, 5)), "a missing start value gives no change, not a change from 0"
    maanden = pd.Series([7010.0, 6500.0], index=["2023-12", "2024-12"])
    assert tr.verandering(maanden, 1) == -510


def test_rank_one_is_highest_and_ties_share_the_best_rank():
    waarden = pd.Series({"A": 3.0, "B": 5.0, "C": 5.0, "D": NAN, "E": 1.0})
    assert tr.rang(waarden, "B") == (1, 4) and tr.rang(waarden, "C") == (1, 4)
    assert tr.rang(waarden, "A") == (3, 4)
    assert tr.rang(waarden, "E") == (4, 4)
    positie, aantal = tr.rang(waarden, "D")
    assert math.isnan(positie) and aantal == 4


def test_yearly_average_only_for_complete_years(trends):
    jaren = tr.tabel_per_periode(trends, "ww_personen")
    assert list(jaren.columns) == ["2023"], "11 months of 2024 are not a year"
    assert jaren.at["AM01", "2023"] == pytest.approx((11 * 100 + 220) / 12)  # 110
    maanden = tr.tabel_per_periode(trends, "ww_personen", per_maand=True)
    assert len(maanden.columns) == 23 and maanden.at["AM01", "2023-12"] == 220
    assert math.isnan(maanden.at["NL00", "2024-01"])  # Nederland has no 2024 in this fixture


def test_a_missing_year_is_a_gap_in_the_series_and_the_chart(trends):
    serie = tr.reeks(trends, "AM02", "werkloosheid_pct")
    assert list(serie.index) == [str(y) for y in range(2018, 2025)]
    assert math.isnan(serie["2021"]) and serie["2022"] == 2.4
    namen = {"AM01": "Regio Een", "NL00": "Nederland", "AM02": "Regio Twee"}
    lijnen = tr.lijnen(trends, "werkloosheid_pct", namen, "AM01", None, ["AM02"])
    fig = tr.trendgrafiek(lijnen, "werkloosheid_pct", titel="Werkloosheid", bron=["Bron: test."])
    (buur,) = [trace for trace in fig.data if trace.name.startswith("Regio Twee")]
    assert math.isnan(buur.y[3]) and 0 not in list(buur.y)
    assert buur.connectgaps is False
    assert any("Bron: test." in annotation.text for annotation in fig.layout.annotations)
    assert [trace.name for trace in fig.data][0].startswith("Regio Twee"), "neighbours are drawn first, under the others"


def test_lines_leave_out_areas_without_values(trends):
    namen = {"AM01": "Regio Een", "NL00": "Nederland", "GM0001": "Gemeente Een"}
    lijnen = tr.lijnen(trends, "ww_personen", namen, "AM01", "GM0001", ["AM09"])
    assert [(lijn.code, lijn.rol) for lijn in lijnen] == [("AM01", "gebied"), ("NL00", "nederland")]


def test_table_of_latest_value_change_and_rank(trends):
    namen = {"AM01": "Regio Een", "NL00": "Nederland", "AM02": "Regio Twee", "AM03": "Regio Drie", "GM0001": "Gemeente Een"}
    lijnen = tr.lijnen(trends, "werkloosheid_pct", namen, "AM01", "GM0001", ["AM02", "AM03"])
    tabel = tr.standtabel(trends, "werkloosheid_pct", lijnen)
    frame = tabel.frame.set_index("gebied")
    # 2024: AM01 3,6; AM02 3,6; AM03 4,2 → AM03 rank 1, AM01 and AM02 share rank 2.
    assert frame.loc["Regio Een", ["waarde", "rang", "van"]].tolist() == [3.6, 2, 3]
    assert frame.loc["Regio Drie", "rang"] == 1 and frame.loc["Regio Twee", "rang"] == 2
    assert frame.loc["Regio Een", "verandering_1"] == pytest.approx(3.6 - 3.9)
    assert frame.loc["Regio Een", "verandering_5"] == pytest.approx(3.6 - 5.1)
    assert math.isnan(frame.loc["Regio Drie", "verandering_5"]), "AM03 has no 2019"
    assert math.isnan(frame.loc["Nederland", "rang"])
    assert frame.loc["Gemeente Een", ["rang", "van"]].tolist() == [1, 1]  # ranked among gemeenten, not regions
    tekst = tabel.als_tekst().set_index("Gebied")
    assert tekst.loc["Regio Een", "Werkloosheid 2024"] == "3,6%"
    assert tekst.loc["Regio Een", "Verandering in 5 jaar (procentpunt)"] == "-1,5"
    assert tekst.loc["Regio Drie", "Verandering in 5 jaar (procentpunt)"] == "geen gegevens"


@pytest.mark.parametrize(
    ("gebied", "nederland", "kwargs", "zin"),
    [
        ({"2019": 5.1, "2024": 3.6}, {"2019": 4.4, "2024": 3.7}, {},
         "De werkloosheid daalde van 5,1% in 2019 naar 3,6% in 2024; landelijk van 4,4% naar 3,7%."),
        ({"2019": 3.0, "2024": 3.6}, None, {"gebiedsnaam": "Twente"},
         "In Twente steeg de werkloosheid van 3,0% in 2019 naar 3,6% in 2024."),
        # Equal as shown (3,6% and 3,6%) is "bleef gelijk", whatever the third decimal.
        ({"2019": 3.63, "2024": 3.58}, {"2019": 4.4}, {},
         "De werkloosheid bleef gelijk op 3,6% in 2019 en 2024."),
        # No 2019: the sentence starts at the first year with a value, and says so.
        ({"2017": 5.9, "2019": NAN, "2024": 3.7}, {"2017": 5.9, "2024": 3.7}, {},
         "De werkloosheid daalde van 5,9% in 2017 naar 3,7% in 2024; landelijk van 5,9% naar 3,7%."),
        ({"2018": 6.0, "2019": 5.1, "2024": 3.6}, None, {"vanaf": "2018", "tot": "2019"},
         "De werkloosheid daalde van 6,0% in 2018 naar 5,1% in 2019."),
    ],
)
def test_trend_sentence_wording(gebied, nederland, kwargs, zin):
    assert tr.trendzin("werkloosheid_pct", gebied, nederland, **kwargs) == zin


def test_trend_sentence_of_counts_and_months():
    assert tr.trendzin("ww_personen", {"2023-12": 7010, "2024-12": 6500}, gebiedsnaam="Groningen") == (
        "In Groningen daalde het aantal personen met WW (jaargemiddelde) van 7.010 in december 2023 naar 6.500 in "
        "december 2024.")


@pytest.mark.parametrize("gebied", [{}, {"2024": 3.6}, {"2019": NAN, "2024": 3.6}, {"2019": None, "2024": 3.6}])
def test_no_sentence_without_two_values(gebied):
    assert tr.trendzin("werkloosheid_pct", gebied) is None


def test_trend_sentences_of_an_area_for_the_regioprofiel(trends):
    zinnen = tr.trendzinnen(trends, "AM01", gebiedsnaam="Regio Een")
    # werkloosheid 2019 → 2024; WW has one complete year only, so no sentence.
    assert zinnen == ["In Regio Een daalde de werkloosheid van 5,1% in 2019 naar 3,6% in 2024; landelijk van 4,4% naar 3,7%."]


@pytest.mark.parametrize(("periode", "tekst"), [("2023", "2023"), ("2024-03", "maart 2024"), ("2013-K1", "1e kwartaal 2013")])
def test_period_labels(periode, tekst):
    assert periode_tekst(periode) == tekst


def test_period_spans():
    assert perioden_tekst(["2013", "2024"]) == "2013–2024"
    assert perioden_tekst(["2017-01", "2025-01"]) == "januari 2017 – januari 2025"
    assert perioden_tekst(["2024"]) == "2024"


def test_notes_sharing_their_first_sentences_show_them_once():
    from llo_dash.views.trends.data import gedeeld_eenmaal

    gedeeld = "Schatting van het dashboard. Nederland ligt elk jaar op PIAAC 2023."
    notes = [f"{gedeeld} Invoer van 2023: grover.", f"{gedeeld} Invoer van 2024: fijner."]
    assert gedeeld_eenmaal(notes) == [gedeeld, "Invoer van 2023: grover.", "Invoer van 2024: fijner."]
    # Notes without whole shared sentences stay as they are (a shared word is not a shared sentence).
    assert gedeeld_eenmaal(["Bron A. Een.", "Bron B. Twee."]) == ["Bron A. Een.", "Bron B. Twee."]
    assert gedeeld_eenmaal(["Alleen deze."]) == ["Alleen deze."]
