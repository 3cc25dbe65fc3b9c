from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from llo_dash.formatting import (
    GEEN_GEGEVENS,
    GEEN_MARGE,
    PLOTLY_SEPARATORS,
    d3_format,
    datum,
    decimalen,
    format_table,
    getal,
    hover_value,
    marge,
    markdown_veilig,
    opsomming,
    procent,
    tijdstip,
    verschil,
)

MISSING = [None, float("nan"), np.nan, pd.NA, pd.NaT, float("inf"), Decimal("NaN")]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (17_950_000, 0, "17.950.000"),
        (123_456_789_012, 0, "123.456.789.012"),
        (1e20, 0, "100.000.000.000.000.000.000"),
        (0.25, 2, "0,25"),
        (3, 2, "3,00"),
        (np.int64(12345), 0, "12.345"),
        (np.float64(1234.5), 1, "1.234,5"),
        (Decimal("1234.56"), 1, "1.234,6"),
    ],
)
def test_getal(value, decimals, expected):
    assert getal(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # banker's rounding would give 2
        (-0.5, 0, "-1"),  # half away from zero
        (-2.5, 0, "-3"),
        (1.005, 2, "1,01"),  # binary 1.00499999... would give 1,00
        (2.675, 2, "2,68"),
        (0.05, 1, "0,1"),
        (1234.45, 1, "1.234,5"),
        (999.5, 0, "1.000"),
    ],
)
def test_getal_rounds_half_away_from_zero(value, decimals, expected):
    assert getal(value, decimals) == expected


def test_getal_negative_uses_hyphen_minus():
    assert getal(-1234.5, 1) == "-1.234,5"
    assert getal(-1234567) == "-1.234.567"


def test_getal_never_shows_negative_zero():
    assert getal(-0.04, 1) == "0,0"
    assert getal(-0.4) == "0"


@pytest.mark.parametrize("value", MISSING)
def test_missing_values(value):
    assert getal(value) == GEEN_GEGEVENS
    assert procent(value) == GEEN_GEGEVENS
    assert verschil(value) == GEEN_GEGEVENS
    assert marge(value, 5) == GEEN_GEGEVENS
    assert marge(5, value) == GEEN_GEGEVENS
    assert GEEN_GEGEVENS == "geen gegevens"


def test_getal_refuses_text():
    with pytest.raises(TypeError, match="Geen getal: '12,5'"):
        getal("12,5")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (15.9, 1, "15,9%"),
        (15.94, 1, "15,9%"),
        (15.95, 1, "16,0%"),
        (100, 0, "100%"),
        (0.25, 2, "0,25%"),
        (-3.2, 1, "-3,2%"),
        (1234.5, 1, "1.234,5%"),
    ],
)
def test_procent(value, decimals, expected):
    assert procent(value, decimals) == expected


def test_procent_default_one_decimal():
    assert procent(15.9) == "15,9%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.2, "+1,2 procentpunt"),
        (-0.4, "-0,4 procentpunt"),
        (0, "0,0 procentpunt"),
        (0.04, "0,0 procentpunt"),  # rounds to zero: no sign
        (-0.04, "0,0 procentpunt"),
        (0.05, "+0,1 procentpunt"),
        (1234.5, "+1.234,5 procentpunt"),
    ],
)
def test_verschil(value, expected):
    assert verschil(value) == expected


def test_verschil_other_unit_and_decimals():
    assert verschil(-1250, 0, "personen") == "-1.250 personen"
    assert verschil(2.5, 0, "") == "+3"


def test_marge_one_style_everywhere():
    assert marge(1200, 1450) == "1.200–1.450"
    assert marge(14.06, 17.34, 1, procent=True) == "14,1–17,3%"
    assert marge(20839.4, 24093.5) == "20.839–24.094"  # half up, like every number
    assert marge(39.0, 39.04, 1, True) == GEEN_MARGE == "geen marge berekend"  # a point is not an interval


def test_opsomming():
    assert opsomming([]) == "" and opsomming(["A"]) == "A"
    assert opsomming(["A", "B"]) == "A en B"
    assert opsomming(["A", "B", "C"]) == "A, B en C"
    # an item with a comma of its own: semicolons show where each item ends
    assert opsomming(["Hoveniers, tuinders en kwekers", "Koks", "Schoonmakers"]) == (
        "Hoveniers, tuinders en kwekers; Koks en Schoonmakers")


def test_tijdstip_in_dutch_time():
    assert tijdstip("2026-01-15T09:05:00+00:00") == "15 januari 2026, 10:05 uur"  # winter: UTC+1
    assert tijdstip("2026-07-01T22:30:00+00:00") == "2 juli 2026, 00:30 uur"  # summer: UTC+2
    assert tijdstip("2026-07-01T22:30:00") == "2 juli 2026, 00:30 uur"  # no zone: UTC, as the build writes it
    # the date alone (sidebar) is the Dutch date too, not the UTC one
    assert tijdstip("2026-07-01T22:30:00+00:00", tijd=False) == "2 juli 2026"
    assert tijdstip(None) == GEEN_GEGEVENS and tijdstip("gisteren") == "gisteren"


def test_markdown_veilig_shows_text_as_written():
    assert markdown_veilig("spanning_a_b.csv") == r"spanning\_a\_b.csv"
    assert markdown_veilig("[x](http://y) *z* :red[w] $1$") == r"\[x\]\(http\://y\) \*z\* \:red\[w\] \$1\$"
    assert markdown_veilig("Bron: CBS, 2024.") == r"Bron\: CBS, 2024."


def test_decimals_of_a_spec():
    assert decimalen("procent") == 1 and decimalen("getal") == 0 and decimalen(("getal", 3)) == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 23), "23 november 2026"),
        (date(2026, 1, 1), "1 januari 2026"),
        (date(2025, 3, 9), "9 maart 2025"),
        (date(2025, 5, 31), "31 mei 2025"),
        (datetime(2024, 8, 15, 14, 30), "15 augustus 2024"),
        (pd.Timestamp("2023-12-05"), "5 december 2023"),
    ],
)
def test_datum(value, expected):
    assert datum(value) == expected


def test_datum_all_months_lowercase_dutch():
    months = [datum(date(2026, m, 1)).split()[1] for m in range(1, 13)]
    assert months == [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ]


def test_datum_missing():
    assert datum(None) == GEEN_GEGEVENS
    assert datum(pd.NaT) == GEEN_GEGEVENS


def test_format_table():
    df = pd.DataFrame(
        {
            "regio": ["Fryslân", "'s-Gravenhage"],
            "aantal": [1234567, 950],
            "aandeel": [15.94, np.nan],
            "inwoners": [1234.56, 7.0],
            "verschil": [1.2, -0.4],
        }
    )
    shown = format_table(
        df,
        {"aantal": "getal", "aandeel": "procent", "inwoners": ("getal", 1), "verschil": "verschil"},
    )
    assert shown["regio"].tolist() == ["Fryslân", "'s-Gravenhage"]
    assert shown["aantal"].tolist() == ["1.234.567", "950"]
    assert shown["aandeel"].tolist() == ["15,9%", GEEN_GEGEVENS]
    assert shown["inwoners"].tolist() == ["1.234,6", "7,0"]
    assert shown["verschil"].tolist() == ["+1,2 procentpunt", "-0,4 procentpunt"]
    # The original keeps its numbers: downloads are made from it.
    assert df["aantal"].tolist() == [1234567, 950]
    assert list(shown.columns) == list(df.columns)
    assert shown.index.equals(df.index)


def test_format_table_procent_with_decimals_and_nullable_ints():
    df = pd.DataFrame({"p": [15.937], "n": pd.array([None], dtype="Int64")})
    shown = format_table(df, {"p": ("procent", 2), "n": "getal"})
    assert shown.loc[0, "p"] == "15,94%"
    assert shown.loc[0, "n"] == GEEN_GEGEVENS


def test_format_table_errors():
    df = pd.DataFrame({"a": [1]})
    with pytest.raises(KeyError, match=r"Kolommen niet in de tabel: \['b'\]"):
        format_table(df, {"b": "getal"})
    with pytest.raises(ValueError, match="Onbekende opmaak 'valuta'"):
        format_table(df, {"a": "valuta"})


def test_d3_format_and_separators():
    assert d3_format("getal", 0) == ",.0f"
    assert d3_format("getal", 1) == ",.1f"
    assert d3_format("procent", 1) == ",.1f"  # values are already in percent
    # layout.separators: decimal mark first, then thousands separator.
    assert PLOTLY_SEPARATORS == ",."
    assert hover_value("y", "procent", 1) == "%{y:,.1f}%"
    assert hover_value("customdata[0]", "getal", 0) == "%{customdata[0]:,.0f}"
    with pytest.raises(ValueError, match="Onbekende opmaak 'valuta'"):
        d3_format("valuta", 0)
