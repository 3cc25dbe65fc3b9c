"""Ten users at once (a network meeting where everyone opens the link): one real server on 127.0.0.1 and ten
separate headless Chromium contexts, each switching region five times over Overzicht, Doelgroep and
Vindplaatsen, by deep link and in the sidebar.

Asserted: no script error, no Streamlit exception box, every map drawn (its areas as SVG)
and nothing requested outside localhost. Load times (p50/p95) and the server's memory are printed,
not asserted: the budgets live in the benchmark. Bounded: every step has a timeout and the whole run one too.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from tests.apptest import REGIO_CODES
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port, _healthy, _is_local, _start, _stop

pytestmark = pytest.mark.tien_gebruikers

GEBRUIKERS = 10
STAP_MS = 180_000  # one step for one user, with ten users on a small machine
TOTAAL_S = 600  # the whole run

# A page is ready when Streamlit's rerun is over and every map on it is drawn: each plotly geo map has its
# areas as SVG paths. Returns the number of maps (0 while not ready).
KAARTEN_KLAAR_JS = """() => {
    if (document.querySelector('[data-testid="stStatusWidget"]')) return 0;
    const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout && gd._fullLayout.geo);
    if (plots.length === 0) return 0;
    const klaar = plots.every(gd => gd.querySelector('.choroplethlocation'));
    return klaar ? plots.length : 0;
}"""
TITELS = {"overzicht": "Overzicht", "doelgroep": "Doelgroep", "vindplaatsen": "Vindplaatsen"}  # each page's h1


@pytest.fixture(scope="module")
def server(built_data, project_root, tmp_path_factory):
    """`streamlit run app.py` on a free port of 127.0.0.1 (as in test_browser.py); yields (url, pid)."""
    log_dir = tmp_path_factory.mktemp("streamlit_tien")
    port = _free_port()
    process, log_path = _start(project_root, log_dir, port)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while (state := _healthy(process, url)) is None:
            if time.monotonic() > deadline:
                pytest.fail("Streamlit gaf na 60 s nog geen antwoord op /_stcore/health.")
            time.sleep(0.2)  # polling a starting server: there is no element to wait for yet
        if not state:
            pytest.fail(f"Streamlit stopte meteen (code {process.returncode}):\n{log_path.read_text()}")
        yield url, process.pid
    finally:
        _stop(process)


def _rss_mb(pid: int) -> float:
    """Resident memory of the server process, from /proc/<pid>/status (VmRSS, in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _plan(gebruiker: int) -> list[tuple[str, str, str]]:
    """Five region switches over three pages: (how, page, region). Every user starts in another region."""
    regio = [REGIO_CODES[(gebruiker * 3 + stap * 7) % len(REGIO_CODES)] for stap in range(5)]
    return [("link", "overzicht", regio[0]), ("zijbalk", "overzicht", regio[1]), ("link", "doelgroep", regio[2]),
            ("zijbalk", "doelgroep", regio[3]), ("link", "vindplaatsen", regio[4])]


async def _wacht_tot_klaar(page, pagina: str) -> int:
    await page.locator('[data-testid="stMain"] h1', has_text=TITELS[pagina]).first.wait_for(timeout=STAP_MS)
    handle = await page.wait_for_function(KAARTEN_KLAAR_JS, timeout=STAP_MS, polling=250)
    return await handle.json_value()


async def _gebruiker(browser, url: str, gebruiker: int, namen: dict[str, str], metingen: list[float]) -> dict:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    buiten, fouten, uitzonderingen, kaarten = [], [], [], []
    context.on("request", lambda request: None if _is_local(request.url) else buiten.append(request.url))
    page = await context.new_page()
    page.on("pageerror", lambda error: fouten.append(str(error)))
    try:
        for hoe, pagina, regio in _plan(gebruiker):
            begin = time.monotonic()
            if hoe == "link":
                await page.goto(f"{url}/{'' if pagina == 'overzicht' else pagina}?regio={regio}", timeout=STAP_MS)
            else:
                keuze = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio")
                await keuze.click(timeout=STAP_MS)
                await page.keyboard.type(namen[regio])  # the option list is virtual: filter so the option is rendered
                await page.get_by_role("option", name=f"{namen[regio]} ({regio})").click(timeout=STAP_MS)
                await page.wait_for_function("r => new URLSearchParams(location.search).get('regio') === r",
                                             arg=regio, timeout=STAP_MS)
            kaarten.append(await _wacht_tot_klaar(page, pagina))
            metingen.append(time.monotonic() - begin)
            gekozen = await page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio").input_value()
            assert gekozen == f"{namen[regio]} ({regio})", (gebruiker, pagina, gekozen)
            if await page.locator('[data-testid="stException"]').count():
                uitzonderingen.append((pagina, regio, await page.locator('[data-testid="stException"]').first.inner_text()))
    finally:
        await context.close()
    return {"buiten": buiten, "fouten": fouten, "uitzonderingen": uitzonderingen, "kaarten": kaarten}


async def _tien_tegelijk(url: str, pid: int, namen: dict[str, str]) -> tuple[list[dict], list[float], list[float]]:
    metingen: list[float] = []
    geheugen: list[float] = []

    async def meet_geheugen():
        while True:
            geheugen.append(_rss_mb(pid))
            await asyncio.sleep(0.5)

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        meter = asyncio.create_task(meet_geheugen())
        try:
            uitkomsten = await asyncio.wait_for(
                asyncio.gather(*(_gebruiker(browser, url, i, namen, metingen) for i in range(GEBRUIKERS))), TOTAAL_S)
        finally:
            meter.cancel()
            await browser.close()
    geheugen.append(_rss_mb(pid))
    return uitkomsten, metingen, geheugen


def test_tien_gebruikers_tegelijk(server, gebieden):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer Debian Chromium (apt-get install chromium); nooit `playwright install`.")
    url, pid = server
    namen = {code: gebieden.loc[code, "naam"] for code in REGIO_CODES}
    rss_start = _rss_mb(pid)
    uitkomsten, metingen, geheugen = asyncio.run(_tien_tegelijk(url, pid, namen))

    p50 = statistics.median(metingen)
    p95 = statistics.quantiles(metingen, n=20, method="inclusive")[18]
    print(f"\n{GEBRUIKERS} gebruikers, {len(metingen)} stappen: laadtijd p50 {p50:.1f} s, p95 {p95:.1f} s, "
          f"max {max(metingen):.1f} s; server-RSS bij start {rss_start:.0f} MB, piek {max(geheugen):.0f} MB, "
          f"na afloop {geheugen[-1]:.0f} MB")

    assert len(metingen) == GEBRUIKERS * 5
    assert [u["fouten"] for u in uitkomsten] == [[]] * GEBRUIKERS
    assert [u["uitzonderingen"] for u in uitkomsten] == [[]] * GEBRUIKERS
    assert [u["buiten"] for u in uitkomsten] == [[]] * GEBRUIKERS
    assert all(n >= 1 for u in uitkomsten for n in u["kaarten"]), [u["kaarten"] for u in uitkomsten]
