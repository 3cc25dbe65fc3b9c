"""Table `trends`: indicators over all periods in the mirror, on the 2025 indeling, in long form.

One row per area (gemeente, arbeidsmarktregio, Nederland), indicator and period: code, niveau,
arbeidsmarktregio_code, indicator, periode, waarde, eenheid, bron, toelichting.

What is in it, and why only this (see the SOURCES.md of the mirror; many files are the first
10 000 rows of a table):

- 86088NED werkloosheid and netto arbeidsparticipatie 2013–2024: CBS publishes the whole series
  on the regional indeling 2024, whose arbeidsmarktregio's hold the same gemeenten as 2025
  (`llo_dash.build.samenstelling`), so CBS's own region and Nederland figures are used.
- 85383NED bijstandsuitkeringen and huishoudens met een relatief laag inkomen 2023–2025 (per
  period the definitive figure where CBS has one, else the provisional one): regions and
  Nederland are the sum of their 2025 gemeenten.
- 85554NED personen met WW per maand, arbeidsmarktregio and Nederland only, from January 2017:
  before that CBS used other regions (IJsselvechtstreek, Zuid-Kennemerland, Food Valley), which
  are not joined to today's.

- 85525NED inwoners 15–75 and laag/middelbaar/hoog opgeleid 2013–2023 and 83582NED banen van
  werknemers (december) 2013–2023: their older periods hold former gemeenten (Heerhugowaard and
  Langedijk before Dijk en Waard), summed onto the 2025 gemeenten through the code history
  (`llo_dash.build.herindeling`); percentages are recomputed from the summed counts. Regions are the
  sum of their 2025 gemeenten, Nederland is CBS's own figure. Jobs from December 2010: the code
  history covers every change from 1 January 2011 on.
"""

from __future__ import annotations

import re

import pandas as pd

from llo_dash.build.cbs_slices import Slice, slice_from_dump
from llo_dash.build.context import BuildContext
from llo_dash.build.herindeling import (bestond, gemeente_codes_2025, herindelingen, regio_splitsingen, regio_toelichting,
                                        regio_van_naam, som_op_indeling_2025, volledige_som)
from llo_dash.build.indeling import NEDERLAND_CODE, NEDERLAND_NAAM, Indeling, level_of_code
from llo_dash.errors import SchemaError
from llo_dash.ingest.readers import collapse_spaces, resolve_stems, to_number

COLUMNS = ["code", "niveau", "arbeidsmarktregio_code", "indicator", "periode", "waarde", "ondergrens", "bovengrens", "eenheid",
           "bron", "toelichting"]  # ondergrens/bovengrens: the margin of an estimate, empty for CBS figures
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
# Arbeidsmarktregio's CBS used before today's (85554NED); their figures are left out, not joined.
FORMER_REGIONS = {"IJsselvechtstreek (AM)", "Zuid-Kennemerland (AM)", "Food Valley (AM)"}
WW_FROM = 2017
HERINDELING_FROM = 2010  # the first data year `reference/gemeente_herindelingen.csv` covers (changes from 2011 on)
# 85525NED: the education shares (% of inwoners 15–75) as counts, so merged areas can be recomputed.
ONDERWIJS_PCT = {"laag_opgeleid_pct": "k_1BasisonderwijsVmboMbo1", "middelbaar_opgeleid_pct": "k_2HavoVwoMbo24",
                 "hoog_opgeleid_pct": "k_3HboWo"}


def parse_periode(label: str) -> str:
    """A CBS period title as a sortable code: '2023' → '2023', '2024 maart' → '2024-03',
    '2013 1e kwartaal' → '2013-K1'; spaces around and inside (`'2015 '`, `'2024  november'`) do not matter."""
    text = collapse_spaces(str(label)).strip().lower()
    if re.fullmatch(r"\d{4}", text):
        return text
    quarter = re.fullmatch(r"(\d{4}) ([1-4])e kwartaal", text)
    if quarter:
        return f"{quarter[1]}-K{quarter[2]}"
    month = re.fullmatch(r"(\d{4}) ([a-z]+)", text)
    if month and month[2] in MAANDEN:
        return f"{month[1]}-{MAANDEN.index(month[2]) + 1:02d}"
    raise SchemaError("is geen periode die het dashboard kent (jaar, '2024 maart' of '2013 1e kwartaal')", column="Perioden", value=label)


def jaar(periode: str) -> int:
    return int(periode[:4])


def _titles(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(sorted({collapse_spaces(str(title)).strip() for title in frame["Perioden"]}))


def _long(values: pd.DataFrame, indicator: str, eenheid: str, bron: str, toelichting: str) -> pd.DataFrame:
    """From a slice indexed by (code, Perioden) with one value column `indicator` to rows of the long table."""
    frame = values.reset_index().rename(columns={indicator: "waarde"})
    frame["periode"] = frame["Perioden"].map(parse_periode)
    frame = frame.assign(indicator=indicator, eenheid=eenheid, bron=bron, toelichting=toelichting)
    return frame[["code", "niveau", "indicator", "periode", "waarde", "eenheid", "bron", "toelichting"]]


def _regions_summed(gemeenten: pd.DataFrame, indeling: Indeling, toelichting: str) -> pd.DataFrame:
    """Arbeidsmarktregio and Nederland rows as the sum of the 2025 gemeenten (missing when one is missing)."""
    region_of = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"]
    keys = ["indicator", "periode", "eenheid", "bron"]
    rows = []
    for niveau, group_code in (("arbeidsmarktregio", gemeenten["code"].map(region_of)), ("nederland", NEDERLAND_CODE)):
        grouped = gemeenten.assign(_groep=group_code).groupby(["_groep", *keys])["waarde"]
        sums = grouped.sum(min_count=1).where(grouped.count() == grouped.size())
        frame = sums.reset_index().rename(columns={"_groep": "code"})
        rows.append(frame.assign(niveau=niveau, toelichting=toelichting))
    return pd.concat(rows)


def arbeid(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    frame = ctx.read("arbeidsdeelname")
    frame = frame[frame["Persoonskenmerken"].str.strip() == "Totaal personen"]
    topics = {"werkloosheid_pct": "Werkloosheidspercentage", "netto_arbeidsparticipatie_pct": "NettoArbeidsparticipatie"}
    values = slice_from_dump(frame, Slice(dims={"Perioden": _titles(frame)}, topics=topics, keep=("Perioden",)), indeling,
                             file=ctx.file_label("arbeidsdeelname"))
    note = ("Enquêtecijfer (EBB), door CBS gepubliceerd per gemeente, arbeidsmarktregio en Nederland op de regionale "
            "indeling 2024 (dezelfde gemeenten per arbeidsmarktregio als 2025).")
    return pd.concat(_long(values[[name, "niveau"]], name, "%", "arbeidsdeelname", note) for name in topics)


def fvw(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    frame = ctx.read("maatstaven_fvw")
    topics = {"bijstandsuitkeringen": ("TotaalBijstandsuitkeringen", "uitkeringen"),
              "huishoudens_laag_inkomen": ("HuishoudensMetRelatiefLaagInkomen", "huishoudens")}
    spec = Slice(dims={"Perioden": _titles(frame), "StatusCijfer": ("Definitief", "Voorlopig")},
                 topics={name: stem for name, (stem, _) in topics.items()}, keep=("Perioden", "StatusCijfer"))
    values = slice_from_dump(frame, spec, indeling, file=ctx.file_label("maatstaven_fvw")).reset_index()
    values = values[values["niveau"] == "gemeente"]
    parts = []
    for name, (_, eenheid) in topics.items():
        filled = values[values[name].notna()]
        # Per period one status for every gemeente: definitive where CBS has it, else provisional.
        status = filled.groupby("Perioden")["StatusCijfer"].agg(lambda s: "Definitief" if (s == "Definitief").any() else "Voorlopig")
        chosen = filled[filled["StatusCijfer"] == filled["Perioden"].map(status)]
        long = _long(chosen.set_index(["code", "Perioden"])[[name, "niveau"]], name, eenheid, "maatstaven_fvw", "")
        long["toelichting"] = chosen["StatusCijfer"].str.lower().map(lambda s: f"Maatstaf Financiële-verhoudingswet, {s} cijfer.").to_numpy()
        parts += [long, _regions_summed(long, indeling, "Som van de gemeenten van 2025.")]
    return pd.concat(parts)


def ww(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    frame = ctx.read("ww_regio")
    names = frame["RegioS"].str.strip()
    periods = frame["Perioden"].map(parse_periode)
    frame = frame[~names.isin(FORMER_REGIONS) & (periods.str[:4].astype(int) >= WW_FROM)]
    spec = Slice(dims={"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "Totaal", "Marges": "Waarde",
                       "Perioden": _titles(frame)}, topics={"ww_personen": "PersonenMetEenWerkloosheidsuitkering"}, keep=("Perioden",))
    values = slice_from_dump(frame, spec, indeling, file=ctx.file_label("ww_regio"))
    note = (f"CBS-cijfer per arbeidsmarktregio, afgerond op tientallen; vanaf januari {WW_FROM}: daarvoor gebruikte CBS "
            "andere regio's. Niet per gemeente.")
    return _long(values[["ww_personen", "niveau"]], "ww_personen", "personen", "ww_regio", note)


def _per_gemeente_2025(ctx: BuildContext, source_id: str, dims: dict[str, str], stems: dict[str, str],
                       indeling: Indeling, aandelen: tuple[str, ...] = ()) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The selected rows of a dump per 2025 gemeente and year from 2010 (former gemeenten summed into their
    successor), per 2025 arbeidsmarktregio (`_regio_som`), and CBS's Nederland row per year; all wide: code,
    jaar, one column per stem. `aandelen` are percentages of the first stem, turned into counts before summing."""
    frame, file = ctx.read(source_id), ctx.file_label(source_id)
    for dim, title in dims.items():
        frame = frame[frame[dim].map(collapse_spaces) == title]
    dubbel = frame.duplicated(["RegioS", "Perioden"], keep="first")
    if dubbel.any():
        # line: the frame keeps the file's row order; +2 for the header line and counting from 1
        rij = frame.index[dubbel.to_numpy()][0]
        raise SchemaError("komt twee keer voor met dezelfde periode; elk gebied hoort per periode één rij te hebben",
                          file=file, line=int(rij) + 2, column="RegioS", value=frame.at[rij, "RegioS"].strip())
    columns = resolve_stems(list(frame.columns), stems, file=file)
    values = pd.DataFrame({name: to_number(frame[column], file=file, column=column) for name, column in columns.items()})
    base = next(iter(stems))
    for name in aandelen:
        values[name] = values[name] * values[base] / 100
    values["jaar"] = frame["Perioden"].map(lambda label: jaar(parse_periode(label)))
    names = frame["RegioS"].str.strip()
    values, names = values[values["jaar"] >= HERINDELING_FROM], names[values["jaar"] >= HERINDELING_FROM]
    nederland = values[names == NEDERLAND_NAAM].assign(code=NEDERLAND_CODE)
    herindeling = herindelingen()
    has_data = values[list(stems)].notna().any(axis=1)
    codes = gemeente_codes_2025(names, indeling, herindeling, has_data, file=file)
    exists = bestond(names, values["jaar"], has_data, indeling, herindeling)
    gemeenten = som_op_indeling_2025(values, codes, exists, indeling, herindeling, list(stems))
    regios = _regio_som(values, regio_van_naam(codes, names, indeling, herindeling), exists, indeling, herindeling, list(stems))
    return gemeenten, regios, nederland


def _regio_som(values: pd.DataFrame, regions: pd.Series, exists: pd.Series, indeling: Indeling,
               herindeling: pd.DataFrame, kolommen: list[str]) -> pd.DataFrame:
    """Per 2025 arbeidsmarktregio and year the sum of every CBS gemeente row that counts towards it (missing
    when one of them is missing). A gemeente split over gemeenten of one region counts as a whole, so that
    region keeps its years before the split; a split over several regions leaves those years missing."""
    frame = values.assign(code=regions.to_numpy())[exists.to_numpy()].dropna(subset=["code"])
    sums = volledige_som(frame.groupby(["code", "jaar"])[kolommen])
    grid = pd.MultiIndex.from_product([sorted(indeling.regios["arbeidsmarktregio_code"]), sorted(values["jaar"].unique())],
                                      names=["code", "jaar"])
    sums = sums.reindex(grid).reset_index()
    sums["toelichting"] = "Som van de gemeenten van 2025; voormalige gemeenten opgeteld bij hun opvolger."
    for code, splits in regio_splitsingen(herindeling, indeling).items():
        splits = [split for split in splits if split[0] > values["jaar"].min()]  # earlier splits change nothing
        if not splits:
            continue
        of_code = sums["code"] == code
        for jaar_, _, binnen in splits:
            if not binnen:
                sums.loc[of_code & (sums["jaar"] < jaar_), kolommen] = float("nan")
        sums.loc[of_code, "toelichting"] += " " + regio_toelichting(splits)
    return sums


def _lang_per_jaar(wide: pd.DataFrame, indicatoren: dict[str, str], bron: str, toelichting: str) -> pd.DataFrame:
    """Wide rows (code, jaar, toelichting, indicator columns) as rows of the long table; `toelichting` is prefixed."""
    parts = []
    for indicator, eenheid in indicatoren.items():
        frame = wide[["code", "jaar", "toelichting", indicator]].rename(columns={indicator: "waarde"})
        notes = (toelichting + " " + frame["toelichting"].fillna("")).str.strip()
        parts.append(frame.assign(indicator=indicator, periode=frame["jaar"].astype(str), eenheid=eenheid, bron=bron,
                                  toelichting=notes, niveau=frame["code"].map(level_of_code)))
    return pd.concat(parts)


def onderwijs(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    dims = {"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "15 tot 75 jaar"}
    # Shares are summed as counts (share × inwoners) and divided again: one computation for every area.
    gemeenten, regios, nederland = _per_gemeente_2025(ctx, "onderwijsniveau", dims,
                                                      {"inwoners_15_75": "Bevolking", **ONDERWIJS_PCT}, indeling,
                                                      aandelen=tuple(ONDERWIJS_PCT))
    for wide in (gemeenten, regios, nederland):
        for name in ONDERWIJS_PCT:
            wide[name] = (wide[name] / wide["inwoners_15_75"] * 100).round(1)
    nederland["toelichting"] = "Landelijk cijfer van CBS."
    indicatoren = {"inwoners_15_75": "personen", **dict.fromkeys(ONDERWIJS_PCT, "%")}
    note = "Enquêtecijfer (EBB en registers), afgerond op honderdtallen; aandelen herberekend uit de opgetelde aantallen."
    return pd.concat(_lang_per_jaar(wide, indicatoren, "onderwijsniveau", note) for wide in (gemeenten, regios, nederland))


def banen(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    dims = {"BedrijfstakkenBranchesSBI2008": "A-U Alle economische activiteiten"}
    gemeenten, regios, nederland = _per_gemeente_2025(ctx, "banen", dims, {"banen_werknemers": "BanenVanWerknemersInDecember"},
                                                      indeling)
    nederland["toelichting"] = "Landelijk cijfer van CBS."
    for wide in (gemeenten, regios, nederland):
        wide["banen_werknemers"] = (wide["banen_werknemers"] * 1000).round()  # CBS publishes × 1 000
    note = "Banen van werknemers in december, naar werklocatie; CBS publiceert afgerond op honderdtallen."
    return pd.concat(_lang_per_jaar(wide, {"banen_werknemers": "banen"}, "banen", note) for wide in (gemeenten, regios, nederland))


def build(ctx: BuildContext, indeling: Indeling, gebieden: pd.DataFrame | None = None) -> pd.DataFrame:
    """The long table `trends`, sorted by indicator, area and period; with `gebieden` (today's table, with the
    estimate) also the low-literacy estimate per year (`llo_dash.build.trends_schatting`)."""
    from llo_dash.build import trends_bevolking, trends_schatting  # they build on this module's helpers

    parts = [arbeid(ctx, indeling), fvw(ctx, indeling), ww(ctx, indeling), onderwijs(ctx, indeling), banen(ctx, indeling),
             trends_bevolking.build(ctx, indeling)]
    if gebieden is not None:
        parts.append(trends_schatting.build(ctx, indeling, gebieden))
    table = pd.concat([part.drop(columns="jaar", errors="ignore") for part in parts], ignore_index=True)
    for grens in ("ondergrens", "bovengrens"):
        table[grens] = table[grens].astype("Float64") if grens in table else pd.array([pd.NA] * len(table), dtype="Float64")
    region_of = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"]
    table["arbeidsmarktregio_code"] = table["code"].map(region_of).where(table["niveau"] == "gemeente", table["code"])
    table.loc[table["niveau"] == "nederland", "arbeidsmarktregio_code"] = None
    table["waarde"] = table["waarde"].astype("Float64")
    table = table.dropna(subset=["waarde"])
    return table[COLUMNS].sort_values(["indicator", "niveau", "code", "periode"]).reset_index(drop=True)
