"""Trends: series of one area from the long table `trends`, the lines of the chart, and the table of the latest
value, the change over 1 and 5 years and the rank. Pure, no Streamlit.

A series is a float Series indexed by period code (`2023`, `2024-03`), over every period the indicator has in
the table: a period without a value for the area is NaN (the build leaves missing values out of the table;
they come back here as NaN, so a chart shows a gap and a change is missing, never 0).

Monthly indicators (WW, 85554NED) become yearly averages: the mean of the 12 monthly figures of a year, only
for years with all 12 months (a year in progress has no average). The chart can show the monthly line too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from llo_dash import indicators, sources
from llo_dash.columns import Kolom, Tabel
from llo_dash.views.queries import NEDERLAND
from llo_dash.views.trends import text

# The order of the picker; indicators of the table not named here follow in alphabetical order.
VOLGORDE = ("werkloosheid_pct", "netto_arbeidsparticipatie_pct", "ww_personen", "bijstandsuitkeringen",
            "huishoudens_laag_inkomen")
STANDAARD = "werkloosheid_pct"
VERANDERING_JAREN = (1, 5)
GRENZEN = {"ondergrens": "Ondergrens bandbreedte", "bovengrens": "Bovengrens bandbreedte"}  # of an estimate
MAANDEN_PER_JAAR = 12


def indicator_opties(trends: pd.DataFrame) -> list[str]:
    """The indicators in the table, in the order of `VOLGORDE`."""
    aanwezig = set(trends["indicator"])
    return [kolom for kolom in VOLGORDE if kolom in aanwezig] + sorted(aanwezig - set(VOLGORDE))


def standaard_indicator(opties: Sequence[str]) -> str:
    return STANDAARD if STANDAARD in opties else opties[0]


def indicator_naam(indicator: str) -> str:
    """The Dutch label of an indicator (the registry's), the id itself when unknown."""
    try:
        return indicators.get(indicator).label
    except KeyError:
        return indicator


def is_procent(indicator: str) -> bool:
    try:
        return indicators.get(indicator).is_percentage
    except KeyError:
        return False


def is_schatting(indicator: str) -> bool:
    try:
        return indicators.get(indicator).schatting
    except KeyError:
        return False


def heeft_marge(trends: pd.DataFrame, indicator: str) -> bool:
    """True when the table gives the indicator's margin (ondergrens, bovengrens: an estimate)."""
    return "ondergrens" in trends.columns and bool(_rijen(trends, indicator)["ondergrens"].notna().any())


def decimalen(indicator: str) -> int:
    try:
        return indicators.get(indicator).decimalen
    except KeyError:
        return 0


def eenheid(trends: pd.DataFrame, indicator: str) -> str:
    """The unit of an indicator's values in the table ("%", "personen", "uitkeringen")."""
    eenheden = _rijen(trends, indicator)["eenheid"].dropna().unique()
    return str(eenheden[0]) if len(eenheden) else ""


def is_maandreeks(periodes: Sequence[str]) -> bool:
    """True when the periods are months ("2024-03")."""
    return any(len(periode) == 7 and periode[4] == "-" and periode[5:].isdigit() for periode in periodes)


def perioden(trends: pd.DataFrame, indicator: str, *, per_maand: bool = False) -> list[str]:
    """The periods the chart of `indicator` shows (years for a monthly series unless `per_maand`)."""
    return list(tabel_per_periode(trends, indicator, per_maand=per_maand).columns)


def heeft_maanden(trends: pd.DataFrame, indicator: str) -> bool:
    """True when `indicator` is a monthly series in the table."""
    return is_maandreeks(list(_rijen(trends, indicator)["periode"].unique()))


def _rijen(trends: pd.DataFrame, indicator: str) -> pd.DataFrame:
    rows = trends[(trends["indicator"] == indicator).to_numpy()]
    return rows.assign(waarde=pd.to_numeric(rows["waarde"], errors="coerce").astype("float64"))


def jaargemiddelden(maanden: pd.Series) -> pd.Series:
    """Monthly values (index "2024-03") → the mean per year ("2024"), NaN for a year without all 12 months."""
    groepen = maanden.groupby(maanden.index.str[:4])
    return groepen.mean().where(groepen.count() == MAANDEN_PER_JAAR)


def tabel_per_periode(trends: pd.DataFrame, indicator: str, *, per_maand: bool = False) -> pd.DataFrame:
    """Every area (rows, by code) against every period of `indicator` (columns), NaN where missing; monthly
    series as yearly averages unless `per_maand`."""
    rows = _rijen(trends, indicator)
    breed = rows.pivot_table(index="code", columns="periode", values="waarde", aggfunc="first", dropna=False)
    breed = breed.reindex(columns=sorted(rows["periode"].unique()))
    if is_maandreeks(list(breed.columns)) and not per_maand:
        # `jaargemiddelden` for every row at once (row by row took ~20 ms per call over all areas)
        per_jaar = breed.T.groupby(breed.columns.str[:4])
        breed = per_jaar.mean().where(per_jaar.count() == MAANDEN_PER_JAAR).T
        breed = breed.dropna(axis=1, how="all")  # a year in progress: no area has its 12 months yet
    return breed.astype("float64")


def reeks(trends: pd.DataFrame, code: str, indicator: str, *, per_maand: bool = False) -> pd.Series:
    """The series of one area: value per period (NaN where missing; empty when the area has none)."""
    breed = tabel_per_periode(trends[trends["code"].isin([code])], indicator, per_maand=per_maand)
    perioden = tabel_per_periode(trends, indicator, per_maand=per_maand).columns
    if code not in breed.index:
        return pd.Series(index=perioden, dtype="float64", name=code)
    return breed.loc[code].reindex(perioden).rename(code)


def verandering(serie: pd.Series, jaren: int, tot: str | None = None) -> float:
    """Value in period `tot` (default: the last period of the series) minus the value `jaren` years earlier
    (same month or quarter); NaN when either is missing."""
    if serie.empty:
        return float("nan")
    tot = tot or serie.index[-1]
    eerder = f"{int(tot[:4]) - jaren}{tot[4:]}"
    if eerder not in serie.index:
        return float("nan")
    return float(serie[tot] - serie[eerder])


def rang(waarden: pd.Series, code: str) -> tuple[float, int]:
    """(rank of `code`, number of areas with a value): 1 = the highest value, equal values share the best rank.
    The rank is NaN when `code` has no value."""
    gevuld = waarden.dropna()
    if code not in gevuld.index:
        return float("nan"), len(gevuld)
    return float((gevuld > gevuld[code]).sum() + 1), len(gevuld)


# --- the chart's lines ---------------------------------------------------------


@dataclass(frozen=True)
class Lijn:
    """One line of the chart: the area, its role ("gebied", "nederland", "buur", "gemeente") and its series."""

    code: str
    naam: str
    rol: str
    serie: pd.Series


def lijnen(trends: pd.DataFrame, indicator: str, namen: Mapping[str, str], regio: str | None, gemeente: str | None,
           buren: Sequence[str] = (), *, per_maand: bool = False) -> list[Lijn]:
    """The chosen region, Nederland, the region's neighbours and the chosen gemeente, those that have values for
    `indicator` (a gemeente has no line for a series CBS publishes per region only)."""
    breed = tabel_per_periode(trends, indicator, per_maand=per_maand)
    gewenst = [(regio, "gebied"), (NEDERLAND, "nederland"), *((buur, "buur") for buur in buren), (gemeente, "gemeente")]
    return [Lijn(code, namen.get(code, code), rol, breed.loc[code]) for code, rol in gewenst
            if code and code in breed.index and breed.loc[code].notna().any()]


def grafiektabel(lijnen_: Sequence[Lijn], indicator: str) -> Tabel:
    """The chart's numbers: a row per line, a column per period."""
    perioden = list(lijnen_[0].serie.index) if lijnen_ else []
    frame = pd.DataFrame([{"gebied": lijn.naam, "rol": text.ROLLEN[lijn.rol], **lijn.serie.to_dict()} for lijn in lijnen_],
                         columns=["gebied", "rol", *perioden])
    soort = "procent" if is_procent(indicator) else "getal"
    kolommen = {"gebied": Kolom("Gebied"), "rol": Kolom("In de grafiek")}
    kolommen.update({periode: Kolom(text.periode_tekst(periode), soort, decimalen(indicator)) for periode in perioden})
    return Tabel(frame.astype({periode: "float64" for periode in perioden}), kolommen)


# --- the table of latest value, change and rank --------------------------------


def standtabel(trends: pd.DataFrame, indicator: str, lijnen_: Sequence[Lijn]) -> Tabel:
    """The table of `indicator` for the areas of the chart: the value in the indicator's latest period, the
    change over 1 and 5 years, and the rank among the areas of the same level (the 35 arbeidsmarktregio's, the
    gemeenten; none for Nederland). Monthly series are compared as yearly averages; a change whose start or end
    value is missing is missing (never 0)."""
    breed = tabel_per_periode(trends, indicator)
    laatste = breed.columns[-1] if len(breed.columns) else ""
    niveaus = trends.drop_duplicates("code").set_index("code")["niveau"]
    niveau_per_rij = breed.index.map(niveaus.get)
    grenzen = {}
    if heeft_marge(trends, indicator):
        stand = _rijen(trends, indicator)
        stand = stand[stand["periode"] == laatste].set_index("code")
        grenzen = {grens: pd.to_numeric(stand[grens], errors="coerce").astype("float64") for grens in GRENZEN}
    rijen = []
    for lijn in lijnen_:
        serie = breed.loc[lijn.code]
        niveau = niveaus.get(lijn.code)
        positie, aantal = (float("nan"), float("nan"))
        if niveau in ("arbeidsmarktregio", "gemeente"):
            positie, aantal = rang(breed.loc[niveau_per_rij == niveau, laatste], lijn.code)
        rijen.append({"gebied": lijn.naam, "rol": text.ROLLEN[lijn.rol], "waarde": serie.get(laatste, float("nan")),
                      **{grens: float(waarden.get(lijn.code, float("nan"))) for grens, waarden in grenzen.items()},
                      **{f"verandering_{jaren}": verandering(serie, jaren, laatste) for jaren in VERANDERING_JAREN},
                      "rang": positie, "van": aantal, "soort": text.NIVEAU_MEERVOUD.get(niveau, "")})
    soort, dec = ("procent", decimalen(indicator)) if is_procent(indicator) else ("getal", decimalen(indicator))
    verschil_eenheid = "procentpunt" if is_procent(indicator) else eenheid(trends, indicator)
    kolommen = {
        "gebied": Kolom("Gebied"), "rol": Kolom("In de grafiek"),
        "waarde": Kolom(text.waarde_kop(indicator, laatste, jaargemiddelde=heeft_maanden(trends, indicator)), soort, dec),
        **{grens: Kolom(GRENZEN[grens], soort, dec) for grens in grenzen},
        **{f"verandering_{jaren}": Kolom(f"Verandering in {jaren} jaar ({verschil_eenheid})", "verschil", dec, eenheid="")
           for jaren in VERANDERING_JAREN},
        "rang": Kolom("Rang (1 = hoogste)", "getal"), "van": Kolom("Aantal gebieden met een cijfer", "getal"),
        "soort": Kolom("Rang onder"),
    }
    return Tabel(pd.DataFrame(rijen, columns=list(kolommen)).astype({k: "float64" for k in
                 ("waarde", *grenzen, "verandering_1", "verandering_5", "rang", "van")}), kolommen)


# --- sources ---------------------------------------------------------------------


def _bronnen(trends: pd.DataFrame, indicator: str) -> list[sources.Source]:
    """The sources of an indicator's rows, in the order of the periods (population: 85458NED, then 70072NED)."""
    rijen = _rijen(trends, indicator).sort_values("periode")
    return [sources.BY_ID[bron] for bron in dict.fromkeys(rijen["bron"].dropna()) if bron in sources.BY_ID]


def bronregel(trends: pd.DataFrame, indicator: str, *, per_maand: bool = False) -> str:
    """"Bron: CBS, Arbeidsdeelname; regionale indeling 2024 (86088NED), 2013–2024." with the periods shown
    (the registry's title holds the table number); a series from two tables names both."""
    titels = [bron.title for bron in _bronnen(trends, indicator)] or [indicator]
    perioden = list(tabel_per_periode(trends, indicator, per_maand=per_maand).dropna(axis=1, how="all").columns)
    if is_schatting(indicator):
        return f"Bron: {text.SCHATTING_BRON}, {text.perioden_tekst(perioden)}. {text.SCHATTING_GEEN_TELLING}"
    titel = titels[0] if len(titels) == 1 else ", ".join(titels[:-1]) + " en " + titels[-1]
    return f"Bron: CBS, {titel}, {text.perioden_tekst(perioden)}."


def gedeeld_eenmaal(notes: list[str]) -> list[str]:
    """Notes that begin with the same sentences (the estimate's note per year) as the shared sentences once, then
    what each note adds; other notes unchanged."""
    if len(notes) < 2:
        return notes
    einde = os.path.commonprefix(notes).rfind(". ") + 1  # only whole sentences are shared
    if einde <= 0:
        return notes
    return [notes[0][:einde].strip(), *(note[einde:].strip() for note in notes)]


def toelichtingen(trends: pd.DataFrame, indicator: str, *, per_maand: bool = False) -> list[str]:
    """The table's notes on the indicator (one per distinct note), and how monthly figures are shown."""
    notes = gedeeld_eenmaal([note for note in dict.fromkeys(_rijen(trends, indicator)["toelichting"].dropna()) if note])
    if is_maandreeks(sorted(_rijen(trends, indicator)["periode"].unique())):
        notes.append(text.MAANDCIJFERS if per_maand else text.JAARGEMIDDELDE)
    return notes


def trendzinnen(trends: pd.DataFrame, code: str, opties: Sequence[str] | None = None, *,
                gebiedsnaam: str | None = None) -> list[str]:
    """For the Regioprofiel: a trend sentence (`text.trendzin`, the last five years, Nederland alongside) per
    indicator of `opties` (default: all in the table) that area `code` has at least two periods of; monthly
    series as yearly averages."""
    zinnen = []
    for indicator in opties or indicator_opties(trends):
        breed = tabel_per_periode(trends, indicator)
        if code not in breed.index:
            continue
        nederland = breed.loc[NEDERLAND].to_dict() if NEDERLAND in breed.index and code != NEDERLAND else None
        zin = text.trendzin(indicator, breed.loc[code].to_dict(), nederland, gebiedsnaam=gebiedsnaam)
        if zin:
            zinnen.append(zin)
    return zinnen
