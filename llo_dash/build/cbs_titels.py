"""CBS tables in the shape of the mirror's bulk dumps (titles in the dimension columns), from the mirror or live.

The dumps (`*_dertje.csv`) hold CBS *titles* ("A-U Alle economische activiteiten", "1997 1e kwartaal");
the live OData service returns *keys*. `dump_of` gives the same frame either way, so one parser reads
both: live, every dimension key is replaced by its title from the table's dimension endpoint (except
dimensions the dump itself keeps as keys, such as `Beroepsklasse` in 84916NED).
Also here: the CBS period titles as year and quarter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from llo_dash import sources
from llo_dash.errors import FileLabel, SchemaError
from llo_dash.ingest.readers import collapse_spaces

KWARTAAL = re.compile(r"^(\d{4}) ([1-4])e kwartaal$")
# A year: "2023", or in tables with quarters "2023 jaargem. /jaartotaal" (year average or total).
JAAR = re.compile(r"^(\d{4})(?: jaargem\..*)?$")


def dump_of(ctx, source_id: str, *, keep_keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """The source as its bulk dump reads (all text): the mirror file, or the CBS table fetched live."""
    if ctx.mirror_file(source_id):
        return ctx.read(source_id)
    return dump_from_odata(ctx.live(source_id), sources.get(source_id).table, keep_keys=keep_keys)


def dump_from_odata(client, table: str, *, keep_keys: tuple[str, ...] = (),
                    kies: dict[str, Callable[[list[dict]], list[str]]] | None = None) -> pd.DataFrame:
    """A live CBS table as the dump has it: dimension keys replaced by titles, topics as text, missing empty.

    Read from the UntypedDataSet, the dataset whose real paged responses are recorded in the mirror
    (`cbs/api_examples/odata3_83599NED_UntypedDataSet_page*.json.gz`), so this route is tested end to end
    against them; its values are CBS's own formatted numbers, as in the dumps. `kies` narrows the request:
    dimension → a function from that dimension's categories (Key, Title, …) to the keys wanted (`$filter`).
    """
    from llo_dash.ingest import odata  # the live path only

    properties = client.data_properties(table)
    dimensions = odata.dimension_names(properties)
    categorieen = {dimension: client.dimension(table, dimension) for dimension in dimensions
                   if dimension not in keep_keys or dimension in (kies or {})}
    filter_ = odata.build_filter({dim: kiezer(categorieen[dim]) for dim, kiezer in kies.items()}) if kies else None
    frame = odata.rows_to_frame(client.untyped_dataset(table, filter=filter_), text_columns=dimensions)
    if frame.empty:
        raise SchemaError(f"CBS-tabel {table} gaf geen rijen terug.")
    for dimension in dimensions:
        if dimension in keep_keys:
            continue
        titles = {str(row["Key"]).strip(): collapse_spaces(row.get("Title")) for row in categorieen[dimension]}
        keys = frame[dimension].astype(str).str.strip()
        onbekend = ~keys.isin(titles)
        if onbekend.any():  # a row CBS cannot name would otherwise become a title "nan"
            raise SchemaError(f"CBS-tabel {table}: sleutel '{keys[onbekend].iloc[0]}' staat niet in de lijst van "
                              f"de indeling {dimension}.")
        frame[dimension] = keys.map(titles)
    # Topics as the dump writes them: text with a decimal point, empty where CBS has no value; a value that
    # is no number stays as CBS wrote it, so the build's own number check names it.
    for column in frame.columns:
        if column not in dimensions and column != "ID":
            frame[column] = frame[column].map(
                lambda v: "" if pd.isna(v) else str(v))  # str(float): shortest exact form, never 1.2e+07
    return frame.astype("string")  # the dtype the dump reader gives, so both routes yield the same frame


def perioden(values: pd.Series, *, file: FileLabel | str, column: str = "Perioden") -> pd.DataFrame:
    """CBS period titles → `jaar` (int), `kwartaal` (1–4, NA for a year) and `periode` ("2024K4" or "2024").

    Titles are compared with spaces collapsed (the dumps have "2015 "). Any other title stops the build:
    a period read wrongly would put figures in the wrong quarter.
    """
    rows = []
    for position, raw in enumerate(values):
        title = collapse_spaces(raw)
        if match := KWARTAAL.match(title):
            jaar, kwartaal = int(match[1]), int(match[2])
            rows.append((jaar, kwartaal, f"{jaar}K{kwartaal}"))
        elif match := JAAR.match(title):
            rows.append((int(match[1]), pd.NA, match[1]))
        else:
            raise SchemaError("is geen periode die het dashboard kent (verwacht '2024 4e kwartaal' of '2024')",
                              file=file, line=position + 2, column=column, value=raw)
    return pd.DataFrame(rows, columns=["jaar", "kwartaal", "periode"], index=values.index).astype(
        {"jaar": "Int64", "kwartaal": "Int64", "periode": "string"})


def duizendtallen(values: pd.Series) -> pd.Series:
    """Figures published in thousands as whole numbers (89.8 → 89800), missing stays missing."""
    return (values * 1000).round(0)
