"""Model inputs per area, from table `gebieden`: population and the share of each category.

16–65-year-olds are approximated by CBS's band 15 to 65 (the same number of year
cohorts); 66–75 by 65 to 75. Education (15–75) and labour-market position (15–75) are
only published per gemeente and up; wijken take them from their gemeente.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from llo_dash.estimate.model import Composition

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


def labour_shares(rows: pd.DataFrame) -> pd.DataFrame:
    netto = rows["netto_arbeidsparticipatie_pct"].astype(float)
    bruto = rows["bruto_arbeidsparticipatie_pct"].astype(float)
    return pd.DataFrame({"werkend": netto, "werkloos": bruto - netto, "inactief": 100 - bruto})


def age_shares(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"16_25": rows["inwoners_15_25"], "25_45": rows["inwoners_25_45"], "45_65": rows["inwoners_45_65"]}
    ).astype(float)


def gemeente_inputs(gebieden: pd.DataFrame) -> AreaInputs:
    """Inputs for every gemeente; education falls back to the region's published distribution."""
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
    parts = {
        "opleiding": education,
        "leeftijd": age_shares(gemeenten),
        "herkomst": origin_shares(gemeenten),
        "arbeid": labour_shares(gemeenten),
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
    notes = {code: "Grover: opleiding en arbeid van de gemeente; leeftijd en herkomst van de wijk." for code in wijken.index}
    return _complete(wijken, parts, notes, older=None)


def _complete(areas: pd.DataFrame, parts: dict[str, pd.DataFrame], notes: dict[str, str], *, older) -> AreaInputs:
    """Keep areas whose every input is present and positive; give a reason for the others."""
    population = areas["inwoners_15_65"].astype(float)
    missing = {}
    usable = population.notna() & (population > 0)
    for code in areas.index[~usable]:
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
