"""Population and first generation in table `trends` (85458NED 2022–2024, 70072NED 2025), on the 2025 indeling.
Every expected figure is computed here from the raw mirror file, or is the published figure in its SOURCES.md."""

import pandas as pd
import pytest

from tests.fixtures.mirror import mirror_file

HERKOMST = "cbs/aanvulling/85458NED_bevolking_herkomstland_geboorteland_regio_2022-2024_first10000rows_dertje.csv"
KERNCIJFERS = "cbs/statline_regio/70072NED_regionale_kerncijfers_2025_statline.csv"
INDELING = "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv"


def _herkomst(geboorteland: str) -> pd.DataFrame:
    """Name × year of the complete slice (totaal, all ages, herkomstland totaal) for one geboorteland."""
    frame = pd.read_csv(mirror_file(HERKOMST), sep=";", dtype=str, encoding="utf-8-sig")
    frame = frame.apply(lambda column: column.str.strip())
    frame = frame[(frame["Geslacht"] == "Totaal mannen en vrouwen") & (frame["Leeftijd"] == "Totaal")
                  & (frame["Herkomstland"] == "Totaal") & (frame["Geboorteland"] == geboorteland)]
    frame = frame.assign(waarde=pd.to_numeric(frame["Bevolking_1"]), jaar=frame["Perioden"].astype(int))
    return frame.pivot(index="RegioS", columns="jaar", values="waarde")


@pytest.fixture(scope="module")
def inwoners() -> pd.DataFrame:
    return _herkomst("Totaal")


@pytest.fixture(scope="module")
def eerste() -> pd.DataFrame:
    return _herkomst("Persoon geboren buiten Nederland")


@pytest.fixture(scope="module")
def indeling() -> pd.DataFrame:
    return pd.read_csv(mirror_file(INDELING), sep=";", dtype=str).apply(lambda column: column.str.strip())


@pytest.fixture(scope="module")
def trends(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "cbs" / "trends.parquet")


def _value(trends, code, indicator, periode) -> float:
    rows = trends[(trends["code"] == code) & (trends["indicator"] == indicator) & (trends["periode"] == periode)]
    assert len(rows) == 1, (code, indicator, periode)
    return float(rows["waarde"].iloc[0])


def test_every_area_has_population_2022_to_2025_and_first_generation_2022_to_2024(trends):
    for indicator, years in (("inwoners", ["2022", "2023", "2024", "2025"]),
                             ("eerste_generatie", ["2022", "2023", "2024"]), ("eerste_generatie_pct", ["2022", "2023", "2024"])):
        rows = trends[trends["indicator"] == indicator]
        assert sorted(rows["periode"].unique()) == years
        counts = rows.groupby(["periode", "niveau"]).size().unstack()
        assert (counts["gemeente"] == 342).all() and (counts["arbeidsmarktregio"] == 35).all()
        assert (counts["nederland"] == 1).all()


def test_published_nederland_figures(trends):
    """SOURCES.md 6.1: 2024 17 942 942 inhabitants, 2 914 939 born abroad; 2023 17 811 291 / 2 776 950."""
    assert _value(trends, "NL00", "inwoners", "2024") == 17_942_942
    assert _value(trends, "NL00", "eerste_generatie", "2024") == 2_914_939
    assert _value(trends, "NL00", "inwoners", "2023") == 17_811_291
    assert _value(trends, "NL00", "eerste_generatie", "2023") == 2_776_950
    assert _value(trends, "NL00", "eerste_generatie_pct", "2024") == round(100 * 2_914_939 / 17_942_942, 1)


@pytest.mark.parametrize(("code", "names"), [
    ("GM1992", ["Brielle", "Hellevoetsluis", "Westvoorne"]),  # Voorne aan Zee, formed 1 January 2023
    ("GM0363", ["Amsterdam", "Weesp"]),  # Weesp joined Amsterdam on 24 March 2022
])
def test_2022_is_summed_over_the_former_gemeenten(trends, inwoners, eerste, code, names):
    assert _value(trends, code, "inwoners", "2022") == inwoners.loc[names, 2022].sum()
    assert _value(trends, code, "eerste_generatie", "2022") == eerste.loc[names, 2022].sum()


def test_a_region_is_the_sum_of_its_2025_gemeenten(trends, inwoners, eerste, indeling):
    names = indeling.loc[indeling["Code_4"] == "AM06", "RegioS"]
    for year in (2023, 2024):
        assert _value(trends, "AM06", "inwoners", str(year)) == inwoners.loc[names, year].sum()
        assert _value(trends, "AM06", "eerste_generatie", str(year)) == eerste.loc[names, year].sum()
        share = round(100 * eerste.loc[names, year].sum() / inwoners.loc[names, year].sum(), 1)
        assert _value(trends, "AM06", "eerste_generatie_pct", str(year)) == share


def test_2025_from_the_regional_key_figures(trends, indeling):
    frame = pd.read_csv(mirror_file(KERNCIJFERS), sep=";", dtype=str, encoding="utf-8-sig")
    frame = frame.set_index(frame["Regio's"].str.strip())
    total = frame.filter(like="Totale bevolking").iloc[:, 0]
    assert _value(trends, "NL00", "inwoners", "2025") == float(total["Nederland"])
    assert _value(trends, "GM0363", "inwoners", "2025") == float(total["Amsterdam"])
    names = indeling.loc[indeling["Code_4"] == "AM36", "RegioS"]
    assert _value(trends, "AM36", "inwoners", "2025") == total[names].astype(float).sum()
    rows = trends[(trends["indicator"] == "inwoners") & (trends["periode"] == "2025")]
    assert set(rows["bron"]) == {"kerncijfers_2025"}
