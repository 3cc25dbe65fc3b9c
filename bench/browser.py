"""Headless Chromium for the benchmark: what the server sends over the websocket (decoded with Streamlit's own
protobuf classes), and when a page is rendered.

A page counts as rendered when the script run the action started has finished (`script_finished` on the
websocket), no skeleton, status widget or stale element is left, the main block is visible (with the expected
text) and every plotly chart of that run is drawn (geo maps with their areas as SVG paths, MapLibre maps loaded)."""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
STAP_S = int(os.environ.get("LLO_BENCH_STAP_S", 180))  # one step may take this long on a loaded machine before it counts as a timeout

RENDERED_JS = """([tekst, grafieken]) => {
    if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stStatusWidget"], [data-stale="true"]'))
        return false;
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || !main.checkVisibility()) return false;
    if (tekst && !main.innerText.includes(tekst)) return false;
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    if (plots.length < grafieken) return false;
    return plots.every(gd => {
        const layout = gd._fullLayout;
        if (!layout) return false;
        if (layout.map) return !!(gd.querySelector('canvas') && layout.map._subplot && layout.map._subplot.map.loaded());
        if (layout.geo) return !!gd.querySelector('.choroplethlayer path');
        return true;
    });
}"""
STAAT_JS = """() => ({
    skelet: !!document.querySelector('[data-testid="stSkeleton"]'),
    status: !!document.querySelector('[data-testid="stStatusWidget"]'),
    verouderd: document.querySelectorAll('[data-stale="true"]').length,
    grafieken: document.querySelectorAll('.js-plotly-plot').length,
    tekst: (document.querySelector('[data-testid="stMain"]')?.innerText || '').slice(0, 120),
})"""
# A map in a chart message: a choropleth trace (plotly geo `choropleth`, or MapLibre `choroplethmap`).
KAART_TRACE = re.compile(r'"type":\s*"choropleth')
EXCEPTION = '[data-testid="stException"]'


@dataclass
class Run:
    """One script run as the browser received it."""
    grafieken: int = 0  # plotly charts in this run
    kaart_bytes: list[int] = field(default_factory=list)  # websocket message size of each map (a choropleth trace)
    bytes: int = 0  # every message of the run
    per_element: dict[str, int] = field(default_factory=dict)  # bytes per element type (plotly_chart, arrow_data_frame, …)
    klaar: bool = False


class Meter:
    """Listens to a page's websocket: counts finished runs and the bytes of every chart message."""

    def __init__(self, page) -> None:
        self.runs: list[Run] = [Run()]
        self._soort: dict[str, tuple[bool, bool, int]] = {}  # message hash -> (chart, map, bytes), for cached refs
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        run = self.runs[-1]
        run.bytes += len(payload)
        if kind == "new_session" and (run.klaar or run.bytes > len(payload)):
            self.runs.append(Run(bytes=len(payload)))
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            is_chart = element.WhichOneof("type") == "plotly_chart"
            is_map = is_chart and KAART_TRACE.search(element.plotly_chart.spec) is not None
            self._tel(run, is_chart, is_map, len(payload))
            soort = element.WhichOneof("type")
            run.per_element[soort] = run.per_element.get(soort, 0) + len(payload)
            if msg.hash:
                self._soort[msg.hash] = (is_chart, is_map, len(payload))
        elif kind == "ref_hash":  # a message the browser already has: count it, not its bytes again
            is_chart, is_map, _ = self._soort.get(msg.ref_hash, (False, False, 0))
            self._tel(run, is_chart, is_map, len(payload))
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            run.klaar = True
            self.runs.append(Run())

    @staticmethod
    def _tel(run: Run, is_chart: bool, is_map: bool, size: int) -> None:
        run.grafieken += is_chart
        if is_map:
            run.kaart_bytes.append(size)

    def mark(self) -> int:
        """The number of finished runs so far: pass it to `wait_rendered` after an action."""
        return sum(run.klaar for run in self.runs)

    def laatste(self) -> Run:
        return [run for run in self.runs if run.klaar][-1]

    async def wait_rendered(self, page, mark: int, tekst: str = "", timeout: float = STAP_S) -> Run:
        """Until a run after `mark` has finished and the page shows it (see the module docstring)."""
        deadline = time.monotonic() + timeout
        while self.mark() <= mark:
            if time.monotonic() > deadline:
                raise TimeoutError(f"geen afgeronde run binnen {timeout:.0f} s")
            await asyncio.sleep(0.02)  # the websocket listener fills self.runs; nothing to await on
        run = self.laatste()
        rest_ms = max(1.0, deadline - time.monotonic()) * 1000
        try:
            await page.wait_for_function(RENDERED_JS, arg=[tekst, run.grafieken], timeout=rest_ms, polling=50)
        except Exception as error:  # say what was still missing, not only that time ran out
            staat = await page.evaluate(STAAT_JS)
            raise TimeoutError(f"niet klaar binnen {timeout:.0f} s (verwacht {tekst!r}, {run.grafieken} grafieken): "
                               f"{staat}") from error
        return run


async def nieuwe_pagina(browser, fouten: list[str]):
    """A fresh context (its own cookies and caches: a new user) with one page, page errors into `fouten`."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = await context.new_page()
    page.on("pageerror", lambda error: fouten.append(str(error)))
    return context, page, Meter(page)


async def laad(page, meter: Meter, url: str, tekst: str = "") -> tuple[float, Run]:
    """A full page load of `url` until rendered: (seconds, the run)."""
    mark = meter.mark()
    begin = time.monotonic()
    await page.goto(url, timeout=STAP_S * 1000)
    run = await meter.wait_rendered(page, mark, tekst)
    return time.monotonic() - begin, run


async def kies_in_zijbalk(page, meter: Meter, label: str, optie: str, tekst: str = "") -> tuple[float, Run]:
    """Choose `optie` in the sidebar selectbox `label` (no reload) until the page has rerendered."""
    keuze = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label)
    await keuze.click(timeout=STAP_S * 1000)
    await page.keyboard.type(optie.rsplit(" (", 1)[0])  # the option list is virtual: filter so it is rendered
    mark = meter.mark()
    begin = time.monotonic()
    await page.get_by_role("option", name=optie, exact=True).click(timeout=STAP_S * 1000)
    run = await meter.wait_rendered(page, mark, tekst)
    return time.monotonic() - begin, run


async def uitzonderingen(page) -> list[str]:
    """The text of every Streamlit exception box on the page."""
    return await page.locator(EXCEPTION).all_inner_texts()
