"""Regioprofiel as slides, in headless Debian Chromium at 1920 × 1080 and 1366 × 768: every figure fills its
screen, the region map names its gemeenten in type readable from the back of a room, nothing runs off the screen,
nothing is fetched from outside, and the arrow key goes to the next question. A screenshot of every slide is
written (LLO_DASH_SCREENSHOTS, else a temporary folder) to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from llo_dash.export_profiel import profiel_html
from llo_dash.tables import read_table
from llo_dash.views.profiel import maak_profiel

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REGIO = "AM37"  # Zuid-Kennemerland en IJmond
SCHERMEN = {"full-hd": (1920, 1080), "laptop": (1366, 768)}
# 16 pt is 21,3 px; an SVG text's box is about 1,16 times its font size: 24 px keeps the names above 16 pt.
MIN_NAAM_PX = 24


@pytest.fixture(scope="module")
def bestand(built_data, gebieden, tmp_path_factory) -> Path:
    pad = tmp_path_factory.mktemp("dia") / f"regioprofiel-{REGIO}.html"
    pad.write_text(profiel_html(maak_profiel(gebieden, REGIO, built_data, read_table(built_data, "beroepen"))),
                   encoding="utf-8")
    return pad


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def schermafdrukken(tmp_path_factory) -> Path:
    if folder := os.environ.get("LLO_DASH_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("schermafdrukken")


def _in_beeld(locator) -> None:
    locator.evaluate("e => e.scrollIntoView()")
    locator.page.wait_for_timeout(150)  # scroll snapping settles


@pytest.mark.parametrize("scherm", SCHERMEN)
def test_dia_s_vullen_het_scherm_met_leesbare_namen(scherm, bestand, browser, gebieden, schermafdrukken):
    breedte, hoogte = SCHERMEN[scherm]
    context = browser.new_context(viewport={"width": breedte, "height": hoogte}, locale="nl-NL")
    buiten, fouten = [], []
    context.on("request", lambda r: None if r.url.startswith(("file:", "blob:", "data:")) else buiten.append(r.url))
    pagina = context.new_page()
    pagina.on("pageerror", lambda error: fouten.append(str(error)))
    try:
        pagina.goto(bestand.as_uri() + "#dia")
        pagina.wait_for_selector("body.dia[data-getekend=ja]", timeout=60_000)
        gemeenten = set(gebieden.loc[(gebieden["niveau"] == "gemeente")
                                     & (gebieden["arbeidsmarktregio_code"] == REGIO), "naam"])
        stops = pagina.locator("header, .sectie > h2, .dia-stop")
        assert stops.count() >= 12
        for i in range(stops.count()):
            stop = stops.nth(i)
            _in_beeld(stop)
            pagina.screenshot(path=schermafdrukken / f"dia-{REGIO}-{scherm}-{i:02d}.png")
            # Nothing runs off the side of the screen (a cut title, a wide table).
            assert pagina.evaluate("document.body.scrollWidth") <= breedte, i
            soort = stop.evaluate("e => e.className")
            if "dia-stop" not in soort:
                continue
            figuur = stop.locator("svg.main-svg, svg").first
            assert figuur.bounding_box()["height"] >= 0.8 * hoogte, (i, soort)  # the figure fills the slide
            titel = stop.locator(".gtitle")
            if titel.count():  # a chart's title is not cut off on the right
                assert titel.first.bounding_box()["x"] + titel.first.bounding_box()["width"] <= breedte, i
            if "kaart" in soort and scherm == "full-hd":
                namen = {t.text_content(): t.bounding_box()["height"] for t in stop.locator("svg text").all()
                         if t.text_content() in gemeenten}
                assert set(namen) == gemeenten and len(gemeenten) == 7
                assert min(namen.values()) >= MIN_NAAM_PX, namen
                legenda = stop.locator("svg text").filter(has_text="Laaggeletterd 16–65 jaar (%)").first
                assert legenda.bounding_box()["width"] >= 30  # the colour bar's title, set vertically: its height
        # The arrow key goes from the title screen to the first question.
        _in_beeld(stops.first)
        pagina.keyboard.press("ArrowRight")
        pagina.wait_for_timeout(400)
        eerste = pagina.locator(".sectie > h2").first.bounding_box()
        assert abs(eerste["y"]) <= 2, eerste
    finally:
        context.close()
    print(f"Schermafdrukken: {schermafdrukken}")
    assert buiten == []
    assert fouten == []
