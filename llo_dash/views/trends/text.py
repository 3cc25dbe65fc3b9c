"""Trends: the page's Dutch sentences, period labels and the trend sentence. Pure, no Streamlit, no tables.

`trendzin` is also meant for the Regioprofiel: it takes two plain series (period code → value) and says how
the area moved between two periods, and Nederland in the same periods:

    >>> trendzin("werkloosheid_pct", {"2019": 5.1, "2024": 3.6}, {"2019": 4.4, "2024": 3.7})
    'De werkloosheid daalde van 5,1% in 2019 naar 3,6% in 2024; landelijk van 4,4% naar 3,7%.'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from llo_dash import indicators
from llo_dash.formatting import getal, procent

MAANDNAMEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")
JAREN_TERUG = 5  # the default span of a trend sentence, as in the handreiking's "in de afgelopen vijf jaar"

# The subject of a trend sentence; other indicators use their label.
ONDERWERPEN = {
    "werkloosheid_pct": "de werkloosheid",
    "netto_arbeidsparticipatie_pct": "de netto arbeidsparticipatie",
    "ww_personen": "het aantal personen met WW (jaargemiddelde)",
    "bijstandsuitkeringen": "het aantal bijstandsuitkeringen",
    "huishoudens_laag_inkomen": "het aantal huishoudens met een relatief laag inkomen",
    "inwoners": "het aantal inwoners",
    "eerste_generatie": "het aantal inwoners van de eerste generatie (geboren buiten Nederland)",
    "eerste_generatie_pct": "het aandeel eerste generatie",
    "laaggeletterd_16_65_pct": "het geschatte aandeel laaggeletterden (16–65 jaar)",
}
SCHATTING_BRON = "schatting LLO Regiodashboard met PIAAC en CBS"
SCHATTING_GEEN_TELLING = ("Schatting, geen telling: Nederland ligt elk jaar op het PIAAC-niveau van 2023, een regio "
                          "verandert alleen door haar samenstelling.")
ROLLEN = {"gebied": "gekozen regio", "nederland": "Nederland", "buur": "buurregio", "gemeente": "gekozen gemeente"}
NIVEAU_MEERVOUD = {"arbeidsmarktregio": "arbeidsmarktregio's", "gemeente": "gemeenten"}

INTRO = ("Hoe ontwikkelt de regio zich door de jaren heen, en sneller of trager dan Nederland en de buurregio's? "
         "Alle cijfers staan op de indeling van 2025. Een ontbrekend jaar is een onderbreking in de lijn, geen nul.")
JAARGEMIDDELDE = ("WW: per jaar het gemiddelde van de 12 maandcijfers van CBS (alleen volledige jaren; een lopend "
                  "jaar heeft nog geen gemiddelde).")
MAANDCIJFERS = "WW: het aantal personen met WW aan het eind van elke maand, zoals CBS het publiceert."
WEERGAVEN = ("Jaargemiddelde", "Per maand")
GEEN_REGIO = ("Kies een arbeidsmarktregio in de zijbalk om haar lijn naast die van Nederland en haar buurregio's "
              "te zien.")
RANG_UITLEG = ("Rang in de laatste periode onder de gebieden van hetzelfde niveau met een cijfer: 1 is de hoogste "
               "waarde (bij werkloosheid en uitkeringen dus de minst gunstige). Gelijke waarden delen de beste rang.")


def periode_tekst(periode: str) -> str:
    """A period code as Dutch text: '2023' → '2023', '2024-03' → 'maart 2024', '2013-K1' → '1e kwartaal 2013'."""
    if len(periode) == 7 and periode[4] == "-" and periode[5:].isdigit():
        return f"{MAANDNAMEN[int(periode[5:]) - 1]} {periode[:4]}"
    if len(periode) == 7 and periode[5] == "K":
        return f"{periode[6]}e kwartaal {periode[:4]}"
    return periode


def perioden_tekst(perioden: Sequence[str]) -> str:
    """The span of a sorted list of periods: '2013–2024', 'januari 2017 – januari 2025', '2024'."""
    if not perioden:
        return "geen perioden"
    eerste, laatste = periode_tekst(perioden[0]), periode_tekst(perioden[-1])
    if eerste == laatste:
        return eerste
    return f"{eerste}–{laatste}" if " " not in eerste else f"{eerste} – {laatste}"


def _label(indicator: str) -> str:
    try:
        return indicators.get(indicator).label
    except KeyError:
        return indicator


def waarde_kop(indicator: str, periode: str, *, jaargemiddelde: bool = False) -> str:
    """The header of the latest value: 'Werkloosheid 2024', 'Personen met WW 2024 (jaargemiddelde)'."""
    return f"{_label(indicator)} {periode_tekst(periode)}" + (" (jaargemiddelde)" if jaargemiddelde else "")


def onderwerp(indicator: str) -> str:
    return ONDERWERPEN.get(indicator, _label(indicator).lower())


def _waarde(indicator: str, value: float) -> str:
    try:
        meta = indicators.get(indicator)
        decimalen, is_procent = meta.decimalen, meta.is_percentage
    except KeyError:
        decimalen, is_procent = 0, False
    return procent(value, decimalen) if is_procent else getal(value, decimalen)


def _gevuld(reeks: Mapping[str, float]) -> dict[str, float]:
    return {periode: float(value) for periode, value in sorted(reeks.items())
            if value is not None and not (isinstance(value, float) and math.isnan(value)) and value == value}


def standaard_perioden(reeks: Mapping[str, float], jaren: int = JAREN_TERUG) -> tuple[str, str] | None:
    """(from, to) of a trend sentence: to = the last period with a value, from = the same period `jaren` years
    earlier when it has a value, else the first period with a value. None with fewer than two values."""
    gevuld = _gevuld(reeks)
    if len(gevuld) < 2:
        return None
    tot = max(gevuld)
    vanaf = f"{int(tot[:4]) - jaren}{tot[4:]}"
    return (vanaf if vanaf in gevuld else min(gevuld)), tot


def trendzin(indicator: str, gebied: Mapping[str, float], nederland: Mapping[str, float] | None = None, *,
             vanaf: str | None = None, tot: str | None = None, gebiedsnaam: str | None = None) -> str | None:
    """One Dutch sentence on how `indicator` moved in an area between two periods, and Nederland alongside.

    `gebied` and `nederland` map period codes ('2019', '2024-03') to values; NaN or None is missing. The periods
    default to `standaard_perioden` (the last five years). The verb follows the values as shown: equal after
    rounding is "bleef gelijk". With `gebiedsnaam` the sentence starts "In Twente …". Nederland's part is left
    out when it lacks either period. None when the area lacks either period (no sentence on a guess).

    "De werkloosheid daalde van 5,1% in 2019 naar 3,6% in 2024; landelijk van 4,4% naar 3,7%."
    """
    gevuld = _gevuld(gebied)
    if vanaf is None or tot is None:
        perioden = standaard_perioden(gevuld)
        if perioden is None:
            return None
        vanaf, tot = vanaf or perioden[0], tot or perioden[1]
    if vanaf not in gevuld or tot not in gevuld or vanaf == tot:
        return None
    begin, eind = _waarde(indicator, gevuld[vanaf]), _waarde(indicator, gevuld[tot])
    if begin == eind:
        werkwoord, verloop = "bleef", f"gelijk op {eind} in {periode_tekst(vanaf)} en {periode_tekst(tot)}"
    else:
        werkwoord = "steeg" if gevuld[tot] > gevuld[vanaf] else "daalde"
        verloop = f"van {begin} in {periode_tekst(vanaf)} naar {eind} in {periode_tekst(tot)}"
    wie = onderwerp(indicator)
    if gebiedsnaam:
        zin = f"In {gebiedsnaam} {werkwoord} {wie} {verloop}"
    else:
        zin = f"{wie[0].upper()}{wie[1:]} {werkwoord} {verloop}"
    landelijk = _gevuld(nederland or {})
    if vanaf in landelijk and tot in landelijk:
        zin += f"; landelijk van {_waarde(indicator, landelijk[vanaf])} naar {_waarde(indicator, landelijk[tot])}"
    return zin + "."


def grafiek_titel(indicator: str, gebiedsnaam: str, *, per_maand: bool = False, maandreeks: bool = False) -> str:
    """'Werkloosheid: Twente, Nederland en buurregio's' (with the monthly/yearly view for monthly series)."""
    soort = " per maand" if per_maand else " (jaargemiddelde)" if maandreeks else ""
    return f"{_label(indicator)}{soort}: {gebiedsnaam}"


def geen_gemeentecijfers(indicator: str, gemeentenaam: str) -> str:
    return (f"Voor {_label(indicator).lower()} publiceert CBS geen cijfers per gemeente; {gemeentenaam} staat daarom "
            "niet in de grafiek.")


def tabel_titel(indicator: str, gebiedsnaam: str) -> str:
    return f"{_label(indicator)}: laatste stand, verandering en rang — {gebiedsnaam}"


def een_periode(indicator: str, periode: str) -> str:
    """The note for an indicator with one period in the sources: no change to show yet."""
    return (f"Van {_label(indicator).lower()} staat in de bronnen van het dashboard alleen {periode_tekst(periode)}: "
            "een verandering door de jaren is er nog niet.")
