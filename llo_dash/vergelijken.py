"""Vergelijken: regions or gemeenten side by side, and a ranking on one indicator. Pure, no Streamlit.

The areas being compared live in the URL as `?vergelijk=AM12,AM13,AM18` (or gemeente
codes), so a comparison is a link that can be shared. `lees_vergelijk` turns whatever a
link carries into a clean list (known codes of one level, no duplicates, at most six)
and says in Dutch what it dropped and why; the page shows those sentences as warnings.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from llo_dash import indicators, queries
from llo_dash.figures import BALK_KLEUR, BALK_MARKEER_KLEUR, NEDERLAND_KLEUR
from llo_dash.formatting import GEEN_GEGEVENS, PLOTLY_SEPARATORS, d3_format, getal, interval, procent

PARAM = "vergelijk"
NIVEAUS = ("arbeidsmarktregio", "gemeente")
NIVEAU_NAMEN = {"arbeidsmarktregio": "Arbeidsmarktregio's", "gemeente": "Gemeenten"}
ENKELVOUD = {"arbeidsmarktregio": "arbeidsmarktregio", "gemeente": "gemeente"}
MEERVOUD = {"arbeidsmarktregio": "arbeidsmarktregio's", "gemeente": "gemeenten"}
MIN_GEBIEDEN, MAX_GEBIEDEN = 2, 6
STANDAARD_AANTAL = 3  # the chosen area and two comparable ones

# The side-by-side table: the first of these that exist at the level, in this order.
VERGELIJK_INDICATOREN = (
    "inwoners",
    "inwoners_15_65",
    "laaggeletterd_16_65_pct",
    "laaggeletterd_16_65",
    "laaggecijferd_16_65_pct",
    "laaggeletterd_66_75_pct",
    "laag_opgeleid_pct",
    "basisonderwijs_pct",
    "netto_arbeidsparticipatie_pct",
    "werkloosheid_pct",
    "eerste_generatie_pct",
    "herkomst_buiten_nederland_pct",
    "huishoudens_laag_inkomen_pct",
    "bijstandsuitkeringen",
    "ww_personen",
)

# The ranking opens on the literacy estimate when it is built.
RANGORDE_VOORKEUR = ("laaggeletterd_16_65_pct", "laag_opgeleid_pct")

# In the bar chart of a long list (the 342 gemeenten): the highest and the lowest this many, plus the
# compared ones. Lists up to MAX_BALKEN areas (the 35 regions) are always shown whole.
UITERSTEN = 15
MAX_BALKEN = 60

_CODE = {"arbeidsmarktregio": re.compile(r"AM\d{2}"), "gemeente": re.compile(r"GM\d{4}")}
_SCHEIDING = re.compile(r"[,;\s]+")


# --- the list of areas in the link --------------------------------------------


@dataclass(frozen=True)
class Vergelijking:
    """A clean comparison: the level and the area codes, plus Dutch notes about what was dropped."""

    niveau: str
    codes: tuple[str, ...]
    meldingen: tuple[str, ...] = field(default=())


def _veilig(value: str) -> str:
    # A link can carry anything: show only harmless characters (no Markdown, no HTML).
    return re.sub(r"[^0-9A-Za-z _.-]", "", value)[:24] or "(leeg)"


def _codes_per_niveau(df: pd.DataFrame) -> dict[str, set[str]]:
    return {niveau: set(df.loc[df["niveau"] == niveau, "code"]) for niveau in NIVEAUS}


def niveau_van(code: str) -> str | None:
    """"AM12" -> "arbeidsmarktregio", "GM0363" -> "gemeente", anything else -> None (format only)."""
    for niveau, pattern in _CODE.items():
        if pattern.fullmatch(code):
            return niveau
    return None


def lees_vergelijk(raw: str | Sequence[str] | None, df: pd.DataFrame) -> Vergelijking | None:
    """The `?vergelijk=` value as a clean comparison, or None when the link has none.

    - codes are trimmed and upper-cased ("am12 " -> "AM12"); commas, semicolons and spaces separate;
    - the level is that of the first known code; known codes of the other level are dropped;
    - unknown or malformed codes are dropped; duplicates are kept once; "NL00" is dropped
      silently (Nederland is always shown);
    - more than six codes: the first six are kept.
    Every drop except NL00 and duplicates adds a Dutch sentence to `meldingen`.
    An empty value ("?vergelijk=") means: nothing chosen (an empty comparison, not the default).
    """
    if raw is None:
        return None
    parts = [raw] if isinstance(raw, str) else list(raw)
    tokens = [token.strip().upper() for part in parts for token in _SCHEIDING.split(str(part)) if token.strip()]
    bekend = _codes_per_niveau(df)

    gezien: list[str] = []
    onbekend: list[str] = []
    for token in tokens:
        if token == queries.NEDERLAND or token in gezien or token in onbekend:
            continue
        niveau = niveau_van(token)
        if niveau is not None and token in bekend[niveau]:
            gezien.append(token)
        else:
            onbekend.append(token)

    niveau = niveau_van(gezien[0]) if gezien else _niveau_uit_vorm(onbekend) or "arbeidsmarktregio"
    codes = [code for code in gezien if niveau_van(code) == niveau]
    ander = [code for code in gezien if niveau_van(code) != niveau]

    meldingen = []
    if onbekend:
        genoemd = ", ".join(f"**{_veilig(code)}**" for code in onbekend[:6]) + (" …" if len(onbekend) > 6 else "")
        een = len(onbekend) == 1
        meldingen.append(
            f"{'Code' if een else 'Codes'} {genoemd} uit de link {'bestaat' if een else 'bestaan'} niet "
            "(arbeidsmarktregio's AM01 t/m AM38, gemeenten GM…, indeling 2025) en "
            f"{'is' if een else 'zijn'} weggelaten."
        )
    if ander:
        meldingen.append(
            f"Je kunt {MEERVOUD[niveau]} en {MEERVOUD[niveau_van(ander[0])]} niet door elkaar vergelijken; "
            f"{', '.join(ander)} {'is' if len(ander) == 1 else 'zijn'} weggelaten."
        )
    if len(codes) > MAX_GEBIEDEN:
        weg = codes[MAX_GEBIEDEN:]
        codes = codes[:MAX_GEBIEDEN]
        meldingen.append(
            f"Je kunt hoogstens {MAX_GEBIEDEN} {MEERVOUD[niveau]} vergelijken; de eerste {MAX_GEBIEDEN} uit de link "
            f"worden getoond ({', '.join(weg)} {'is' if len(weg) == 1 else 'zijn'} weggelaten)."
        )
    return Vergelijking(niveau, tuple(codes), tuple(meldingen))


def _niveau_uit_vorm(codes: Iterable[str]) -> str | None:
    # With no known code at all, a link of gemeente-shaped codes still means "gemeenten".
    for code in codes:
        if niveau := niveau_van(code):
            return niveau
    return None


def link_waarde(codes: Sequence[str]) -> str:
    """The `?vergelijk=` value of a list of codes: "AM12,AM13,AM18"."""
    return ",".join(codes)


# --- the default comparison ------------------------------------------------------


def _inwoners(df: pd.DataFrame, niveau: str) -> pd.DataFrame:
    rows = df.loc[df["niveau"] == niveau, ["code", "naam", "arbeidsmarktregio_code", "inwoners"]].copy()
    rows["inwoners"] = pd.to_numeric(rows["inwoners"], errors="coerce").astype("float64")
    return rows


def vergelijkbaar(df: pd.DataFrame, code: str, aantal: int = STANDAARD_AANTAL - 1) -> list[str]:
    """The `aantal` areas of the same level whose number of inhabitants is closest to that of `code`."""
    niveau = niveau_van(code)
    rows = _inwoners(df, niveau).set_index("code")
    if code not in rows.index or pd.isna(rows.at[code, "inwoners"]):
        return []
    others = rows.drop(index=code).dropna(subset=["inwoners"])
    afstand = (others["inwoners"] - rows.at[code, "inwoners"]).abs()
    order = pd.DataFrame({"afstand": afstand, "naam": others["naam"]}).sort_values(["afstand", "naam"])
    return list(order.index[:aantal])


def standaard_codes(df: pd.DataFrame, niveau: str, regio: str | None = None, gemeente: str | None = None) -> list[str]:
    """What the page compares when the link names no areas.

    Regions: the chosen region and the two regions closest to it in number of inhabitants;
    without a chosen region the three largest regions. Gemeenten: the chosen gemeente and
    the two gemeenten closest in size; with only a region chosen its three largest
    gemeenten; otherwise the three largest gemeenten of Nederland.
    """
    if niveau not in NIVEAUS:
        raise ValueError(f"Onbekend niveau {niveau!r}; kies uit: {', '.join(NIVEAUS)}.")
    eigen = gemeente if niveau == "gemeente" else regio
    if eigen:
        return [eigen, *vergelijkbaar(df, eigen)]
    rows = _inwoners(df, niveau).dropna(subset=["inwoners"])
    if niveau == "gemeente" and regio:
        rows = rows[rows["arbeidsmarktregio_code"] == regio]
    rows = rows.sort_values(["inwoners", "naam"], ascending=[False, True])
    return list(rows["code"][:STANDAARD_AANTAL])


def standaard_uitleg(niveau: str, regio: str | None = None, gemeente: str | None = None) -> str:
    """The Dutch sentence that explains the default comparison (see `standaard_codes`)."""
    eigen = gemeente if niveau == "gemeente" else regio
    if eigen:
        return (f"Standaard: de gekozen {ENKELVOUD[niveau]} en de twee {MEERVOUD[niveau]} met het meest "
                "vergelijkbare aantal inwoners.")
    if niveau == "gemeente" and regio:
        return "Standaard: de drie grootste gemeenten van de gekozen arbeidsmarktregio."
    return f"Standaard: de drie grootste {MEERVOUD[niveau]} (kies links een regio om die te vergelijken)."


def standaard_niveau(regio: str | None, gemeente: str | None) -> str:
    """Gemeenten when a gemeente is chosen in the sidebar, otherwise arbeidsmarktregio's."""
    return "gemeente" if gemeente else "arbeidsmarktregio"


def opties(df: pd.DataFrame, niveau: str) -> list[tuple[str, str]]:
    """(code, label) of every area of the level, sorted by name; gemeenten carry their region."""
    if niveau == "arbeidsmarktregio":
        return [(code, f"{naam} ({code})") for code, naam in queries.regio_opties(df)]
    rows = df[df["niveau"] == "gemeente"]
    regio = dict(zip(rows["code"], rows["arbeidsmarktregio_naam"]))
    return [(code, f"{naam} ({regio.get(code, '')})") for code, naam in queries.gemeente_opties(df)]


# --- the side-by-side table -----------------------------------------------------


def vergelijk_indicatoren(df: pd.DataFrame, niveau: str) -> list[str]:
    """The indicators of the side-by-side table that exist at `niveau` and have a value somewhere."""
    rows = df[df["niveau"] == niveau]
    return [
        kolom for kolom in VERGELIJK_INDICATOREN
        if kolom in indicators.BY_KOLOM and niveau in indicators.get(kolom).niveaus
        and kolom in rows and rows[kolom].notna().any()
    ]


def _getal(value) -> float:
    value = pd.to_numeric(value, errors="coerce")
    return float("nan") if pd.isna(value) else float(value)


def waarde_met_marge(df_rows: pd.DataFrame, code: str, kolom: str) -> str:
    """"14,4% (13,4% – 15,5%)" for an estimate with interval, "254.521" for a count, or "geen gegevens"."""
    value = _getal(df_rows.at[code, kolom])
    text = queries.waarde_tekst(kolom, value)
    grenzen = queries.interval_kolommen(df_rows, kolom)
    if grenzen and not pd.isna(value):
        meta = indicators.get(kolom)
        low, high = _getal(df_rows.at[code, grenzen[0]]), _getal(df_rows.at[code, grenzen[1]])
        if not (pd.isna(low) or pd.isna(high)):
            text += f" ({interval(low, high, meta.decimalen, meta.is_percentage)})"
    return text


def indicator_label(kolom: str) -> str:
    """"Laaggeletterd 16–65 jaar, % (schatting)": label, unit and estimate marker."""
    return queries.indicator_naam(kolom)


def naast_elkaar(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str]) -> pd.DataFrame:
    """The table shown on screen: one row per indicator, one column per area and Nederland (Dutch text).

    Columns: Indicator, <naam of each area>, Nederland, Peildatum. Estimates carry their
    interval in the cell: "14,4% (13,4% – 15,5%)".
    """
    rows = df.set_index("code")
    gebieden = [code for code in dict.fromkeys(codes) if code in rows.index and code != queries.NEDERLAND]
    kolomnamen = _kolomnamen(rows, [*gebieden, queries.NEDERLAND])
    records = []
    for kolom in kolommen:
        record = {"Indicator": indicator_label(kolom)}
        for code in [*gebieden, queries.NEDERLAND]:
            record[kolomnamen[code]] = waarde_met_marge(rows, code, kolom)
        record["Peildatum"] = indicators.get(kolom).peildatum
        records.append(record)
    return pd.DataFrame.from_records(records, columns=["Indicator", *kolomnamen.values(), "Peildatum"])


def _kolomnamen(rows: pd.DataFrame, codes: Sequence[str]) -> dict[str, str]:
    """Column header per area: its name, with the code added when two names are equal."""
    namen = {code: str(rows.at[code, "naam"]) for code in codes}
    tellingen = pd.Series(list(namen.values())).value_counts()
    return {code: (f"{naam} ({code})" if tellingen[naam] > 1 else naam) for code, naam in namen.items()}


def tabel_hoogte(rijen: int) -> int:
    """Pixel height of a `st.dataframe` that shows `rijen` rows and its header without scrolling."""
    return 35 * (rijen + 1) + 3


def naast_elkaar_download(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str]) -> pd.DataFrame:
    """The same comparison with real numbers, for CSV/Excel: estimates get extra rows for their bounds.

    Columns: Indicator, Eenheid, <naam (code) of each area>, Nederland (NL00), Peildatum, Schatting, Bron.
    """
    rows = df.set_index("code")
    gebieden = [code for code in dict.fromkeys(codes) if code in rows.index and code != queries.NEDERLAND]
    alle = [*gebieden, queries.NEDERLAND]
    kopjes = {code: f"{rows.at[code, 'naam']} ({code})" for code in alle}
    records = []
    for kolom in kolommen:
        meta = indicators.get(kolom)
        grenzen = queries.interval_kolommen(df, kolom)
        for bron_kolom, achter in ((kolom, ""), *((g, f", {w}") for g, w in zip(grenzen or (), ("ondergrens", "bovengrens")))):
            record = {"Indicator": meta.label + achter, "Eenheid": meta.eenheid}
            for code in alle:
                record[kopjes[code]] = _getal(rows.at[code, bron_kolom]) if bron_kolom in rows else float("nan")
            record["Peildatum"] = meta.peildatum
            record["Schatting"] = "ja" if meta.schatting else "nee"
            record["Bron"] = queries.bronvermelding(kolom)
            records.append(record)
    return pd.DataFrame.from_records(
        records, columns=["Indicator", "Eenheid", *kopjes.values(), "Peildatum", "Schatting", "Bron"]
    )


# --- the ranking ---------------------------------------------------------------------


def rangorde_opties(df: pd.DataFrame, niveau: str) -> list[str]:
    """Indicators that can be ranked at `niveau` (registry order, interval bounds left out)."""
    return queries.indicator_opties(df, niveau)


def standaard_rangorde(opties_: Sequence[str]) -> str | None:
    for kolom in RANGORDE_VOORKEUR:
        if kolom in opties_:
            return kolom
    return opties_[0] if opties_ else None


def rangorde(df: pd.DataFrame, niveau: str, indicator: str) -> pd.DataFrame:
    """Every area of `niveau` ranked on `indicator`, highest first.

    Columns: rang, code, naam, waarde (+ ondergrens, bovengrens for estimates; + arbeidsmarktregio
    for gemeenten). Equal values share the best rank and the next rank skips ("1, 2, 2, 4"), the
    usual sports ranking; equal values are listed by name. Areas without a value come last,
    without a rank (never ranked as zero).
    """
    if niveau not in NIVEAUS:
        raise ValueError(f"Onbekend niveau {niveau!r}; kies uit: {', '.join(NIVEAUS)}.")
    values = queries.kaartwaarden(df, niveau, indicator)
    values["rang"] = values["waarde"].rank(method="min", ascending=False).astype("Int64")
    values = values.sort_values(
        ["waarde", "naam"], ascending=[False, True], na_position="last",
        key=lambda column: column.str.casefold() if column.dtype != "float64" else column,
    )
    columns = ["rang", "code", "naam", "waarde"]
    columns += [c for c in ("ondergrens", "bovengrens", "arbeidsmarktregio_naam") if c in values]
    return values[columns].reset_index(drop=True)


def nederland_waarde(df: pd.DataFrame, indicator: str) -> float:
    """The value of Nederland (NL00) on `indicator`, NaN when missing."""
    rows = df.loc[df["code"] == queries.NEDERLAND, indicator]
    return float("nan") if rows.empty else _getal(rows.iloc[0])


def rangorde_tabel(ranking: pd.DataFrame, indicator: str) -> tuple[pd.DataFrame, dict[str, tuple[str, int]]]:
    """The ranking with Dutch column names, and its `format_table` formats (numbers stay numbers)."""
    kolom = queries.indicator_naam(indicator)
    namen = {"rang": "Rang", "code": "Code", "naam": "Naam", "waarde": kolom, "ondergrens": "Ondergrens",
             "bovengrens": "Bovengrens", "arbeidsmarktregio_naam": "Arbeidsmarktregio"}
    tabel = ranking.rename(columns=namen)
    spec = queries.opmaak(indicator)
    formats = {naam: spec for naam in (kolom, "Ondergrens", "Bovengrens") if naam in tabel}
    return tabel, formats


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
            delen.append(f"{naam}: plaats {int(rang)} van {gerangschikt} ({queries.waarde_tekst(indicator, rows.at[code, 'waarde'])})")
    return " · ".join(delen)


def grafiek_selectie(ranking: pd.DataFrame, codes: Sequence[str], alles: bool = False, uitersten: int = UITERSTEN) -> pd.DataFrame:
    """The rows of the bar chart: all areas with a value, or (for long lists) the highest and lowest
    `uitersten` plus the compared areas, in ranking order."""
    known = ranking[ranking["waarde"].notna()]
    if alles or len(known) <= max(MAX_BALKEN, 2 * uitersten + len(codes)):
        return known
    keep = known.index[:uitersten].union(known.index[-uitersten:]).union(known.index[known["code"].isin(list(codes))])
    return known.loc[sorted(keep)]


def _dutch_value(value: float, meta: indicators.Indicator) -> str:
    return procent(value, meta.decimalen) if meta.is_percentage else getal(value, meta.decimalen)


def _met_gaten(ranking: pd.DataFrame, selectie: pd.DataFrame) -> pd.DataFrame:
    """`selectie` (rows of `ranking`, same index) with an empty row where places are skipped,
    labelled "⋯ plaats 16 t/m 327" in column `_gat` (empty for real rows)."""
    rows, vorige = [], None
    for positie, row in selectie.iterrows():
        if vorige is not None and positie - vorige > 1:
            van, tot = ranking.at[vorige + 1, "rang"], ranking.at[positie - 1, "rang"]
            rows.append({"naam": "", "code": "", "rang": pd.NA, "waarde": float("nan"),
                         "_gat": f"⋯ plaats {int(van)} t/m {int(tot)}" if van != tot else f"⋯ plaats {int(van)}"})
        rows.append({**row.to_dict(), "_gat": ""})
        vorige = positie
    return pd.DataFrame.from_records(rows, columns=[*selectie.columns, "_gat"])


def rangorde_figuur(
    ranking: pd.DataFrame,
    indicator: str,
    title: str | None = None,
    *,
    highlight: Sequence[str] = (),
    nederland: float | None = None,
    bron: str | None = None,
    alles: bool = False,
) -> go.Figure:
    """Horizontal bars of a ranking (from `rangorde`), highest on top, labelled "rank. naam".

    The compared areas (`highlight`) are yellow with a black outline and a bold label
    (visible without colour too); Nederland is a dashed vermilion reference line with its value;
    estimates carry their interval as error bars. A long list (the 342 gemeenten) shows the
    highest and lowest 15 plus the compared areas unless `alles`; the note under the chart says
    so, and names how many areas have no value (left out, never drawn as zero).
    """
    meta = indicators.get(indicator)
    fmt, suffix = d3_format("getal", meta.decimalen), "%" if meta.is_percentage else ""
    label = meta.label + (" (schatting)" if meta.schatting else "")
    selectie = grafiek_selectie(ranking, highlight, alles=alles)
    shown = _met_gaten(ranking, selectie).iloc[::-1]  # plotly draws the first bar at the bottom
    marked = shown["code"].isin(list(highlight)).tolist()
    ylabels = [
        gat if gat else (f"<b>{int(rang)}. {naam}</b>" if m else f"{int(rang)}. {naam}")
        for rang, naam, m, gat in zip(shown["rang"], shown["naam"], marked, shown["_gat"])
    ]
    customdata = [[naam, "" if pd.isna(rang) else int(rang)] for naam, rang in zip(shown["naam"], shown["rang"])]
    hover = f"<b>%{{customdata[0]}}</b> (plaats %{{customdata[1]}})<br>{label}: %{{x:{fmt}}}{suffix}"
    error_x = None
    if "ondergrens" in shown and "bovengrens" in shown and shown["ondergrens"].notna().any():
        error_x = dict(type="data", symmetric=False, array=(shown["bovengrens"] - shown["waarde"]).tolist(),
                       arrayminus=(shown["waarde"] - shown["ondergrens"]).tolist(), color="#444444", thickness=1, width=3)
        customdata = [row + [_dutch_value(low, meta), _dutch_value(high, meta)]
                      for row, low, high in zip(customdata, shown["ondergrens"], shown["bovengrens"])]
        hover += "<br>Marge: %{customdata[2]} – %{customdata[3]}"
    fig = go.Figure(
        go.Bar(
            x=shown["waarde"],
            y=ylabels,
            orientation="h",
            marker=dict(color=[BALK_MARKEER_KLEUR if m else BALK_KLEUR for m in marked],
                        line=dict(color=["#000000" if m else BALK_KLEUR for m in marked], width=1.5)),
            error_x=error_x,
            customdata=customdata,
            hovertemplate=hover + "<extra></extra>",
            name=label,
        )
    )
    if nederland is not None and not pd.isna(nederland):
        fig.add_vline(x=float(nederland), line=dict(color=NEDERLAND_KLEUR, dash="dash", width=2))
        fig.add_annotation(x=float(nederland), y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"Nederland: {_dutch_value(nederland, meta)}", font=dict(color=NEDERLAND_KLEUR))

    notes = []
    known = int(ranking["waarde"].notna().sum())
    if len(selectie) < known:
        notes.append(f"Getoond: de hoogste en laagste {UITERSTEN} van {known} en de vergeleken gebieden; het getal is de plaats.")
    missing = ranking.loc[ranking["waarde"].isna(), "naam"].tolist()
    if missing:
        notes.append(f"{GEEN_GEGEVENS.capitalize()} ({len(missing)}): " + ", ".join(missing[:6]) + (" …" if len(missing) > 6 else ""))
    if bron:
        notes.append(bron)
    lines = [line for note in notes for line in textwrap.wrap(note, 120)]
    if lines:
        fig.add_annotation(text="<br>".join(lines), showarrow=False, xref="paper", yref="paper", x=0, y=0,
                           xanchor="left", yanchor="top", yshift=-52, align="left", font=dict(size=10, color="#555555"))
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left") if title else None,
        separators=PLOTLY_SEPARATORS,
        xaxis=dict(title=dict(text="%" if meta.is_percentage else meta.eenheid), tickformat=d3_format("getal", 0),
                   ticksuffix=suffix, rangemode="tozero"),
        yaxis=dict(automargin=True, tickfont=dict(size=11)),
        height=max(320, 20 * len(shown) + 150 + 13 * len(lines)),
        margin=dict(l=0, r=10, t=60 if title else 30, b=60 + 13 * len(lines)),
        font=dict(family="Source Sans Pro, sans-serif", size=13),
        showlegend=False,
        bargap=0.25,
    )
    return fig
