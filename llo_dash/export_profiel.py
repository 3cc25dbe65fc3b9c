"""Regioprofiel as one self-contained HTML file (report for A4, and a slides mode for the projector), and as PDF.

The HTML holds everything: plotly.js once in a `<script>` (the bar charts stay interactive offline), the
maps as inline SVG with the place names as text, tables as HTML. No `src` or `href` points outside the
file; source citations are plain text. Print CSS gives A4 pages with a page break before each section,
tables that wrap (and wide tables split into parts that repeat the first column, never silently cut).
The same file opens as slides with `#dia` in the link or the button "Presentatie" (16:9, one figure per
screen, large type).

PDF: Chromium's own print-to-PDF on that file (`chromium --headless --print-to-pdf`). The project already
installs Debian's chromium for its browser tests, it draws the plotly charts exactly as on screen (the JS
runs), and nothing is downloaded at run time. WeasyPrint would need every chart re-drawn as a static image
(kaleido, which itself drives a Chromium) and brings Pango/cairo system libraries: more parts, same browser.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import plotly.io as pio
import plotly.offline

from llo_dash.columns import Tabel
from llo_dash.errors import LloDashError
from llo_dash.figures import plotly_config
from llo_dash.views.profiel import INLEIDING, Profiel

MAX_KOLOMMEN = 7  # a table with more columns is split into parts (first column repeated) to fit A4 portrait
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
PDF_TIMEOUT = 120  # seconds

CSS = """
body{font-family:"Source Sans Pro",Arial,sans-serif;margin:2rem auto;max-width:60rem;color:#222;line-height:1.4}
h1{font-size:1.9rem} h2{font-size:1.45rem;border-bottom:2px solid #3b528b;padding-bottom:.2rem}
.vragen{color:#3b528b;font-style:italic} .bron{color:#555;font-size:.85rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.85rem;table-layout:auto}
th,td{border:1px solid #ccc;padding:.2rem .35rem;vertical-align:top;overflow-wrap:anywhere}
th,td:first-child{overflow-wrap:normal}
th{background:#eef1f7;text-align:left} td.getal{text-align:right;white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.2rem 0}
figure{margin:1rem 0} figure svg{width:100%;height:auto} .werkbalk{position:sticky;top:0;background:#fff;padding:.3rem 0}
.werkbalk button{font-size:1rem;padding:.3rem .8rem}
.verwijzing dt{font-weight:600;margin-top:.6rem}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{max-width:none;margin:0;font-size:10.5pt} .werkbalk{display:none}
 .sectie{break-before:page} h2,h3,caption{break-after:avoid} figure,tr{break-inside:avoid}
 thead{display:table-header-group} table{font-size:8.5pt}
}
body.dia{max-width:none;margin:0;font-size:1.6rem}
body.dia .sectie,body.dia header{min-height:100vh;aspect-ratio:16/9;max-height:100vh;box-sizing:border-box;
 padding:2vh 3vw;display:flex;flex-direction:column;scroll-snap-align:start;overflow:hidden}
body.dia{scroll-snap-type:y mandatory;height:100vh;overflow-y:scroll}
body.dia h1{font-size:3.2rem} body.dia h2{font-size:2.6rem}
body.dia .tabel,body.dia .bron,body.dia .vragen,body.dia .zin:not(:first-of-type),body.dia .inleiding{display:none}
body.dia figure{flex:1;min-height:0;margin:.5rem 0} body.dia figure svg{height:100%;width:auto;max-width:100%}
body.dia .zin:first-of-type{font-size:1.5rem}
"""

SCRIPT = """
function llo_modus(dia){document.body.classList.toggle('dia',dia);
 document.querySelectorAll('.js-plotly-plot').forEach(function(p){Plotly.Plots.resize(p)});}
document.addEventListener('DOMContentLoaded',function(){if(location.hash==='#dia'||document.body.dataset.start==='dia'){llo_modus(true)}});
document.addEventListener('keydown',function(e){if(!document.body.classList.contains('dia'))return;
 if(['ArrowRight','PageDown',' '].includes(e.key)){window.scrollBy(0,window.innerHeight);e.preventDefault()}
 if(['ArrowLeft','PageUp'].includes(e.key)){window.scrollBy(0,-window.innerHeight);e.preventDefault()}
 if(e.key==='Escape'){llo_modus(false)}});
"""


def markdown_html(tekst: str) -> str:
    """The little Markdown the answer sentences use (paragraphs, "- " lists, **bold**, *italic*, `code`) as HTML;
    everything else is escaped."""
    blokken = []
    for blok in re.split(r"\n\s*\n", tekst.strip()):
        regels = blok.splitlines()
        inline = [_inline(regel) for regel in regels]
        if all(regel.lstrip().startswith("- ") for regel in regels):
            blokken.append("<ul>" + "".join(f"<li>{_inline(r.lstrip()[2:])}</li>" for r in regels) + "</ul>")
        else:
            blokken.append(f'<p class="zin">{"<br>".join(inline)}</p>')
    return "\n".join(blokken)


def _inline(tekst: str) -> str:
    tekst = html.escape(tekst.replace("  ", " ").strip(), quote=False)
    tekst = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", tekst)
    tekst = re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*", r"<em>\1</em>", tekst)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", tekst)


def tabel_html(titel: str, tabel: Tabel) -> str:
    """The table as HTML, Dutch text per cell; more than `MAX_KOLOMMEN` columns: split into parts."""
    tekst = tabel.als_tekst()
    numeriek = [kolom.numeriek for kolom in tabel.kolommen.values()]
    rest = list(range(1, tekst.shape[1]))
    stap = MAX_KOLOMMEN - 1
    delen = [rest[i:i + stap] for i in range(0, len(rest), stap)] or [[]]
    uit = []
    for nummer, deel in enumerate(delen, start=1):
        kolommen = [0, *deel]
        kop = titel + (f" (deel {nummer} van {len(delen)})" if len(delen) > 1 else "")
        koppen = "".join(f"<th>{html.escape(tekst.columns[k])}</th>" for k in kolommen)
        rijen = "".join(
            "<tr>" + "".join(f'<td class="{"getal" if numeriek[k] else "tekst"}">{html.escape(str(rij[k]))}</td>'
                             for k in kolommen) + "</tr>"
            for rij in tekst.itertuples(index=False))
        uit.append(f'<table class="tabel" data-tabel="{html.escape(titel)}"><caption>{html.escape(kop)}</caption>'
                   f"<thead><tr>{koppen}</tr></thead><tbody>{rijen}</tbody></table>")
    return "\n".join(uit)


def _figuur_html(fig, naam: str) -> str:
    config = {**plotly_config(naam), "responsive": True}
    return '<figure class="figuur">' + pio.to_html(fig, full_html=False, include_plotlyjs=False, config=config,
                                                   default_width="100%") + "</figure>"


def _svg(svg: str) -> str:
    """Matplotlib's SVG without its XML prolog and DOCTYPE (which points at w3.org), for inline use."""
    return svg[svg.index("<svg"):]


def profiel_html(profiel: Profiel, *, start: str = "rapport") -> str:
    """The whole profile as one HTML document; `start="dia"` opens it as slides."""
    delen = [f'<header><h1>Regioprofiel {html.escape(profiel.naam)} ({profiel.code})</h1>'
             f'<p class="bron">LLO Regiodashboard, gemaakt op {date.today().strftime("%d-%m-%Y")}.</p>'
             f'<div class="inleiding">{markdown_html(INLEIDING)}</div></header>']
    for nummer, sectie in enumerate(profiel.secties, start=1):
        inhoud = [f"<h2>{nummer}. {html.escape(sectie.titel)}</h2>",
                  '<ul class="vragen">' + "".join(f"<li>{html.escape(v)}</li>" for v in sectie.vragen) + "</ul>"]
        inhoud += [markdown_html(zin) for zin in sectie.zinnen if zin]
        inhoud += [f'<figure class="kaart" data-labels="{html.escape("|".join(k.labels))}">{_svg(k.svg())}</figure>'
                   for k in sectie.kaarten]
        inhoud += [_figuur_html(fig, f"llo-profiel-{profiel.code}-{nummer}") for fig in sectie.figuren]
        inhoud += [tabel_html(titel, tabel) for titel, tabel in sectie.tabellen]
        inhoud += [f'<p class="bron">{html.escape(regel)}</p>' for regel in dict.fromkeys(sectie.bronnen)]
        delen.append(f'<section class="sectie" id="sectie-{nummer}">{"".join(inhoud)}</section>')
    verwijzingen = "".join(f"<dt>{html.escape(v.vraag)}</dt><dd>{html.escape(v.verwijzing)} "
                           f'<span class="bron">({html.escape(v.sectie)})</span></dd>' for v in profiel.verwijzingen)
    delen.append(f'<section class="sectie" id="sectie-verwijzingen"><h2>{len(profiel.secties) + 1}. Vragen zonder cijfers: '
                 f'wat de handreiking aanraadt</h2><dl class="verwijzing">{verwijzingen}</dl></section>')
    werkbalk = ('<div class="werkbalk"><button onclick="llo_modus(!document.body.classList.contains(\'dia\'))">'
                "Presentatie aan/uit</button> <button onclick=\"window.print()\">Afdrukken</button></div>")
    return ("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            f"<title>Regioprofiel {html.escape(profiel.naam)}</title><style>{CSS}</style>"
            f"<script>{plotly.offline.get_plotlyjs()}</script><script>{SCRIPT}</script></head>"
            f'<body data-start="{start}">{werkbalk}{"".join(delen)}</body></html>')


def chromium() -> str:
    for naam in CHROMIUM:
        if pad := shutil.which(naam):
            return pad
    raise LloDashError("Voor een PDF is Chromium nodig (Debian: `apt-get install chromium`); de HTML-versie werkt zonder.")


def html_naar_pdf(document: str) -> bytes:
    """Print the HTML to PDF (A4) with headless Chromium, in a temporary folder; a time-out is an error."""
    with tempfile.TemporaryDirectory(prefix="llo-profiel-") as map_:
        bron, doel = Path(map_) / "profiel.html", Path(map_) / "profiel.pdf"
        bron.write_text(document, encoding="utf-8")
        opdracht = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--generate-pdf-document-outline", "--virtual-time-budget=20000",
                    f"--user-data-dir={map_}/profile", f"--print-to-pdf={doel}", bron.as_uri()]
        try:
            subprocess.run(opdracht, capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as error:
            raise LloDashError(f"Chromium maakte de PDF niet binnen {PDF_TIMEOUT} seconden.") from error
        if not doel.exists() or doel.stat().st_size == 0:
            raise LloDashError("Chromium heeft geen PDF gemaakt.")
        return doel.read_bytes()


# --- command line: `python -m llo_dash profiel AMxx --out FILE` and `--alle --out DIR` -------------------

MAX_BYTES = 5_000_000  # a report must stay under 5 MB (plotly.js alone is about 4,8 MB)


def _schrijf(regio: str, pad: Path, formaat: str, df, data_dir: Path, beroepen_tabel) -> int:
    from llo_dash.views.profiel import maak_profiel

    document = profiel_html(maak_profiel(df, regio, data_dir, beroepen_tabel))
    inhoud = html_naar_pdf(document) if formaat == "pdf" else document.encode("utf-8")
    if len(inhoud) >= MAX_BYTES:
        raise LloDashError(f"Het profiel van {regio} is {len(inhoud):,} bytes, meer dan de grens van 5 MB.")
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_bytes(inhoud)
    return len(inhoud)


def cmd_profiel(args) -> int:
    """Write one region's profile (`regio`, `--out FILE`) or all 35 (`--alle`, `--out DIR`), with progress."""
    import sys

    from llo_dash.config import load_settings
    from llo_dash.tables import read_table
    from llo_dash.views import queries

    data_dir = load_settings().data_dir
    df, beroepen_tabel = queries.gebieden(data_dir), read_table(data_dir, "beroepen")
    codes = [code for code, _ in queries.regio_opties(df)]
    if args.alle == bool(args.regio):
        raise LloDashError("Geef één arbeidsmarktregio (bijvoorbeeld AM37) of --alle.")
    if args.alle:
        doelen = [(code, Path(args.out) / f"regioprofiel-{code}.{args.format}") for code in codes]
    else:
        regio = args.regio.upper()
        if regio not in codes:
            raise LloDashError(f"'{args.regio}' is geen arbeidsmarktregio van de indeling 2025 (bijvoorbeeld AM37).")
        doelen = [(regio, Path(args.out))]
    for nummer, (code, pad) in enumerate(doelen, start=1):
        grootte = _schrijf(code, pad, args.format, df, data_dir, beroepen_tabel)
        if len(doelen) > 1:
            balk = "#" * round(30 * nummer / len(doelen))
            print(f"\r[{balk:<30}] {nummer}/{len(doelen)} {code}", end="", file=sys.stderr, flush=True)
        else:
            print(f"{pad} ({grootte / 1e6:.1f} MB)", file=sys.stderr)
    if len(doelen) > 1:
        print(f"\n{len(doelen)} profielen in {args.out}", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    """The subcommand `profiel` of `python -m llo_dash`."""
    profiel = commands.add_parser("profiel", help="Schrijf het regioprofiel (HTML of PDF) van één of alle regio's.")
    profiel.add_argument("regio", nargs="?", help="Arbeidsmarktregio, bijvoorbeeld AM37.")
    profiel.add_argument("--alle", action="store_true", help="Alle 35 arbeidsmarktregio's (dan is --out een map).")
    profiel.add_argument("--out", required=True, help="Uitvoerbestand, of map bij --alle.")
    profiel.add_argument("--format", choices=("html", "pdf"), default="html", help="html (standaard) of pdf.")
    profiel.set_defaults(run=cmd_profiel)
