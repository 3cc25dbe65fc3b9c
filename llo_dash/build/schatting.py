"""Build step: the low-literacy estimate joined into `gebieden`, with its own tables and checks."""

from __future__ import annotations

import pandas as pd

from llo_dash.build.indeling import NEDERLAND_CODE
from llo_dash.errors import BuildError
from llo_dash.formatting import procent
from llo_dash.estimate.parameters import CENTRAAL, read_parameters, scenarios
from llo_dash.estimate.run import PART_GROUPS, Estimate
from llo_dash.indicators import SCHATTINGEN


def join_estimate(gebieden: pd.DataFrame, estimate: Estimate) -> pd.DataFrame:
    """`gebieden` with the estimate columns: counts as whole numbers, percentages with four decimals."""
    columns = estimate.columns.reindex(gebieden["code"])
    result = gebieden.copy()
    for indicator in SCHATTINGEN:
        values = columns[indicator.kolom].astype("Float64").to_numpy() if indicator.kolom in columns else pd.NA
        result[indicator.kolom] = pd.array(values, dtype="Float64")
        result.loc[~result["niveau"].isin(indicator.niveaus), indicator.kolom] = pd.NA
        result[indicator.kolom] = result[indicator.kolom].round(4) if indicator.is_percentage else result[indicator.kolom].round().astype("Int64")
    result["schatting_toelichting"] = pd.array(result["code"].map(estimate.toelichting), dtype="string")
    return result


def check_estimate(gebieden: pd.DataFrame) -> list[str]:
    """The estimate's promises: calibration, regions = sum of gemeenten, parts = total."""
    scenario = next(s for s in scenarios(read_parameters()) if s.naam == CENTRAAL)
    rows = gebieden.set_index("code")
    done = []
    for column, parameter in (("laaggeletterd_16_65_pct", "doel_16_65"), ("laaggeletterd_66_75_pct", "doel_66_75"),
                              ("laaggecijferd_16_65_pct", "doel_gecijferd_16_65")):
        value = float(rows.loc[NEDERLAND_CODE, column])
        if abs(value - scenario[parameter]) > 1e-3:
            raise BuildError(f"Controle schatting: Nederland komt uit op {value:.4f}% in plaats van {scenario[parameter]}% ({column}).")
    done.append(
        f"schatting: Nederland = {procent(scenario['doel_16_65'])} (16–65), {procent(scenario['doel_66_75'], 0)} (66–75) "
        f"en {procent(scenario['doel_gecijferd_16_65'])} laaggecijferd"
    )
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"]
    regios = rows[rows["niveau"] == "arbeidsmarktregio"]
    for column in ("laaggeletterd_16_65", "laaggeletterd_66_75", "laaggecijferd_16_65", "laaggeletterd_nt2"):
        sums = gemeenten.groupby("arbeidsmarktregio_code")[column].sum(min_count=1)
        if (regios[column] != sums.reindex(regios.index)).any():
            raise BuildError(f"Controle schatting: {column} van een arbeidsmarktregio is niet de som van haar gemeenten.")
    done.append("schatting: elke arbeidsmarktregio = som van haar gemeenten")
    estimated = gebieden[gebieden["laaggeletterd_16_65"].notna()]
    for group in PART_GROUPS:
        if (estimated[list(group)].sum(axis=1) != estimated["laaggeletterd_16_65"]).any():
            raise BuildError(f"Controle schatting: {' + '.join(group)} is niet het totaal.")
    done.append("schatting: NT1 + NT2, werkend + werkzoekend + inactief en de leeftijdsgroepen tellen op tot het totaal")
    return done
