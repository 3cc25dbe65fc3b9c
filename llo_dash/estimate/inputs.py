"""Model inputs per area, from table `gebieden`: population and the share of each category.

16–65-year-olds are approximated by CBS's band 15 to 65 (the same number of year
cohorts); 66–75 by 65 to 75. Education (15–75) and labour-market position (15–75) are
only published per gemeente and up; wijken take them from their gemeente. The labour
shares are turned into shares of the 15–65-year-olds by taking out the 65–75-year-olds
with their national participation (parameters `arbeid_65_75_*`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from llo_dash.estimate.model import Composition
from llo_dash.estimate.parameters import read_parameters, scenarios

CATEGORIES = {
    "opleiding": ("basisonderwijs", "vmbo_mbo1", "middelbaar", "hoog"),
    "leeftijd": ("16_25", "25_45", "45_65"),
    # NT1/NT2 proxy: born in the Netherlands (any herkomst) vs first generation, by origin.
    "herkomst": ("nt1", "nt2_europa", "nt2_buiten_europa"),
    "arbeid": ("werkend", "werkloos", "inactief"),
}
NT2 = ("nt2_europa", "nt2_buiten_europa")
EDUCATION_COLUMNS = ["basisonderwijs_pct", "laag_opgeleid_pct", "middelbaar_opgeleid_pct", "hoog_opgeleid_pct"]
REGION_EDUCATION_NOTE = (
    "CBS onderdrukt het onderwijsniveau van deze gemeente; de verdeling van de arbeidsmarktregio is gebruikt."
)
LABOUR_15_75_NOTE = (
    "Arbeid: de verdeling van 15–75 jaar is gebruikt (de bevolking van 65 tot 75 jaar is onbekend), dus te veel niet-werkenden."
)
WIJK_NOTE = "Grover: opleiding en arbeid van de gemeente; leeftijd en herkomst van de wijk."
WIJK_SPLIT_NOTE = (
    "Grover: opleiding en arbeid van de gemeente; leeftijd en herkomst buiten Nederland van de wijk, maar het aandeel "
    "eerste generatie daarin (Europa / buiten Europa) van de gemeente: de wijk staat daarvoor niet in onze bronbestanden."
)
WIJK_BLANKS_NOTE = (
    "Geen schatting voor 66–75 jaar, 16–75 jaar en laaggecijferdheid (alleen per gemeente en hoger); "
    "de bandbreedte is de relatieve bandbreedte van de gemeente."
)


@dataclass(frozen=True)
class AreaInputs:
    """Inputs for a set of areas: `codes` with complete inputs, and why the others are missing."""

    codes: list[str]
    population_16_65: np.ndarray
    population_66_75: np.ndarray | None
    shares: dict[str, np.ndarray]
    notes: dict[str, str]  # code -> remark (fallback used)
    missing: dict[str, str]  # code -> reason the estimate is missing

    def composition(self, dimensions: tuple[str, ...] = tuple(CATEGORIES), *, older: bool = False) -> Composition:
        population = self.population_66_75 if older else self.population_16_65
        return Composition(
            population=population,
            shares={dimension: self.shares[dimension] for dimension in dimensions},
            categories={dimension: CATEGORIES[dimension] for dimension in dimensions},
        )


def _normalise(frame: pd.DataFrame) -> np.ndarray:
    values = frame.to_numpy(dtype=float)
    return values / values.sum(axis=1, keepdims=True)


def education_shares(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "basisonderwijs": rows["basisonderwijs_pct"],
            "vmbo_mbo1": rows["laag_opgeleid_pct"] - rows["basisonderwijs_pct"],
            "middelbaar": rows["middelbaar_opgeleid_pct"],
            "hoog": rows["hoog_opgeleid_pct"],
        }
    ).astype(float)


def origin_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """Born in the Netherlands (NT1) and first generation by origin (NT2), as shares of all inhabitants."""
    inwoners = rows["inwoners"].astype(float)
    first_europe = rows["eerste_generatie_europa"].astype(float)
    first_other = rows["eerste_generatie_buiten_europa"].astype(float)
    return pd.DataFrame(
        {
            "nt1": (inwoners - first_europe - first_other).clip(lower=0) / inwoners,
            "nt2_europa": first_europe / inwoners,
            "nt2_buiten_europa": first_other / inwoners,
        }
    )


def labour_shares(rows: pd.DataFrame, older_labour: tuple[float, float] | None = None) -> pd.DataFrame:
    """Working, unemployed and inactive, in % of the 15–65-year-olds.

    CBS publishes participation per gemeente for 15–75. With `older_labour` (the national fractions of
    65–75-year-olds working and unemployed) the 65–75-year-olds are taken out; where the population
    65–75 is unknown the 15–75 shares stay (too many inactive, the caller notes it).
    """
    netto = rows["netto_arbeidsparticipatie_pct"].astype(float)
    bruto = rows["bruto_arbeidsparticipatie_pct"].astype(float)
    shares = pd.DataFrame({"werkend": netto, "werkloos": bruto - netto, "inactief": 100 - bruto})
    if older_labour is None:
        return shares
    working_older, unemployed_older = older_labour
    young = rows["inwoners_15_65"].astype(float)
    older = rows["inwoners_65_75"].astype(float)
    everyone = young + older
    werkend = ((netto / 100 * everyone - working_older * older) / young).clip(lower=0, upper=1)
    werkloos = (((bruto - netto) / 100 * everyone - unemployed_older * older) / young).clip(lower=0, upper=1 - werkend)
    corrected = 100 * pd.DataFrame({"werkend": werkend, "werkloos": werkloos, "inactief": 1 - werkend - werkloos})
    known = older.notna() & (young > 0)
    return corrected.where(known, shares, axis=0)


def older_labour_parameters(scenario=None) -> tuple[float, float]:
    """National fractions of 65–75-year-olds working and unemployed, of `scenario` (by default the central
    scenario of the parameter table)."""
    scenario = scenarios(read_parameters())[0] if scenario is None else scenario
    return scenario.pct("arbeid_65_75_werkend_2024"), scenario.pct("arbeid_65_75_werkloos_2024")


def age_shares(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"16_25": rows["inwoners_15_25"], "25_45": rows["inwoners_25_45"], "45_65": rows["inwoners_45_65"]}
    ).astype(float)


def gemeente_inputs(gebieden: pd.DataFrame, older_labour: tuple[float, float] | None = None) -> AreaInputs:
    """Inputs for every gemeente; education falls back to the region's published distribution.

    `older_labour`: see `labour_shares`; by default from the parameter table.
    """
    older_labour = older_labour_parameters() if older_labour is None else older_labour
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"].set_index("code")
    regios = gebieden[gebieden["niveau"] == "arbeidsmarktregio"].set_index("code")
    education = education_shares(gemeenten)
    notes = {}
    suppressed = education.isna().any(axis=1)
    for code in education.index[suppressed]:
        region = gemeenten.loc[code, "arbeidsmarktregio_code"]
        regional = education_shares(regios.loc[[region]])
        if regional.notna().all(axis=None):
            education.loc[code] = regional.iloc[0].to_numpy()
            notes[code] = REGION_EDUCATION_NOTE
    for code in gemeenten.index[gemeenten["inwoners_65_75"].isna()]:
        notes[code] = (notes.get(code, "") + " " + LABOUR_15_75_NOTE).strip()
    parts = {
        "opleiding": education,
        "leeftijd": age_shares(gemeenten),
        "herkomst": origin_shares(gemeenten),
        "arbeid": labour_shares(gemeenten, older_labour),
    }
    return _complete(gemeenten, parts, notes, older=gemeenten["inwoners_65_75"].astype(float))


def wijk_inputs(gebieden: pd.DataFrame, gemeente_inputs_: AreaInputs) -> AreaInputs:
    """Inputs per wijk: age and origin of the wijk; education, labour and (where the wijk lacks it)
    the first-generation share within the foreign-origin population from its gemeente."""
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"].set_index("code")
    wijken = gebieden[gebieden["niveau"] == "wijk"].set_index("code")
    of_gemeente = wijken["gemeente_code"]
    by_gemeente = {
        dimension: pd.DataFrame(shares, index=gemeente_inputs_.codes, columns=CATEGORIES[dimension])
        for dimension, shares in gemeente_inputs_.shares.items()
    }
    origin = wijken.copy()
    # Where KWB has no first generation for the wijk (not in the mirror), use the share of the
    # first generation (Europe / non-Europe) within the gemeente's foreign-origin population.
    foreign = gemeenten["herkomst_buiten_nederland"].astype(float)
    borrowed = wijken[["eerste_generatie_europa", "eerste_generatie_buiten_europa"]].isna().any(axis=1)
    for column in ("eerste_generatie_europa", "eerste_generatie_buiten_europa"):
        ratio = (gemeenten[column].astype(float) / foreign.where(foreign > 0)).reindex(of_gemeente).to_numpy()
        estimated = origin["herkomst_buiten_nederland"].astype(float) * ratio
        origin[column] = origin[column].astype(float).fillna(pd.Series(estimated, index=origin.index))
    parts = {
        "opleiding": by_gemeente["opleiding"].reindex(of_gemeente).set_axis(wijken.index),
        "leeftijd": age_shares(wijken),
        "herkomst": origin_shares(origin),
        "arbeid": by_gemeente["arbeid"].reindex(of_gemeente).set_axis(wijken.index),
    }
    notes = {code: f"{WIJK_SPLIT_NOTE if borrowed[code] else WIJK_NOTE} {WIJK_BLANKS_NOTE}" for code in wijken.index}
    return _complete(wijken, parts, notes, older=None)


def _complete(areas: pd.DataFrame, parts: dict[str, pd.DataFrame], notes: dict[str, str], *, older) -> AreaInputs:
    """Keep areas whose every input is present and positive; give a reason for the others."""
    population = areas["inwoners_15_65"].astype(float)
    inhabitants = areas["inwoners"].astype(float) if "inwoners" in areas else population
    missing = {}
    # No inhabitants at all wins over a (randomly rounded) count of 15–65-year-olds.
    usable = population.notna() & (population > 0) & (inhabitants != 0)
    for code in areas.index[~usable]:
        if inhabitants[code] == 0:
            missing[code] = "Geen schatting: dit gebied heeft geen inwoners."
        elif population[code] == 0:
            missing[code] = "Geen schatting: volgens CBS heeft dit gebied geen inwoners van 15 tot 65 jaar (wijkaantallen zijn afgerond)."
        else:
            missing[code] = "Geen inwoners van 15 tot 65 jaar bekend (CBS onderdrukt kleine aantallen)."
    for dimension, frame in parts.items():
        incomplete = frame.isna().any(axis=1) | (frame < 0).any(axis=1) | (frame.sum(axis=1) <= 0)
        for code in areas.index[incomplete & usable]:
            missing.setdefault(code, f"Invoer ontbreekt: {DIMENSION_LABELS[dimension]} (CBS publiceert geen waarde).")
        usable &= ~incomplete
    codes = list(areas.index[usable])
    if older is not None:
        # Without a population 65–75 there is no 66–75 estimate (missing, not 0), nor for its region.
        for code in areas.index[usable & older.isna()]:
            notes[code] = (notes.get(code, "") + " Geen schatting voor 66–75 jaar: de bevolking van 65 tot 75 jaar is onbekend.").strip()
    return AreaInputs(
        codes=codes,
        population_16_65=population[usable].to_numpy(),
        population_66_75=None if older is None else older[usable].to_numpy(),
        shares={dimension: _normalise(frame[usable]) for dimension, frame in parts.items()},
        notes={code: note for code, note in notes.items() if code in set(codes)},
        missing=missing,
    )


DIMENSION_LABELS = {"opleiding": "onderwijsniveau", "leeftijd": "leeftijdsopbouw", "herkomst": "herkomst", "arbeid": "arbeidsdeelname"}
