"""The page Sectoren & beroepen headless (AppTest): every region, and with a good and a bad upload.

The page script is run on its own (faster than via the router). Expected numbers are
computed here from the parquet files with plain Python, not with the page's own code.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from llo_dash.config import PROJECT_ROOT
from llo_dash.indicators import SECTOREN
from llo_dash.views.sectoren.upload import MAX_BYTES, UploadResult, validate_tension_upload
from tests.apptest import REGIO_CODES, TIMEOUT, Sessie, assert_ok, text, zichtbaar
from tests.apptest import run_page as _run_page
from tests.fixtures.mirror import mirror_file

BEROEPSKLASSEN = "arbeidsmarkt/beroepen_regio/84916NED_werkzame_beroepsbevolking_beroepsklasse_regio_2022_dertje.csv"

PAGE = str(PROJECT_ROOT / "pages" / "sectoren.py")
HEADER = "arbeidsmarktregio_code;beroepsgroep_code;beroepsgroep;periode;spanningsindicator"
# The page's own widgets and their defaults: set back before each region of the loop.
WIDGETS = {"sectoren_aantallen": "nederland", "sectoren_alle": False}


@pytest.fixture(scope="module")
def beroepen(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "arbeidsmarkt" / "beroepen.parquet")


def run_page(**params) -> AppTest:
    return _run_page(PAGE, **params)


def occupations_table(at: AppTest) -> pd.DataFrame:
    """The occupations table as the page holds it: real numbers (NaN where unknown), shown the Dutch way."""
    (table,) = [df.value for df in at.dataframe if "BRC-code" in df.value.columns]
    return table.set_index("BRC-code")


def tension(at: AppTest, brc: str) -> float | None:
    """The tension shown for one occupation; None when unknown (an empty cell)."""
    value = occupations_table(at).at[brc, "Spanningsindicator"]
    return None if pd.isna(value) else round(float(value), 2)


def upload_bytes(*rows: str) -> bytes:
    return ("\ufeff" + HEADER + "\r\n" + "\r\n".join(rows)).encode("utf-8")


@pytest.fixture(scope="module")
def sessie(built_data) -> Sessie:
    """One session for the region loop, like a user switching regions (a new AppTest costs ~1 s to start)."""
    return Sessie()


# The dashboard's sector groups of the occupations, read here from the reference file itself.
INDELING = pd.read_csv(PROJECT_ROOT / "reference" / "beroepen_sectorgroep.csv", dtype=str)
HOOFDGROEPEN = INDELING.loc[INDELING["rol"] == "hoofdsectorgroep", "sectorgroep"].unique().tolist()


def sector_answer(at: AppTest) -> str:
    """The markdown with the answer to the first handreiking question."""
    (answer,) = [m.value for m in at.markdown if m.value.startswith("**In welke sectoren werken")]
    return answer


def klasse_11(naam: str) -> float:
    """Working residents in class 11 (thousands) of a region or Nederland, from the raw 84916NED file."""
    raw = pd.read_csv(mirror_file(BEROEPSKLASSEN), sep=";", dtype=str, encoding="utf-8-sig")
    namen = {"Veluwe Stedendriehoek": "Stedendriehoek en Noordwest Veluwe"}  # CBS's name in 2022
    gezocht = "Nederland" if naam == "Nederland" else f"{namen.get(naam, naam)} (AM)"
    rij = raw[(raw["RegioS"] == gezocht) & (raw["Beroepsklasse"] == "8000000")]
    assert len(rij) == 1, gezocht
    return float(rij["WerkzameBeroepsbevolking_1"].iloc[0])


@pytest.mark.parametrize("code", REGIO_CODES)
def test_page_for_every_region(sessie, gebieden, beroepen, code):
    at = sessie.run(PAGE, widgets=WIDGETS, regio=code)
    assert_ok(at)
    assert at.query_params["regio"] == code
    regio = gebieden[gebieden["code"] == code].iloc[0]
    # shortages from CBS vacancies (labelled as such, with the provincie) and the region's occupation structure
    pagina = text(at)
    assert "vacatures (CBS), geen spanningsindicator" in pagina and "wel per provincie" in pagina
    assert f"Beroepen van de werkende inwoners van {regio['naam']} (CBS, 2022, naar woonregio" in pagina
    assert "Geen van deze beroepen is krap" not in pagina  # never concluded from missing values
    # the answer names the sector groups of the occupations and how the region has them (vestigingen, not a
    # rough count of workers); never a region figure for sectors when some gemeenten have no data
    antwoord = sector_answer(at)
    assert "grove schatting" not in antwoord and "bedrijfslocaties, geen banen" in antwoord
    for label in HOOFDGROEPEN:
        assert f"- **{label}**: " in antwoord
    gemeenten = gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == code)]
    complete = gemeenten[["vestigingen_totaal", *SECTOREN]].notna().all(axis=1)
    if complete.all():
        assert f"bekend voor alle {len(gemeenten)} gemeenten" in antwoord and "locatiequotiënt" in antwoord
    elif complete.any():
        assert f"bekend voor {int(complete.sum())} van de {len(gemeenten)} gemeenten" in antwoord
        assert "geen regiocijfer" in antwoord
    else:
        assert f"voor geen van de {len(gemeenten)} gemeenten" in antwoord
    # occupations with their national size and the regional rough estimate (national × share, rounded)
    table = occupations_table(at)
    source = beroepen.set_index("brc_code")
    assert len(table) == 11
    for brc in ("1121", "0771", "0921"):
        assert table.at[brc, "Werkzaam in Nederland (2023)"] == source.at[brc, "werkzame_beroepsbevolking_2023"]
    # scaled with the region's own share in class 11 Dienstverlenende beroepen (84916NED key 8000000), read raw
    share = klasse_11(regio["naam"]) / klasse_11("Nederland")
    estimate = float(source.at["1121", "werkzame_beroepsbevolking_2023"]) * share
    step = 100 if estimate >= 1000 else 10
    rounded = Decimal(str(estimate / step)).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    assert table.at["1121", "Werkzaam in de regio (grove schatting)"] == float(rounded)
    assert pd.isna(table.at["1122", "% laaggeletterd"]) and table.at["1121", "% laaggeletterd"] == 40  # no % published: empty
    # national published tension with its period, labelled as national
    assert table.at["0781", "Spanningsindicator"] == 0.93 and table.at["0781", "Periode spanning"] == "2023K1"
    assert table.at["0781", "Spanning: herkomst"].startswith("landelijk")
    # charts with a PNG button named after the figure, and downloads for the tables
    assert len(at.get("plotly_chart")) >= 3
    labels = [button.proto.label for button in at.download_button]
    assert labels.count("CSV downloaden") >= 3 and "Sjabloon CSV" in labels and "Sjabloon Excel" in labels


@pytest.mark.parametrize("code", ["AM12", "AM05", "AM37"])
def test_sector_answer_compares_the_regions_gemeenten_with_nederland(sessie, gebieden, code):
    """Gooi en Vechtstreek (6 of 7 gemeenten with vestigingen per sector), Twente (9 of 14) and Zuid-Kennemerland en
    IJmond (5 of 7: not Velsen, home of Tata Steel): per sector group of the occupations, in how many gemeenten its share
    of all vestigingen is above or below Nederland's; the gemeenten without data named first."""
    at = sessie.run(PAGE, widgets=WIDGETS, regio=code)
    assert_ok(at)
    antwoord = sector_answer(at)
    regio = gebieden.loc[code, "naam"]
    nl = gebieden.loc["NL00"]
    gemeenten = gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["arbeidsmarktregio_code"] == code)]
    met = gemeenten[gemeenten[["vestigingen_totaal", *SECTOREN]].notna().all(axis=1)]
    zonder = sorted(set(gemeenten["naam"]) - set(met["naam"]))
    assert 2 <= len(met) < len(gemeenten)
    assert f"bekend voor {len(met)} van de {len(gemeenten)} gemeenten" in antwoord and "geen regiocijfer" in antwoord
    # every gemeente without data is named at the top, and no sentence speaks for the region as a whole
    genoemd = zonder[0] if len(zonder) == 1 else ", ".join(zonder[:-1]) + " en " + zonder[-1]
    assert antwoord.split("  \n", 1)[1].startswith(f"**Geen vestigingencijfers per sector voor {genoemd}; daarom geen conclusie "
                               f"over {regio} als geheel.**")
    assert f"In {regio}:" not in antwoord
    bullets = {line.split("**")[1]: line for line in antwoord.splitlines() if line.startswith("- **")}
    for kolom, label in INDELING[["sectorgroep_kolom", "sectorgroep"]].drop_duplicates().itertuples(index=False):
        nl_aandeel = float(nl[kolom]) / float(nl["vestigingen_totaal"])
        lq = [round(float(g[kolom]) / float(g["vestigingen_totaal"]) / nl_aandeel + 1e-12, 2) for _, g in met.iterrows()]
        hoger, lager = sum(v > 1 for v in lq), sum(v < 1 for v in lq)
        n = len(met)
        if hoger > n / 2:
            verwacht = f"naar verhouding meer vestigingen dan landelijk in {'alle ' + str(n) if hoger == n else f'{hoger} van de {n}'} gemeenten"
        elif lager > n / 2:
            verwacht = f"naar verhouding minder vestigingen dan landelijk in {'alle ' + str(n) if lager == n else f'{lager} van de {n}'} gemeenten"
        else:
            verwacht = f"wisselend (van de {n} gemeenten met gegevens: meer dan landelijk in {hoger}, minder in {lager}"
        assert f"Bij de gemeenten met gegevens: {verwacht}" in bullets[label], (label, lq, bullets[label])


def test_ijmond_names_velsen_and_draws_no_conclusion_for_the_region(sessie, gebieden):
    """The KWB extract of the mirror has no vestigingen for Velsen (Tata Steel): the page says so at the top of the
    answer and in the sector section, and says why there are no jobs per sector."""
    velsen = gebieden[(gebieden["niveau"] == "gemeente") & (gebieden["naam"] == "Velsen")].iloc[0]
    assert velsen["arbeidsmarktregio_code"] == "AM37" and pd.isna(velsen["vestigingen_totaal"])
    at = sessie.run(PAGE, widgets=WIDGETS, regio="AM37")
    assert_ok(at)
    antwoord = sector_answer(at)
    assert antwoord.split("  \n", 1)[1].startswith("**Geen vestigingencijfers per sector voor Velsen")  # right under the question
    assert "daarom geen conclusie over Zuid-Kennemerland en IJmond als geheel" in antwoord
    assert "Banen per sector (CBS 83582NED) ontbreken" in antwoord
    info = [i.value for i in at.info if i.value.startswith("Vestigingen per sector:")]
    assert len(info) == 1 and "geen gegevens voor Velsen" in info[0]


def test_page_for_nederland(built_data, gebieden):
    at = run_page()
    assert_ok(at)
    shown = text(at)
    assert "Kies links een arbeidsmarktregio" in shown
    assert "Werkzaam in de regio (grove schatting)" not in occupations_table(at).columns
    assert "Sectorstructuur van Nederland" in [h.value for h in at.subheader]
    assert "0,93; gemiddeld; landelijk 2023K1" in shown


def test_valid_upload_shows_the_regions_own_tension(built_data):
    at = run_page(regio="AM12")
    content = upload_bytes("AM12;1121;Schoonmakers;2024K3;2,35", "AM12;0771;;2024K3;5,1", "AM01;1121;;2024K3;0,4")
    at.file_uploader[0].set_value(("spanning_gooi.csv", content, "text/csv")).run()
    assert_ok(at)
    shown = text(at)
    (success,) = at.success
    assert "`spanning_gooi.csv`" in success.value and "2024K3" in success.value and "Gooi en Vechtstreek" in success.value
    assert "uit de upload `spanning_gooi.csv` (periode 2024K3)" in shown
    assert "Schoonmakers (2,35; krap; regio 2024K3)" in shown
    assert "Productiemachinebedieners (5,10; zeer krap; regio 2024K3)" in shown
    table = occupations_table(at)
    assert table.at["1121", "Spanningsindicator"] == 2.35 and table.at["1121", "Spanning: herkomst"] == "regionaal (upload)"
    assert table.at["0781", "Spanning: herkomst"].startswith("landelijk")  # not in the upload: national, labelled
    assert any("'spanning_gooi.csv'" in zichtbaar(caption.value) for caption in at.caption)
    assert isinstance(at.session_state["sectoren_upload"], UploadResult)

    # another region in the upload uses its own row; a region without rows keeps the national figures
    at.query_params["regio"] = "AM01"
    at.run()
    assert_ok(at)
    assert tension(at, "1121") == 0.4
    at.query_params["regio"] = "AM05"
    at.run()
    assert_ok(at)
    assert any("bevat geen cijfers voor Twente" in info.value for info in at.info)
    assert tension(at, "1121") is None

    # removing the file in the uploader (its ×) forgets the upload
    at.query_params["regio"] = "AM12"
    at.run()
    assert tension(at, "1121") == 2.35
    at.file_uploader[0].set_value(None).run()
    assert_ok(at)
    assert "sectoren_upload" not in at.session_state and not at.success
    assert tension(at, "1121") is None

    # and so does "Verwijder upload"
    at.file_uploader[0].set_value(("spanning_gooi.csv", content, "text/csv")).run()
    assert tension(at, "1121") == 2.35
    at.button(key="verwijder-sectoren_upload").click().run()
    assert_ok(at)
    assert "sectoren_upload" not in at.session_state
    assert tension(at, "1121") is None
    assert not at.success


def test_upload_in_session_state_is_used(built_data, beroepen):
    groups = beroepen[beroepen["brc_niveau"] == "beroepsgroep"].rename(
        columns={"brc_code": "brc_beroepsgroep_code", "brc_naam": "brc_beroepsgroep_naam"})
    result = validate_tension_upload("eigen.csv", upload_bytes("AM18;1122;;2025K1;3,3", "AM18;1122;;2024K4;1,1"),
                                     regio_codes={"AM18"}, brc=groups)
    assert result.ok
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    at.query_params["regio"] = "AM18"
    at.session_state["sectoren_upload"] = result
    at.run()
    assert_ok(at)
    assert at.selectbox(key="sectoren_periode").value == "2025K1"  # two periods: the latest by default
    assert tension(at, "1122") == 3.3
    at.selectbox(key="sectoren_periode").set_value("2024K4").run()
    assert tension(at, "1122") == 1.1
    assert "periode 2024K4" in at.success[0].value


BAD_UPLOADS = [
    ("tekst.csv", upload_bytes("AM12;1121;;2024K3;veel"), "Rij 2, kolom spanningsindicator: 'veel' is geen getal."),
    ("kolommen.csv", b"regio;beroep;waarde\r\nAM12;1121;1,5", "heeft niet de juiste kolommen"),
    ("codes.csv", upload_bytes("AM99;1121;;2024K3;1,5", "AM12;9999;;2024K3;1,5"), "'AM99' is geen bekende arbeidsmarktregio-code"),
    ("formule.csv", upload_bytes('AM12;1121;=HYPERLINK("http://x.nl";"klik");2024K3;1,5'), "is een formule"),
    ("leeg.csv", b"", "is leeg"),
    ("groot.csv", None, "de grens is 5,0 MB"),  # made in the test: one byte over the limit
]


def test_bad_uploads_give_a_dutch_error_and_keep_nothing(built_data):
    """One session: a good upload first, then each bad file; after each, nothing of any upload is used."""
    at = run_page(regio="AM12")
    at.file_uploader[0].set_value(("goed.csv", upload_bytes("AM12;1121;;2024K3;2,35"), "text/csv")).run()
    assert tension(at, "1121") == 2.35
    for name, content, message in BAD_UPLOADS:
        if content is None:  # too large: a valid file padded to one byte over the limit
            content = upload_bytes("AM12;1121;;2024K3;1,5").ljust(MAX_BYTES + 1, b" ")
        at.file_uploader[0].set_value((name, content, "text/csv")).run()
        assert not at.exception, name
        (error,) = at.error
        assert "afgekeurd" in error.value and "niets overgenomen" in error.value, name
        (code,) = at.code
        assert message in code.value, (name, code.value)  # plain text: nothing in a cell is rendered as markup
        assert "sectoren_upload" not in at.session_state, name
        assert tension(at, "1121") is None, name
        assert not at.success, name
