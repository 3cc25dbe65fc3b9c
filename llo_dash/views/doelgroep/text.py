"""Doelgroep: the handreiking's questions about the participants, answered in short Dutch sentences."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from llo_dash.formatting import GEEN_GEGEVENS, getal, is_missing, opsomming, procent
from llo_dash.indicators import GROEP_LABELS, LEEFTIJD_GROEPEN
from llo_dash.indicators import LAAGGELETTERD as TOTAAL
from llo_dash.views import queries
from llo_dash.views.doelgroep import uitkeringen
from llo_dash.views.queries import NEDERLAND, aandeel, als_float, rij

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


def _schatting_zin(row: pd.Series, kolom: str, wat: str = "") -> str:
    """"22.461 <wat> (14,4%; marge 13,4–15,5%)" for an estimate with count, percentage and interval."""
    pct = f"{kolom}_pct"
    marge_ = queries.marge_van(row, pct) or f"marge {GEEN_GEGEVENS}"
    return f"{getal(row[kolom])}{' ' + wat if wat else ''} ({procent(row[pct], 1)}; {marge_})"


def doelgroep_zinnen(df: pd.DataFrame, code: str, parameters: Mapping[str, float] | None = None) -> list[tuple[str, str]]:
    """The handreiking's questions about the participants, answered in short Dutch sentences from the figures.

    With `parameters` (`uitkeringen.parameters()`) the job-seekers' answer adds the benefit recipients and the
    estimated low-literates among them.

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
    zin = (f"{aandeel_in_woorden(nt2_pct).capitalize()} ({procent(nt2_pct, 0)}) is naar schatting NT2: {getal(nt2)} mensen "
           f"die buiten Nederland zijn geboren (eerste generatie), van wie {getal(row['laaggeletterd_nt2_europa'])} met "
           f"herkomst Europa en {getal(row['laaggeletterd_nt2_buiten_europa'])} van buiten Europa. De andere {getal(nt1)} "
           f"({procent(aandeel(nt1, totaal), 0)}) zijn NT1: geboren in Nederland.")
    if not is_nl:
        zin += f" Landelijk is naar schatting {procent(aandeel(nl['laaggeletterd_nt2'], nl[TOTAAL]), 0)} NT2 (PIAAC 2023)."
    zin += (" Oudere stukken noemen 56% NT1 (44% NT2) of twee derde NT1 (PIAAC 2012): het aandeel NT2 is sindsdien "
            "gestegen; de marge van de schatting rekent met 44% tot 55% NT2.")
    zinnen.append(("Hoe groot is de NT1- en de NT2-groep?", zin))

    # 3. working
    werkend = als_float(row["laaggeletterd_werkend"])
    werkend_pct = aandeel(werkend, totaal)
    zin = (f"{aandeel_in_woorden(werkend_pct).capitalize()} ({procent(werkend_pct, 0)}) heeft werk: naar schatting "
           f"{getal(werkend)} werkende laaggeletterden, te bereiken via werkgevers "
           f"({getal(row['laaggeletterd_nt1_werkend'])} NT1 en {getal(row['laaggeletterd_nt2_werkend'])} NT2).")
    if not is_missing(row.get("werkzame_beroepsbevolking")):
        zin += f" De werkzame beroepsbevolking (15–75 jaar) telt {getal(row['werkzame_beroepsbevolking'])} mensen."
    if not is_nl:
        zin += f" Landelijk werkt {procent(aandeel(nl['laaggeletterd_werkend'], nl[TOTAAL]), 0)} van de laaggeletterden."
    zinnen.append(("Hoe groot is de doelgroep werkenden?", zin))

    # 4. job seekers: the CBS unemployed, the inactive, and benefit recipients as a group of their own
    zoekend, inactief = als_float(row["laaggeletterd_werkzoekend"]), als_float(row["laaggeletterd_inactief"])
    zin = (f"Drie groepen, die elkaar deels overlappen. Werkloos (geen werk, zoekt actief en is direct beschikbaar, "
           f"CBS): naar schatting {getal(zoekend)} laaggeletterden ({procent(aandeel(zoekend, totaal), 0)}). "
           f"Niet-werkend en niet zoekend: {getal(inactief)} ({procent(aandeel(inactief, totaal), 0)}); hier zitten de "
           "meeste mensen met bijstand zonder sollicitatieplicht of met een AO-uitkering.")
    if parameters is not None and (uitkering := uitkeringen.uitkeringen_zin(row, parameters)):
        zin += f" {uitkering}"
    telling = []
    if not is_missing(row.get("werkloze_beroepsbevolking")):
        telling.append(f"{getal(row['werkloze_beroepsbevolking'])} werklozen van 15 tot 75 jaar "
                       f"({procent(row['werkloosheid_pct'], 1)} van de beroepsbevolking)")
    if not is_missing(row.get("bijstandsuitkeringen")):
        telling.append(f"{getal(row['bijstandsuitkeringen'])} bijstandsuitkeringen")
    if not is_missing(row.get("ww_personen")):
        telling.append(f"{getal(row['ww_personen'])} personen met WW")
    if telling and parameters is None:
        zin += f" {naam} telt {opsomming(telling)}."
    if is_missing(row.get("ww_personen")):
        zin += " Voor WW zijn hier geen gegevens."
    if parameters is not None:
        zin += " De uitkeringsgroepen worden niet bij elkaar of bij de werklozen opgeteld (zie de tabel Uitkeringen)."
    zinnen.append(("Hoe groot is de doelgroep werkzoekenden?", zin))

    # 5. age
    delen = [f"{getal(row[f'laaggeletterd_{groep}'])} van {GROEP_LABELS[groep]} "
             f"({procent(aandeel(row[f'laaggeletterd_{groep}'], totaal), 0)})" for groep in LEEFTIJD_GROEPEN]
    zinnen.append(("Welke leeftijden?", f"Naar schatting {opsomming(delen)}."))

    # 6. low-educated
    if is_missing(row.get("laag_opgeleid")):
        zin = f"Over het opleidingsniveau van {naam} publiceert CBS geen cijfer."
    else:
        zin = (f"{getal(row['laag_opgeleid'])} inwoners van 15 tot 75 jaar zijn laag opgeleid "
               f"({procent(row['laag_opgeleid_pct'], 1)}" + ("" if is_nl else f"; landelijk {procent(nl['laag_opgeleid_pct'], 1)}")
               + "). Laag opgeleid en laaggeletterd overlappen, maar zijn niet hetzelfde.")
    zinnen.append(("Hoeveel mensen zijn laag opgeleid?", zin))
    return zinnen
