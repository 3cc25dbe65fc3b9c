"""Vacancies per SBI sector (CBS): Nederland every quarter since 1997, provincies for the sectors CBS publishes.

Reads four CBS tables (mirror dump or live, see `cbs_titels.dump_of`):

- 80472NED open, new (ontstane) and filled (vervulde) vacancies per sector, branche and company size;
- 80567NED the vacancy rate: open vacancies per 1.000 jobs (banen) per sector;
- 80474NED open vacancies, seasonally adjusted;
- 83599NED open vacancies per provincie (the lowest level CBS publishes: no arbeidsmarktregio's).

Output (table `vacatures`): one row per area × sector × period. Vacancies in whole numbers (the sources
count in thousands); the rate as published. An empty cell (CBS `.`: secret or unknown) stays missing.
The mirror's 83599NED is cut off after 10.000 rows: a provincie series is kept only when it has every
period that Nederland's total has, so a cut-off sector is left out rather than shown in part.
These are vacancies, not a tension indicator: there is no supply side (job seekers) in them.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash.build.cbs_titels import dump_of, duizendtallen, perioden
from llo_dash.build.indeling import NEDERLAND_CODE, NEDERLAND_NAAM, Indeling
from llo_dash.errors import BuildError, SchemaError
from llo_dash.ingest.readers import collapse_spaces, require_columns, resolve_stems, to_number

# source id → (sector dimension, {output column: topic key stem}); the region dimension only in 83599NED.
TABELLEN = {
    "vacatures_sbi": ("Bedrijfskenmerken", {"openstaande_vacatures": "OpenstaandeVacatures",
                                            "ontstane_vacatures": "OntstaneVacatures",
                                            "vervulde_vacatures": "VervuldeVacatures"}),
    "vacaturegraad_sbi": ("SBI2008", {"vacaturegraad": "Vacaturegraad"}),
    "vacatures_seizoen": ("SBI2008PartBedrijvenOverheid", {"vacatures_seizoengecorrigeerd": "VacaturesSeizoengecorrigeerd"}),
}
PROVINCIE_BRON = "vacatures_provincie"
PROVINCIE_DIM = "BedrijfstakkenBranchesSBI2008"
AANTALLEN = ("openstaande_vacatures", "ontstane_vacatures", "vervulde_vacatures", "vacatures_seizoengecorrigeerd")
WAARDEN = (*AANTALLEN[:3], "vacaturegraad", AANTALLEN[3])
COLUMNS = ["gebied_code", "gebied_naam", "niveau", "sbi_code", "sbi_naam", "sbi_soort", "periode", "jaar", "kwartaal",
           *WAARDEN]

SECTIE = re.compile(r"^[A-U]$")
SECTIES_SAMEN = re.compile(r"^[A-U]-[A-U]$")
BRANCHE = re.compile(r"^\d{2,5}(-\d{2,5})?$")
TOTAAL = "A-U"


def sbi(titel: str) -> tuple[str, str, str]:
    """An SBI title → (code, name, kind): "C Industrie" → ("C", "Industrie", "sectie"); other rows
    (company size, private/public) keep their title as code and are of kind "overig"."""
    titel = collapse_spaces(titel)
    code, _, naam = titel.partition(" ")
    if code == TOTAAL:
        return code, naam, "totaal"
    for pattern, soort in ((SECTIE, "sectie"), (SECTIES_SAMEN, "secties samen"), (BRANCHE, "branche")):
        if pattern.match(code):
            return code, naam, soort
    return titel, titel, "overig"


def _lees(frame: pd.DataFrame, sector_dim: str, topics: dict[str, str], *, file, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """One table as rows sector × period (× region) with numbers; the key is checked to be unique."""
    require_columns(frame, [sector_dim, "Perioden", *extra], file=file)
    kolommen = resolve_stems(list(frame.columns), topics, file=file)
    result = perioden(frame["Perioden"], file=file)
    parsed = pd.DataFrame([sbi(titel) for titel in frame[sector_dim]], index=frame.index,
                          columns=["sbi_code", "sbi_naam", "sbi_soort"], dtype="string")
    result = result.join(parsed)
    for dim in extra:
        result[dim] = frame[dim].map(collapse_spaces)
    for naam, kolom in kolommen.items():
        getal = to_number(frame[kolom], file=file, column=kolom)
        result[naam] = duizendtallen(getal) if naam in AANTALLEN else getal
    sleutel = ["sbi_code", "periode", *extra]
    dubbel = result.duplicated(sleutel)
    if dubbel.any():
        eerste = result[dubbel].iloc[0]
        raise SchemaError("komt meer dan eens voor met dezelfde periode", file=file, line=int(dubbel.idxmax()) + 2,
                          column=sector_dim, value=f"{eerste['sbi_code']} {eerste['periode']}")
    return result


def nederland(ctx) -> pd.DataFrame:
    """Nederland: the three national tables joined on sector and period (outer: each keeps what it has)."""
    delen = []
    for source_id, (dim, topics) in TABELLEN.items():
        delen.append(_lees(dump_of(ctx, source_id), dim, topics, file=ctx.file_label(source_id)))
    sleutel = ["sbi_code", "periode"]
    joined = delen[0]
    for deel in delen[1:]:
        joined = joined.merge(deel, on=sleutel, how="outer", suffixes=("", "_r"))
        for column in ("jaar", "kwartaal", "sbi_naam", "sbi_soort"):
            joined[column] = joined[column].fillna(joined.pop(f"{column}_r"))
    joined["gebied_code"], joined["gebied_naam"], joined["niveau"] = NEDERLAND_CODE, NEDERLAND_NAAM, "nederland"
    return joined


def provincies(ctx, indeling: Indeling) -> tuple[pd.DataFrame, list[str]]:
    """Open vacancies per provincie (83599NED); names → PV codes through 86059NED; complete series only.

    Checked: for A-U the 12 provincies add up to Nederland (each rounded to 0,1 duizend: at most 13 × 50 apart)."""
    file = ctx.file_label(PROVINCIE_BRON)
    frame = _lees(dump_of(ctx, PROVINCIE_BRON), PROVINCIE_DIM, {"openstaande_vacatures": "OpenstaandeVacatures"},
                  file=file, extra=("RegioS",))
    namen = indeling.gemeenten.drop_duplicates("provincie_code")
    codes = {f"{naam} (PV)": code for naam, code in zip(namen["provincie_naam"], namen["provincie_code"])}
    is_provincie = frame["RegioS"].str.endswith("(PV)")
    onbekend = is_provincie & ~frame["RegioS"].isin(codes)
    if onbekend.any():
        raise BuildError(f"provincie '{frame.loc[onbekend, 'RegioS'].iloc[0]}' komt niet voor in de indeling 2025 "
                         "(86059NED)", file=file)
    alle_perioden = set(frame.loc[(frame["RegioS"] == NEDERLAND_NAAM) & (frame["sbi_code"] == TOTAAL), "periode"])
    result = frame[is_provincie].copy()
    if set(result["RegioS"].map(codes)) != set(codes.values()):
        raise BuildError(f"niet alle provincies van de indeling staan in de tabel ({len(set(result['RegioS']))} gevonden)", file=file)
    result["gebied_code"] = result["RegioS"].map(codes)
    result["gebied_naam"] = result.pop("RegioS").str.removesuffix(" (PV)")
    result["niveau"] = "provincie"
    compleet = result.groupby(["gebied_code", "sbi_code"])["periode"].transform(lambda p: set(p) >= alle_perioden)
    totaal = frame[frame["sbi_code"] == TOTAAL]
    som = totaal[totaal["RegioS"].str.endswith("(PV)")].groupby("periode")["openstaande_vacatures"].sum(min_count=len(codes))
    nl = totaal[totaal["RegioS"] == NEDERLAND_NAAM].set_index("periode")["openstaande_vacatures"]
    verschil = (som - nl.reindex(som.index)).abs()
    if verschil.isna().all() or (verschil > 650).any():
        raise BuildError("Controle: de provincies tellen voor A-U niet op tot Nederland (verschil meer dan 650 "
                         f"in {verschil.idxmax() if verschil.notna().any() else 'elk kwartaal'})", file=file)
    done = [f"vacatures per provincie: {len(codes)} provincies = Nederland binnen de afronding in {int(verschil.notna().sum())} kwartalen"]
    return result[compleet.astype(bool)], done


def check(tabel: pd.DataFrame) -> list[str]:
    """The sections add up to A-U (within the rounding of the published thousands)."""
    nl = tabel[(tabel["niveau"] == "nederland") & tabel["kwartaal"].notna()]
    secties = nl[nl["sbi_soort"] == "sectie"].groupby("periode")["openstaande_vacatures"]
    som = secties.sum(min_count=1).where(secties.count() == secties.size())  # a quarter with a secret section: no check
    totaal = nl[nl["sbi_code"] == TOTAAL].set_index("periode")["openstaande_vacatures"]
    verschil = (som - totaal.reindex(som.index)).abs().dropna()
    # 19 sections and the total, each rounded to 0,1 duizend: at most 20 × 50 apart.
    if verschil.empty or (verschil > 1000).any():
        periode = verschil.idxmax() if not verschil.empty else "geen enkel kwartaal"
        raise BuildError(f"Controle vacatures (80472NED): de som van de secties wijkt in {periode} meer dan 1.000 af "
                         "van A-U Alle economische activiteiten.")
    return [f"vacatures: som van de secties = A-U binnen de afronding in {len(verschil)} kwartalen"]


def build(ctx, indeling: Indeling) -> tuple[pd.DataFrame, list[str]]:
    """The `vacatures` table and the checks done."""
    per_provincie, done = provincies(ctx, indeling)
    tabel = pd.concat([nederland(ctx), per_provincie], ignore_index=True)
    tabel = tabel.reindex(columns=COLUMNS)
    for column in WAARDEN:
        tabel[column] = tabel[column].astype("Float64")
    tabel = tabel.sort_values(["niveau", "gebied_code", "sbi_code", "jaar", "kwartaal"], na_position="first")
    return tabel.reset_index(drop=True), check(tabel) + done
