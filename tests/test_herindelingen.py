"""The code history (reference/gemeente_herindelingen.csv) checked against the data, and trends on the 2025 indeling:
merged gemeenten summed over their predecessors, split series flagged, regions = sum of their gemeenten."""

import pandas as pd
import pytest

from llo_dash.reference import read_reference
from tests.fixtures.mirror import mirror_file

ONDERWIJS = "cbs/statline_regio/85525NED_onderwijsniveau_regio_first10000rows_dertje.csv"
BANEN = "cbs/statline_regio/83582NED_banen_werknemers_sbi_regio_first10000rows_dertje.csv"
INDELING = "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv"
MULTIYEAR = "geo/cbs_gebieden_multiyear_ahrnuld-jobmarket.csv"


def _raw(relative: str, dims: dict[str, str], column: str) -> pd.DataFrame:
    """Name × year of one column of a dump, straight from the file."""
    frame = pd.read_csv(mirror_file(relative), sep=";", dtype=str, encoding="utf-8-sig")
    for dim, title in dims.items():
        frame = frame[frame[dim].str.strip() == title]
    frame = frame.assign(naam=frame["RegioS"].str.strip(), jaar=frame["Perioden"].str.strip().str[:4].astype(int),
                         waarde=pd.to_numeric(frame[column], errors="coerce"))
    return frame.pivot_table(index="naam", columns="jaar", values="waarde", aggfunc="first")


@pytest.fixture(scope="module")
def bevolking() -> pd.DataFrame:
    return _raw(ONDERWIJS, {"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "15 tot 75 jaar"}, "Bevolking_1")


@pytest.fixture(scope="module")
def herindelingen() -> pd.DataFrame:
    return read_reference("gemeente_herindelingen").astype({"jaar": int})


@pytest.fixture(scope="module")
def namen() -> dict[str, str]:
    """Code → CBS name: the 2025 gemeenten (86059NED) and the former ones (their name in the table)."""
    frame = pd.read_csv(mirror_file(INDELING), sep=";", dtype=str).apply(lambda column: column.str.strip())
    return dict(zip(frame["Code_1"], frame["RegioS"]))


@pytest.fixture(scope="module")
def trends(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "cbs" / "trends.parquet")


def test_every_former_gemeente_disappears_in_the_stated_year(herindelingen, bevolking):
    last_year = pd.read_csv(mirror_file(MULTIYEAR), dtype=str).set_index("code")["year"].astype(int)
    for row in herindelingen.drop_duplicates("oude_code").itertuples():
        assert last_year[row.oude_code] == row.jaar - 1, row.oude_naam
        years = bevolking.loc[row.oude_naam].dropna().index
        assert max(years) == row.jaar - 1, row.oude_naam


def test_successors_count_as_many_as_their_predecessors_the_year_before(herindelingen, bevolking, namen):
    """Per merger year: the 2025 gemeenten involved hold about as many inwoners 15–75 as everything that
    became them held a year earlier (a wrong successor or a missed split part breaks this by far more)."""
    direct = herindelingen.groupby("oude_code")["nieuwe_code"].agg(list).to_dict()

    def final(code):  # follow renames to the 2025 code
        return {end for new in direct[code] for end in (final(new) if new in direct else {new})}

    old_names = dict(zip(herindelingen["oude_code"], herindelingen["oude_naam"]))
    for jaar, rows in herindelingen.groupby("jaar"):
        if jaar - 1 < bevolking.columns.min() or jaar > bevolking.columns.max():
            continue
        groups: list[set[str]] = []  # 2025 gemeenten linked by this year's changes (a split links its successors)
        for code in rows["oude_code"]:
            group = final(code)
            for other in [other for other in groups if other & group]:
                groups.remove(other)
                group |= other
            groups.append(group)
        for successors in groups:
            # everything that ends in these successors: the successors themselves and all their predecessors
            parts = [namen[code] for code in successors]
            parts += [old_names[code] for code in direct if final(code) & successors]
            before, after = bevolking.loc[parts, jaar - 1].sum(), bevolking.loc[parts, jaar].sum()
            assert after == pytest.approx(before, rel=0.03), (jaar, sorted(parts))


@pytest.mark.parametrize(("code", "predecessors", "year"), [
    ("GM1980", ["Heerhugowaard", "Langedijk"], 2021),
    ("GM1982", ["Boxmeer", "Cuijk", "Grave", "Mill en Sint Hubert", "Sint Anthonis"], 2021),
    ("GM1991", ["Landerd", "Uden"], 2021),
    ("GM1992", ["Brielle", "Hellevoetsluis", "Westvoorne"], 2022),
])
def test_a_merged_gemeente_is_the_sum_of_its_predecessors(trends, bevolking, code, predecessors, year):
    def value(indicator):
        rows = trends[(trends["code"] == code) & (trends["indicator"] == indicator) & (trends["periode"] == str(year))]
        return float(rows["waarde"].iloc[0])

    assert value("inwoners_15_75") == bevolking.loc[predecessors, year].sum()
    jobs = _raw(BANEN, {"BedrijfstakkenBranchesSBI2008": "A-U Alle economische activiteiten"}, "BanenVanWerknemersInDecember_1")
    assert value("banen_werknemers") == pytest.approx(jobs.loc[predecessors, year].sum() * 1000)
    low = _raw(ONDERWIJS, {"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "15 tot 75 jaar"}, "k_1BasisonderwijsVmboMbo1_2")
    share = (low.loc[predecessors, year] * bevolking.loc[predecessors, year]).sum() / bevolking.loc[predecessors, year].sum()
    assert value("laag_opgeleid_pct") == round(share, 1)


@pytest.mark.parametrize(("code", "first", "split"), [("GM0855", "2021", "Haaren"), ("GM0080", "2018", "Littenseradiel"),
                                                       ("GM1969", "2019", "Winsum")])
def test_a_series_broken_by_a_split_starts_at_the_split_and_says_so(trends, code, first, split):
    rows = trends[(trends["code"] == code) & (trends["indicator"] == "inwoners_15_75")]
    assert rows["periode"].min() == first
    assert rows["toelichting"].str.contains(split).all()


@pytest.mark.parametrize("indicator", ["inwoners_15_75", "banen_werknemers"])
def test_a_region_is_the_sum_of_its_2025_gemeenten_in_every_year(trends, namen, indicator):
    frame = pd.read_csv(mirror_file(INDELING), sep=";", dtype=str).apply(lambda column: column.str.strip())
    region_of = dict(zip(frame["Code_1"], frame["Code_4"]))
    rows = trends[trends["indicator"] == indicator]
    gemeenten = rows[rows["niveau"] == "gemeente"].pivot(index="code", columns="periode", values="waarde")
    gemeenten = gemeenten.reindex(sorted(region_of))  # a gemeente without a value in a year stays NaN
    regions = rows[rows["niveau"] == "arbeidsmarktregio"].pivot(index="code", columns="periode", values="waarde")
    expected = gemeenten.groupby(gemeenten.index.map(region_of)).sum(min_count=1).where(
        gemeenten.notna().groupby(gemeenten.index.map(region_of)).all())
    pd.testing.assert_frame_equal(regions.sort_index().astype(float), expected.dropna(how="all").sort_index().astype(float),
                                  check_names=False)
    assert regions.loc["AM06", "2023"] > 0 and len(regions) == 35
