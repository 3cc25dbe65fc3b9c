"""The measurements of the benchmark, each against one running server and one Chromium (`bench/run.py` runs them).

Times are seconds from the action (navigation or the click on the option) until the page is rendered
(`browser.Meter.wait_rendered`); sizes are websocket message bytes as the browser received them."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from bench import browser as br
from bench import server as srv


@dataclass(frozen=True)
class Steekproef:
    """What to visit: the full run, or `--snel` (a tiny sample for the test)."""
    paginas: tuple[str, ...]  # url paths ("" is Overzicht)
    regios: tuple[str, ...]  # first loads and warm switches
    rondgang: tuple[str, ...]  # the tour: every region, by sidebar switches
    vloer_herhalingen: int
    gebruikers: int  # concurrent sessions
    extra_sessies: int  # idle sessions opened to measure memory per session


PAGINAS = ("", "profiel", "doelgroep", "vindplaatsen", "sectoren", "vergelijken", "trends", "bronnen")
# The largest regions (Groot Amsterdam, Rijnmond) and six spread over the country.
REGIOS = ("AM18", "AM22", "AM01", "AM05", "AM12", "AM24", "AM30", "AM38")
WIJK_GEMEENTEN = ("GM0363", "Amstelveen")  # first load of Amsterdam's wijken, then a switch to Amstelveen's
VERGELIJK_ZES = "AM18,AM22,AM01,AM05,AM12,AM24"
GEBRUIKER_PAGINAS = ("", "doelgroep", "vindplaatsen")


@dataclass
class PaginaMetingen:
    eerste_laad: dict[str, list[float]] = field(default_factory=dict)  # page -> seconds per region
    wissel_warm: dict[str, list[float]] = field(default_factory=dict)  # switch to a region seen on this page
    wissel_nieuw: dict[str, list[float]] = field(default_factory=dict)  # switch to a region not seen on this page
    extra: dict[str, float] = field(default_factory=dict)  # wijk level, six areas compared
    fouten: list[str] = field(default_factory=list)


async def vloer(browser, url: str, herhalingen: int) -> list[float]:
    """Full loads of the empty app, each in a fresh context (after one load that warms the server)."""
    tijden = []
    for i in range(herhalingen + 1):
        fouten: list[str] = []
        context, page, meter = await br.nieuwe_pagina(browser, fouten)
        try:
            seconden, _ = await br.laad(page, meter, url, "Leeg")
        finally:
            await context.close()
        if i:
            tijden.append(seconden)
    return tijden


async def kaart_bytes(browser, url: str) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Bytes of the map message per map, each in a fresh context (nothing cached in the browser yet); and per
    map page the bytes of the whole run by element type (what else the page sends besides the map)."""
    links = {
        "kaart_nl_regios": "/?kaart=arbeidsmarktregio",
        "kaart_nl_gemeenten": "/?kaart=gemeente",
        "kaart_regio_gemeenten_AM18": "/doelgroep?regio=AM18",
        "kaart_regio_gemeenten_AM02": "/doelgroep?regio=AM02",  # the region with the most gemeenten
        "kaart_gemeente_wijken": "/vindplaatsen?gemeente=GM0363",
    }
    uitkomst, per_pagina = {}, {}
    for naam, link in links.items():
        fouten: list[str] = []
        context, page, meter = await br.nieuwe_pagina(browser, fouten)
        try:
            _, run = await br.laad(page, meter, url + link)
        finally:
            await context.close()
        if not run.kaart_bytes:
            raise RuntimeError(f"Geen kaart ontvangen op {link}")
        uitkomst[naam] = max(run.kaart_bytes)
        per_pagina[link] = {"totaal": run.bytes, **dict(sorted(run.per_element.items(), key=lambda kv: -kv[1]))}
    return uitkomst, per_pagina


async def _toont(page, tekst: str) -> bool:
    return tekst in await page.locator('[data-testid="stMain"]').inner_text()


async def _stap(metingen: PaginaMetingen, page, waar: str, actie) -> float | None:
    """One timed action; a timeout or a missing element is recorded, not raised."""
    try:
        seconden, _ = await actie
    except Exception as error:  # noqa: BLE001 - a timeout or a vanished element is a measured error
        metingen.fouten.append(f"{waar}: {type(error).__name__}: {str(error).splitlines()[0][:300]}")
        await page.keyboard.press("Escape")  # close a picker left open, so the next step can click
        return None
    return seconden


async def pagina_rondgang(browser, url: str, steekproef: Steekproef, namen: dict[str, str]) -> PaginaMetingen:
    """Per page, in one tab: a first load (link with ?regio=) of each sample region, then sidebar switches
    through the tour's regions (warm when the page showed that region before, new otherwise); on pages with a
    gemeente picker the wijk level (Amsterdam, then Amstelveen); on Vergelijken six areas in the link."""
    metingen = PaginaMetingen()
    fouten: list[str] = []
    context, page, meter = await br.nieuwe_pagina(browser, fouten)
    try:
        for pad in steekproef.paginas:
            eerste, warm, nieuw = [], [], []
            gezien = set()
            for regio in steekproef.regios:
                seconden = await _stap(metingen, page, f"/{pad}?regio={regio}", br.laad(page, meter, f"{url}/{pad}?regio={regio}"))
                if seconden is not None:
                    eerste.append(seconden)
                    gezien.add(regio)
            toont_naam = await _toont(page, namen[steekproef.regios[-1]])
            huidige = steekproef.regios[-1]
            for regio in steekproef.rondgang:
                if regio == huidige:
                    continue
                optie = f"{namen[regio]} ({regio})"
                seconden = await _stap(metingen, page, f"/{pad} zijbalk {regio}", br.kies_in_zijbalk(
                    page, meter, "Arbeidsmarktregio", optie, namen[regio] if toont_naam else ""))
                huidige = regio
                if seconden is not None:
                    (warm if regio in gezien else nieuw).append(seconden)
            await _extra(metingen, page, meter, url, pad)
            for uitzondering in await br.uitzonderingen(page):
                metingen.fouten.append(f"/{pad}: {uitzondering[:200]}")
            metingen.eerste_laad[pad or "overzicht"] = eerste
            metingen.wissel_warm[pad or "overzicht"] = warm
            metingen.wissel_nieuw[pad or "overzicht"] = nieuw
    finally:
        await context.close()
    metingen.fouten.extend(fouten)
    return metingen


async def _extra(metingen: PaginaMetingen, page, meter, url: str, pad: str) -> None:
    """The wijk level (pages with a gemeente picker) and Vergelijken with six areas."""
    if pad == "vergelijken":
        seconden = await _stap(metingen, page, "vergelijken 6", br.laad(page, meter, f"{url}/vergelijken?vergelijk={VERGELIJK_ZES}"))
        if seconden is not None:
            metingen.extra["vergelijken_6_s"] = seconden
    if pad != "vindplaatsen":
        return
    code, tweede = WIJK_GEMEENTEN
    seconden = await _stap(metingen, page, f"wijken {code}", br.laad(page, meter, f"{url}/vindplaatsen?gemeente={code}"))
    if seconden is not None:
        metingen.extra["wijk_eerste_laad_s"] = seconden
    seconden = await _stap(metingen, page, f"wijken {tweede}", br.kies_in_zijbalk(page, meter, "Gemeente", tweede, tweede))
    if seconden is not None:
        metingen.extra["wijk_wissel_s"] = seconden


async def extra_sessies(browser, url: str, pid: int, aantal: int) -> tuple[float, float, list]:
    """RSS before and after opening `aantal` extra sessions (each a fresh context on another page and region,
    left open and idle); returns (before, after, contexts to close)."""
    voor = srv.rss_mb(pid)
    contexten = []
    for i in range(aantal):
        fouten: list[str] = []
        context, page, meter = await br.nieuwe_pagina(browser, fouten)
        contexten.append(context)
        await br.laad(page, meter, f"{url}/{PAGINAS[i % len(PAGINAS)]}?regio={REGIOS[i % len(REGIOS)]}")
    await asyncio.sleep(3)  # let the server finish what the last session started before reading its memory
    return voor, srv.rss_mb(pid), contexten


def _plan(gebruiker: int, regios: tuple[str, ...], p: tuple[str, ...] = GEBRUIKER_PAGINAS) -> list[tuple[str, str, str]]:
    """Five region switches over three pages (as tests/test_tien_gebruikers.py): (how, page, region)."""
    regio = [regios[(gebruiker * 3 + stap * 7) % len(regios)] for stap in range(5)]
    return [("link", p[0], regio[0]), ("zijbalk", p[0], regio[1]), ("link", p[1], regio[2]),
            ("zijbalk", p[1], regio[3]), ("link", p[2], regio[4])]


async def _gebruiker(browser, url: str, gebruiker: int, regios, namen, tijden: list[float], paginas) -> dict:
    metingen = PaginaMetingen()
    fouten: list[str] = []
    zonder_kaart = 0
    context, page, meter = await br.nieuwe_pagina(browser, fouten)
    try:
        for hoe, pad, regio in _plan(gebruiker, regios, paginas):
            if hoe == "link":
                actie = br.laad(page, meter, f"{url}/{pad}?regio={regio}")
            else:
                actie = br.kies_in_zijbalk(page, meter, "Arbeidsmarktregio", f"{namen[regio]} ({regio})")
            seconden = await _stap(metingen, page, f"gebruiker {gebruiker} {hoe} /{pad} {regio}", actie)
            if seconden is None:
                continue
            tijden.append(seconden)
            zonder_kaart += not meter.laatste().kaart_bytes
            for uitzondering in await br.uitzonderingen(page):
                metingen.fouten.append(f"gebruiker {gebruiker} /{pad} {regio}: {uitzondering[:200]}")
    finally:
        await context.close()
    return {"fouten": metingen.fouten + fouten, "zonder_kaart": zonder_kaart}


async def tegelijk(browser, url: str, gebruikers: int, regios, namen, paginas: tuple[str, ...] = GEBRUIKER_PAGINAS
                   ) -> tuple[list[float], list[str], int]:
    """`gebruikers` contexts at once, five switches each: (seconds per step, errors, steps without a map).
    `paginas`: the three pages of the plan (the control on the empty app has one page: ("", "", ""))."""
    tijden: list[float] = []
    uitkomsten = await asyncio.gather(*(_gebruiker(browser, url, i, regios, namen, tijden, paginas)
                                        for i in range(gebruikers)))
    return tijden, [f for u in uitkomsten for f in u["fouten"]], sum(u["zonder_kaart"] for u in uitkomsten)


async def koude_start(browser, server: srv.Server, begin: float) -> float:
    """Seconds from the server process's start (`begin`, monotonic) until its first page is rendered."""
    while True:
        try:
            srv.wait_healthy(server, timeout=0.5)
            break
        except RuntimeError:
            if server.process.poll() is not None or time.monotonic() - begin > br.STAP_S:
                raise
    fouten: list[str] = []
    context, page, meter = await br.nieuwe_pagina(browser, fouten)
    try:
        await br.laad(page, meter, f"{server.url}/?regio=AM18")
    finally:
        await context.close()
    return time.monotonic() - begin
