"""Vergelijken: the Dutch sentences of the page (notes on the link, the default, the ranking line)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from llo_dash.figures.ranking import UITERSTEN
from llo_dash.formatting import GEEN_GEGEVENS
from llo_dash.views import queries
from llo_dash.views.queries import NIVEAU_ENKELVOUD, NIVEAU_MEERVOUD

MIN_GEBIEDEN, MAX_GEBIEDEN = 2, 6

INTRO = (
    f"Zet {MIN_GEBIEDEN} tot {MAX_GEBIEDEN} arbeidsmarktregio's of gemeenten naast elkaar en naast Nederland. "
    "De keuze staat in de link (adresbalk), zodat je de vergelijking kunt delen."
)
SCHATTINGEN = (
    "Schattingen (laaggeletterdheid, laaggecijferdheid) staan met hun bandbreedte tussen haakjes; "
    "de methode staat op de pagina Bronnen & methode. Enquêtecijfers (onderwijs, arbeid) hebben bij kleine "
    "gemeenten een ruime marge."
)
GEEN_BRUIKBARE_CODES = "Geen bruikbare codes in de link: je ziet nu de standaardvergelijking."
GELIJKE_WAARDEN = "Gelijke waarden delen dezelfde plaats; zonder waarde: geen plaats (onderaan)."


def _is_zijn(aantal: int) -> str:
    return "is" if aantal == 1 else "zijn"


# --- notes on the link -------------------------------------------------------------------


def onbekende_codes(codes: Sequence[str]) -> str:
    """Codes in the link that do not exist (at most six named, escaped: link content never becomes markup)."""
    genoemd = ", ".join(f"**{queries.veilig(code)}**" for code in codes[:6]) + (" …" if len(codes) > 6 else "")
    een = len(codes) == 1
    return (f"{'Code' if een else 'Codes'} {genoemd} uit de link {'bestaat' if een else 'bestaan'} niet "
            "(arbeidsmarktregio's AM01 t/m AM38, gemeenten GM…, indeling 2025) en "
            f"{_is_zijn(len(codes))} weggelaten.")


def ander_niveau(niveau: str, ander: str, codes: Sequence[str]) -> str:
    """Known codes of level `ander`, dropped from a comparison of `niveau`."""
    return (f"Je kunt {NIVEAU_MEERVOUD[niveau]} en {NIVEAU_MEERVOUD[ander]} niet door elkaar vergelijken; "
            f"{', '.join(codes)} {_is_zijn(len(codes))} weggelaten.")


def te_veel(niveau: str, weg: Sequence[str]) -> str:
    """More than `MAX_GEBIEDEN` codes: the rest dropped."""
    return (f"Je kunt hoogstens {MAX_GEBIEDEN} {NIVEAU_MEERVOUD[niveau]} vergelijken; de eerste {MAX_GEBIEDEN} uit de "
            f"link worden getoond ({', '.join(weg)} {_is_zijn(len(weg))} weggelaten).")


# --- the choice ----------------------------------------------------------------------------


def standaard_uitleg(niveau: str, regio: str | None = None, gemeente: str | None = None) -> str:
    """The sentence that explains the default comparison (see `data.standaard_codes`)."""
    eigen = gemeente if niveau == "gemeente" else regio
    if eigen:
        return (f"Standaard: de gekozen {NIVEAU_ENKELVOUD[niveau]} en de aangrenzende {NIVEAU_MEERVOUD[niveau]} (een "
                f"gedeelde grens op de kaart; hoogstens {MAX_GEBIEDEN} samen, de langste grens eerst), naast Nederland. "
                "Heeft een gebied geen buren, dan de twee met het meest vergelijkbare aantal inwoners.")
    if niveau == "gemeente" and regio:
        return "Standaard: de drie grootste gemeenten van de gekozen arbeidsmarktregio."
    return f"Standaard: de drie grootste {NIVEAU_MEERVOUD[niveau]} (kies links een regio om die te vergelijken)."


def kiezer_tekst(niveau: str) -> str:
    """The placeholder of the area picker."""
    return f"Kies {MIN_GEBIEDEN} tot {MAX_GEBIEDEN} {NIVEAU_MEERVOUD[niveau]}"


def te_weinig(niveau: str) -> str:
    return f"Kies minstens {MIN_GEBIEDEN} {NIVEAU_MEERVOUD[niveau]} om te vergelijken."


def vergelijking_titel(df: pd.DataFrame, codes: Sequence[str]) -> str:
    """The title of the comparison's download: "Vergelijking: Rijnmond, Groot Amsterdam en Nederland"."""
    return f"Vergelijking: {', '.join(queries.naam(df, code) for code in codes)} en Nederland"


# --- the ranking ---------------------------------------------------------------------------


def plaatsen(ranking: pd.DataFrame, indicator: str, codes: Sequence[str]) -> str:
    """One line with the place of each compared area: "Gooi en Vechtstreek: plaats 20 van 35 (14,4%)"."""
    rows = ranking.set_index("code")
    gerangschikt = int(ranking["rang"].notna().sum())
    delen = []
    for code in codes:
        if code not in rows.index:
            continue
        naam, rang = rows.at[code, "naam"], rows.at[code, "rang"]
        if pd.isna(rang):
            delen.append(f"{naam}: {GEEN_GEGEVENS}")
        else:
            waarde = queries.waarde_tekst(indicator, rows.at[code, "waarde"])
            delen.append(f"{naam}: plaats {int(rang)} van {gerangschikt} ({waarde})")
    return " · ".join(delen)


def nederland_regel(indicator: str, nederland: float) -> str:
    return f"Nederland: {queries.waarde_tekst(indicator, nederland)}"


def rangorde_regel(ranking: pd.DataFrame, indicator: str, codes: Sequence[str], nederland: float) -> str:
    """"**Laaggeletterd …** — Rijnmond: plaats 2 van 35 (20,4%) · … · Nederland: 15,9%"."""
    plaats = plaatsen(ranking, indicator, codes)
    return f"**{queries.indicator_naam(indicator)}** — {plaats + ' · ' if plaats else ''}{nederland_regel(indicator, nederland)}"


def rangorde_titel(indicator: str, niveau: str) -> str:
    return f"{queries.indicator_naam(indicator)}: rangorde van de {NIVEAU_MEERVOUD[niveau]}"


def alle_gemeenten(ranking: pd.DataFrame) -> str:
    """The label of the switch that shows every gemeente in the chart."""
    return f"Alle {int(ranking['waarde'].notna().sum())} gemeenten in de grafiek"


ALLE_GEMEENTEN_UITLEG = f"Anders: de hoogste en laagste {UITERSTEN} gemeenten en de vergeleken gemeenten."


def grafiek_uitleg(ranking: pd.DataFrame) -> str:
    """The caption under the ranking chart (the bands only for an estimate with an interval)."""
    return ("Geel met zwarte rand: de vergeleken gebieden. Gestreepte lijn: Nederland." +
            (" Streepjes: de bandbreedte van de schatting." if "ondergrens" in ranking else ""))


def tabel_kop(niveau: str) -> str:
    """The label of the expander with the ranking's table."""
    return f"Tabel bij de grafiek: rangorde van alle {NIVEAU_MEERVOUD[niveau]}"
