"""Vindplaatsen: where most of the target group lives, who reaches them, and why figures are missing, in Dutch
sentences."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from llo_dash import indicators, redenen
from llo_dash.formatting import GEEN_GEGEVENS, getal, opsomming, procent
from llo_dash.indicators import LAAGGELETTERD as TOTAAL
from llo_dash.views import queries
from llo_dash.views.doelgroep import uitkeringen
from llo_dash.views.queries import aandeel, als_float, rij

WIJK_GROVER = ("De schatting per wijk is grover: opleiding en arbeid van de gemeente, leeftijd en herkomst van de "
               "wijk; de wijken van een gemeente tellen op tot de schatting van die gemeente. Let op: wie buiten "
               "Nederland is geboren telt als NT2, ook hoogopgeleide internationale werknemers en studenten. In wijken "
               "waar die wonen (zakenwijken, campussen, nieuwbouw bij grote werkgevers) ligt de schatting daardoor "
               "te hoog; gebruik de wijkcijfers samen met wat je van de wijk weet.")
# Shown per gemeente but not per wijk: said under the wijk table, so its absence is not a mystery.
WIJK_ZONDER_INKOMEN = ("Huishoudens met een relatief laag inkomen: per wijk niet in dit dashboard (de gebruikte "
                       "CBS-bestanden hebben dit cijfer alleen per gemeente); kies Niveau: Gemeenten.")
ONDERDRUKT = "CBS onderdrukt cijfers van kleine aantallen (privacy)."
# Who a concentration sentence is about, per column.
_GROEPEN = {TOTAAL: "de laaggeletterden van 16 tot 65 jaar", "laaggeletterd_nt2": "de NT2-laaggeletterden",
            "laaggeletterd_nt1": "de NT1-laaggeletterden"}


# --- missing figures -------------------------------------------------------------


def voor_gebruikers(reden) -> str:
    """A reason from the build manifest in the words of the dashboard's users (no "mirror").

    `reden` is an entry of the manifest's `ontbrekend` (its `code` and `parameters`), or a text
    (`reden`, already in the users' words); see `llo_dash.redenen.tekst`.
    """
    return redenen.tekst(reden, redenen.GEBRUIKERS)


def reden_ontbrekend(ontbrekend: dict, kolom: str, niveau: str) -> str:
    """Why `kolom` is missing at `niveau`: the build's reason (`ontbrekend` of the manifest), else the registry's
    note, else a general sentence."""
    reden = (ontbrekend.get(kolom) or {}).get(niveau) or {}
    if reden.get("code") or reden.get("reden"):
        return voor_gebruikers(reden)
    toelichting = indicators.get(kolom).toelichting if kolom in indicators.BY_KOLOM else ""
    return toelichting or "CBS publiceert hier geen cijfer (onderdrukt of niet beschikbaar)."


def ontbrekend_regels(rows: pd.DataFrame, kolommen: Sequence[str], niveau: str, ontbrekend: dict) -> list[str]:
    """Per indicator with gaps: "Eerste generatie: geen gegevens voor 45 van de 120 wijken. <reden>"."""
    regels = []
    totaal = len(rows)
    wie = queries.NIVEAU_MEERVOUD.get(niveau, niveau)
    for kolom in kolommen:
        label = indicators.get(kolom).label
        if kolom not in rows:
            regels.append(f"{label}: geen gegevens voor dit niveau.")
            continue
        leeg = rows[kolom].isna()
        if not leeg.any():
            continue
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


def sectoren_ontbreken_zin(df: pd.DataFrame, code: str, ontbrekend: dict) -> str:
    """Why an area has no establishments per sector (the build's reason), and what to do."""
    row = rij(df, code)
    return (f"Vestigingen per sector: geen gegevens voor {row['naam']}. "
            f"{reden_ontbrekend(ontbrekend, 'vestigingen_a_landbouw', row['niveau'])} Kies een gemeente.")


# --- where they live -----------------------------------------------------------------


def selectie_namen(df: pd.DataFrame, niveau: str, regio: str | None, gemeente: str | None) -> tuple[str, str]:
    """What a view shows, in words: ("gemeente Amsterdam", "Amsterdam") for the wijken of a gemeente;
    ("arbeidsmarktregio Twente", "Twente") for a region's gemeenten or wijken; ("Nederland", "Nederland") for
    all gemeenten. The first is for titles, the second for sentences."""
    if niveau == "wijk" and gemeente:
        return f"gemeente {queries.naam(df, gemeente)}", queries.naam(df, gemeente)
    if regio:
        return f"arbeidsmarktregio {queries.naam(df, regio)}", queries.naam(df, regio)
    return "Nederland", "Nederland"


def _met_gemeente(rows: pd.DataFrame, niveau: str) -> bool:
    """Wijken of more than one gemeente: a wijk is named with its gemeente."""
    return niveau == "wijk" and rows["gemeente_code"].nunique() > 1


def concentratie_zin(rows: pd.DataFrame, niveau: str, gebiedsnaam: str, kolom: str = TOTAAL, top: int | None = None) -> str:
    """Where most of the group lives: "Naar schatting woont 48% van … in 3 van de 6 gemeenten: A (1.234), B (…) en C (…)."

    The share is of the areas with an estimate, and the sentence counts only those ("3 van de 5 wijken
    met een schatting"); how many areas have none is said in a second sentence.
    """
    waarden = pd.to_numeric(rows[kolom], errors="coerce").astype("float64")
    bekend = rows.assign(_w=waarden)[waarden.notna()].sort_values("_w", ascending=False, kind="stable")
    wie = queries.NIVEAU_MEERVOUD[niveau]
    groep = _GROEPEN.get(kolom, indicators.get(kolom).label.lower())
    if bekend.empty or bekend["_w"].sum() == 0:
        return f"Voor {groep} in deze {wie} is geen schatting beschikbaar."
    if len(bekend) == 1:
        enige = bekend.iloc[0]
        return (f"Alle {groep.removeprefix('de ')} in {gebiedsnaam} wonen in {enige['naam']} "
                f"(naar schatting {getal(enige['_w'])}).")
    top = min(top or (3 if niveau == "gemeente" else 5), max(1, len(bekend) // 2))
    eerste = bekend.head(top)
    if _met_gemeente(rows, niveau):
        namen = [f"{naam} ({gem}, {getal(w)})" for naam, gem, w in zip(eerste["naam"], eerste["gemeente_naam"], eerste["_w"])]
    else:
        namen = [f"{naam} ({getal(w)})" for naam, w in zip(eerste["naam"], eerste["_w"])]
    pct = aandeel(eerste["_w"].sum(), bekend["_w"].sum())
    zonder = len(rows) - len(bekend)
    zin = (f"Naar schatting woont {procent(pct, 0)} van {groep} in {gebiedsnaam} in {top} van de {len(bekend)} {wie}"
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
    naam = beste["naam"] + (f" ({beste['gemeente_naam']})" if _met_gemeente(rows, niveau) else "")
    marge_ = queries.marge_van(beste, kolom) or f"marge {GEEN_GEGEVENS}"
    # The size goes with it: the highest share is often a small area (a harbour, a new district).
    omvang = ("" if pd.isna(beste.get("inwoners_15_65"))
              else f"; {getal(beste['inwoners_15_65'])} inwoners van 15 tot 65 jaar")
    return (f"Het hoogste geschatte aandeel laaggeletterden (16–65 jaar) heeft {naam}: {procent(beste[kolom], 1)} "
            f"({marge_}{omvang}).")


# --- who reaches them ------------------------------------------------------------------


def partners_zin(df: pd.DataFrame, code: str, parameters: Mapping[str, float] | None = None) -> str:
    """Which partners reach which part of the group, in one or two sentences (estimates, with Dutch numbers).

    With `parameters` (`doelgroep.uitkeringen.parameters()`) the gemeente and UWV are named with the estimated
    low-literates among their benefit recipients (bijstand, WW, AO)."""
    row = rij(df, code)
    totaal = als_float(row[TOTAAL])
    if math.isnan(totaal):
        return ""
    werkend, zoekend, inactief = (als_float(row[f"laaggeletterd_{k}"]) for k in ("werkend", "werkzoekend", "inactief"))
    return (f"Via werkgevers is de grootste groep te bereiken: naar schatting {getal(werkend)} werkende laaggeletterden "
            f"({procent(aandeel(werkend, totaal), 0)} van de laaggeletterden van 16 tot 65 jaar in {row['naam']}). "
            + _uitkering_deel(row, zoekend, parameters) +
            f"; wie niet werkt en "
            f"geen werk zoekt (naar schatting {getal(inactief)}) is vooral via wijkteams, het Taalhuis en de bibliotheek "
            "te bereiken.")


def _uitkering_deel(row: pd.Series, zoekend: float, parameters: Mapping[str, float] | None) -> str:
    """"UWV, gemeente en Werkcentrum zien de werkzoekenden (…)", with the benefit recipients when known."""
    deel = f"UWV, gemeente en Werkcentrum zien de werkzoekenden (naar schatting {getal(zoekend)} werkloos volgens CBS)"
    if parameters is None:
        return deel
    groepen = {s.groep: s for s in uitkeringen.schatting(row, parameters) if not math.isnan(s.aantal)}
    wie = [f"{wat} naar schatting {getal(groepen[g].aantal)} laaggeletterden"
           for g, wat in (("bijstand", "de gemeente (bijstand)"), ("ww", "UWV (WW)"), ("ao", "UWV (AO)")) if g in groepen]
    if wie:
        deel += f" en de mensen met een uitkering: bij {opsomming(wie)} (deels dezelfde mensen)"
    return deel


def vestigingen_zin(df: pd.DataFrame, code: str) -> str:
    """"Twente telt 45.678 bedrijfsvestigingen (CBS, …, 2024)." with a pointer to the page Sectoren & beroepen."""
    row = rij(df, code)
    bron = queries.bronvermelding("bedrijfsvestigingen").removeprefix("Bron: ").rstrip(".")
    return (f"{row['naam']} telt {queries.waarde_tekst('bedrijfsvestigingen', row.get('bedrijfsvestigingen'))} "
            f"bedrijfsvestigingen ({bron}). Welke sectoren en beroepen vaak laaggeletterden in dienst hebben, staat op de "
            "pagina *Sectoren & beroepen*.")
