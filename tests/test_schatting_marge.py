"""The estimate's interval checked against its method (README, Bronnen & methode): the spread between the
scenarios and the 95% sampling margin of the national PIAAC figure, combined in quadrature, around the estimate.

Recomputed here from the built scenario table and the PIAAC sample size in the reference table, without the
estimate's own code, so a swapped lower/upper side or another z than 1,96 fails.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from llo_dash.config import PROJECT_ROOT

Z_95 = 1.96  # two-sided 95% of the normal distribution


@pytest.fixture(scope="module")
def scenarios(built_data) -> pd.DataFrame:
    """The 16–65 estimate (%) per region and Nederland in every scenario; the central scenario first."""
    table = pd.read_parquet(built_data / "geletterdheid" / "scenarios.parquet").set_index("code")
    assert table.columns[0] == "centraal"
    return table


@pytest.fixture(scope="module")
def piaac() -> tuple[float, float]:
    """(national share 16–65, number of PIAAC 2023 participants), read from the hand-written reference table."""
    table = pd.read_csv(PROJECT_ROOT / "reference" / "geletterdheid_parameters.csv")
    alle = table[table["scenario"] == "alle"].set_index("parameter")["waarde"].astype(float)
    return alle["doel_16_65"] / 100, alle["deelnemers_piaac_2023"]


def _expected_interval(code: str, scenarios: pd.DataFrame, piaac, gebieden) -> tuple[float, float]:
    """(low, high) in persons: the estimate minus/plus √(scenario spread² + sampling margin²) on its own side."""
    share, participants = piaac
    population = gebieden.loc[code, "inwoners_15_65"]
    in_persons = scenarios.loc[code] * population / 100
    central = in_persons["centraal"]
    below, above = central - in_persons.min(), in_persons.max() - central
    sampling = Z_95 * math.sqrt(share * (1 - share) / participants) / share * central  # relative margin, per area
    reported = gebieden.loc[code, "laaggeletterd_16_65"]
    return reported - math.hypot(below, sampling), reported + math.hypot(above, sampling)


def test_nederland_margin_is_the_piaac_sampling_margin(scenarios, piaac, gebieden):
    """Nederland is calibrated to 15,9% in every scenario, so only the sampling margin is left:
    1,96 × √(0,159 × 0,841 / 4.000) = 1,13 procentpunt, i.e. 14,8–17,0%."""
    assert scenarios.loc["NL00"].max() - scenarios.loc["NL00"].min() < 1e-6
    low, high = _expected_interval("NL00", scenarios, piaac, gebieden)
    assert gebieden.loc["NL00", "laaggeletterd_16_65_laag"] == pytest.approx(low, abs=1)
    assert gebieden.loc["NL00", "laaggeletterd_16_65_hoog"] == pytest.approx(high, abs=1)
    assert round(gebieden.loc["NL00", "laaggeletterd_16_65_pct_laag"], 1) == 14.8
    assert round(gebieden.loc["NL00", "laaggeletterd_16_65_pct_hoog"], 1) == 17.0


def test_region_margin_combines_its_own_spread_on_each_side(scenarios, piaac, gebieden):
    """The region whose scenarios spread most unevenly around the central one: the lower bound uses the spread
    below, the upper bound the spread above (swapping them moves the bounds by far more than rounding)."""
    spread = scenarios.sub(scenarios["centraal"], axis=0).drop(index="NL00")
    code = (spread.max(axis=1) + spread.min(axis=1)).abs().idxmax()
    below, above = -spread.loc[code].min(), spread.loc[code].max()
    assert abs(below - above) > 0.1, "kies een regio met een scheve spreiding; anders bewijst de test niets"
    low, high = _expected_interval(code, scenarios, piaac, gebieden)
    assert gebieden.loc[code, "laaggeletterd_16_65_laag"] == pytest.approx(low, abs=1)
    assert gebieden.loc[code, "laaggeletterd_16_65_hoog"] == pytest.approx(high, abs=1)
    population = gebieden.loc[code, "inwoners_15_65"]
    assert gebieden.loc[code, "laaggeletterd_16_65_pct_laag"] == pytest.approx(100 * low / population, abs=0.01)
    assert gebieden.loc[code, "laaggeletterd_16_65_pct_hoog"] == pytest.approx(100 * high / population, abs=0.01)
