"""Education level (85525NED, 2023) and labour participation (86088NED, 2024), persons 15–75.

Both are survey-based (EBB). CBS publishes gemeenten, arbeidsmarktregio's and Nederland
separately; the regions' own figures are kept as `published`, and the aggregate of the
gemeenten is compared with them in the aggregation step.

86088NED publishes counts in thousands. For arbeidsmarktregio's and Nederland those are
CBS's own figures and are used as published (× 1 000). For gemeenten a thousand is too
coarse (a small gemeente shows "0" unemployed), so there the counts are derived from the
published percentages × the population 15–75 of the education table.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.cbs_slices import Slice, load_slice, split_levels
from llo_dash.build.context import BuildContext, Part, reasons
from llo_dash.build.indeling import Indeling
from llo_dash.redenen import reden

ONDERWIJS = Slice(
    dims={"Geslacht": "Totaal mannen en vrouwen", "Leeftijd": "15 tot 75 jaar", "Perioden": "2023"},
    topics={
        "inwoners_15_75": "Bevolking",
        "laag_opgeleid_pct": "k_1BasisonderwijsVmboMbo1",
        "middelbaar_opgeleid_pct": "k_2HavoVwoMbo24",
        "hoog_opgeleid_pct": "k_3HboWo",
        "basisonderwijs_pct": "k_11Basisonderwijs",
    },
)
ARBEID = Slice(
    dims={"Persoonskenmerken": "Totaal personen", "Perioden": "2024"},
    topics={
        "werkloosheid_pct": "Werkloosheidspercentage",
        "bruto_arbeidsparticipatie_pct": "BrutoArbeidsparticipatie",
        "netto_arbeidsparticipatie_pct": "NettoArbeidsparticipatie",
        # Counts × 1 000, used for regions and Nederland only (see the module docstring).
        "bevolking_15_75_x1000": "BeroepsEnNietBeroepsbevolking",
        "beroepsbevolking_x1000": "Beroepsbevolking",
        "werkzame_beroepsbevolking_x1000": "WerkzameBeroepsbevolking",
        "werkloze_beroepsbevolking_x1000": "WerklozeBeroepsbevolking",
        "niet_beroepsbevolking_x1000": "NietBeroepsbevolking",
    },
)
PERCENTAGES = ("werkloosheid_pct", "bruto_arbeidsparticipatie_pct", "netto_arbeidsparticipatie_pct")
PUBLISHED_COUNTS = ("beroepsbevolking", "werkzame_beroepsbevolking", "werkloze_beroepsbevolking", "niet_beroepsbevolking")
LEVEL_COUNTS = {"laag_opgeleid": "laag_opgeleid_pct", "middelbaar_opgeleid": "middelbaar_opgeleid_pct",
                "hoog_opgeleid": "hoog_opgeleid_pct", "basisonderwijs": "basisonderwijs_pct"}


def education_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Persons per education level: percentage × population 15–75."""
    frame = frame.copy()
    for count, pct in LEVEL_COUNTS.items():
        frame[count] = (frame[pct] / 100 * frame["inwoners_15_75"]).round()
    return frame


def labour_counts(labour: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """Labour-force counts of gemeenten from the published percentages and the population 15–75
    (see the module docstring)."""
    counts = pd.DataFrame(index=labour.index)
    counts["beroepsbevolking"] = (labour["bruto_arbeidsparticipatie_pct"] / 100 * population).round()
    counts["werkzame_beroepsbevolking"] = (labour["netto_arbeidsparticipatie_pct"] / 100 * population).round()
    counts["werkloze_beroepsbevolking"] = (labour["werkloosheid_pct"] / 100 * counts["beroepsbevolking"]).round()
    counts["niet_beroepsbevolking"] = population - counts["beroepsbevolking"]
    for pct in PERCENTAGES:
        counts[pct] = labour[pct]
    return counts


def published_labour_counts(labour: pd.DataFrame) -> pd.DataFrame:
    """CBS's own counts (published in thousands) and percentages, for arbeidsmarktregio's and Nederland."""
    counts = pd.DataFrame({count: labour[f"{count}_x1000"] * 1000 for count in PUBLISHED_COUNTS}, index=labour.index)
    for pct in PERCENTAGES:
        counts[pct] = labour[pct]
    return counts


def build(ctx: BuildContext, indeling: Indeling) -> Part:
    education = load_slice(ctx, "onderwijsniveau", ONDERWIJS, indeling)
    education = split_levels(education, indeling, file=ctx.file_label("onderwijsniveau"))
    labour = split_levels(load_slice(ctx, "arbeidsdeelname", ARBEID, indeling), indeling, file=ctx.file_label("arbeidsdeelname"))

    def combined(level: str) -> pd.DataFrame:
        counts = education_counts(education[level])
        if level == "gemeente":
            return counts.join(labour_counts(labour[level], counts["inwoners_15_75"]))
        return counts.join(published_labour_counts(labour[level]))

    published = [combined(level) for level in ("arbeidsmarktregio", "nederland") if education[level] is not None and labour[level] is not None]
    return Part(
        gemeente=combined("gemeente"),
        published=pd.concat(published) if published else None,
        redenen=reasons(
            (
                [*LEVEL_COUNTS, *LEVEL_COUNTS.values()],
                reden("onderwijs_onderdrukt", bron="onderwijsniveau"),
                ("gemeente",),
            )
        ),
    )
