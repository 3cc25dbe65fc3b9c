"""The hand-written reference tables: complete, sourced, and consistent with the public sources.

The checks against the BRC classification and the handreiking read the mirror of public
sources (`LLO_DASH_MIRROR` overrides the default `../shared/data`). A missing mirror is a
test failure, not a skip: without it the mapping is unchecked.
"""

import re

import pandas as pd
import pytest

from llo_dash.errors import SchemaError
from llo_dash.reference import REFERENCE_DIR, SCHEMAS, read_reference
from llo_dash.spanning import typering, typeringen
from tests.fixtures.mirror import handreiking_text, mirror_file

HANDREIKING = "Handreiking professionaliseringsopgave LLO-Collectieven"
TOTAAL = "Totaal (alle beroepsgroepen)"


@pytest.fixture(scope="module")
def brc() -> pd.DataFrame:
    return pd.read_csv(mirror_file("arbeidsmarkt/brc2014_classificatie.csv"), dtype=str)


@pytest.fixture(scope="module")
def handreiking() -> str:
    return handreiking_text()


@pytest.fixture(scope="module")
def beroepen() -> pd.DataFrame:
    return read_reference("beroepen_basisvaardigheden")


@pytest.fixture(scope="module")
def landelijk() -> pd.DataFrame:
    return read_reference("uwv_spanningsindicator_landelijk")


@pytest.fixture(scope="module")
def typering_tabel() -> pd.DataFrame:
    return read_reference("uwv_spanningsindicator_typering")


def test_missing_mirror_fails_instead_of_skipping(tmp_path, monkeypatch):
    monkeypatch.setenv("LLO_DASH_MIRROR", str(tmp_path / "geen_mirror"))
    with pytest.raises(pytest.fail.Exception, match="ontbreekt"):
        mirror_file("arbeidsmarkt/brc2014_classificatie.csv")


# ---------------------------------------------------------------- read_reference


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_has_its_file_with_all_columns(name):
    frame = read_reference(name)
    assert list(frame.columns) == list(SCHEMAS[name].columns)
    for column in SCHEMAS[name].numeric:
        assert frame[column].dtype == float


def test_read_reference_accepts_name_with_extension():
    assert len(read_reference("uwv_spanningsindicator_typering.csv")) == 5


def test_missing_file_is_a_dutch_schema_error(tmp_path):
    with pytest.raises(SchemaError, match="Referentietabel 'beroepen_basisvaardigheden' ontbreekt"):
        read_reference("beroepen_basisvaardigheden", directory=tmp_path)


def test_missing_column_is_named(tmp_path):
    original = (REFERENCE_DIR / "uwv_spanningsindicator_landelijk.csv").read_text(encoding="utf-8")
    header, rest = original.split("\n", 1)
    (tmp_path / "uwv_spanningsindicator_landelijk.csv").write_text(
        header.replace("bron_url", "url") + "\n" + rest, encoding="utf-8"
    )
    with pytest.raises(SchemaError, match="mist de kolom\\(men\\) bron_url"):
        read_reference("uwv_spanningsindicator_landelijk", directory=tmp_path)


def test_text_in_numeric_column_is_named(tmp_path):
    (tmp_path / "uwv_spanningsindicator_typering.csv").write_text(
        ",".join(SCHEMAS["uwv_spanningsindicator_typering"].columns) + "\n" + "krap,vier" + "," * 10 + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match="regel 2, kolom volgorde: 'vier' is geen getal"):
        read_reference("uwv_spanningsindicator_typering", directory=tmp_path)


def test_table_without_schema_is_read_as_text(tmp_path):
    (tmp_path / "iets.csv").write_text("code,waarde\n0771,NA\n", encoding="utf-8")
    frame = read_reference("iets", directory=tmp_path)
    assert frame.loc[0, "code"] == "0771" and frame.loc[0, "waarde"] == "NA"


# ---------------------------------------------------------------- beroepen_basisvaardigheden


def test_both_top10_lists_are_complete(beroepen):
    assert len(beroepen) == 20
    for lijst in ("laaggeletterdheid", "laaggecijferdheid"):
        ranks = beroepen.loc[beroepen["lijst"] == lijst, "rang"]
        assert sorted(ranks) == [float(r) for r in range(1, 11)], lijst


def test_every_name_appears_in_the_handreiking(beroepen, handreiking):
    for name in beroepen["beroep_handreiking"]:
        assert name in handreiking, name


def test_ranks_match_the_two_columns_of_the_handreiking(beroepen, handreiking):
    # The OCR prints both lists side by side: "<rang> <laaggeletterdheid> [|] <laaggecijferdheid>".
    lines = {line.strip() for line in handreiking.splitlines()}
    for rang in range(1, 11):
        lit = beroepen.query("lijst == 'laaggeletterdheid' and rang == @rang")["beroep_handreiking"].item()
        num = beroepen.query("lijst == 'laaggecijferdheid' and rang == @rang")["beroep_handreiking"].item()
        assert f"{rang} {lit} {num}" in lines or f"{rang} {lit} | {num}" in lines, (rang, lit, num)


def test_every_occupation_maps_to_a_real_brc_group(beroepen, brc):
    names = dict(zip(brc["brc_beroepsgroep_code"], brc["brc_beroepsgroep_naam"]))
    for row in beroepen.itertuples():
        assert re.fullmatch(r"\d{4}", row.brc_beroepsgroep_code), row.brc_beroepsgroep_code
        assert row.brc_beroepsgroep_code in names, row.beroep_handreiking
        assert names[row.brc_beroepsgroep_code] == row.brc_beroepsgroep_naam, row.beroep_handreiking


def test_each_occupation_has_exactly_one_brc_group(beroepen):
    per_name = beroepen.groupby("beroep_handreiking")["brc_beroepsgroep_code"].nunique()
    assert (per_name == 1).all()
    per_code = beroepen.groupby("brc_beroepsgroep_code")["beroep_handreiking"].nunique()
    assert (per_code == 1).all()
    assert len(per_name) == 11  # 9 occupations on both lists, 1 only on each


def test_judgement_call_mappings(beroepen):
    mapping = dict(zip(beroepen["beroep_handreiking"], beroepen["brc_beroepsgroep_naam"]))
    assert mapping["Kappers en schoonheidsspecialiste"] == "Kappers en schoonheidsspecialisten"
    assert mapping["Conciérges en teamleiders schoonmaak"] == "Conciërges en teamleiders schoonmaak"


def test_percentages_are_sourced_and_plausible(beroepen):
    pct_columns = ["pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd"]
    assert (beroepen["bron_lijst"] == HANDREIKING).all()
    assert beroepen["koppeling"].notna().all()
    assert beroepen["pct_toelichting"].notna().all()
    for row in beroepen.itertuples():
        values = [getattr(row, column) for column in pct_columns]
        has_figure = any(pd.notna(v) for v in values) or re.search(r"\d%", row.pct_toelichting)
        if has_figure:
            assert isinstance(row.bron_pct_url, str) and row.bron_pct_url.startswith("https://"), row
        for value in values:
            assert pd.isna(value) or 0 <= value <= 100


def test_published_percentages(beroepen):
    first = beroepen.drop_duplicates("beroep_handreiking").set_index("beroep_handreiking")
    assert first.loc["Schoonmakers", "pct_laaggeletterd"] == 40
    assert first.loc["Schoonmakers", "pct_laaggecijferd"] == 44
    assert first.loc["Hulpkrachten bouw en industrie", "pct_laaggeletterd"] == 37
    assert first.loc["Productiemachinebedieners", "pct_laaggeletterd"] == 37
    assert "34–44" in first.loc["Keukenhulpen", "pct_toelichting"]
    # The same occupation carries the same figures on both lists.
    pct = beroepen.groupby("beroep_handreiking")[["pct_laaggeletterd", "pct_laaggecijferd"]].nunique(dropna=False)
    assert (pct <= 1).all().all()


# ---------------------------------------------------------------- typering


def test_typering_table_is_complete(typering_tabel):
    assert list(typering_tabel.sort_values("volgorde")["typering"]) == list(typeringen())
    for column in ("regel", "betekenis", "definitie", "grenswaarde_keuze", "bron_url", "bron_url_afwijkend"):
        assert typering_tabel[column].notna().all(), column
    assert typering_tabel["bron_url"].str.startswith("https://").all()


def test_typering_table_agrees_with_typering_function(typering_tabel):
    for row in typering_tabel.itertuples():
        if pd.notna(row.ondergrens) and row.ondergrens > 0:
            expected = row.typering if row.ondergrens_inbegrepen == "ja" else typeringen()[int(row.volgorde) - 2]
            assert typering(row.ondergrens) == expected, row.typering
            assert typering(row.ondergrens + 1e-6) == row.typering
        if pd.notna(row.bovengrens):
            expected = row.typering if row.bovengrens_inbegrepen == "ja" else typeringen()[int(row.volgorde)]
            assert typering(row.bovengrens) == expected, row.typering
            assert typering(row.bovengrens - 1e-6) == row.typering


# ---------------------------------------------------------------- landelijk


def test_landelijk_rows_are_sourced(landelijk):
    for column in ("periode", "beroepsgroep_uwv", "nauwkeurigheid", "bron_titel", "bron_url", "bron_datum"):
        assert landelijk[column].notna().all(), column
    assert landelijk["bron_url"].str.startswith("https://").all()
    assert landelijk["periode"].str.fullmatch(r"\d{4}K[1-4]").all()
    assert not landelijk.duplicated(["periode", "beroepsgroep_uwv", "bron_url"]).any()


def test_landelijk_has_national_totals(landelijk):
    totals = landelijk[landelijk["beroepsgroep_uwv"] == TOTAAL]
    assert {"2022K1", "2023K1", "2023K4"} <= set(totals["periode"])
    assert totals.set_index("periode").loc["2023K1", "spanningsindicator"] == 4.32
    assert totals["brc_beroepsgroep_code"].isna().all()


def test_landelijk_values_and_types_are_consistent(landelijk):
    for row in landelijk.itertuples():
        if pd.notna(row.spanningsindicator):
            assert 0 <= row.spanningsindicator <= 100
        if row.typering_herkomst == "afgeleid uit grenswaarden":
            assert typering(row.spanningsindicator) == row.typering, row.beroepsgroep_uwv
        assert pd.isna(row.typering) or row.typering in typeringen()


def test_landelijk_brc_codes_match_brc_names(landelijk, brc):
    names = dict(zip(brc["brc_beroepsgroep_code"], brc["brc_beroepsgroep_naam"]))
    for row in landelijk.itertuples():
        if pd.notna(row.brc_beroepsgroep_code):
            assert names.get(row.brc_beroepsgroep_code) == row.beroepsgroep_uwv, row.beroepsgroep_uwv
        elif row.beroepsgroep_uwv != TOTAAL:
            # No code only when the UWV name is not a BRC group name.
            assert row.beroepsgroep_uwv not in set(names.values()), row.beroepsgroep_uwv


def test_landelijk_values_match_the_collected_publications(landelijk):
    """Every value also in the collected UWV publications must agree with it (no invented numbers)."""
    published = pd.read_csv(mirror_file("arbeidsmarkt/uwv_spanningsindicator_publicaties.csv"), dtype=str)
    published = published[published["indicator"] == "spanningsindicator"]
    checked = 0
    for row in landelijk.dropna(subset=["spanningsindicator"]).itertuples():
        group = "" if row.beroepsgroep_uwv == TOTAAL else row.beroepsgroep_uwv
        same = published[
            (published["periode"] == row.periode)
            & (published["beroepsgroep"].fillna("") == group)
            & (published["bron_url"] == row.bron_url)
        ]
        if len(same):
            assert float(same["waarde"].iloc[0]) == row.spanningsindicator, row.beroepsgroep_uwv
            checked += 1
    assert checked >= 10
