"""Jobs of employees per SBI section (CBS 83582NED), per gemeente, arbeidsmarktregio and Nederland, latest December.

The mirror's copy of 83582NED holds only the total A-U (and section A in part), so the sections come live:
when the build runs online it asks CBS OData for the SBI sections and the latest period only (all regions:
about 12.000 rows, two pages) through `cbs_titels.dump_from_odata`, and reads the answer like the dump.
Offline the table stays empty and the Sectoren page says that jobs per sector are not in the mirror.
A failed live request (no internet) is a warning at the end of the build, not a stop: these figures are extra.

Output (table `banen_sector`): one row per area × section: jobs (the source counts in thousands with one
decimal, here whole jobs), share of the area's A-U jobs, that share in Nederland and the location quotient.
Jobs are counted where people work (werklocatie). An empty cell (CBS: secret) stays missing.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash import sources
from llo_dash.build.cbs_slices import Slice, slice_from_dump
from llo_dash.build.cbs_titels import dump_from_odata, duizendtallen
from llo_dash.build.indeling import NEDERLAND_CODE, Indeling
from llo_dash.build.vacatures import TOTAAL, sbi
from llo_dash.errors import BuildError, FileLabel, SourceError
from llo_dash.ingest.readers import collapse_spaces, require_columns

BRON = "banen_sector"
SBI_DIM = "BedrijfstakkenBranchesSBI2008"
TOPIC = {"banen": "BanenVanWerknemersInDecember"}
JAAR = re.compile(r"^(\d{4})\b")
COLUMNS = ["gebied_code", "niveau", "sbi_code", "sbi_naam", "periode", "jaar", "banen", "aandeel_pct", "aandeel_nl_pct",
           "locatiequotient"]
# Each published figure is rounded to 0,1 thousand (±50 jobs): a section may exceed A-U by at most that much.
AFRONDING = 50
SECTIES_VOOR_SOM = "ABCDEFGHIJKLMNOPQRS"


def leeg() -> pd.DataFrame:
    """The table without rows (offline, or the live request failed)."""
    return pd.DataFrame({column: pd.Series(dtype="Float64" if column in {"banen", "aandeel_pct", "aandeel_nl_pct",
                                                                          "locatiequotient"} else "string")
                         for column in COLUMNS}).astype({"jaar": "Int64"})


def _jaar(titel) -> int:
    match = JAAR.match(collapse_spaces(titel))
    return int(match[1]) if match else -1


def kies_secties(categorieen: list[dict]) -> list[str]:
    """Keys of A-U and of the single SBI sections (A, B, …, U) among the categories of the SBI dimension."""
    return [row["Key"] for row in categorieen if sbi(str(row.get("Title") or ""))[2] in ("totaal", "sectie")]


def kies_laatste_periode(categorieen: list[dict]) -> list[str]:
    """Key of the latest period ("2023 december")."""
    laatste = max(categorieen, key=lambda row: _jaar(row.get("Title")))
    return [laatste["Key"]]


KIES = {SBI_DIM: kies_secties, "Perioden": kies_laatste_periode}


def uit_dump(frame: pd.DataFrame, indeling: Indeling, *, file: FileLabel | str) -> pd.DataFrame:
    """Jobs per section in the latest December of `frame` (the table as the dump reads, titles in the dimensions)."""
    require_columns(frame, [SBI_DIM, "RegioS", "Perioden"], file=file)
    periode = collapse_spaces(max(frame["Perioden"], key=_jaar))
    delen = []
    for titel in dict.fromkeys(frame[SBI_DIM].map(collapse_spaces)):
        code, naam, soort = sbi(titel)
        if soort not in ("totaal", "sectie"):
            continue
        deel = slice_from_dump(frame, Slice(dims={SBI_DIM: titel, "Perioden": periode}, topics=TOPIC), indeling, file=file)
        delen.append(deel.reset_index().assign(sbi_code=code, sbi_naam=naam))
    if not delen or TOTAAL not in {d["sbi_code"].iloc[0] for d in delen}:
        raise BuildError(f"geen rijen 'A-U Alle economische activiteiten' voor {periode}", file=file)
    tabel = pd.concat(delen, ignore_index=True).rename(columns={"code": "gebied_code"})
    tabel = tabel[tabel["niveau"].isin(["gemeente", "arbeidsmarktregio", "nederland"])]
    ontbreekt = indeling.gemeente_codes() - set(tabel.loc[tabel["sbi_code"] == TOTAAL, "gebied_code"])
    if ontbreekt:
        raise BuildError(f"{len(ontbreekt)} gemeenten van de indeling 2025 hebben geen banen A-U in {periode}, "
                         f"bijvoorbeeld {', '.join(sorted(ontbreekt)[:5])}", file=file)
    tabel["banen"] = duizendtallen(tabel["banen"].astype("Float64"))
    tabel["periode"], tabel["jaar"] = periode, _jaar(periode)
    return aandelen(tabel)


def aandelen(tabel: pd.DataFrame) -> pd.DataFrame:
    """Share of each section in the area's A-U jobs, the same share in Nederland, and their ratio (LQ)."""
    totaal = tabel[tabel["sbi_code"] == TOTAAL].set_index("gebied_code")["banen"]
    tabel = tabel.assign(aandeel_pct=100 * tabel["banen"] / tabel["gebied_code"].map(totaal).astype("Float64"))
    nl = tabel[tabel["gebied_code"] == NEDERLAND_CODE].set_index("sbi_code")["aandeel_pct"]
    tabel["aandeel_nl_pct"] = tabel["sbi_code"].map(nl).astype("Float64")
    tabel["locatiequotient"] = tabel["aandeel_pct"] / tabel["aandeel_nl_pct"]
    tabel = tabel.reindex(columns=COLUMNS).astype({"jaar": "Int64", "periode": "string"})
    return tabel.sort_values(["niveau", "gebied_code", "sbi_code"]).reset_index(drop=True)


def check(tabel: pd.DataFrame) -> list[str]:
    """No section exceeds A-U; where every section of an area is published, they add up to A-U (within rounding)."""
    secties = tabel[tabel["sbi_code"] != TOTAAL]
    totaal = tabel[tabel["sbi_code"] == TOTAAL].set_index("gebied_code")["banen"]
    te_groot = secties[secties["banen"] > secties["gebied_code"].map(totaal) + AFRONDING]
    if not te_groot.empty:
        rij = te_groot.iloc[0]
        raise BuildError(f"Controle banen per sector (83582NED): sectie {rij['sbi_code']} van {rij['gebied_code']} "
                         "heeft meer banen dan alle sectoren samen (A-U).")
    # The sum is checked only for areas with a value for every section A–S (T households and U extraterritorial
    # organisations may be absent from the table); a secret section or a partial fetch leaves no sum to check.
    gevuld = secties[secties["banen"].notna() & secties["sbi_code"].isin(list(SECTIES_VOOR_SOM))]
    per_gebied = gevuld.groupby("gebied_code")["banen"]
    compleet = per_gebied.count() == len(SECTIES_VOOR_SOM)
    som = secties.groupby("gebied_code")["banen"].sum()[compleet[compleet].index]
    verschil = (som - totaal.reindex(som.index)).abs()
    grens = (secties.groupby("gebied_code")["banen"].count()[som.index] + 1) * AFRONDING
    if (verschil > grens).any():
        gebied = (verschil - grens).idxmax()
        raise BuildError(f"Controle banen per sector (83582NED): de secties van {gebied} tellen op tot "
                         f"{som[gebied]:.0f}, A-U is {totaal[gebied]:.0f} (meer verschil dan de afronding).")
    return [f"banen per sector: geen sectie boven A-U; secties = A-U binnen de afronding in {len(verschil)} gebieden "
            "met alle secties"]


def build(ctx, indeling: Indeling) -> tuple[pd.DataFrame, list[str]]:
    """The `banen_sector` table (empty offline) and the checks done."""
    table = sources.get(BRON).table
    if ctx.offline:
        return leeg(), [f"banen per sector ({table}): niet in de mirror; offline niet live opgehaald"]
    try:
        frame = dump_from_odata(ctx.live(BRON), table, kies=KIES)
    except SourceError as error:
        ctx.used.pop(BRON, None)  # nothing came: the manifest must not list it as read
        ctx.waarschuwingen.append(f"Let op: banen per sector (CBS {table}) konden niet live worden opgehaald, de pagina "
                                  f"Sectoren toont daarom alleen vestigingen: {error}")
        return leeg(), []
    tabel = uit_dump(frame, indeling, file=ctx.file_label(BRON))
    return tabel, check(tabel)
