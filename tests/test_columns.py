"""The column registry: one definition gives the Dutch screen text over real numbers and the rounded download."""

import math

import pandas as pd
import pytest

from llo_dash.columns import PER_RIJ, Kolom, Tabel, indicator_kolom, uit_frame


def _tabel() -> Tabel:
    frame = pd.DataFrame({
        "naam": ["Aa", "Bb", "Cc", "Dd"],
        "aantal": [1500.0, 12345.4, 9876.5, math.nan],
        "pct": [22.65, 3.14, 10.0, 5.05],
        "verschil": [1.25, -0.44, 0.0, math.nan],
        "intern": [1, 2, 3, 4],  # no Kolom: neither shown nor downloaded
    })
    return Tabel(frame, {
        "naam": Kolom("Gemeente"),
        "aantal": Kolom("Aantal", "getal"),
        "pct": Kolom("Aandeel (%)", "procent"),
        "verschil": Kolom("Verschil", "verschil"),
    })


def test_screen_keeps_numbers_and_shows_dutch_text():
    styler = _tabel().scherm()
    assert list(styler.data.columns) == ["Gemeente", "Aantal", "Aandeel (%)", "Verschil"]
    assert pd.api.types.is_float_dtype(styler.data["Aantal"])  # sorts as numbers in the browser
    shown = styler._translate(False, False)["body"]  # the display text pandas renders, cell by cell
    rows = [[cell["display_value"] for cell in row[1:]] for row in shown]
    assert rows[0] == ["Aa", "1.500", "22,7%", "+1,3 procentpunt"]  # 22,65 -> 22,7 and 1,25 -> 1,3 (half up)
    assert rows[1] == ["Bb", "12.345", "3,1%", "-0,4 procentpunt"]
    assert rows[2][3] == "0,0 procentpunt"  # zero after rounding has no sign
    assert rows[3][1] == "geen gegevens" and rows[3][3] == "geen gegevens"


def test_download_has_the_headers_and_the_screen_precision():
    download = _tabel().download()
    assert list(download.columns) == ["Gemeente", "Aantal", "Aandeel (%)", "Verschil"]
    assert download["Aantal"].tolist()[:3] == [1500.0, 12345.0, 9877.0]  # 9876,5 -> 9877 half up, not to even
    assert download["Aandeel (%)"].tolist() == [22.7, 3.1, 10.0, 5.1]
    assert math.isnan(download["Aantal"].iloc[3])  # missing stays missing, never 0


def test_text_version_for_static_tables():
    tekst = _tabel().als_tekst()
    assert tekst.loc[3, "Aantal"] == "geen gegevens"
    assert tekst.loc[0, "Gemeente"] == "Aa"


def test_per_row_format():
    frame = pd.DataFrame({"indicator": ["%", "aantal"], "waarde": [15.94, 1234.5]})
    tabel = Tabel(frame, {"indicator": Kolom("Indicator"), "waarde": Kolom("Waarde", PER_RIJ)},
                  rij_opmaak=[("procent", 1), ("getal", 0)])
    assert tabel.als_tekst()["Waarde"].tolist() == ["15,9%", "1.235"]
    assert tabel.download()["Waarde"].tolist() == [15.9, 1235.0]
    with pytest.raises(ValueError, match="opmaak per rij"):
        Tabel(frame, {"waarde": Kolom("Waarde", PER_RIJ)})


def test_bad_definitions_are_refused():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(KeyError, match="niet in de tabel"):
        Tabel(frame, {"c": Kolom("C")})
    with pytest.raises(ValueError, match="meer dan eens"):
        Tabel(frame, {"a": Kolom("X"), "b": Kolom("X")})
    with pytest.raises(ValueError, match="Onbekende soort"):
        Kolom("X", "bedrag")


def test_indicator_columns_read_like_their_indicator():
    pct = indicator_kolom("laaggeletterd_16_65_pct")
    assert (pct.soort, pct.aantal_decimalen) == ("procent", 1)
    assert indicator_kolom("laaggeletterd_16_65", label="Aantal").label == "Aantal"
    assert uit_frame(pd.DataFrame({"x": [1]})).kolommen["x"].soort == "tekst"
