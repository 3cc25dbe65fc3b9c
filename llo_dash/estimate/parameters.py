"""The model's parameters, read from `reference/geletterdheid_parameters.csv` (one row per parameter, with source).

A row with scenario `alle` holds for every scenario; a row naming a scenario replaces
that parameter in that scenario only. Scenario `centraal` is the estimate; the others
span the interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from llo_dash.errors import SchemaError
from llo_dash.reference import read_reference

CENTRAAL = "centraal"
REQUIRED = (
    "doel_16_65", "doel_66_75", "doel_gecijferd_16_65", "deelnemers_piaac_2023", "deelnemers_piaac_66_75", "totaal_2012",
    "opleiding_basisonderwijs_2012", "opleiding_vmbo_mbo1_2012", "odds_hoog_vs_middelbaar",
    "leeftijd_16_24_2012", "leeftijd_45_65_2012", "arbeid_werkend_2012", "arbeid_werkloos_2012",
    "aandeel_nt2_2023", "aandeel_nt2_2012", "odds_nt2_buiten_europa", "aandeel_betaald_werk_2012",
    "arbeid_beroepsbevolking_2012", "arbeid_65_75_werkend_2024", "arbeid_65_75_werkloos_2024",
    "opleiding_vmbo_mbo1_gepubliceerd", "leeftijd_55_65_2012",
)


@dataclass(frozen=True)
class Scenario:
    naam: str
    values: dict[str, float]

    def __getitem__(self, parameter: str) -> float:
        return self.values[parameter]

    def pct(self, parameter: str) -> float:
        """A percentage parameter as a fraction."""
        return self.values[parameter] / 100


def read_parameters() -> pd.DataFrame:
    table = read_reference("geletterdheid_parameters")
    missing = [name for name in REQUIRED if name not in set(table.loc[table["scenario"] == "alle", "parameter"])]
    if missing:
        raise SchemaError(f"Parametertabel geletterdheid_parameters.csv: parameter(s) {', '.join(missing)} ontbreken.")
    empty_source = table[(table["soort"] == "gepubliceerd") & (table["bron_url"].fillna("") == "")]
    if not empty_source.empty:
        raise SchemaError(f"Parametertabel: gepubliceerde parameter '{empty_source['parameter'].iloc[0]}' heeft geen bron-URL.")
    return table


def scenarios(table: pd.DataFrame) -> list[Scenario]:
    """The central scenario first, then one scenario per name used in an override row."""
    base = dict(zip(table.loc[table["scenario"] == "alle", "parameter"], table.loc[table["scenario"] == "alle", "waarde"]))
    names = [CENTRAAL] + sorted(set(table["scenario"]) - {"alle", CENTRAAL})
    result = []
    for name in names:
        overrides = table[table["scenario"] == name]
        result.append(Scenario(name, {**base, **dict(zip(overrides["parameter"], overrides["waarde"]))}))
    return result
