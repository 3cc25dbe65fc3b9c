"""Benefits, low income, jobs and business establishments.

- 85383NED (Fvw measures): bijstandsuitkeringen (definitief 2024), households with a
  relatively low income (voorlopig 2023), bedrijfsvestigingen (voorlopig 2024): all gemeenten.
- Persons with bijstand / WW / AO: per gemeente only for the 100 gemeenten of the KWB 2024
  export in the mirror; per wijk/buurt from 86003NED (48 gemeenten); WW per
  arbeidsmarktregio from 85554NED (average of the 12 months of 2024).
- Households (income statistics 2024) for the low-income share.
- 83582NED: jobs of employees by work location, December 2023 (in thousands).
- KWB 2024: bedrijfsvestigingen per sector group, 172 gemeenten and their wijken/buurten.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.cbs_slices import Slice, load_slice, split_levels
from llo_dash.build.context import BuildContext, Part, reasons
from llo_dash.build.indeling import NEDERLAND_CODE, Indeling, map_region_names
from llo_dash.errors import BuildError, FileLabel, SchemaError
from llo_dash.indicators import SECTOREN
from llo_dash.ingest.readers import column_stem, find_header, require_columns, to_number
from llo_dash.redenen import reden

FVW_SLICES = {
    "bijstandsuitkeringen": Slice(
        dims={"StatusCijfer": "Definitief", "Perioden": "2024"}, topics={"bijstandsuitkeringen": "TotaalBijstandsuitkeringen"}
    ),
    "huishoudens_laag_inkomen": Slice(
        dims={"StatusCijfer": "Voorlopig", "Perioden": "2023"}, topics={"huishoudens_laag_inkomen": "HuishoudensMetRelatiefLaagInkomen"}
    ),
    "bedrijfsvestigingen": Slice(
        dims={"StatusCijfer": "Voorlopig", "Perioden": "2024"}, topics={"bedrijfsvestigingen": "Bedrijfsvestigingen"}
    ),
}
BANEN = Slice(
    dims={"BedrijfstakkenBranchesSBI2008": "A-U Alle economische activiteiten", "Perioden": "2023 december"},
    topics={"banen_werknemers": "BanenVanWerknemersInDecember"},
)
MONTHS_2024 = tuple(
    f"2024 {month}"
    for month in ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
)
WW_REGIO = Slice(
    dims={"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "Totaal", "Marges": "Waarde", "Perioden": MONTHS_2024},
    topics={"ww_personen": "PersonenMetEenWerkloosheidsuitkering"},
    keep=("Perioden",),
)
KWB_BENEFITS = {"bijstand_personen": "Bijstand", "ao_personen": "AO", "ww_personen": "WW"}
WIJK_BENEFITS = {"ww_personen": "Werkloosheidsuitkering", "bijstand_personen": "Bijstandsuitkering", "ao_personen": "Arbeidsongeschiktheidsuitkering"}
SECTOR_TOPICS = {
    "vestigingen_totaal": "BedrijfsvestigingenTotaal",
    "vestigingen_a_landbouw": "ALandbouwBosbouwEnVisserij",
    "vestigingen_bf_nijverheid_energie": "BFNijverheidEnEnergie",
    "vestigingen_gi_handel_horeca": "GIHandelEnHoreca",
    "vestigingen_hj_vervoer_informatie": "HJVervoerInformatieEnCommunicatie",
    "vestigingen_kl_financieel_onroerend_goed": "KLFinancieleDienstenOnroerendGoed",
    "vestigingen_mn_zakelijke_dienstverlening": "MNZakelijkeDienstverlening",
    "vestigingen_oq_overheid_onderwijs_zorg": "OQOverheidOnderwijsEnZorg",
    "vestigingen_ru_cultuur_recreatie_overig": "RUCultuurRecreatieOverigeDiensten",
}
assert set(SECTOR_TOPICS) - {"vestigingen_totaal"} == set(SECTOREN)



def _levels(frame: pd.DataFrame, indeling: Indeling, *, file: FileLabel) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    levels = split_levels(frame, indeling, file=file)
    published = [levels[level] for level in ("arbeidsmarktregio", "nederland") if levels[level] is not None]
    return levels["gemeente"], (pd.concat(published) if published else None)


def fvw(ctx: BuildContext, indeling: Indeling) -> Part:
    gemeente, published = [], []
    for name, spec in FVW_SLICES.items():
        frame = load_slice(ctx, "maatstaven_fvw", spec, indeling)
        part_gemeente, part_published = _levels(frame, indeling, file=ctx.file_label("maatstaven_fvw"))
        gemeente.append(part_gemeente[[name]])
        if part_published is not None:
            published.append(part_published[[name]])
    return Part(gemeente=pd.concat(gemeente, axis=1), published=pd.concat(published, axis=1) if published else None)


def banen(ctx: BuildContext, indeling: Indeling) -> Part:
    gemeente, published = _levels(load_slice(ctx, "banen", BANEN, indeling), indeling, file=ctx.file_label("banen"))
    # Published in thousands with one decimal: convert to jobs.
    return Part(gemeente=(gemeente * 1000).round(), published=(published * 1000).round() if published is not None else None)


def ww_regio(ctx: BuildContext, indeling: Indeling) -> pd.DataFrame:
    """Average monthly number of persons with WW in 2024, per arbeidsmarktregio and Nederland."""
    frame = load_slice(ctx, "ww_regio", WW_REGIO, indeling).reset_index()
    frame = frame[frame["niveau"].isin(["arbeidsmarktregio", "nederland"])]
    months = frame.groupby("code")["ww_personen"].count()
    incomplete = months[months != len(MONTHS_2024)]
    if not incomplete.empty:
        raise BuildError(f"voor {incomplete.index[0]} ontbreken maanden van 2024", file=ctx.file_label("ww_regio"))
    missing = indeling.regio_codes() - set(frame["code"])
    if missing:
        raise BuildError(f"arbeidsmarktregio's ontbreken: {', '.join(sorted(missing))}", file=ctx.file_label("ww_regio"))
    return frame.groupby("code")[["ww_personen"]].mean().round()


def kwb_gemeente_benefits(frame: pd.DataFrame, indeling: Indeling, *, file: FileLabel | str) -> pd.DataFrame:
    """Persons per benefit type for the gemeenten in the (partial) KWB export."""
    headers = {name: find_header(list(frame.columns), f"Personen per soort uitkering; {kind}", file=file) for name, kind in KWB_BENEFITS.items()}
    values = pd.DataFrame(
        {name: to_number(frame[header], decimal_comma=True, file=file, column=header) for name, header in headers.items()}
    )
    values["naam"] = frame.iloc[:, 0].values
    mapped = map_region_names(values, "naam", indeling, list(KWB_BENEFITS), file=file)
    if set(mapped["niveau"]) - {"gemeente"}:
        raise SchemaError("verwacht alleen gemeenten", file=file)
    return mapped.set_index("code")[list(KWB_BENEFITS)]


def _count_column(frame: pd.DataFrame, stem: str, *, file: FileLabel | str) -> str:
    """The column with persons for a benefit: in 86003NED each stem occurs twice (persons and %)."""
    candidates = [column for column in frame.columns if column_stem(column) == stem]
    nederland = frame[frame["Codering_3"].str.strip() == "NL01"] if "Codering_3" in frame else frame.iloc[:0]
    for column in candidates:
        values = to_number(nederland[column], file=file, column=column)
        if values.notna().any() and values.max() > 100:  # a count for the Netherlands, not a percentage
            return column
    raise SchemaError(f"geen kolom met aantallen personen voor '{stem}'", file=file)


def wijk_benefits(frame: pd.DataFrame, *, file: FileLabel | str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Persons with WW, bijstand and AO in September 2024: per wijk/buurt, and the Nederland row."""
    require_columns(frame, ["Perioden", "Codering_3", "SoortRegio_2"], file=file)
    september = frame[frame["Perioden"].str.strip() == "2024 september"]
    if september.empty:
        raise SchemaError("periode '2024 september' ontbreekt", file=file, column="Perioden")
    columns = {name: _count_column(september, stem, file=file) for name, stem in WIJK_BENEFITS.items()}
    values = pd.DataFrame({name: to_number(september[column], file=file, column=column) for name, column in columns.items()})
    values.index = september["Codering_3"].str.strip().values
    soort = september["SoortRegio_2"].str.strip().values
    klein = values[pd.Series(soort, index=values.index).isin(["Wijk", "Buurt"]).values]
    if "NL01" not in values.index:
        raise SchemaError("de rij Nederland (NL01) ontbreekt voor september 2024", file=file)
    nederland = values.loc[["NL01"]].rename(index={"NL01": NEDERLAND_CODE})
    return klein, nederland


def uitkeringen(ctx: BuildContext, indeling: Indeling) -> Part:
    """Persons with bijstand, WW and AO where the partial sources have them; WW per region from 85554NED.

    Both partial sources are optional: without one, its values stay missing (never 0) with the reason.
    """
    empty = pd.DataFrame(columns=list(KWB_BENEFITS), index=pd.Index([], dtype=object), dtype="Float64")
    gemeenten_file = ctx.read_partial("kwb_2024_gemeenten_100")
    if gemeenten_file is None:
        gemeente = empty
    else:
        gemeente = kwb_gemeente_benefits(gemeenten_file, indeling, file=ctx.file_label("kwb_2024_gemeenten_100"))
    wijken_file = ctx.read_partial("uitkeringen_wijken")
    if wijken_file is None:
        klein, nederland = empty, empty
    else:
        klein, nederland = wijk_benefits(wijken_file, file=ctx.file_label("uitkeringen_wijken"))
    regio = ww_regio(ctx, indeling)
    published = pd.concat([nederland.drop(columns="ww_personen").reindex([NEDERLAND_CODE]), regio.loc[[NEDERLAND_CODE]]], axis=1)
    published = pd.concat([published, regio.drop(index=NEDERLAND_CODE)])
    if gemeenten_file is None:
        gemeente_reden = ctx.absent_reason("kwb_2024_gemeenten_100")
    else:
        gemeente_reden = reden("gemeenten_deels", bron="kwb_2024_gemeenten_100", aantal=len(gemeente))
    if wijken_file is None:
        wijk_reden = ctx.absent_reason("uitkeringen_wijken")
    else:
        wijk_gemeenten = len({str(code)[2:6] for code in klein.index})  # WK/BU + the gemeente's 4 digits
        wijk_reden = reden("wijken_deels", bron="uitkeringen_wijken", aantal=wijk_gemeenten)
    redenen = reasons(
        (KWB_BENEFITS, gemeente_reden, ("gemeente",)),
        (KWB_BENEFITS, reden("optelling_onvolledig", bron="kwb_2024_gemeenten_100"), ("arbeidsmarktregio",)),
        (KWB_BENEFITS, wijk_reden, ("wijk", "buurt")),
        *([(["bijstand_personen", "ao_personen"], wijk_reden, ("nederland",))] if wijken_file is None else []),
    )
    return Part(gemeente=gemeente, published=published, klein=klein, redenen=redenen)


def huishoudens(ctx: BuildContext, indeling: Indeling) -> Part:
    frame = ctx.read("inkomen_huishoudens")
    file = ctx.file_label("inkomen_huishoudens")
    column = find_header(list(frame.columns), "Particuliere huishoudens", file=file)
    region = find_header(list(frame.columns), "Regio's", file=file)
    values = pd.DataFrame({"particuliere_huishoudens": to_number(frame[column], decimal_comma=True, file=file, column=column) * 1000})
    values["naam"] = frame[region].values
    mapped = map_region_names(values, "naam", indeling, ["particuliere_huishoudens"], file=file).set_index("code")
    gemeente = mapped[mapped["niveau"] == "gemeente"][["particuliere_huishoudens"]].round()
    missing = indeling.gemeente_codes() - set(gemeente.index)
    if missing:
        raise BuildError(f"gemeenten ontbreken: {', '.join(sorted(missing)[:5])}", file=file)
    published = mapped[mapped["niveau"] == "nederland"][["particuliere_huishoudens"]].round()
    return Part(gemeente=gemeente, published=published)


def vestigingen(ctx: BuildContext, indeling: Indeling) -> Part:
    """Bedrijfsvestigingen per sector group (KWB 2024), for the gemeenten and areas in the mirror."""
    from llo_dash.ingest.odata import resolve_topics

    typed = ctx.read_partial("kwb_2024_typed")
    if typed is None:
        absent = ctx.absent_reason("kwb_2024_typed")
        return Part(gemeente=pd.DataFrame(columns=list(SECTOR_TOPICS), dtype="Float64"), redenen=reasons((SECTOR_TOPICS, absent)))
    file = ctx.file_label("kwb_2024_typed")
    keys = resolve_topics(ctx.read("kwb_2024_eigenschappen"), {"code": "Codering", "soort": "SoortRegio", **SECTOR_TOPICS}, table="85984NED")
    require_columns(typed, list(keys.values()), file=file)
    values = pd.DataFrame({name: to_number(typed[keys[name]], file=file, column=keys[name]) for name in SECTOR_TOPICS})
    values.index = typed[keys["code"]].str.strip().values
    soort = typed[keys["soort"]].str.strip().values
    gemeente = values[soort == "Gemeente"]
    unknown = set(gemeente.index) - indeling.gemeente_codes()
    if unknown:
        raise BuildError(f"onbekende gemeentecodes {sorted(unknown)[:5]}", file=file, column=keys["code"])
    return Part(
        gemeente=gemeente,
        published=values[soort == "Land"],
        klein=values[pd.Series(soort).isin(["Wijk", "Buurt"]).values],
        redenen=reasons(
            (SECTOR_TOPICS, reden("sectoren_deels", bron="kwb_2024_typed", aantal=len(gemeente)), ("gemeente", "wijk", "buurt")),
            (SECTOR_TOPICS, reden("optelling_onvolledig", bron="kwb_2024_typed"), ("arbeidsmarktregio",)),
        ),
    )
