"""Checks of the built `gebieden` table against the sources and the indeling; failures stop the build."""

from __future__ import annotations

import pandas as pd

from llo_dash.build.indeling import NEDERLAND_CODE, Indeling
from llo_dash.errors import BuildError

EXPECTED_COUNTS = {"gemeente": 342, "arbeidsmarktregio": 35, "nederland": 1}


def check_gebieden(gebieden: pd.DataFrame, indeling: Indeling, *, kwb_nederland: pd.DataFrame | None) -> list[str]:
    """Run the checks; returns a list of what was checked (for the manifest)."""
    done = []
    counts = gebieden["niveau"].value_counts()
    for level, expected in EXPECTED_COUNTS.items():
        if counts.get(level, 0) != expected:
            raise BuildError(f"Controle: {counts.get(level, 0)} rijen op niveau {level}, verwacht {expected}.")
    done.append("342 gemeenten, 35 arbeidsmarktregio's en 1 rij Nederland")

    built = set(gebieden.loc[gebieden["niveau"] == "gemeente", "code"])
    if built != indeling.gemeente_codes():
        differ = sorted(built ^ indeling.gemeente_codes())[:5]
        raise BuildError(f"Controle: de gemeentecodes wijken af van de indeling 2025 (86059NED): {', '.join(differ)}.")
    if gebieden["code"].duplicated().any():
        raise BuildError(f"Controle: code {gebieden.loc[gebieden['code'].duplicated(), 'code'].iloc[0]} komt dubbel voor.")
    done.append("geen code verloren of dubbel bij het koppelen")

    gemeenten = gebieden[gebieden["niveau"] == "gemeente"]
    # Checked first: the sums below would pass silently over missing values.
    empty = gemeenten.loc[gemeenten["inwoners"].isna() | (gemeenten["inwoners"] <= 0), "code"]
    if not empty.empty:
        raise BuildError(f"Controle: gemeente(n) zonder (positief) aantal inwoners: {', '.join(empty.head(5))}.")
    done.append("elke gemeente heeft inwoners")
    regios = gebieden[gebieden["niveau"] == "arbeidsmarktregio"].set_index("code")
    sums = gemeenten.groupby("arbeidsmarktregio_code")["inwoners"].sum()
    differs = (regios["inwoners"] - sums.reindex(regios.index)).abs() > 0
    if differs.any():
        raise BuildError(f"Controle: inwoners van {differs.idxmax()} zijn niet de som van de gemeenten.")
    done.append("inwoners van elke arbeidsmarktregio = som van haar gemeenten")

    nederland = gebieden.loc[gebieden["code"] == NEDERLAND_CODE, "inwoners"].iloc[0]
    if nederland != gemeenten["inwoners"].sum():
        raise BuildError("Controle: inwoners van Nederland zijn niet de som van de gemeenten.")
    if kwb_nederland is not None and NEDERLAND_CODE in kwb_nederland.index:
        published = kwb_nederland.loc[NEDERLAND_CODE, "inwoners"]
        if published != nederland:
            raise BuildError(f"Controle: inwoners van Nederland ({nederland}) wijken af van de KWB-rij Nederland ({published}).")
        done.append(f"inwoners Nederland = KWB 2024-rij Nederland ({int(published):,})".replace(",", "."))

    return done
