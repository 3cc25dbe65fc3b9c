"""Vergelijken (pure functions): the `?vergelijk=` link, the default comparison, the side-by-side table,
the ranking with ties, and the ranking chart. Small hand-made frames first, then the built data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from llo_dash.columns import PER_RIJ
from llo_dash.views import queries
from llo_dash.views import vergelijken as vg
from tests.apptest import dutch

NL = "NL00"


def _row(niveau, code, naam, regio, inwoners, **values):
    return {"niveau": niveau, "code": code, "naam": naam, "arbeidsmarktregio_code": regio,
            "arbeidsmarktregio_naam": {"AM01": "Noord", "AM02": "Zuid"}.get(regio), "inwoners": inwoners, **values}


@pytest.fixture()
def klein() -> pd.DataFrame:
    """Nederland, 4 regions (two with the same value) and 4 gemeenten (one without a value)."""
    rows = [
        _row("nederland", NL, "Nederland", None, 1000, laag_opgeleid_pct=25.0, laaggeletterd_16_65_pct=15.9,
             laaggeletterd_16_65_pct_laag=14.8, laaggeletterd_16_65_pct_hoog=17.0),
        _row("arbeidsmarktregio", "AM01", "Noord", "AM01", 400, laag_opgeleid_pct=30.0, laaggeletterd_16_65_pct=18.0,
             laaggeletterd_16_65_pct_laag=17.0, laaggeletterd_16_65_pct_hoog=19.0),
        _row("arbeidsmarktregio", "AM02", "Zuid", "AM02", 300, laag_opgeleid_pct=20.0, laaggeletterd_16_65_pct=14.0,
             laaggeletterd_16_65_pct_laag=13.0, laaggeletterd_16_65_pct_hoog=15.0),
        _row("arbeidsmarktregio", "AM03", "Oost", "AM03", 200, laag_opgeleid_pct=30.0, laaggeletterd_16_65_pct=16.0,
             laaggeletterd_16_65_pct_laag=15.0, laaggeletterd_16_65_pct_hoog=17.0),
        _row("arbeidsmarktregio", "AM05", "West", "AM05", 100, laag_opgeleid_pct=10.0, laaggeletterd_16_65_pct=None,
             laaggeletterd_16_65_pct_laag=None, laaggeletterd_16_65_pct_hoog=None),
        _row("gemeente", "GM0001", "Aadorp", "AM01", 250, laag_opgeleid_pct=31.0),
        _row("gemeente", "GM0002", "Beekdal", "AM01", 150, laag_opgeleid_pct=None),
        _row("gemeente", "GM0003", "Zuidstad", "AM02", 200, laag_opgeleid_pct=22.0),
        _row("gemeente", "GM0004", "Dorp", "AM02", 100, laag_opgeleid_pct=18.0),
    ]
    frame = pd.DataFrame(rows)
    for column in frame.columns[6:]:
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    frame["inwoners"] = frame["inwoners"].astype("Int64")
    return frame


# --- the link --------------------------------------------------------------------


def test_no_link_is_none(klein):
    assert vg.lees_vergelijk(None, klein) is None


def test_link_is_normalised(klein):
    result = vg.lees_vergelijk(" am01 ,AM02;am03  AM02,am01", klein)
    assert result == vg.Vergelijking("arbeidsmarktregio", ("AM01", "AM02", "AM03"), ())  # duplicates kept once


def test_bad_codes_are_dropped_with_a_dutch_message(klein):
    result = vg.lees_vergelijk("AM01,XX99,AM04,<b>x</b>,AM02", klein)
    assert result.codes == ("AM01", "AM02")
    (melding,) = result.meldingen
    assert "XX99" in melding and "AM04" in melding and "bestaan niet" in melding and "weggelaten" in melding
    assert "<" not in melding and ">" not in melding  # link content never becomes markup


def test_single_bad_code_is_singular(klein):
    (melding,) = vg.lees_vergelijk("AM01,GM9999", klein).meldingen
    assert melding.startswith("Code **GM9999**") and "bestaat niet" in melding and "is weggelaten" in melding


def test_nederland_is_dropped_silently(klein):
    assert vg.lees_vergelijk("NL00,AM01,nl00", klein) == vg.Vergelijking("arbeidsmarktregio", ("AM01",), ())


def test_more_than_six_keeps_the_first_six(klein):
    gemeenten = pd.concat(
        [klein, pd.DataFrame([_row("gemeente", f"GM01{i:02d}", f"Extra {i}", "AM02", 10 + i) for i in range(6)])],
        ignore_index=True,
    )
    link = ",".join(["GM0001", "GM0002", "GM0003", "GM0004", *(f"GM01{i:02d}" for i in range(6))])
    result = vg.lees_vergelijk(link, gemeenten)
    assert result.niveau == "gemeente"
    assert result.codes == ("GM0001", "GM0002", "GM0003", "GM0004", "GM0100", "GM0101")
    (melding,) = result.meldingen
    assert "hoogstens 6" in melding and "GM0102" in melding and "GM0105" in melding


def test_mixed_levels_follow_the_first_code(klein):
    result = vg.lees_vergelijk("GM0003,AM01,GM0001", klein)
    assert result.niveau == "gemeente" and result.codes == ("GM0003", "GM0001")
    (melding,) = result.meldingen
    assert "AM01" in melding and "niet door elkaar" in melding


def test_empty_link_is_an_empty_choice(klein):
    assert vg.lees_vergelijk("", klein) == vg.Vergelijking("arbeidsmarktregio", (), ())
    # only unknown gemeente-shaped codes: still the gemeente level
    assert vg.lees_vergelijk("GM9998", klein).niveau == "gemeente"


def test_link_value_round_trip(klein):
    codes = ["AM03", "AM01"]
    assert vg.lees_vergelijk(vg.link_waarde(codes), klein).codes == tuple(codes)


# --- the default -------------------------------------------------------------------


def test_default_regions_closest_in_size(klein):
    # AM02 has 300 inhabitants: AM01 (400) and AM03 (200) are equally close; ties go by name (Noord before Oost).
    assert vg.standaard_codes(klein, "arbeidsmarktregio", "AM02") == ["AM02", "AM01", "AM03"]
    assert vg.standaard_codes(klein, "arbeidsmarktregio", "AM05") == ["AM05", "AM03", "AM02"]


def test_default_without_choice_is_the_largest(klein):
    assert vg.standaard_codes(klein, "arbeidsmarktregio") == ["AM01", "AM02", "AM03"]
    assert vg.standaard_codes(klein, "gemeente") == ["GM0001", "GM0003", "GM0002"]
    assert vg.standaard_codes(klein, "gemeente", regio="AM02") == ["GM0003", "GM0004"]  # only two in AM02
    assert vg.standaard_codes(klein, "gemeente", "AM01", "GM0004")[0] == "GM0004"
    assert vg.standaard_niveau(None) == "arbeidsmarktregio" and vg.standaard_niveau("GM0001") == "gemeente"
    with pytest.raises(ValueError, match="Onbekend niveau 'wijk'"):
        vg.standaard_codes(klein, "wijk")


def test_view_from_the_link(klein):
    # no link: the default comparison of the chosen region, left out of the link
    geen = vg.weergave(klein, None, "AM02")
    assert (geen.niveau, geen.codes, geen.standaard, geen.uit_link, geen.info) == (
        "arbeidsmarktregio", ["AM02", "AM01", "AM03"], ["AM02", "AM01", "AM03"], False, None)
    # a link: its clean codes, with the notes on what was dropped
    link = vg.weergave(klein, "gm0003,XX99", "AM02")
    assert (link.niveau, link.codes, link.uit_link) == ("gemeente", ["GM0003"], True)
    assert link.standaard is None and len(link.meldingen) == 1  # gemeenten are not the default level here
    # only junk: the default, with a note
    junk = vg.weergave(klein, "<x>", "AM02")
    assert junk.codes == ["AM02", "AM01", "AM03"] and junk.info and "standaardvergelijking" in junk.info
    # an empty link: nothing chosen, at the level the user was looking at
    leeg = vg.weergave(klein, "", "AM02", huidig_niveau="gemeente")
    assert (leeg.niveau, leeg.codes, leeg.uit_link) == ("gemeente", [], False)
    # a chosen gemeente makes gemeenten the default level
    assert vg.weergave(klein, None, "AM02", "GM0004").codes[0] == "GM0004"


# --- side by side ------------------------------------------------------------------


def test_side_by_side_has_nederland_and_intervals(klein):
    kolommen = ["inwoners", "laaggeletterd_16_65_pct", "laag_opgeleid_pct"]
    tabel = vg.naast_elkaar(klein, ["AM01", "AM05", "AM01"], kolommen).scherm.als_tekst()
    assert list(tabel.columns) == ["Indicator", "Noord", "West", "Nederland", "Peildatum"]
    rows = tabel.set_index("Indicator")
    assert rows.at["Inwoners, aantal", "Nederland"] == "1.000"
    assert rows.at["Laaggeletterd 16–65 jaar, % (schatting)", "Noord"] == "18,0% (17,0–19,0%)"
    assert rows.at["Laaggeletterd 16–65 jaar, % (schatting)", "West"] == "geen gegevens"
    assert rows.at["Laag opgeleid (15–75 jaar), %", "West"] == "10,0%"


def test_side_by_side_equal_names_get_their_code(klein):
    klein.loc[klein["code"] == "AM03", "naam"] = "Noord"
    tabel = vg.naast_elkaar(klein, ["AM01", "AM03"], ["inwoners"])
    assert tabel.scherm.labels == ["Indicator", "Noord (AM01)", "Noord (AM03)", "Nederland", "Peildatum"]
    assert tabel.cijfers.labels[2:4] == ["Noord (AM01)", "Noord (AM03)"]


def test_side_by_side_download_keeps_numbers(klein):
    tabel = vg.naast_elkaar(klein, ["AM01"], ["laaggeletterd_16_65_pct", "inwoners"]).cijfers
    assert tabel.labels == ["Indicator", "Eenheid", "Noord (AM01)", "Nederland (NL00)", "Peildatum", "Schatting", "Bron"]
    assert all(tabel.kolommen[code].soort == PER_RIJ for code in ("AM01", "NL00"))  # % and counts in one column
    download = tabel.download()
    assert list(download["Indicator"]) == [
        "Laaggeletterd 16–65 jaar", "Laaggeletterd 16–65 jaar, ondergrens", "Laaggeletterd 16–65 jaar, bovengrens", "Inwoners",
    ]
    assert list(download["Noord (AM01)"]) == [18.0, 17.0, 19.0, 400.0]
    assert list(download["Nederland (NL00)"])[:3] == [15.9, 14.8, 17.0]
    assert list(download["Schatting"]) == ["ja", "ja", "ja", "nee"]
    assert download["Bron"].str.startswith("Bron:").all()


def test_side_by_side_download_is_rounded_as_on_screen(klein):
    """A percentage has the screen's one decimal in the download (half up), a count none; the screen's cell says
    the same number."""
    rij = klein["code"] == "AM01"
    klein.loc[rij, ["laaggeletterd_16_65_pct", "laaggeletterd_16_65_pct_laag", "laaggeletterd_16_65_pct_hoog"]] = [
        18.05, 17.0449, 19.25]
    naast = vg.naast_elkaar(klein, ["AM01"], ["laaggeletterd_16_65_pct", "inwoners"])
    download = naast.cijfers.download()
    assert list(download["Noord (AM01)"]) == [18.1, 17.0, 19.3, 400.0]
    assert naast.cijfers.waarden()["Noord (AM01)"].tolist()[:3] == [18.05, 17.0449, 19.25]  # the table keeps them
    assert naast.scherm.als_tekst().at[0, "Noord"] == "18,1% (17,0–19,3%)"


# --- ranking -------------------------------------------------------------------------


def test_ranking_order_and_ties(klein):
    ranking = vg.rangorde(klein, "arbeidsmarktregio", "laag_opgeleid_pct")
    assert list(ranking["code"]) == ["AM01", "AM03", "AM02", "AM05"]  # 30 (Noord), 30 (Oost), 20, 10
    assert list(ranking["rang"]) == [1, 1, 3, 4]  # equal values share the rank, the next one skips


def test_ranking_missing_values_last_without_rank(klein):
    ranking = vg.rangorde(klein, "gemeente", "laag_opgeleid_pct")
    assert list(ranking["naam"]) == ["Aadorp", "Zuidstad", "Dorp", "Beekdal"]
    assert list(ranking["rang"].astype("object").where(ranking["rang"].notna(), None)) == [1, 2, 3, None]
    assert list(ranking["arbeidsmarktregio_naam"]) == ["Noord", "Zuid", "Zuid", "Noord"]


def test_ranking_of_estimate_has_interval(klein):
    ranking = vg.rangorde(klein, "arbeidsmarktregio", "laaggeletterd_16_65_pct")
    assert list(ranking.columns) == ["rang", "code", "naam", "waarde", "ondergrens", "bovengrens"]
    assert ranking.iloc[0].tolist()[1:] == ["AM01", "Noord", 18.0, 17.0, 19.0]
    tabel = queries.kaarttabel(ranking, "laaggeletterd_16_65_pct")
    assert tabel.labels == ["Rang", "Code", "Naam", "Laaggeletterd 16–65 jaar, % (schatting)", "Ondergrens", "Bovengrens"]
    assert [(k.soort, k.aantal_decimalen) for k in tabel.kolommen.values()][3:] == [("procent", 1)] * 3
    assert tabel.als_tekst().iloc[0].tolist() == ["1", "AM01", "Noord", "18,0%", "17,0%", "19,0%"]
    assert tabel.als_tekst().iloc[-1].tolist()[0::3] == ["geen gegevens", "geen gegevens"]  # West: no rank, no value
    with pytest.raises(ValueError, match="Onbekend niveau 'buurt'"):
        vg.rangorde(klein, "buurt", "laag_opgeleid_pct")


def test_gemeente_ranking_table_names_the_region(klein):
    tabel = queries.kaarttabel(vg.rangorde(klein, "gemeente", "laag_opgeleid_pct"), "laag_opgeleid_pct")
    assert tabel.labels == ["Rang", "Code", "Naam", "Laag opgeleid (15–75 jaar), %", "Arbeidsmarktregio"]
    assert tabel.download()["Rang"].tolist()[:3] == [1, 2, 3] and math.isnan(tabel.download()["Rang"].iloc[3])


def test_nederland_value_and_places(klein):
    assert queries.waarde(klein, "NL00", "laaggeletterd_16_65_pct") == 15.9
    ranking = vg.rangorde(klein, "arbeidsmarktregio", "laaggeletterd_16_65_pct")
    assert vg.plaatsen(ranking, "laaggeletterd_16_65_pct", ["AM02", "AM05"]) == (
        "Zuid: plaats 3 van 3 (14,0%) · West: geen gegevens"
    )


# --- on the built data -------------------------------------------------------------------


def test_ranking_of_all_regions_on_built_data(gebieden):
    ranking = vg.rangorde(gebieden, "arbeidsmarktregio", "laaggeletterd_16_65_pct")
    regions = gebieden[gebieden["niveau"] == "arbeidsmarktregio"]
    assert len(ranking) == len(regions) == 35
    values = ranking["waarde"].tolist()
    assert values == sorted(values, reverse=True)
    for rang, value in zip(ranking["rang"], values):
        assert rang == 1 + sum(other > value for other in values)


def test_gemeente_ranking_on_built_data(gebieden):
    ranking = vg.rangorde(gebieden, "gemeente", "laag_opgeleid_pct")
    assert len(ranking) == 342
    missing = ranking[ranking["waarde"].isna()]
    assert len(missing) >= 1 and missing["rang"].isna().all()
    assert ranking.index[ranking["waarde"].isna()].min() == len(ranking) - len(missing)  # all at the end


def test_every_region_has_a_default_comparison(gebieden):
    for code in gebieden.loc[gebieden["niveau"] == "arbeidsmarktregio", "code"]:
        codes = vg.standaard_codes(gebieden, "arbeidsmarktregio", code)
        assert codes[0] == code and len(set(codes)) == 3
        assert all(c.startswith("AM") for c in codes)


def test_comparison_indicators_on_built_data(gebieden):
    regio = vg.vergelijk_indicatoren(gebieden, "arbeidsmarktregio")
    for kolom in ("inwoners", "laaggeletterd_16_65_pct", "laag_opgeleid_pct", "netto_arbeidsparticipatie_pct",
                  "werkloosheid_pct", "eerste_generatie_pct", "bijstandsuitkeringen"):
        assert kolom in regio
    tabel = vg.naast_elkaar(gebieden, ["AM12", "AM13"], regio).scherm.als_tekst()
    nl = gebieden.loc[NL]
    cell = tabel.set_index("Indicator").at["Laaggeletterd 16–65 jaar, % (schatting)", "Nederland"]
    assert cell == (f"{dutch(nl['laaggeletterd_16_65_pct'], 1)}% ({dutch(nl['laaggeletterd_16_65_pct_laag'], 1)}–"
                    f"{dutch(nl['laaggeletterd_16_65_pct_hoog'], 1)}%)")
    assert not math.isnan(queries.waarde(gebieden, NL, "werkloosheid_pct"))


def test_default_comparison_is_the_neighbours(gebieden, built_data):
    from llo_dash.views import buren

    regio = buren.buren(built_data)
    codes = vg.standaard_codes(gebieden, "arbeidsmarktregio", "AM37", buren=regio)
    assert codes[0] == "AM37" and {"AM18", "AM19"} <= set(codes)  # Groot Amsterdam, Holland Rijnland
    # at most six areas: a region with more neighbours keeps the longest borders
    for code, naast in regio.items():
        codes = vg.standaard_codes(gebieden, "arbeidsmarktregio", code, buren=regio)
        assert codes == [code, *naast[:5]]
    # without neighbours: the two closest in size, as before
    assert len(vg.standaard_codes(gebieden, "arbeidsmarktregio", "AM37", buren={})) == 3
    assert vg.weergave(gebieden, None, "AM37", buren=regio).codes == [code for code in [*["AM37"], *regio["AM37"]]]
