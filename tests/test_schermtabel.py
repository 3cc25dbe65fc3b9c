"""The lean render model of a table (`llo_dash.ui.schermtabel`): what `st.dataframe` sends to the browser is byte
for byte what it sent with pandas' full render model, and the display values are the Dutch texts of the table."""

import io
import math

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from llo_dash.columns import PER_RIJ, Kolom, Tabel
from llo_dash.ui.schermtabel import snel


def _tabellen() -> list[Tabel]:
    gemengd = Tabel(pd.DataFrame({
        "naam": ["Aa", None, "Cc", pd.NA, "Ee"],
        "code": pd.array(["AM01", "AM02", None, "AM05", "AM06"], dtype="string"),
        "jaar": pd.array([2020, None, 2022, 2023, 2024], dtype="Int64"),
        "aantal": [1500.0, 12345.4, 9876.5, math.nan, 0.0],
        "pct": [22.65, 3.14, 10.0, 5.05, math.inf],
        "verschil": [1.25, -0.44, 0.0, math.nan, -0.04],
        "ruw": [0.1234567, 2.5, math.nan, 4.0, 1e9],  # a text column holding floats: pandas' default display
        "cijfer": [1234.0, 22.65, math.nan, 0.5, 17.0],
    }), {
        "naam": Kolom("Gemeente"), "code": Kolom("Code"), "jaar": Kolom("Jaar", "getal"),
        "aantal": Kolom("Aantal", "getal"), "pct": Kolom("Aandeel (%)", "procent", 2),
        "verschil": Kolom("Verschil", "verschil", eenheid=""), "ruw": Kolom("Ruw"), "cijfer": Kolom("Cijfer", PER_RIJ),
    }, rij_opmaak=[("getal", 0), ("procent", 1), ("procent", 1), ("getal", 1), ("verschil", 1)])
    leeg = Tabel(pd.DataFrame({"naam": pd.Series([], dtype=object), "aantal": pd.Series([], dtype=float)}),
                 {"naam": Kolom("Naam"), "aantal": Kolom("Aantal", "getal")})
    return [gemengd, leeg]


def _styler_per_kolom(tabel: Tabel):
    """The Styler as pandas renders it, built independently: one format call per numeric column."""
    styler = tabel.waarden().style
    for label, kolom in zip(tabel.labels, tabel.kolommen.values()):
        if kolom.soort == PER_RIJ:
            for rij, (soort, decimalen) in enumerate(tabel.rij_opmaak):
                styler = styler.format(lambda v, k=kolom, s=soort, d=decimalen: k.tekst(v, s, d),
                                       subset=pd.IndexSlice[[rij], [label]])
        elif kolom.numeriek:
            styler = styler.format(kolom.tekst, subset=[label])
    return styler


def _bericht(styler) -> ArrowData:
    styler.set_uuid("vast")  # pandas draws a random id per Styler; the rest must be equal
    proto = ArrowData()
    marshall_styler(proto, styler, "standaard")
    return proto


@pytest.mark.parametrize("nummer", [0, 1])
def test_same_message_as_pandas_render_model(nummer):
    tabel = _tabellen()[nummer]
    assert _bericht(snel(tabel.scherm())).SerializeToString() == _bericht(_styler_per_kolom(tabel)).SerializeToString()


def test_display_values_are_the_dutch_texts():
    tabel = _tabellen()[0]
    proto = _bericht(snel(tabel.scherm()))
    getoond = pa.ipc.open_stream(io.BytesIO(proto.styler.display_values)).read_pandas()
    tekst = tabel.als_tekst()
    for label, kolom in zip(tabel.labels, tabel.kolommen.values()):
        if kolom.numeriek:
            assert list(getoond[label]) == list(tekst[label]), label
    assert list(getoond["Aantal"]) == ["1.500", "12.345", "9.877", "geen gegevens", "0"]
    assert list(getoond["Cijfer"]) == ["1.234", "22,7%", "geen gegevens", "0,5", "+17,0 procentpunt"]
    assert list(getoond["Ruw"])[:2] == ["0.123457", "2.500000"]  # pandas' default for an unformatted column


def test_styled_tables_keep_pandas_render_model():
    styler = _tabellen()[0].scherm().map(lambda v: "color: red", subset=["Aantal"])
    assert snel(styler)._translate.__func__ is type(styler)._translate  # unchanged: the styles need pandas
