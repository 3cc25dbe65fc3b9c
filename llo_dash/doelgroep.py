"""Doelgroep and Vindplaatsen: who the target group is, where they live and who reaches them.

Pure functions, no Streamlit: area code -> DataFrames, Dutch sentences and plotly figures for
the pages `pages/doelgroep.py` and `pages/vindplaatsen.py`. Everything reads the built table
`gebieden`, the indicator registry (labels, units, sources, `schatting`) and two reference
tables written from the handreiking (`reference/vindplaatsen_partners.csv`,
`reference/professionals_handreiking.csv`).

Conventions: tables come back with real numbers (for downloads) and a `format_table` spec
(for the screen); missing values stay missing ("geen gegevens"), never 0; every estimate
carries its interval where the build wrote one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from llo_dash import export, figures, indicators, queries
from llo_dash.errors import SchemaError
from llo_dash.formatting import (GEEN_GEGEVENS, PLOTLY_SEPARATORS, getal, is_missing, marge, opsomming, procent,
                                 verschil)
from llo_dash.queries import NEDERLAND, als_float, rij
from llo_dash.reference import read_reference

NIVEAUS = ("gemeente", "wijk")
TOELICHTING = "Toelichting schatting"
WIJK_GROVER = ("De schatting per wijk is grover: opleiding en arbeid van de gemeente, leeftijd en herkomst van de "
               "wijk; de wijken van een gemeente tellen op tot de schatting van die gemeente. Let op: wie buiten "
               "Nederland is geboren telt als NT2, ook hoogopgeleide internationale werknemers en studenten. In wijken "
               "waar die wonen (zakenwijken, campussen, nieuwbouw bij grote werkgevers) ligt de schatting daardoor "
               "te hoog; gebruik de wijkcijfers samen met wat je van de wijk weet.")

# --- what the pages show -----------------------------------------------------

# Key figures of the Doelgroep page, in this order (count before percentage).
KERN_KOLOMMEN = (
    "laaggeletterd_16_65", "laaggeletterd_16_65_pct",
    "laaggeletterd_66_75", "laaggeletterd_66_75_pct",
    "laaggeletterd_16_75", "laaggeletterd_16_75_pct",
    "laaggecijferd_16_65", "laaggecijferd_16_65_pct",
    "laag_opgeleid", "laag_opgeleid_pct",
    "werkzame_beroepsbevolking", "netto_arbeidsparticipatie_pct",
    "werkloze_beroepsbevolking", "werkloosheid_pct",
    "bijstandsuitkeringen", "ww_personen",
)
# The four headline metrics above the sentences.
KERN_METRICS = ("laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggecijferd_16_65_pct", "laag_opgeleid_pct")

TOTAAL = "laaggeletterd_16_65"
HERKOMST = (("nt1", "NT1 (geboren in Nederland)"), ("nt2", "NT2 (eerste generatie)"))
ARBEID = (("werkend", "Werkend"), ("werkzoekend", "Werkzoekend"), ("inactief", "Niet-werkend en niet-zoekend"))
TOTAAL_LABEL = "Totaal"

# (kenmerk, groep, kolom): each kenmerk adds up to the total 16–65.
SAMENSTELLING = (
    ("Herkomst", "NT1 (geboren in Nederland)", "laaggeletterd_nt1"),
    ("Herkomst", "NT2, herkomst Europa", "laaggeletterd_nt2_europa"),
    ("Herkomst", "NT2, herkomst buiten Europa", "laaggeletterd_nt2_buiten_europa"),
    ("Arbeid", "Werkend", "laaggeletterd_werkend"),
    ("Arbeid", "Werkzoekend (werkloos)", "laaggeletterd_werkzoekend"),
    ("Arbeid", "Niet-werkend en niet-zoekend", "laaggeletterd_inactief"),
    ("Leeftijd", "16 tot 25 jaar", "laaggeletterd_16_25"),
    ("Leeftijd", "25 tot 45 jaar", "laaggeletterd_25_45"),
    ("Leeftijd", "45 tot 65 jaar", "laaggeletterd_45_65"),
)

# Doelgroep: the table per gemeente, and what the gemeente map can show.
DOELGROEP_GEMEENTE_KOLOMMEN = (
    "laaggeletterd_16_65", "laaggeletterd_16_65_pct", "laaggeletterd_nt1", "laaggeletterd_nt2",
    "laaggeletterd_werkend", "laaggeletterd_werkzoekend", "laaggeletterd_inactief",
    "laaggeletterd_16_75_pct", "laaggecijferd_16_65_pct",
    "laag_opgeleid", "laag_opgeleid_pct", "werkzame_beroepsbevolking", "netto_arbeidsparticipatie_pct",
    "werkloze_beroepsbevolking", "werkloosheid_pct", "eerste_generatie_pct",
)
DOELGROEP_KAART_OPTIES = (
    "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggeletterd_nt2", "laaggeletterd_werkend",
    "laaggecijferd_16_65_pct", "laaggeletterd_16_75_pct", "laag_opgeleid_pct", "netto_arbeidsparticipatie_pct",
    "werkloosheid_pct", "eerste_generatie_pct",
)

# Vindplaatsen: columns per level (interval columns are added next to their estimate).
VINDPLAATS_KOLOMMEN = {
    "gemeente": (
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstandsuitkeringen",
        "huishoudens_laag_inkomen_pct", "laaggeletterd_16_65", "laaggeletterd_16_65_pct",
        "laaggeletterd_nt1", "laaggeletterd_nt2",
    ),
    "wijk": (
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstand_personen",
        "laaggeletterd_16_65", "laaggeletterd_16_65_pct", "laaggeletterd_nt1", "laaggeletterd_nt2",
    ),
}
# Shown per gemeente but not per wijk: said under the wijk table, so its absence is not a mystery.
WIJK_ZONDER_INKOMEN = ("Huishoudens met een relatief laag inkomen: per wijk niet in dit dashboard (de gebruikte "
                       "CBS-bestanden hebben dit cijfer alleen per gemeente); kies Niveau: Gemeenten.")
VINDPLAATS_KAART_OPTIES = {
    "gemeente": (
        "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggeletterd_nt1", "laaggeletterd_nt2",
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstandsuitkeringen",
        "huishoudens_laag_inkomen_pct",
    ),
    "wijk": (
        "laaggeletterd_16_65_pct", "laaggeletterd_16_65", "laaggeletterd_nt1", "laaggeletterd_nt2",
        "inwoners_15_65", "herkomst_buiten_nederland_pct", "eerste_generatie_pct", "bijstand_personen",
    ),
}

# Reference tables written from the handreiking (see the files for sources).
HANDREIKING = "Handreiking professionaliseringsopgave LLO-Collectieven"
ROA_URL = "https://www.parool.nl/nederland/weinig-taalkennis-zorgt-voor-risico-s-op-de-werkvloer~b5462a28/"
PARTNERS = "vindplaatsen_partners"
PARTNER_KOLOMMEN = (
    "volgorde", "partner", "professionals", "wie", "rol", "doelgroep", "indicator", "contact_indicator", "basis",
    "indicatie", "indicatie_bron_url", "bron", "bron_sectie",
)
PROFESSIONALS = "professionals_handreiking"
PROFESSIONAL_KOLOMMEN = ("volgorde", "professionals", "waarom", "wie", "bron", "bron_sectie", "toelichting")

_GEBIED_KOLOMMEN = ("niveau", "code", "naam", "gemeente_code", "gemeente_naam", "arbeidsmarktregio_code",
                    "arbeidsmarktregio_naam", "schatting_toelichting")


def _met_grenzen(kolommen) -> set[str]:
    return {f"{kolom}{suffix}" for kolom in kolommen for suffix in ("", *queries.INTERVAL_SUFFIXEN)}


# Every column a selection of gemeenten or wijken needs (with the interval columns of the estimates).
_GEBRUIKT = _met_grenzen([
    *_GEBIED_KOLOMMEN, *KERN_KOLOMMEN, *DOELGROEP_GEMEENTE_KOLOMMEN, *DOELGROEP_KAART_OPTIES,
    *(kolom for kolommen in VINDPLAATS_KOLOMMEN.values() for kolom in kolommen),
    *(kolom for kolommen in VINDPLAATS_KAART_OPTIES.values() for kolom in kolommen),
    *(kolom for _, _, kolom in SAMENSTELLING),
])

# Categorical colours (Okabe-Ito): readable with every common colour-vision deficiency.
ARBEID_KLEUREN = ("#0072B2", "#E69F00", "#009E73")
GEBIED_KLEUR, NEDERLAND_KLEUR = figures.BALK_KLEUR, "#E69F00"


# --- small helpers -------------------------------------------------------------


def _selectie(df: pd.DataFrame, masker) -> pd.DataFrame:
    """The rows of `masker`, with only the columns these pages use (taking 106 columns costs more than the filter)."""
    kolommen = [i for i, kolom in enumerate(df.columns) if kolom in _GEBRUIKT]
    return df.iloc[np.flatnonzero(np.asarray(masker, dtype=bool)), kolommen]


def label(kolom: str, niveau: str | None = None) -> str:
    """Column header of an indicator: label, unit and "(schatting)"; per wijk the estimate is marked coarser."""
    naam = queries.indicator_naam(kolom)
    if niveau == "wijk" and indicators.get(kolom).schatting:
        naam = naam.replace("(schatting)", "(schatting, per wijk grover)")
    return naam


def aandeel(deel, totaal) -> float:
    """100 × deel / totaal, NaN when either is missing or the total is 0."""
    deel, totaal = als_float(deel), als_float(totaal)
    if math.isnan(deel) or math.isnan(totaal) or totaal == 0:
        return float("nan")
    return 100 * deel / totaal


_BREUKEN = (
    (10, "een op de tien"), (20, "een op de vijf"), (25, "een kwart"), (100 / 3, "een derde"),
    (40, "twee op de vijf"), (50, "de helft"), (60, "drie op de vijf"), (200 / 3, "twee derde"),
    (75, "drie kwart"), (80, "vier op de vijf"), (90, "negen op de tien"),
)


def aandeel_in_woorden(pct) -> str:
    """58 -> "bijna drie op de vijf", 50,3 -> "ongeveer de helft", 3 -> "een klein deel"."""
    pct = als_float(pct)
    if math.isnan(pct):
        return GEEN_GEGEVENS
    if pct < 7.5:
        return "een klein deel"
    if pct > 95:
        return "vrijwel iedereen"
    grens, woorden = min(_BREUKEN, key=lambda item: abs(item[0] - pct))
    if abs(pct - grens) <= 1.5:
        return f"ongeveer {woorden}"
    return f"{'ruim' if pct > grens else 'bijna'} {woorden}"


# --- the reference tables ------------------------------------------------------


ONDERDRUKT = "CBS onderdrukt cijfers van kleine aantallen (privacy)."


def voor_gebruikers(reden) -> str:
    """A reason from the build manifest in the words of the dashboard's users (no "mirror").

    `reden` is an entry of the manifest's `ontbrekend` (its `code` and `parameters`), or a text
    (`reden`, already in the users' words); see `llo_dash.redenen.tekst`.
    """
    from llo_dash import redenen

    return redenen.tekst(reden, redenen.GEBRUIKERS)


def reden_ontbrekend(ontbrekend: dict, kolom: str, niveau: str) -> str:
    """Why `kolom` is missing at `niveau`: the build's reason (`ontbrekend` of the manifest), else the registry's
    note, else a general sentence."""
    reden = (ontbrekend.get(kolom) or {}).get(niveau) or {}
    if reden.get("code") or reden.get("reden"):
        return voor_gebruikers(reden)
    toelichting = indicators.get(kolom).toelichting if kolom in indicators.BY_KOLOM else ""
    return toelichting or "CBS publiceert hier geen cijfer (onderdrukt of niet beschikbaar)."


def _lees(naam: str, kolommen: Sequence[str], directory: Path | None) -> pd.DataFrame:
    frame = read_reference(naam, directory)
    missing = [kolom for kolom in kolommen if kolom not in frame.columns]
    if missing:
        raise SchemaError(f"Referentietabel '{naam}' mist de kolom(men) {', '.join(missing)}.")
    leeg = [kolom for kolom in ("bron",) if frame[kolom].isna().any()]
    if leeg:
        raise SchemaError(f"Referentietabel '{naam}': elke regel heeft een bron nodig (kolom bron).")
    frame["volgorde"] = pd.to_numeric(frame["volgorde"], errors="raise")
    return frame.sort_values("volgorde").reset_index(drop=True)


def lees_partners(directory: Path | None = None) -> pd.DataFrame:
    """`reference/vindplaatsen_partners.csv`, checked: every indicator it names exists in the registry."""
    frame = _lees(PARTNERS, PARTNER_KOLOMMEN, directory)
    for _, row in frame.iterrows():
        for kolom in _partner_kolommen(row["indicator"]) + _partner_kolommen(row["contact_indicator"]):
            if kolom not in indicators.BY_KOLOM:
                raise SchemaError(
                    f"Referentietabel '{PARTNERS}', partner {row['partner']}: indicator '{kolom}' bestaat niet."
                )
        if is_missing(row["basis"]) or not str(row["basis"]).strip():
            raise SchemaError(f"Referentietabel '{PARTNERS}', partner {row['partner']}: de basis van het aantal ontbreekt.")
    return frame


def lees_professionals(directory: Path | None = None) -> pd.DataFrame:
    """`reference/professionals_handreiking.csv`: the handreiking's table of professionals."""
    return _lees(PROFESSIONALS, PROFESSIONAL_KOLOMMEN, directory)


# --- Doelgroep: key figures ----------------------------------------------------


def kerncijfers_tabel(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str] = KERN_KOLOMMEN) -> pd.DataFrame:
    """Key figures of each area in `codes` (real numbers, for download and tests), from `queries.kerncijfers`.

    Columns: Indicator, Eenheid, Schatting (ja/nee), per area "<titel>", "<titel>, ondergrens",
    "<titel>, bovengrens"; when the first area is not Nederland also "Verschil met Nederland
    (procentpunt)" (percentages) and "Aandeel van Nederland (%)" (counts); then Bron and kolom.
    """
    codes = list(dict.fromkeys(codes))
    kolommen = [kolom for kolom in kolommen if kolom in df.columns]
    metas = [indicators.get(kolom) for kolom in kolommen]
    tabel = pd.DataFrame({
        "Indicator": [meta.label for meta in metas],
        "Eenheid": ["%" if meta.is_percentage else meta.eenheid for meta in metas],
        "Schatting": ["ja" if meta.schatting else "nee" for meta in metas],
    })
    for i, code in enumerate(codes):
        cijfers = queries.kerncijfers(df, code, kolommen)
        titel = queries.gebied_titel(df, code)
        tabel[titel] = cijfers["gebied"].to_numpy()
        tabel[f"{titel}, ondergrens"] = cijfers["ondergrens"].to_numpy()
        tabel[f"{titel}, bovengrens"] = cijfers["bovengrens"].to_numpy()
        if i == 0 and code != NEDERLAND:
            eerste = cijfers
    if codes[0] != NEDERLAND:
        tabel["Verschil met Nederland (procentpunt)"] = eerste["verschil"].to_numpy()
        tabel["Aandeel van Nederland (%)"] = eerste["aandeel_nederland"].to_numpy()
    tabel["Bron"] = [queries.bronvermelding(kolom) for kolom in kolommen]
    tabel["kolom"] = kolommen
    return tabel


def kerncijfers_download(tabel: pd.DataFrame) -> pd.DataFrame:
    """`kerncijfers_tabel` for CSV and Excel: each row rounded to the decimals of its indicator on screen
    (persons whole, percentages as shown), the share of Nederland to two decimals; without the `kolom` column."""
    per_rij = [indicators.get(kolom).decimalen for kolom in tabel["kolom"]]
    download = tabel.drop(columns="kolom")
    for kolom in download.columns.drop(["Indicator", "Eenheid", "Schatting", "Bron"]):
        decimalen = [2] * len(download) if kolom == "Aandeel van Nederland (%)" else per_rij
        download[kolom] = [export.half_up(waarde, d) for waarde, d in zip(download[kolom], decimalen)]
    return download


def kerncijfers_weergave(tabel: pd.DataFrame, titels: Sequence[str]) -> pd.DataFrame:
    """The key-figure table as Dutch text: per area a value and a margin column, the difference, the source.

    `titels`: the area titles in the order of `kerncijfers_tabel` (see `queries.gebied_titel`). Figures
    that are not estimates get "n.v.t." as margin (a CBS figure has no interval here), never "geen gegevens".
    """
    metas = [indicators.get(kolom) for kolom in tabel["kolom"]]
    shown = pd.DataFrame({
        "Indicator": [queries.indicator_naam(kolom) for kolom in tabel["kolom"]],
        "Soort": ["schatting" if meta.schatting else "CBS-cijfer" for meta in metas],
    })
    for titel in titels:
        waarden, marges = [], []
        for meta, (_, row) in zip(metas, tabel.iterrows()):
            waarden.append(queries.waarde_tekst(meta.kolom, row[titel]))
            lo, hi = row[f"{titel}, ondergrens"], row[f"{titel}, bovengrens"]
            if not meta.schatting:
                marges.append("n.v.t.")
            elif is_missing(lo) and is_missing(hi) and not is_missing(row[titel]):
                marges.append("geen aparte marge")
            else:
                marges.append(queries.marge_tekst(meta.kolom, lo, hi))
        shown[titel] = waarden
        shown[f"{titel}: marge"] = marges
    if "Verschil met Nederland (procentpunt)" in tabel:
        teksten = []
        for meta, (_, row) in zip(metas, tabel.iterrows()):
            if meta.is_percentage:
                teksten.append(verschil(row["Verschil met Nederland (procentpunt)"], 1, "procentpunt"))
            else:
                pct = row["Aandeel van Nederland (%)"]
                teksten.append(GEEN_GEGEVENS if is_missing(pct) else f"{procent(pct, 1)} van Nederland")
        shown["Verschil met Nederland"] = teksten
    shown["Bron"] = tabel["Bron"].to_list()
    return shown


# --- Doelgroep: sentences ----------------------------------------------------


def _n(value) -> str:
    return getal(value, 0)


def _pct0(value) -> str:
    return procent(value, 0)


def _schatting_zin(row: pd.Series, kolom: str, wat: str = "") -> str:
    """"22.461 <wat> (14,4%; marge 13,4–15,5%)" for an estimate with count, percentage and interval."""
    pct = f"{kolom}_pct"
    marge_ = queries.marge_van(row, pct) or f"marge {GEEN_GEGEVENS}"
    return f"{_n(row[kolom])}{' ' + wat if wat else ''} ({procent(row[pct], 1)}; {marge_})"


def doelgroep_zinnen(df: pd.DataFrame, code: str) -> list[tuple[str, str]]:
    """The handreiking's questions about the participants, answered in short Dutch sentences from the figures.

    Returns (vraag, antwoord) pairs; all literacy figures are marked "naar schatting".
    """
    row, nl = rij(df, code), rij(df, NEDERLAND)
    naam = row["naam"]
    is_nl = code == NEDERLAND
    totaal = als_float(row[TOTAAL])
    zinnen: list[tuple[str, str]] = []

    if math.isnan(totaal):
        return [("Hoe groot is de doelgroep?", f"Voor {naam} is geen schatting van laaggeletterdheid beschikbaar.")]

    # 1. size, with the national comparison judged against the interval
    zin = f"In {naam} zijn naar schatting {_schatting_zin(row, TOTAAL, 'mensen van 16 tot 65 jaar laaggeletterd')}."
    if not is_nl:
        grenzen = queries.interval_kolommen(row, f"{TOTAAL}_pct")
        nl_pct, lo, hi = als_float(nl[f"{TOTAAL}_pct"]), als_float(row[grenzen[0]]), als_float(row[grenzen[1]])
        if hi < nl_pct:
            vergelijking = "lager dan landelijk"
        elif lo > nl_pct:
            vergelijking = "hoger dan landelijk"
        else:
            vergelijking = "ongeveer gelijk aan landelijk (het verschil valt binnen de marge)"
        zin += f" Dat aandeel is {vergelijking}: Nederland {procent(nl_pct, 1)}."
    if not is_missing(row.get("laaggeletterd_66_75")):
        zin += (f" Daarnaast zijn naar schatting {_schatting_zin(row, 'laaggeletterd_66_75', 'mensen van 66 tot 75 jaar')}"
                " laaggeletterd")
        if not is_missing(row.get("laaggeletterd_16_75")):
            zin += f"; van 16 tot 75 jaar samen {_schatting_zin(row, 'laaggeletterd_16_75')}"
        zin += "."
    if not is_missing(row.get("laaggecijferd_16_65")):
        zin += (" Laaggecijferd (moeite met rekenen) zijn naar schatting "
                f"{_schatting_zin(row, 'laaggecijferd_16_65', 'mensen van 16 tot 65 jaar')}.")
    zinnen.append(("Hoe groot is de doelgroep?", zin))

    # 2. NT1 / NT2 and subgroups
    nt1, nt2 = als_float(row["laaggeletterd_nt1"]), als_float(row["laaggeletterd_nt2"])
    nt2_pct = aandeel(nt2, totaal)
    zin = (f"{aandeel_in_woorden(nt2_pct).capitalize()} ({_pct0(nt2_pct)}) is naar schatting NT2: {_n(nt2)} mensen "
           f"die buiten Nederland zijn geboren (eerste generatie), van wie {_n(row['laaggeletterd_nt2_europa'])} met "
           f"herkomst Europa en {_n(row['laaggeletterd_nt2_buiten_europa'])} van buiten Europa. De andere {_n(nt1)} "
           f"({_pct0(aandeel(nt1, totaal))}) zijn NT1: geboren in Nederland.")
    if not is_nl:
        zin += f" Landelijk is {_pct0(aandeel(nl['laaggeletterd_nt2'], nl[TOTAAL]))} NT2."
    zinnen.append(("Hoe groot is de NT1- en de NT2-groep?", zin))

    # 3. working
    werkend = als_float(row["laaggeletterd_werkend"])
    werkend_pct = aandeel(werkend, totaal)
    zin = (f"{aandeel_in_woorden(werkend_pct).capitalize()} ({_pct0(werkend_pct)}) heeft werk: naar schatting "
           f"{_n(werkend)} werkende laaggeletterden, te bereiken via werkgevers "
           f"({_n(row['laaggeletterd_nt1_werkend'])} NT1 en {_n(row['laaggeletterd_nt2_werkend'])} NT2).")
    if not is_missing(row.get("werkzame_beroepsbevolking")):
        zin += f" De werkzame beroepsbevolking (15–75 jaar) telt {_n(row['werkzame_beroepsbevolking'])} mensen."
    if not is_nl:
        zin += f" Landelijk werkt {_pct0(aandeel(nl['laaggeletterd_werkend'], nl[TOTAAL]))} van de laaggeletterden."
    zinnen.append(("Hoe groot is de doelgroep werkenden?", zin))

    # 4. job seekers and the inactive
    zoekend, inactief = als_float(row["laaggeletterd_werkzoekend"]), als_float(row["laaggeletterd_inactief"])
    zin = (f"Naar schatting {_n(zoekend)} laaggeletterden ({_pct0(aandeel(zoekend, totaal))}) zijn werkloos en zoeken "
           f"werk; {_n(inactief)} ({_pct0(aandeel(inactief, totaal))}) werken niet en zoeken ook geen werk.")
    telling = []
    if not is_missing(row.get("werkloze_beroepsbevolking")):
        telling.append(f"{_n(row['werkloze_beroepsbevolking'])} werklozen van 15 tot 75 jaar "
                       f"({procent(row['werkloosheid_pct'], 1)} van de beroepsbevolking)")
    if not is_missing(row.get("bijstandsuitkeringen")):
        telling.append(f"{_n(row['bijstandsuitkeringen'])} bijstandsuitkeringen")
    if not is_missing(row.get("ww_personen")):
        telling.append(f"{_n(row['ww_personen'])} personen met WW")
    if telling:
        zin += f" {naam} telt {opsomming(telling)}."
    if is_missing(row.get("ww_personen")):
        zin += " Voor WW zijn hier geen gegevens."
    zinnen.append(("Hoe groot is de doelgroep werkzoekenden?", zin))

    # 5. age
    delen = [f"{_n(row[kolom])} van {groep.removesuffix(' jaar')} jaar ({_pct0(aandeel(row[kolom], totaal))})"
             for kenmerk, groep, kolom in SAMENSTELLING if kenmerk == "Leeftijd"]
    zinnen.append(("Welke leeftijden?", f"Naar schatting {opsomming(delen)}."))

    # 6. low-educated
    if is_missing(row.get("laag_opgeleid")):
        zin = f"Over het opleidingsniveau van {naam} publiceert CBS geen cijfer."
    else:
        zin = (f"{_n(row['laag_opgeleid'])} inwoners van 15 tot 75 jaar zijn laag opgeleid "
               f"({procent(row['laag_opgeleid_pct'], 1)}" + ("" if is_nl else f"; landelijk {procent(nl['laag_opgeleid_pct'], 1)}")
               + "). Laag opgeleid en laaggeletterd overlappen, maar zijn niet hetzelfde.")
    zinnen.append(("Hoeveel mensen zijn laag opgeleid?", zin))
    return zinnen


# --- Doelgroep: breakdowns -----------------------------------------------------


# Column headers of the NT1/NT2 × work table: every number in it is an estimate, and says so (also in a CSV).
NT_KOPPEN = {kop: f"{kop} (schatting)" for _, kop in ARBEID}
NT_TOTAAL = f"{TOTAAL_LABEL} (schatting)"
NT_AANDEEL = "Aandeel van het totaal (%, schatting)"


def nt_arbeid_tabel(df: pd.DataFrame, code: str) -> pd.DataFrame:
    """Estimated low-literates 16–65, NT1/NT2 (rows, + Totaal) × werkend/werkzoekend/niet-werkend (columns, + Totaal).

    Also the share of the total per row. Every row and column adds up to its total; every header says
    "(schatting)" (`NT_KOPPEN`, `NT_TOTAAL`, `NT_AANDEEL`).
    """
    row = rij(df, code)
    records = []
    for herkomst, naam in HERKOMST:
        record = {"Groep": naam}
        for arbeid, kop in ARBEID:
            record[NT_KOPPEN[kop]] = als_float(row[f"laaggeletterd_{herkomst}_{arbeid}"])
        record[NT_TOTAAL] = als_float(row[f"laaggeletterd_{herkomst}"])
        records.append(record)
    totaal = {"Groep": TOTAAL_LABEL, **{NT_KOPPEN[kop]: als_float(row[f"laaggeletterd_{arbeid}"]) for arbeid, kop in ARBEID},
              NT_TOTAAL: als_float(row[TOTAAL])}
    records.append(totaal)
    tabel = pd.DataFrame.from_records(records)
    tabel[NT_AANDEEL] = [aandeel(value, totaal[NT_TOTAAL]) for value in tabel[NT_TOTAAL]]
    return tabel


NT_ARBEID_FORMATS = {**{kop: "getal" for kop in NT_KOPPEN.values()}, NT_TOTAAL: "getal", NT_AANDEEL: ("procent", 0)}


def nt_arbeid_figuur(tabel: pd.DataFrame, titel: str, bron: str | None = None) -> go.Figure:
    """Stacked horizontal bars: NT1 and NT2, each split into werkend / werkzoekend / niet-werkend (counts)."""
    groepen = tabel[tabel["Groep"] != TOTAAL_LABEL].iloc[::-1]  # NT1 on top
    fig = go.Figure()
    for (_, kop), kleur in zip(ARBEID, ARBEID_KLEUREN):
        aandelen = [aandeel(value, total) for value, total in zip(groepen[NT_KOPPEN[kop]], groepen[NT_TOTAAL])]
        fig.add_trace(go.Bar(
            y=groepen["Groep"], x=groepen[NT_KOPPEN[kop]], name=kop, orientation="h", marker=dict(color=kleur),
            customdata=aandelen, texttemplate="%{x:,.0f}", textposition="inside", insidetextanchor="middle",
            hovertemplate=f"<b>%{{y}}</b><br>{kop}: %{{x:,.0f}} (%{{customdata:,.0f}}%)<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack", title=dict(text=titel, x=0, xanchor="left"), separators=PLOTLY_SEPARATORS,
        xaxis=dict(title=dict(text="personen (schatting)"), tickformat=",.0f", rangemode="tozero"),
        yaxis=dict(automargin=True), legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
        height=300, margin=dict(l=0, r=10, t=80, b=60), font=figures.FONT,
        uniformtext=dict(minsize=10, mode="hide"),  # no unreadable labels in thin segments (the hover has them)
    )
    return figures.bron_onder(fig, bron)


def samenstelling_tabel(df: pd.DataFrame, code: str) -> pd.DataFrame:
    """Composition of the estimated low-literates 16–65 by origin, labour and age, next to Nederland.

    Columns: Kenmerk, Groep, Aantal (schatting), Aandeel (%), and (unless `code` is Nederland)
    Aandeel Nederland (%) and Verschil (procentpunt). Per kenmerk the counts add up to the total
    and the shares to 100.
    """
    row, nl = rij(df, code), rij(df, NEDERLAND)
    records = []
    for kenmerk, groep, kolom in SAMENSTELLING:
        record = {"Kenmerk": kenmerk, "Groep": groep, "Aantal (schatting)": als_float(row[kolom]),
                  "Aandeel (%)": aandeel(row[kolom], row[TOTAAL])}
        if code != NEDERLAND:
            record["Aandeel Nederland (%)"] = aandeel(nl[kolom], nl[TOTAAL])
            record["Verschil (procentpunt)"] = record["Aandeel (%)"] - record["Aandeel Nederland (%)"]
        records.append(record)
    return pd.DataFrame.from_records(records)


SAMENSTELLING_FORMATS = {"Aantal (schatting)": "getal", "Aandeel (%)": ("procent", 1),
                         "Aandeel Nederland (%)": ("procent", 1), "Verschil (procentpunt)": ("verschil", 1)}


def samenstelling_formats(tabel: pd.DataFrame) -> dict:
    return {kolom: spec for kolom, spec in SAMENSTELLING_FORMATS.items() if kolom in tabel}


def samenstelling_figuur(tabel: pd.DataFrame, gebiedsnaam: str, titel: str, bron: str | None = None) -> go.Figure:
    """Grouped horizontal bars: the share of each group among the low-literates, area next to Nederland."""
    labels = [f"{kenmerk}: {groep}" for kenmerk, groep in zip(tabel["Kenmerk"], tabel["Groep"])][::-1]
    fig = go.Figure(go.Bar(
        y=labels, x=tabel["Aandeel (%)"].iloc[::-1], name=gebiedsnaam, orientation="h",
        marker=dict(color=GEBIED_KLEUR), texttemplate="%{x:,.0f}%", textposition="outside", cliponaxis=False,
        hovertemplate=f"<b>%{{y}}</b><br>{gebiedsnaam}: %{{x:,.1f}}%<extra></extra>",
    ))
    if "Aandeel Nederland (%)" in tabel:
        fig.add_trace(go.Bar(
            y=labels, x=tabel["Aandeel Nederland (%)"].iloc[::-1], name="Nederland", orientation="h",
            marker=dict(color=NEDERLAND_KLEUR), texttemplate="%{x:,.0f}%", textposition="outside", cliponaxis=False,
            hovertemplate="<b>%{y}</b><br>Nederland: %{x:,.1f}%<extra></extra>",
        ))
    fig.update_layout(
        barmode="group", title=dict(text=titel, x=0, xanchor="left"), separators=PLOTLY_SEPARATORS,
        xaxis=dict(title=dict(text="% van de laaggeletterden 16–65 jaar (schatting)"), ticksuffix="%",
                   rangemode="tozero"),
        yaxis=dict(automargin=True), legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
        height=520, margin=dict(l=0, r=40, t=80, b=60), font=figures.FONT,
    )
    return figures.bron_onder(fig, bron)


# --- areas: gemeenten and wijken of a selection --------------------------------


def gemeenten(df: pd.DataFrame, regio: str | None = None) -> pd.DataFrame:
    """The gemeente rows of region `regio` (all 342 when None), sorted by name."""
    rows = _selectie(df, queries.selectie(df, "gemeente", regio))
    return rows.sort_values("naam", key=lambda s: s.str.casefold())


def wijken(df: pd.DataFrame, regio: str | None = None, gemeente: str | None = None) -> pd.DataFrame:
    """The wijk rows of a gemeente (when given), else of a region; sorted by gemeente and wijk name.

    Without a region or gemeente there is no selection (all 3.393 wijken are too many for one map):
    raises ValueError (see `queries.selectie`).
    """
    rows = _selectie(df, queries.selectie(df, "wijk", regio, gemeente))
    return rows.sort_values(["gemeente_naam", "naam"], key=lambda s: s.str.casefold())


def gebieden_van(df: pd.DataFrame, niveau: str, regio: str | None, gemeente: str | None) -> pd.DataFrame:
    """The rows a Vindplaatsen view shows: gemeenten of the region (all without one), or wijken."""
    if niveau not in NIVEAUS:
        raise ValueError(f"Onbekend niveau {niveau!r}; kies uit: {', '.join(NIVEAUS)}.")
    return gemeenten(df, regio) if niveau == "gemeente" else wijken(df, regio, gemeente)


def met_intervallen(df: pd.DataFrame, kolommen: Sequence[str]) -> list[str]:
    """`kolommen` with each estimate's interval columns right after it."""
    result = []
    for kolom in kolommen:
        result.append(kolom)
        result.extend(queries.interval_kolommen(df, kolom) or ())
    return result


def gebiedstabel(rows: pd.DataFrame, kolommen: Sequence[str], niveau: str) -> tuple[pd.DataFrame, dict]:
    """One row per area: Naam, Code (wijk: Gemeente), the indicators (with intervals), the estimate's remark.

    Returns the table with real numbers (missing stays missing) and its `format_table` spec.
    """
    tabel = pd.DataFrame({"Naam": rows["naam"].to_list(), "Code": rows["code"].to_list()})
    if niveau == "wijk":
        tabel.insert(1, "Gemeente", rows["gemeente_naam"].to_list())
    formats = {}
    alle = met_intervallen(rows, kolommen)
    for kolom in alle:
        kop = label(kolom, niveau)
        tabel[kop] = rows[kolom].to_list() if kolom in rows else [pd.NA] * len(rows)
        tabel[kop] = pd.to_numeric(tabel[kop], errors="coerce")
        formats[kop] = queries.opmaak(kolom)
    if any(indicators.get(kolom).schatting for kolom in kolommen):
        opmerkingen = rows["schatting_toelichting"] if "schatting_toelichting" in rows else pd.Series([None] * len(rows))
        tabel[TOELICHTING] = ["" if is_missing(value) else str(value) for value in opmerkingen]
    return tabel, formats


def doelgroep_gemeentetabel(df: pd.DataFrame, regio: str | None) -> tuple[pd.DataFrame, dict]:
    """Doelgroep: per gemeente of the region (all without one) the estimates with intervals and the context."""
    return gebiedstabel(gemeenten(df, regio), DOELGROEP_GEMEENTE_KOLOMMEN, "gemeente")


def vindplaatsen_tabel(df: pd.DataFrame, niveau: str, regio: str | None, gemeente: str | None) -> tuple[pd.DataFrame, dict]:
    """Vindplaatsen: per gemeente or wijk, population, origin, benefits, low income and the estimate.

    Sorted by the estimated number of low-literates 16–65, largest first (areas without an estimate last).
    """
    rows = gebieden_van(df, niveau, regio, gemeente)
    rows = rows.assign(_sort=pd.to_numeric(rows[TOTAAL], errors="coerce").astype("float64"))
    rows = rows.sort_values("_sort", ascending=False, na_position="last", kind="stable")
    return gebiedstabel(rows, VINDPLAATS_KOLOMMEN[niveau], niveau)


def ontbrekend_regels(rows: pd.DataFrame, kolommen: Sequence[str], niveau: str, ontbrekend: dict) -> list[str]:
    """Per indicator with gaps: "Eerste generatie: geen gegevens voor 45 van de 120 wijken. <reden>"."""
    regels = []
    totaal = len(rows)
    for kolom in kolommen:
        if kolom not in rows:
            regels.append(f"{indicators.get(kolom).label}: geen gegevens voor dit niveau.")
            continue
        leeg = rows[kolom].isna()
        if not leeg.any():
            continue
        wie = queries.NIVEAU_MEERVOUD.get(niveau, niveau)
        label = indicators.get(kolom).label
        onderdrukt = pd.Series(False, index=rows.index)
        if niveau in ("wijk", "buurt") and "gemeente_code" in rows and not indicators.get(kolom).schatting:
            # In a gemeente whose other wijken have the CBS figure, the source is there: CBS left these out.
            # (An estimate has reasons of its own, in its remarks.)
            bekend = rows.loc[~leeg, "gemeente_code"].unique()
            onderdrukt = leeg & rows["gemeente_code"].isin(bekend)
        rest = int((leeg & ~onderdrukt).sum())
        if rest:
            regels.append(f"{label}: geen gegevens voor {rest} van de {totaal} {wie}. "
                          f"{reden_ontbrekend(ontbrekend, kolom, niveau)}")
        if onderdrukt.any():
            regels.append(f"{label}: geen gegevens voor {int(onderdrukt.sum())} van de {totaal} {wie} in gemeenten "
                          f"waarvan de andere {wie} wel een cijfer hebben. {ONDERDRUKT}")
    return regels


def concentratie_zin(rows: pd.DataFrame, niveau: str, gebiedsnaam: str, kolom: str = TOTAAL, top: int | None = None) -> str:
    """Where most of the group lives: "Naar schatting woont 48% van … in 3 van de 6 gemeenten: A (1.234), B (…) en C (…)."

    The share is of the areas with an estimate, and the sentence counts only those ("3 van de 5 wijken
    met een schatting"); how many areas have none is said in a second sentence.
    """
    waarden = pd.to_numeric(rows[kolom], errors="coerce").astype("float64")
    bekend = rows.assign(_w=waarden)[waarden.notna()].sort_values("_w", ascending=False, kind="stable")
    wie = queries.NIVEAU_MEERVOUD[niveau]
    groep = {TOTAAL: "de laaggeletterden van 16 tot 65 jaar", "laaggeletterd_nt2": "de NT2-laaggeletterden",
             "laaggeletterd_nt1": "de NT1-laaggeletterden"}.get(kolom, indicators.get(kolom).label.lower())
    if bekend.empty or bekend["_w"].sum() == 0:
        return f"Voor {groep} in deze {wie} is geen schatting beschikbaar."
    if len(bekend) == 1:
        enige = bekend.iloc[0]
        return (f"Alle {groep.removeprefix('de ')} in {gebiedsnaam} wonen in {enige['naam']} "
                f"(naar schatting {_n(enige['_w'])}).")
    top = min(top or (3 if niveau == "gemeente" else 5), max(1, len(bekend) // 2))
    eerste = bekend.head(top)
    if niveau == "wijk" and rows["gemeente_code"].nunique() > 1:
        namen = [f"{naam} ({gem}, {_n(w)})" for naam, gem, w in zip(eerste["naam"], eerste["gemeente_naam"], eerste["_w"])]
    else:
        namen = [f"{naam} ({_n(w)})" for naam, w in zip(eerste["naam"], eerste["_w"])]
    pct = aandeel(eerste["_w"].sum(), bekend["_w"].sum())
    zonder = len(rows) - len(bekend)
    zin = (f"Naar schatting woont {_pct0(pct)} van {groep} in {gebiedsnaam} in {top} van de {len(bekend)} {wie}"
           f"{' met een schatting' if zonder else ''}: {opsomming(namen)}.")
    if zonder:
        zin += (f" Voor {zonder} {queries.NIVEAU_ENKELVOUD[niveau] if zonder == 1 else wie} is geen schatting "
                "beschikbaar.")
    return zin


def hoogste_aandeel_zin(rows: pd.DataFrame, niveau: str, kolom: str = f"{TOTAAL}_pct") -> str:
    """"Het hoogste geschatte aandeel: A (22,4%; marge …)." for the area with the highest percentage."""
    waarden = pd.to_numeric(rows[kolom], errors="coerce").astype("float64")
    if waarden.notna().sum() == 0:
        return ""
    beste = rows.loc[waarden.idxmax()]
    naam = beste["naam"] + (f" ({beste['gemeente_naam']})" if niveau == "wijk" and rows["gemeente_code"].nunique() > 1 else "")
    marge_ = queries.marge_van(beste, kolom) or f"marge {GEEN_GEGEVENS}"
    # The size goes with it: the highest share is often a small area (a harbour, a new district).
    omvang = ("" if pd.isna(beste.get("inwoners_15_65"))
              else f"; {getal(beste['inwoners_15_65'])} inwoners van 15 tot 65 jaar")
    return (f"Het hoogste geschatte aandeel laaggeletterden (16–65 jaar) heeft {naam}: {procent(beste[kolom], 1)} "
            f"({marge_}{omvang}).")


def selectie_namen(df: pd.DataFrame, niveau: str, regio: str | None, gemeente: str | None) -> tuple[str, str]:
    """What a Vindplaatsen view shows, in words: ("gemeente Amsterdam", "Amsterdam") for the wijken of a
    gemeente; ("arbeidsmarktregio Twente", "Twente") for a region's gemeenten or wijken; ("Nederland",
    "Nederland") for all gemeenten. The first is for titles, the second for sentences."""
    if niveau == "wijk" and gemeente:
        return f"gemeente {queries.naam(df, gemeente)}", queries.naam(df, gemeente)
    if regio:
        return f"arbeidsmarktregio {queries.naam(df, regio)}", queries.naam(df, regio)
    return "Nederland", "Nederland"


def toelichting_regel(tabel: pd.DataFrame) -> str:
    """The remarks on the estimate in a table per area (column `TOELICHTING`), in one line: "A: …; B: …"; "" if none."""
    if TOELICHTING not in tabel:
        return ""
    opmerkingen = [f"{naam}: {tekst}" for naam, tekst in zip(tabel["Naam"], tabel[TOELICHTING]) if tekst]
    return "; ".join(opmerkingen)


# --- Vindplaatsen: partners ----------------------------------------------------


def _partner_kolommen(value) -> list[str]:
    if is_missing(value) or not str(value).strip():
        return []
    return [kolom.strip() for kolom in str(value).split("+") if kolom.strip()]


def _som(row: pd.Series, kolommen: Sequence[str]) -> float:
    """Sum of the columns; missing if any of them is missing (never a partial sum)."""
    values = [als_float(row[kolom]) if kolom in row.index else float("nan") for kolom in kolommen]
    return float("nan") if not values or any(math.isnan(v) for v in values) else sum(values)


def partners_tabel(df: pd.DataFrame, code: str, partners: pd.DataFrame) -> pd.DataFrame:
    """Per partner of the handreiking: who they reach in area `code`, how many, and on what basis.

    The number comes from the partner's `indicator` (a column of `gebieden`, or "a+b"); an interval
    only where the build wrote one for that single column; `contact_indicator` gives the group the
    partner is in contact with (e.g. people with WW). Missing stays missing.
    """
    row = rij(df, code)
    records = []
    for _, partner in partners.iterrows():
        kolommen = _partner_kolommen(partner["indicator"])
        contact = _partner_kolommen(partner["contact_indicator"])
        metas = [indicators.get(kolom) for kolom in kolommen]
        grenzen = queries.interval_kolommen(row, kolommen[0]) if len(kolommen) == 1 and metas[0].schatting else None
        bronnen = list(dict.fromkeys(queries.bronvermelding(kolom) for kolom in kolommen + contact))
        records.append({
            "Partner": partner["partner"],
            "Professionals (handreiking)": partner["professionals"],
            "Wie": partner["wie"],
            "Bereikt": partner["doelgroep"],
            "Aantal": _som(row, kolommen),
            "Ondergrens": als_float(row[grenzen[0]]) if grenzen else float("nan"),
            "Bovengrens": als_float(row[grenzen[1]]) if grenzen else float("nan"),
            "Soort": "schatting" if any(meta.schatting for meta in metas) else "telling",
            "Basis van het aantal": partner["basis"],
            "Contactgroep": indicators.get(contact[0]).label if contact else "",
            "Aantal contactgroep": _som(row, contact) if contact else float("nan"),
            "Indicatie": "" if is_missing(partner["indicatie"]) else partner["indicatie"],
            "Rol (handreiking)": partner["rol"],
            "Bron aantal": " ".join(bronnen),
            "Bron rol": f"{partner['bron']}, {partner['bron_sectie']}",
            "Indicatie bron": "" if is_missing(partner["indicatie_bron_url"]) else partner["indicatie_bron_url"],
            "Indicator": partner["indicator"],
        })
    return pd.DataFrame.from_records(records)


def partner_indicatoren(partners: pd.DataFrame) -> list[str]:
    """Every `gebieden` column the partners table reads (numbers and contact groups), for the source note."""
    kolommen = [kolom for kolom_tekst in [*partners["indicator"], *partners["contact_indicator"]]
                for kolom in _partner_kolommen(kolom_tekst)]
    return list(dict.fromkeys(kolommen))


def partners_weergave(tabel: pd.DataFrame) -> pd.DataFrame:
    """Who each partner reaches, how many, and on what basis (Dutch text; "geen gegevens" where missing), index Partner."""
    marges, contact = [], []
    for row in tabel.itertuples(index=False):
        if row.Soort != "schatting":
            marges.append("telling")
        elif is_missing(row.Ondergrens):
            marges.append("geen aparte marge")
        else:
            marges.append(marge(row.Ondergrens, row.Bovengrens))
    for groep, value in zip(tabel["Contactgroep"], tabel["Aantal contactgroep"]):
        contact.append(f"{groep}: {getal(value)}" if groep else "")
    basis = [f"{b} {i}".strip() for b, i in zip(tabel["Basis van het aantal"], tabel["Indicatie"])]
    return pd.DataFrame({
        "Partner": tabel["Partner"],
        "Bereikt": tabel["Bereikt"],
        "Aantal": [getal(value) for value in tabel["Aantal"]],
        "Marge": marges,
        "Ter vergelijking": contact,
        "Basis van het aantal": basis,
    }).set_index("Partner")


def partners_rollen(tabel: pd.DataFrame) -> pd.DataFrame:
    """The partners' role per the handreiking and which professionals they are (text), index Partner."""
    return pd.DataFrame({
        "Partner": tabel["Partner"],
        "Professionals (handreiking)": tabel["Professionals (handreiking)"],
        "Wie": tabel["Wie"],
        "Rol": tabel["Rol (handreiking)"],
        "Bron": tabel["Bron rol"],
    }).set_index("Partner")


def partners_zin(df: pd.DataFrame, code: str) -> str:
    """Which partners reach which part of the group, in one or two sentences (estimates, with Dutch numbers)."""
    row = rij(df, code)
    totaal = als_float(row[TOTAAL])
    if math.isnan(totaal):
        return ""
    werkend, zoekend, inactief = (als_float(row[f"laaggeletterd_{k}"]) for k in ("werkend", "werkzoekend", "inactief"))
    return (f"Via werkgevers is de grootste groep te bereiken: naar schatting {_n(werkend)} werkende laaggeletterden "
            f"({_pct0(aandeel(werkend, totaal))} van de laaggeletterden van 16 tot 65 jaar in {row['naam']}). "
            f"UWV, gemeente en Werkcentrum zien de werkzoekenden (naar schatting {_n(zoekend)}); wie niet werkt en "
            f"geen werk zoekt (naar schatting {_n(inactief)}) is vooral via wijkteams, het Taalhuis en de bibliotheek "
            "te bereiken.")


def professionals_weergave(professionals: pd.DataFrame) -> pd.DataFrame:
    """The handreiking's table as it is printed there: a column per kind of professional, rows why and who."""
    return pd.DataFrame(
        [list(professionals["waarom"]), list(professionals["wie"])],
        index=pd.Index(["Waarom deze professionals?", "Wie zijn deze professionals?"], name=""),
        columns=list(professionals["professionals"]),
    )


def professionals_download(professionals: pd.DataFrame) -> pd.DataFrame:
    """The same table, one row per kind of professional, with its source (for CSV and Excel)."""
    return pd.DataFrame({
        "Professionals": professionals["professionals"],
        "Waarom deze professionals?": professionals["waarom"],
        "Wie zijn deze professionals?": professionals["wie"],
        "Bron": professionals["bron"] + ", " + professionals["bron_sectie"],
    })


def werkgevers_sectoren(df: pd.DataFrame, code: str) -> pd.DataFrame:
    """Werkgevers by sector: business establishments per sector group in area `code` (KWB 2024; often missing)."""
    row = rij(df, code)
    totaal = als_float(row["vestigingen_totaal"]) if "vestigingen_totaal" in row.index else float("nan")
    records = [{"Sector": sector, "Vestigingen": als_float(row[kolom]) if kolom in row.index else float("nan"),
                "Aandeel (%)": aandeel(row[kolom], totaal) if kolom in row.index else float("nan"), "kolom": kolom}
               for kolom, sector in indicators.SECTOREN.items()]
    return pd.DataFrame.from_records(records)


SECTOR_FORMATS = {"Vestigingen": "getal", "Aandeel (%)": ("procent", 1)}


def vestigingen_zin(df: pd.DataFrame, code: str) -> str:
    """"Twente telt 45.678 bedrijfsvestigingen (CBS, …, 2024)." with a pointer to the page Sectoren & beroepen."""
    row = rij(df, code)
    bron = queries.bronvermelding("bedrijfsvestigingen").removeprefix("Bron: ").rstrip(".")
    return (f"{row['naam']} telt {queries.waarde_tekst('bedrijfsvestigingen', row.get('bedrijfsvestigingen'))} "
            f"bedrijfsvestigingen ({bron}). Welke sectoren en beroepen vaak laaggeletterden in dienst hebben, staat op de "
            "pagina *Sectoren & beroepen*.")


def sectoren_ontbreken_zin(df: pd.DataFrame, code: str, ontbrekend: dict) -> str:
    """Why an area has no establishments per sector (the build's reason), and what to do."""
    row = rij(df, code)
    return (f"Vestigingen per sector: geen gegevens voor {row['naam']}. "
            f"{reden_ontbrekend(ontbrekend, 'vestigingen_a_landbouw', row['niveau'])} Kies een gemeente.")
