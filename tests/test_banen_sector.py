"""Jobs per SBI section (CBS 83582NED): the live route of the build, the offline case, the checks, the view.

The live route is tested at the HTTP boundary (the session of the real `ODataClient`) with the real rows of
the mirror's 83582NED dump, served in the recorded OData format (`tests/fixtures/cbs_opname.py`): the dump is
that table's TypedDataSet with its real column keys (`ID;BedrijfstakkenBranchesSBI2008;RegioS;Perioden;
BanenVanWerknemersInDecember_1`). Keys of the categories: region codes from 86059NED (GM/AM/PV/CR, `NL01`),
the SBI keys `T001081` (A-U) and `301000` (A) as recorded for the same CBS dimension in 83599NED
(`odata3_83599NED_UntypedDataSet_page1.json.gz`), periods in the documented form; the few regions without a
code in 86059NED (landsdelen, former gemeenten) get stand-in keys. The mirror has only A-U and, in part, A.
"""

from __future__ import annotations

import pandas as pd
import pytest
import requests

from llo_dash.build import banen_sector
from llo_dash.build.context import BuildContext
from llo_dash.build.indeling import indeling_from_frame
from llo_dash.errors import BuildError
from llo_dash.ingest.odata import ODataClient
from llo_dash.ingest.readers import read_dertje_csv
from llo_dash.views.sectoren import banen_sector as view
from tests.fixtures.cbs_opname import CBSFeed, periode_sleutels, sleutels_op_volgorde, tabel_uit_dump
from tests.fixtures.mirror import mirror_file, settings_for

BANEN = "cbs/statline_regio/83582NED_banen_werknemers_sbi_regio_first10000rows_dertje.csv"
GEBIEDEN = "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv"
SBI_SLEUTELS = {"A-U Alle economische activiteiten": "T001081", "A Landbouw, bosbouw en visserij": "301000 "}


def raw(path: str) -> pd.DataFrame:
    return pd.read_csv(mirror_file(path), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def indeling():
    return indeling_from_frame(read_dertje_csv(mirror_file(GEBIEDEN)), file="86059NED")


def regio_sleutels(namen) -> dict[str, str]:
    gebieden = raw(GEBIEDEN)
    codes = {"Nederland": "NL01"}
    for naam, code in (("RegioS", "Code_1"), ("Naam_5", "Code_4"), ("Naam_29", "Code_28"), ("Naam_11", "Code_10")):
        suffix = {"Code_4": " (AM)", "Code_28": " (PV)", "Code_10": " (CR)"}.get(code, "")
        codes.update({f"{n.strip()}{suffix}": c.strip() for n, c in zip(gebieden[naam], gebieden[code])})
    standin = sleutels_op_volgorde([n for n in namen if n not in codes], "R")
    return {n: codes[n].ljust(6) if n in codes else standin[n] for n in dict.fromkeys(namen)}


@pytest.fixture(scope="module")
def feed_tabel() -> dict:
    dump = raw(BANEN)
    return tabel_uit_dump(dump, {"BedrijfstakkenBranchesSBI2008": SBI_SLEUTELS,
                                 "RegioS": regio_sleutels(dump["RegioS"]),
                                 "Perioden": periode_sleutels(dump["Perioden"])})


def live_ctx(tmp_path, feed) -> BuildContext:
    return BuildContext(settings_for(None, tmp_path / "data"), session=feed)


def test_live_route_asks_for_sections_and_the_latest_year_and_pages(tmp_path, indeling, feed_tabel):
    feed = CBSFeed({"83582NED": feed_tabel}, pagina=300)
    tabel, controles = banen_sector.build(live_ctx(tmp_path, feed), indeling)
    data_urls = [u for u in feed.urls if "UntypedDataSet" in u]
    assert "BedrijfstakkenBranchesSBI2008%20eq%20'T001081'" in data_urls[0] and "'301000%20'" in data_urls[0]
    assert "Perioden%20eq%20'2023MM12'" in data_urls[0]  # the latest of 2010–2023 december, nothing older
    assert len(data_urls) > 2 and all("skip" in u for u in data_urls[1:])  # followed the nextLinks
    assert set(tabel["periode"]) == {"2023 december"} and set(tabel["sbi_code"]) == {"A-U", "A"}
    assert any("geen sectie boven A-U" in c for c in controles)


def test_live_route_equals_the_mirror_rows_read_independently(tmp_path, indeling, feed_tabel):
    tabel, _ = banen_sector.build(live_ctx(tmp_path, CBSFeed({"83582NED": feed_tabel}, pagina=2_000)), indeling)
    dump = raw(BANEN)
    dec = dump[dump["Perioden"] == "2023 december"]
    waarde = {(r["BedrijfstakkenBranchesSBI2008"].split(" ")[0], r["RegioS"]): r["BanenVanWerknemersInDecember_1"]
              for _, r in dec.iterrows()}
    t = tabel.set_index(["gebied_code", "sbi_code"])
    assert t.loc[("NL00", "A-U"), "banen"] == round(float(waarde[("A-U", "Nederland")]) * 1000)
    assert t.loc[("GM1680", "A"), "banen"] == round(float(waarde[("A", "Aa en Hunze")]) * 1000)
    assert t.loc[("AM01", "A-U"), "banen"] == round(float(waarde[("A-U", "Groningen (AM)")]) * 1000)
    assert waarde[("A", "Amersfoort")] == "" and pd.isna(t.loc[("GM0307", "A"), "banen"])  # secret stays missing
    gemeenten = tabel[(tabel["niveau"] == "gemeente") & (tabel["sbi_code"] == "A-U")]
    regios = tabel[(tabel["niveau"] == "arbeidsmarktregio") & (tabel["sbi_code"] == "A-U")]
    assert len(gemeenten) == 342 and len(regios) == 35
    # Share and LQ recomputed here: Aa en Hunze's agriculture share against Nederland's.
    aandeel = float(waarde[("A", "Aa en Hunze")]) / float(waarde[("A-U", "Aa en Hunze")])
    aandeel_nl = float(waarde[("A", "Nederland")]) / float(waarde[("A-U", "Nederland")])
    assert t.loc[("GM1680", "A"), "locatiequotient"] == pytest.approx(aandeel / aandeel_nl, rel=1e-9)
    # The same table as the dump itself gives (the route only translates keys back to titles).
    uit_mirror = banen_sector.uit_dump(read_dertje_csv(mirror_file(BANEN)), indeling, file="83582NED")
    pd.testing.assert_frame_equal(tabel, uit_mirror)


def test_offline_the_table_is_empty_and_nothing_is_fetched(tmp_path, indeling):
    feed = CBSFeed({})
    ctx = BuildContext(settings_for(None, tmp_path / "data"), offline=True, session=feed)
    tabel, controles = banen_sector.build(ctx, indeling)
    assert tabel.empty and list(tabel.columns) == banen_sector.COLUMNS and feed.urls == []
    assert "niet in de mirror" in controles[0] and "banen_sector" not in ctx.used


class GeenNetwerk:
    def get(self, url, timeout=None, stream=False):
        raise requests.ConnectionError("Name or service not known")


def test_without_internet_the_build_warns_and_goes_on(tmp_path, indeling):
    client = ODataClient(session=GeenNetwerk(), sleep=lambda _: None)
    ctx = BuildContext(settings_for(None, tmp_path / "data"), odata_client=client)
    tabel, _ = banen_sector.build(ctx, indeling)
    assert tabel.empty and "banen_sector" not in ctx.used
    assert len(ctx.waarschuwingen) == 1 and ctx.waarschuwingen[0].startswith("Let op: banen per sector (CBS 83582NED)")


def test_a_section_above_all_activities_stops_the_build(tmp_path, indeling, feed_tabel):
    rows = [dict(r) for r in feed_tabel["UntypedDataSet"]]
    for row in rows:  # Aa en Hunze, agriculture 2023: 100 times the published value
        if row["RegioS"] == "GM1680" and row["BedrijfstakkenBranchesSBI2008"] == "301000 " and row["Perioden"] == "2023MM12":
            row["BanenVanWerknemersInDecember_1"] = "   120.0"
    feed = CBSFeed({"83582NED": {**feed_tabel, "UntypedDataSet": rows}})
    with pytest.raises(BuildError, match="sectie A van GM1680 heeft meer banen dan alle sectoren samen"):
        banen_sector.build(live_ctx(tmp_path, feed), indeling)


def test_sections_must_add_up_to_all_activities_where_all_are_published():
    """A small frame of the table's own columns: a region with every section A–S, once right, once 1.000 short."""
    secties = list(banen_sector.SECTIES_VOOR_SOM)
    rijen = [{"gebied_code": "AM01", "sbi_code": s, "banen": 1_000.0} for s in secties]
    goed = pd.DataFrame(rijen + [{"gebied_code": "AM01", "sbi_code": "A-U", "banen": 19_000.0}])
    assert "binnen de afronding in 1 gebieden" in banen_sector.check(goed)[0]
    fout = pd.DataFrame(rijen + [{"gebied_code": "AM01", "sbi_code": "A-U", "banen": 20_100.0}])
    with pytest.raises(BuildError, match="tellen op tot 19000, A-U is 20100"):
        banen_sector.check(fout)


def test_view_for_a_region_and_the_sentence_offline(indeling):
    tabel = banen_sector.uit_dump(read_dertje_csv(mirror_file(BANEN)), indeling, file="83582NED")
    assert view.beschikbaar(tabel) and not view.beschikbaar(banen_sector.leeg()) and not view.beschikbaar(None)
    rijen = view.per_sector(tabel, "GM1680")  # a gemeente code works like a region code
    assert rijen["sbi_code"].tolist() == ["A", "A-U"]
    zin = view.zin(rijen, "Aa en Hunze")
    assert zin.startswith("Banen van werknemers in Aa en Hunze, 2023 december (naar werklocatie): de meeste in "
                          "Landbouw, bosbouw en visserij")
    assert "locatiequotiënt 1,2 of meer" in zin  # Aa en Hunze: 1,30 (computed independently above)
    frame = view.tabel(rijen, "Aa en Hunze").waarden()
    assert list(frame.columns) == ["SBI-sectie", "Banen Aa en Hunze", "Aandeel Aa en Hunze (%)", "Banen Nederland",
                                   "Aandeel Nederland (%)", "Locatiequotiënt"]
    assert "Geen cijfer (geheim of onbekend) voor Landbouw" in view.zin(view.per_sector(tabel, "GM0307"), "Amersfoort")
    assert "alleen het totaal van alle sectoren" in view.NIET_IN_MIRROR and "internettoegang" in view.NIET_IN_MIRROR
