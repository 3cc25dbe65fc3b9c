"""First generation (born outside the Netherlands), per gemeente and, where present, per wijk and buurt.

- Gemeenten: 85458NED, 1 January 2024, herkomstland Totaal × geboren buiten Nederland.
- Its split into European / non-European origin: KWB 2024 counts where the mirror has
  them (172 gemeenten); for the others the whole percentages of 1 January 2023 (CBS wijk-
  en buurtkaart 2023) applied to the 2024 count.
- Wijken en buurten: KWB 2024 topics "Geboren buiten Nederland / Europa, Buiten Europa",
  present in the mirror for 172 gemeenten only.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.cbs_slices import Slice, load_slice, split_levels
from llo_dash.build.context import BuildContext, Part, reasons
from llo_dash.build.indeling import Indeling
from llo_dash.errors import FileLabel, SchemaError
from llo_dash.ingest.readers import require_columns, to_number
from llo_dash.redenen import reden

EERSTE_GENERATIE = Slice(
    dims={
        "Geslacht": "Totaal mannen en vrouwen",
        "Leeftijd": "Totaal",
        "Herkomstland": "Totaal",
        "Geboorteland": "Persoon geboren buiten Nederland",
        "Perioden": "2024",
    },
    topics={"eerste_generatie": "Bevolking"},
)
SPLIT_FIELDS = {"europa": "P_GEBBL_EU", "buiten_europa": "P_GEBBL_NE"}


def split_shares(dbf: pd.DataFrame, indeling: Indeling, *, file: FileLabel | str) -> pd.DataFrame:
    """Share of the first generation with European / non-European origin per gemeente (0–1)."""
    require_columns(dbf, ["GM_CODE", "H2O", *SPLIT_FIELDS.values()], file=file)
    land = dbf[dbf["H2O"].str.upper() == "NEE"].set_index("GM_CODE")
    missing = indeling.gemeente_codes() - set(land.index)
    if missing:
        raise SchemaError(f"gemeenten ontbreken: {', '.join(sorted(missing)[:5])}", file=file, column="GM_CODE")
    land = land.loc[sorted(indeling.gemeente_codes())]
    pct = pd.DataFrame({name: to_number(land[field], file=file, column=field) for name, field in SPLIT_FIELDS.items()})
    total = pct.sum(axis=1, min_count=2)
    # With both percentages 0 (tiny gemeenten) the split is unknown, not 50/50.
    return pct.div(total.where(total > 0), axis=0)


SMALL_AREA_TOPICS = {
    "code": "Codering",
    "soort": "SoortRegio",
    "eerste_generatie_europa": ("Geboren buiten Nederland", "Europa (exclusief Nederland)"),
    "eerste_generatie_buiten_europa": ("Geboren buiten Nederland", "Buiten Europa"),
}


def kwb_first_generation(typed: pd.DataFrame, properties: list[dict], *, file: FileLabel | str,
                         properties_file: FileLabel | str | None = None) -> pd.DataFrame:
    """First generation by origin per gemeente, wijk and buurt from the KWB TypedDataSet dump (column `soort`).

    The topic keys are found through the table's DataProperties by title path: the stem
    "BuitenEuropa" alone occurs three times (herkomst, born in NL, born abroad).
    """
    from llo_dash.ingest.odata import resolve_topics

    keys = resolve_topics(properties, SMALL_AREA_TOPICS, table="85984NED", file=properties_file)
    require_columns(typed, list(keys.values()), file=file)
    areas = typed[typed[keys["soort"]].str.strip().isin(["Land", "Gemeente", "Wijk", "Buurt"])]
    result = pd.DataFrame(
        {
            name: to_number(areas[keys[name]], file=file, column=keys[name])
            for name in ("eerste_generatie_europa", "eerste_generatie_buiten_europa")
        }
    )
    result["eerste_generatie"] = result.sum(axis=1, min_count=2)
    result["soort"] = areas[keys["soort"]].str.strip().values
    codes = areas[keys["code"]].str.strip()
    twice = codes[codes.duplicated()]
    if len(twice):
        # line: the frame keeps the file's row order; +2 for the header line and counting from 1
        raise SchemaError("komt twee keer voor; elk gebied hoort één rij te hebben", file=file,
                          line=int(twice.index[0]) + 2, column=keys["code"], value=twice.iloc[0])
    result.index = codes.values
    return result


def split_gemeenten(total: pd.Series, shares: pd.DataFrame, exact: pd.DataFrame | None) -> pd.DataFrame:
    """First generation per gemeente split by origin: KWB 2024 counts where the mirror has them, else the
    2023 percentages applied to the 2024 total. Outside Europe = total − Europe, so the parts add up."""
    europa = (total * shares["europa"]).round()
    if exact is not None:
        known = exact["eerste_generatie_europa"].dropna()
        europa.loc[known.index.intersection(europa.index)] = known
    return pd.DataFrame({"eerste_generatie_europa": europa, "eerste_generatie_buiten_europa": total - europa})


def _nederland(nederland: pd.DataFrame | None, kwb: pd.DataFrame | None) -> pd.DataFrame | None:
    """CBS's national figures: the first generation (85458NED) and its split (the KWB 2024 row Nederland)."""
    if nederland is None:
        return None
    published = nederland[["eerste_generatie"]].copy()
    if kwb is not None and (kwb["soort"] == "Land").any():
        land = kwb[kwb["soort"] == "Land"].iloc[0]
        for column in ("eerste_generatie_europa", "eerste_generatie_buiten_europa"):
            published[column] = land[column]
    return published


def build(ctx: BuildContext, indeling: Indeling) -> Part:
    eerste = load_slice(ctx, "herkomst_geboorteland", EERSTE_GENERATIE, indeling)
    levels = split_levels(eerste, indeling, file=ctx.file_label("herkomst_geboorteland"))
    gemeente = levels["gemeente"][["eerste_generatie"]].copy()
    shares = split_shares(ctx.read("wijkbuurtkaart_2023"), indeling, file=ctx.file_label("wijkbuurtkaart_2023"))
    typed = ctx.read_partial("kwb_2024_typed")
    kwb = None
    if typed is not None:
        kwb = kwb_first_generation(typed, ctx.read("kwb_2024_eigenschappen"), file=ctx.file_label("kwb_2024_typed"),
                                   properties_file=ctx.file_label("kwb_2024_eigenschappen"))
    else:
        ctx.waarschuw("kwb_2024_typed", "eerste generatie naar Europa / buiten Europa is voor alle gemeenten berekend "
                      "met de percentages van 1 januari 2023 (wijk- en buurtkaart) in plaats van de KWB-telling 2024, "
                      "en de schatting van laaggeletterdheid per wijk gebruikt daar de herkomstverdeling van de gemeente")
    kwb_gemeenten = kwb[kwb["soort"] == "Gemeente"] if kwb is not None else None
    gemeente = gemeente.join(split_gemeenten(gemeente["eerste_generatie"], shares, kwb_gemeenten))
    klein = kwb[kwb["soort"].isin(["Wijk", "Buurt"])].drop(columns="soort") if kwb is not None else None
    covered = 0 if kwb_gemeenten is None else len(kwb_gemeenten)
    return Part(
        gemeente=gemeente,
        published=_nederland(levels["nederland"], kwb),
        klein=klein,
        redenen=reasons(
            (
                ["eerste_generatie_europa", "eerste_generatie_buiten_europa"],
                reden("herkomstverdeling_onbekend", bron="wijkbuurtkaart_2023"),
                ("gemeente",),
            ),
            (
                ["eerste_generatie", "eerste_generatie_europa", "eerste_generatie_buiten_europa"],
                reden("wijken_deels_live", bron="kwb_2024_typed", aantal=covered),
                ("wijk", "buurt"),
            ),
        ),
    )
