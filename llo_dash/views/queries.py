"""Region code -> the DataFrames and texts the pages show. Pure functions, no Streamlit.

Everything reads the built table `gebieden` (one row per area, see `llo_dash.tables`)
and the indicator and source registries, so a page never touches raw columns itself.
The shared vocabulary of the pages lives here too: Nederland's code, the names of the
levels, area titles, and the one way to look up a row, a name or a value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from llo_dash import codes as gebiedscodes, indicators
from llo_dash.columns import Kolom, Tabel, indicator_kolom
from llo_dash.formatting import GEEN_MARGE, is_missing, procent, verschil
from llo_dash.tables import read_table
from llo_dash.views import bronnoten

NEDERLAND = gebiedscodes.NEDERLAND
# One value of an indicator as text: defined with the registry, read by the views as queries.<name> too.
opmaak, waarde_tekst, marge_tekst = indicators.opmaak, indicators.waarde_tekst, indicators.marge_tekst
# Source lines of indicators and boundaries: written in bronnoten.py, read by the pages as queries.<name> too.
bronvermelding, bronregels, bronnoot, grenzen_bron = (bronnoten.bronvermelding, bronnoten.bronregels,
                                                      bronnoten.bronnoot, bronnoten.grenzen_bron)
KAART_NIVEAUS = ("arbeidsmarktregio", "gemeente")  # the levels of the Overzicht map
GEBIEDSNIVEAUS = ("arbeidsmarktregio", "gemeente", "wijk")  # every level a map or a selection can show

# Names of the levels: plural for pickers and headings, lower-case plural in sentences, singular in tables.
NIVEAU_NAMEN = {"arbeidsmarktregio": "Arbeidsmarktregio's", "gemeente": "Gemeenten", "wijk": "Wijken", "buurt": "Buurten"}
NIVEAU_MEERVOUD = {niveau: naam.lower() for niveau, naam in NIVEAU_NAMEN.items()}
NIVEAU_ENKELVOUD = {"nederland": "Nederland", "arbeidsmarktregio": "arbeidsmarktregio", "gemeente": "gemeente",
                    "wijk": "wijk", "buurt": "buurt"}
GEBIED_SOORT = {"arbeidsmarktregio": "Arbeidsmarktregio", "gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}

# The Overzicht map (and every indicator picker) opens on the first of these that is offered:
# the literacy estimate once it is built, until then the share of low-educated adults.
VOORKEUR_INDICATOREN = ("laaggeletterd_16_65_pct", "laag_opgeleid_pct")

# Headline figures: the first that exist, in this order.
KERN_INDICATOREN = (
    "inwoners",
    "laaggeletterd_16_65_pct",
    "laag_opgeleid_pct",
    "netto_arbeidsparticipatie_pct",
    "werkloosheid_pct",
    "eerste_generatie_pct",
)

# Interval columns written next to an estimate by the build: `<kolom>_laag` / `<kolom>_hoog`.
INTERVAL_SUFFIXEN = ("_laag", "_hoog")



# --- areas -----------------------------------------------------------------


def gebieden(data_dir: Path) -> pd.DataFrame:
    """The built table `gebieden` (raises `NotBuiltError` when it is missing)."""
    return read_table(Path(data_dir), "gebieden")


def _posities(df: pd.DataFrame, masker) -> np.ndarray:
    return np.flatnonzero(np.asarray(masker, dtype=bool))


def _niveau(df: pd.DataFrame, niveau: str, kolommen: Sequence[str]) -> pd.DataFrame:
    # Only the columns asked for: a boolean filter on all ~100 columns would copy them all.
    return df.loc[(df["niveau"] == niveau).to_numpy(), list(kolommen)]


def rij(df: pd.DataFrame, code: str) -> pd.Series:
    """The row of area `code` (KeyError with a Dutch message when it does not exist).

    A positional lookup: `set_index` or a boolean mask would copy every column of all 18.000 areas first.
    """
    posities = np.flatnonzero((df["code"] == code).to_numpy())
    if not len(posities):
        raise KeyError(f"Gebied {code!r} komt niet voor in de tabel gebieden.")
    return df.iloc[int(posities[0])]


def als_float(value) -> float:
    """A cell as a plain float: NaN when it is missing (None, NA, NaN) or not a number."""
    if is_missing(value):
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def aandeel(deel, totaal) -> float:
    """100 × deel / totaal, NaN when either is missing or the total is 0."""
    deel, totaal = als_float(deel), als_float(totaal)
    if math.isnan(deel) or math.isnan(totaal) or totaal == 0:
        return float("nan")
    return 100 * deel / totaal


def waarde(df: pd.DataFrame, code: str, kolom: str) -> float:
    """One value as a float (NaN when missing or when the column does not exist)."""
    row = rij(df, code)
    return als_float(row[kolom]) if kolom in row.index else float("nan")


def naam(df: pd.DataFrame, code: str | None) -> str:
    """The name of an area ("Gooi en Vechtstreek"); "Nederland" for no code; the code itself when unknown."""
    if not code:
        return "Nederland"
    try:
        return str(rij(df, code)["naam"])
    except KeyError:
        return code


def gebied_titel(df: pd.DataFrame, code: str) -> str:
    """"Arbeidsmarktregio Groningen", "Gemeente Groningen", "Nederland": unique even when names repeat."""
    try:
        row = rij(df, code)
    except KeyError:
        return code
    soort = GEBIED_SOORT.get(row["niveau"])
    return f"{soort} {row['naam']}" if soort else str(row["naam"])


def veilig(value: str) -> str:
    """Text from a link, shown safely: only letters, digits, space, "_", "." and "-" (no Markdown, no HTML)."""
    return re.sub(r"[^0-9A-Za-z _.-]", "", str(value))[:24] or "(leeg)"


def regio_opties(df: pd.DataFrame) -> list[tuple[str, str]]:
    """All arbeidsmarktregio's as (code, naam), sorted by name."""
    rows = _niveau(df, "arbeidsmarktregio", ["code", "naam"])
    return sorted(zip(rows["code"], rows["naam"]), key=lambda item: (item[1].casefold(), item[0]))


def gemeente_opties(df: pd.DataFrame, regio: str | None = None) -> list[tuple[str, str]]:
    """The gemeenten (of one region, or all) as (code, naam), sorted by name."""
    rows = _niveau(df, "gemeente", ["code", "naam", "arbeidsmarktregio_code"])
    if regio is not None:
        rows = rows[rows["arbeidsmarktregio_code"] == regio]
    return sorted(zip(rows["code"], rows["naam"]), key=lambda item: (item[1].casefold(), item[0]))


def normalise_regio(value, df: pd.DataFrame) -> str | None:
    """"am12", " AM12 " -> "AM12"; malformed or unknown codes -> None."""
    code = gebiedscodes.schoon(value)
    if not gebiedscodes.is_code(code, "arbeidsmarktregio"):
        return None
    return code if code in set(_niveau(df, "arbeidsmarktregio", ["code"])["code"]) else None


def normalise_gemeente(value, df: pd.DataFrame, regio: str | None = None) -> str | None:
    """"gm0363" -> "GM0363" when that gemeente exists (and lies in `regio`, if given); else None."""
    code = gebiedscodes.schoon(value)
    if not gebiedscodes.is_code(code, "gemeente"):
        return None
    rows = _niveau(df, "gemeente", ["code", "arbeidsmarktregio_code"])
    if regio is not None:
        rows = rows[rows["arbeidsmarktregio_code"] == regio]
    return code if code in set(rows["code"]) else None


def regio_van(df: pd.DataFrame, gemeente: str) -> str | None:
    """The arbeidsmarktregio code a gemeente belongs to."""
    try:
        row = rij(df, gemeente)
    except KeyError:
        return None
    return row["arbeidsmarktregio_code"] if row["niveau"] == "gemeente" else None


def vergelijk_codes(code: str | None, regio: str | None = None) -> list[str]:
    """The areas shown side by side: the area, its region (for a gemeente), then Nederland."""
    return list(dict.fromkeys([c for c in (code, regio) if c] + [NEDERLAND]))


def selectie(df: pd.DataFrame, niveau: str, regio: str | None = None, gemeente: str | None = None) -> np.ndarray:
    """Boolean mask of the areas a page shows at `niveau`.

    Arbeidsmarktregio's: all. Gemeenten: those of `regio` (all without one). Wijken: those of
    `gemeente`, else of `regio`; without either there is no selection (all 3.393 wijken are too
    many for one map) and a ValueError says so.
    """
    if niveau not in GEBIEDSNIVEAUS:
        raise ValueError(f"Onbekend niveau {niveau!r}; kies uit: {', '.join(GEBIEDSNIVEAUS)}.")
    masker = (df["niveau"] == niveau).to_numpy(copy=True)  # writable: narrowed below
    if niveau == "gemeente" and regio:
        masker &= (df["arbeidsmarktregio_code"] == regio).to_numpy()
    elif niveau == "wijk":
        if gemeente:
            masker &= (df["gemeente_code"] == gemeente).to_numpy()
        elif regio:
            masker &= (df["arbeidsmarktregio_code"] == regio).to_numpy()
        else:
            raise ValueError("Kies een arbeidsmarktregio of gemeente om de wijken te zien.")
    return masker


# --- indicators ------------------------------------------------------------


def interval_kolommen(df: pd.DataFrame | pd.Series, kolom: str) -> tuple[str, str] | None:
    """The (lower, upper) interval columns of an indicator, when the build wrote them (a table or one row)."""
    onder, boven = (f"{kolom}{suffix}" for suffix in INTERVAL_SUFFIXEN)
    namen = df.index if isinstance(df, pd.Series) else df.columns
    return (onder, boven) if onder in namen and boven in namen else None


def indicator_opties(df: pd.DataFrame, niveau: str, kandidaten: Sequence[str] | None = None) -> list[str]:
    """Indicators that have at least one value at `niveau`: the registry's (in registry order), or those
    of `kandidaten` (in that order). Interval bounds are left out: they are shown with their estimate."""
    posities = _posities(df, (df["niveau"] == niveau).to_numpy())
    grenzen = {kolom for indicator in indicators.INDICATOREN for kolom in (interval_kolommen(df, indicator.kolom) or ())}
    lijst = [indicator.kolom for indicator in indicators.INDICATOREN] if kandidaten is None else list(kandidaten)
    return [
        kolom for kolom in lijst
        if kolom in indicators.BY_KOLOM and niveau in indicators.get(kolom).niveaus and kolom not in grenzen
        and kolom in df and df[kolom].iloc[posities].notna().any()
    ]


def standaard_indicator(opties: Sequence[str]) -> str | None:
    """The first of `VOORKEUR_INDICATOREN` among `opties`, else the first option."""
    for kolom in VOORKEUR_INDICATOREN:
        if kolom in opties:
            return kolom
    return opties[0] if opties else None


def kern_indicatoren(df: pd.DataFrame) -> list[str]:
    """The headline indicators present in the data."""
    return [kolom for kolom in KERN_INDICATOREN if kolom in indicators.BY_KOLOM and kolom in df]


def indicator_naam(kolom: str) -> str:
    """Label with its unit, for pickers and column headers: "Laag opgeleid (15–75 jaar), %"."""
    indicator = indicators.get(kolom)
    eenheid = "%" if indicator.is_percentage else "aantal"
    schatting = " (schatting)" if indicator.schatting else ""
    return f"{indicator.label}, {eenheid}{schatting}"


def marge_van(row: pd.Series, kolom: str) -> str:
    """"marge 13,4–15,5%" for an estimate with an interval in `row`; "geen marge berekend" for a point; "" otherwise."""
    grenzen = interval_kolommen(row, kolom)
    if not grenzen or any(is_missing(row[grens]) for grens in grenzen):
        return ""
    tekst = marge_tekst(kolom, row[grenzen[0]], row[grenzen[1]])
    return tekst if tekst == GEEN_MARGE else f"marge {tekst}"


# --- map and key figures ---------------------------------------------------


def kaartwaarden(df: pd.DataFrame, niveau: str, indicator: str, *, regio: str | None = None,
                 gemeente: str | None = None) -> pd.DataFrame:
    """One row per area of the selection (see `selectie`): code, naam, waarde (+ ondergrens/bovengrens for
    an estimate; for gemeenten their region). Wijk names carry their gemeente: "Centrum (Hilversum)".

    Sorted by name. Missing values stay missing (NaN): the map shows them grey.
    """
    if niveau not in GEBIEDSNIVEAUS:
        raise ValueError(f"Onbekend kaartniveau {niveau!r}; kies uit: {', '.join(GEBIEDSNIVEAUS)}.")
    grenzen = interval_kolommen(df, indicator)
    kolommen = ["code", "naam", indicator, *(grenzen or ())]
    kolommen += {"gemeente": ["arbeidsmarktregio_code", "arbeidsmarktregio_naam"], "wijk": ["gemeente_naam"]}.get(niveau, [])
    rows = df.iloc[_posities(df, selectie(df, niveau, regio, gemeente)), [df.columns.get_loc(k) for k in kolommen]]
    namen = rows["naam"].astype(str)
    if niveau == "wijk":
        namen = namen + " (" + rows["gemeente_naam"].astype(str) + ")"
    result = pd.DataFrame({"code": rows["code"].to_numpy(), "naam": namen.to_numpy(), "waarde": _floats(rows[indicator])})
    if grenzen:
        result["ondergrens"] = _floats(rows[grenzen[0]])
        result["bovengrens"] = _floats(rows[grenzen[1]])
    if niveau == "gemeente":
        result["arbeidsmarktregio_code"] = rows["arbeidsmarktregio_code"].to_numpy()
        result["arbeidsmarktregio_naam"] = rows["arbeidsmarktregio_naam"].to_numpy()
    return result.sort_values(["naam", "code"], key=lambda column: column.str.casefold()).reset_index(drop=True)


def kaarttabel(values: pd.DataFrame, indicator: str) -> Tabel:
    """The table alternative of a map (`kaartwaarden`) or a ranking (with "rang"), in the order of `values`:
    the value with the indicator's unit and decimals, its interval like the value, for gemeenten their region."""
    waarde = indicator_kolom(indicator, label=indicator_naam(indicator))
    kolommen = {"rang": Kolom("Rang", "getal"), "code": Kolom("Code"), "naam": Kolom("Naam"), "waarde": waarde,
                "ondergrens": replace(waarde, label="Ondergrens"), "bovengrens": replace(waarde, label="Bovengrens"),
                "arbeidsmarktregio_naam": Kolom("Arbeidsmarktregio")}
    return Tabel(values, {kolom: kolommen[kolom] for kolom in values.columns if kolom in kolommen})


def _floats(series: pd.Series) -> np.ndarray:
    # Nullable Int64/Float64 columns hold pd.NA; plotly and arithmetic want plain NaN.
    return pd.to_numeric(series, errors="coerce").astype("float64").to_numpy()


KERNCIJFER_KOLOMMEN = ["kolom", "indicator", "eenheid", "gebied", "ondergrens", "bovengrens", "nederland", "verschil",
                       "aandeel_nederland", "marge"]


def kerncijfers(df: pd.DataFrame, code: str, kolommen: Sequence[str]) -> pd.DataFrame:
    """Per indicator: the value of area `code` (with its interval), the value of Nederland and the difference.

    Columns: kolom, indicator (label), eenheid, gebied, ondergrens, bovengrens, nederland, verschil,
    aandeel_nederland, and marge ("marge 13,4–15,5%") for estimates with an interval.
    `verschil` (area minus NL, in percentage points) is only filled for percentages: comparing a
    region's count with the national count says nothing. For counts, `aandeel_nederland` gives
    the area's share of the national total in %.
    """
    row, nl = rij(df, code), rij(df, NEDERLAND)
    records = []
    for kolom in kolommen:
        indicator = indicators.get(kolom)
        gebied = als_float(row[kolom]) if kolom in row.index else float("nan")
        nederland = als_float(nl[kolom]) if kolom in nl.index else float("nan")
        grenzen = interval_kolommen(row, kolom)
        records.append({
            "kolom": kolom,
            "indicator": indicator.label,
            "eenheid": indicator.eenheid,
            "gebied": gebied,
            "ondergrens": als_float(row[grenzen[0]]) if grenzen else float("nan"),
            "bovengrens": als_float(row[grenzen[1]]) if grenzen else float("nan"),
            "nederland": nederland,
            "verschil": gebied - nederland if indicator.is_percentage else float("nan"),
            "aandeel_nederland": float("nan") if indicator.is_percentage or not nederland else 100 * gebied / nederland,
            "marge": marge_van(row, kolom),
        })
    return pd.DataFrame.from_records(records, columns=KERNCIJFER_KOLOMMEN)


def metrics(df: pd.DataFrame, code: str, kolommen: Sequence[str], *, kort: bool = False) -> list[dict]:
    """Headline figures of area `code` as Dutch text, one dict per indicator (what `st.metric` shows).

    Keys: kolom, label, waarde, delta (difference with Nederland; None for Nederland itself),
    pijl ("auto", or "off" where an arrow would suggest a change), onder (the line under the
    figure: "Schatting, marge 13,4–15,5%" for an estimate, "" otherwise) and bron.
    `kort` labels carry the unit ("Laaggeletterd 16–65 jaar, %") so a count and its percentage can
    stand side by side; otherwise an estimate's label says "(schatting)".
    """
    vergelijk = code != NEDERLAND
    result = []
    for row in kerncijfers(df, code, kolommen).itertuples(index=False):
        indicator = indicators.get(row.kolom)
        delta, pijl = None, "auto"
        if vergelijk and indicator.is_percentage and not math.isnan(row.verschil):
            delta = verschil(row.verschil, indicator.decimalen, "procentpunt") + " t.o.v. Nederland"
            pijl = "auto" if delta.startswith(("+", "-")) else "off"  # no arrow for "0,0 procentpunt"
        elif vergelijk and not math.isnan(row.aandeel_nederland):
            aandeel = procent(row.aandeel_nederland, 1)
            if 0 < row.aandeel_nederland < 0.05:  # would show as "0,0%": a small gemeente is not nothing
                aandeel = "minder dan 0,1%"
            delta, pijl = f"{aandeel} van Nederland", "off"
        if kort:
            label = f"{indicator.label}, {'%' if indicator.is_percentage else 'aantal'}"
        else:
            label = indicator.label + (" (schatting)" if indicator.schatting else "")
        onder = ("Schatting" + (f", {row.marge}" if row.marge else "")) if indicator.schatting else ""
        result.append({"kolom": row.kolom, "label": label, "waarde": waarde_tekst(row.kolom, row.gebied),
                       "delta": delta, "pijl": pijl, "onder": onder, "bron": bronvermelding(row.kolom)})
    return result


def samenvatting(df: pd.DataFrame, indicator: str, codes: Sequence[str]) -> str:
    """One line comparing areas on an indicator: "Gooi en Vechtstreek: 22,6% (marge …) · Nederland: 26,2%"."""
    delen = []
    for code in codes:
        try:
            row = rij(df, code)
        except KeyError:
            continue
        marge_ = marge_van(row, indicator)
        delen.append(f"{row['naam']}: {waarde_tekst(indicator, row[indicator])}" + (f" ({marge_})" if marge_ else ""))
    return " · ".join(delen)
