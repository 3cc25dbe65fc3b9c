"""The real app in headless Debian Chromium, with every request outside localhost blocked.

One server and one browser for the module. The first test is the very first request to the
server (a deep link to another page); every other test starts from its own link, so it does
not depend on the tests before it. Waits are on elements and URLs, not on sleeps.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from tests.apptest import dutch

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
WAIT_MS = 60_000  # a loaded 2-core machine (CI) can take longer than 30 s for a first map

# The first map on the page (plotly geo: its areas are SVG paths of class "choroplethlocation").
KAART_JS = "[...document.querySelectorAll('.js-plotly-plot')].find(gd => gd.querySelector('.choroplethlocation'))"
# Screen position of a (lon, lat) on that map: plotly's d3 projection gives main-svg coordinates.
PROJECT_JS = f"""([lon, lat]) => {{
    const gd = {KAART_JS};
    const box = gd.querySelector('.main-svg').getBoundingClientRect();
    const p = gd._fullLayout.geo._subplot.projection([lon, lat]);
    return [box.x + p[0], box.y + p[1]];
}}"""
TWENTE, GRONINGEN = (6.75, 52.30), (6.60, 53.20)  # points well inside AM05 and AM01
DEFAULT_INDICATOR = "laaggeletterd_16_65_pct"  # the map's default (README: the literacy estimate)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(project_root: Path, log_dir: Path, port: int) -> tuple[subprocess.Popen, Path]:
    log_path = log_dir / f"server-{port}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=project_root, stdout=log, stderr=subprocess.STDOUT,
        )
    return process, log_path


def _healthy(process: subprocess.Popen, url: str) -> bool | None:
    """True once the server answers, None while it is starting, False when it stopped."""
    if process.poll() is not None:
        return False
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 or None
    except OSError:
        return None


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def server(built_data, project_root, tmp_path_factory):
    """`streamlit run app.py` on a free port (once more on a new port if that one was taken meanwhile);
    always stopped at the end."""
    log_dir = tmp_path_factory.mktemp("streamlit")
    process = None
    try:
        for attempt in range(2):
            port = _free_port()
            process, log_path = _start(project_root, log_dir, port)
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while (state := _healthy(process, url)) is None:
                if time.monotonic() > deadline:
                    pytest.fail("Streamlit gaf na 60 s nog geen antwoord op /_stcore/health.")
                time.sleep(0.2)  # polling a starting server: there is no element to wait for yet
            if state:
                break
            log = log_path.read_text()
            if attempt == 0 and "address already in use" in log.lower():
                continue  # another process took the free port between choosing and binding it
            pytest.fail(f"Streamlit stopte meteen (code {process.returncode}):\n{log}")
        yield url
    finally:
        if process is not None:
            _stop(process)


@pytest.fixture(scope="module")
def network():
    """What the browser tried to reach outside localhost (blocked) and what got through anyway."""
    return {"blocked": [], "succeeded": [], "page_errors": []}


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS


@pytest.fixture(scope="module")
def page(server, network):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer Debian Chromium (apt-get install chromium); nooit `playwright install`.")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="nl-NL")

        def route(route_, request):
            if _is_local(request.url):
                route_.continue_()
            else:
                network["blocked"].append(request.url)
                route_.abort()

        context.route("**/*", route)
        context.on("requestfinished", lambda request: None if _is_local(request.url) else network["succeeded"].append(request.url))
        page_ = context.new_page()
        page_.set_default_timeout(WAIT_MS)
        page_.on("pageerror", lambda error: network["page_errors"].append(str(error)))
        try:
            yield page_
        finally:
            context.close()
            browser.close()


def _wait_for_param(page, key: str, value: str, timeout: float = WAIT_MS) -> None:
    page.wait_for_function("([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[key, value], timeout=timeout)


def _idle(page) -> None:
    """Wait until Streamlit has finished the current rerun (its 'Running…' status is gone)."""
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")


def _map_ready(page) -> None:
    page.wait_for_selector(".js-plotly-plot .choroplethlocation")
    page.wait_for_function(f"() => {{ const gd = {KAART_JS}; return gd && gd._fullLayout.geo && gd._fullLayout.geo._subplot; }}")


def _point(page, lonlat) -> list[float]:
    page.locator(".js-plotly-plot:has(.choroplethlocation)").first.scroll_into_view_if_needed()
    return page.evaluate(PROJECT_JS, list(lonlat))


def _sidebar_regio(page) -> str:
    return page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio").input_value()


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _open(page, server: str, link: str) -> None:
    """Start from a link, with the map drawn."""
    page.goto(f"{server}{link}")
    _map_ready(page)


def _no_exception(page) -> None:
    """Called at the end of every test: the page shows no Streamlit exception box (an exception at the end
    of a page leaves everything above it on screen, so the test's own checks could pass)."""
    _idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()


def test_first_request_is_a_deep_link_to_another_page(page, server, gebieden):
    """The very first request after start is a shared link to a page other than the start page: it shows
    that page, for that region, with the app's own page menu (not Streamlit's menu of the files in pages/).
    This is the proof of the workaround in llo_dash/ui/pages_menu.py: without it the menu reads "app", "bronnen", …"""
    page.goto(f"{server}/doelgroep?regio=AM12")
    page.get_by_text("Antwoorden op de vragen uit de handreiking").first.wait_for(timeout=WAIT_MS)
    assert "Gooi en Vechtstreek" in _main_text(page)
    assert "Traceback" not in _main_text(page)
    menu = page.locator('[data-testid="stSidebarNav"]').inner_text().split("\n")
    icons = {"map", "description", "groups", "location_on", "work", "compare_arrows", "trending_up", "menu_book"}  # drawn from the icon font's names
    assert [item.strip() for item in menu if item.strip() and item.strip() not in icons] == [
        "Overzicht", "Regioprofiel", "Doelgroep", "Vindplaatsen", "Sectoren & beroepen", "Vergelijken", "Trends", "Bronnen & methode"]
    assert page.url.endswith("/doelgroep?regio=AM12")
    _no_exception(page)


def test_deep_link_renders_map(page, server, gebieden):
    page.goto(f"{server}/?regio=AM12")
    _map_ready(page)
    page.get_by_text("Arbeidsmarktregio Gooi en Vechtstreek").first.wait_for()
    data = page.evaluate(f"() => {{ const gd = {KAART_JS}; const areas = gd.data.filter(t => t.type === 'choropleth'); "
                         "return {n: areas.length, locations: areas[0].locations, names: areas[0].customdata.map(c => c[0]), "
                         "base: gd._fullLayout.geo.visible, separators: gd._fullLayout.separators}; }")
    assert data["n"] == 1 and len(data["locations"]) == 35
    assert "Gooi en Vechtstreek" in data["names"]
    assert data["base"] is False and data["separators"] == ",."
    # The map is really drawn: many distinct colours in its screenshot.
    from PIL import Image

    shot = Image.open(io.BytesIO(page.locator(".js-plotly-plot:has(.choroplethlocation)").first.screenshot())).convert("RGB")
    colours = {colour for _, colour in shot.getcolors(maxcolors=1 << 20)}
    assert len(colours) > 30, "de kaart lijkt leeg"
    # The chart toolbar speaks Dutch; the PNG button (the way to save a map for a presentation) first of all.
    titles = page.eval_on_selector_all(".js-plotly-plot:has(.choroplethlocation) .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
    assert "Figuur opslaan als PNG" in titles, titles
    assert not {"Download plot as a PNG", "Pan", "Zoom in", "Zoom out", "Reset view", "Reset"} & set(titles), titles
    _no_exception(page)


def test_hover_shows_dutch_value(page, server, gebieden):
    _open(page, server, "/?regio=AM12")
    x, y = _point(page, TWENTE)
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    page.wait_for_function("() => document.querySelectorAll('.hoverlayer text').length > 0")
    hover = " ".join(page.locator(".hoverlayer text").all_text_contents())
    expected = dutch(gebieden.loc["AM05", DEFAULT_INDICATOR], 1) + "%"
    assert "Twente" in hover and expected in hover, hover
    _no_exception(page)


def test_sidebar_choice_changes_url(page, server, gebieden):
    _open(page, server, "/?regio=AM12")
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio").click()
    page.keyboard.type("Twente")  # the option list is virtual: filter so the option is rendered
    page.get_by_role("option", name="Twente (AM05)").click()
    _wait_for_param(page, "regio", "AM05")
    page.get_by_text("Arbeidsmarktregio Twente").first.wait_for()
    assert dutch(gebieden.loc["AM05", "inwoners"]) in _main_text(page)
    _no_exception(page)


def test_map_click_chooses_region(page, server):
    _open(page, server, "/?regio=AM05")
    # On a busy machine the map may still be redrawn after the previous choice, and a click on a
    # map that is being replaced is lost; so click again (at most three times) until the URL follows.
    for attempt in range(3):
        _idle(page)
        _map_ready(page)
        x, y = _point(page, GRONINGEN)
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        try:
            _wait_for_param(page, "regio", "AM01", timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    page.get_by_text("Arbeidsmarktregio Groningen").first.wait_for()
    assert _sidebar_regio(page) == "Groningen (AM01)"
    _no_exception(page)


KENNEMERLAND = "AM37"  # Zuid-Kennemerland en IJmond: the region the map issue (10) was tried on; Zandvoort in it
ZANDVOORT = "GM0473"


def test_region_map_names_its_gemeenten_offline_and_a_click_chooses_one(page, server, gebieden, schermafdrukken):
    """At 1920×1080 the Doelgroep map of one region writes every gemeente's name as SVG text, loads nothing
    from outside localhost (counted in a context of its own, nothing blocked, so nothing is hidden), and a
    click on an area chooses that gemeente."""
    context = page.context.browser.new_context(viewport=FULL_HD, locale="nl-NL")
    outside = []
    context.on("request", lambda request: None if _is_local(request.url) else outside.append(request.url))
    kaart = context.new_page()
    kaart.set_default_timeout(WAIT_MS)
    try:
        kaart.goto(f"{server}/doelgroep?regio={KENNEMERLAND}")
        _map_ready(kaart)
        _idle(kaart)
        figuur = kaart.locator(".js-plotly-plot:has(.choroplethlocation)").first
        figuur.scroll_into_view_if_needed()
        namen = {t.replace("\u00a0", " ").strip() for t in figuur.locator(".scattergeo text").all_text_contents()}
        assert namen == _gemeentenamen(gebieden, KENNEMERLAND), namen
        figuur.screenshot(path=schermafdrukken / f"doelgroep-{KENNEMERLAND}-kaart-1920.png")
        assert outside == [], outside
        # Zandvoort: click at the centre plotly computed for it (a point of the area, `ct`)
        for attempt in range(3):
            _idle(kaart)
            _map_ready(kaart)
            centre = kaart.evaluate(f"() => {{ const gd = {KAART_JS}; const el = [...gd.querySelectorAll('.choroplethlocation')]"
                                    f".find(p => p.__data__ && p.__data__.loc === '{ZANDVOORT}'); return el.__data__.ct; }}")
            x, y = _point(kaart, centre)
            kaart.mouse.move(x, y)
            kaart.mouse.click(x, y)
            try:
                _wait_for_param(kaart, "gemeente", ZANDVOORT, timeout=10_000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        assert outside == [], outside
        _no_exception(kaart)
    finally:
        context.close()


def test_page_switch_keeps_region(page, server):
    _open(page, server, "/?regio=AM01")
    page.get_by_text("Arbeidsmarktregio Groningen").first.wait_for()
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Doelgroep").click()
    page.wait_for_url(re.compile(r"/doelgroep"))
    _wait_for_param(page, "regio", "AM01")
    page.get_by_text("Antwoorden op de vragen uit de handreiking").first.wait_for()
    assert _sidebar_regio(page) == "Groningen (AM01)"
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Overzicht").click()
    _wait_for_param(page, "regio", "AM01")
    _map_ready(page)
    _no_exception(page)


def test_csv_download_of_map_table(page, server, gebieden):
    page.goto(f"{server}/?regio=AM12")
    _map_ready(page)
    _idle(page)
    button = page.get_by_role("button", name=re.compile("CSV downloaden"))
    assert button.count() == 0, "a closed table expander sends nothing to the browser (issue 14)"
    page.get_by_text("Tabel bij de kaart").click()  # reruns the page, which now makes the table
    button.wait_for()
    _idle(page)  # a click during a rerun can land on a button that is being replaced
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert re.fullmatch(r"llo-overzicht-[a-z0-9-]+-arbeidsmarktregio-nederland-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Code;Naam;")
    assert len(lines) == 1 + 35
    value = dutch(gebieden.loc["AM12", DEFAULT_INDICATOR], 1).removesuffix(",0")  # as on screen: one decimal; "14" for 14,0
    (row,) = [line.split(";") for line in lines if line.startswith("AM12;")]
    assert row[:3] == ["AM12", "Gooi en Vechtstreek", value], row
    # the file names its source and says the figure is an estimate (the Excel file also has a Toelichting sheet)
    assert lines[0].endswith(";Bron")
    assert all("Schatting, geen telling" in line and "Kaart: CBS / PDOK" in line for line in lines[1:])
    _no_exception(page)


def _upload(page, name: str, rows: str) -> None:
    header = "arbeidsmarktregio_code;beroepsgroep_code;beroepsgroep;periode;spanningsindicator\n"
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": (header + rows).encode("utf-8")})


def test_upload_can_be_replaced_by_another_file(page, server):
    """The usual path: a file with an error, then the corrected file; and later a newer file over it."""
    page.goto(f"{server}/sectoren?regio=AM12")
    page.get_by_text("Eigen UWV-spanningscijfers van de regio uploaden").click()
    _upload(page, "fout.csv", "AM12;1121;;2024K3;veel\n")
    page.get_by_text("De upload is afgekeurd").wait_for(timeout=WAIT_MS)
    _upload(page, "goed.csv", "AM12;1121;;2024K3;2,35\n")
    page.get_by_text(re.compile(r"uit de upload goed\.csv, periode 2024K3")).wait_for(timeout=WAIT_MS)
    assert page.get_by_text("De upload is afgekeurd").count() == 0
    _upload(page, "nieuwer.csv", "AM12;1121;;2024K4;1,9\n")
    page.get_by_text(re.compile(r"uit de upload nieuwer\.csv, periode 2024K4")).wait_for(timeout=WAIT_MS)
    _no_exception(page)


def _column_values(table, column: int) -> list[str]:
    """The raw values of one column in the order shown (Streamlit's grid keeps an accessible copy of the
    rendered rows: `glide-cell-<column>-<row>`)."""
    cells = table.locator(f'td[id^="glide-cell-{column}-"]')
    return [cells.nth(i).inner_text() for i in range(cells.count())]


def _numbers(values: list[str]) -> list[float]:
    return [float(value) for value in values if value.strip()]


def test_numeric_columns_sort_as_numbers(page, server, gebieden):
    """A click on the header of a figure column sorts the rows by the numbers (9,5 before 22,1), not by the
    Dutch text ("22,1" before "9,5"). (The Dutch display of the same numbers is tested on the Styler in
    tests/test_columns.py: the grid draws it on a canvas.)"""
    page.goto(f"{server}/?kaart=gemeente")
    _map_ready(page)
    page.get_by_text("Tabel bij de kaart").click()
    table = page.locator('[data-testid="stDataFrame"]').first
    table.locator('th[role="columnheader"]', has_text="Laaggeletterd").wait_for(state="attached")
    _idle(page)
    headers = table.locator('th[role="columnheader"]').all_inner_texts()
    column = next(i for i, header in enumerate(headers) if "laaggeletterd" in header.lower() and "%" in header)
    shown = _numbers(_column_values(table, column))
    assert shown != sorted(shown), "de tabel staat al op deze kolom gesorteerd; de test bewijst dan niets"
    # The header row is drawn on a canvas: click along it until this column is the one sorted by.
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    for x in range(int(box["x"]) + 20, int(box["x"] + box["width"]) - 140, 40):
        before = _column_values(table, 1)
        page.mouse.click(x, box["y"] + 18)
        page.keyboard.press("Escape")  # a click on a header's "⋮" opens its column menu instead of sorting
        # Sorting happens in the browser, without a rerun; the grid's accessible copy follows a moment later.
        deadline = time.monotonic() + 3
        while _column_values(table, 1) == before and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        values = _numbers(_column_values(table, column))
        if len(values) >= 10 and values == sorted(values):
            break
    else:
        pytest.fail(f"Na klikken op de kolomkoppen staat kolom {headers[column]!r} niet oplopend: {values[:10]}")
    as_text = [dutch(value, 1) for value in values]
    assert as_text != sorted(as_text), "kies een kolom waarin tekst- en getalvolgorde verschillen"
    assert values[0] == pytest.approx(gebieden.loc[gebieden["niveau"] == "gemeente", DEFAULT_INDICATOR].min())
    _no_exception(page)


PROFIEL_REGIO = "AM37"  # Zuid-Kennemerland en IJmond: the region the issue was tried on
FULL_HD = {"width": 1920, "height": 1080}
PROFIEL_WAIT_MS = 120_000  # the profile page computes every section in one run: slow on a busy machine


def _gemeentenamen(gebieden, regio: str) -> set[str]:
    """The region's gemeenten, from the built table (independent of the drawing code)."""
    return set(gebieden.loc[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == regio), "naam"])


def _kleuren(png: bytes) -> int:
    from PIL import Image

    return len(Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 20))


@pytest.fixture(scope="module")
def schermafdrukken(tmp_path_factory) -> Path:
    """Where the screenshots go, to look at them: the folder LLO_DASH_SCREENSHOTS, else a temporary one (its
    path is in the test output with -rA)."""
    if folder := os.environ.get("LLO_DASH_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("schermafdrukken")


def test_profiel_html_opent_offline_met_namen_op_de_kaart(page, server, gebieden, schermafdrukken):
    """The HTML profile as downloaded from the page, opened from disk in its own 1920×1080 context where
    every request outside the file and localhost is counted (not blocked, so nothing is hidden): none, no
    script errors, every section heading visible, and the map names the region's gemeenten as SVG text."""
    page.goto(f"{server}/profiel?regio={PROFIEL_REGIO}")
    knop = page.get_by_role("button", name=re.compile(r"Profiel \(HTML, afdrukbaar\)"))
    knop.wait_for(timeout=PROFIEL_WAIT_MS)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=PROFIEL_WAIT_MS)
    with page.expect_download(timeout=PROFIEL_WAIT_MS) as info:
        knop.click()
    assert info.value.suggested_filename.endswith(".html")
    bestand = schermafdrukken / info.value.suggested_filename  # with its name: Chromium needs the .html
    info.value.save_as(bestand)
    context = page.context.browser.new_context(viewport=FULL_HD, locale="nl-NL")
    buiten, fouten = [], []
    context.on("request", lambda request: None if request.url.startswith("file:") or _is_local(request.url)
               else buiten.append(request.url))
    profiel = context.new_page()
    profiel.on("pageerror", lambda error: fouten.append(str(error)))
    try:
        profiel.goto(bestand.as_uri())
        profiel.wait_for_selector(".js-plotly-plot .main-svg")  # plotly.js (embedded) has drawn
        profiel.wait_for_load_state("networkidle")
        naam = gebieden.loc[PROFIEL_REGIO, "naam"]
        assert profiel.locator("h1").inner_text() == f"Regioprofiel {naam} ({PROFIEL_REGIO})"
        secties = profiel.locator("section.sectie")
        koppen = profiel.locator("section.sectie > h2")
        assert secties.count() >= 7 and koppen.count() == secties.count()
        for i in range(koppen.count()):
            kop = koppen.nth(i)
            kop.scroll_into_view_if_needed()
            assert kop.is_visible() and kop.inner_text().startswith(f"{i + 1}. "), kop.inner_text()
        kaart = profiel.locator("figure.kaart svg").first
        kaart.scroll_into_view_if_needed()
        teksten = {t.strip() for t in kaart.locator("text").all_text_contents()}
        gemeenten = _gemeentenamen(gebieden, PROFIEL_REGIO)
        assert len(gemeenten) == 7 and gemeenten <= teksten, gemeenten - teksten
        box = kaart.bounding_box()
        assert box["width"] >= 800 and box["height"] >= 400, box  # large enough to read
        shot = kaart.screenshot(path=schermafdrukken / f"profiel-{PROFIEL_REGIO}-kaart.png")
        assert _kleuren(shot) > 30, "de kaart lijkt leeg"
        profiel.screenshot(path=schermafdrukken / f"profiel-{PROFIEL_REGIO}-begin.png")
        # The same file as slides: the map fills the 16:9 screen.
        profiel.get_by_role("button", name="Presentatie aan/uit").click()
        profiel.locator("body.dia").wait_for()
        profiel.locator("#sectie-2").scroll_into_view_if_needed()
        profiel.locator("#sectie-2 figure.kaart svg").wait_for()
        dia = profiel.locator("#sectie-2 figure.kaart svg").bounding_box()
        assert dia["height"] >= 0.5 * FULL_HD["height"], dia
        profiel.screenshot(path=schermafdrukken / f"profiel-{PROFIEL_REGIO}-dia-kaart.png")
        print(f"Schermafdrukken: {schermafdrukken}")
    finally:
        context.close()
    assert buiten == []
    assert fouten == []
    _no_exception(page)  # the app's own profile page, where the download came from


def test_regioprofiel_pagina_op_full_hd_toont_kaart_met_namen(page, server, gebieden, schermafdrukken):
    page.set_viewport_size(FULL_HD)
    try:
        page.goto(f"{server}/profiel?regio={PROFIEL_REGIO}")
        page.get_by_text("Welke gegevens laat Geletterdheid in Zicht zien").first.wait_for(timeout=PROFIEL_WAIT_MS)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=PROFIEL_WAIT_MS)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in _main_text(page)
        afbeelding = page.locator('[data-testid="stImage"] img').first
        afbeelding.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=afbeelding.element_handle())
        assert afbeelding.bounding_box()["width"] >= 800  # full content width on a 1920 screen
        bijschrift = page.get_by_text(re.compile(r"^Namen op de kaart:")).first.inner_text()
        assert all(naam in bijschrift for naam in _gemeentenamen(gebieden, PROFIEL_REGIO)), bijschrift
        shot = afbeelding.screenshot(path=schermafdrukken / f"pagina-profiel-{PROFIEL_REGIO}-kaart.png")
        assert _kleuren(shot) > 30, "de kaart lijkt leeg"
        page.screenshot(path=schermafdrukken / f"pagina-profiel-{PROFIEL_REGIO}.png")
        _no_exception(page)
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


LAPTOP = {"width": 1366, "height": 768}


def _deelnemers_upload(page, name: str, rows: str) -> None:
    header = "gemeente_code;gemeente;groep;arbeid;periode;deelnemers\n"
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Bestand met deelnemers")
    uploader.locator('input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": (header + rows).encode("utf-8")})


def test_reach_upload_on_vindplaatsen_on_a_laptop(page, server, gebieden):
    """On a 1366 × 768 laptop: the sidebar shows the longest region name in full, and the collective's
    participants (a refused file first, then a good one) give the reach per gemeente, a table and a map."""
    page.set_viewport_size(LAPTOP)
    try:
        page.goto(f"{server}/vindplaatsen?regio=AM37")
        page.get_by_text("Bereik van het collectief").first.wait_for(timeout=WAIT_MS)
        picker = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio")
        assert picker.input_value() == "Zuid-Kennemerland en IJmond (AM37)"
        # An input whose text is cut off is wider inside (scrollWidth) than it shows (clientWidth). The sidebar's
        # style arrives with the page's elements: wait for it a moment before judging.
        _idle(page)
        try:
            picker.element_handle().wait_for_element_state("stable")
            page.wait_for_function("e => e.scrollWidth <= e.clientWidth", arg=picker.element_handle(), timeout=5_000)
        except PlaywrightTimeout:
            breedte, zichtbaar = picker.evaluate("e => [e.scrollWidth, e.clientWidth]")
            pytest.fail(f"De regionaam in de zijbalk is afgekapt ({breedte} > {zichtbaar} px).")

        _deelnemers_upload(page, "fout.csv", "GM0392;;;;2024;=1+1\n")
        page.get_by_text("De upload is afgekeurd").wait_for(timeout=WAIT_MS)
        _deelnemers_upload(page, "deelnemers.csv", "GM0392;;NT1;;2024;177\n;Velsen;NT2;;2024;50\n")
        page.get_by_text("227 deelnemers", exact=True).wait_for(timeout=WAIT_MS)
        _idle(page)
        assert page.get_by_text("De upload is afgekeurd").count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
        verwacht = dutch(100 * 227 / gebieden.loc["AM37", "laaggeletterd_16_65"], 2)
        assert f"naar schatting {verwacht}% van de" in _main_text(page)
        # the page's map and the reach map (plotly mounts a chart a moment after Streamlit's rerun is over)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length === 2")
        assert page.get_by_text("Bereik van het collectief per gemeente, Zuid-Kennemerland en IJmond").count() >= 1
        _no_exception(page)
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_repeated_parameter_in_a_link_warns_and_keeps_the_first(page, server):
    """`?gemeente=GM0363&gemeente=GM0518`: a Dutch warning, Amsterdam (the first) is shown and the link keeps one value."""
    page.goto(f"{server}/?gemeente=GM0363&gemeente=GM0518")
    page.get_by_text("De link bevat 2 waarden voor 'gemeente'").first.wait_for(timeout=WAIT_MS)
    _wait_for_param(page, "gemeente", "GM0363")
    assert page.evaluate("() => new URLSearchParams(location.search).getAll('gemeente')") == ["GM0363"]
    assert "Gemeente Amsterdam" in _main_text(page)
    _no_exception(page)


PAGINAS = ("/", "/profiel", "/doelgroep", "/vindplaatsen", "/sectoren", "/vergelijken", "/trends", "/bronnen")


def test_nothing_loaded_from_outside_localhost(page, server, network):
    """Runs last: it opens every page of the app once itself (so it checks something when run alone), and then
    neither this nor the session above tried to load anything from outside localhost (it would have been
    blocked) nor got anything through, and no page had script errors or an exception box."""
    for pad in PAGINAS:
        page.goto(f"{server}{pad}?regio=AM12")
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=PROFIEL_WAIT_MS)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=PROFIEL_WAIT_MS)
        page.wait_for_load_state("networkidle")  # images, fonts and map tiles requested by the page have been asked for
        _no_exception(page)
    assert network["blocked"] == []
    assert network["succeeded"] == []
    assert network["page_errors"] == []
