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


@pytest.fixture(scope="module")
def banen() -> pd.DataFrame:
    return _raw(BANEN, {"BedrijfstakkenBranchesSBI2008": "A-U Alle economische activiteiten"}, "BanenVanWerknemersInDecember_1")


def test_every_former_gemeente_disappears_in_the_stated_year(herindelingen, bevolking, banen):
    """Changes up to 2013 are checked in the jobs table (December 2010 on), later ones in the education table."""
    last_year = pd.read_csv(mirror_file(MULTIYEAR), dtype=str).set_index("code")["year"].astype(int)
    for row in herindelingen.drop_duplicates("oude_code").itertuples():
        assert last_year[row.oude_code] == row.jaar - 1, row.oude_naam
        table = bevolking if row.jaar - 1 >= bevolking.columns.min() else banen
        years = table.loc[row.oude_naam].dropna().index
        assert max(years) == row.jaar - 1, row.oude_naam


def test_every_gemeente_with_jobs_since_2010_is_in_the_code_history_or_of_2025(herindelingen, banen, namen):
    """Jobs 2010–2012 need the changes of 2011–2013: every name with jobs is a 2025 gemeente or a former one."""
    gemeente_names = [name for name in banen.index if "(" not in name or name in namen.values()]
    gemeente_names = [name for name in gemeente_names if not name.startswith(("Nederland", "Gemeenten;"))]
    unknown = set(gemeente_names) - set(namen.values()) - set(herindelingen["oude_naam"])
    assert not unknown


@pytest.mark.parametrize(("code", "predecessors", "year"), [
    ("GM1911", ["Anna Paulowna", "Niedorp", "Wieringen", "Wieringermeer"], 2011),  # Hollands Kroon, 2012
    ("GM0441", ["Schagen", "Harenkarspel", "Zijpe"], 2012),  # Schagen, 2013
    ("GM1924", ["Dirksland", "Goedereede", "Middelharnis", "Oostflakkee"], 2012),  # Goeree-Overflakkee, 2013
    ("GM1904", ["Breukelen", "Loenen", "Maarssen"], 2010),  # Stichtse Vecht, 2011
    # Molenlanden: Giessenlanden and Molenwaard (2019), Molenwaard of Graafstroom, Liesveld, Nieuw-Lekkerland (2013)
    ("GM1978", ["Giessenlanden", "Graafstroom", "Liesveld", "Nieuw-Lekkerland"], 2012),
])
def test_jobs_before_2013_are_summed_over_the_former_gemeenten(trends, banen, code, predecessors, year):
    rows = trends[(trends["code"] == code) & (trends["indicator"] == "banen_werknemers") & (trends["periode"] == str(year))]
    assert float(rows["waarde"].iloc[0]) == pytest.approx(banen.loc[predecessors, year].sum() * 1000)


def test_jobs_from_december_2010_for_nearly_every_gemeente_and_region(trends, banen):
    jobs = trends[trends["indicator"] == "banen_werknemers"]
    assert sorted(jobs["periode"].unique())[0] == "2010"
    per_level = jobs[jobs["periode"] == "2010"].groupby("niveau").size()
    # 342 gemeenten minus the 13 successors of the splits of Boarnsterhim, Maasdonk, Littenseradiel, Winsum, Haaren;
    # 35 regions minus Midden-Brabant and Noordoost-Brabant, between which Haaren was divided in 2021.
    assert per_level.to_dict() == {"arbeidsmarktregio": 33, "gemeente": 329, "nederland": 1}
    nl = jobs[(jobs["code"] == "NL00") & (jobs["periode"] == "2010")]["waarde"].iloc[0]
    assert nl == pytest.approx(banen.loc["Nederland", 2010] * 1000)


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
            parts = [part for part in parts if part in bevolking.index]  # gone before 2013: not in this table
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


@pytest.fixture(scope="module")
def regio_per_naam(herindelingen) -> dict[str, str]:
    """CBS name → 2025 region, for the 2025 gemeenten (86059NED) and for every former one through its 2025
    successor(s), when they all lie in one region (a split over several regions has none)."""
    frame = pd.read_csv(mirror_file(INDELING), sep=";", dtype=str).apply(lambda column: column.str.strip())
    region_of_code = dict(zip(frame["Code_1"], frame["Code_4"]))
    direct = herindelingen.groupby("oude_code")["nieuwe_code"].agg(list).to_dict()

    def final(code):
        return {end for new in direct[code] for end in (final(new) if new in direct else {new})}

    result = dict(zip(frame["RegioS"], frame["Code_4"]))
    for row in herindelingen.drop_duplicates("oude_code").itertuples():
        regions = {region_of_code[code] for code in final(row.oude_code)}
        if len(regions) == 1:
            result[row.oude_naam] = regions.pop()
    return result


@pytest.mark.parametrize(("indicator", "table"), [("inwoners_15_75", "bevolking"), ("banen_werknemers", "banen")])
def test_a_region_is_the_sum_of_everything_cbs_counted_in_its_2025_gemeenten(request, trends, regio_per_naam, indicator, table):
    """Per year the sum of every gemeente row of the raw file (2025 and former) that lies in the region; a region
    whose former gemeente was split over two regions (Haaren, 2021: Midden- and Noordoost-Brabant) has no value before."""
    raw = request.getfixturevalue(table)
    factor = 1000 if indicator == "banen_werknemers" else 1
    gemeenten = raw.loc[raw.index.isin(regio_per_naam)]
    expected = gemeenten.groupby(gemeenten.index.map(regio_per_naam)).sum(min_count=1) * factor
    rows = trends[(trends["indicator"] == indicator) & (trends["niveau"] == "arbeidsmarktregio")]
    regions = rows.pivot(index="code", columns="periode", values="waarde").astype(float)
    assert len(regions) == 35
    for region in regions.index:
        for periode, value in regions.loc[region].dropna().items():
            assert value == pytest.approx(expected.loc[region, int(periode)]), (region, periode)
    years = sorted(regions.columns)
    complete = regions.notna().all()
    assert complete[[year for year in years if year >= "2021"]].all()
    for region in ("AM26", "AM27"):
        assert regions.loc[region, [year for year in years if year < "2021"]].isna().all()
    assert regions.drop(index=["AM26", "AM27"]).notna().all(axis=None)


def test_friesland_keeps_its_years_across_the_splits_of_boarnsterhim_and_littenseradiel(trends, bevolking):
    """All successors of Boarnsterhim (2014) and Littenseradiel (2018) lie in Friesland: the region's series goes
    on, while Leeuwarden's starts in 2018. Checked against CBS's own figure for the province (same gemeenten)."""
    rows = trends[(trends["indicator"] == "inwoners_15_75") & (trends["code"].isin(["AM02", "GM0080"]))]
    wide = rows.pivot(index="code", columns="periode", values="waarde").astype(float)
    assert wide.loc["GM0080", ["2013", "2017"]].isna().all()
    for year in (2013, 2017):
        # 24 to 27 gemeenten each rounded to hundreds, and the province figure itself
        assert abs(wide.loc["AM02", str(year)] - bevolking.loc["Fryslân (PV)", year]) <= 50 * 28
    note = rows[rows["code"] == "AM02"]["toelichting"].iloc[0]
    assert "Boarnsterhim" in note and "Littenseradiel" in note and "loopt door" in note
