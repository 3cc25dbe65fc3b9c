"""Build step `vacatures`: CBS period titles, thousands → persons, missing stays missing, provincies through
86059NED, checks that stop the build; and the real mirror against independent readings and published figures.

Fixtures are written in the real dump format (UTF-8 with BOM, `;`, titles instead of keys, empty = secret).
Expected values on the mirror are read from the raw files with plain pandas, or are published CBS/UWV figures
(see the mirror's arbeidsmarkt/vacatures/SOURCES.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from llo_dash import sources
from llo_dash.build import vacatures
from llo_dash.build.cbs_titels import perioden
from llo_dash.build.context import BuildContext
from llo_dash.errors import BuildError, SchemaError
from tests.fixtures.mirror import mirror_file, settings_for
from tests.fixtures.tiny import tiny_indeling

KWARTALEN = ["2023 4e kwartaal", "2024 1e kwartaal "]  # trailing space as in the dumps


def dump(header: str, rows: list[str]) -> bytes:
    lines = [header] + [f"{i};{row}" for i, row in enumerate(rows)]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def secties_rows(a_u: str = "10.0", c: str = "4.0", f: str = "6.0") -> list[str]:
    rows = []
    for periode in KWARTALEN:
        rows += [f"A-U Alle economische activiteiten;{periode};{a_u};20.0;19.5",
                 f"C Industrie;{periode};{c};8.0;7.5", f"F Bouwnijverheid;{periode};{f};;6.0",
                 f"Bedrijfsgrootte: 0 tot 10 werkzame pe...;{periode};1.0;2.0;2.0"]
    rows.append("A-U Alle economische activiteiten;2023 jaargem. /jaartotaal;11.0;80.0;79.0")
    return rows


def provincie_rows(overijssel_c: bool = True) -> list[str]:
    rows = []
    for periode in KWARTALEN:
        rows += [f"A-U Alle economische activiteiten;Nederland;{periode};10.0",
                 f"A-U Alle economische activiteiten;Overijssel (PV);{periode};6.1",
                 f"A-U Alle economische activiteiten;Groningen (PV);{periode};3.9",
                 f"A-U Alle economische activiteiten;Oost-Nederland (LD);{periode};6.1",
                 f"C Industrie;Groningen (PV);{periode};1.5"]
    if overijssel_c:
        rows.append(f"C Industrie;Overijssel (PV);{KWARTALEN[0]};2.5")  # cut off: only one of two quarters
    return rows


def tiny_mirror(tmp_path: Path, **overrides: bytes) -> Path:
    files = {
        "vacatures_sbi": dump("ID;Bedrijfskenmerken;Perioden;OpenstaandeVacatures_1;OntstaneVacatures_2;VervuldeVacatures_3",
                              secties_rows()),
        "vacaturegraad_sbi": dump("ID;SBI2008;Perioden;Vacaturegraad_1",
                                  [f"{s};{p};{v}" for p in KWARTALEN for s, v in
                                   (("A-U Alle economische activiteiten", "42.0"), ("C Industrie", ""), ("F Bouwnijverheid", "75.0"))]),
        "vacatures_seizoen": dump("ID;SBI2008PartBedrijvenOverheid;Perioden;VacaturesSeizoengecorrigeerd_1",
                                  [f"A-U Alle economische activiteiten;{p};9.9" for p in KWARTALEN]),
        "vacatures_provincie": dump("ID;BedrijfstakkenBranchesSBI2008;RegioS;Perioden;OpenstaandeVacatures_1",
                                    provincie_rows()),
        **overrides,
    }
    for source_id, content in files.items():
        target = tmp_path / "mirror" / sources.get(source_id).mirror_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return tmp_path / "mirror"


def build_tiny(tmp_path: Path, **overrides: bytes):
    ctx = BuildContext(settings_for(tiny_mirror(tmp_path, **overrides), tmp_path / "data"), offline=True)
    return vacatures.build(ctx, tiny_indeling())


# --- periods ----------------------------------------------------------------------------


def test_perioden_reads_quarters_years_and_trailing_spaces():
    result = perioden(pd.Series(["1997 1e kwartaal", "2015 ", "2023 jaargem. /jaartotaal", "2024 4e kwartaal"]), file="f")
    assert result["periode"].tolist() == ["1997K1", "2015", "2023", "2024K4"]
    assert result["jaar"].tolist() == [1997, 2015, 2023, 2024]
    assert result["kwartaal"].isna().tolist() == [False, True, True, False]


def test_perioden_refuses_an_unknown_title_naming_line_and_value():
    with pytest.raises(SchemaError) as error:
        perioden(pd.Series(["1997 1e kwartaal", "1997 Q2"]), file="vacatures.csv")
    assert error.value.line == 3 and error.value.value == "1997 Q2"
    assert "vacatures.csv" in str(error.value)


# --- the tiny mirror ----------------------------------------------------------------------


def test_thousands_become_persons_and_missing_stays_missing(tmp_path):
    tabel, controles = build_tiny(tmp_path)
    nl = tabel[tabel["niveau"] == "nederland"].set_index(["sbi_code", "periode"])
    assert nl.loc[("A-U", "2024K1"), "openstaande_vacatures"] == 10_000
    assert nl.loc[("A-U", "2024K1"), "vacatures_seizoengecorrigeerd"] == 9_900
    assert nl.loc[("F", "2024K1"), "vacaturegraad"] == 75  # a rate is not multiplied
    assert pd.isna(nl.loc[("F", "2024K1"), "ontstane_vacatures"])  # empty cell: secret, not 0
    assert pd.isna(nl.loc[("C", "2024K1"), "vacaturegraad"])
    assert nl.loc[("A-U", "2023"), "openstaande_vacatures"] == 11_000
    assert pd.isna(nl.loc[("A-U", "2023"), "kwartaal"])
    assert nl.loc[("Bedrijfsgrootte: 0 tot 10 werkzame pe...", "2023K4"), "sbi_soort"] == "overig"
    assert any("som van de secties" in c for c in controles)


def test_provincies_get_their_code_and_cut_off_series_are_left_out(tmp_path):
    tabel, _ = build_tiny(tmp_path)
    prov = tabel[tabel["niveau"] == "provincie"]
    assert set(prov["gebied_code"]) == {"PV20", "PV23"}
    assert set(prov.loc[prov["gebied_code"] == "PV20", "sbi_code"]) == {"A-U", "C"}
    assert set(prov.loc[prov["gebied_code"] == "PV23", "sbi_code"]) == {"A-U"}  # C has one of two quarters
    assert "landsdeel" not in set(tabel["niveau"]) and not tabel["gebied_naam"].str.contains(r"\(").any()


def test_an_unknown_provincie_stops_the_build(tmp_path):
    rows = [r.replace("Groningen (PV)", "Groningerland (PV)") for r in provincie_rows()]
    content = dump("ID;BedrijfstakkenBranchesSBI2008;RegioS;Perioden;OpenstaandeVacatures_1", rows)
    with pytest.raises(BuildError, match="Groningerland"):
        build_tiny(tmp_path, vacatures_provincie=content)


def test_sections_that_do_not_add_up_stop_the_build(tmp_path):
    content = dump("ID;Bedrijfskenmerken;Perioden;OpenstaandeVacatures_1;OntstaneVacatures_2;VervuldeVacatures_3",
                   secties_rows(c="2.0"))
    with pytest.raises(BuildError, match="som van de secties"):
        build_tiny(tmp_path, vacatures_sbi=content)


def test_a_comma_in_a_number_is_refused_with_the_file_named(tmp_path):
    content = dump("ID;SBI2008;Perioden;Vacaturegraad_1", ["A-U Alle economische activiteiten;2023 4e kwartaal;42,0"])
    with pytest.raises(SchemaError) as error:
        build_tiny(tmp_path, vacaturegraad_sbi=content)
    assert "80567NED" in str(error.value) and "42,0" in str(error.value)


# --- the real mirror ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tabel(built_data) -> pd.DataFrame:
    return pd.read_parquet(built_data / "arbeidsmarkt" / "vacatures.parquet")


def raw(source_id: str) -> pd.DataFrame:
    return pd.read_csv(mirror_file(sources.get(source_id).mirror_path), sep=";", dtype=str, keep_default_na=False,
                       encoding="utf-8-sig")


def test_published_figures(tabel):
    nl = tabel[tabel["niveau"] == "nederland"].set_index(["sbi_code", "periode"])
    # UWV: "432.900 openstaande vacatures" in 2023K1; CBS 2024K4: 383,8 duizend, rate 42, bouw 75, onderwijs 17.
    assert nl.loc[("A-U", "2023K1"), "openstaande_vacatures"] == 432_900
    assert nl.loc[("A-U", "2024K4"), "openstaande_vacatures"] == 383_800
    assert [nl.loc[(s, "2024K4"), "vacaturegraad"] for s in ("A-U", "F", "P")] == [42, 75, 17]
    assert nl.loc[("A-U", "1997K1"), "openstaande_vacatures"] == 89_800  # first row of 80472NED


def test_sections_add_up_to_all_activities_in_the_raw_file(tabel):
    frame = raw("vacatures_sbi")
    frame = frame[frame["Perioden"].str.contains("kwartaal")]
    code = frame["Bedrijfskenmerken"].str.split(" ").str[0]
    waarde = pd.to_numeric(frame["OpenstaandeVacatures_1"].replace("", None))
    secties = waarde[code.str.fullmatch(r"[A-U]")].groupby(frame["Perioden"]).sum()
    a_u = waarde[code == "A-U"].groupby(frame["Perioden"]).sum()
    assert ((secties - a_u).abs() <= 1.0).all()  # thousands, each rounded to 0,1
    nl = tabel[(tabel["niveau"] == "nederland") & (tabel["sbi_code"] == "A-U") & tabel["kwartaal"].notna()]
    assert len(nl) == len(a_u) == 112


def test_missing_cells_stay_missing(tabel):
    frame = raw("vacaturegraad_sbi")
    leeg = frame[frame["Vacaturegraad_1"] == ""]
    assert len(leeg) == 80
    nl = tabel[tabel["niveau"] == "nederland"].set_index(["sbi_naam", "periode"])
    for _, row in leeg.head(10).iterrows():
        code, naam = row["SBI2008"].split(" ", 1)
        jaar, kw = row["Perioden"].split(" ")[0], row["Perioden"].split(" ")[1][0]
        assert pd.isna(nl.loc[(naam, f"{jaar}K{kw}"), "vacaturegraad"])


def test_provincies_add_up_to_nederland(tabel):
    frame = raw("vacatures_provincie")
    a_u = frame[frame["BedrijfstakkenBranchesSBI2008"].str.startswith("A-U")]
    nl = pd.to_numeric(a_u.loc[a_u["RegioS"] == "Nederland", "OpenstaandeVacatures_1"]).sum()
    prov = tabel[(tabel["niveau"] == "provincie") & (tabel["sbi_code"] == "A-U")]
    assert prov["gebied_code"].nunique() == 12 and prov["periode"].nunique() == 56
    assert abs(prov["openstaande_vacatures"].sum() - nl * 1000) <= 56 * 650
    # The cut-off dump has no complete series for I–S: none is shown in part.
    assert not set(tabel.loc[tabel["niveau"] == "provincie", "sbi_code"]) & {"I", "J", "P", "Q", "S"}
