"""Population, age bands and herkomst for every area (Kerncijfers wijken en buurten 2024, 85984NED).

KWB 2024 covers all 18,310 areas: Nederland, 342 gemeenten, 3,393 wijken, 14,574 buurten.
In the mirror it comes as two StatLine exports with the same rows in the same order: one
with codes (age), one without (herkomst). They are joined by position only after checking,
row by row, that area name, gemeente and population agree.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.context import BuildContext, Part
from llo_dash.build.indeling import Indeling
from llo_dash.errors import BuildError, FileLabel, SchemaError
from llo_dash.ingest.readers import find_header, to_number

AGE_COLUMNS = {
    "inwoners": ("Aantal inwoners",),
    "inwoners_0_15": ("Leeftijdsgroepen", "0 tot 15 jaar"),
    "inwoners_15_25": ("Leeftijdsgroepen", "15 tot 25 jaar"),
    "inwoners_25_45": ("Leeftijdsgroepen", "25 tot 45 jaar"),
    "inwoners_45_65": ("Leeftijdsgroepen", "45 tot 65 jaar"),
    "inwoners_65_plus": ("Leeftijdsgroepen", "65 jaar of ouder"),
}
HERKOMST_COLUMNS = {
    "herkomst_nederland": ("Herkomstland", "Nederland"),
    "herkomst_europa": ("Herkomstland", "Europa (exclusief Nederland)"),
    "herkomst_buiten_europa": ("Herkomstland", "Buiten Europa"),
}
# Title paths in the KWB DataProperties, for the live path (keys change per edition).
LIVE_TOPICS = {
    "codering": "Codering",
    "soort_regio": "SoortRegio",
    "inwoners": "AantalInwoners",
    "inwoners_0_15": ("Leeftijdsgroepen", "0 tot 15 jaar"),
    "inwoners_15_25": ("Leeftijdsgroepen", "15 tot 25 jaar"),
    "inwoners_25_45": ("Leeftijdsgroepen", "25 tot 45 jaar"),
    "inwoners_45_65": ("Leeftijdsgroepen", "45 tot 65 jaar"),
    "inwoners_65_plus": ("Leeftijdsgroepen", "65 jaar of ouder"),
    "herkomst_nederland": ("Herkomstland", "Nederland"),
    "herkomst_europa": ("Herkomstland", "Europa (exclusief Nederland)"),
    "herkomst_buiten_europa": ("Herkomstland", "Buiten Europa"),
}
LEVELS = {"Land": "nederland", "Gemeente": "gemeente", "Wijk": "wijk", "Buurt": "buurt"}


def _numbers(frame: pd.DataFrame, headers: dict[str, tuple[str, ...]], *, file: FileLabel | str) -> pd.DataFrame:
    found = {name: find_header(list(frame.columns), *parts, file=file) for name, parts in headers.items()}
    return pd.DataFrame(
        {name: to_number(frame[header], decimal_comma=True, file=file, column=header) for name, header in found.items()}
    )


def kwb_from_mirror(
    age: pd.DataFrame, herkomst: pd.DataFrame, *, age_file: FileLabel | str, herkomst_file: FileLabel | str
) -> pd.DataFrame:
    """Join the two exports after checking they describe the same rows; one row per area code."""
    if len(age) != len(herkomst):
        raise SchemaError(
            file=(age_file, herkomst_file),
            predicate=f"hebben niet evenveel rijen ({len(age)} en {len(herkomst)}); één van beide is mogelijk afgekapt",
        )
    columns = list(age.columns)
    code = age[find_header(columns, "Codering", file=age_file)].astype(str).str.strip()
    soort = age[find_header(columns, "Soort regio", file=age_file)].astype(str).str.strip()
    numbers = _numbers(age, AGE_COLUMNS, file=age_file)
    herkomst_numbers = _numbers(herkomst, {"inwoners": ("Aantal inwoners",), **HERKOMST_COLUMNS}, file=herkomst_file)
    same_area = age.iloc[:, 0].astype(str).str.strip().values == herkomst.iloc[:, 0].astype(str).str.strip().values
    gemeente_age = age[find_header(columns, "Gemeentenaam", file=age_file)].astype(str).str.strip().values
    gemeente_herkomst = herkomst.iloc[:, 1].astype(str).str.strip().values
    same_population = numbers["inwoners"].fillna(-1).values == herkomst_numbers["inwoners"].fillna(-1).values
    mismatch = ~(same_area & (gemeente_age == gemeente_herkomst) & same_population)
    if mismatch.any():
        row = int(mismatch.argmax()) + 2  # + header, 1-based
        raise SchemaError(
            "hier lopen de bestanden uit de pas (naam, gemeente of inwonertal verschilt); "
            "ze worden alleen rij voor rij gekoppeld als ze gelijk zijn",
            file=(age_file, herkomst_file), line=row,
        )
    result = pd.concat([numbers, herkomst_numbers.drop(columns="inwoners")], axis=1)
    result.insert(0, "naam", age.iloc[:, 0].astype(str).str.strip().values)
    result.insert(0, "niveau", soort.map(LEVELS).values)
    result.insert(0, "code", code.values)
    unknown = result["niveau"].isna()
    if unknown.any():
        raise SchemaError(
            "is geen bekende soort regio", file=age_file, column=find_header(columns, "Soort regio", file=age_file),
            value=soort[unknown].iloc[0],
        )
    return result


def kwb_from_odata(client, table: str = "85984NED") -> pd.DataFrame:
    """The same table from the CBS OData service (all areas, selected topics)."""
    from llo_dash.ingest import odata

    keys = odata.resolve_topics(client.data_properties(table), LIVE_TOPICS, table=table)
    rows = client.typed_dataset(table, select=["WijkenEnBuurten", *keys.values()])
    frame = odata.rows_to_frame(rows)
    result = pd.DataFrame({name: pd.to_numeric(frame[key]).astype("Float64") for name, key in keys.items() if name not in ("codering", "soort_regio")})
    # The dimension column holds keys (the padded code); its titles are the area names.
    names = {row["Key"].strip(): str(row["Title"]).strip() for row in client.dimension(table, "WijkenEnBuurten")}
    result.insert(0, "naam", frame["WijkenEnBuurten"].astype(str).str.strip().map(names))
    result.insert(0, "niveau", frame[keys["soort_regio"]].astype(str).str.strip().map(LEVELS))
    result.insert(0, "code", frame[keys["codering"]].astype(str).str.strip())
    return result


def derive(frame: pd.DataFrame) -> pd.DataFrame:
    """Sums that CBS does not publish as such."""
    frame = frame.copy()
    frame["inwoners_15_65"] = frame[["inwoners_15_25", "inwoners_25_45", "inwoners_45_65"]].sum(axis=1, min_count=3)
    frame["herkomst_buiten_nederland"] = frame[["herkomst_europa", "herkomst_buiten_europa"]].sum(axis=1, min_count=2)
    return frame


def build(ctx: BuildContext, indeling: Indeling) -> tuple[Part, pd.DataFrame]:
    """Part with the gemeente and small-area population; also returns the area list (code, naam, niveau)."""
    if ctx.mirror_file("kwb_2024_leeftijd") and ctx.mirror_file("kwb_2024_herkomst"):
        kwb = kwb_from_mirror(
            ctx.read("kwb_2024_leeftijd"),
            ctx.read("kwb_2024_herkomst"),
            age_file=ctx.file_label("kwb_2024_leeftijd"),
            herkomst_file=ctx.file_label("kwb_2024_herkomst"),
        )
    else:
        # Named by the file that is missing (with both missing: the first), not always by the age file.
        absent = "kwb_2024_leeftijd" if not ctx.mirror_file("kwb_2024_leeftijd") else "kwb_2024_herkomst"
        kwb = kwb_from_odata(ctx.live(absent))
    kwb = derive(kwb)
    duplicated = kwb["code"].duplicated()
    if duplicated.any():
        raise BuildError(f"Kerncijfers wijken en buurten 2024: code {kwb.loc[duplicated, 'code'].iloc[0]} komt dubbel voor.")
    gemeenten = kwb[kwb["niveau"] == "gemeente"].set_index("code")
    expected, found = indeling.gemeente_codes(), set(gemeenten.index)
    if expected != found:
        raise BuildError(
            "Kerncijfers wijken en buurten 2024 en de indeling 2025 (86059NED) hebben niet dezelfde gemeenten: "
            f"ontbreekt {sorted(expected - found)[:5]}, extra {sorted(found - expected)[:5]}.",
            source_id=("kwb_2024_leeftijd", "gebieden_2025"),  # named by their files (either may be the wrong one)
        )
    values = [column for column in kwb.columns if column not in ("code", "niveau", "naam")]
    nederland = kwb[kwb["niveau"] == "nederland"].set_index("code")[values]
    klein = kwb[kwb["niveau"].isin(["wijk", "buurt"])].set_index("code")
    areas = kwb[["code", "niveau", "naam"]]
    part = Part(gemeente=gemeenten[values], published=nederland, klein=klein[values])
    return part, areas
