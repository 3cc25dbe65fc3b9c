"""Region code -> the DataFrames and texts the pages show. Pure functions, no Streamlit.

Everything reads the built table `gebieden` (one row per area, see `llo_dash.tables`)
and the indicator and source registries, so a page never touches raw columns itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from llo_dash import indicators, sources
from llo_dash.formatting import getal, procent
from llo_dash.tables import read_table

NEDERLAND = "NL00"
KAART_NIVEAUS = ("arbeidsmarktregio", "gemeente")

# The Overzicht map opens on the first of these that is in the data: the literacy
# estimate once it is built, until then the share of low-educated adults.
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

# Interval columns written next to an estimate: `<kolom><onder>` / `<kolom><boven>`.
INTERVAL_SUFFIXEN = (("_ondergrens", "_bovengrens"), ("_laag", "_hoog"), ("_min", "_max"))

_REGIO_CODE = re.compile(r"AM\d{2}")
_GEMEENTE_CODE = re.compile(r"GM\d{4}")


# --- areas -----------------------------------------------------------------


def gebieden(data_dir: Path) -> pd.DataFrame:
    """The built table `gebieden` (raises `NotBuiltError` when it is missing)."""
    return read_table(Path(data_dir), "gebieden")


def _niveau(df: pd.DataFrame, niveau: str) -> pd.DataFrame:
    return df[df["niveau"] == niveau]


def regio_opties(df: pd.DataFrame) -> list[tuple[str, str]]:
    """All arbeidsmarktregio's as (code, naam), sorted by name."""
    rows = _niveau(df, "arbeidsmarktregio")
    return sorted(zip(rows["code"], rows["naam"]), key=lambda item: (item[1].casefold(), item[0]))


def gemeente_opties(df: pd.DataFrame, regio: str | None = None) -> list[tuple[str, str]]:
    """The gemeenten (of one region, or all) as (code, naam), sorted by name."""
    rows = _niveau(df, "gemeente")
    if regio is not None:
        rows = rows[rows["arbeidsmarktregio_code"] == regio]
    return sorted(zip(rows["code"], rows["naam"]), key=lambda item: (item[1].casefold(), item[0]))


def _clean_code(value) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip().upper() or None


def normalise_regio(value, df: pd.DataFrame) -> str | None:
    """"am12", " AM12 " -> "AM12"; malformed or unknown codes -> None."""
    code = _clean_code(value)
    if code is None or not _REGIO_CODE.fullmatch(code):
        return None
    return code if code in set(_niveau(df, "arbeidsmarktregio")["code"]) else None


def normalise_gemeente(value, df: pd.DataFrame, regio: str | None = None) -> str | None:
    """"gm0363" -> "GM0363" when that gemeente exists (and lies in `regio`, if given); else None."""
    code = _clean_code(value)
    if code is None or not _GEMEENTE_CODE.fullmatch(code):
        return None
    rows = _niveau(df, "gemeente")
    if regio is not None:
        rows = rows[rows["arbeidsmarktregio_code"] == regio]
    return code if code in set(rows["code"]) else None


def regio_van(df: pd.DataFrame, gemeente: str) -> str | None:
    """The arbeidsmarktregio code a gemeente belongs to."""
    rows = df.loc[(df["niveau"] == "gemeente") & (df["code"] == gemeente), "arbeidsmarktregio_code"]
    return None if rows.empty else rows.iloc[0]


def naam(df: pd.DataFrame, code: str) -> str:
    """The name of an area ("Gooi en Vechtstreek"), or the code itself when unknown."""
    rows = df.loc[df["code"] == code, "naam"]
    return code if rows.empty else rows.iloc[0]


# --- indicators ------------------------------------------------------------


def indicator_opties(df: pd.DataFrame, niveau: str) -> list[str]:
    """Registry indicators that have at least one value at `niveau`, in registry order (no interval bounds)."""
    rows = _niveau(df, niveau)
    # Interval bounds are registered too, but are shown with their estimate, not mapped on their own.
    grenzen = {kolom for indicator in indicators.INDICATOREN for kolom in (interval_kolommen(df, indicator.kolom) or ())}
    return [
        indicator.kolom
        for indicator in indicators.INDICATOREN
        if niveau in indicator.niveaus and indicator.kolom not in grenzen
        and indicator.kolom in rows and rows[indicator.kolom].notna().any()
    ]


def standaard_indicator(opties: list[str]) -> str | None:
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


def opmaak(kolom: str) -> tuple[str, int]:
    """The `formatting.format_table` spec of an indicator: ("procent", 1) or ("getal", 0)."""
    indicator = indicators.get(kolom)
    return ("procent" if indicator.is_percentage else "getal", indicator.decimalen)


def waarde_tekst(kolom: str, value) -> str:
    """One value of an indicator, written the Dutch way ("22,6%", "254.521", "geen gegevens")."""
    kind, decimals = opmaak(kolom)
    return procent(value, decimals) if kind == "procent" else getal(value, decimals)


def interval_kolommen(df: pd.DataFrame, kolom: str) -> tuple[str, str] | None:
    """The (lower, upper) interval columns of an indicator, when the build wrote them."""
    for onder, boven in INTERVAL_SUFFIXEN:
        if f"{kolom}{onder}" in df and f"{kolom}{boven}" in df:
            return f"{kolom}{onder}", f"{kolom}{boven}"
    return None


# --- map and key figures ---------------------------------------------------


def kaartwaarden(df: pd.DataFrame, niveau: str, indicator: str) -> pd.DataFrame:
    """One row per area of `niveau`: code, naam, waarde (+ ondergrens/bovengrens; for gemeenten the region).

    Sorted by name. Missing values stay missing (NaN): the map shows them grey.
    """
    if niveau not in KAART_NIVEAUS:
        raise ValueError(f"Onbekend kaartniveau {niveau!r}; kies uit: {', '.join(KAART_NIVEAUS)}.")
    rows = _niveau(df, niveau)
    result = pd.DataFrame({"code": rows["code"], "naam": rows["naam"], "waarde": _floats(rows[indicator])})
    interval = interval_kolommen(df, indicator)
    if interval:
        result["ondergrens"] = _floats(rows[interval[0]])
        result["bovengrens"] = _floats(rows[interval[1]])
    if niveau == "gemeente":
        result["arbeidsmarktregio_code"] = rows["arbeidsmarktregio_code"]
        result["arbeidsmarktregio_naam"] = rows["arbeidsmarktregio_naam"]
    return result.sort_values(["naam", "code"], key=lambda column: column.str.casefold()).reset_index(drop=True)


def kaarttabel(values: pd.DataFrame, indicator: str) -> tuple[pd.DataFrame, dict[str, tuple[str, int]]]:
    """The table alternative of a map, with Dutch column names, and its `format_table` formats."""
    kolom = indicator_naam(indicator)
    namen = {"code": "Code", "naam": "Naam", "waarde": kolom, "ondergrens": "Ondergrens", "bovengrens": "Bovengrens",
             "arbeidsmarktregio_naam": "Arbeidsmarktregio"}
    tabel = values.drop(columns=["arbeidsmarktregio_code"], errors="ignore").rename(columns=namen)
    spec = opmaak(indicator)
    formats = {name: spec for name in (kolom, "Ondergrens", "Bovengrens") if name in tabel}
    return tabel, formats


def _floats(series: pd.Series) -> pd.Series:
    # Nullable Int64/Float64 columns hold pd.NA; plotly and arithmetic want plain NaN.
    return pd.to_numeric(series, errors="coerce").astype("float64")


def kerncijfers(df: pd.DataFrame, code: str, indicators_: list[str]) -> pd.DataFrame:
    """Per indicator: the value of area `code`, the value of Nederland and the difference.

    Columns: kolom, indicator (label), eenheid, gebied, nederland, verschil, aandeel_nederland, and
    marge ("marge 13,4–15,5%") for estimates with an interval.
    `verschil` (area minus NL, in percentage points) is only filled for percentages: comparing a
    region's count with the national count says nothing. For counts, `aandeel_nederland` gives
    the area's share of the national total in %.
    """
    rows = df.set_index("code")
    if code not in rows.index:
        raise KeyError(f"Gebied {code!r} komt niet voor in de tabel gebieden.")
    records = []
    for kolom in indicators_:
        indicator = indicators.get(kolom)
        gebied = _float(rows.at[code, kolom]) if kolom in rows else float("nan")
        nederland = _float(rows.at[NEDERLAND, kolom]) if kolom in rows else float("nan")
        records.append({
            "kolom": kolom,
            "indicator": indicator.label,
            "eenheid": indicator.eenheid,
            "gebied": gebied,
            "nederland": nederland,
            "verschil": gebied - nederland if indicator.is_percentage else float("nan"),
            "aandeel_nederland": float("nan") if indicator.is_percentage or not nederland else 100 * gebied / nederland,
            "marge": marge_tekst(df, kolom, code),
        })
    return pd.DataFrame.from_records(
        records, columns=["kolom", "indicator", "eenheid", "gebied", "nederland", "verschil", "aandeel_nederland", "marge"]
    )


def marge_tekst(df: pd.DataFrame, kolom: str, code: str) -> str:
    """"marge 13,4–15,5%" for an estimate with an interval; "" otherwise."""
    grenzen = interval_kolommen(df, kolom)
    rows = df.loc[df["code"] == code]
    if not grenzen or rows.empty or rows[list(grenzen)].isna().any(axis=None):
        return ""
    onder, boven = (waarde_tekst(kolom, rows[grens].iloc[0]) for grens in grenzen)
    return f"marge {onder.removesuffix('%')}–{boven}"


def _float(value) -> float:
    return float("nan") if pd.isna(value) else float(value)


def samenvatting(df: pd.DataFrame, indicator: str, codes: list[str]) -> str:
    """One line comparing areas on an indicator: "Gooi en Vechtstreek: 22,6% · Nederland: 26,2%"."""
    rows = df.set_index("code")
    delen = []
    for code in (code for code in codes if code in rows.index):
        marge = marge_tekst(df, indicator, code)
        delen.append(f"{rows.at[code, 'naam']}: {waarde_tekst(indicator, rows.at[code, indicator])}" + (f" ({marge})" if marge else ""))
    return " · ".join(delen)


# --- sources ---------------------------------------------------------------


def _uitgever(source: sources.Source) -> str:
    return source.attribution.removeprefix("Bron:").strip() or source.publisher


def _opsomming(items: list[str]) -> str:
    # CBS titles contain ";" and ",", so titles are joined with words: "A, B en C".
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def bronvermelding(kolom: str) -> str:
    """One Dutch line naming sources and reference date of an indicator.

    "Bron: CBS, Bevolking; hoogstbehaald onderwijsniveau en regio (85525NED), 2023";
    estimates end with "Schatting, geen telling.".
    """
    indicator = indicators.get(kolom)
    if indicator.schatting:
        # The model's own line; its many inputs are listed on Bronnen & methode.
        return f"Bron: schatting LLO Regiodashboard met PIAAC en CBS, {indicator.peildatum}. Schatting, geen telling."
    per_uitgever: dict[str, list[str]] = {}
    for source_id in indicator.bronnen:
        source = sources.BY_ID.get(source_id)
        uitgever, titel = (_uitgever(source), source.title) if source else ("", source_id)
        titels = per_uitgever.setdefault(uitgever, [])
        if titel not in titels:
            titels.append(titel)
    delen = [", ".join(filter(None, [uitgever, _opsomming(titels)])) for uitgever, titels in per_uitgever.items()]
    return f"Bron: {'; '.join(delen)}, {indicator.peildatum}."


def grenzen_bron() -> str:
    """Source line of the map boundaries."""
    source = sources.get("grenzen_gemeente_2025")
    return f"Kaart: {_uitgever(source)}, {source.title}."
