"""Join the build steps on area codes and aggregate gemeente → arbeidsmarktregio → Nederland.

Rules per indicator come from `llo_dash.indicators` (som / aandeel / gepubliceerd).
Nothing is joined on names here: every step already delivers codes, and a code that
does not belong to the 2025 indeling stops the build.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from llo_dash.build.context import Part
from llo_dash.build.indeling import NEDERLAND_CODE, NEDERLAND_NAAM, Indeling, level_of_code
from llo_dash.build.samenstelling import composition_differs, composition_reason, compare_compositions
from llo_dash.errors import BuildError
from llo_dash.indicators import ALLE_NIVEAUS, INDICATOREN, NEDERLAND_CBS, Indicator

ID_COLUMNS = [
    "niveau", "code", "naam", "gemeente_code", "gemeente_naam", "wijk_code",
    "arbeidsmarktregio_code", "arbeidsmarktregio_naam", "provincie_code", "provincie_naam",
]
LEVEL_ORDER = {level: order for order, level in enumerate(ALLE_NIVEAUS)}


def _join(base: pd.DataFrame, frames: list[pd.DataFrame], *, level: str) -> pd.DataFrame:
    """Left-join frames on code; a code outside `base` or a column delivered twice stops the build."""
    result = base.copy()
    for frame in frames:
        extra = frame.index.difference(result.index)
        if len(extra):
            raise BuildError(f"Koppelen op {level}: code(s) {', '.join(map(str, extra[:5]))} horen niet bij de indeling.")
        twice = set(frame.columns) & set(result.columns)
        if twice:
            raise BuildError(f"Koppelen op {level}: kolom {sorted(twice)[0]} komt uit twee bouwstappen.")
        result = result.join(frame, how="left")
    return result


def _share(frame: pd.DataFrame, indicator: Indicator) -> pd.Series:
    numerator = frame[indicator.teller].astype("Float64")
    denominator = frame[indicator.noemer].astype("Float64")
    return (100 * numerator / denominator.where(denominator > 0)).astype("Float64")


def _sum_by(frame: pd.DataFrame, keys: pd.Series, columns: list[str]) -> pd.DataFrame:
    """Sum per group; missing when any member is missing (a partial sum is not the region's value)."""
    grouped = frame[columns].groupby(keys)
    sums = grouped.sum(min_count=1)
    complete = grouped.count() == grouped.size().to_numpy()[:, None]
    return sums.where(complete).astype("Float64")


def aggregate(
    gemeenten: pd.DataFrame, indeling: Indeling, published: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Region and Nederland rows from gemeenten, plus the differences with CBS's own published figures.

    A published region figure is used only where CBS counted the same gemeenten as the 2025
    indeling (`llo_dash.build.samenstelling`); `verschillen` says per row which figure is used and why.
    Returns (regios, nederland, verschillen).
    """
    indicators = [indicator for indicator in INDICATOREN if indicator.kolom in gemeenten.columns]
    counts = [indicator.kolom for indicator in indicators if indicator.eenheid != "%"]
    region_of = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"].reindex(gemeenten.index)
    regios = _sum_by(gemeenten, region_of, counts)
    nederland = _sum_by(gemeenten, pd.Series(NEDERLAND_CODE, index=gemeenten.index), counts)
    aggregated = pd.concat([regios, nederland])
    for indicator in indicators:
        if indicator.eenheid == "%":
            aggregated[indicator.kolom] = _share(aggregated, indicator)

    differences = []
    final = aggregated.copy()
    compositions = compare_compositions(gemeenten, published, indeling)
    for indicator in indicators:
        if indicator.kolom not in published.columns:
            continue
        own = published[indicator.kolom].reindex(final.index)
        compared = pd.DataFrame({"cbs_waarde": own, "aggregaat_gemeenten": aggregated[indicator.kolom]}).dropna(how="all")
        compared = compared[compared["cbs_waarde"].notna()]
        compared["kolom"] = indicator.kolom
        other_composition = composition_differs(compositions, indicator.kolom, final.index)
        # CBS's own figure wins where the table is survey-based and CBS counted the 2025 gemeenten,
        # and fills in where the gemeenten are incomplete (e.g. Nederland for a source that covers few gemeenten).
        use_own = own.notna() & (
            ((indicator.aggregatie == "gepubliceerd") & ~other_composition) | aggregated[indicator.kolom].isna()
            | ((final.index == NEDERLAND_CODE) & (indicator.kolom in NEDERLAND_CBS))  # one method per NL row
        )
        compared["gebruikt"] = np.where(use_own.reindex(compared.index), "cbs_waarde", "aggregaat_gemeenten")
        compared["reden"] = [
            composition_reason(compositions, indicator.kolom, code, used) for code, used in compared["gebruikt"].items()
        ]
        differences.append(compared)
        final[indicator.kolom] = own.where(use_own, aggregated[indicator.kolom])
    # Shares without a published figure, and shares whose published figure was set aside for its
    # composition, are re-derived from the final counts; so are the derived counts (one method per row).
    for indicator in indicators:
        if indicator.eenheid == "%" and indicator.aggregatie == "aandeel":
            final[indicator.kolom] = _share(final, indicator)
    final = derive_gemeente_columns(final)
    verschillen = pd.concat(differences).rename_axis("code").reset_index() if differences else pd.DataFrame()
    if not verschillen.empty:
        verschillen["verschil"] = verschillen["cbs_waarde"] - verschillen["aggregaat_gemeenten"]
        verschillen["verschil_pct"] = 100 * verschillen["verschil"] / verschillen["cbs_waarde"].where(verschillen["cbs_waarde"] != 0)
        verschillen["niveau"] = verschillen["code"].map(level_of_code)
        # So that `table regio_verschillen --regio AMxx` selects a region's rows like in `gebieden`.
        verschillen["arbeidsmarktregio_code"] = verschillen["code"].where(verschillen["niveau"] == "arbeidsmarktregio")
        verschillen = verschillen[["niveau", "code", "arbeidsmarktregio_code", "kolom", "cbs_waarde", "aggregaat_gemeenten",
                                   "verschil", "verschil_pct", "gebruikt", "reden"]]
    return final.loc[final.index != NEDERLAND_CODE], final.loc[[NEDERLAND_CODE]], verschillen


def derive_gemeente_columns(gemeenten: pd.DataFrame) -> pd.DataFrame:
    """Columns computed from two sources (see their `toelichting` in llo_dash.indicators), at any level:
    for regions and Nederland from that row's own final figures, so a row never mixes two methods."""
    gemeenten = gemeenten.copy()
    if {"inwoners_15_75", "inwoners_15_65"} <= set(gemeenten.columns):
        difference = gemeenten["inwoners_15_75"] - gemeenten["inwoners_15_65"]
        # Two sources and years: a negative difference means they do not fit, so it is unknown, not 0.
        gemeenten["inwoners_65_75"] = difference.where(difference >= 0)
    return gemeenten


def assemble(parts: list[Part], indeling: Indeling, areas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Table `gebieden` (one row per area of every level) and table `regio_verschillen`."""
    gemeente_index = pd.Index(sorted(indeling.gemeente_codes()), name="code")
    gemeenten = _join(pd.DataFrame(index=gemeente_index), [part.gemeente for part in parts], level="gemeente")
    gemeenten = derive_gemeente_columns(gemeenten)
    for indicator in INDICATOREN:
        if indicator.eenheid == "%" and indicator.teller in gemeenten and indicator.noemer in gemeenten and indicator.kolom not in gemeenten:
            gemeenten[indicator.kolom] = _share(gemeenten, indicator)

    published_frames = [part.published for part in parts if part.published is not None]
    published = pd.concat(published_frames, axis=1) if published_frames else pd.DataFrame()
    if published.columns.duplicated().any():
        raise BuildError(f"Kolom {published.columns[published.columns.duplicated()][0]} wordt door twee bouwstappen gepubliceerd.")
    regios, nederland, verschillen = aggregate(gemeenten, indeling, published)

    small = areas[areas["niveau"].isin(["wijk", "buurt"])].set_index("code")[[]]
    klein = _join(small, [part.klein for part in parts if part.klein is not None], level="wijk/buurt")
    for indicator in INDICATOREN:
        if indicator.eenheid == "%" and indicator.teller in klein and indicator.noemer in klein:
            klein[indicator.kolom] = _share(klein, indicator)

    table = pd.concat([nederland, regios, gemeenten, klein]).rename_axis("code").reset_index()
    table = _identify(table, indeling, areas)
    columns = ID_COLUMNS + [indicator.kolom for indicator in INDICATOREN if indicator.kolom in table.columns]
    table = table[columns].copy()
    for indicator in INDICATOREN:
        if indicator.kolom not in table:
            continue
        table.loc[~table["niveau"].isin(indicator.niveaus), indicator.kolom] = pd.NA
        # Counts are whole numbers; shares keep four decimals (more is noise, not information).
        table[indicator.kolom] = (
            table[indicator.kolom].astype("Float64").round(4) if indicator.is_percentage
            else table[indicator.kolom].astype("Float64").round().astype("Int64")
        )
    return table, verschillen


def _identify(table: pd.DataFrame, indeling: Indeling, areas: pd.DataFrame) -> pd.DataFrame:
    """Level, name and the parent areas of every row."""
    gemeenten = indeling.gemeenten.set_index("gemeente_code")
    table["niveau"] = table["code"].map(level_of_code)
    is_small = table["niveau"].isin(["wijk", "buurt"])
    table["gemeente_code"] = np.where(table["niveau"] == "gemeente", table["code"], None)
    table.loc[is_small, "gemeente_code"] = "GM" + table.loc[is_small, "code"].str[2:6]
    table["wijk_code"] = None
    is_buurt = table["niveau"] == "buurt"
    table.loc[is_buurt, "wijk_code"] = "WK" + table.loc[is_buurt, "code"].str[2:8]
    table.loc[table["niveau"] == "wijk", "wijk_code"] = table.loc[table["niveau"] == "wijk", "code"]
    has_gemeente = table["gemeente_code"].notna()
    unknown = has_gemeente & ~table["gemeente_code"].isin(gemeenten.index)
    if unknown.any():
        raise BuildError(f"Gebied {table.loc[unknown, 'code'].iloc[0]} hoort bij een gemeente buiten de indeling 2025.")
    for column in ("gemeente_naam", "arbeidsmarktregio_code", "arbeidsmarktregio_naam", "provincie_code", "provincie_naam"):
        table[column] = table["gemeente_code"].map(gemeenten[column])
    regio_namen = indeling.regios.set_index("arbeidsmarktregio_code")["arbeidsmarktregio_naam"]
    is_regio = table["niveau"] == "arbeidsmarktregio"
    table.loc[is_regio, "arbeidsmarktregio_code"] = table.loc[is_regio, "code"]
    table.loc[is_regio, "arbeidsmarktregio_naam"] = table.loc[is_regio, "code"].map(regio_namen)
    names = areas.set_index("code")["naam"]
    table["naam"] = table["code"].map(names)
    table.loc[table["niveau"] == "gemeente", "naam"] = table["gemeente_naam"]
    table.loc[is_regio, "naam"] = table["arbeidsmarktregio_naam"]
    table.loc[table["niveau"] == "nederland", "naam"] = NEDERLAND_NAAM
    table["_order"] = table["niveau"].map(LEVEL_ORDER)
    return table.sort_values(["_order", "code"]).drop(columns="_order").reset_index(drop=True)
