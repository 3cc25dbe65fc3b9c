"""The 2025 regional indeling from CBS 86059NED: gemeenten, arbeidsmarktregio's, provincies.

It is also the one place where region *names* become *codes*: the bulk-dump files carry
names only, and every name must map through this table or the build stops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from llo_dash.errors import BuildError, FileLabel, SchemaError
from llo_dash.ingest.readers import require_columns

NEDERLAND_CODE = "NL00"
NEDERLAND_NAAM = "Nederland"

# Names CBS used for today's arbeidsmarktregio's in older editions (CBS SOURCES notes on
# 85512NED/85554NED): the region kept its code, only the name changed.
AM_ALIASES = {"Stedendriehoek en Noordwest Veluwe": "Veluwe Stedendriehoek"}

# Rows that are not a region of any level we use; they are dropped on purpose.
NOT_A_REGION = {
    "Niet in te delen (AM)",
    "Niet in te delen (PV)",
    "Nederland; niet in te delen",
    "Nederland, Buitenland, Niet in te delen",
    "Gemeenten; niet in te delen",
}
# Level suffixes of CBS region names we do not use (provincie, COROP, landsdeel, ...).
OTHER_LEVEL = re.compile(r"\((?:PV|CR|LD|GG|RE|ZK|VR|JZ|CS|CP|KK|LB|LG|AR|ES|MC|RA|RT|ET|TR|TG|VT)\)$")


@dataclass(frozen=True)
class Indeling:
    """Gemeenten of 2025 with their arbeidsmarktregio and provincie (one row per gemeente)."""

    gemeenten: pd.DataFrame  # gemeente_code, gemeente_naam, regios_naam, arbeidsmarktregio_code/_naam, provincie_code/_naam

    @property
    def regios(self) -> pd.DataFrame:
        """One row per arbeidsmarktregio: code, naam, aantal gemeenten."""
        grouped = self.gemeenten.groupby(["arbeidsmarktregio_code", "arbeidsmarktregio_naam"], as_index=False)
        return grouped.size().rename(columns={"size": "aantal_gemeenten"}).sort_values("arbeidsmarktregio_code")

    def gemeente_codes(self) -> set[str]:
        return set(self.gemeenten["gemeente_code"])

    def regio_codes(self) -> set[str]:
        return set(self.gemeenten["arbeidsmarktregio_code"])

    def name_to_code(self) -> dict[str, str]:
        """Every name a CBS `RegioS` column may use for a current area, to its code."""
        mapping = {NEDERLAND_NAAM: NEDERLAND_CODE}
        mapping.update(zip(self.gemeenten["regios_naam"], self.gemeenten["gemeente_code"]))
        regios = self.regios
        mapping.update({f"{naam} (AM)": code for code, naam in zip(regios.arbeidsmarktregio_code, regios.arbeidsmarktregio_naam)})
        by_name = dict(zip(regios.arbeidsmarktregio_naam, regios.arbeidsmarktregio_code))
        mapping.update({f"{old} (AM)": by_name[new] for old, new in AM_ALIASES.items() if new in by_name})
        return mapping


GEBIEDEN_COLUMNS = {
    "RegioS": "regios_naam",
    "Code_1": "gemeente_code",
    "Naam_2": "gemeente_naam",
    "Code_4": "arbeidsmarktregio_code",
    "Naam_5": "arbeidsmarktregio_naam",
    "Code_28": "provincie_code",
    "Naam_29": "provincie_naam",
}
# The Code_n/Naam_n pairs are positions in 86059NED; check their content, not just their names.
CODE_PATTERNS = {
    "gemeente_code": r"GM\d{4}",
    "arbeidsmarktregio_code": r"AM\d{2}",
    "provincie_code": r"PV\d{2}",
}


def indeling_from_frame(frame: pd.DataFrame, *, file: FileLabel | str) -> Indeling:
    """Validate 86059NED (as read from the bulk dump) and keep the columns we use; `file` names it in errors."""
    require_columns(frame, list(GEBIEDEN_COLUMNS), file=file)
    gemeenten = frame[list(GEBIEDEN_COLUMNS)].rename(columns=GEBIEDEN_COLUMNS).astype(str)
    for column, pattern in CODE_PATTERNS.items():
        bad = ~gemeenten[column].str.fullmatch(pattern)
        if bad.any():
            raise SchemaError(
                f"is geen geldige code ({pattern}); is de tabel van opbouw veranderd?",
                file=file, column=column, value=gemeenten.loc[bad, column].iloc[0],
            )
    for column in ("gemeente_code", "regios_naam"):
        duplicated = gemeenten[column][gemeenten[column].duplicated()]
        if not duplicated.empty:
            raise SchemaError("komt meer dan eens voor", file=file, column=column, value=duplicated.iloc[0])
    for code_column, name_column in [("arbeidsmarktregio_code", "arbeidsmarktregio_naam"), ("provincie_code", "provincie_naam")]:
        names_per_code = gemeenten.groupby(code_column)[name_column].nunique()
        if (names_per_code > 1).any():
            raise SchemaError(f"code {names_per_code.idxmax()} heeft meer dan één naam", file=file, column=name_column)
    return Indeling(gemeenten.sort_values("gemeente_code").reset_index(drop=True))


def map_region_names(
    frame: pd.DataFrame, name_column: str, indeling: Indeling, value_columns: list[str], *, file: FileLabel | str
) -> pd.DataFrame:
    """Add `code` and `niveau` (gemeente / arbeidsmarktregio / nederland) to rows keyed by CBS region names.

    Rows of other levels (provincie, COROP, ...) and known non-regions are dropped. A name
    that maps to nothing is allowed only when it carries no data in `value_columns` (a
    former gemeente or region, empty for the reference period); otherwise the build stops,
    because data would silently be lost.
    """
    names = frame[name_column].astype(str).str.strip()
    mapping = indeling.name_to_code()
    codes = names.map(mapping)
    other_level = names.str.contains(OTHER_LEVEL) | names.isin(NOT_A_REGION)
    unmapped = codes.isna() & ~other_level
    has_data = frame[value_columns].notna().any(axis=1)
    lost = unmapped & has_data
    if lost.any():
        examples = ", ".join(sorted(set(names[lost]))[:8])
        raise BuildError(
            f"{lost.sum()} rijen met gegevens hebben een gebiedsnaam die niet in de indeling 2025 (86059NED) "
            f"voorkomt: {examples}. Voeg de naam niet stilzwijgend weg; controleer de indeling",
            file=file,
        )
    kept = frame[codes.notna()].copy()
    kept["code"] = codes[codes.notna()]
    kept["niveau"] = kept["code"].map(level_of_code)
    duplicated = kept.duplicated(["code"])
    if duplicated.any():
        raise BuildError(f"gebied {kept.loc[duplicated, 'code'].iloc[0]} komt meer dan eens voor in de selectie", file=file)
    return kept


def level_of_code(code: str) -> str:
    """Niveau of an area code: NL00, AMxx, GMxxxx, WKxxxxxx, BUxxxxxxxx."""
    prefix = code[:2]
    return {"NL": "nederland", "AM": "arbeidsmarktregio", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}[prefix]
