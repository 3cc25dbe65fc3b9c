"""Aggregation rules gemeente → arbeidsmarktregio → Nederland, on a tiny made-up indeling."""

import pandas as pd
import pytest

from llo_dash.build.aggregate import aggregate, assemble
from llo_dash.build.context import Part
from llo_dash.errors import BuildError
from tests.fixtures.tiny import tiny_indeling

F = "Float64"


def gemeenten(**columns):
    return pd.DataFrame({name: pd.array(values, dtype=F) for name, values in columns.items()}, index=pd.Index(["GM0014", "GM0153", "GM0164"], name="code"))


def test_counts_are_summed_and_shares_rederived_from_counts():
    frame = gemeenten(herkomst_buiten_nederland=[10, 30, 20], inwoners=[100, 100, 300])
    frame["herkomst_buiten_nederland_pct"] = 100 * frame["herkomst_buiten_nederland"] / frame["inwoners"]
    regios, nederland, _ = aggregate(frame, tiny_indeling(), pd.DataFrame())
    assert regios.loc["AM05", "inwoners"] == 400
    # (30 + 20) / 400, not the mean of 30% and 6.7%
    assert regios.loc["AM05", "herkomst_buiten_nederland_pct"] == pytest.approx(12.5)
    assert nederland.loc["NL00", "herkomst_buiten_nederland_pct"] == pytest.approx(60 / 500 * 100)


def test_a_region_with_a_missing_gemeente_is_missing_not_a_partial_sum():
    frame = gemeenten(bijstandsuitkeringen=[5, None, 7])
    regios, nederland, _ = aggregate(frame, tiny_indeling(), pd.DataFrame())
    assert regios.loc["AM01", "bijstandsuitkeringen"] == 5
    assert pd.isna(regios.loc["AM05", "bijstandsuitkeringen"])
    assert pd.isna(nederland.loc["NL00", "bijstandsuitkeringen"])


def test_published_region_figures_are_used_and_the_difference_recorded():
    frame = gemeenten(werkloze_beroepsbevolking=[4, 6, 4], beroepsbevolking=[100, 100, 100], werkloosheid_pct=[4.0, 6.0, 4.0])
    published = pd.DataFrame({"werkloosheid_pct": pd.array([5.5], dtype=F)}, index=["AM05"])
    regios, _, verschillen = aggregate(frame, tiny_indeling(), published)
    assert regios.loc["AM05", "werkloosheid_pct"] == 5.5  # CBS's own survey figure
    row = verschillen.set_index(["code", "kolom"]).loc[("AM05", "werkloosheid_pct")]
    assert row["aggregaat_gemeenten"] == pytest.approx(5.0)
    assert row["verschil"] == pytest.approx(0.5)
    assert row["gebruikt"] == "cbs_waarde"


def test_a_published_national_figure_fills_in_where_the_gemeenten_are_incomplete():
    frame = gemeenten(vestigingen_totaal=[10, None, 30])
    published = pd.DataFrame({"vestigingen_totaal": pd.array([1000], dtype=F)}, index=["NL00"])
    regios, nederland, _ = aggregate(frame, tiny_indeling(), published)
    assert nederland.loc["NL00", "vestigingen_totaal"] == 1000
    assert pd.isna(regios.loc["AM05", "vestigingen_totaal"])


def _areas():
    return pd.DataFrame(
        {"code": ["NL00", "GM0014", "GM0153", "GM0164", "WK001400"], "niveau": ["nederland", "gemeente", "gemeente", "gemeente", "wijk"],
         "naam": ["Nederland", "Groningen", "Enschede", "Hengelo (O.)", "Centrum"]}
    )


def test_assemble_identifies_every_row_and_orders_levels():
    part = Part(
        gemeente=gemeenten(inwoners=[1, 2, 3]),
        klein=pd.DataFrame({"inwoners": pd.array([1], dtype=F)}, index=["WK001400"]),
    )
    table, _ = assemble([part], tiny_indeling(), _areas())
    assert table["niveau"].tolist() == ["nederland", "arbeidsmarktregio", "arbeidsmarktregio", "gemeente", "gemeente", "gemeente", "wijk"]
    wijk = table.set_index("code").loc["WK001400"]
    assert (wijk["gemeente_code"], wijk["arbeidsmarktregio_code"], wijk["provincie_code"]) == ("GM0014", "AM01", "PV20")
    assert table.set_index("code").loc["AM05", "naam"] == "Twente"
    assert str(table["inwoners"].dtype) == "Int64"


def test_a_code_outside_the_indeling_stops_the_build():
    bad = Part(gemeente=pd.DataFrame({"inwoners": pd.array([1], dtype=F)}, index=pd.Index(["GM9999"], name="code")))
    with pytest.raises(BuildError, match="GM9999"):
        assemble([bad], tiny_indeling(), _areas())


def test_the_same_column_from_two_steps_stops_the_build():
    one = Part(gemeente=gemeenten(inwoners=[1, 2, 3]))
    with pytest.raises(BuildError, match="inwoners"):
        assemble([one, one], tiny_indeling(), _areas())
