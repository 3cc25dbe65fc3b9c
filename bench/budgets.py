"""The budgets of issue 14, in one table: the PASS/FAIL lines of `bench/run.py` and the README table come from here.

Times are ratios to the floor (an empty Streamlit app loaded in the same Chromium on the same machine), so the
budgets hold on a slow laptop as on a fast one."""

from __future__ import annotations

import statistics
from typing import NamedTuple

from llo_dash.formatting import getal


class Budget(NamedTuple):
    naam: str
    sleutel: str  # the key in the measurements ("gemeten" in the JSON)
    grens: float
    eenheid: str  # "× vloer", "KB", "MB", "s", "fouten"


BUDGETS = (
    Budget("Regiowissel in de zijbalk, p95", "wissel_warm_p95_x", 1.5, "× vloer"),
    Budget("Eerste keer laden van een nieuwe regio, p95", "eerste_laad_p95_x", 2.5, "× vloer"),
    Budget("Kaart gemeenten van Nederland", "kaart_nl_gemeenten_kb", 250, "KB"),
    Budget("Kaart arbeidsmarktregio's van Nederland", "kaart_nl_regios_kb", 60, "KB"),
    Budget("Kaart gemeenten van één regio", "kaart_regio_gemeenten_kb", 60, "KB"),
    Budget("Kaart wijken van één gemeente (Amsterdam)", "kaart_gemeente_wijken_kb", 300, "KB"),
    Budget("Servergeheugen na de rondgang", "rss_na_tour_mb", 400, "MB"),
    Budget("Servergeheugen per extra open sessie", "rss_per_sessie_mb", 20, "MB"),
    Budget("Tien gebruikers tegelijk, p95", "tien_p95_x", 3.0, "× vloer"),
    Budget("Tien gebruikers tegelijk, fouten", "tien_fouten", 0, "fouten"),
    Budget("Volledige bouw uit de mirror", "bouw_s", 30, "s"),
    Budget("Koude start tot eerste pagina", "koude_start_x", 2.0, "× vloer"),
)


def oordeel(gemeten: dict[str, float]) -> list[tuple[Budget, float | None, bool]]:
    """(budget, measured value, passed) per budget; a value that was not measured fails."""
    uitkomst = []
    for budget in BUDGETS:
        waarde = gemeten.get(budget.sleutel)
        uitkomst.append((budget, waarde, waarde is not None and waarde <= budget.grens))
    return uitkomst


def markdown_tabel(uitkomst: list[tuple[Budget, float | None, bool]], wanneer: str) -> str:
    """The budget table for the README: budget, limit, measured value and verdict, in Dutch notation."""
    regels = [f"| Budget | Grens | Gemeten ({wanneer}) | |", "|---|---:|---:|---|"]
    for budget, waarde, geslaagd in uitkomst:
        gemeten = "niet gemeten" if waarde is None else f"{getal(waarde, 0 if budget.eenheid == 'fouten' else 2)} {budget.eenheid}"
        regels.append(f"| {budget.naam} | ≤ {getal(budget.grens, 1 if budget.grens % 1 else 0)} {budget.eenheid} "
                      f"| {gemeten} | {'PASS' if geslaagd else 'FAIL'} |")
    return "\n".join(regels) + "\n"


# Controls, not budgets: the empty app measured the same way as two budgets, so a reader sees how much of a
# measured ratio is the machine (Streamlit's own start, ten Chromium windows on the same cores) and how much is the
# dashboard. (key of the control, key of the dashboard's measurement, sentence)
CONTROLES = (
    ("controle_koude_start_x", "koude_start_x", "Koude start tot eerste pagina"),
    ("controle_tien_p95_x", "tien_p95_x", "Tien gebruikers tegelijk, p95"),
)


def controle_tabel(gemeten: dict[str, float]) -> str:
    """The controls as a small Markdown table: the empty app, the dashboard, and the dashboard over the empty app."""
    regels = ["| Ter vergelijking (geen budget) | Lege app | Dashboard | Dashboard ÷ lege app |", "|---|---:|---:|---:|"]
    for controle, eigen, naam in CONTROLES:
        leeg, dashboard = gemeten.get(controle), gemeten.get(eigen)
        if leeg is None or dashboard is None:
            continue
        regels.append(f"| {naam} | {getal(leeg, 2)} × vloer | {getal(dashboard, 2)} × vloer | {getal(dashboard / leeg, 2)} |")
    return "\n".join(regels) + "\n" if len(regels) > 2 else ""


def p50(waarden: list[float]) -> float:
    return statistics.median(waarden)


def p95(waarden: list[float]) -> float:
    """The 95th percentile (inclusive, so it lies within the measured values); one value is its own p95."""
    if len(waarden) == 1:
        return waarden[0]
    return statistics.quantiles(waarden, n=20, method="inclusive")[18]
