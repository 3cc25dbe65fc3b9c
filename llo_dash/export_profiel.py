"""Regioprofiel as one self-contained HTML file (report for A4, and a slides mode for the projector), and as PDF.

The HTML holds everything: plotly.js once, gzip-compressed in a `<script type="text/plain">` and unpacked by the
browser (`DecompressionStream`, in every browser since 2023), which takes the file from about 4,9 MB to about 2 MB;
the bar charts stay interactive offline. Each chart's data is written once as JSON. The maps are inline SVG with
the place names as text, tables are HTML. No `src` or `href` points outside the file; source citations are plain
text. Print CSS gives A4 pages with a page break before each section, maps on a landscape page, tables that wrap
(and wide tables split into parts that repeat the first column, never silently cut). The same file opens as slides
with `#dia` in the link or the button "Presentatie" (16:9, a title screen per question, then one figure per screen
filling it, large type).

PDF: Chromium's own print-to-PDF on that file (`chromium --headless --print-to-pdf`). The project already
installs Debian's chromium for its browser tests, it draws the plotly charts exactly as on screen (the JS
runs), and nothing is downloaded at run time. WeasyPrint would need every chart re-drawn as a static image
(kaleido, which itself drives a Chromium) and brings Pango/cairo system libraries: more parts, same browser.
The command line (`python -m llo_dash profiel`): `export_profiel_cli`.
"""

from __future__ import annotations

import base64
import functools
import gzip
import html
import json
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

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
.bron{color:#555;font-size:.85rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.85rem;table-layout:auto}
th,td{border:1px solid #ccc;padding:.2rem .35rem;vertical-align:top;overflow-wrap:anywhere}
th,td:first-child{overflow-wrap:normal}
th{background:#eef1f7;text-align:left} td.getal{text-align:right;white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.2rem 0}
figure{margin:1rem 0} figure svg{width:100%;height:auto;display:block}
figure.kaart{width:min(94vw,90rem);margin-left:50%;transform:translateX(-50%)}
.werkbalk{position:sticky;top:0;background:#fff;padding:.3rem 0;z-index:2} .werkbalk button{font-size:1rem;padding:.3rem .8rem}
.verwijzing dt{font-weight:600;margin-top:.6rem}
@page{size:A4;margin:14mm 12mm}
@page liggend{size:A4 landscape;margin:12mm}
@media print{
 body{max-width:none;margin:0;font-size:10.5pt} .werkbalk{display:none}
 .sectie{break-before:page} h2,h3,caption{break-after:avoid} figure,tr{break-inside:avoid}
 figure.kaart{page:liggend;width:auto;margin:0;transform:none}
 thead{display:table-header-group} table{font-size:8.5pt}
}
body.dia{max-width:none;margin:0;scroll-snap-type:y mandatory;height:100vh;overflow-y:scroll}
body.dia .werkbalk{position:fixed;top:auto;bottom:.5vh;right:.5vw;background:none;opacity:0}
body.dia .werkbalk:hover{opacity:1}
body.dia header{height:100vh;box-sizing:border-box;padding:0 5vw;display:flex;flex-direction:column;
 justify-content:center;scroll-snap-align:start}
body.dia h1{font-size:6vh} body.dia header .bron{font-size:2.4vh}
body.dia .sectie{padding:0 4vw}
body.dia h2{font-size:4.6vh;line-height:1.2;margin:0;padding-top:4vh;scroll-snap-align:start}
body.dia .antwoord{min-height:70vh;font-size:3vh;line-height:1.45;box-sizing:border-box;padding-bottom:3vh}
body.dia .tabel,body.dia .bron,body.dia .inleiding{display:none}
body.dia .blok>:nth-child(n+3),body.dia .blok>ul{display:none}
body.dia figure.dia-stop{height:100vh;width:auto;margin:0 -4vw;padding:1vh 1vw;box-sizing:border-box;transform:none;
 display:flex;align-items:center;justify-content:center;scroll-snap-align:start}
body.dia figure.kaart svg{height:100%;width:auto;max-width:100%}
body.dia figure.figuur .plot{width:100%;height:100%}
body.dia .verwijzing{font-size:2.4vh}
"""

# Unpacks plotly.js (gzip, base64) once, then draws every chart from its JSON; `data-getekend` marks the end (tests,
# PDF). Slides: a larger font for the charts, and the arrow keys go to the next heading or figure.
SCRIPT = """
async function llo_plotly(){
 if(window.Plotly)return;
 const bytes=Uint8Array.from(atob(document.getElementById('plotly-gz').textContent),c=>c.charCodeAt(0));
 const code=await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
 const s=document.createElement('script');s.textContent=code;document.head.appendChild(s);
}
async function llo_teken(){
 await llo_plotly();
 for(const div of document.querySelectorAll('div.plot[data-figuur]')){
  const fig=JSON.parse(document.getElementById(div.dataset.figuur).textContent);
  div._llo_layout=fig.layout;
  await Plotly.newPlot(div,fig.data,fig.layout,JSON.parse(div.dataset.config));
 }
 document.body.dataset.getekend='ja';
 if(document.body.classList.contains('dia'))llo_modus(true);
}
// chart type on a slide: 24 px base and 30 px titles at 1080 px high, in proportion on other screens; fonts a
// figure sets itself for its axes (the occupations chart) are kept, they fit its own annotations
function llo_dia_letters(){const e=window.innerHeight/1080;
 return {'font.size':Math.round(24*e),'title.font.size':Math.round(30*e),'legend.font.size':Math.round(22*e)}}
function llo_modus(dia){
 document.body.classList.toggle('dia',dia);
 document.querySelectorAll('.sectie').forEach(function(s){const a=s.querySelector('.antwoord'),h=s.querySelector('h2');
  if(!a)return;a.style.minHeight=a.style.fontSize='';if(!dia)return;
  const ruimte=window.innerHeight-h.offsetHeight;a.style.minHeight=ruimte+'px';
  // a long answer gets smaller type, down to 2% of the screen height (22 px at 1080); longer still: two screens
  for(let vh=3;a.scrollHeight>ruimte&&vh>2.01;vh-=0.1)a.style.fontSize=vh.toFixed(1)+'vh';});
 if(!window.Plotly)return;
 document.querySelectorAll('div.plot[data-figuur]').forEach(function(p){
  if(dia){Plotly.relayout(p,Object.assign({height:p.parentElement.clientHeight-16,autosize:true},llo_dia_letters()))}
  else{Plotly.react(p,p.data,JSON.parse(JSON.stringify(p._llo_layout)))}});
}
function llo_stap(richting){
 const stops=[...document.querySelectorAll('header,.sectie>h2,.dia-stop')];
 const nu=stops.map(e=>e.getBoundingClientRect().top);
 const volgende=nu.findIndex(t=>t>5);
 // the next heading or figure, or a screen further when it is more than a screen away (a long answer)
 if(richting>0&&(volgende<0||nu[volgende]>window.innerHeight*1.05)){document.body.scrollBy(0,window.innerHeight*0.9);return}
 const doel=richting>0?stops[volgende]:stops[nu.map(t=>t<-5).lastIndexOf(true)];
 if(doel)doel.scrollIntoView();
}
document.addEventListener('DOMContentLoaded',function(){
 if(location.hash==='#dia'||document.body.dataset.start==='dia')llo_modus(true);llo_teken();});
document.addEventListener('keydown',function(e){if(!document.body.classList.contains('dia'))return;
 if(['ArrowRight','ArrowDown','PageDown',' '].includes(e.key)){llo_stap(1);e.preventDefault()}
 if(['ArrowLeft','ArrowUp','PageUp'].includes(e.key)){llo_stap(-1);e.preventDefault()}
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


def _json_in_script(tekst: str) -> str:
    """JSON safe inside `<script>`: `</` cannot end the element (`<\\/` is the same JSON)."""
    return tekst.replace("</", "<\\/")


def _figuur_html(fig, naam: str, id_: str) -> str:
    """A chart: an empty div the script draws into, and its data once, as JSON."""
    config = html.escape(json.dumps({**plotly_config(naam), "responsive": True}))
    return (f'<figure class="figuur dia-stop"><div class="plot" data-figuur="{id_}" data-config="{config}"></div>'
            f'<script type="application/json" id="{id_}">{_json_in_script(fig.to_json())}</script></figure>')


@functools.cache
def plotly_gz() -> str:
    """plotly.js, gzip-compressed and base64-encoded (the script unpacks it)."""
    return base64.b64encode(gzip.compress(plotly.offline.get_plotlyjs().encode("utf-8"), 9, mtime=0)).decode("ascii")


def _svg(svg: str) -> str:
    """Matplotlib's SVG without its XML prolog and DOCTYPE (which points at w3.org), for inline use."""
    return svg[svg.index("<svg"):]


def _sectie_html(profiel: Profiel, nummer: int, sectie) -> str:
    inhoud = [f"<h2>{nummer}. {html.escape(sectie.titel)}</h2>",
              '<div class="antwoord">' + "".join(f'<div class="blok">{markdown_html(zin)}</div>'
                                                 for zin in sectie.zinnen if zin) + "</div>"]
    inhoud += [f'<figure class="kaart dia-stop" data-labels="{html.escape("|".join(k.labels))}">{_svg(k.svg())}</figure>'
               for k in sectie.kaarten]
    inhoud += [_figuur_html(fig, f"llo-profiel-{profiel.code}-{nummer}", f"figuur-{nummer}-{i}")
               for i, fig in enumerate(sectie.figuren)]
    inhoud += [tabel_html(titel, tabel) for titel, tabel in sectie.tabellen]
    inhoud += [f'<p class="bron">{html.escape(regel)}</p>' for regel in dict.fromkeys(sectie.bronnen)]
    return f'<section class="sectie" id="sectie-{nummer}">{"".join(inhoud)}</section>'


def profiel_html(profiel: Profiel, *, start: str = "rapport") -> str:
    """The whole profile as one HTML document; `start="dia"` opens it as slides."""
    regio = (f" in de arbeidsmarktregio {html.escape(profiel.regio_naam)} ({profiel.regio})"
             if profiel.is_gemeente else "")
    delen = [f'<header><h1>Regioprofiel {html.escape(profiel.naam)} ({profiel.code})</h1>'
             f'<p class="bron">{"Gemeente" + regio + ". " if regio else ""}'
             f'LLO Regiodashboard, gemaakt op {date.today().strftime("%d-%m-%Y")}.</p>'
             f'<div class="inleiding">{markdown_html(INLEIDING)}</div></header>']
    delen += [_sectie_html(profiel, nummer, sectie) for nummer, sectie in enumerate(profiel.secties, start=1)]
    verwijzingen = "".join(f"<dt>{html.escape(v.vraag)}</dt><dd>{html.escape(v.verwijzing)} "
                           f'<span class="bron">({html.escape(v.sectie)})</span></dd>' for v in profiel.verwijzingen)
    delen.append(f'<section class="sectie" id="sectie-verwijzingen"><h2>{len(profiel.secties) + 1}. Vragen zonder cijfers: '
                 f'wat de handreiking aanraadt</h2><dl class="verwijzing">{verwijzingen}</dl></section>')
    werkbalk = ('<div class="werkbalk"><button onclick="llo_modus(!document.body.classList.contains(\'dia\'))">'
                "Presentatie aan/uit</button> <button onclick=\"window.print()\">Afdrukken</button></div>")
    return ("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            f"<title>Regioprofiel {html.escape(profiel.naam)}</title><style>{CSS}</style>"
            f'<script type="text/plain" id="plotly-gz">{plotly_gz()}</script><script>{SCRIPT}</script></head>'
            f'<body data-start="{start}">{werkbalk}{"".join(delen)}</body></html>')


def chromium() -> str:
    for naam in CHROMIUM:
        if pad := shutil.which(naam):
            return pad
    raise LloDashError("Voor een PDF is Chromium nodig (Debian: `apt-get install chromium`); de HTML-versie werkt zonder.")


def _chromium(document: str, *uitvoer: str) -> tuple[Path, bytes]:
    """Run headless Chromium on the HTML in a temporary folder with `uitvoer` (e.g. `--print-to-pdf=…`; "{map}"
    is that folder); returns the folder and what Chromium printed. The virtual time budget lets the page's script
    (unpacking plotly.js, drawing the charts) finish before the page is printed."""
    map_ = Path(tempfile.mkdtemp(prefix="llo-profiel-"))
    bron = map_ / "profiel.html"
    bron.write_text(document, encoding="utf-8")
    opdracht = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--virtual-time-budget=20000",
                f"--user-data-dir={map_}/profile", *(arg.format(map=map_) for arg in uitvoer), bron.as_uri()]
    try:
        return map_, subprocess.run(opdracht, capture_output=True, timeout=PDF_TIMEOUT, check=False).stdout
    except subprocess.TimeoutExpired as error:
        shutil.rmtree(map_, ignore_errors=True)
        raise LloDashError(f"Chromium maakte de PDF niet binnen {PDF_TIMEOUT} seconden.") from error


def html_naar_pdf(document: str) -> bytes:
    """Print the HTML to PDF (A4) with headless Chromium; a time-out or no PDF is an error."""
    map_, _ = _chromium(document, "--no-pdf-header-footer", "--generate-pdf-document-outline",
                        "--print-to-pdf={map}/profiel.pdf")
    try:
        doel = map_ / "profiel.pdf"
        if not doel.exists() or doel.stat().st_size == 0:
            raise LloDashError("Chromium heeft geen PDF gemaakt.")
        return doel.read_bytes()
    finally:
        shutil.rmtree(map_, ignore_errors=True)


def dom_zoals_afgedrukt(document: str) -> str:
    """The page as Chromium has it when it prints (same flags and time budget): to check the charts are drawn."""
    map_, uit = _chromium(document, "--dump-dom")
    shutil.rmtree(map_, ignore_errors=True)
    return uit.decode("utf-8")
