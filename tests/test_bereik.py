"""Reach (bereik): the upload of the collective's participants (validation like the UWV upload: per-row Dutch
messages, nothing kept on error, formulas and > 5 MB refused, names mapped to codes) and the reach arithmetic,
checked by hand on the small fixture `gebieden_klein` (AM01 = GM0001 Aastad + GM0002 Beedorp)."""

from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from llo_dash.views import bereik
from tests.apptest import assert_ok, run_page

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "vindplaatsen.py")

GEMEENTEN = {"GM0001": "Aastad", "GM0002": "Beedorp", "GM0003": "Ceeveen", "GM0004": "Bergen (NH.)",
             "GM0518": "'s-Gravenhage"}
HEADER = "gemeente_code;gemeente;groep;arbeid;periode;deelnemers"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def check(content: bytes, name: str = "deelnemers.csv") -> bereik.BereikUpload:
    return bereik.valideer_bereik_upload(name, content, gemeenten=GEMEENTEN)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- validation ---------------------------------------------------------------------


def test_codes_and_names_both_map_to_codes():
    result = check(csv_bytes("GM0001;;NT1;werkend;2024;10", ";beedorp;nt2;Werkzoekend;2024;5",
                             ";Bergen NH;;;2024;3", ";Den Haag;onbekend;niet-werkend;2024;0",
                             " gm0003 ;Ceeveen;;werkloos;2024;7"))
    assert result.ok and result.errors == []
    rows = result.data.set_index("gemeente_code")
    assert rows.loc["GM0002", "gemeente_naam"] == "Beedorp" and rows.loc["GM0002", "groep"] == "nt2"
    assert rows.loc["GM0004", ["groep", "arbeid"]].tolist() == ["onbekend", "onbekend"]  # empty cells
    assert rows.loc["GM0518", "arbeid"] == "inactief" and rows.loc["GM0003", "arbeid"] == "werkzoekend"
    assert result.data["deelnemers"].sum() == 25 and result.periodes == ["2024"]


def test_bad_rows_are_all_named_and_nothing_is_kept():
    result = check(csv_bytes(
        "GM0001;;NT1;werkend;2024;10",   # row 2: fine
        "GM9999;;;;2024;3",              # row 3: unknown code
        ";Bergen;;;2024;4",              # row 4: ambiguous name (two Bergens): not guessed
        "GM0001;Beedorp;;;2024;1",       # row 5: name of another gemeente
        "GM0002;;NT3;;2024;1",           # row 6: unknown group
        "GM0002;;;;2024;-2",             # row 7: negative
        "GM0002;;;;2024;1,5",            # row 8: not a whole number
        "GM0002;;;;2024;",               # row 9: empty count
        ";;;;2024;4",                    # row 10: no gemeente
        "GM0001;;NT1;werkend;2024;11",   # row 11: duplicate of row 2
    ))
    assert result.data is None and not result.ok
    assert result.errors[0].startswith("'deelnemers.csv' bevat 9 fouten; er is niets overgenomen.")
    messages = "\n".join(result.errors)
    for expected in (
        "Rij 3, kolom gemeente_code: 'GM9999' is geen bestaande gemeentecode",
        "Rij 4, kolom gemeente: 'Bergen' is geen gemeente",
        "Rij 5, kolom gemeente: 'Beedorp' hoort niet bij code GM0001 (Aastad).",
        "Rij 6, kolom groep: 'NT3' is geen geldige waarde",
        "Rij 7, kolom deelnemers: '-2' is negatief.",
        "Rij 8, kolom deelnemers: '1,5' is geen heel getal",
        "Rij 9, kolom deelnemers: lege cel",
        "Rij 10, kolom gemeente_code/gemeente: lege cel",
        "Rij 11: dubbele regel voor Aastad (GM0001), groep nt1, arbeid werkend, periode 2024 (ook in rij 2).",
    ):
        assert expected in messages


def test_wrong_code_form_says_the_expected_form():
    (_, message) = check(csv_bytes("0392;;;;;3")).errors
    assert "Rij 2, kolom gemeente_code: '0392'" in message and "GM gevolgd door vier cijfers" in message


def test_formula_cells_are_refused_in_csv_and_excel():
    result = check(csv_bytes("GM0001;;;;2024;=SUM(1;2)", "GM0002;;;;2024;@A1"))
    assert result.data is None
    assert any(m.startswith("Rij 2, kolom deelnemers: '=SUM(1'") and "formule" in m for m in result.errors)
    assert any(m.startswith("Rij 3, kolom deelnemers: '@A1'") for m in result.errors)
    excel = xlsx_bytes([list(bereik.upload.TEMPLATE_COLUMNS), ["GM0001", None, None, None, "2024", "=2*5"]])
    result = check(excel, "deelnemers.xlsx")
    assert result.data is None and any("Rij 2, kolom deelnemers: '=2*5'" in m for m in result.errors)


def test_file_over_5_mb_is_refused_before_reading():
    content = csv_bytes("GM0001;;;;2024;1") + b" " * (5 * 2**20)
    (message,) = check(content).errors
    assert "de grens is 5,0 MB" in message
    assert check(content).data is None


def test_period_with_markup_is_refused():
    (_, message) = check(csv_bytes("GM0001;;;;<b>2024</b>;1")).errors
    assert message.startswith("Rij 2, kolom periode: '<b>2024</b>': gebruik alleen letters, cijfers")
    assert check(csv_bytes("GM0001;;;;2024-H1;1", "GM0002;;;;schooljaar 2024/25;2")).ok


def test_missing_columns_and_mixed_periods_are_refused():
    (message,) = check(csv_bytes("Aastad;3", header="plaats;aantal")).errors
    assert "Ontbreekt: deelnemers, gemeente_code of gemeente" in message
    result = check(csv_bytes("GM0001;;;;2024;1", "GM0002;;;;;2"))
    assert "Rij 3, kolom periode: lege cel, terwijl andere rijen een periode hebben." in "\n".join(result.errors)


def test_templates_are_valid_uploads_with_the_same_rows():
    namen = {"GM0392": "Haarlem", "GM0453": "Velsen"}
    from_csv = bereik.valideer_bereik_upload("s.csv", bereik.template_csv(), gemeenten=namen)
    from_xlsx = bereik.valideer_bereik_upload("s.xlsx", bereik.template_xlsx(), gemeenten=namen)
    assert from_csv.ok and from_xlsx.ok
    pd.testing.assert_frame_equal(from_csv.data, from_xlsx.data)
    assert from_csv.data["gemeente_code"].tolist() == ["GM0392", "GM0392", "GM0453"]


# --- reach arithmetic (by hand on gebieden_klein) ----------------------------------------


@pytest.fixture
def upload_klein():
    result = check(csv_bytes("GM0001;;NT1;werkzoekend;2024;90", "GM0001;;NT2;werkend;2024;60",
                             "GM0003;;;;2024;48", "GM0001;;NT1;werkend;2023;5"))
    assert result.ok
    return bereik.in_periode(result.data, "2024")


def test_reach_per_gemeente_and_region_by_hand(gebieden_klein, upload_klein):
    codes = bereik.gemeente_codes(gebieden_klein, "AM01", upload_klein)
    assert codes == ["GM0001", "GM0002"]
    frame = bereik.bereik_per_gemeente(gebieden_klein, upload_klein, codes, "AM01").set_index("code")
    # Aastad: 150 participants of 9.000 estimated (bounds 7.800–10.200): 1,667%, range 150/10.200–150/7.800.
    aastad = frame.loc["GM0001"]
    assert aastad["deelnemers"] == 150
    assert aastad["bereik_pct"] == pytest.approx(100 * 150 / 9000)
    assert aastad["bereik_pct_laag"] == pytest.approx(100 * 150 / 10200)
    assert aastad["bereik_pct_hoog"] == pytest.approx(100 * 150 / 7800)
    # NT1 90 of 4.000, NT2 60 of 5.000
    assert aastad["bereik_nt1_pct"] == pytest.approx(100 * 90 / 4000)
    assert aastad["bereik_nt2_pct"] == pytest.approx(100 * 60 / 5000)
    # Beedorp is not in the upload: no figure, not 0
    assert math.isnan(frame.loc["GM0002", "deelnemers"]) and math.isnan(frame.loc["GM0002", "bereik_pct"])
    # Region AM01: 150 of 13.600 (11.900–15.300); Ceeveen (AM02) is not counted
    regio = frame.loc["AM01"]
    assert regio["naam"] == "Totaal" and regio["deelnemers"] == 150
    assert regio["bereik_pct"] == pytest.approx(100 * 150 / 13600)
    assert (regio["bereik_pct_laag"], regio["bereik_pct_hoog"]) == pytest.approx((100 * 150 / 15300, 100 * 150 / 11900))
    assert bereik.buiten_selectie(upload_klein, codes) == ["Ceeveen"]


def test_nt1_share_among_participants_next_to_the_estimate(gebieden_klein, upload_klein):
    deelnemers_nt1, geschat_nt1, bekend = bereik.nt1_aandelen(gebieden_klein, upload_klein, ["GM0001", "GM0002"], "AM01")
    assert bekend == 150
    assert deelnemers_nt1 == pytest.approx(60.0)  # 90 of 150
    assert geschat_nt1 == pytest.approx(100 * 5600 / 13600)  # AM01: NT1 5.600, NT2 8.000
    zin = bereik.nt1_zin(deelnemers_nt1, geschat_nt1, bekend, "Noordregio")
    assert "**60% NT1**" in zin and "is dat 41%" in zin and "oververtegenwoordigd" in zin


def test_unknown_group_is_not_counted_as_zero(gebieden_klein, upload_klein):
    frame = bereik.bereik_per_gemeente(gebieden_klein, upload_klein, ["GM0003"], "AM02").set_index("code")
    ceeveen = frame.loc["GM0003"]
    assert ceeveen["bereik_pct"] == pytest.approx(100 * 48 / 4800)  # 1%
    assert math.isnan(ceeveen["deelnemers_nt1"]) and math.isnan(ceeveen["bereik_nt1_pct"])
    assert bereik.nt1_aandelen(gebieden_klein, upload_klein, ["GM0003"], "AM02")[2] == 0


def test_reach_sentence_and_table(gebieden_klein, upload_klein):
    frame = bereik.bereik_per_gemeente(gebieden_klein, upload_klein, ["GM0001", "GM0002"], "AM01")
    zin = bereik.bereik_zin(frame.iloc[-1], "Noordregio", "2024")
    # 150 / 13.600 = 1,10%; 150 / 15.300 = 0,98%; 150 / 11.900 = 1,26%
    assert "**150 deelnemers** in Noordregio" in zin and "**1,10%**" in zin and "marge 0,98–1,26%" in zin
    assert "Beedorp" in bereik.ontbrekend_zin(frame)
    tabel = bereik.bereik_tabel(frame)
    assert tabel.labels[:3] == ["Gemeente", "Deelnemers", "Bereik (schatting)"]  # key columns first
    assert tabel.als_tekst().iloc[0]["Bereik (schatting)"] == "1,67%"


def test_reach_per_group_on_the_real_region(gebieden):
    """AM37 with 100 NT1 job seekers in Haarlem: reach of the job seekers = 100 / the region's estimate of
    job seekers among low-literates, read from the built table (not from the code under test)."""
    data = bereik.valideer_bereik_upload("d.csv", csv_bytes("GM0392;;NT1;werkzoekend;;100"),
                                         gemeenten=bereik.gemeente_namen(gebieden))
    assert data.ok
    codes = bereik.gemeente_codes(gebieden, "AM37", data.data)
    assert len(codes) == 7 and "GM0392" in codes
    groepen = bereik.bereik_per_groep(gebieden, data.data, codes, "AM37").set_index("groep")
    werkzoekend = gebieden.loc["AM37", "laaggeletterd_werkzoekend"]
    assert groepen.loc["Werkzoekend (werkloos)", "bereik_pct"] == pytest.approx(100 * 100 / werkzoekend)
    assert groepen.loc["Alle laaggeletterden 16–65", "bereik_pct"] == pytest.approx(
        100 * 100 / gebieden.loc["AM37", "laaggeletterd_16_65"])
    assert groepen.loc["Werkend", "deelnemers"] == 0  # the group is known for every row: none working


# --- the page --------------------------------------------------------------------------


def deelnemers_uploader(at):
    (uploader,) = [u for u in at.file_uploader if "deelnemers" in u.label]
    return uploader


def test_vindplaatsen_shows_reach_after_an_upload(built_data, gebieden):
    at = run_page(PAGE, regio="AM37")
    assert_ok(at)
    assert "Bereik van het collectief" in [h.value for h in at.subheader]
    deelnemers_uploader(at).set_value(
        ("deelnemers.csv", csv_bytes("GM0392;;NT1;;2024;177", ";Velsen;NT2;;2024;50"), "text/csv")).run()
    assert_ok(at)
    shown = "\n".join(m.value for m in at.markdown)
    haarlem = gebieden.loc["GM0392"]
    regio = gebieden.loc["AM37"]
    assert "**227 deelnemers** in Zuid-Kennemerland en IJmond" in shown
    expected = 100 * 227 / regio["laaggeletterd_16_65"]
    assert f"**{expected:.2f}%**".replace(".", ",") in shown
    table = next(df.value for df in at.dataframe if "Bereik (schatting)" in df.value.columns)
    row = table[table["Gemeente"] == "Haarlem"].iloc[0]
    assert row["Bereik (schatting)"] == pytest.approx(100 * 177 / haarlem["laaggeletterd_16_65"])
    assert table[table["Gemeente"] == "Bloemendaal"]["Deelnemers"].isna().all()

    # a bad file is refused as a whole, and the reach disappears
    deelnemers_uploader(at).set_value(
        ("fout.csv", csv_bytes("GM0392;;;;2024;=1+1"), "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["De upload is afgekeurd: er is niets overgenomen. Meldingen:"]
    assert any("er is niets overgenomen" in code.value for code in at.code)
    assert "bereik_upload" not in at.session_state
