"""Regioprofiel: the HTML states the built figures, loads nothing from outside, prints to a PDF with every
section, and its map names the region's gemeenten."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import pandas as pd
import plotly.offline
import pytest

from llo_dash import export_profiel
from llo_dash.columns import Kolom, Tabel
from llo_dash.tables import read_table
from llo_dash.views.profiel import maak_profiel

REGIO_S = ("AM37", "AM01", "AM22")  # Zuid-Kennemerland en IJmond, Groningen, Rijnmond


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
def rapporten(built_data, gebieden):
    beroepen = read_table(built_data, "beroepen")
    return {regio: export_profiel.profiel_html(maak_profiel(gebieden, regio, built_data, beroepen)) for regio in REGIO_S}


@pytest.mark.parametrize("regio", REGIO_S)
def test_html_noemt_de_cijfers_van_de_gebouwde_tabel(regio, rapporten, built_data):
    # Independent of the code under test: the parquet file read directly.
    tabel = pd.read_parquet(built_data / "cbs" / "gebieden.parquet")
    lezer = _Lezer()
    lezer.feed(rapporten[regio])
    tekst = " ".join(" ".join(lezer.tekst).split())
    rij = tabel[tabel["code"] == regio].iloc[0]
    zin = re.search(r"naar schatting ([\d.]+) mensen van 16 tot 65 jaar laaggeletterd \(([\d,]+)%; marge ([\d,]+)–([\d,]+)%\)", tekst)
    assert zin, "de zin met de omvang van de doelgroep ontbreekt"
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
    assert rapporten[regio].count(plotly.offline.get_plotlyjs()[:300]) == 1  # plotly.js embedded once
    assert len(rapporten[regio].encode("utf-8")) < export_profiel.MAX_BYTES


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
    # The PDF outline (Chromium's --generate-pdf-document-outline) holds the headings as text.
    titels = [t.decode("latin-1") for t in re.findall(rb"/Title\s*\((.*?)(?<!\\)\)", pdf)]
    for kop in ("1. Welke doelgroepen herkennen wij in onze regio?", "6. Sectoren en beroepen",
                "8. Vragen zonder cijfers: wat de handreiking aanraadt"):
        assert kop in titels


def test_brede_tabel_wordt_gesplitst_niet_afgekapt():
    kolommen = {f"k{i}": Kolom(f"Kolom {i}", "getal") for i in range(10)}
    tabel = Tabel(pd.DataFrame({f"k{i}": [i * 1000.0] for i in range(10)}), kolommen)
    uit = export_profiel.tabel_html("Breed", tabel)
    assert uit.count("<table") == 2 and "deel 2 van 2" in uit
    assert all(f"Kolom {i}" in uit for i in range(10)) and "9.000" in uit


def test_markdown_wordt_veilig_html():
    assert export_profiel.markdown_html("**a** <b>\n\n- x\n- y") == "<p class=\"zin\"><strong>a</strong> &lt;b&gt;</p>\n<ul><li>x</li><li>y</li></ul>"
