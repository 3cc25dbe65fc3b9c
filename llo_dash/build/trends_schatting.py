"""Rows of table `trends` for the low-literacy estimate, recomputed for each year whose inputs exist.

The estimate (`llo_dash.estimate.run.estimate_areas`) needs per gemeente: education (85525NED, 2013–2023),
labour participation (86088NED, 2013–2024), population by age 15–25 / 25–45 / 45–65 and 65–75, and the first
generation by origin. The last two exist only for 1 January 2023 (CBS wijk- en buurtkaart 2023: inhabitants,
age bands and the origin split as whole percentages; 85458NED 2023: first generation) and 1 January 2024
(KWB 2024, the inputs of today's estimate). So the estimate has two years:

- 2023: every input of 2023 (ages from whole percentages, so coarser); computed here by running the
  same `estimate_areas` on the 2023 inputs;
- 2024: today's estimate as in table `gebieden` (education and 15–75 of 2023, the latest; labour 2024;
  population and first generation of 1 January 2024).

The model is calibrated to the national PIAAC 2023 level in every year: Nederland is the same by
construction, and a change of a region between the years comes from its composition only.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.cbs_slices import Slice, load_slice, split_levels
from llo_dash.build.context import BuildContext
from llo_dash.build.herkomst import EERSTE_GENERATIE, split_shares
from llo_dash.build.indeling import NEDERLAND_CODE, Indeling, level_of_code
from llo_dash.estimate.run import estimate_areas
from llo_dash.ingest.readers import to_number

JAAR_INVOER = 2023
AGE_FIELDS = {"inwoners_15_25": "P_15_24_JR", "inwoners_25_45": "P_25_44_JR", "inwoners_45_65": "P_45_64_JR"}
INDICATOREN = {"laaggeletterd_16_65_pct": "%"}  # the count has the same label: one line in the picker
BRON = "schatting"
NOTE = ("Schatting van het LLO Regiodashboard (PIAAC × samenstelling van het gebied), met de bandbreedte (ondergrens, "
        "bovengrens). Nederland ligt in elk jaar op het landelijke PIAAC-niveau van 2023: een verandering van een "
        "regio komt alleen uit haar samenstelling (opleiding, leeftijd, herkomst, arbeid), niet uit een nieuwe meting.")
NOTE_JAAR = {
    2023: "Invoer van 2023: onderwijs en arbeid 2023, bevolking en eerste generatie op 1 januari 2023 (leeftijd en "
          "herkomstverdeling als hele procenten van de wijk- en buurtkaart 2023, dus grover).",
    2024: "De schatting van het dashboard: onderwijs 2023 (het laatste jaar), arbeid 2024, bevolking en eerste "
          "generatie op 1 januari 2024.",
}


def invoer_2023(ctx: BuildContext, indeling: Indeling, gebieden: pd.DataFrame) -> pd.DataFrame:
    """The rows of `gebieden` (gemeente, region, Nederland) with every input of the estimate replaced by its 2023 value;
    education and 15–75 are of 2023 already."""
    rows = gebieden[gebieden["niveau"].isin(["nederland", "arbeidsmarktregio", "gemeente"])].set_index("code", drop=False)
    rows = rows.rename_axis(None).copy()
    gemeenten = sorted(indeling.gemeente_codes())

    arbeid = Slice(dims={"Persoonskenmerken": "Totaal personen", "Perioden": str(JAAR_INVOER)},
                   topics={"netto_arbeidsparticipatie_pct": "NettoArbeidsparticipatie",
                           "bruto_arbeidsparticipatie_pct": "BrutoArbeidsparticipatie"})
    labour = split_levels(load_slice(ctx, "arbeidsdeelname", arbeid, indeling), indeling, file=ctx.file_label("arbeidsdeelname"))
    for column in arbeid.topics:
        rows.loc[gemeenten, column] = labour["gemeente"][column].reindex(gemeenten).to_numpy()

    file = ctx.file_label("wijkbuurtkaart_2023")
    dbf = ctx.read("wijkbuurtkaart_2023")
    land = dbf[dbf["H2O"].str.upper() == "NEE"].set_index("GM_CODE").reindex(gemeenten)
    inwoners = to_number(land["AANT_INW"], file=file, column="AANT_INW")
    rows.loc[gemeenten, "inwoners"] = inwoners.to_numpy()
    for column, field in AGE_FIELDS.items():
        rows.loc[gemeenten, column] = (inwoners * to_number(land[field], file=file, column=field) / 100).round().to_numpy()
    rows.loc[gemeenten, "inwoners_15_65"] = rows.loc[gemeenten, list(AGE_FIELDS)].sum(axis=1, min_count=3)

    eerste = Slice(dims={**EERSTE_GENERATIE.dims, "Perioden": str(JAAR_INVOER)}, topics=EERSTE_GENERATIE.topics)
    levels = split_levels(load_slice(ctx, "herkomst_geboorteland", eerste, indeling), indeling,
                          file=ctx.file_label("herkomst_geboorteland"))
    total = levels["gemeente"]["eerste_generatie"].reindex(gemeenten)
    europa = (total * split_shares(dbf, indeling, file=file)["europa"].reindex(gemeenten)).round()
    rows.loc[gemeenten, "eerste_generatie_europa"] = europa.to_numpy()
    rows.loc[gemeenten, "eerste_generatie_buiten_europa"] = (total - europa).to_numpy()

    difference = rows.loc[gemeenten, "inwoners_15_75"] - rows.loc[gemeenten, "inwoners_15_65"]
    rows.loc[gemeenten, "inwoners_65_75"] = difference.where(difference >= 0)
    # Regions and Nederland: populations as the sum of their gemeenten (the estimate divides its sums by them).
    of = rows.loc[gemeenten, "arbeidsmarktregio_code"]
    for column in ("inwoners_15_65", "inwoners_65_75"):
        values = rows.loc[gemeenten, column].astype("Float64")
        complete = values.notna().groupby(of).all()
        rows.loc[complete.index, column] = values.groupby(of).sum().where(complete).to_numpy()
        rows.loc[NEDERLAND_CODE, column] = values.sum() if values.notna().all() else pd.NA
    return rows.reset_index(drop=True)


def _lang(columns: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """Estimate columns per code (`x`, `x_laag`, `x_hoog`) as long rows with ondergrens and bovengrens."""
    columns = columns[columns.index.map(level_of_code).isin(["nederland", "arbeidsmarktregio", "gemeente"])]
    parts = []
    for indicator, eenheid in INDICATOREN.items():
        frame = pd.DataFrame({"code": columns.index, "waarde": columns[indicator].to_numpy(),
                              "ondergrens": columns[f"{indicator.removesuffix('_pct')}_pct_laag" if eenheid == "%"
                                                    else f"{indicator}_laag"].to_numpy(),
                              "bovengrens": columns[f"{indicator.removesuffix('_pct')}_pct_hoog" if eenheid == "%"
                                                    else f"{indicator}_hoog"].to_numpy()})
        decimals = 1 if eenheid == "%" else 0
        frame[["waarde", "ondergrens", "bovengrens"]] = frame[["waarde", "ondergrens", "bovengrens"]].astype(float).round(decimals)
        parts.append(frame.assign(indicator=indicator, periode=str(jaar), eenheid=eenheid, bron=BRON,
                                  toelichting=f"{NOTE} {NOTE_JAAR[jaar]}", niveau=frame["code"].map(level_of_code)))
    return pd.concat(parts)


def build(ctx: BuildContext, indeling: Indeling, gebieden: pd.DataFrame) -> pd.DataFrame:
    """Long rows of the estimate for 2023 (recomputed) and 2024 (today's, from `gebieden`)."""
    vandaag = gebieden.set_index("code")
    recomputed = estimate_areas(invoer_2023(ctx, indeling, gebieden)).columns
    return pd.concat([_lang(recomputed, JAAR_INVOER), _lang(vandaag, 2024)])
