"""Regioprofiel: the HTML states the built figures (of a region, and of a gemeente next to its region), loads
nothing from outside, asks each question once, prints to a PDF with every section, its map names the region's
gemeenten, it shows the collective's own partner and participant files, and the command line writes it."""

from __future__ import annotations

import base64
import gzip
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pandas as pd
import plotly.offline
import pytest

from llo_dash import export_profiel
from llo_dash.export_profiel import dom_zoals_afgedrukt
from llo_dash.columns import Kolom, Tabel
from llo_dash.tables import read_table
from llo_dash.views.profiel import maak_profiel

REGIO_S = ("AM37", "AM01", "AM22")  # Zuid-Kennemerland en IJmond, Groningen, Rijnmond
ZANDVOORT = "GM0473"  # a small gemeente of AM37


class _Lezer(HTMLParser):
    """Every src/href, the visible text, and the cells of each table (by its data-tabel title)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tekst: list[str] = []
        self.tabellen: dict[str, list[list[str]]] = {}
        self._tabel = self._rij = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        self._in_script = tag in ("script", "style")
        if tag == "table":
            self._tabel = self.tabellen.setdefault(attrs.get("data-tabel", ""), [])
        elif tag == "tr" and self._tabel is not None:
            self._rij = []
            self._tabel.append(self._rij)

    def handle_endtag(self, tag):
        self._in_script = False if tag in ("script", "style") else self._in_script
        if tag == "table":
            self._tabel = self._rij = None

    def handle_data(self, data):
        if not self._in_script:
            self.tekst.append(data)
            if self._rij is not None and self.lasttag in ("td", "th"):
                self._rij.append(data)


def _dutch(value, decimals=0) -> str:
    number = Decimal(str(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{number:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _getal(tekst: str) -> float:
    return float(tekst.replace(".", "").replace(",", ".").rstrip("%"))


@pytest.fixture(scope="module")
def beroepen(built_data):
    return read_table(built_data, "beroepen")


@pytest.fixture(scope="module")
def rapporten(built_data, gebieden, beroepen):
    return {code: export_profiel.profiel_html(maak_profiel(gebieden, code, built_data, beroepen))
            for code in (*REGIO_S, ZANDVOORT)}


def _lees(document: str) -> _Lezer:
    lezer = _Lezer()
    lezer.feed(document)
    return lezer


def _zin_omvang(tekst: str):
    zin = re.search(r"naar schatting ([\d.]+) mensen van 16 tot 65 jaar laaggeletterd \(([\d,]+)%; marge ([\d,]+)–([\d,]+)%\)", tekst)
    assert zin, "de zin met de omvang van de doelgroep ontbreekt"
    return zin


@pytest.mark.parametrize("regio", REGIO_S)
def test_html_noemt_de_cijfers_van_de_gebouwde_tabel(regio, rapporten, built_data):
    # Independent of the code under test: the parquet file read directly.
    tabel = pd.read_parquet(built_data / "cbs" / "gebieden.parquet")
    lezer = _Lezer()
    lezer.feed(rapporten[regio])
    tekst = " ".join(" ".join(lezer.tekst).split())
    rij = tabel[tabel["code"] == regio].iloc[0]
    zin = _zin_omvang(tekst)
    assert _getal(zin[1]) == round(rij["laaggeletterd_16_65"])
    for groep, kolom in zip(zin.groups()[1:], ["laaggeletterd_16_65_pct", "laaggeletterd_16_65_pct_laag", "laaggeletterd_16_65_pct_hoog"]):
        assert _getal(groep) == pytest.approx(rij[kolom], abs=0.051)
    # The table per gemeente: every gemeente of the region, with its count and % as built.
    gemeenten = tabel[(tabel["niveau"] == "gemeente") & (tabel["arbeidsmarktregio_code"] == regio)].set_index("naam")
    rijen = next(cellen for titel, cellen in lezer.tabellen.items() if titel.startswith("Laaggeletterdheid per gemeente"))
    koppen, data = rijen[0], rijen[1:]
    assert sorted(r[0] for r in data) == sorted(gemeenten.index)
    i_aantal, i_pct = koppen.index("Laaggeletterd 16–65 jaar, aantal (schatting)"), koppen.index("Laaggeletterd 16–65 jaar, % (schatting)")
    for r in data:
        assert r[i_aantal] == _dutch(gemeenten.loc[r[0], "laaggeletterd_16_65"])
        assert r[i_pct] == _dutch(gemeenten.loc[r[0], "laaggeletterd_16_65_pct"], 1) + "%"


@pytest.mark.parametrize("regio", REGIO_S)
def test_html_laadt_niets_van_buiten_en_blijft_onder_5_mb(regio, rapporten):
    lezer = _Lezer()
    lezer.feed(rapporten[regio])
    assert [link for link in lezer.links if not link.startswith("#")] == []
    # plotly.js once, compressed: the embedded block unpacks to exactly plotly.js; not also uncompressed.
    document = rapporten[regio]
    blokken = re.findall(r'<script type="text/plain" id="plotly-gz">([A-Za-z0-9+/=]+)</script>', document)
    assert len(blokken) == 1
    assert gzip.decompress(base64.b64decode(blokken[0])).decode("utf-8") == plotly.offline.get_plotlyjs()
    assert plotly.offline.get_plotlyjs()[:300] not in document
    # Each chart's data once (its JSON in one script element), and a div that names it.
    ids = re.findall(r'<script type="application/json" id="(figuur-[\d-]+)">', document)
    assert ids and len(ids) == len(set(ids)) and all(document.count(f'data-figuur="{i}"') == 1 for i in ids)
    assert len(document.encode("utf-8")) < 2_500_000  # was 4,9 MB with plotly.js uncompressed; the limit is 5 MB


@pytest.mark.parametrize("code", [*REGIO_S, ZANDVOORT])
def test_elke_vraag_staat_er_een_keer(code, rapporten):
    """The heading is the question; it is not repeated under the heading (as it was, as an italic list)."""
    lezer = _lees(rapporten[code])
    tekst = " ".join(" ".join(lezer.tekst).split())
    koppen = re.findall(r"<h2>\d+\. (.*?)</h2>", rapporten[code])
    # 7 handreiking questions with data, the change over time, and the questions without data
    assert len(koppen) == 9 and all(kop.endswith("?") or kop.startswith("Vragen zonder") for kop in koppen)
    for kop in koppen:
        assert tekst.count(kop.replace("&#x27;", "'")) == 1, kop
    assert 'class="vragen"' not in rapporten[code]


def test_gemeenteprofiel_naast_regio_en_nederland(rapporten, built_data):
    """Zandvoort next to its region and Nederland: its own estimate, a key table with three areas, its wijken,
    and a plain sentence that occupations and shortages exist per region only."""
    tabel = pd.read_parquet(built_data / "cbs" / "gebieden.parquet").set_index("code")
    lezer = _lees(rapporten[ZANDVOORT])
    tekst = " ".join(" ".join(lezer.tekst).split())
    zin = _zin_omvang(tekst)
    assert _getal(zin[1]) == round(tabel.loc[ZANDVOORT, "laaggeletterd_16_65"])
    assert _getal(zin[2]) == pytest.approx(tabel.loc[ZANDVOORT, "laaggeletterd_16_65_pct"], abs=0.051)
    kern = next(c for t, c in lezer.tabellen.items() if t.startswith("Kerncijfers Zandvoort"))
    assert "Zandvoort" in kern[0][1] and "Zuid-Kennemerland en IJmond" in kern[0][-2] and kern[0][-1] == "Nederland"
    wijken = tabel[(tabel["niveau"] == "wijk") & (tabel["gemeente_code"] == ZANDVOORT)]
    per_wijk = next(c for t, c in lezer.tabellen.items() if t == "Laaggeletterdheid per wijk, Zandvoort")
    assert sorted(r[0] for r in per_wijk[1:]) == sorted(wijken["naam"]) and len(wijken) == 4
    assert "alleen per arbeidsmarktregio, niet per gemeente" in tekst
    assert "in onze gemeente?" in tekst and "Regioprofiel Zandvoort (GM0473)" in tekst
    kaarten = re.findall(r'<figure class="kaart dia-stop" data-labels="([^"]*)"', rapporten[ZANDVOORT])
    assert len(kaarten) == 2 and "Zandvoort" in kaarten[0].split("|")
    assert set(kaarten[1].split("|")) <= set(wijken["naam"]) and kaarten[1]


def test_kaart_noemt_de_gemeenten(built_data, gebieden):
    from llo_dash.views.profiel import gemeentekaart

    kaart = gemeentekaart(gebieden, built_data, "AM37")
    namen = gebieden.loc[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == "AM37"), "naam"]
    # Zuid-Kennemerland en IJmond: 7 gemeenten, all large enough to be named.
    assert sorted(kaart.labels) == sorted(namen) and len(namen) == 7
    assert all(f">{naam}<" in kaart.svg() for naam in namen)  # SVG text, not paths
    assert kaart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_pdf_heeft_elke_sectie_en_een_redelijk_aantal_paginas(rapporten):
    pdf = export_profiel.html_naar_pdf(rapporten["AM37"])
    paginas = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 8 <= paginas <= 30
    # The map on a landscape A4 page (842 × 595 pt), the rest portrait.
    assert len(re.findall(rb"/MediaBox\s*\[0 0 841\.\d+ 594\.\d+\]", pdf)) == rapporten["AM37"].count('<figure class="kaart') == 1
    # The PDF outline (Chromium's --generate-pdf-document-outline) holds the headings as text.
    titels = [t.decode("latin-1") for t in re.findall(rb"/Title\s*\((.*?)(?<!\\)\)", pdf)]
    koppen = re.findall(r"<h2>(.*?)</h2>", rapporten["AM37"])
    assert len(koppen) == 9 and koppen[0] == "1. Welke doelgroepen herkennen wij in onze regio?"
    # Chromium writes a title outside Latin-1 as UTF-16 (every heading here is Latin-1), and drops the space where
    # a heading wraps onto a second line: compared without spaces.
    zonder_spaties = {re.sub(r"\s", "", titel) for titel in titels}
    for kop in koppen:
        assert re.sub(r"\s", "", kop.replace("&#x27;", "'")) in zonder_spaties, kop
    print(f"PDF AM37: {paginas} pagina's, {len(pdf):,} bytes")


def test_grafieken_zijn_getekend_als_chromium_afdrukt(rapporten):
    """plotly.js is unpacked by the page's script: by the time Chromium prints, every chart is drawn."""
    dom = dom_zoals_afgedrukt(rapporten["AM37"])
    assert 'data-getekend="ja"' in dom
    grafieken = rapporten["AM37"].count('<div class="plot" data-figuur=')
    assert grafieken == 3 and len(re.findall(r'<div class="plot[^"]*js-plotly-plot', dom)) == grafieken


def test_brede_tabel_wordt_gesplitst_niet_afgekapt():
    kolommen = {f"k{i}": Kolom(f"Kolom {i}", "getal") for i in range(10)}
    tabel = Tabel(pd.DataFrame({f"k{i}": [i * 1000.0] for i in range(10)}), kolommen)
    uit = export_profiel.tabel_html("Breed", tabel)
    assert uit.count("<table") == 2 and "deel 2 van 2" in uit
    assert all(f"Kolom {i}" in uit for i in range(10)) and "9.000" in uit


def test_markdown_wordt_veilig_html():
    assert export_profiel.markdown_html("**a** <b>\n\n- x\n- y") == "<p class=\"zin\"><strong>a</strong> &lt;b&gt;</p>\n<ul><li>x</li><li>y</li></ul>"


@pytest.mark.parametrize("code", [*REGIO_S, ZANDVOORT])
def test_ontwikkeling_noemt_de_cijfers_van_de_tabel_trends(code, rapporten, built_data):
    """The section on change over time states unemployment of 2019 and 2024 for the area and for Nederland as
    the built table `trends` holds them (read here straight from the parquet file)."""
    trends = pd.read_parquet(built_data / "cbs" / "trends.parquet")
    werkloos = trends[trends["indicator"] == "werkloosheid_pct"].set_index(["code", "periode"])["waarde"]
    tekst = " ".join(" ".join(_lees(rapporten[code]).tekst).split())
    assert "zich, en sneller of trager dan Nederland?" in tekst
    zin = re.search(r"de werkloosheid van ([\d,]+)% in 2019 naar ([\d,]+)% in 2024; landelijk van ([\d,]+)% naar ([\d,]+)%", tekst)
    assert zin, "geen werkloosheidszin in de sectie over de ontwikkeling"
    verwacht = [werkloos[(code, "2019")], werkloos[(code, "2024")], werkloos[("NL00", "2019")], werkloos[("NL00", "2024")]]
    assert list(zin.groups()) == [_dutch(waarde, 1) for waarde in verwacht]
    assert "Bron: CBS, Arbeidsdeelname; regionale indeling 2024 (86088NED), 2013–2024." in tekst


def test_beschadigde_trends_tabel_geeft_een_zin_geen_traceback(tmp_path):
    """A cut-off trends.parquet: the section says so in Dutch with the way to rebuild; the rest of the profile stands."""
    from llo_dash.views.profiel.ontwikkeling import ontwikkeling

    (tmp_path / "cbs").mkdir()
    (tmp_path / "cbs" / "trends.parquet").write_bytes(b"PAR1 afgebroken")
    titel, zinnen, bronnen = ontwikkeling(tmp_path, "AM37", "Zuid-Kennemerland en IJmond", None)
    assert titel.endswith("Nederland?") and bronnen == []
    assert "kan niet worden gelezen" in zinnen[0] and "python -m llo_dash build" in zinnen[0]
    assert ontwikkeling(tmp_path / "leeg", "AM37", "Zuid-Kennemerland en IJmond", None) is None  # older build: no section
