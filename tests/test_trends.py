"""Table `trends`: period parsing, the series in the mirror on the 2025 indeling, regions = sum of gemeenten."""

import pandas as pd
import pytest

from llo_dash.__main__ import main
from llo_dash.build.trends import parse_periode
from llo_dash.errors import SchemaError
from tests.fixtures.mirror import mirror_file

ARBEID = "cbs/statline_regio/86088NED_arbeidsdeelname_regio2024_first10000rows_dertje.csv"
FVW = "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv"
WW = "cbs/aanvulling/85554NED_ww_uitkeringen_arbeidsmarktregio_maand_2013-2025_first10000rows_dertje.csv"
INDELING = "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv"


@pytest.mark.parametrize(
    ("label", "code"),
    [("2013 1e kwartaal", "2013-K1"), ("2024 maart", "2024-03"), ("2023", "2023"), ("2015 ", "2015"),
     ("2024  november", "2024-11"), ("2023 december", "2023-12"), ("2020 4e kwartaal", "2020-K4")],
)
def test_cbs_period_titles_become_sortable_codes(label, code):
    assert parse_periode(label) == code


@pytest.mark.parametrize("label", ["2024 maartt", "2013 5e kwartaal", "24", ""])
def test_an_unknown_period_title_is_refused(label):
    with pytest.raises(SchemaError, match="periode"):
        parse_periode(label)


def _dump(relative: str) -> pd.DataFrame:
    frame = pd.read_csv(mirror_file(relative), sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    return frame.apply(lambda column: column.str.strip().str.replace(r"\s+", " ", regex=True))


@pytest.fixture(scope="module")
def trends(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "cbs" / "trends.parquet")


def _series(trends, code, indicator) -> pd.Series:
    rows = trends[(trends["code"] == code) & (trends["indicator"] == indicator)]
    assert not rows["periode"].duplicated().any()
    return rows.set_index("periode")["waarde"].astype(float)


def test_unemployment_2013_2024_for_every_gemeente_region_and_nederland(trends):
    rows = trends[trends["indicator"] == "werkloosheid_pct"]
    per_level = rows.groupby("niveau")["code"].nunique()
    assert per_level.to_dict() == {"arbeidsmarktregio": 35, "gemeente": 342, "nederland": 1}
    assert sorted(rows["periode"].unique()) == [str(year) for year in range(2013, 2025)]
    raw = _dump(ARBEID)
    raw = raw[(raw["Persoonskenmerken"] == "Totaal personen") & (raw["RegioS"] == "Nederland")]
    expected = pd.to_numeric(raw.set_index("Perioden")["Werkloosheidspercentage_13"])
    assert _series(trends, "NL00", "werkloosheid_pct").to_dict() == expected.to_dict()
    assert _series(trends, "NL00", "werkloosheid_pct")["2024"] == 3.7  # SOURCES.md: Nederland 2024 3,7 %


def test_bijstand_of_a_region_is_the_sum_of_its_2025_gemeenten(trends):
    indeling = _dump(INDELING)
    names = indeling.loc[indeling["Code_4"] == "AM06", "RegioS"]
    raw = _dump(FVW)
    raw = raw[(raw["Perioden"] == "2024") & (raw["StatusCijfer"] == "Definitief")].set_index("RegioS")
    expected = pd.to_numeric(raw.loc[names, "TotaalBijstandsuitkeringen_22"]).sum()
    assert _series(trends, "AM06", "bijstandsuitkeringen")["2024"] == expected
    gemeenten = trends[(trends["niveau"] == "gemeente") & (trends["indicator"] == "bijstandsuitkeringen")]
    regions = trends[(trends["niveau"] == "arbeidsmarktregio") & (trends["indicator"] == "bijstandsuitkeringen")]
    sums = gemeenten.groupby(["arbeidsmarktregio_code", "periode"])["waarde"].sum()
    assert (regions.set_index(["code", "periode"])["waarde"] == sums.reindex(regions.set_index(["code", "periode"]).index)).all()
    assert _series(trends, "NL00", "bijstandsuitkeringen")["2024"] == gemeenten["waarde"].sum()


def test_ww_per_month_from_2017_without_former_regions(trends):
    rows = trends[trends["indicator"] == "ww_personen"]
    assert set(rows["niveau"]) == {"arbeidsmarktregio", "nederland"}
    assert rows["periode"].min() == "2017-01" and rows["periode"].max() == "2025-01"
    assert rows.groupby("code")["periode"].nunique().eq(97).all()  # 2017-01 … 2025-01
    # SOURCES.md 6.3: Nederland 2024 december 165 990; Groningen (AM) 2024 december 7 010.
    assert _series(trends, "NL00", "ww_personen")["2024-12"] == 165_990
    assert _series(trends, "AM01", "ww_personen")["2024-12"] == 7_010
    assert _series(trends, "AM01", "ww_personen")["2024-11"] > 0  # published as '2024  november'


def test_missing_values_stay_missing(trends):
    assert trends["waarde"].notna().all()
    raw = _dump(ARBEID)
    empty = raw[(raw["Persoonskenmerken"] == "Totaal personen") & (raw["Werkloosheidspercentage_13"] == "")]
    assert len(trends[trends["indicator"] == "werkloosheid_pct"]) == 12 * 378 - len(
        empty[~empty["RegioS"].str.contains(r"\((?:PV|CR|LD)\)|Niet in te delen", regex=True)]
    )


def test_table_trends_on_the_command_line(built_data, capsysbinary):
    assert main(["table", "trends", "--level", "arbeidsmarktregio", "--regio", "AM06"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert lines[0] == "code,niveau,arbeidsmarktregio_code,indicator,periode,waarde,ondergrens,bovengrens,eenheid,bron,toelichting"
    assert {line.split(",")[0] for line in lines[1:]} == {"AM06"}
