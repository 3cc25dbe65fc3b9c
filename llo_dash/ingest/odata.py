"""Client for the CBS OData v3 service (`opendata.cbs.nl/ODataFeed`) and helpers for its metadata.

Shapes follow the real responses recorded in `shared/data/cbs/api_examples/`
(see SOURCES.md §1): every response is `{"value": [...], "odata.metadata": ...}`,
the feed returns pages of 10 000 rows with an `odata.nextLink`, codes are padded
with spaces, and topic keys carry a `_NN` suffix that changes between editions,
so columns are always looked up through DataProperties.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pandas as pd
import requests

from llo_dash.errors import FileLabel, SchemaError, SourceError
from llo_dash.ingest.readers import collapse_spaces, column_stem
from llo_dash.ingest.fetch import MAX_BYTES, Transient, send, stream_to, with_retries
from llo_dash.sources import ODATA_FEED

TOPIC = "Cbs.OData.Topic"
DIMENSION_TYPES = (
    "Cbs.OData.Dimension", "Cbs.OData.TimeDimension", "Cbs.OData.GeoDimension", "Cbs.OData.GeoDetail",
)
PAGE_SIZE = 10_000  # rows per page of the ODataFeed (SOURCES.md of the mirror, §1)
ACTION = "Ophalen"  # verb in messages: "Ophalen van <url> is mislukt …"

# Characters left readable in query strings, as in CBS's own URLs (`?$format=json&$skip=10000`).
_QUERY_SAFE = "$'(),"


class ODataClient:
    """Reads tables from the CBS OData v3 service, one table id (e.g. `85984NED`) at a time."""

    def __init__(
        self,
        base_url: str = ODATA_FEED,
        *,
        session=None,
        timeout=(10, 120),
        retries: int = 3,
        backoff: float = 1.0,
        sleep=time.sleep,
        max_pages: int = 200,
        max_bytes: int = MAX_BYTES,
        max_seconds: float = 300.0,
    ):
        self.base_url = base_url.rstrip("/")
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.max_pages = max_pages
        self.max_bytes = max_bytes  # per response
        self.max_seconds = max_seconds  # per response, the whole body (the read time-out is per piece)

    # --- raw requests -----------------------------------------------------------------------

    def get_json(self, url: str, params: dict | None = None) -> dict:
        """GET `url` as JSON (adds `$format=json`); the response must be an object with a `value`."""
        full_url = _with_query(url, params)
        return with_retries(
            lambda: self._get_once(full_url),
            url=full_url, retries=self.retries, backoff=self.backoff, sleep=self.sleep, action=ACTION,
        )

    def _get_once(self, url: str) -> dict:
        # Streamed with a cap on size and on total time (see `stream_to`); a broken connection is `Transient`.
        response = send(self.session, url, timeout=self.timeout, stream=True, action=ACTION)
        try:
            body = io.BytesIO()
            stream_to(response, body, url, self.max_bytes, self.max_seconds, action=ACTION)
            payload = json.loads(body.getvalue())
        except ValueError as error:
            # Mostly a body cut off halfway: worth another attempt.
            raise Transient("het antwoord van CBS is geen geldige JSON (afgebroken of beschadigd)") from error
        finally:
            response.close()
        if not isinstance(payload, dict) or not isinstance(payload.get("value"), list):
            raise SourceError(
                f"{ACTION} van {url} is mislukt: het antwoord van CBS heeft niet de verwachte vorm "
                "(een lijst 'value' ontbreekt)."
            )
        return payload

    def _values(self, table: str, endpoint: str, params: dict | None = None) -> list[dict]:
        return self.get_json(self.table_url(table, endpoint), params)["value"]

    def table_url(self, table: str, endpoint: str = "") -> str:
        return f"{self.base_url}/{table}/{endpoint}" if endpoint else f"{self.base_url}/{table}"

    # --- metadata ---------------------------------------------------------------------------

    def endpoints(self, table: str) -> dict[str, str]:
        """Service root: endpoint name (TableInfos, TypedDataSet, Perioden, …) -> URL."""
        return {entry["name"]: entry["url"] for entry in self._values(table, "")}

    def table_infos(self, table: str) -> dict:
        """Title, period, modification date, … of the table (first element of `value`)."""
        rows = self._values(table, "TableInfos")
        if not rows:
            url = self.table_url(table, "TableInfos")
            raise SourceError(f"CBS gaf geen tabelinformatie terug voor tabel {table} ({url}).")
        return rows[0]

    def data_properties(self, table: str) -> list[dict]:
        """Dimensions, topic groups and topics (data columns) of the table."""
        return self._values(table, "DataProperties")

    def dimension(self, table: str, name: str) -> list[dict]:
        """Categories of one dimension, e.g. `Perioden` or `RegioS`: Key, Title, Description, …"""
        return self._values(table, name)

    # --- data -------------------------------------------------------------------------------

    def typed_dataset(
        self, table: str, *, filter: str | None = None, select: list[str] | None = None
    ) -> list[dict]:
        """All rows of the TypedDataSet (numbers as JSON numbers, missing as null), all pages."""
        return self._dataset(table, "TypedDataSet", filter, select)

    def untyped_dataset(
        self, table: str, *, filter: str | None = None, select: list[str] | None = None
    ) -> list[dict]:
        """All rows of the UntypedDataSet (every value a padded string), all pages."""
        return self._dataset(table, "UntypedDataSet", filter, select)

    def _dataset(self, table: str, endpoint: str, filter: str | None, select: list[str] | None) -> list[dict]:
        wanted: dict = {}
        if filter:
            wanted["$filter"] = filter
        if select:
            wanted["$select"] = ",".join(select)
        params: dict | None = wanted or None
        url: str | None = self.table_url(table, endpoint)
        rows: list[dict] = []
        pages = 0
        while url:
            if pages == self.max_pages:
                raise SourceError(
                    f"{ACTION} van tabel {table} bij CBS is gestopt: na {self.max_pages} pagina's "
                    f"({len(rows)} rijen) gaf CBS nog steeds een volgende pagina op. "
                    "Beperk de selectie met een filter."
                )
            payload = self.get_json(url, params)
            _check_columns(payload["value"], select or (rows[0] if rows else None), table=table, page=pages + 1)
            rows.extend(payload["value"])
            pages += 1
            url = self._next_link(payload, table)
            if url:
                # OData v3 next links should repeat $filter/$select; the recorded one carries only
                # $format and $skip, so add back whatever the link leaves out.
                present = {key for key, _ in parse_qsl(urlsplit(url).query)}
                params = {key: value for key, value in wanted.items() if key not in present} or None
            elif len(payload["value"]) == PAGE_SIZE:
                self._check_last_page(table, endpoint, filter, select, len(rows), pages)
        return rows

    def _check_last_page(self, table: str, endpoint: str, filter, select, count: int, pages: int) -> None:
        """A full page without `odata.nextLink` may be the real end or a lost link: ask for one row more."""
        params = {"$skip": str(count), "$top": "1"} | ({"$filter": filter} if filter else {})
        if select:
            params["$select"] = ",".join(select)
        if self.get_json(self.table_url(table, endpoint), params)["value"]:
            raise SourceError(
                f"{ACTION} van tabel {table} bij CBS is onvolledig: pagina {pages} had {PAGE_SIZE:_} rijen maar geen "
                f"verwijzing naar een volgende pagina (odata.nextLink), terwijl er na rij {count:_} nog rijen zijn. "
                "Probeer het later opnieuw.".replace("_", ".")
            )

    def _next_link(self, payload: dict, table: str) -> str | None:
        link = payload.get("odata.nextLink")
        if not link:
            return None
        # Only follow links back to CBS's own server, never elsewhere.
        if urlsplit(link).netloc.lower() != urlsplit(self.base_url).netloc.lower():
            raise SourceError(
                f"CBS gaf voor tabel {table} een vervolgpagina op een andere server op ({link}); "
                "die wordt niet gevolgd."
            )
        return link


def _check_columns(rows: list[dict], expected, *, table: str, page: int) -> None:
    """Every row has the expected columns (the `$select`, else those of the first row): else CBS changed the table."""
    if not rows or expected is None:
        return
    expected = list(expected)
    for number, row in enumerate(rows, start=1):
        missing = [column for column in expected if column not in row] if isinstance(row, dict) else expected
        if missing:
            present = ", ".join(list(row)[:8]) if isinstance(row, dict) else type(row).__name__
            raise SchemaError(
                f"ontbreekt in het antwoord (pagina {page}, rij {number}; wel: {present}); CBS heeft de tabel veranderd",
                file=FileLabel(f"CBS-tabel {table}, live opgehaald", live=True), column=missing[0],
            )


def _with_query(url: str, params: dict | None) -> str:
    """`url` with `params` and `$format=json` appended (unless the URL already asks for a format)."""
    params = dict(params or {})
    query = urlsplit(url).query
    if "$format" not in {key for key, _ in parse_qsl(query)} and "$format" not in params:
        params = {"$format": "json", **params}
    if not params:
        return url
    encoded = urlencode(params, quote_via=quote, safe=_QUERY_SAFE)
    return f"{url}{'&' if query else '?'}{encoded}"


# --- DataProperties: topics -----------------------------------------------------------------


# CBS titles carry trailing spaces and non-breaking spaces; compare them collapsed.
_clean = collapse_spaces


def _norm(text) -> str:
    return _clean(text).casefold()


def topic_table(data_properties: list[dict], *, file=None) -> pd.DataFrame:
    """One row per topic: key, stem, title, unit, datatype, decimals and its path of titles from the root."""
    for number, entry in enumerate(data_properties, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("Key"), str):
            # The API changed the shape of DataProperties: say so, not KeyError.
            fields = ", ".join(list(entry)[:8]) if isinstance(entry, dict) else type(entry).__name__
            raise SchemaError(f"onderwerp {number} van DataProperties heeft geen veld 'Key' (wel: {fields}); "
                              "CBS heeft de vorm van het antwoord veranderd", file=file, column="Key")
    by_id = {entry.get("ID"): entry for entry in data_properties}
    rows = [
        {
            "key": entry["Key"],
            "stem": column_stem(entry["Key"]),
            "title": _clean(entry.get("Title")),
            "unit": _clean(entry.get("Unit")),
            "datatype": entry.get("Datatype"),
            "decimals": entry.get("Decimals"),
            "path": _title_path(entry, by_id),
        }
        for entry in data_properties
        if entry.get("odata.type") == TOPIC
    ]
    return pd.DataFrame(rows, columns=["key", "stem", "title", "unit", "datatype", "decimals", "path"])


def _title_path(entry: dict, by_id: dict) -> tuple[str, ...]:
    titles = [_clean(entry.get("Title"))]
    seen = {entry.get("ID")}
    parent = by_id.get(entry.get("ParentID"))
    while parent is not None and parent.get("ID") not in seen:  # guard against a broken tree
        titles.append(_clean(parent.get("Title")))
        seen.add(parent.get("ID"))
        parent = by_id.get(parent.get("ParentID"))
    return tuple(reversed(titles))


def dimension_names(data_properties: list[dict]) -> list[str]:
    """Keys of the dimension columns (e.g. `Perioden`, `RegioS`, `WijkenEnBuurten`)."""
    return [entry["Key"] for entry in data_properties if entry.get("odata.type") in DIMENSION_TYPES]


def resolve_topics(
    data_properties: list[dict], wanted: dict[str, str | tuple[str, ...]], *, table: str, file=None
) -> dict[str, str]:
    """Map canonical names to this edition's topic keys.

    Each wanted topic is a key stem (`"AantalInwoners"`) or a path of titles that must match
    the end of the topic's path (`("Geboren buiten Nederland", "Buiten Europa")`); both are
    compared case-insensitively with whitespace collapsed. Missing or ambiguous -> SchemaError.
    """
    topics = topic_table(data_properties, file=file)
    stems = topics["stem"].map(_norm)
    paths = topics["path"].map(lambda path: tuple(_norm(title) for title in path))
    resolved = {}
    for name, spec in wanted.items():
        if isinstance(spec, str):
            if re.search(r"_\d+$", spec):
                raise ValueError(f"Gebruik voor '{name}' de sleutel zonder _NN-achtervoegsel, niet '{spec}'.")
            hits = topics[stems == _norm(spec)]
        else:
            tail = tuple(_norm(title) for title in spec)
            hits = topics[paths.map(lambda path: len(tail) > 0 and path[-len(tail):] == tail)]
        resolved[name] = _single_topic(hits, name, spec, table)
    return resolved


def _single_topic(hits: pd.DataFrame, name: str, spec, table: str) -> str:
    described = spec if isinstance(spec, str) else " / ".join(spec)
    if len(hits) == 1:
        return hits["key"].iloc[0]
    if hits.empty:
        raise SchemaError(
            f"In CBS-tabel {table} ontbreekt het onderwerp '{described}' (nodig voor '{name}'). "
            "Mogelijk heeft CBS de tabel gewijzigd."
        )
    options = "; ".join(f"{key} ({' / '.join(path)})" for key, path in zip(hits["key"], hits["path"]))
    raise SchemaError(
        f"In CBS-tabel {table} past het onderwerp '{described}' (nodig voor '{name}') op meer dan één kolom: "
        f"{options}. Het onderwerp moet nauwkeuriger worden aangewezen."
    )


# --- dimensions and filters -----------------------------------------------------------------


def dimension_keys(dimension_rows: list[dict], titles: list[str], *, table: str, dimension: str) -> list[str]:
    """Keys (as CBS gives them, padding included) for the given category titles."""
    by_title: dict[str, list[str]] = {}
    for row in dimension_rows:
        by_title.setdefault(_norm(row.get("Title")), []).append(row["Key"])
    keys = []
    for title in titles:
        found = by_title.get(_norm(title), [])
        if not found:
            raise SchemaError(f"In CBS-tabel {table} komt '{title}' niet voor in de indeling {dimension}.")
        if len(found) > 1:
            raise SchemaError(
                f"In CBS-tabel {table} komt '{title}' meer dan eens voor in de indeling {dimension} "
                f"(codes {', '.join(key.strip() for key in found)})."
            )
        keys.append(found[0])
    return keys


def build_filter(conditions: dict[str, list[str]]) -> str:
    """OData `$filter`: values of one dimension are OR-ed, dimensions are AND-ed.

    Keys are used exactly as given: pad them first where the dimension needs it
    (`WijkenEnBuurten eq 'GM0363    '`).
    """
    parts = []
    for dimension, keys in conditions.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", dimension):
            raise ValueError(f"Ongeldige dimensienaam voor een filter: {dimension!r}.")
        if not keys:
            raise ValueError(f"Geen waarden opgegeven voor het filter op {dimension}.")
        alternatives = " or ".join(f"{dimension} eq {_quote(key)}" for key in keys)
        parts.append(f"({alternatives})")
    return " and ".join(parts)


def _quote(key: str) -> str:
    """An OData string literal: single quotes inside are doubled."""
    escaped = str(key).replace("'", "''")
    return f"'{escaped}'"


# --- rows -> DataFrame ----------------------------------------------------------------------

# An UntypedDataSet number: right-aligned ('   135.5', '  -12', '     0.9'). Codes differ: they are
# padded on the right ('1 ', 'NL01  ') or keep a leading zero ('01', '0363').
_NUMBER = r"\s*[-+]?(?:0|[1-9]\d*)(?:\.\d+)?"
# Missing / secret in an UntypedDataSet: '.' (padded) per CBS, or an empty string (seen in 83599NED).
_MISSING = ["", "."]


def rows_to_frame(rows: list[dict], *, text_columns: Iterable[str] = ()) -> pd.DataFrame:
    """A DataFrame of OData rows: padded strings stripped, untyped numbers as float, missing as NA.

    Strings become numbers only in an UntypedDataSet (no JSON numbers anywhere) and only
    in columns that hold nothing but right-aligned numbers, so codes stay text. Pass the
    dimension keys (see `dimension_names`) and String topics as `text_columns` to be certain.
    """
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    keep_text = set(text_columns)
    typed = any(
        pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
        for column in frame.columns
        if column != "ID"
    )
    for column in frame.columns:
        kind = pd.api.types.infer_dtype(frame[column], skipna=True)
        if kind == "empty":
            # A topic without any value (e.g. not yet published): numeric NA, never 0.
            frame[column] = frame[column].astype("str" if column in keep_text else "float64")
        elif kind == "string":
            numeric = not typed and column not in keep_text
            frame[column] = _text_column(frame[column].astype("str"), numeric)
    return frame


def _text_column(raw: pd.Series, numeric: bool) -> pd.Series:
    """Strip padding, turn missing markers into NA and, if allowed and all numbers, convert to float."""
    stripped = raw.str.strip()
    stripped = stripped.mask(stripped.isin(_MISSING))
    present = raw[stripped.notna()]
    if numeric and present.str.fullmatch(_NUMBER).all():
        return pd.to_numeric(stripped).astype("float64")
    return stripped
