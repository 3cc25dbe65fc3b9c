"""Education level (85525NED, 2023) and labour participation (86088NED, 2024), persons 15–75.

Both are survey-based (EBB). CBS publishes gemeenten, arbeidsmarktregio's and Nederland
separately; the regions' own figures are kept as `published`, and the aggregate of the
gemeenten is compared with them in the aggregation step.

86088NED publishes counts in thousands, which is too coarse for small gemeenten (a
gemeente shows "0" unemployed). At every level the counts are therefore derived the same
way: the published percentage × the population 15–75 of the education table, so that
counts and the percentages next to them agree.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.cbs_slices import Slice, load_slice, split_levels
from llo_dash.build.context import BuildContext, Part, reasons
from llo_dash.build.indeling import Indeling

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
    },
)
LEVEL_COUNTS = {"laag_opgeleid": "laag_opgeleid_pct", "middelbaar_opgeleid": "middelbaar_opgeleid_pct",
                "hoog_opgeleid": "hoog_opgeleid_pct", "basisonderwijs": "basisonderwijs_pct"}


def education_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Persons per education level: percentage × population 15–75."""
    frame = frame.copy()
    for count, pct in LEVEL_COUNTS.items():
        frame[count] = (frame[pct] / 100 * frame["inwoners_15_75"]).round()
    return frame


def labour_counts(labour: pd.DataFrame, population: pd.Series) -> pd.DataFrame:
    """Labour-force counts from the published percentages and the population 15–75 (see the module docstring)."""
    counts = pd.DataFrame(index=labour.index)
    counts["beroepsbevolking"] = (labour["bruto_arbeidsparticipatie_pct"] / 100 * population).round()
    counts["werkzame_beroepsbevolking"] = (labour["netto_arbeidsparticipatie_pct"] / 100 * population).round()
    counts["werkloze_beroepsbevolking"] = (labour["werkloosheid_pct"] / 100 * counts["beroepsbevolking"]).round()
    counts["niet_beroepsbevolking"] = population - counts["beroepsbevolking"]
    for pct in ("werkloosheid_pct", "bruto_arbeidsparticipatie_pct", "netto_arbeidsparticipatie_pct"):
        counts[pct] = labour[pct]
    return counts


def build(ctx: BuildContext, indeling: Indeling) -> Part:
    education = split_levels(load_slice(ctx, "onderwijsniveau", ONDERWIJS, indeling), indeling, file="onderwijsniveau")
    labour = split_levels(load_slice(ctx, "arbeidsdeelname", ARBEID, indeling), indeling, file="arbeidsdeelname")

    def combined(level: str) -> pd.DataFrame:
        counts = education_counts(education[level])
        return counts.join(labour_counts(labour[level], counts["inwoners_15_75"]))

    published = [combined(level) for level in ("arbeidsmarktregio", "nederland") if education[level] is not None and labour[level] is not None]
    return Part(
        gemeente=combined("gemeente"),
        published=pd.concat(published) if published else None,
        redenen=reasons(
            (
                [*LEVEL_COUNTS, *LEVEL_COUNTS.values()],
                "CBS onderdrukt het onderwijsniveau van zeer kleine gemeenten (enquête te klein).",
                ("gemeente",),
            )
        ),
    )
