"""Occupations (BRC 2014): national size and wages, the handreiking's lists and published UWV tension.

Reads source `beroepen_werkzamen` (CBS 85276NED werkzame beroepsbevolking 2023 and
85517NED werknemers and uurlonen 2022, per BRC-beroepsklasse, -segment and -groep) and
joins the project's own reference tables (`reference/`, see `llo_dash.spanning`):

- `beroepen_basisvaardigheden`: the two top-10 lists of the handreiking (laaggeletterdheid,
  laaggecijferdheid) with the published % where a source gives one;
- `uwv_spanningsindicator_landelijk`: national UWV tension values per beroepsgroep as
  published; per group the latest period with a value is kept.

Output (table `beroepen`): one row per BRC-beroepsklasse, -segment and -groep. Codes stay
text with leading zeros ("0771"); employment is in persons (the source is in thousands,
so values are multiples of 1.000). Missing stays missing: an empty wage cell is a value
CBS did not publish, an empty % is a % no source publishes.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash import sources
from llo_dash import spanning
from llo_dash.build.context import BuildContext
from llo_dash.errors import BuildError, FileLabel, SchemaError
from llo_dash.ingest.readers import require_columns, to_number

SOURCE_ID = "beroepen_werkzamen"
LISTS = ("laaggeletterdheid", "laaggecijferdheid")

COLUMNS = [
    "brc_code", "brc_niveau", "brc_naam", "brc_beroepsklasse_code", "werkzame_beroepsbevolking_2023_x1000",
    "werknemers_2022_x1000", "uurloon_p25_2022_eur", "uurloon_mediaan_2022_eur", "uurloon_p75_2022_eur",
]
NUMBERS = COLUMNS[4:]
CODE_PATTERNS = {
    "totaal": re.compile(r"T"),
    "beroepsklasse": re.compile(r"\d{2}"),
    "beroepssegment": re.compile(r"\d{3}"),
    "beroepsgroep": re.compile(r"\d{4}"),
}
NIVEAUS = ("beroepsklasse", "beroepssegment", "beroepsgroep")  # the totaal row has no employment value

OUTPUT_COLUMNS = [
    "brc_code", "brc_niveau", "brc_naam",
    "brc_beroepsklasse_code", "brc_beroepsklasse_naam", "brc_beroepssegment_code", "brc_beroepssegment_naam",
    "werkzame_beroepsbevolking_2023", "werknemers_2022",
    "uurloon_p25_2022_eur", "uurloon_mediaan_2022_eur", "uurloon_p75_2022_eur",
    "beroep_handreiking", "rang_laaggeletterdheid", "rang_laaggecijferdheid",
    "pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd", "pct_toelichting", "bron_pct_url",
    "spanningsindicator_landelijk", "spanning_periode", "spanning_typering", "spanning_nauwkeurigheid",
    "spanning_toelichting", "spanning_bron_titel", "spanning_bron_url",
]
PCT_COLUMNS = ("pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd")


def source_file() -> str:
    """The file name used in messages (the mirror path of the source)."""
    return sources.get(SOURCE_ID).mirror_path


def clean_werkzamen(raw: pd.DataFrame, *, file: FileLabel | None = None) -> pd.DataFrame:
    """Validate the source file and return it typed: codes text, numbers Float64 (NA where CBS has none).

    `file` names it in errors (the build passes `ctx.file_label`; default: the registry's mirror path).
    """
    file = file or FileLabel.of_source(SOURCE_ID)
    require_columns(raw, COLUMNS, file=file)
    frame = raw[COLUMNS].copy()
    for column in ("brc_code", "brc_niveau", "brc_beroepsklasse_code"):
        frame[column] = frame[column].astype("string").str.strip()
    unknown = ~frame["brc_niveau"].isin(list(CODE_PATTERNS))
    if unknown.any():
        raise SchemaError(
            f"is onbekend (verwacht: {', '.join(CODE_PATTERNS)})",
            file=file, column="brc_niveau", value=frame.loc[unknown, "brc_niveau"].iloc[0],
        )
    for niveau, pattern in CODE_PATTERNS.items():
        rows = frame[frame["brc_niveau"] == niveau]
        bad = ~rows["brc_code"].fillna("").map(lambda code: bool(pattern.fullmatch(code)))
        if bad.any():
            raise SchemaError(
                f"is geen geldige code voor een {niveau} (BRC-codes zijn tekst met voorloopnullen, bijvoorbeeld 0771)",
                file=file, column="brc_code", value=rows.loc[bad, "brc_code"].iloc[0],
            )
    body = frame[frame["brc_niveau"] != "totaal"]
    wrong_class = ~body.apply(lambda row: str(row["brc_code"]).startswith(str(row["brc_beroepsklasse_code"])), axis=1)
    if wrong_class.any():
        code = body.loc[wrong_class, "brc_code"].iloc[0]
        raise SchemaError(
            f"code {code} hoort niet bij de opgegeven beroepsklasse", file=file, column="brc_beroepsklasse_code"
        )
    twice = frame["brc_code"].duplicated()
    if twice.any():
        raise SchemaError(f"code {frame.loc[twice, 'brc_code'].iloc[0]} komt dubbel voor", file=file, column="brc_code")
    for column in NUMBERS:
        frame[column] = to_number(frame[column], file=file, column=column)
    negative = (frame[NUMBERS] < 0).fillna(False).any(axis=1)
    if negative.any():
        raise SchemaError(f"negatieve waarde bij code {frame.loc[negative, 'brc_code'].iloc[0]}", file=file)
    missing = body["brc_code"][frame.loc[body.index, "werkzame_beroepsbevolking_2023_x1000"].isna()]
    if not missing.empty:
        raise SchemaError(
            f"geen waarde voor code {missing.iloc[0]}", file=file, column="werkzame_beroepsbevolking_2023_x1000"
        )
    for niveau in NIVEAUS:
        if not (frame["brc_niveau"] == niveau).any():
            raise SchemaError(
                f"geen enkele rij met brc_niveau '{niveau}'; het bestand is mogelijk afgekapt", file=file
            )
    return frame


def _hierarchy(frame: pd.DataFrame) -> pd.DataFrame:
    """Add class and segment code and name to every row (a group's segment is its first 3 digits)."""
    names = dict(zip(frame["brc_code"], frame["brc_naam"]))
    result = frame[frame["brc_niveau"].isin(NIVEAUS)].copy()
    result["brc_beroepssegment_code"] = result["brc_code"].str[:3].where(result["brc_niveau"] != "beroepsklasse")
    for level in ("beroepsklasse", "beroepssegment"):
        codes = result[f"brc_{level}_code"]
        lost = codes.notna() & ~codes.isin(list(names))
        if lost.any():
            raise SchemaError(
                f"{level} {codes[lost].iloc[0]} ontbreekt (nodig voor code {result.loc[lost, 'brc_code'].iloc[0]})",
                source_id=SOURCE_ID,  # named by the file the build used, see `LloDashError.name_sources`
            )
        result[f"brc_{level}_naam"] = codes.map(names)
    return result


def _lists(reference: pd.DataFrame, groups: set[str]) -> pd.DataFrame:
    """One row per BRC group on either list: rank on each list and the published percentages."""
    unknown = reference.loc[~reference["brc_beroepsgroep_code"].isin(groups), "brc_beroepsgroep_code"]
    if not unknown.empty:
        raise BuildError(
            f"Referentietabel {spanning.BEROEPEN}: BRC-code {unknown.iloc[0]} is geen beroepsgroep in {source_file()}."
        )
    rows = []
    for code, part in reference.groupby("brc_beroepsgroep_code", sort=False):
        for column in PCT_COLUMNS:
            values = part[column].dropna().unique()
            if len(values) > 1:
                raise BuildError(f"Referentietabel {spanning.BEROEPEN}: beroepsgroep {code} heeft verschillende waarden in {column}.")
        ranks = {lijst: part.loc[part["lijst"] == lijst, "rang"] for lijst in LISTS}
        first = part.sort_values(["lijst", "rang"]).iloc[0]
        rows.append({
            "brc_code": code,
            "beroep_handreiking": first["beroep_handreiking"],
            "rang_laaggeletterdheid": ranks["laaggeletterdheid"].iloc[0] if len(ranks["laaggeletterdheid"]) else pd.NA,
            "rang_laaggecijferdheid": ranks["laaggecijferdheid"].iloc[0] if len(ranks["laaggecijferdheid"]) else pd.NA,
            **{column: part[column].dropna().iloc[0] if part[column].notna().any() else pd.NA for column in PCT_COLUMNS},
            "pct_toelichting": first["pct_toelichting"],
            "bron_pct_url": part["bron_pct_url"].dropna().iloc[0] if part["bron_pct_url"].notna().any() else pd.NA,
        })
    result = pd.DataFrame(rows)
    for column in ("rang_laaggeletterdheid", "rang_laaggecijferdheid"):
        result[column] = pd.to_numeric(result[column]).astype("Int64")
    for column in PCT_COLUMNS:
        result[column] = pd.to_numeric(result[column]).astype("Float64")
    return result


def _tension(published: pd.DataFrame, groups: set[str]) -> pd.DataFrame:
    """Per BRC group the latest published national value (periods sort as text: 2022K1 < 2023K1)."""
    rows = published[published["brc_beroepsgroep_code"].notna() & published["spanningsindicator"].notna()]
    unknown = rows.loc[~rows["brc_beroepsgroep_code"].isin(groups), "brc_beroepsgroep_code"]
    if not unknown.empty:
        raise BuildError(f"Referentietabel {spanning.LANDELIJK}: BRC-code {unknown.iloc[0]} is geen beroepsgroep in {source_file()}.")
    latest = rows.sort_values("periode").groupby("brc_beroepsgroep_code").tail(1)
    return pd.DataFrame({
        "brc_code": latest["brc_beroepsgroep_code"],
        "spanningsindicator_landelijk": latest["spanningsindicator"].astype("Float64"),
        "spanning_periode": latest["periode"],
        "spanning_typering": [spanning.typering(float(value)) for value in latest["spanningsindicator"]],
        "spanning_nauwkeurigheid": latest["nauwkeurigheid"],
        "spanning_toelichting": latest["toelichting"],
        "spanning_bron_titel": latest["bron_titel"],
        "spanning_bron_url": latest["bron_url"],
    })


def combine(werkzamen: pd.DataFrame, lijsten: pd.DataFrame, landelijk: pd.DataFrame) -> pd.DataFrame:
    """The `beroepen` table from the cleaned source and the two reference tables (pure, for tests)."""
    table = _hierarchy(werkzamen)
    groups = set(table.loc[table["brc_niveau"] == "beroepsgroep", "brc_code"])
    table["werkzame_beroepsbevolking_2023"] = (table.pop("werkzame_beroepsbevolking_2023_x1000") * 1000).round().astype("Int64")
    table["werknemers_2022"] = (table.pop("werknemers_2022_x1000") * 1000).round().astype("Int64")
    table = table.merge(_lists(lijsten, groups), on="brc_code", how="left", validate="one_to_one")
    table = table.merge(_tension(landelijk, groups), on="brc_code", how="left", validate="one_to_one")

    on_lists = table[table["beroep_handreiking"].notna()]
    if len(on_lists) != lijsten["brc_beroepsgroep_code"].nunique():
        raise BuildError(f"Niet elk beroep uit de handreiking is gekoppeld aan een BRC-beroepsgroep in {source_file()}.")
    for column in ("brc_code", "brc_niveau", "brc_naam", "brc_beroepsklasse_code", "brc_beroepsklasse_naam",
                   "brc_beroepssegment_code", "brc_beroepssegment_naam", "beroep_handreiking", "pct_toelichting",
                   "bron_pct_url", "spanning_periode", "spanning_typering", "spanning_nauwkeurigheid",
                   "spanning_toelichting", "spanning_bron_titel", "spanning_bron_url"):
        table[column] = table[column].astype("string")
    # Codes sort as text into the hierarchy: klasse 07, its segment 077, its groups 0771, 0772, ...
    return table.sort_values("brc_code").reset_index(drop=True)[OUTPUT_COLUMNS]


def build(ctx: BuildContext) -> pd.DataFrame:
    """Build step: the `beroepen` table (written by the pipeline to `arbeidsmarkt/beroepen.parquet`)."""
    werkzamen = clean_werkzamen(ctx.read(SOURCE_ID), file=ctx.file_label(SOURCE_ID))
    return combine(werkzamen, spanning.beroepen_basisvaardigheden(), spanning.landelijk())
