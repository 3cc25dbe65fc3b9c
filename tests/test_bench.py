"""The benchmark (`bench/run.py`) end to end on its tiny sample (`--snel`), so it cannot rot: it runs against real
servers in headless Chromium, writes every measurement and says PASS or FAIL for every budget.

No timing is asserted (speed is the benchmark's business, not the suite's); asserted are the shape of the
output, that the numbers are plausible for what they measure, and that no page failed on the way.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.budgets import BUDGETS
from tests.apptest import dutch

pytestmark = [pytest.mark.browser, pytest.mark.integration]

POORT = 8615  # four ports from here (floor, cold start, app, control); the full benchmark uses 8611-8614
# Measured besides the budget keys: the floor, the medians, and the parts behind the budgets.
OOK_GEMETEN = ("vloer_s", "koude_start_s", "rss_start_mb", "rss_na_sessies_mb", "eerste_laad_p50_x",
               "wissel_warm_p50_x", "tien_p50_x", "tien_stappen", "tien_zonder_kaart", "wijk_eerste_laad_s",
               "wijk_wissel_s", "controle_koude_start_x", "controle_tien_p95_x")


@pytest.fixture(scope="module")
def uitvoer(built_data, project_root, tmp_path_factory):
    """One `--snel` run on the test build (LLO_DASH_DATA, set by `built_data`): (exit code, stdout, JSON, table)."""
    uit = tmp_path_factory.mktemp("bench") / "bench.json"
    proces = subprocess.Popen(
        [sys.executable, "bench/run.py", "--snel", "--poort", str(POORT), "--uit", str(uit)],
        cwd=project_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        stdout, stderr = proces.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        proces.terminate()  # TERM: the benchmark stops its servers and browser itself
        stdout, stderr = proces.communicate(timeout=60)
        pytest.fail(f"De benchmark (--snel) duurde langer dan 15 minuten:\n{stdout[-3000:]}{stderr[-3000:]}")
    assert proces.returncode in (0, 3), stdout[-3000:] + stderr[-3000:]
    return proces.returncode, stdout, json.loads(uit.read_text()), uit.with_suffix(".md").read_text()


def test_every_budget_has_one_verdict_line(uitvoer):
    code, stdout, resultaat, _ = uitvoer
    regels = stdout.splitlines()
    for budget in BUDGETS:
        oordelen = [r for r in regels if r.startswith((f"PASS {budget.naam}:", f"FAIL {budget.naam}:"))]
        assert len(oordelen) == 1, (budget.naam, oordelen)
    # The exit code says whether all passed, like the lines do.
    assert (code == 0) == all(r.startswith("PASS") for r in regels if r.startswith(("PASS ", "FAIL ")))


def test_every_key_is_measured(uitvoer):
    gemeten = uitvoer[2]["gemeten"]
    ontbrekend = [b.sleutel for b in BUDGETS if b.sleutel not in gemeten] + [k for k in OOK_GEMETEN if k not in gemeten]
    assert ontbrekend == []
    assert uitvoer[2]["snel"] is True


def test_verdicts_follow_from_the_numbers(uitvoer):
    """Each verdict in the JSON is the measured value against the limit, checked here independently."""
    resultaat = uitvoer[2]
    for regel in resultaat["budgetten"]:
        verwacht = "PASS" if resultaat["gemeten"][regel["sleutel"]] <= regel["grens"] else "FAIL"
        assert regel["oordeel"] == verwacht, regel
    tabel = uitvoer[3]
    assert all(f"| {b.naam} |" in tabel for b in BUDGETS)


def test_numbers_are_plausible(uitvoer):
    g = uitvoer[2]["gemeten"]
    # A loaded page takes time, but not more than a step may take (180 s).
    assert 0 < g["vloer_s"] < 180 and 0 < g["koude_start_s"] < 600
    assert g["koude_start_x"] == pytest.approx(g["koude_start_s"] / g["vloer_s"])
    assert all(g[k] > 0 for k in ("eerste_laad_p95_x", "wissel_warm_p95_x", "tien_p95_x", "bouw_s"))
    # A Python process with pandas, geopandas and Streamlit loaded is well over 50 MB, and the tour adds to it.
    assert g["rss_start_mb"] > 50 and g["rss_na_tour_mb"] >= g["rss_start_mb"]
    # Every map message carries its areas: more areas, more bytes (342 gemeenten against one region's ≤ 33).
    assert all(0 < g[k] < 10_000 for k in ("kaart_nl_regios_kb", "kaart_nl_gemeenten_kb",
                                            "kaart_regio_gemeenten_kb", "kaart_gemeente_wijken_kb"))
    assert g["kaart_nl_gemeenten_kb"] > g["kaart_regio_gemeenten_kb"]
    # Two users (--snel) of five steps each, every step with its map drawn.
    assert g["tien_stappen"] == 10 and g["tien_zonder_kaart"] == 0
    # The controls ran the same plan on the empty app: as many steps, each a real load (more than nothing).
    assert len(uitvoer[2]["details"]["controle_tien_s"]) == 10
    assert g["controle_koude_start_s"] > 0 and g["controle_tien_p95_s"] > 0


def test_controls_are_in_the_table(uitvoer):
    """The README table says, beside the budgets, what the empty app measures the same way, and the dashboard's
    ratio to it (computed here independently)."""
    g, tabel = uitvoer[2]["gemeten"], uitvoer[3]
    assert "| Ter vergelijking (geen budget) |" in tabel
    verhouding = g["koude_start_x"] / g["controle_koude_start_x"]
    controles = tabel.split("| Ter vergelijking (geen budget) |", 1)[1]
    regel = next(r for r in controles.splitlines() if r.startswith("| Koude start tot eerste pagina | "))
    assert regel.split("|")[4].strip() == dutch(verhouding, 2)


def test_no_page_failed(uitvoer):
    """No exception box, page error or timeout anywhere in the run."""
    assert uitvoer[2]["fouten"] == []
    assert uitvoer[2]["gemeten"]["tien_fouten"] == 0
