"""llo_dash.views.vindplaatsen (and the table per area, llo_dash.views.gebiedstabel): where the target group
lives, who reaches them, and why figures are missing.

Two kinds of tests: on the built data (values must equal the parquet file, every region works) and on a
tiny hand-made table (missing values stay missing). Expected Dutch numbers are written here with plain
Python, not with the app's own formatting code.
"""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pandas as pd
import pytest

from llo_dash import figures, indicators, tables
from llo_dash.errors import SchemaError
from llo_dash.formatting import GEEN_GEGEVENS
from llo_dash.reference import REFERENCE_DIR
from llo_dash.views import gebiedstabel, queries, vindplaatsen
from tests.apptest import REGIO_CODES, dutch
from tests.fixtures.mirror import handreiking_text


@pytest.fixture(scope="module")
def df(gebieden) -> pd.DataFrame:
    """The built table as the app reads it: a plain index (the conftest fixture `gebieden` is indexed by code)."""
    return gebieden.reset_index(drop=True)


@pytest.fixture(scope="module")
def partners() -> pd.DataFrame:
    return vindplaatsen.lees_partners()


def _num(value) -> float:
    return float("nan") if pd.isna(value) else float(value)


def wijken(df: pd.DataFrame, regio: str | None = None, gemeente: str | None = None) -> pd.DataFrame:
    return vindplaatsen.gebieden_van(df, "wijk", regio, gemeente)


# --- a tiny table: Nederland, one region, two gemeenten, three wijken (one without data) ---------

def _schatting(total: float) -> dict:
    """A consistent set of estimate columns for a total of `total` low-literates 16–65."""
    nt1, nt2 = 0.6 * total, 0.4 * total
    values = {
        "laaggeletterd_16_65": total, "laaggeletterd_16_65_pct": 15.0, "laaggeletterd_16_65_laag": 0.9 * total,
        "laaggeletterd_16_65_hoog": 1.1 * total, "laaggeletterd_16_65_pct_laag": 13.5, "laaggeletterd_16_65_pct_hoog": 16.5,
        "laaggeletterd_nt1": nt1, "laaggeletterd_nt2": nt2, "laaggeletterd_nt2_europa": 0.25 * nt2,
        "laaggeletterd_nt2_buiten_europa": 0.75 * nt2,
        "laaggeletterd_nt1_werkend": 0.5 * nt1, "laaggeletterd_nt1_werkzoekend": 0.1 * nt1, "laaggeletterd_nt1_inactief": 0.4 * nt1,
        "laaggeletterd_nt2_werkend": 0.5 * nt2, "laaggeletterd_nt2_werkzoekend": 0.1 * nt2, "laaggeletterd_nt2_inactief": 0.4 * nt2,
        "laaggeletterd_werkend": 0.5 * total, "laaggeletterd_werkzoekend": 0.1 * total, "laaggeletterd_inactief": 0.4 * total,
        "laaggeletterd_16_25": 0.2 * total, "laaggeletterd_25_45": 0.3 * total, "laaggeletterd_45_65": 0.5 * total,
    }
    return values


@pytest.fixture
def klein() -> pd.DataFrame:
    rows = [
        # niveau, code, naam, gemeente_code, gemeente_naam, regio, totaal, ww_personen, eerste_generatie_pct
        ("nederland", "NL00", "Nederland", None, None, None, 1000.0, 50.0, 16.0),
        ("arbeidsmarktregio", "AM05", "Twente", None, None, "AM05", 100.0, 5.0, 12.0),
        ("gemeente", "GM0153", "Enschede", "GM0153", "Enschede", "AM05", 60.0, None, 14.0),
        ("gemeente", "GM0164", "Hengelo", "GM0164", "Hengelo", "AM05", 40.0, 3.0, 9.0),
        ("wijk", "WK015301", "Centrum", "GM0153", "Enschede", "AM05", 40.0, None, None),
        ("wijk", "WK015302", "Zuid", "GM0153", "Enschede", "AM05", 20.0, None, 11.0),
        ("wijk", "WK015303", "Haven", "GM0153", "Enschede", "AM05", None, None, None),
    ]
    records = []
    for niveau, code, naam, gm, gm_naam, regio, totaal, ww, eerste in rows:
        record = {"niveau": niveau, "code": code, "naam": naam, "gemeente_code": gm, "gemeente_naam": gm_naam,
                  "arbeidsmarktregio_code": regio, "ww_personen": ww, "eerste_generatie_pct": eerste,
                  "inwoners_15_65": None if totaal is None else 10 * totaal,
                  "schatting_toelichting": "Grover" if niveau == "wijk" else None}
        record.update(_schatting(totaal) if totaal is not None else {})
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    for kolom in frame.columns:
        if kolom not in ("niveau", "code", "naam", "gemeente_code", "gemeente_naam", "arbeidsmarktregio_code",
                         "schatting_toelichting"):
            frame[kolom] = frame[kolom].astype("Float64")
    return frame


# --- selections and the table per area -----------------------------------------------------------


def test_wijk_selection_is_exactly_the_regions_wijken(df, gebieden):
    alle = gebieden[gebieden["niveau"] == "wijk"]
    for code in REGIO_CODES:
        rows = wijken(df, regio=code)
        assert sorted(rows["code"]) == sorted(alle.index[alle["arbeidsmarktregio_code"] == code]), code
        assert set(rows["niveau"]) == {"wijk"}
        assert list(rows["code"]) == list(rows.sort_values(["gemeente_naam", "naam"], key=lambda s: s.str.casefold())["code"])
    amsterdam = wijken(df, regio="AM18", gemeente="GM0363")
    assert sorted(amsterdam["code"]) == sorted(alle.index[alle["gemeente_code"] == "GM0363"])
    with pytest.raises(ValueError, match="Kies een arbeidsmarktregio of gemeente"):
        wijken(df)
    with pytest.raises(ValueError, match="Onbekend niveau"):
        vindplaatsen.gebieden_van(df, "buurt", "AM12", None)


def test_vindplaatsen_table_values_and_order(df, gebieden):
    tabel = vindplaatsen.vindplaatsen_tabel(vindplaatsen.gebieden_van(df, "gemeente", "AM12", None), "gemeente")
    waarden = tabel.waarden()
    verwacht = gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    assert len(waarden) == len(verwacht)
    kop = vindplaatsen.label("laaggeletterd_16_65", "gemeente")
    assert list(waarden[kop]) == sorted(verwacht["laaggeletterd_16_65"].astype(float), reverse=True)
    for _, row in waarden.iterrows():
        bron = verwacht.loc[row["Code"]]
        assert row[vindplaatsen.label("bijstandsuitkeringen")] == bron["bijstandsuitkeringen"]
        assert row[vindplaatsen.label("laaggeletterd_16_65_pct_laag")] == pytest.approx(bron["laaggeletterd_16_65_pct_laag"])
        assert row[vindplaatsen.label("huishoudens_laag_inkomen_pct")] == pytest.approx(bron["huishoudens_laag_inkomen_pct"])
    assert all(waarden[label].dtype == "float64" for label, kolom in zip(tabel.labels, tabel.kolommen.values())
               if kolom.numeriek)


def test_wijk_table_marks_the_coarser_estimate_and_keeps_missing(df, gebieden):
    tabel = vindplaatsen.vindplaatsen_tabel(wijken(df, regio="AM12"), "wijk")
    alle = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    assert len(tabel.frame) == len(alle)
    assert tabel.labels[:3] == ["Naam", "Gemeente", "Code"]
    assert "Laaggeletterd 16–65 jaar, % (schatting, per wijk grover)" in tabel.labels
    assert "Huishoudens met een relatief laag inkomen, %" not in tabel.labels  # gemeente level only
    eerste = vindplaatsen.label("eerste_generatie_pct", "wijk")
    ontbreekt = int(alle["eerste_generatie_pct"].isna().sum())
    assert ontbreekt > 0 and int(tabel.waarden()[eerste].isna().sum()) == ontbreekt
    shown = tabel.als_tekst()
    assert (shown[eerste] == GEEN_GEGEVENS).sum() == ontbreekt
    assert (shown[eerste] == "0,0%").sum() == (alle["eerste_generatie_pct"] == 0).sum()  # missing is never 0
    assert shown["Toelichting schatting"].str.startswith("Grover: opleiding en arbeid van de gemeente").all()


def test_missing_values_are_counted_with_their_reason(df, gebieden, built_data):
    ontbrekend = json.loads((built_data / "manifest.json").read_text(encoding="utf-8"))["ontbrekend"]
    rows = wijken(df, regio="AM12")
    regels = vindplaatsen.ontbrekend_regels(rows, vindplaatsen.KOLOMMEN["wijk"], "wijk", ontbrekend)
    alle = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["arbeidsmarktregio_code"] == "AM12")]
    n = int(alle["eerste_generatie_pct"].isna().sum())
    regel = next(r for r in regels if r.startswith("Eerste generatie:"))
    assert f"geen gegevens voor {n} van de {len(alle)} wijken" in regel
    assert vindplaatsen.voor_gebruikers(ontbrekend["eerste_generatie_pct"]["wijk"]["reden"]) in regel
    assert "mirror" not in " ".join(regels) and "live op te halen" not in " ".join(regels)  # the users' words
    # Amsterdam: a wijk without bijstand in a gemeente whose other wijken have it was left out by CBS
    amsterdam = wijken(df, gemeente="GM0363")
    leeg = int(amsterdam["bijstand_personen"].isna().sum())
    assert 0 < leeg < len(amsterdam)
    (regel,) = vindplaatsen.ontbrekend_regels(amsterdam, ["bijstand_personen"], "wijk", ontbrekend)
    assert regel.startswith(f"Personen met bijstand: geen gegevens voor {leeg} van de {len(amsterdam)} wijken in gemeenten")
    assert regel.endswith(vindplaatsen.ONDERDRUKT)
    # without the manifest the registry's note explains it
    zonder = vindplaatsen.ontbrekend_regels(rows, ["bijstand_personen"], "wijk", {})
    assert indicators.get("bijstand_personen").toelichting in zonder[0]


def test_small_table_keeps_missing_missing(klein):
    rows = wijken(klein, regio="AM05")
    assert list(rows["code"]) == ["WK015301", "WK015303", "WK015302"]  # by name: Centrum, Haven, Zuid
    tabel = gebiedstabel.gebiedstabel(rows, ["eerste_generatie_pct", "laaggeletterd_16_65"], "wijk")
    shown = tabel.als_tekst().set_index("Naam")
    assert shown.at["Haven", "Laaggeletterd 16–65 jaar, aantal (schatting, per wijk grover)"] == GEEN_GEGEVENS
    assert shown.at["Centrum", "Eerste generatie, %"] == GEEN_GEGEVENS
    assert shown.at["Zuid", "Eerste generatie, %"] == "11,0%"
    assert shown.at["Zuid", "Laaggeletterd 16–65 jaar, ondergrens, aantal (schatting, per wijk grover)"] == "18"
    download = tabel.download().set_index("Naam")
    assert np.isnan(download.at["Haven", "Laaggeletterd 16–65 jaar, aantal (schatting, per wijk grover)"])  # empty, not 0
    assert gebiedstabel.toelichting_regel(tabel) == "Centrum: Grover; Haven: Grover; Zuid: Grover"
    regels = vindplaatsen.ontbrekend_regels(rows, ["eerste_generatie_pct", "laaggeletterd_16_65"], "wijk", {})
    # Zuid has the figure, so its gemeente's other wijken were left out by CBS
    assert regels[0] == ("Eerste generatie: geen gegevens voor 2 van de 3 wijken in gemeenten waarvan de andere wijken "
                         "wel een cijfer hebben. " + vindplaatsen.ONDERDRUKT)
    assert regels[1].startswith("Laaggeletterd 16–65 jaar: geen gegevens voor 1 van de 3 wijken.")
    # where they live: the wijk without an estimate is left out, never counted as 0
    # the share and the count are of the wijken with an estimate (40 of 60 in 1 of those 2); the third is named apart
    assert vindplaatsen.concentratie_zin(rows, "wijk", "Enschede", top=1) == (
        "Naar schatting woont 67% van de laaggeletterden van 16 tot 65 jaar in Enschede in 1 van de 2 wijken met een "
        "schatting: Centrum (40). Voor 1 wijk is geen schatting beschikbaar.")
    partners = vindplaatsen.lees_partners()
    tabel = vindplaatsen.partners_tabel(klein, "GM0153", partners)
    waarden = tabel.waarden().set_index("Partner")
    assert np.isnan(waarden.at["UWV", "Aantal contactgroep"])  # Enschede has no WW figure here
    assert np.isnan(waarden.at["Gemeente, Werk en Inkomen", "Aantal"])  # column not in this table: missing, not 0
    shown = tabel.als_tekst().set_index("Partner")
    assert shown.at["UWV", "Contactgroep"] == "Personen met WW" and shown.at["UWV", "Aantal contactgroep"] == GEEN_GEGEVENS
    assert shown.at["Gemeente, Werk en Inkomen", "Aantal"] == GEEN_GEGEVENS
    assert shown.at["Werkgevers", "Aantal"] == "30"


def test_gebiedstabel_of_the_small_fixture(gebieden_klein):
    """The table per area on the hand-written `gebieden_klein`: the values, the interval next to the estimate,
    the remark, and a sort on the numbers."""
    rows = gebiedstabel.rijen(gebieden_klein, "wijk", ["laaggeletterd_16_65_pct", "eerste_generatie_pct"], gemeente="GM0001")
    assert list(rows["naam"]) == ["Centrum", "Oost"]
    assert "laaggeletterd_16_65_pct_laag" in rows and "inwoners" not in rows  # only the columns asked for
    tabel = gebiedstabel.gebiedstabel(rows, ["laaggeletterd_16_65_pct", "eerste_generatie_pct"], "wijk")
    assert tabel.labels == ["Naam", "Gemeente", "Code", "Laaggeletterd 16–65 jaar, % (schatting, per wijk grover)",
                            "Laaggeletterd 16–65 jaar, ondergrens, % (schatting, per wijk grover)",
                            "Laaggeletterd 16–65 jaar, bovengrens, % (schatting, per wijk grover)", "Eerste generatie, %",
                            "Toelichting schatting"]
    assert tabel.als_tekst().iloc[0].tolist()[:7] == ["Centrum", "Aastad", "WK000101", "20,0%", "18,0%", "22,0%", "30,0%"]
    geordend = tabel.scherm().data.sort_values("Eerste generatie, %")  # numbers: 10 before 30
    assert list(geordend["Naam"]) == ["Oost", "Centrum"]
    gemeenten = gebiedstabel.gebiedstabel(gebiedstabel.rijen(gebieden_klein, "gemeente", ["laag_opgeleid_pct"]),
                                          ["laag_opgeleid_pct"], "gemeente")
    assert gemeenten.labels == ["Naam", "Code", "Laag opgeleid (15–75 jaar), %"]  # no estimate: no remark column
    assert gemeenten.als_tekst()["Laag opgeleid (15–75 jaar), %"].tolist() == ["30,0%", GEEN_GEGEVENS, "25,0%"]
    assert gebiedstabel.toelichting_regel(gemeenten) == ""


# --- where they live: sentences and maps --------------------------------------------------------


def test_concentration_sentences(df, gebieden):
    rows = vindplaatsen.gebieden_van(df, "gemeente", "AM12", None)
    verwacht = gebieden.loc[rows["code"]].sort_values("laaggeletterd_16_65", ascending=False)
    zin = vindplaatsen.concentratie_zin(rows, "gemeente", "Gooi en Vechtstreek")
    top = verwacht.head(3)
    aandeel = 100 * top["laaggeletterd_16_65"].sum() / verwacht["laaggeletterd_16_65"].sum()
    namen = [f"{naam} ({dutch(waarde)})" for naam, waarde in zip(top["naam"], top["laaggeletterd_16_65"])]
    assert zin == (f"Naar schatting woont {dutch(aandeel)}% van de laaggeletterden van 16 tot 65 jaar in Gooi en "
                   f"Vechtstreek in 3 van de {len(rows)} gemeenten: {namen[0]}, {namen[1]} en {namen[2]}.")
    hoogste = verwacht.sort_values("laaggeletterd_16_65_pct").iloc[-1]
    zin = vindplaatsen.hoogste_aandeel_zin(rows, "gemeente")
    assert f"{hoogste['naam']}: {dutch(hoogste['laaggeletterd_16_65_pct'], 1)}%" in zin
    assert zin.endswith(f"; {dutch(hoogste['inwoners_15_65'])} inwoners van 15 tot 65 jaar).")  # its size, too
    # Schiermonnikoog: the sentence names its wijken with their estimates, as in the parquet file
    schier = gebieden[(gebieden["niveau"] == "wijk") & (gebieden["gemeente_code"] == "GM0088")]
    zin = vindplaatsen.concentratie_zin(wijken(df, gemeente="GM0088"), "wijk", "Schiermonnikoog")
    assert len(schier) >= 1
    for naam, waarde in zip(schier["naam"], schier["laaggeletterd_16_65"]):
        assert f"{naam} ({'naar schatting ' if len(schier) == 1 else ''}{dutch(waarde)})" in zin, zin
    if len(schier) == 1:
        assert zin.startswith("Alle laaggeletterden van 16 tot 65 jaar in Schiermonnikoog wonen in ")


def test_selection_in_words(df):
    assert vindplaatsen.selectie_namen(df, "wijk", "AM18", "GM0363") == ("gemeente Amsterdam", "Amsterdam")
    assert vindplaatsen.selectie_namen(df, "gemeente", "AM12", None) == ("arbeidsmarktregio Gooi en Vechtstreek",
                                                                         "Gooi en Vechtstreek")
    assert vindplaatsen.selectie_namen(df, "gemeente", None, None) == ("Nederland", "Nederland")


def test_map_of_the_selection_only(df, built_data):
    values = queries.kaartwaarden(df, "wijk", "laaggeletterd_16_65_pct", regio="AM12")
    grenzen = tables.read_boundaries(built_data, "wijk")
    fig = figures.choropleth(grenzen, values, "laaggeletterd_16_65_pct", "titel", bron="Bron: x")
    getoond = {code for trace in fig.data for code in trace.locations}
    assert getoond == set(values["code"]) & {f["id"] for f in grenzen["features"]}
    assert len(getoond) == len(values) == len(wijken(df, regio="AM12"))  # the map is the table's areas
    with pytest.raises(ValueError, match='Geen van deze gebieden heeft een grens op de kaart'):
        figures.choropleth(grenzen, values.assign(code="XX"), "laaggeletterd_16_65_pct", "t")


def test_map_options_are_in_the_tables():
    # the table under each map is its table alternative: every map option is a column of it
    for niveau in vindplaatsen.NIVEAUS:
        assert set(vindplaatsen.KAART_OPTIES[niveau]) <= set(vindplaatsen.KOLOMMEN[niveau])
        for kolom in vindplaatsen.KOLOMMEN[niveau]:
            assert niveau in indicators.get(kolom).niveaus, (niveau, kolom)


# --- partners and professionals ---------------------------------------------------------


VERWACHTE_PARTNERS = {
    "Werkgevers": ("laaggeletterd_werkend", "werkzame_beroepsbevolking"),
    "UWV": ("laaggeletterd_werkzoekend", "ww_personen"),
    "Gemeente, Werk en Inkomen": ("bijstandsuitkeringen", None),
    "Regionaal Werkcentrum": ("laaggeletterd_werkend+laaggeletterd_werkzoekend", "beroepsbevolking"),
    "Taalhuis / bibliotheek": ("laaggeletterd_16_75", None),
    "Wijkteams": ("laaggeletterd_inactief", None),
    "Inburgering": ("laaggeletterd_nt2", "eerste_generatie"),
}


def test_partners_table_reads_the_right_indicator(df, gebieden, partners):
    assert list(partners["partner"]) == list(VERWACHTE_PARTNERS)
    for code in ["NL00", *REGIO_CODES, "GM0363"]:
        tabel = vindplaatsen.partners_tabel(df, code, partners).waarden().set_index("Partner")
        row = gebieden.loc[code]
        for partner, (indicator, contact) in VERWACHTE_PARTNERS.items():
            verwacht = sum(_num(row[k]) for k in indicator.split("+"))
            assert tabel.at[partner, "Aantal"] == pytest.approx(verwacht), (code, partner)
            assert tabel.at[partner, "Basis van het aantal"].strip(), (code, partner)
            assert tabel.at[partner, "Bron aantal"].startswith("Bron:")
            assert tabel.at[partner, "Bron rol"].strip()
            assert tabel.at[partner, "Indicator"] == indicator
            if contact:
                assert tabel.at[partner, "Aantal contactgroep"] == pytest.approx(_num(row[contact]), nan_ok=True)
                assert tabel.at[partner, "Contactgroep"] == indicators.get(contact).label
        assert tabel.at["Taalhuis / bibliotheek", "Ondergrens"] == row["laaggeletterd_16_75_laag"]
        assert tabel.at["Taalhuis / bibliotheek", "Bovengrens"] == row["laaggeletterd_16_75_hoog"]
        assert tabel.at["Gemeente, Werk en Inkomen", "Soort"] == "telling"
        assert tabel.at["Werkgevers", "Soort"] == "schatting"
        assert "25 tot 50%" in tabel.at["Gemeente, Werk en Inkomen", "Indicatie"]


def test_partners_on_screen(df, gebieden, partners):
    tabel = vindplaatsen.partners_tabel(df, "GM0088", partners)
    shown = tabel.als_tekst().set_index("Partner")
    row = gebieden.loc["GM0088"]
    assert shown.at["Werkgevers", "Aantal"] == dutch(row["laaggeletterd_werkend"])
    assert shown.at["Werkgevers", "Ondergrens"] == GEEN_GEGEVENS  # an estimate without a separate margin
    assert shown.at["Gemeente, Werk en Inkomen", "Soort"] == "telling"
    assert shown.at["Taalhuis / bibliotheek", "Ondergrens"] == dutch(row["laaggeletterd_16_75_laag"])
    assert shown.at["Taalhuis / bibliotheek", "Bovengrens"] == dutch(row["laaggeletterd_16_75_hoog"])
    assert pd.isna(row["ww_personen"]) and shown.at["UWV", "Aantal contactgroep"] == GEEN_GEGEVENS
    assert shown.at["Wijkteams", "Contactgroep"] == shown.at["Wijkteams", "Aantal contactgroep"] == ""  # no group: empty
    assert shown.at["Werkgevers", "Contactgroep"] == "Werkzame beroepsbevolking (15–75 jaar)"
    assert shown.at["Werkgevers", "Aantal contactgroep"] == dutch(row["werkzame_beroepsbevolking"])
    assert "25 tot 50%" in shown.at["Gemeente, Werk en Inkomen", "Indicatie"]  # the ROA indication
    assert tabel.scherm().data["Aantal"].dtype == "float64"  # sorts as numbers
    rollen = vindplaatsen.partners_rollen(tabel).als_tekst().set_index("Partner")
    assert list(rollen.columns) == ["Professionals (handreiking)", "Wie", "Rol", "Bron"]
    assert rollen.at["Werkgevers", "Professionals (handreiking)"] == "Werkgevers"
    assert rollen["Bron"].str.contains("Handreiking professionaliseringsopgave").all()
    assert vindplaatsen.partner_bronnen(tabel) == list(dict.fromkeys(rollen["Bron"]))
    zin = vindplaatsen.partners_zin(df, "GM0088")
    assert dutch(row["laaggeletterd_werkend"]) in zin and dutch(row["laaggeletterd_inactief"]) in zin


def test_partner_reference_is_sourced(partners):
    assert partners["bron"].notna().all() and partners["bron_sectie"].notna().all()
    handreiking = partners[partners["bron"] == vindplaatsen.HANDREIKING]
    assert set(handreiking["partner"]) == {"Werkgevers", "UWV", "Gemeente, Werk en Inkomen", "Regionaal Werkcentrum",
                                           "Taalhuis / bibliotheek"}
    aanvulling = partners[partners["bron"] != vindplaatsen.HANDREIKING]
    assert aanvulling["bron"].str.contains("aanvulling").all()  # not claimed to be in the handreiking
    assert (partners.loc[partners["indicatie"].notna(), "indicatie_bron_url"].str.startswith("https://")).all()
    assert vindplaatsen.partner_indicatoren(partners)[0] == "laaggeletterd_werkend"


def test_partner_reference_with_unknown_indicator_is_a_dutch_error(tmp_path):
    for naam in ("vindplaatsen_partners", "professionals_handreiking"):
        shutil.copy(REFERENCE_DIR / f"{naam}.csv", tmp_path / f"{naam}.csv")
    path = tmp_path / "vindplaatsen_partners.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("laaggeletterd_inactief", "bestaat_niet"), encoding="utf-8")
    with pytest.raises(SchemaError, match="Wijkteams: indicator 'bestaat_niet' bestaat niet"):
        vindplaatsen.lees_partners(tmp_path)
    (tmp_path / "professionals_handreiking.csv").write_text("volgorde,professionals\n1,Werkgevers\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="mist de kolom"):
        vindplaatsen.lees_professionals(tmp_path)


def _woorden(text: str) -> str:
    """Lower case letters and digits only, single spaces: survives the line breaks and bullets of the seed text."""
    text = re.sub(r"-\s*\n\s*", "-", text.lower())  # "VNO-\nNCW" is one word broken over two lines
    return " ".join(re.sub(r"[^0-9a-zà-ÿ ]", "", text.replace("\n", " ")).split())


def test_professionals_table_is_the_handreikings():
    seed = _woorden(handreiking_text())
    professionals = vindplaatsen.lees_professionals()
    assert list(professionals["professionals"]) == ["Werkgevers", "Bemiddelaars", "Netwerkers"]
    assert (professionals["bron"] == vindplaatsen.HANDREIKING).all()
    for waarom in professionals["waarom"]:
        assert _woorden(waarom) in seed, waarom  # word for word
    for term in ("leidinggevenden", "HR-professionals", "midden- en kleinbedrijf", "klantmanagers", "trajectbegeleiders",
                 "VNO-NCW", "aanjagers van de werkgeversaanpak", "werkgeversverenigingen", "LORA"):
        assert _woorden(term) in seed and term in " ".join(professionals["wie"]), term
    tabel = vindplaatsen.professionals_tabel(professionals)  # one row per kind, with its source
    assert tabel.labels == ["Professionals", "Waarom deze professionals?", "Wie zijn deze professionals?", "Bron"]
    shown = tabel.als_tekst().set_index("Professionals")
    assert list(shown.index) == ["Werkgevers", "Bemiddelaars", "Netwerkers"]
    assert "VNO-NCW" in shown.at["Netwerkers", "Wie zijn deze professionals?"]
    assert shown["Bron"].str.startswith(vindplaatsen.HANDREIKING).all()


def test_werkgevers_by_sector(df, gebieden):
    assert vindplaatsen.werkgevers_sectoren(df, "AM12") is None  # partial in the mirror: no partial sum for the region
    groningen = vindplaatsen.werkgevers_sectoren(df, "GM0014")
    assert groningen.labels == ["Sector", "Vestigingen", "Aandeel (%)"]
    for kolom, vestigingen in zip(groningen.frame["kolom"], groningen.frame["vestigingen"]):
        assert vestigingen == gebieden.at["GM0014", kolom]
    assert groningen.frame["aandeel"].sum() == pytest.approx(
        100 * groningen.frame["vestigingen"].sum() / gebieden.at["GM0014", "vestigingen_totaal"])
    assert groningen.als_tekst()["Vestigingen"].iloc[0] == dutch(gebieden.at["GM0014", "vestigingen_a_landbouw"])


def test_unknown_area_is_a_dutch_key_error(df, partners):
    with pytest.raises(KeyError, match="komt niet voor"):
        vindplaatsen.partners_tabel(df, "AM99", partners)


# --- ranking by share above a minimum population ------------------------------------------

from llo_dash.views.vindplaatsen import rangorde  # noqa: E402


def test_ranking_by_share_above_the_minimum():
    rows = pd.DataFrame({
        "code": ["WK1", "WK2", "WK3", "WK4"], "naam": ["Groot", "Klein", "Hoog", "Expat"],
        "gemeente_naam": ["A"] * 4,
        "inwoners_15_65": [20000, 400, 3000, 5000],
        "laaggeletterd_16_65": [2000, 200, 600, 800],
        "laaggeletterd_nt1": [1500, 100, 100, 50],
        "laaggeletterd_nt2": [500, 100, 500, 750],
        "eerste_generatie_pct": [10.0, 5.0, 12.0, 40.0],
        "schatting_toelichting": [None, None, None, "… het aandeel eerste generatie daarin …"],
    })
    totaal = rangorde.rangorde(rows, "totaal")
    # Klein (50%) is below the minimum; by share: Hoog 20%, Expat 16%, Groot 10% (not by count: Groot has most)
    assert list(totaal["naam"]) == ["Hoog", "Expat", "Groot"]
    assert list(totaal["pct"]) == pytest.approx([20.0, 16.0, 10.0])
    assert list(totaal["aantal"]) == [600, 800, 2000]
    zwak = totaal.set_index("naam")["zwakte"]
    assert "mogelijk expats" in zwak["Expat"] and "van de gemeente" in zwak["Expat"] and "klein" not in zwak["Expat"]
    assert zwak["Groot"] == "" and zwak["Hoog"] == ""
    assert list(rangorde.rangorde(rows, "nt1")["naam"]) == ["Groot", "Hoog", "Expat"]
    zin = rangorde.rangorde_zin(totaal, "totaal", "wijk", len(rows))
    assert "3 van de 4 wijken" in zin and "Expat (A) 16,0% (800 mensen, zwakke schatting)" in zin
    assert rangorde.VOORBEHOUD.index("expats") >= 0


def test_ranking_of_real_wijken(df):
    rows = vindplaatsen.gebieden_van(df, "wijk", "AM37", None)
    frame = rangorde.rangorde(rows, "nt1")
    assert (frame["inwoners"] >= rangorde.MIN_INWONERS).all()
    assert frame["pct"].is_monotonic_decreasing
    eerste = rows.set_index("code").loc[frame.at[0, "code"]]
    assert frame.at[0, "pct"] == pytest.approx(100 * eerste["laaggeletterd_nt1"] / eerste["inwoners_15_65"])
