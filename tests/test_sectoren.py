"""Sectoren & beroepen, pure functions on a small hand-made fixture (numbers chosen to check by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from llo_dash.build.beroepen import clean_werkzamen, combine
from llo_dash.indicators import SECTOREN
from llo_dash.reference import read_reference
from llo_dash.views.sectoren import beroepen, figures, sectorstructuur, text, typering
from llo_dash.views.sectoren.beroepen import LANDELIJK, REGIONAAL, SpanningBron
from llo_dash.spanning import typering_tabel
from llo_dash.views.sectoren.upload import validate_tension_upload

# --- fixture: 4 BRC groups, the two lists, national tension ------------------------------

WERKZAMEN = [  # brc_code, niveau, naam, klasse, werkzaam ×1000
    ("T", "totaal", "Totaal", "", ""),
    ("07", "beroepsklasse", "Technische beroepen", "07", "150"),
    ("077", "beroepssegment", "Productiemachinebedieners", "07", "100"),
    ("0771", "beroepsgroep", "Productiemachinebedieners", "07", "100"),
    ("078", "beroepssegment", "Hulpkrachten bouw en industrie", "07", "50"),
    ("0781", "beroepsgroep", "Hulpkrachten bouw en industrie", "07", "50"),
    ("11", "beroepsklasse", "Dienstverlenende beroepen", "11", "280"),
    ("112", "beroepssegment", "Schoonmakers en keukenhulpen", "11", "280"),
    ("1121", "beroepsgroep", "Schoonmakers", "11", "200"),
    ("1122", "beroepsgroep", "Keukenhulpen", "11", "80"),
]
LIJSTEN = [  # lijst, rang, code, naam, % laaggeletterd, % laaggecijferd
    ("laaggeletterdheid", 1, "1121", "Schoonmakers", 40.0, 44.0),
    ("laaggeletterdheid", 2, "0771", "Productiemachinebedieners", 37.0, None),
    ("laaggeletterdheid", 3, "1122", "Keukenhulpen", None, None),
    ("laaggecijferdheid", 1, "1121", "Schoonmakers", 40.0, 44.0),
    ("laaggecijferdheid", 2, "0781", "Hulpkrachten bouw en industrie", None, None),
]
LANDELIJK_SPANNING = [  # periode, beroepsgroep, code, waarde
    ("2023K1", "Totaal (alle beroepsgroepen)", None, 4.32),
    ("2022K1", "Productiemachinebedieners", "0771", 3.0),
    ("2023K1", "Productiemachinebedieners", "0771", 1.2),
]


@pytest.fixture(scope="module")
def tabel_beroepen() -> pd.DataFrame:
    raw = pd.DataFrame(
        [(c, n, naam, k, w, "", "", "", "") for c, n, naam, k, w in WERKZAMEN],
        columns=["brc_code", "brc_niveau", "brc_naam", "brc_beroepsklasse_code", "werkzame_beroepsbevolking_2023_x1000",
                 "werknemers_2022_x1000", "uurloon_p25_2022_eur", "uurloon_mediaan_2022_eur", "uurloon_p75_2022_eur"],
        dtype="string",
    )
    lijsten = pd.DataFrame(
        [{"lijst": l, "rang": float(r), "beroep_handreiking": n, "brc_beroepsgroep_code": c, "brc_beroepsgroep_naam": n,
          "pct_laaggeletterd": ll, "pct_laaggecijferd": lc, "pct_laaggeletterd_en_of_laaggecijferd": None,
          "pct_toelichting": "fixture", "bron_lijst": "fixture", "bron_pct_url": None} for l, r, c, n, ll, lc in LIJSTEN]
    )
    landelijk = pd.DataFrame(
        [{"periode": p, "beroepsgroep_uwv": b, "brc_beroepsgroep_code": c, "spanningsindicator": w,
          "nauwkeurigheid": "exact", "typering": "", "typering_herkomst": "", "toelichting": "", "bron_titel": "fixture",
          "bron_url": "https://example.org", "bron_datum": ""} for p, b, c, w in LANDELIJK_SPANNING]
    )
    return combine(clean_werkzamen(raw), lijsten, landelijk)


def _sectors(a, bf, gi, hj, kl, mn, oq, ru):
    values = dict(zip(SECTOREN, (a, bf, gi, hj, kl, mn, oq, ru)))
    return {"vestigingen_totaal": None if a is None else sum(values.values()), **values}


NA8 = (None,) * 8


@pytest.fixture(scope="module")
def klein_gebieden() -> pd.DataFrame:
    rows = [
        # niveau, code, naam, regio, werkzaam, banen, vestigingen, inwoners 15-75, sectors
        ("nederland", "NL00", "Nederland", None, 1_000_000, 900_000, 250_000, 1_400_000, (100, 100, 200, 100, 100, 200, 100, 100)),
        ("arbeidsmarktregio", "AM01", "Regio Een", "AM01", 20_000, 18_000, 4_000, 28_000, (30, 20, 40, 20, 20, 30, 20, 20)),
        ("arbeidsmarktregio", "AM02", "Regio Twee", "AM02", 10_000, 9_000, 3_000, 14_000, NA8),
        ("gemeente", "GM0001", "Aa", "AM01", 10_000, 9_000, 2_000, 14_000, (20, 10, 20, 10, 10, 10, 10, 10)),
        ("gemeente", "GM0002", "Bee", "AM01", 10_000, 9_000, 2_000, 14_000, (10, 10, 20, 10, 10, 20, 10, 10)),
        ("gemeente", "GM0003", "Cee", "AM02", 5_000, 4_500, 1_500, 7_000, (20, 10, 20, 10, 10, 10, 10, 10)),
        ("gemeente", "GM0004", "Dee", "AM02", 5_000, 4_500, 1_500, 7_000, NA8),
    ]
    records = [
        {"niveau": n, "code": c, "naam": naam, "arbeidsmarktregio_code": r, "werkzame_beroepsbevolking": w,
         "banen_werknemers": b, "bedrijfsvestigingen": v, "inwoners_15_75": i, **_sectors(*s)}
        for n, c, naam, r, w, b, v, i, s in rows
    ]
    frame = pd.DataFrame(records)
    for column in frame.columns[4:]:
        frame[column] = frame[column].astype("Int64")
    return frame


def upload_csv(*lines: str) -> bytes:
    return ("\ufeffarbeidsmarktregio_code;beroepsgroep_code;beroepsgroep;periode;spanningsindicator\r\n"
            + "\r\n".join(lines)).encode("utf-8")


@pytest.fixture(scope="module")
def regionale_upload(tabel_beroepen):
    result = validate_tension_upload(
        "spanning_regio.csv",
        upload_csv("AM01;1121;Schoonmakers;2024K3;2,35", "AM01;0771;;2024K3;0,5", "AM01;0771;;2024K2;4,5",
                   "AM02;1121;;2024K3;0,2"),
        regio_codes={"AM01", "AM02"}, brc=beroepen.brc_groepen(tabel_beroepen),
    )
    assert result.ok, result.errors
    return result


# --- location quotient ---------------------------------------------------------------------


def test_locatiequotient_maths():
    assert sectorstructuur.locatiequotient(10, 100, 20, 400) == pytest.approx(2.0)
    assert sectorstructuur.locatiequotient(5, 100, 20, 400) == pytest.approx(1.0)
    for args in ((None, 100, 20, 400), (10, 0, 20, 400), (10, 100, 0, 400), (10, 100, pd.NA, 400)):
        assert math.isnan(sectorstructuur.locatiequotient(*args))


def test_complete_region_gets_a_region_figure(klein_gebieden):
    structuur = sectorstructuur.sectorstructuur(klein_gebieden, "AM01")
    assert structuur.volledig
    lq = structuur.regio_tabel.set_index("sector_kolom")["locatiequotient"]
    # AM01: landbouw 30 of 200 = 15% against 100 of 1000 = 10% in Nederland -> 1,5
    assert lq["vestigingen_a_landbouw"] == pytest.approx(1.5)
    assert lq["vestigingen_mn_zakelijke_dienstverlening"] == pytest.approx((30 / 200) / (200 / 1000))
    assert structuur.dekking == "2 van de 2 gemeenten"


def test_incomplete_region_only_per_gemeente(klein_gebieden):
    structuur = sectorstructuur.sectorstructuur(klein_gebieden, "AM02")
    assert not structuur.volledig
    assert structuur.regio_tabel.empty  # never a partial sum shown as the region
    assert structuur.dekking == "1 van de 2 gemeenten"
    assert set(structuur.gemeenten["gemeente"]) == {"Cee"}
    cee = structuur.gemeenten.set_index("sector_kolom")
    assert cee.at["vestigingen_a_landbouw", "locatiequotient"] == pytest.approx((20 / 100) / (100 / 1000))
    assert cee.at["vestigingen_mn_zakelijke_dienstverlening", "locatiequotient"] == pytest.approx(0.5)
    assert cee.at["vestigingen_a_landbouw", "aandeel_pct"] == pytest.approx(20.0)
    wide = sectorstructuur.lq_tabel(structuur.gemeenten)
    assert list(wide.frame["gemeente"]) == ["Cee"] and wide.frame.iloc[0]["vestigingen_a_landbouw"] == pytest.approx(2.0)
    assert wide.labels == ["Gemeente", *SECTOREN.values()]
    assert wide.als_tekst().iloc[0]["A Landbouw, bosbouw en visserij"] == "2,00"
    lang = sectorstructuur.sector_tabel(structuur.gemeenten)
    assert lang.labels[:2] == ["Gemeente", "Sectorgroep (KWB)"]
    assert lang.download().iloc[0]["Aandeel in alle vestigingen (%)"] == 20.0


def test_totals_region_against_nederland(klein_gebieden):
    tot = sectorstructuur.totalen(klein_gebieden, "AM02").set_index("kolom")
    assert tot.at["banen_werknemers", "aandeel"] == pytest.approx(1.0)
    assert tot.at["bedrijfsvestigingen", "regio"] == 3_000 and tot.at["bedrijfsvestigingen", "nederland"] == 250_000


# --- tension: national, replaced by the region's own after an upload ------------------------


def test_national_tension_is_the_latest_published(tabel_beroepen):
    shown = beroepen.spanning_per_beroep(tabel_beroepen)
    assert shown.at["0771", "spanningsindicator"] == 1.2 and shown.at["0771", "spanning_periode"] == "2023K1"
    assert shown.at["0771", "spanning_typering"] == "gemiddeld" and shown.at["0771", "spanning_herkomst"] == LANDELIJK
    assert math.isnan(shown.at["1121", "spanningsindicator"]) and shown.at["1121", "spanning_herkomst"] is None


def test_upload_replaces_national_values_for_the_region_only(tabel_beroepen, regionale_upload):
    data = regionale_upload.data
    shown = beroepen.spanning_per_beroep(tabel_beroepen, data, "AM01")
    assert shown.at["1121", "spanningsindicator"] == 2.35 and shown.at["1121", "spanning_typering"] == "krap"
    assert shown.at["1121", "spanning_herkomst"] == REGIONAAL and shown.at["1121", "spanning_periode"] == "2024K3"
    assert shown.at["0771", "spanningsindicator"] == 0.5  # latest uploaded period, not the national 1,2
    assert shown.at["0771", "spanning_typering"] == "ruim"
    assert math.isnan(shown.at["1122", "spanningsindicator"])  # neither uploaded nor published
    # an earlier period can be chosen
    earlier = beroepen.spanning_per_beroep(tabel_beroepen, data, "AM01", "2024K2")
    assert earlier.at["0771", "spanningsindicator"] == 4.5 and earlier.at["0771", "spanning_typering"] == "zeer krap"
    assert math.isnan(earlier.at["1121", "spanningsindicator"])  # not in 2024K2
    # another region's rows are never used
    other = beroepen.spanning_per_beroep(tabel_beroepen, data, "AM02")
    assert other.at["1121", "spanningsindicator"] == 0.2
    assert other.at["0771", "spanningsindicator"] == 1.2 and other.at["0771", "spanning_herkomst"] == LANDELIJK
    assert regionale_upload.periodes("AM01") == ["2024K2", "2024K3"] and regionale_upload.periodes("AM02") == ["2024K3"]
    assert regionale_upload.periodes() == ["2024K2", "2024K3"] and regionale_upload.regios == ["AM01", "AM02"]


def test_bad_upload_yields_no_data(tabel_beroepen):
    result = validate_tension_upload("fout.csv", upload_csv("AM01;1121;;2024K3;veel"), regio_codes={"AM01"},
                                     brc=beroepen.brc_groepen(tabel_beroepen))
    assert result.data is None and any("geen getal" in error for error in result.errors)


# --- occupations table -----------------------------------------------------------------------


def test_overview_numbers(tabel_beroepen, klein_gebieden):
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", beroepen.spanning_per_beroep(tabel_beroepen)).set_index("brc_code")
    assert list(ov.index) == ["1121", "0771", "1122", "0781"]  # literacy list by rank, then numeracy-only
    assert ov.at["1121", "laaggeletterd_nl"] == 80_000 and ov.at["1121", "laaggecijferd_nl"] == 88_000
    assert beroepen.regio_aandeel(klein_gebieden, "AM01") == pytest.approx(0.02)
    assert ov.at["1121", "werkzaam_regio"] == 4_000 and ov.at["1121", "laaggeletterd_regio"] == 1_600
    assert ov.at["0771", "laaggeletterd_regio"] == 740  # 100.000 × 2% × 37%, rounded to 10
    assert math.isnan(ov.at["1122", "laaggeletterd_nl"])  # no % published: no estimate
    assert ov.at["1121", "pct_matrix"] == 40 and ov.at["1121", "pct_matrix_maat"] == "laaggeletterd"
    nl = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, None, beroepen.spanning_per_beroep(tabel_beroepen))
    assert nl["werkzaam_regio"].isna().all()
    alle = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, None, beroepen.spanning_per_beroep(tabel_beroepen), alle=True)
    assert len(alle) == 4  # every group of the fixture


def test_schatting_afronden():
    assert beroepen.schatting_afronden(3345) == 3300 and beroepen.schatting_afronden(3350) == 3400
    assert beroepen.schatting_afronden(744) == 740 and beroepen.schatting_afronden(745) == 750
    assert math.isnan(beroepen.schatting_afronden(float("nan")))


def test_occupations_table_keeps_numbers(tabel_beroepen, klein_gebieden):
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", beroepen.spanning_per_beroep(tabel_beroepen))
    tabel = beroepen.beroepen_tabel(ov, regionaal=True)
    waarden = tabel.waarden().set_index("BRC-code")
    assert waarden.at["1121", "Werkzaam in Nederland (2023)"] == 200_000  # real numbers: they sort as numbers
    assert math.isnan(waarden.at["1122", "% laaggeletterd"]) and math.isnan(waarden.at["1122", "Spanningsindicator"])
    tekst = tabel.als_tekst().set_index("BRC-code")
    assert tekst.at["1121", "Werkzaam in Nederland (2023)"] == "200.000" and tekst.at["1121", "% laaggeletterd"] == "40%"
    assert tekst.at["0771", "Spanningsindicator"] == "1,20" and tekst.at["0771", "Rang lijst laaggeletterdheid"] == "2"
    assert tekst.at["1122", "% laaggeletterd"] == "geen gegevens"
    download = tabel.download().set_index("BRC-code")
    assert download.at["1121", "Laaggeletterde werkenden in de regio (grove schatting)"] == 1_600
    assert math.isnan(download.at["1122", "% laaggeletterd"])  # downloads keep empty cells
    assert not any("regio" in label for label in beroepen.beroepen_tabel(ov, regionaal=False).labels)


# --- the answers in plain Dutch ------------------------------------------------------------------

# The dashboard's own occupation -> KWB sector group mapping, small and made up for the fixture:
# 0781 also partly in A, to test the "ook" rows.
INDELING = [  # code, naam, rol, sector column, bedrijven
    ("1121", "Schoonmakers", "hoofdsectorgroep", "vestigingen_mn_zakelijke_dienstverlening", "schoonmaakbedrijven"),
    ("0771", "Productiemachinebedieners", "hoofdsectorgroep", "vestigingen_bf_nijverheid_energie", "industrie"),
    ("0781", "Hulpkrachten bouw en industrie", "hoofdsectorgroep", "vestigingen_bf_nijverheid_energie", "industrie en bouw"),
    ("0781", "Hulpkrachten bouw en industrie", "ook", "vestigingen_a_landbouw", "kassenbouw"),
    ("1122", "Keukenhulpen", "hoofdsectorgroep", "vestigingen_gi_handel_horeca", "horeca"),
]


@pytest.fixture(scope="module")
def indeling() -> pd.DataFrame:
    return pd.DataFrame(
        [{"brc_beroepsgroep_code": c, "brc_beroepsgroep_naam": n, "rol": r, "sectorgroep_kolom": k,
          "sectorgroep": SECTOREN[k], "bedrijven": b, "sbi_2008": "", "basis": "fixture",
          "soort": "indeling van het dashboard", "bron": "fixture", "bron_url": "https://example.org"}
         for c, n, r, k, b in INDELING]
    )


@pytest.fixture(scope="module")
def drie_gemeenten(klein_gebieden) -> pd.DataFrame:
    """klein_gebieden plus Regio Drie: 3 of its 4 gemeenten have vestigingen per sector (each 100 in all).

    Against Nederland (A 10%, B–F 10%, G+I 20%, M+N 20%), the location quotients are
      Ee:  A 2,00  B–F 0,50  G+I 1,25  M+N 0,50
      Ef:  A 1,50  B–F 0,50  G+I 1,00  M+N 1,00
      Gee: A 0,50  B–F 0,50  G+I 0,75  M+N 1,75
    so A is higher in 2 of 3 (not Gee), B–F lower in all 3, G+I and M+N mixed (1 higher, 1 lower, 1 equal).
    """
    rows = [
        ("arbeidsmarktregio", "AM03", "Regio Drie", NA8),
        ("gemeente", "GM0005", "Ee", (20, 5, 25, 10, 10, 10, 10, 10)),
        ("gemeente", "GM0006", "Ef", (15, 5, 20, 10, 10, 20, 10, 10)),
        ("gemeente", "GM0007", "Gee", (5, 5, 15, 10, 10, 35, 10, 10)),
        ("gemeente", "GM0008", "Ha", NA8),
    ]
    extra = pd.DataFrame([
        {"niveau": n, "code": c, "naam": naam, "arbeidsmarktregio_code": "AM03", "werkzame_beroepsbevolking": 5_000,
         "banen_werknemers": 4_500, "bedrijfsvestigingen": 100, "inwoners_15_75": 7_000, **_sectors(*s)}
        for n, c, naam, s in rows
    ])
    for column in extra.columns[4:]:
        extra[column] = extra[column].astype("Int64")
    return pd.concat([klein_gebieden, extra], ignore_index=True)


def _antwoord(tabel_beroepen, gebieden, regio, indeling):
    ov = beroepen.beroepen_overzicht(tabel_beroepen, gebieden, regio, beroepen.spanning_per_beroep(tabel_beroepen))
    return text.antwoord_sectoren(ov, gebieden, regio, sectorstructuur.sectorstructuur(gebieden, regio), indeling=indeling)


def test_answer_on_sectors_keeps_the_national_part(tabel_beroepen, klein_gebieden, indeling):
    tekst = _antwoord(tabel_beroepen, klein_gebieden, "AM02", indeling)
    assert "noemt 4 beroepen" in tekst
    assert "Schoonmakers (40% laaggeletterd, 44% laaggecijferd)" in tekst
    assert "Productiemachinebedieners (37% laaggeletterd)" in tekst
    assert "In Nederland werken 430.000 mensen in deze 4 beroepen" in tekst
    assert "naar schatting 117.000 werkenden laaggeletterd" in tekst  # 80.000 + 37.000
    # no rough regional count (national × the region's share says nothing about the region), no BRC classes as sectors
    assert "grove schatting" not in tekst
    assert "dienstverlenende beroepen" not in tekst and "technische beroepen" not in tekst


def test_answer_names_the_sector_groups_of_the_occupations(tabel_beroepen, klein_gebieden, indeling):
    tekst = _antwoord(tabel_beroepen, klein_gebieden, None, indeling)
    assert "indeling van dit dashboard" in tekst and "geen CBS-cijfer" in tekst
    # one bullet per main sector group, largest first (national workers of its occupations, summed by hand)
    bullets = [line for line in tekst.splitlines() if line.startswith("- ")]
    assert bullets[0].startswith("- **M+N Zakelijke dienstverlening**: Schoonmakers (200.000 werkenden in Nederland)")
    assert bullets[1].startswith("- **B–F Nijverheid en energie**: Productiemachinebedieners en Hulpkrachten bouw en "
                                 "industrie (samen 150.000 werkenden in Nederland)")
    assert bullets[2].startswith("- **G+I Handel en horeca**: Keukenhulpen (80.000 werkenden in Nederland)")
    # a sector group only some of an occupation work in comes last, says "een deel" and why
    assert bullets[3].startswith("- **A Landbouw, bosbouw en visserij**: een deel van de Hulpkrachten bouw en industrie "
                                 "(kassenbouw)")
    assert len(bullets) == 4
    assert "Kies links een arbeidsmarktregio" in tekst and "locatiequotiënt" not in tekst


def test_answer_for_a_complete_region_gives_its_location_quotients(tabel_beroepen, klein_gebieden, indeling):
    # Regio Een: 200 vestigingen, A 30 (15%), B–F 20 (10%), G+I 40 (20%), M+N 30 (15%);
    # Nederland: 1.000, A 10%, B–F 10%, G+I 20%, M+N 20%.
    tekst = _antwoord(tabel_beroepen, klein_gebieden, "AM01", indeling)
    bullets = {line.split("**")[1]: line for line in tekst.splitlines() if line.startswith("- ")}
    assert ("In Regio Een 15,0% van de vestigingen, in Nederland 20,0% (locatiequotiënt 0,75: naar verhouding minder)."
            in bullets["M+N Zakelijke dienstverlening"])
    assert ("In Regio Een 10,0% van de vestigingen, in Nederland 10,0% (locatiequotiënt 1,00: naar verhouding even veel)."
            in bullets["B–F Nijverheid en energie"])
    assert "(locatiequotiënt 1,00: naar verhouding even veel)" in bullets["G+I Handel en horeca"]
    assert ("In Regio Een 15,0% van de vestigingen, in Nederland 10,0% (locatiequotiënt 1,50: naar verhouding meer)."
            in bullets["A Landbouw, bosbouw en visserij"])
    assert "bekend voor alle 2 gemeenten van Regio Een" in tekst and "geen regiocijfer" not in tekst
    assert "vestigingen zijn bedrijfslocaties, geen banen" in tekst


def test_answer_for_an_incomplete_region_compares_per_gemeente(tabel_beroepen, drie_gemeenten, indeling):
    tekst = _antwoord(tabel_beroepen, drie_gemeenten, "AM03", indeling)
    bullets = {line.split("**")[1]: line for line in tekst.splitlines() if line.startswith("- ")}
    # Ha has no data: the answer opens with it and never speaks for "Regio Drie" as a whole
    assert tekst.startswith("**Geen vestigingencijfers per sector voor Ha; daarom geen conclusie over Regio Drie als geheel.**")
    assert "In Regio Drie:" not in tekst
    assert ("Bij de gemeenten met gegevens: naar verhouding meer vestigingen dan landelijk in 2 van de 3 gemeenten met gegevens "
            "(niet in Gee)." in bullets["A Landbouw, bosbouw en visserij"])
    assert ("Bij de gemeenten met gegevens: naar verhouding minder vestigingen dan landelijk in alle 3 gemeenten met gegevens."
            in bullets["B–F Nijverheid en energie"])
    assert ("Bij de gemeenten met gegevens: wisselend (van de 3 gemeenten met gegevens: meer dan landelijk in 1, minder in 1, "
            "even veel in 1)." in bullets["M+N Zakelijke dienstverlening"])
    assert "wisselend" in bullets["G+I Handel en horeca"]
    assert "bekend voor 3 van de 4 gemeenten (geen gegevens voor Ha)" in tekst and "geen regiocijfer" in tekst
    assert "vestigingen zijn bedrijfslocaties, geen banen" in tekst
    assert "15,0%" not in tekst  # never a share of the region from a part of its gemeenten


def test_answer_for_a_region_with_one_gemeente_with_data(tabel_beroepen, klein_gebieden, indeling):
    # Regio Twee: only Cee has data (100 vestigingen: A 20, B–F 10, G+I 20, M+N 10); Dee has none.
    tekst = _antwoord(tabel_beroepen, klein_gebieden, "AM02", indeling)
    bullets = {line.split("**")[1]: line for line in tekst.splitlines() if line.startswith("- ")}
    assert ("In Cee, de enige gemeente van Regio Twee met gegevens: naar verhouding minder vestigingen dan landelijk "
            "(locatiequotiënt 0,50)." in bullets["M+N Zakelijke dienstverlening"])
    assert "naar verhouding meer vestigingen dan landelijk (locatiequotiënt 2,00)" in bullets["A Landbouw, bosbouw en visserij"]
    assert "even veel vestigingen als landelijk (locatiequotiënt 1,00)" in bullets["B–F Nijverheid en energie"]
    assert "bekend voor 1 van de 2 gemeenten (geen gegevens voor Dee)" in tekst and "geen regiocijfer" in tekst
    assert tekst.startswith("**Geen vestigingencijfers per sector voor Dee; daarom geen conclusie over Regio Twee")


def test_answer_for_a_region_without_any_gemeente_with_data(tabel_beroepen, klein_gebieden, indeling):
    geen = klein_gebieden.copy()
    geen.loc[geen["code"] == "GM0003", ["vestigingen_totaal", *SECTOREN]] = pd.NA
    tekst = _antwoord(tabel_beroepen, geen, "AM02", indeling)
    assert "voor geen van de 2 gemeenten van Regio Twee bekend" in tekst
    assert "In Regio Twee" not in tekst and "locatiequotiënt" not in tekst


def test_occupation_without_a_sector_group_is_named(tabel_beroepen, klein_gebieden, indeling):
    zonder = indeling[indeling["brc_beroepsgroep_code"] != "1122"]
    tekst = _antwoord(tabel_beroepen, klein_gebieden, None, zonder)
    assert "Keukenhulpen" in tekst.split("Zonder sectorgroep in de indeling:")[1]
    assert "G+I" not in tekst


def test_sector_indeling_reference_covers_the_handreiking():
    """The reference table: every occupation of the lists exactly one main sector group, labels as in KWB,
    and marked as the dashboard's own judgement (not a CBS figure)."""
    indeling = sectorstructuur.sector_indeling()
    lijsten = read_reference("beroepen_basisvaardigheden")
    hoofd = indeling[indeling["rol"] == "hoofdsectorgroep"]
    assert sorted(hoofd["brc_beroepsgroep_code"]) == sorted(lijsten["brc_beroepsgroep_code"].unique())
    assert set(indeling["rol"]) == {"hoofdsectorgroep", "ook"}
    assert set(indeling["sectorgroep_kolom"]) <= set(SECTOREN)
    assert (indeling["sectorgroep"] == indeling["sectorgroep_kolom"].map(SECTOREN)).all()
    assert (indeling["soort"] == "indeling van het dashboard").all()
    assert indeling["bron"].str.contains("geen CBS-cijfer").all() and indeling["basis"].notna().all()
    assert not indeling.duplicated(["brc_beroepsgroep_code", "sectorgroep_kolom"]).any()
    by_code = hoofd.set_index("brc_beroepsgroep_code")["sectorgroep_kolom"]
    assert by_code["1121"] == "vestigingen_mn_zakelijke_dienstverlening"  # schoonmakers: schoonmaakbedrijven (N)
    assert by_code["0921"] == "vestigingen_a_landbouw"
    assert by_code["0771"] == by_code["0731"] == "vestigingen_bf_nijverheid_energie"
    assert by_code["1112"] == by_code["1122"] == "vestigingen_gi_handel_horeca"
    assert by_code["1114"] == "vestigingen_ru_cultuur_recreatie_overig"


# --- the national comparison of the tension answer --------------------------------------------

TOTAAL = "Totaal (alle beroepsgroepen)"


def _landelijk(*rows) -> pd.DataFrame:
    return pd.DataFrame([
        {"periode": p, "beroepsgroep_uwv": TOTAAL, "brc_beroepsgroep_code": None, "spanningsindicator": w,
         "typering": t, "typering_herkomst": h}
        for p, w, t, h in rows
    ] + [{"periode": "2024K1", "beroepsgroep_uwv": "Koks", "brc_beroepsgroep_code": "1112", "spanningsindicator": 5.0,
          "typering": "zeer krap", "typering_herkomst": "afgeleid uit grenswaarden"}])  # not a total: ignored


def test_national_total_gives_the_latest_typology_and_the_latest_value():
    totaal = typering.landelijk_totaal(_landelijk(
        ("2022K1", None, "zeer krap", "gepubliceerd"),
        ("2023K1", 4.32, "zeer krap", "afgeleid uit grenswaarden"),
        ("2023K4", None, "krap", "gepubliceerd"),
    ))
    assert (totaal.periode, totaal.typering, totaal.waarde) == ("2023K4", "krap", None)
    assert (totaal.waarde_periode, totaal.laatste_waarde, totaal.waarde_typering) == ("2023K1", 4.32, "zeer krap")
    zin = text.landelijke_vergelijking(totaal)
    assert zin == ("Ter vergelijking: de arbeidsmarkt in heel Nederland was in 2023K4 krap (laatst gepubliceerde "
                   "typering; UWV gaf daarbij geen waarde). De laatst gepubliceerde waarde is 4,32 (zeer krap), "
                   "voor 2023K1.")
    # when the latest typology has its value, one period and one value
    alleen = typering.landelijk_totaal(_landelijk(("2022K1", None, "zeer krap", "gepubliceerd"),
                                                  ("2023K1", 4.32, "zeer krap", "afgeleid uit grenswaarden")))
    assert text.landelijke_vergelijking(alleen) == (
        "Ter vergelijking: de arbeidsmarkt in heel Nederland was in 2023K1 zeer krap (4,32; laatst gepubliceerde "
        "landelijke cijfer).")
    # a typology read from a text says so; no value at all invents none
    tekst = typering.landelijk_totaal(_landelijk(("2021K3", None, "krap", "afgeleid uit tekst")))
    zin = text.landelijke_vergelijking(tekst)
    assert "in 2021K3 krap" in zin and "afgeleid uit de tekst van de bron" in zin and "waarde is" not in zin
    assert typering.landelijk_totaal(_landelijk()) is None


def test_national_total_from_the_reference_table():
    totaal = typering.landelijk_totaal(read_reference("uwv_spanningsindicator_landelijk"))
    assert (totaal.periode, totaal.typering, totaal.waarde) == ("2023K4", "krap", None)
    assert (totaal.waarde_periode, totaal.laatste_waarde) == ("2023K1", 4.32)


def test_answer_on_shortages_national(tabel_beroepen, klein_gebieden):
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", beroepen.spanning_per_beroep(tabel_beroepen))
    totaal = typering.LandelijkeSpanning("2023K4", "krap", None, "gepubliceerd", "2023K1", 4.32, "zeer krap")
    tekst = text.antwoord_tekorten(ov, klein_gebieden, "AM01", SpanningBron(), totaal)
    assert "landelijke UWV-spanningsindicator" in tekst and "bekend voor 1 van de 4 beroepen" in tekst
    # One known value that is not tight says nothing about the three without one (issue 11).
    assert "Het enige beroep met een bekende spanningsindicator (2023K1) is niet krap" in tekst
    assert "voor de andere 3 is de spanning onbekend, wat niet betekent dat ze niet krap zijn" in tekst
    assert "Geen van deze beroepen is krap" not in tekst
    assert "Productiemachinebedieners (1,20; gemiddeld; landelijk 2023K1)" in tekst
    assert "Geen spanningsindicator bekend voor Schoonmakers, Keukenhulpen en Hulpkrachten bouw en industrie" in tekst
    assert "upload de UWV-cijfers" in tekst
    met_sector = text.antwoord_tekorten(ov, klein_gebieden, "AM01", SpanningBron(), totaal,
                                        sector_zinnen={"Keukenhulpen": "Keukenhulpen (sector I Horeca 63 per 1.000 banen)"})
    assert "Keukenhulpen (sector I Horeca 63 per 1.000 banen)" in met_sector and "geen spanningsindicator" in met_sector
    assert "heel Nederland was in 2023K4 krap" in tekst and "4,32 (zeer krap), voor 2023K1" in tekst
    assert "in 2023K1 zeer krap (4,32)" not in tekst


def test_answer_on_shortages_with_upload(tabel_beroepen, klein_gebieden, regionale_upload):
    shown = beroepen.spanning_per_beroep(tabel_beroepen, regionale_upload.data, "AM01", "2024K3")
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", shown)
    bron = SpanningBron("spanning_regio.csv", "2024K3", True)
    tekst = text.antwoord_tekorten(ov, klein_gebieden, "AM01", bron)
    assert "van Regio Een uit de upload `spanning_regio.csv` (periode 2024K3) voor 2 van de 4 beroepen" in tekst
    assert "Krap of zeer krap: Schoonmakers (2,35; krap; regio 2024K3)" in tekst
    assert "kansrijk om met werkgevers scholing te organiseren: Schoonmakers (40% laaggeletterd)" in tekst
    assert "Niet krap: Productiemachinebedieners (0,50; ruim; regio 2024K3)" in tekst
    lines = text.bronregels(bron, "AM01")
    assert any("'spanning_regio.csv'" in line and "2024K3" in line for line in lines)
    assert any("grove schatting" in line for line in lines)
    assert not any("grove schatting" in line for line in text.bronregels(bron))  # Nederland: no regional estimate


def test_file_name_cannot_inject_markdown():
    assert text.code_span("a`b*c*.csv") == "`a'b*c*.csv`"


# --- occupations without data are listed, figures ------------------------------------------------


def test_occupations_without_data_are_listed(tabel_beroepen, klein_gebieden):
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, None, beroepen.spanning_per_beroep(tabel_beroepen))
    missing = beroepen.zonder_gegevens(ov)
    assert missing["geen gepubliceerd percentage en geen spanningsindicator"] == ["Keukenhulpen", "Hulpkrachten bouw en industrie"]
    assert missing["geen spanningsindicator"] == ["Schoonmakers"]
    assert missing["geen gepubliceerd percentage"] == []
    table = beroepen.matrix_tabel(ov).waarden().set_index("Beroep")
    assert table.at["Productiemachinebedieners", "In de matrix"] == "ja"
    assert table.at["Keukenhulpen", "In de matrix"] == "nee" and table.at["Keukenhulpen", "Maat"] == "niet gepubliceerd"


def test_matrix_figure(tabel_beroepen, klein_gebieden, regionale_upload):
    shown = beroepen.spanning_per_beroep(tabel_beroepen, regionale_upload.data, "AM01")
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", shown)
    fig = figures.figuur_matrix(ov, typering_tabel(), titel="Kansrijke beroepen", bron="Bron: test")
    (points,) = [trace for trace in fig.data if trace.type == "scatter"]
    assert list(points.x) == [40.0, 37.0] and list(points.y) == [2.35, 0.5]
    assert fig.layout.yaxis.type == "log"
    assert len(fig.layout.shapes) == 5  # the five UWV bands
    texts = " ".join(annotation.text for annotation in fig.layout.annotations)
    for label in ("zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap", "Schoonmakers"):
        assert label in texts
    assert "Bron: test" in [annotation.text for annotation in fig.layout.annotations]  # in the figure: a PNG names it
    assert fig.layout.template.layout.separators == ",."  # Dutch numbers, from the shared template
    assert fig.layout.font.size == figures.TEKST_SIZE and fig.layout.font.family  # projector-size text, the shared family
    assert all(annotation.font.size is None or annotation.font.size >= 13 for annotation in fig.layout.annotations)


def test_matrix_places_a_tension_of_zero_at_the_bottom(tabel_beroepen, klein_gebieden):
    """0 is a valid (zeer ruim) tension, but has no place on a log axis: drawn at the floor, and said so."""
    upload = validate_tension_upload("nul.csv", upload_csv("AM01;1121;;2024K3;0", "AM01;0771;;2024K3;0,004"),
                                     regio_codes={"AM01"}, brc=beroepen.brc_groepen(tabel_beroepen))
    assert upload.ok, upload.errors
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", beroepen.spanning_per_beroep(tabel_beroepen, upload.data, "AM01"))
    fig = figures.figuur_matrix(ov, typering_tabel(), titel="Kansrijke beroepen", bron="Bron: test")
    (points,) = [trace for trace in fig.data if trace.type == "scatter"]
    bottom = 10 ** fig.layout.yaxis.range[0]
    assert all(bottom < y for y in points.y), (list(points.y), bottom)  # inside the chart, not under it
    texts = " ".join(annotation.text for annotation in fig.layout.annotations)
    assert texts.count("spanning 0 (onder de as)") == 1 and "spanning 0,004 (onder de as)" in texts


def test_matrix_labels_of_close_bubbles_do_not_overlap():
    """Three occupations close together (37% at 2,1 and 1,9; 40% at 2,3 on a log axis): each label gets
    its own place, apart from the others and off the bubbles, on a narrow plot (480 × 420 px)."""
    labels = ["<b>Productiemachinebedieners</b>", "<b>Hulpkrachten bouw en<br>industrie</b>", "<b>Schoonmakers</b>"]
    x_low, x_high, y0, y1 = 27.0, 50.0, -1.0, 1.0
    xs = [(x - x_low) / (x_high - x_low) for x in (37, 37, 40)]
    ys = [(math.log10(v) - y0) / (y1 - y0) for v in (2.1, 1.9, 2.3)]
    plekken = figures.label_plekken(xs, ys, labels)
    boxes = []
    for x, y, label, (ax, ay) in zip(xs, ys, labels, plekken):
        regels = label.replace("<b>", "").replace("</b>", "").split("<br>")
        breedte, hoogte = 9.5 * max(map(len, regels)), 20 * len(regels)  # 16 px bold text
        cx, cy = x * 480 + ax, (1 - y) * 420 + ay
        boxes.append((cx - breedte / 2, cy - hoogte / 2, cx + breedte / 2, cy + hoogte / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (plekken, a, b)
        for x, y in zip(xs, ys):
            assert not (a[0] < x * 480 < a[2] and a[1] < (1 - y) * 420 < a[3]), "a label covers a bubble"
    # a lone bubble keeps the first place: right above it
    assert figures.label_plekken([0.5], [0.5], ["<b>Koks</b>"]) == [figures.LABEL_PLEKKEN[0]]


def test_occupation_and_sector_figures(tabel_beroepen, klein_gebieden):
    ov = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM02", beroepen.spanning_per_beroep(tabel_beroepen))
    fig = figures.figuur_beroepen(ov, regio_naam="Regio Twee", bron="Bron: test")
    assert list(fig.data[0].x) == [500.0, 800.0, 1000.0, 2000.0]  # regional rough estimate, smallest at the bottom
    assert "spanning 1,20 gemiddeld (landelijk 2023K1)" in " ".join(fig.data[0].y)  # under the occupation's name
    assert list(fig.data[0].text) == ["500", "800", "1.000", "2.000"]
    heat = figures.figuur_lq(sectorstructuur.sectorstructuur(klein_gebieden, "AM02").gemeenten, titel="LQ")
    assert list(heat.data[0].y) == ["Cee"] and heat.data[0].text[0][0] == "2,00"
    bars = figures.figuur_sectoren(sectorstructuur.sectorstructuur(klein_gebieden, "AM01").regio_tabel, gebied_naam="Regio Een", titel="x")
    assert len(bars.data) == 2
    # the shared template hides legends; these figures show one where there is more than one series
    assert fig.layout.showlegend is True and bars.layout.showlegend is True and heat.layout.showlegend is False
    nl = figures.figuur_sectoren(sectorstructuur.sectorstructuur(klein_gebieden, None).regio_tabel, gebied_naam="Nederland", titel="x")
    assert len(nl.data) == 1 and nl.layout.showlegend is False


# --- which sources each figure names --------------------------------------------------------


def test_each_figure_names_the_sources_of_what_it_draws():
    bron = SpanningBron()
    beroepen_nl = " ".join(text.figuur_bronregels(bron, None, "beroepen"))
    # workers (CBS 85276NED), the published % (ROA) and the estimate made with it, and the tension
    assert "85276NED" in beroepen_nl and "ROA" in beroepen_nl and "Schatting, geen telling" in beroepen_nl
    assert "Spanningsindicator" in beroepen_nl and "grove schatting" not in beroepen_nl
    beroepen_regio = text.figuur_bronregels(bron, "AM01", "beroepen")
    assert any("grove schatting" in regel and "86088NED" in regel for regel in beroepen_regio)
    matrix = " ".join(text.figuur_bronregels(bron, "AM01", "matrix"))
    # bubble size = workers in Nederland (85276NED), x = published %, y = tension; no estimate is drawn
    assert "85276NED" in matrix and "ROA" in matrix and "Spanningsindicator" in matrix
    assert "grove schatting" not in matrix and "Laaggeletterde werkenden in Nederland" not in matrix
    upload = text.figuur_bronregels(SpanningBron("eigen.csv", "2024K3", True), None, "matrix")
    assert any("'eigen.csv'" in regel for regel in upload)


def test_totals_table_for_nederland_and_a_region(klein_gebieden):
    nl = sectorstructuur.totalen_tabel(klein_gebieden, None)
    assert nl.labels == ["Indicator", "Peildatum", "Nederland"]  # Nederland's own column is kept
    assert list(nl.download()["Nederland"]) == [900_000, 250_000, 1_000_000, 1_400_000]
    regio = sectorstructuur.totalen_tabel(klein_gebieden, "AM02")
    assert regio.labels == ["Indicator", "Peildatum", "Regio Twee", "Nederland", "Aandeel van Nederland (%)"]
    assert list(regio.download()["Regio Twee"]) == [9_000, 3_000, 10_000, 14_000]
    assert regio.als_tekst()["Aandeel van Nederland (%)"].iloc[0] == "1,0%"
    assert regio.excel_formaten()["Aandeel van Nederland (%)"] == "#,##0.0"


def test_one_overview_for_the_lists_and_all_groups(tabel_beroepen, klein_gebieden):
    spanning_ = beroepen.spanning_per_beroep(tabel_beroepen)
    alle = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", spanning_, alle=True)
    lijsten = beroepen.beroepen_overzicht(tabel_beroepen, klein_gebieden, "AM01", spanning_)
    pd.testing.assert_frame_equal(beroepen.handreiking_beroepen(alle), lijsten)
    assert "(2,0%)" in text.beroepen_toelichting(klein_gebieden, "AM01")  # 20.000 of 1.000.000
    assert "Regiokolommen" not in text.beroepen_toelichting(klein_gebieden, None)
