"""The national working population per BRC occupation, per year 2013–2024 (CBS 85276NED): table `beroepen_trend`.

85276NED names each occupation by its CBS title, which starts with the BRC 2014 code ("0114 Leerkrachten
basisonderwijs"; the dump cuts long titles off with "..."). The code is taken from the title and must exist in
the BRC 2014 classification (`brc_classificatie`), which also gives the full name; a title without a known code
stops the build. Only the totals (both sexes, all persons) and the years are kept (not the quarters, not the ISCO
levels). The source counts in thousands; we store whole persons; an empty cell stays missing.

The mirror's copy is cut off after 10.000 rows: some occupations stop early (1214 Vrachtwagenchauffeurs in 2020)
or are absent. The table holds what is there, nothing is extrapolated; the view says where a series stops.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash.build.cbs_titels import dump_of, duizendtallen, perioden
from llo_dash.errors import BuildError, SchemaError
from llo_dash.ingest.readers import collapse_spaces, require_columns, resolve_stems, to_number

BRON, CLASSIFICATIE = "beroepen_reeks", "brc_classificatie"
TOTALEN = {"Geslacht": "Totaal mannen en vrouwen", "Persoonskenmerken": "Totaal personen"}
TITEL = re.compile(r"^(\d{2}|\d{3}|\d{4}) \S")  # klasse (2 digits), segment (3) or beroepsgroep (4), then the name
TOTAAL = "Totaal"  # all occupations: kept with brc_code "totaal"
NIVEAU = {2: "beroepsklasse", 3: "beroepssegment", 4: "beroepsgroep"}
COLUMNS = ["brc_code", "brc_niveau", "brc_naam", "jaar", "werkzame_beroepsbevolking"]


def brc_namen(classificatie: pd.DataFrame, *, file) -> dict[str, str]:
    """BRC code (klasse, segment and beroepsgroep, as text with leading zeros) → its name."""
    niveaus = ("beroepsklasse", "beroepssegment", "beroepsgroep")
    require_columns(classificatie, [f"brc_{n}_{deel}" for n in niveaus for deel in ("code", "naam")], file=file)
    namen: dict[str, str] = {}
    for lengte, niveau in enumerate(niveaus, start=2):  # codes of 2, 3 and 4 digits (leading zeros kept)
        for code, naam in zip(classificatie[f"brc_{niveau}_code"], classificatie[f"brc_{niveau}_naam"]):
            namen[str(code).strip().zfill(lengte)] = collapse_spaces(naam)
    return namen


def reeks(frame: pd.DataFrame, namen: dict[str, str], *, file) -> pd.DataFrame:
    """Per BRC code and year the working population (whole persons), from the dump (or live table) of 85276NED."""
    require_columns(frame, [*TOTALEN, "Beroep", "Perioden"], file=file)
    kolom = resolve_stems(list(frame.columns), {"werkzaam": "WerkzameBeroepsbevolking"}, file=file)["werkzaam"]
    totaal = frame
    for dimensie, waarde in TOTALEN.items():
        totaal = totaal[totaal[dimensie].map(collapse_spaces) == waarde]
    titels = totaal["Beroep"].map(collapse_spaces)
    codes = titels.str.extract(TITEL, expand=False).mask(titels == TOTAAL, "totaal")
    brc = totaal[codes.notna()]  # the others are the ISCO levels: not an occupation
    codes = codes[codes.notna()]
    onbekend = ~codes.isin([*namen, "totaal"])
    if onbekend.any():
        positie = frame.index.get_loc(codes[onbekend].index[0])
        raise SchemaError("begint met een BRC-code die niet in de BRC 2014-indeling staat", file=file, line=positie + 2,
                          column="Beroep", value=brc.loc[codes[onbekend].index[0], "Beroep"])
    periode = perioden(brc["Perioden"], file=file)
    jaren = periode["kwartaal"].isna()
    result = pd.DataFrame({
        "brc_code": codes[jaren].values,
        "jaar": periode.loc[jaren, "jaar"].values,
        "werkzame_beroepsbevolking": duizendtallen(to_number(brc.loc[jaren, kolom], file=file, column=kolom)).values,
    })
    result["brc_niveau"] = result["brc_code"].str.len().map(NIVEAU).where(result["brc_code"] != "totaal", "totaal")
    result["brc_naam"] = result["brc_code"].map({**namen, "totaal": "Alle beroepen"})
    dubbel = result.duplicated(["brc_code", "jaar"])
    if dubbel.any():
        raise BuildError(f"beroep {result.loc[dubbel, 'brc_code'].iloc[0]} staat twee keer in jaar "
                         f"{result.loc[dubbel, 'jaar'].iloc[0]}", file=file)
    result["jaar"] = result["jaar"].astype("Int64")
    result["werkzame_beroepsbevolking"] = result["werkzame_beroepsbevolking"].astype("Float64")
    return result[COLUMNS].sort_values(["brc_code", "jaar"]).reset_index(drop=True)


def build(ctx) -> tuple[pd.DataFrame, list[str]]:
    """The `beroepen_trend` table and the checks done."""
    namen = brc_namen(ctx.read(CLASSIFICATIE), file=ctx.file_label(CLASSIFICATIE))
    tabel = reeks(dump_of(ctx, BRON), namen, file=ctx.file_label(BRON))
    groepen = tabel[tabel["brc_niveau"] == "beroepsgroep"]
    if groepen.empty:
        raise BuildError("geen enkele BRC-beroepsgroep gevonden", file=ctx.file_label(BRON))
    laatste = groepen.groupby("brc_code")["jaar"].max()
    return tabel, [f"beroepen_trend: {groepen['brc_code'].nunique()} beroepsgroepen, jaren "
                   f"{int(tabel['jaar'].min())}–{int(tabel['jaar'].max())}; {int((laatste < laatste.max()).sum())} "
                   "reeksen stoppen eerder (mirror afgekapt)"]
