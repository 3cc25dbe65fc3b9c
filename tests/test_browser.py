"""The real app in headless Debian Chromium, with every request outside localhost blocked.

One server and one browser for the module. The first test is the very first request to the
server (a deep link to another page); every other test starts from its own link, so it does
not depend on the tests before it. Waits are on elements and URLs, not on sleeps.
"""

from __future__ import annotations

import io
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
WAIT_MS = 30_000

# Screen position of a (lon, lat) on the plotly map, via the MapLibre instance plotly keeps.
PROJECT_JS = """([lon, lat]) => {
    const gd = document.querySelector('.js-plotly-plot');
    const map = gd._fullLayout.map._subplot.map;
    const box = map.getCanvas().getBoundingClientRect();
    const p = map.project([lon, lat]);
    return [box.x + p.x, box.y + p.y];
}"""
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
    page.wait_for_selector(".js-plotly-plot canvas")
    page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot'); "
                           "return gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot "
                           "&& gd._fullLayout.map._subplot.map.loaded(); }")


def _point(page, lonlat) -> list[float]:
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    return page.evaluate(PROJECT_JS, list(lonlat))


def _sidebar_regio(page) -> str:
    return page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio").input_value()


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _open(page, server: str, link: str) -> None:
    """Start from a link, with the map drawn."""
    page.goto(f"{server}{link}")
    _map_ready(page)


def test_first_request_is_a_deep_link_to_another_page(page, server, gebieden):
    """The very first request after start is a shared link to a page other than the start page: it shows
    that page, for that region, with the app's own page menu (not Streamlit's menu of the files in pages/).
    This is the proof of the workaround in llo_dash/ui/pages_menu.py: without it the menu reads "app", "bronnen", …"""
    page.goto(f"{server}/doelgroep?regio=AM12")
    page.get_by_text("Antwoorden op de vragen uit de handreiking").first.wait_for(timeout=WAIT_MS)
    assert "Gooi en Vechtstreek" in _main_text(page)
    assert "Traceback" not in _main_text(page)
    menu = page.locator('[data-testid="stSidebarNav"]').inner_text().split("\n")
    icons = {"map", "groups", "location_on", "work", "compare_arrows", "menu_book"}  # drawn from the icon font's names
    assert [item.strip() for item in menu if item.strip() and item.strip() not in icons] == [
        "Overzicht", "Doelgroep", "Vindplaatsen", "Sectoren & beroepen", "Vergelijken", "Bronnen & methode"]
    assert page.url.endswith("/doelgroep?regio=AM12")


def test_deep_link_renders_map(page, server, gebieden):
    page.goto(f"{server}/?regio=AM12")
    _map_ready(page)
    page.get_by_text("Arbeidsmarktregio Gooi en Vechtstreek").first.wait_for()
    data = page.evaluate("() => { const gd = document.querySelector('.js-plotly-plot'); "
                         "return {n: gd.data.length, locations: gd.data[0].locations, names: gd.data[0].customdata.map(c => c[0]), "
                         "style: gd._fullLayout.map.style, separators: gd._fullLayout.separators}; }")
    assert data["n"] == 1 and len(data["locations"]) == 35
    assert "Gooi en Vechtstreek" in data["names"]
    assert data["style"] == "white-bg" and data["separators"] == ",."
    # The map is really drawn (WebGL works without GPU): many distinct colours in its screenshot.
    from PIL import Image

    shot = Image.open(io.BytesIO(page.locator(".js-plotly-plot").first.screenshot())).convert("RGB")
    colours = {colour for _, colour in shot.getcolors(maxcolors=1 << 20)}
    assert len(colours) > 30, "de kaart lijkt leeg"
    # The chart toolbar speaks Dutch; the PNG button (the way to save a map for a presentation) first of all.
    titles = page.eval_on_selector_all(".js-plotly-plot .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
    assert "Figuur opslaan als PNG" in titles, titles
    assert not {"Download plot as a PNG", "Pan", "Zoom in", "Zoom out", "Reset view"} & set(titles), titles


def test_hover_shows_dutch_value(page, server, gebieden):
    _open(page, server, "/?regio=AM12")
    x, y = _point(page, TWENTE)
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    page.wait_for_function("() => document.querySelectorAll('.hoverlayer text').length > 0")
    hover = " ".join(page.locator(".hoverlayer text").all_text_contents())
    expected = dutch(gebieden.loc["AM05", DEFAULT_INDICATOR], 1) + "%"
    assert "Twente" in hover and expected in hover, hover


def test_sidebar_choice_changes_url(page, server, gebieden):
    _open(page, server, "/?regio=AM12")
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Arbeidsmarktregio").click()
    page.keyboard.type("Twente")  # the option list is virtual: filter so the option is rendered
    page.get_by_role("option", name="Twente (AM05)").click()
    _wait_for_param(page, "regio", "AM05")
    page.get_by_text("Arbeidsmarktregio Twente").first.wait_for()
    assert dutch(gebieden.loc["AM05", "inwoners"]) in _main_text(page)


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


def test_csv_download_of_map_table(page, server, gebieden):
    page.goto(f"{server}/?regio=AM12")
    _map_ready(page)
    page.get_by_text("Tabel bij de kaart").click()
    button = page.get_by_role("button", name=re.compile("CSV downloaden"))
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


def test_nothing_loaded_from_outside_localhost(network):
    """Runs last: the whole session above neither tried to load anything from outside localhost (it would
    have been blocked) nor got anything through, and the page had no script errors."""
    assert network["blocked"] == []
    assert network["succeeded"] == []
    assert network["page_errors"] == []
