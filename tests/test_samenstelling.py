"""Region composition: a published region figure is used only where CBS counted the 2025 gemeenten.

The audit's cases, computed independently from the raw mirror files: 85525NED 2023 counts
Olst-Wijhe (GM1773) in Veluwe Stedendriehoek (AM06), while the 2025 indeling puts it in Regio
Zwolle (AM36); the same holds for 83582NED jobs of December 2023.
"""

import pandas as pd
import pytest

from llo_dash.build.samenstelling import tolerantie, vergelijk_samenstelling
from tests.fixtures.mirror import mirror_file

ONDERWIJS = "cbs/statline_regio/85525NED_onderwijsniveau_regio_first10000rows_dertje.csv"
BANEN = "cbs/statline_regio/83582NED_banen_werknemers_sbi_regio_first10000rows_dertje.csv"
INDELING_2025 = "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv"
INDELING_2024 = "cbs/statline_regio/85755NED_gebieden_in_nederland_2024_dertje.csv"


def _dump(relative: str) -> pd.DataFrame:
    frame = pd.read_csv(mirror_file(relative), sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    return frame.apply(lambda column: column.str.strip())


def _indeling(relative: str) -> pd.DataFrame:
    return _dump(relative).rename(columns={"Code_1": "gemeente", "Code_4": "regio", "RegioS": "naam"})[["gemeente", "regio", "naam"]]


def _raw_2023(relative: str, column: str, **dims: str) -> pd.Series:
    """Values by CBS region name for 2023 (education) or December 2023 (jobs), straight from the dump."""
    frame = _dump(relative)
    for dim, title in dims.items():
        frame = frame[frame[dim] == title]
    return pd.to_numeric(frame.set_index("RegioS")[column].replace("", None))


def _region_sum_2025(values: pd.Series, regio: str) -> float:
    indeling = _indeling(INDELING_2025)
    return float(values.reindex(indeling.loc[indeling["regio"] == regio, "naam"]).sum())


@pytest.fixture(scope="module")
def bevolking_2023() -> pd.Series:
    return _raw_2023(ONDERWIJS, "Bevolking_1", Geslacht="Totaal mannen en vrouwen", Leeftijd="15 tot 75 jaar", Perioden="2023")


def test_the_audit_gap_of_am06_is_olst_wijhe_in_the_raw_file(bevolking_2023):
    published = bevolking_2023["Veluwe Stedendriehoek (AM)"]
    assert published == 444_600
    assert _region_sum_2025(bevolking_2023, "AM06") == 430_500
    assert published - 430_500 == bevolking_2023["Olst-Wijhe"] == 14_100


def test_am06_and_am36_are_the_sum_of_their_2025_gemeenten(gebieden, bevolking_2023):
    for regio in ("AM06", "AM36"):
        assert gebieden.loc[regio, "inwoners_15_75"] == _region_sum_2025(bevolking_2023, regio)
    # The audit: 65–75 = 69.083 was inconsistent with 15–75 − 15–65 = 83.183; now both are 69.083.
    am06 = gebieden.loc["AM06"]
    assert am06["inwoners_65_75"] == 69_083 == am06["inwoners_15_75"] - am06["inwoners_15_65"]


def test_every_region_and_nederland_row_fits_together(gebieden):
    rows = gebieden[gebieden["niveau"].isin(["arbeidsmarktregio", "nederland"])]
    assert len(rows) == 36
    assert (rows["inwoners_65_75"] == rows["inwoners_15_75"] - rows["inwoners_15_65"]).all()
    # Nederland: one method, the sum of the gemeenten (1.951.126), no longer 1.951.126 next to a derived 1.951.726.
    nederland = gebieden.loc["NL00"]
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"]
    assert nederland["inwoners_65_75"] == gemeenten["inwoners_65_75"].sum() == 1_951_126
    assert nederland["inwoners_15_75"] == gemeenten["inwoners_15_75"].sum()


def test_jobs_of_am06_follow_the_2025_composition(gebieden):
    banen = _raw_2023(BANEN, "BanenVanWerknemersInDecember_1", BedrijfstakkenBranchesSBI2008="A-U Alle economische activiteiten",
                      Perioden="2023 december")
    gap = 1000 * (banen["Veluwe Stedendriehoek (AM)"] - _region_sum_2025(banen, "AM06"))
    assert round(1000 * banen["Olst-Wijhe"]) == 5_400
    assert abs(gap - 5_400) <= tolerantie(100, 9)  # published in hundreds: rounding of the region and its gemeenten
    for regio in ("AM06", "AM36"):
        assert gebieden.loc[regio, "banen_werknemers"] == round(1000 * _region_sum_2025(banen, regio))


def test_regio_verschillen_keeps_the_published_figure_and_says_why(built_data):
    verschillen = pd.read_parquet(built_data / "cbs" / "regio_verschillen.parquet").set_index(["code", "kolom"])
    row = verschillen.loc[("AM06", "inwoners_15_75")]
    assert (row["cbs_waarde"], row["aggregaat_gemeenten"], row["gebruikt"]) == (444_600, 430_500, "aggregaat_gemeenten")
    assert "Olst-Wijhe (GM1773)" in row["reden"] and "Regio Zwolle (AM36)" in row["reden"]
    assert "Olst-Wijhe (GM1773)" in verschillen.loc[("AM36", "laag_opgeleid_pct"), "reden"]
    assert "Olst-Wijhe (GM1773)" in verschillen.loc[("AM06", "banen_werknemers"), "reden"]
    # A region CBS counted as in 2025 keeps the published (survey) percentage.
    assert verschillen.loc[("AM22", "laag_opgeleid_pct"), "gebruikt"] == "cbs_waarde"
    assert verschillen.loc[("NL00", "inwoners_15_75"), "reden"].startswith("Nederland:")
    assert verschillen["reden"].notna().all()


def test_labour_regions_of_2024_have_the_2025_gemeenten():
    """86088NED follows the regional indeling 2024: the same gemeenten per arbeidsmarktregio as 2025."""
    regio_2024 = _indeling(INDELING_2024).set_index("gemeente")["regio"]
    regio_2025 = _indeling(INDELING_2025).set_index("gemeente")["regio"]
    assert len(regio_2025) == 342
    assert regio_2024.sort_index().equals(regio_2025.sort_index())


# --- the comparison itself, on a small hand-made example --------------------------------------------------

REGIO_VAN = pd.Series({"GM1": "AM01", "GM2": "AM01", "GM3": "AM02", "GM4": "AM02", "GM5": "AM02"})
GEMEENTEN = pd.Series({"GM1": 1000.0, "GM2": 2000.0, "GM3": 500.0, "GM4": 700.0, "GM5": 3000.0})


def test_a_moved_gemeente_is_named_on_both_sides():
    published = pd.Series({"AM01": 3500.0, "AM02": 3700.0})  # CBS counted GM3 (500) in AM01
    result = vergelijk_samenstelling(published, GEMEENTEN, REGIO_VAN, afronding=1, namen={"GM3": "Drie", "AM02": "Twee"})
    assert result["gelijk"].tolist() == [False, False]
    assert result.loc["AM01", "verschil"] == 500
    assert result.loc["AM01", "reden"].startswith("CBS telde Drie (GM3), 500, bij deze regio") and "Twee (AM02)" in result.loc["AM01", "reden"]
    assert result.loc["AM02", "reden"].startswith("CBS telde Drie (GM3), 500, niet bij deze regio")


def test_a_difference_within_rounding_is_the_same_composition():
    published = pd.Series({"AM01": 3001.0, "AM02": 4199.0})
    result = vergelijk_samenstelling(published, GEMEENTEN, REGIO_VAN, afronding=1)
    assert result["gelijk"].tolist() == [True, True]
    assert tolerantie(100, 9) == 500


def test_a_missing_gemeente_leaves_the_composition_unknown():
    gemeenten = GEMEENTEN.copy()
    gemeenten["GM4"] = float("nan")
    result = vergelijk_samenstelling(pd.Series({"AM01": 3000.0, "AM02": 4200.0}), gemeenten, REGIO_VAN, afronding=1)
    assert result.loc["AM01", "gelijk"] and pd.isna(result.loc["AM02", "gelijk"])


KWB_TYPED = "cbs/kwb/kwb2024_85984NED_typeddataset_first10000rows_dertje.csv.gz"
FVW = "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv"


@pytest.fixture(scope="module")
def kwb_nederland() -> pd.Series:
    """The row Nederland (SoortRegio 'Land') of the KWB 2024 TypedDataSet dump, as numbers where they are numbers."""
    frame = pd.read_csv(mirror_file(KWB_TYPED), sep=";", dtype=str, encoding="utf-8-sig", nrows=5)
    row = frame[frame["SoortRegio_2"].str.strip() == "Land"].iloc[0]
    return pd.to_numeric(row, errors="coerce")


def test_nederland_first_generation_is_one_method_the_national_cbs_figures(gebieden, built_data, kwb_nederland):
    """The audit's case: the split of the first generation summed over the gemeenten (170 of them split with the whole
    percentages of 2023) differed by 451 from the KWB row Nederland. Nederland now takes CBS's figures for all three."""
    nl = gebieden.loc["NL00"]
    europa, buiten = kwb_nederland["EuropaExclusiefNederland_23"], kwb_nederland["BuitenEuropa_24"]
    assert (nl["eerste_generatie_europa"], nl["eerste_generatie_buiten_europa"]) == (europa, buiten)
    assert nl["eerste_generatie"] == europa + buiten == 2_914_939  # SOURCES.md 6.1: 85458NED Nederland 2024
    assert nl["eerste_generatie_europa_pct"] == pytest.approx(100 * europa / nl["inwoners"], abs=1e-4)
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"]
    summed = gemeenten["eerste_generatie_europa"].sum()
    verschillen = pd.read_parquet(built_data / "cbs" / "regio_verschillen.parquet").set_index(["code", "kolom"])
    for kolom, cbs in (("eerste_generatie_europa", europa), ("eerste_generatie_buiten_europa", buiten)):
        row = verschillen.loc[("NL00", kolom)]
        assert row["gebruikt"] == "cbs_waarde" and row["cbs_waarde"] == cbs
        assert row["aggregaat_gemeenten"] == gemeenten[kolom].sum()
        assert "KWB 2024" in row["reden"] and "1 januari 2023" in row["reden"]
    assert abs(summed - europa) == 451


def test_nederland_vestigingen_are_one_method_the_national_cbs_figures(gebieden, built_data, kwb_nederland):
    """The audit's case: NL's sectors came from the KWB row Nederland, its total from the sum of the gemeenten (Fvw).
    CBS publishes the same national total in both tables; Nederland now uses it for every vestigingen column."""
    fvw = _dump(FVW)
    fvw = fvw[(fvw["RegioS"] == "Nederland") & (fvw["Perioden"] == "2024") & (fvw["StatusCijfer"] == "Voorlopig")]
    fvw_total = float(fvw.filter(like="Bedrijfsvestigingen").iloc[0, 0])
    assert fvw_total == kwb_nederland["BedrijfsvestigingenTotaal_102"]
    nl = gebieden.loc["NL00"]
    assert nl["bedrijfsvestigingen"] == nl["vestigingen_totaal"] == fvw_total
    assert nl["vestigingen_a_landbouw"] == kwb_nederland["ALandbouwBosbouwEnVisserij_103"]
    gemeenten = gebieden[gebieden["niveau"] == "gemeente"]
    row = pd.read_parquet(built_data / "cbs" / "regio_verschillen.parquet").set_index(["code", "kolom"]).loc[("NL00", "bedrijfsvestigingen")]
    assert row["gebruikt"] == "cbs_waarde" and row["aggregaat_gemeenten"] == gemeenten["bedrijfsvestigingen"].sum()
    names = _indeling(INDELING_2025)["naam"]
    fvw_all = _dump(FVW)
    fvw_all = fvw_all[(fvw_all["Perioden"] == "2024") & (fvw_all["StatusCijfer"] == "Voorlopig")].set_index("RegioS")
    raw_sum = pd.to_numeric(fvw_all.filter(like="Bedrijfsvestigingen").iloc[:, 0]).reindex(names).sum()
    assert row["aggregaat_gemeenten"] == raw_sum != fvw_total and "vestigingen" in row["reden"]
