"""Run the estimate for every scenario and turn it into columns per area, with an interval.

Per scenario the effects are fitted on the gemeenten (`fit_scenario`), the
counts are summed to arbeidsmarktregio and Nederland, and the central scenario gives
the estimate. The interval combines two independent sources of uncertainty:
- the spread between the scenarios (plausible parameter sets), per area;
- the sampling margin of the national PIAAC figure (about 4,000 participants),
  applied proportionally to every area.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from llo_dash.estimate import groepen
from llo_dash.estimate.inputs import CATEGORIES, NT2, AreaInputs, gemeente_inputs, older_labour_parameters, wijk_inputs
from llo_dash.estimate.model import (
    Composition,
    Effects,
    Targets,
    calibrate_intercept,
    expected_counts,
    expit,
    fit,
    group_rates,
    share_to_rate,
)
from llo_dash.estimate.parameters import Scenario, read_parameters, scenarios

# Output columns -> the cells they sum: {dimension: categories}. The NT1/NT2 × labour cells
# are the finest split; NT1, NT2 and the labour totals are sums of them, so everything adds up.
CROSS = {
    f"laaggeletterd_{origin}_{labour}": {"herkomst": categories, "arbeid": (cell,)}
    for origin, categories in (("nt1", ("nt1",)), ("nt2", NT2))
    for labour, cell in (("werkend", "werkend"), ("werkzoekend", "werkloos"), ("inactief", "inactief"))
}
NT2_SPLIT = {
    "laaggeletterd_nt2_europa": {"herkomst": ("nt2_europa",)},
    "laaggeletterd_nt2_buiten_europa": {"herkomst": ("nt2_buiten_europa",)},
}
AGES = {f"laaggeletterd_{band}": {"leeftijd": (band,)} for band in ("16_25", "25_45", "45_65")}
PARTS = {**CROSS, **NT2_SPLIT, **AGES}
SUMS = {  # derived from the rounded cross cells
    "laaggeletterd_nt1": [c for c in CROSS if c.startswith("laaggeletterd_nt1_")],
    "laaggeletterd_nt2": [c for c in CROSS if c.startswith("laaggeletterd_nt2_")],
    "laaggeletterd_werkend": ["laaggeletterd_nt1_werkend", "laaggeletterd_nt2_werkend"],
    "laaggeletterd_werkzoekend": ["laaggeletterd_nt1_werkzoekend", "laaggeletterd_nt2_werkzoekend"],
    "laaggeletterd_inactief": ["laaggeletterd_nt1_inactief", "laaggeletterd_nt2_inactief"],
}
# Groups of parts that add up to the total.
PART_GROUPS = (
    tuple(CROSS),
    ("laaggeletterd_nt1", "laaggeletterd_nt2"),
    ("laaggeletterd_nt1", "laaggeletterd_nt2_europa", "laaggeletterd_nt2_buiten_europa"),
    ("laaggeletterd_werkend", "laaggeletterd_werkzoekend", "laaggeletterd_inactief"),
    tuple(AGES),
)
TOTALS = {  # total -> (population column, parameter with the national rate)
    "laaggeletterd_16_65": ("inwoners_15_65", "doel_16_65"),
    "laaggeletterd_66_75": ("inwoners_65_75", "doel_66_75"),
    "laaggecijferd_16_65": ("inwoners_15_65", "doel_gecijferd_16_65"),
}
# National share and sample size behind each total (the 66–75 sample size is an assumption).
SAMPLING = {
    "laaggeletterd_16_65": ("doel_16_65", "deelnemers_piaac_2023"),
    "laaggecijferd_16_65": ("doel_gecijferd_16_65", "deelnemers_piaac_2023"),
    "laaggeletterd_66_75": ("doel_66_75", "deelnemers_piaac_66_75"),
}


def targets_2012(scenario: Scenario, composition: Composition) -> Targets:
    """Step 1: the relative differences of PIAAC 2012 (one-way rates and the NT2 share), at the 2012 level."""
    total = scenario.pct("totaal_2012")
    rates = {
        "opleiding": {"basisonderwijs": scenario.pct("opleiding_basisonderwijs_2012"), "vmbo_mbo1": scenario.pct("opleiding_vmbo_mbo1_2012")},
        "leeftijd": {"16_25": scenario.pct("leeftijd_16_24_2012"), "45_65": scenario.pct("leeftijd_45_65_2012")},
        "arbeid": {"werkend": scenario.pct("arbeid_werkend_2012"), "werkloos": scenario.pct("arbeid_werkloos_2012")},
        "herkomst": {NT2: share_to_rate(composition, "herkomst", NT2, scenario.pct("aandeel_nt2_2012"), total)},
    }
    odds = {"opleiding": {"hoog": scenario["odds_hoog_vs_middelbaar"]}, "herkomst": {"nt2_buiten_europa": scenario["odds_nt2_buiten_europa"]}}
    return Targets(total=total, rates=rates, odds=odds)


def targets_2023(scenario: Scenario, composition: Composition) -> Targets:
    """Step 2: the 2023 level (15,9%) and the 2023 NT2 share; education, age and labour effects stay as in step 1."""
    total = scenario.pct("doel_16_65")
    return Targets(total=total, rates={"herkomst": {NT2: share_to_rate(composition, "herkomst", NT2, scenario.pct("aandeel_nt2_2023"), total)}})


def fit_scenario(scenario: Scenario, composition: Composition) -> tuple[Effects, Effects]:
    """Effects for 16–65: the 2012 structure (step 1), and the 2023 estimate (step 2)."""
    structure = fit(composition, targets_2012(scenario, composition))
    return structure, fit(composition, targets_2023(scenario, composition), start=structure)


@dataclass
class ScenarioResult:
    naam: str
    structure: Effects  # step 1, at the 2012 level
    effects: Effects  # step 2, the 2023 estimate
    counts: pd.DataFrame  # per gemeente: totals and parts (unrounded)


def _sum_cells(counts: np.ndarray, selection: dict[str, tuple[str, ...]]) -> np.ndarray:
    """Per area, the sum of the cells whose categories are in `selection` (other dimensions: all)."""
    index = [slice(None)]
    for dimension, categories in CATEGORIES.items():
        chosen = selection.get(dimension)
        index.append([categories.index(c) for c in chosen] if chosen else slice(None))
    selected = counts[np.ix_(*[np.arange(n) if isinstance(i, slice) else np.array(i) for i, n in zip(index, counts.shape)])]
    return selected.reshape(counts.shape[0], -1).sum(axis=1)


def run_scenario(scenario: Scenario, inputs: AreaInputs) -> ScenarioResult:
    composition = inputs.composition()
    structure, effects = fit_scenario(scenario, composition)
    counts = expected_counts(composition, effects)
    columns = {"laaggeletterd_16_65": counts.reshape(len(inputs.codes), -1).sum(axis=1)}
    for column, selection in PARTS.items():
        columns[column] = _sum_cells(counts, selection)
    numeracy = calibrate_intercept(composition, effects, scenario.pct("doel_gecijferd_16_65"))
    columns["laaggecijferd_16_65"] = expected_counts(composition, numeracy).reshape(len(inputs.codes), -1).sum(axis=1)
    # 66–75: the same differences by education and origin; retired, so no age or labour effect.
    older = inputs.composition(("opleiding", "herkomst"), older=True)
    older_effects = calibrate_intercept(
        older, Effects(0.0, {d: effects.effects[d] for d in ("opleiding", "herkomst")}), scenario.pct("doel_66_75")
    )
    columns["laaggeletterd_66_75"] = expected_counts(older, older_effects).reshape(len(inputs.codes), -1).sum(axis=1)
    return ScenarioResult(scenario.naam, structure, effects, pd.DataFrame(columns, index=inputs.codes))


# Roles of the rows of the structure check (column `rol`).
GEFIT = "gefit"
GEFIT_AFGELEID = "gefit op een afgeleid doel"
GECONTROLEERD = "controle, niet gefit"
NIET_TE_CONTROLEREN = "niet te controleren"
NIET_GEPUBLICEERD = "niet gepubliceerd"


def structure_check(scenario: Scenario, inputs: AreaInputs, result: "ScenarioResult", table: pd.DataFrame) -> pd.DataFrame:
    """National rates of the model next to the published ones, saying per row what was fitted and what only checked.

    Columns: groep; gepubliceerd_2012_pct (the published figure itself, never a derived one); doel_2012_pct (what
    step 1 was fitted to; empty for rows that are not fitted); model_2012_pct (step 1, the 2012 structure);
    model_2023_pct (the estimate; PIAAC 2023 publishes no rates per group); verschil_2012_procentpunt (model 2012
    minus published); rol (gefit / gefit op een afgeleid doel / controle, niet gefit / niet te controleren /
    niet gepubliceerd); bron (of the published figure, or of the derived target).
    """
    composition = inputs.composition()
    persons = composition.cells()
    counts = {2012: persons * expit(result.structure.logits(composition)), 2023: persons * expit(result.effects.logits(composition))}
    source = table[table["scenario"] == "alle"].set_index("parameter")

    def rate(dimension: str, categories: tuple[str, ...], year: int) -> float:
        axis = composition.dimensions.index(dimension)
        members = [[composition.categories[dimension].index(c) for c in categories]]
        return 100 * group_rates(counts[year], persons, axis, members)[0]

    def share(dimension: str, categories: tuple[str, ...], year: int) -> float:
        axis = composition.dimensions.index(dimension) + 1
        index = [slice(None)] * persons.ndim
        index[axis] = [composition.categories[dimension].index(c) for c in categories]
        return 100 * counts[year][tuple(index)].sum() / counts[year].sum()

    def row(groep, published, target, model, rol, bron):
        return {"groep": groep, "gepubliceerd_2012_pct": published, "doel_2012_pct": target,
                "model_2012_pct": model(2012) if model else np.nan, "model_2023_pct": model(2023) if model else np.nan,
                "rol": rol, "bron": bron}

    def published(parameter):
        return float(source.loc[parameter, "waarde"])

    def bron(parameter):
        return source.loc[parameter, "bron"]

    rows = [
        row(groepen.TOTAAL, published("totaal_2012"), scenario["totaal_2012"],
            lambda year: 100 * counts[year].sum() / persons.sum(), GEFIT, bron("totaal_2012")),
        row(groepen.BASISONDERWIJS, published("opleiding_basisonderwijs_2012"), scenario["opleiding_basisonderwijs_2012"],
            lambda year: rate("opleiding", ("basisonderwijs",), year), GEFIT,
            bron("opleiding_basisonderwijs_2012") + "; gepubliceerd voor 'basisschool niet voltooid'"),
        row(groepen.VMBO_MBO1, published("opleiding_vmbo_mbo1_gepubliceerd"), scenario["opleiding_vmbo_mbo1_2012"],
            lambda year: rate("opleiding", ("vmbo_mbo1",), year), GEFIT_AFGELEID,
            bron("opleiding_vmbo_mbo1_gepubliceerd") + "; doel: 'bijna 40%' als taal en/of rekenen, omgerekend naar alleen taal"),
        row(groepen.LEEFTIJD_16_25, published("leeftijd_16_24_2012"), scenario["leeftijd_16_24_2012"],
            lambda year: rate("leeftijd", ("16_25",), year), GEFIT, bron("leeftijd_16_24_2012") + "; gepubliceerd voor 16–24 jaar"),
        row(groepen.LEEFTIJD_45_65, np.nan, scenario["leeftijd_45_65_2012"], lambda year: rate("leeftijd", ("45_65",), year),
            GEFIT_AFGELEID, "niet gepubliceerd; doel afgeleid uit 55–65 jaar en het totaal"),
        row(groepen.LEEFTIJD_55_65, published("leeftijd_55_65_2012"), np.nan, None, NIET_TE_CONTROLEREN,
            bron("leeftijd_55_65_2012") + "; het model kent (net als CBS per gemeente) alleen 45–65 jaar"),
        row(groepen.WERKENDEN, published("arbeid_werkend_2012"), scenario["arbeid_werkend_2012"],
            lambda year: rate("arbeid", ("werkend",), year), GEFIT, bron("arbeid_werkend_2012")),
        row(groepen.WERKLOZEN, published("arbeid_werkloos_2012"), scenario["arbeid_werkloos_2012"],
            lambda year: rate("arbeid", ("werkloos",), year), GEFIT, bron("arbeid_werkloos_2012")),
        row(groepen.BEROEPSBEVOLKING, published("arbeid_beroepsbevolking_2012"), np.nan,
            lambda year: rate("arbeid", ("werkend", "werkloos"), year), GECONTROLEERD, bron("arbeid_beroepsbevolking_2012")),
        row(groepen.AANDEEL_BETAALD_WERK, published("aandeel_betaald_werk_2012"), np.nan,
            lambda year: share("arbeid", ("werkend",), year), GECONTROLEERD, bron("aandeel_betaald_werk_2012")),
        row(groepen.AANDEEL_NT2, published("aandeel_nt2_2012"), scenario["aandeel_nt2_2012"],
            lambda year: share("herkomst", NT2, year), GEFIT,
            f"{bron('aandeel_nt2_2012')}; 100 min 'circa 65%' NT1; doel 2023: {scenario['aandeel_nt2_2023']:.0f}%"),
        row(groepen.NT1, np.nan, np.nan, lambda year: rate("herkomst", ("nt1",), year),
            NIET_GEPUBLICEERD, "volgt uit het NT2-aandeel en het totaal"),
        row(groepen.NT2, np.nan, np.nan, lambda year: rate("herkomst", NT2, year),
            NIET_GEPUBLICEERD, "volgt uit het NT2-aandeel en het totaal"),
    ]
    frame = pd.DataFrame(rows)
    frame["verschil_2012_procentpunt"] = frame["model_2012_pct"] - frame["gepubliceerd_2012_pct"]
    return frame[["groep", "gepubliceerd_2012_pct", "doel_2012_pct", "model_2012_pct", "verschil_2012_procentpunt",
                  "model_2023_pct", "rol", "bron"]]


def effects_table(results: list[ScenarioResult]) -> pd.DataFrame:
    """Fitted odds ratios (relative to each dimension's first category) per scenario, for the method page."""
    rows = []
    for result in results:
        for dimension, values in result.effects.effects.items():
            for category, value in zip(CATEGORIES[dimension], values):
                rows.append({"scenario": result.naam, "dimensie": dimension, "categorie": category,
                             "odds_ratio": float(np.exp(value - values[0]))})
    return pd.DataFrame(rows)


# --- from scenario counts per gemeente to columns per area -----------------------------------

def round_to_total(values: pd.Series) -> pd.Series:
    """Whole numbers that add up to the rounded total (largest remainder), so Nederland stays on its target."""
    floors = np.floor(values)
    shortfall = int(round(values.sum() - floors.sum()))
    order = (values - floors).sort_values(ascending=False).index[:shortfall]
    floors.loc[order] += 1
    return floors


def round_row_to(parts: pd.DataFrame, totals: pd.Series) -> pd.DataFrame:
    """Round each row of `parts` to whole numbers that add up to the row's (whole) total (largest remainder)."""
    values = parts.to_numpy(dtype=float)
    target = totals.to_numpy(dtype=float)
    present = values.sum(axis=1)
    # Scale to the rounded total first, so only the remainders are distributed.
    values = np.where(present[:, None] > 0, values * (target / np.where(present > 0, present, 1))[:, None], 0)
    floors = np.floor(values)
    need = (target - floors.sum(axis=1)).round().astype(int)
    order = np.argsort(-(values - floors), axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(values.shape[1])[None, :].repeat(len(values), axis=0), axis=1)
    return pd.DataFrame(floors + (ranks < need[:, None]), index=parts.index, columns=parts.columns)


def _round_preserving(frame: pd.DataFrame, groups: pd.Series | None = None) -> pd.DataFrame:
    """Whole persons that add up: totals keep their sum over all areas (or per gemeente, for wijken, via
    `groups`); within an area the cells add up to its total and the published splits are sums of cells."""
    totals = [column for column in frame if column not in PARTS]
    if groups is None:
        rounded = frame[totals].apply(round_to_total)
    else:
        rounded = frame[totals].groupby(groups.to_numpy(), group_keys=False).apply(lambda part: part.apply(round_to_total))
    total = rounded["laaggeletterd_16_65"]
    rounded = rounded.join(round_row_to(frame[list(CROSS)], total)).join(round_row_to(frame[list(AGES)], total))
    for column, members in SUMS.items():
        rounded[column] = rounded[members].sum(axis=1)
    return rounded.join(round_row_to(frame[list(NT2_SPLIT)], rounded["laaggeletterd_nt2"]))


def _regions(counts: pd.DataFrame, region_of: pd.Series, all_gemeenten: pd.Index) -> pd.DataFrame:
    """Sums per arbeidsmarktregio and for Nederland; missing if any gemeente of the area is missing."""
    full = counts.reindex(all_gemeenten)
    keys = region_of.reindex(all_gemeenten)
    grouped = full.groupby(keys)
    regions = grouped.sum(min_count=1).where(grouped.count() == grouped.size().to_numpy()[:, None])
    nederland = full.sum(min_count=1).to_frame("NL00").T.where(full.notna().all().to_frame("NL00").T)
    return pd.concat([regions, nederland])


def _interval(reported: pd.Series, scenario_values: list[pd.Series], relative_margin: float) -> tuple[pd.Series, pd.Series]:
    """Scenario spread and sampling margin combined in quadrature (independent sources), around the reported value.

    `scenario_values[0]` is the central scenario before rounding; the spread is measured from it.
    """
    central = scenario_values[0]
    spread = pd.concat(scenario_values, axis=1)
    below = (central - spread.min(axis=1)).clip(lower=0)
    above = (spread.max(axis=1) - central).clip(lower=0)
    sampling = relative_margin * central
    return reported - np.sqrt(below**2 + sampling**2), reported + np.sqrt(above**2 + sampling**2)


def relative_sampling_margin(scenario: Scenario, total: str) -> float:
    """95% margin of a national PIAAC share relative to the share (simple random sample of that size)."""
    rate, size = SAMPLING[total]
    p, n = scenario.pct(rate), scenario[size]
    return 1.96 * np.sqrt(p * (1 - p) / n) / p


@dataclass
class Estimate:
    columns: pd.DataFrame  # estimate columns per area code (NL00, AMxx, GMxxxx, WKxxxxxx)
    toelichting: pd.Series  # per area code: fallback used, coarser method, or why there is no estimate
    controle: pd.DataFrame  # structure check: published 2012 rates vs the model
    effecten: pd.DataFrame  # fitted odds ratios per scenario
    scenarios: pd.DataFrame  # the 16–65 estimate per region and Nederland in every scenario


def estimate_areas(gebieden: pd.DataFrame, table: pd.DataFrame | None = None) -> Estimate:
    """The estimate for every gemeente, arbeidsmarktregio, Nederland and wijk."""
    table = read_parameters() if table is None else table
    all_scenarios = scenarios(table)
    inputs = gemeente_inputs(gebieden, older_labour_parameters(all_scenarios[0]))
    results = [run_scenario(scenario, inputs) for scenario in all_scenarios]
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"].set_index("code")
    region_of = gemeenten["arbeidsmarktregio_code"]
    populations = gebieden.set_index("code")[["inwoners_15_65", "inwoners_65_75"]].astype(float)

    central_gemeente = _round_preserving(results[0].counts)
    central = pd.concat([central_gemeente.reindex(gemeenten.index), _regions(central_gemeente, region_of, gemeenten.index)])
    per_scenario = [pd.concat([r.counts.reindex(gemeenten.index), _regions(r.counts, region_of, gemeenten.index)]) for r in results]

    columns = central.copy()
    for total, (population, _) in TOTALS.items():
        margin = relative_sampling_margin(all_scenarios[0], total)
        low, high = _interval(central[total], [frame[total] for frame in per_scenario], margin)
        columns[f"{total}_laag"], columns[f"{total}_hoog"] = low.round(), high.round()
    columns["laaggeletterd_16_75"] = columns["laaggeletterd_16_65"] + columns["laaggeletterd_66_75"]
    # Both intervals at their bound together: a conservative interval for the sum.
    for bound in ("laag", "hoog"):
        columns[f"laaggeletterd_16_75_{bound}"] = columns[f"laaggeletterd_16_65_{bound}"] + columns[f"laaggeletterd_66_75_{bound}"]
    wijken = wijk_inputs(gebieden, inputs)
    columns = pd.concat([columns, wijk_columns(wijken, gebieden, results[0].effects, columns)])
    columns = add_percentages(columns, populations.reindex(columns.index))
    scenario_frame = pd.DataFrame(
        {result.naam: 100 * frame["laaggeletterd_16_65"] / populations["inwoners_15_65"].reindex(frame.index) for result, frame in zip(results, per_scenario)}
    ).loc[lambda f: ~f.index.str.startswith("GM")]
    return Estimate(
        columns=columns,
        toelichting=pd.Series({**inputs.notes, **inputs.missing, **wijken.notes, **wijken.missing}, dtype="string"),
        controle=structure_check(all_scenarios[0], inputs, results[0], table),
        effecten=effects_table(results),
        scenarios=scenario_frame.rename_axis("code").reset_index(),
    )


def add_percentages(columns: pd.DataFrame, populations: pd.DataFrame) -> pd.DataFrame:
    columns = columns.copy()
    base = {"laaggeletterd_16_65": populations["inwoners_15_65"], "laaggecijferd_16_65": populations["inwoners_15_65"],
            "laaggeletterd_66_75": populations["inwoners_65_75"],
            "laaggeletterd_16_75": populations["inwoners_15_65"] + populations["inwoners_65_75"]}
    for total, population in base.items():
        for suffix in ("", "_laag", "_hoog"):
            if f"{total}{suffix}" in columns:
                columns[f"{total}_pct{suffix}"] = 100 * columns[f"{total}{suffix}"] / population.where(population > 0)
    return columns


def wijk_columns(inputs: AreaInputs, gebieden: pd.DataFrame, effects: Effects, areas: pd.DataFrame) -> pd.DataFrame:
    """Central 16–65 estimate per wijk, benchmarked so that the wijken add up to their gemeente."""
    if not inputs.codes:
        return pd.DataFrame(columns=["laaggeletterd_16_65", *PARTS])
    composition = inputs.composition()
    counts = expected_counts(composition, effects)
    raw = pd.DataFrame({"laaggeletterd_16_65": counts.reshape(len(inputs.codes), -1).sum(axis=1)}, index=inputs.codes)
    for column, selection in PARTS.items():
        raw[column] = _sum_cells(counts, selection)
    of_gemeente = gebieden.set_index("code").loc[raw.index, "gemeente_code"]
    # Benchmark to the gemeente: only the distribution over its wijken comes from the wijk inputs.
    factor = areas["laaggeletterd_16_65"].reindex(of_gemeente).to_numpy() / raw.groupby(of_gemeente.to_numpy())["laaggeletterd_16_65"].transform("sum").to_numpy()
    scaled = _round_preserving(raw.mul(factor, axis=0), groups=of_gemeente)
    for bound in ("laag", "hoog"):
        ratio = (areas[f"laaggeletterd_16_65_{bound}"] / areas["laaggeletterd_16_65"]).reindex(of_gemeente).to_numpy()
        scaled[f"laaggeletterd_16_65_{bound}"] = (scaled["laaggeletterd_16_65"] * ratio).round()
    return scaled
