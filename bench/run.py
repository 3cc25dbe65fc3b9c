"""Benchmark of issue 14: how fast and how light the dashboard is on this machine, against its budgets.

Run: `.venv/bin/python bench/run.py [--snel]`. Measures in one run, in headless Chromium against real servers:
the floor (an empty Streamlit app), first loads and sidebar region switches per page, the bytes of each map
message, the server's memory after a tour of every page and region and per extra idle session, the full build
from the mirror, the cold start, and ten concurrent sessions. Prints a table and one PASS/FAIL line per budget
(`bench/budgets.py`) and writes everything as JSON to bench/results/ (git-ignored). Exit code 0 when every
budget passes, 3 when one fails. `--snel` measures a tiny sample (for tests/test_bench.py).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import platform
import signal
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from bench import browser as br  # noqa: E402
from bench import metingen as mt  # noqa: E402
from bench import server as srv  # noqa: E402
from bench.budgets import controle_tabel, markdown_tabel, oordeel, p50, p95  # noqa: E402
from llo_dash.build.pipeline import code_version, run_build  # noqa: E402
from llo_dash.config import Settings, load_settings  # noqa: E402
from llo_dash.formatting import getal  # noqa: E402

# An empty tour () visits all 35 regions.
VOLLEDIG = mt.Steekproef(mt.PAGINAS, mt.REGIOS, (), vloer_herhalingen=5, gebruikers=10, extra_sessies=5)
SNEL = mt.Steekproef(("", "vindplaatsen"), mt.REGIOS[:2], mt.REGIOS[:2], vloer_herhalingen=2, gebruikers=2,
                     extra_sessies=2)


def _regionamen(data_dir: Path) -> dict[str, str]:
    gebieden = pd.read_parquet(data_dir / "cbs" / "gebieden.parquet", columns=["niveau", "code", "naam"])
    regios = gebieden[gebieden["niveau"] == "arbeidsmarktregio"]
    return dict(zip(regios["code"], regios["naam"]))


def _bouw(tmp: Path) -> float:
    """Seconds for the full build from the mirror into a temporary data folder."""
    settings = load_settings()
    target = Settings(mirror=settings.mirror, data_dir=tmp / "data", cache_dir=tmp / "cache")
    begin = time.monotonic()
    run_build(target, offline=True)
    return time.monotonic() - begin


async def _vloer(browser, steekproef: mt.Steekproef, poort: int, tmp: Path, gemeten: dict, details: dict) -> None:
    """The floor, and the cold start of the empty app itself (a control: what any Streamlit app costs here)."""
    begin = time.monotonic()
    leeg = srv.start("bench/leeg_app.py", poort, tmp)
    try:
        gemeten["controle_koude_start_s"] = await mt.koude_start(browser, leeg, begin)
        tijden = await mt.vloer(browser, leeg.url, steekproef.vloer_herhalingen)
    finally:
        srv.stop(leeg)
    details["vloer_s"] = tijden
    gemeten["vloer_s"] = p50(tijden)


async def _tegelijk_leeg(browser, steekproef: mt.Steekproef, poort: int, tmp: Path, gemeten: dict,
                         details: dict) -> list[str]:
    """The control of the users at once: the same plan (links and sidebar switches) on an app that does no work,
    so the table shows what the machine itself costs with that many Chromium windows on its cores."""
    leeg = srv.start("bench/leeg_zijbalk_app.py", poort, tmp)
    try:
        srv.wait_healthy(leeg)
        namen = {code: f"Regio {code}" for code in steekproef.rondgang}
        tijden, fouten, _ = await mt.tegelijk(browser, leeg.url, steekproef.gebruikers, steekproef.rondgang, namen,
                                              paginas=("", "", ""))
    finally:
        srv.stop(leeg)
    details["controle_tien_s"] = tijden
    gemeten.update(controle_tien_p50_s=p50(tijden), controle_tien_p95_s=p95(tijden))
    return [f"controle: {fout}" for fout in fouten]


async def _koud_en_tegelijk(browser, steekproef: mt.Steekproef, poort: int, tmp: Path, gemeten: dict,
                            details: dict, namen: dict[str, str]) -> list[str]:
    """The cold start on the freshly built data, then the users at once on that same fresh server."""
    begin = time.monotonic()
    koud = srv.start("app.py", poort + 1, tmp, env={"LLO_DASH_DATA": str(tmp / "data")})
    try:
        gemeten["koude_start_s"] = await mt.koude_start(browser, koud, begin)
        fase = _fase(details, "gelijktijdige sessies", ("koude start", begin))
        tijden, fouten, zonder_kaart = await mt.tegelijk(browser, koud.url, steekproef.gebruikers,
                                                         steekproef.rondgang, namen)
        _fase(details, "", fase)
    finally:
        srv.stop(koud)
    details["tien_s"] = tijden
    gemeten.update(tien_p50_s=p50(tijden), tien_p95_s=p95(tijden), tien_fouten=len(fouten),
                   tien_zonder_kaart=zonder_kaart, tien_stappen=len(tijden))
    return fouten


async def _app(browser, steekproef: mt.Steekproef, poort: int, tmp: Path, gemeten: dict, details: dict,
               namen: dict[str, str]) -> list[str]:
    """Map messages, pages and tour, memory: one server on the project's data."""
    app = srv.start("app.py", poort + 2, tmp)
    contexten = []
    try:
        srv.wait_healthy(app)
        gemeten["rss_start_mb"] = srv.rss_mb(app.pid)
        fase = _fase(details, "kaartberichten")
        kaarten, details["bytes_per_kaartpagina"] = await mt.kaart_bytes(browser, app.url)
        details["kaart_bytes"] = kaarten
        gemeten.update(
            kaart_nl_regios_kb=kaarten["kaart_nl_regios"] / 1000,
            kaart_nl_gemeenten_kb=kaarten["kaart_nl_gemeenten"] / 1000,
            kaart_regio_gemeenten_kb=max(kaarten["kaart_regio_gemeenten_AM18"],
                                         kaarten["kaart_regio_gemeenten_AM02"]) / 1000,
            kaart_gemeente_wijken_kb=kaarten["kaart_gemeente_wijken"] / 1000,
        )
        fase = _fase(details, "pagina's en rondgang", fase)
        paginas = await mt.pagina_rondgang(browser, app.url, steekproef, namen)
        _pagina_cijfers(paginas, gemeten, details)
        await asyncio.sleep(3)  # the last rerun's objects settle before the memory is read
        gemeten["rss_na_tour_mb"] = srv.rss_mb(app.pid)
        fase = _fase(details, "extra sessies", fase)
        voor, na, contexten = await mt.extra_sessies(browser, app.url, app.pid, steekproef.extra_sessies)
        gemeten["rss_per_sessie_mb"] = (na - voor) / steekproef.extra_sessies
        gemeten["rss_na_sessies_mb"] = na
        _fase(details, "", fase)
    finally:
        for context in contexten:
            await context.close()
        srv.stop(app)
    return paginas.fouten


async def _meet(steekproef: mt.Steekproef, poort: int, tmp: Path, gemeten: dict, details: dict) -> list[str]:
    """Every measurement in browser and servers; fills `gemeten` (the budget keys and more) and `details`.
    A part that fails is reported in the errors and leaves its keys out (its budgets FAIL); the rest still runs."""
    fouten: list[str] = []
    namen = _regionamen(load_settings().data_dir)
    steekproef = dataclasses.replace(steekproef, rondgang=steekproef.rondgang or tuple(sorted(namen)))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=br.CHROMIUM, args=br.CHROMIUM_ARGS)
        try:
            for naam, deel in (("vloer", _vloer(browser, steekproef, poort, tmp, gemeten, details)),
                               ("gelijktijdig op de lege app", _tegelijk_leeg(browser, steekproef, poort + 3, tmp, gemeten, details)),
                               ("koude start en gelijktijdig", _koud_en_tegelijk(browser, steekproef, poort, tmp, gemeten, details, namen)),
                               ("server met de rondgang", _app(browser, steekproef, poort, tmp, gemeten, details, namen))):
                fase = _fase(details, naam)
                try:
                    fouten += await deel or []
                except Exception as error:  # noqa: BLE001 - measure the rest, report this part
                    fouten.append(f"{naam}: {type(error).__name__}: {error}")
                _fase(details, "", fase)
        finally:
            await browser.close()
    _verhoudingen(gemeten)
    return fouten


def _verhoudingen(gemeten: dict) -> None:
    """Times as ratios to the floor (`*_s` -> `*_x`), for the budgets."""
    vloer = gemeten.get("vloer_s")
    if not vloer:
        return
    for sleutel in [k for k in gemeten if k.endswith("_s") and k not in ("vloer_s", "bouw_s")]:
        gemeten[sleutel[:-2] + "_x"] = gemeten[sleutel] / vloer


def _fase(details: dict, naam: str, vorige: tuple[str, float] | None = None) -> tuple[str, float]:
    """Close the previous phase (its seconds into details["fasen_s"]) and start `naam`."""
    nu = time.monotonic()
    if naam:
        print(f"… {naam}", file=sys.stderr, flush=True)
    if vorige:
        details.setdefault("fasen_s", {})[vorige[0]] = round(nu - vorige[1], 1)
    return naam, nu


def _pagina_cijfers(paginas: mt.PaginaMetingen, gemeten: dict, details: dict) -> None:
    for soort in ("eerste_laad", "wissel_warm", "wissel_nieuw"):
        per_pagina = getattr(paginas, soort)
        alle = [s for tijden in per_pagina.values() for s in tijden]
        if alle:
            gemeten[f"{soort}_p50_s"] = p50(alle)
            gemeten[f"{soort}_p95_s"] = p95(alle)
        details[soort] = {pagina: {"n": len(t), "p50_s": p50(t), "p95_s": p95(t), "max_s": max(t)}
                          for pagina, t in per_pagina.items() if t}
    gemeten.update(paginas.extra)


def _tabel(gemeten: dict, details: dict) -> None:
    print(f"\n{'meting':34} {'waarde':>10}")
    for sleutel, waarde in gemeten.items():
        print(f"{sleutel:34} {waarde:10.2f}")
    for soort in ("eerste_laad", "wissel_warm", "wissel_nieuw"):
        print(f"\n{soort:34} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
        for pagina, cijfers in details.get(soort, {}).items():
            print(f"  {pagina:32} {cijfers['n']:4d} {cijfers['p50_s']:7.2f} {cijfers['p95_s']:7.2f} {cijfers['max_s']:7.2f}")
    print(f"\nkaartberichten (bytes over de websocket): {details.get('kaart_bytes')}")
    for link, soorten in details.get("bytes_per_kaartpagina", {}).items():
        print(f"  {link}: " + ", ".join(f"{soort} {getal(n / 1000)} KB" for soort, n in soorten.items()))
    print(f"duur per onderdeel (s): {details.get('fasen_s')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snel", action="store_true", help="een kleine steekproef (2 regio's, 2 pagina's, 2 sessies)")
    parser.add_argument("--poort", type=int, default=8611, help="eerste van vier poorten voor de servers")
    parser.add_argument("--uit", type=Path, help="het JSON-bestand (standaard bench/results/bench-<tijd>.json)")
    args = parser.parse_args(argv)
    # A TERM (timeout, CI) ends the run through the `finally` blocks, so no server or browser is left behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not (load_settings().data_dir / "manifest.json").exists():
        run_build(load_settings(), offline=True)
    steekproef = SNEL if args.snel else VOLLEDIG
    gemeten: dict[str, float] = {}
    details: dict = {}
    begin = time.monotonic()
    afgebroken = False
    belasting = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="llo-bench-") as tmp:
        gemeten["bouw_s"] = _bouw(Path(tmp))
        details["fasen_s"] = {"bouw": round(gemeten["bouw_s"], 1)}
        try:
            fouten = asyncio.run(_meet(steekproef, args.poort, Path(tmp), gemeten, details))
        except SystemExit:  # TERM: the servers and browser are closed; report what was measured so far
            fouten, afgebroken = ["afgebroken (TERM): alleen de metingen tot dan toe"], True
    _tabel(gemeten, details)
    uitkomst = oordeel(gemeten)
    print()
    for budget, waarde, geslaagd in uitkomst:
        tekst = "niet gemeten" if waarde is None else f"{waarde:.2f}"
        print(f"{'PASS' if geslaagd else 'FAIL'} {budget.naam}: {tekst} {budget.eenheid} (grens {budget.grens:g})")
    controles = controle_tabel(gemeten)
    if controles:
        print("\n" + controles)
    for fout in fouten:
        print(f"fout: {fout}")
    uit = args.uit or ROOT / "bench" / "results" / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    uit.parent.mkdir(parents=True, exist_ok=True)
    uit.write_text(json.dumps({
        "datum": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.platform(),
        "kernen": os.cpu_count(), "belasting_bij_start": belasting, "belasting_bij_einde": os.getloadavg(), "python": platform.python_version(),
        "streamlit": streamlit.__version__, "code_versie": code_version(), "snel": args.snel,
        "duur_s": time.monotonic() - begin, "kaartgrootte": "bytes van het kaartbericht over de websocket",
        "gemeten": gemeten, "details": details, "fouten": fouten,
        "budgetten": [{**budget._asdict(), "gemeten": waarde, "oordeel": "PASS" if geslaagd else "FAIL"}
                      for budget, waarde, geslaagd in uitkomst],
    }, indent=2, ensure_ascii=False))
    wanneer = f"{datetime.now():%d-%m-%Y}, {os.cpu_count()} kernen{', --snel' if args.snel else ''}"
    uit.with_suffix(".md").write_text(markdown_tabel(uitkomst, wanneer) + (f"\n{controles}" if controles else ""))
    print(f"\nJSON: {uit}, tabel voor de README: {uit.with_suffix('.md')} ({time.monotonic() - begin:.0f} s)")
    if afgebroken:
        return 143
    return 0 if all(geslaagd for _, _, geslaagd in uitkomst) else 3


if __name__ == "__main__":
    sys.exit(main())
