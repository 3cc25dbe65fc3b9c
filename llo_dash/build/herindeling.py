"""Counts of former gemeenten brought onto the 2025 indeling through the code history.

`reference/gemeente_herindelingen.csv` names, for every gemeente that existed in 2010–2024 but not in
2025, its 2025 successor(s) (a renamed gemeente's successor is followed on to its 2025 code). The
rules:

- a merged gemeente's count is summed into its successor, per period; the sum is missing when one
  of its parts is missing (CBS suppressed it), never a partial sum;
- a gemeente that was split over several successors cannot be attributed: every successor's
  periods before the split stay missing, and its later periods say why its series starts late;
- percentages are recomputed from summed numerators and denominators by the caller.
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.indeling import NOT_A_REGION, OTHER_LEVEL, Indeling
from llo_dash.errors import BuildError, FileLabel
from llo_dash.reference import read_reference

SPLITSING = "splitsing"


def volledige_som(grouped):
    """Per group the sum, missing when one member is missing (never a partial sum)."""
    return grouped.sum(min_count=1).where(grouped.count().eq(grouped.size(), axis=0))


def herindelingen() -> pd.DataFrame:
    frame = read_reference("gemeente_herindelingen")
    frame["jaar"] = frame["jaar"].astype(int)
    return frame


def opvolger_2025(herindeling: pd.DataFrame) -> dict[str, list[str]]:
    """Every former code to its 2025 successor code(s), following chains (De Friese Meren → De Fryske Marren)."""
    direct = herindeling.groupby("oude_code")["nieuwe_code"].agg(list).to_dict()

    def follow(code: str) -> list[str]:
        return [final for new in direct[code] for final in (follow(new) if new in direct else [new])]

    return {code: sorted(set(follow(code))) for code in direct}


def splitsingen(herindeling: pd.DataFrame) -> dict[str, tuple[int, str]]:
    """Per 2025 gemeente that received part of a split gemeente: the split year and the sentence that says so."""
    opvolgers = opvolger_2025(herindeling)
    splits = herindeling[herindeling["soort"] == SPLITSING].drop_duplicates("oude_code")
    result: dict[str, tuple[int, str]] = {}
    for row in splits.sort_values("jaar").itertuples():
        for code in opvolgers[row.oude_code]:
            reden = (f"Reeks vanaf {row.jaar}: op 1 januari {row.jaar} is {row.oude_naam} verdeeld over meer gemeenten; "
                     "eerdere jaren zijn niet toe te rekenen en ontbreken.")
            result[code] = (max(row.jaar, result.get(code, (0, ""))[0]), reden)  # the latest split decides
    return result


def gemeente_codes_2025(names: pd.Series, indeling: Indeling, herindeling: pd.DataFrame,
                        has_data: pd.Series, *, file: FileLabel | str) -> pd.Series:
    """Per CBS region name: the 2025 gemeente code it counts towards; NaN for other levels and for a split
    gemeente (it counts towards none). A gemeente name that is neither of 2025 nor former, with data, stops the build."""
    current = {name: code for name, code in indeling.name_to_code().items() if code.startswith("GM")}
    opvolgers = opvolger_2025(herindeling)
    split = set(herindeling.loc[herindeling["soort"] == SPLITSING, "oude_code"])
    former = {row.oude_naam: (None if row.oude_code in split else opvolgers[row.oude_code][0])
              for row in herindeling.drop_duplicates("oude_code").itertuples()}
    names = names.astype(str).str.strip()
    # Region rows (also CBS's former arbeidsmarktregio's) are not used: regions are summed from gemeenten.
    known = names.isin(current) | names.isin(former) | names.isin(indeling.name_to_code()) | names.str.endswith("(AM)")
    unknown = ~known & ~names.str.contains(OTHER_LEVEL) & ~names.isin(NOT_A_REGION) & has_data
    if unknown.any():
        raise BuildError(
            f"gebiedsnaam {sorted(set(names[unknown]))[0]!r} met gegevens is geen gemeente van 2025 en staat niet in "
            "reference/gemeente_herindelingen.csv; vul de codegeschiedenis aan", file=file)
    return names.map(current).fillna(names.map(former))


def bestond(names: pd.Series, jaren: pd.Series, has_data: pd.Series, indeling: Indeling,
            herindeling: pd.DataFrame) -> pd.Series:
    """Whether the gemeente of each row existed in that year. CBS tables keep an empty row for every name in
    every year: a former gemeente from its merger on, a new one before it was formed; those are not a
    missing part. A 2025 gemeente that the code history forms (or renames) in a year, and that has no data
    before that year, existed from then on."""
    names = names.astype(str).str.strip().to_numpy()
    jaren, has_data = jaren.to_numpy(), has_data.to_numpy()
    until = dict(zip(herindeling["oude_naam"], herindeling["jaar"]))
    exists = ~(pd.Series(names).map(until).fillna(9999).to_numpy() <= jaren)
    # Also former gemeenten that the code history forms (Molenwaard 2013, gone in 2019): empty before.
    name_of = {**dict(zip(herindeling["oude_code"], herindeling["oude_naam"])),
               **{code: name for name, code in indeling.name_to_code().items()}}
    as_new = herindeling.groupby("nieuwe_code")["jaar"].agg(set).to_dict()
    opvolgers = opvolger_2025(herindeling)
    for code, name in name_of.items():
        # Formed in a year the code history names for it or for its 2025 successor (De Friese Meren, 2014).
        formed = set(as_new.get(code, set())).union(*(as_new.get(end, set()) for end in opvolgers.get(code, [])))
        own = names == name
        first_data = jaren[own & has_data].min() if (own & has_data).any() else None
        if first_data in formed:
            exists &= ~(own & (jaren < first_data))
    return pd.Series(exists)


def som_op_indeling_2025(values: pd.DataFrame, codes: pd.Series, exists: pd.Series, indeling: Indeling,
                         herindeling: pd.DataFrame, kolommen: list[str]) -> pd.DataFrame:
    """`values` (one row per CBS name and `jaar`) summed per 2025 gemeente and year, on the full grid of
    2025 gemeenten × years (NaN where an existing part is missing or a split makes earlier years
    unattributable); column `toelichting` says when a series was harmonised or starts late."""
    frame = values.assign(code=codes.to_numpy())[exists.to_numpy()].dropna(subset=["code"])
    grouped = frame.groupby(["code", "jaar"])[kolommen]
    sums = volledige_som(grouped)
    grid = pd.MultiIndex.from_product([sorted(indeling.gemeente_codes()), sorted(values["jaar"].unique())],
                                      names=["code", "jaar"])
    sums = sums.reindex(grid).reset_index()
    parts = frame.groupby(["code", "jaar"]).size().reindex(grid, fill_value=0).to_numpy()
    sums["toelichting"] = ""
    sums.loc[parts > 1, "toelichting"] = "Opgeteld over de gemeenten waaruit deze gemeente van 2025 is ontstaan."
    for code, (jaar, reden) in splitsingen(herindeling).items():
        if jaar <= values["jaar"].min():
            continue  # split before the first year of the source: the whole series is on the 2025 indeling
        of_code = sums["code"] == code
        sums.loc[of_code & (sums["jaar"] < jaar), kolommen] = float("nan")
        sums.loc[of_code, "toelichting"] = reden
    return sums


def regio_van_naam(codes: pd.Series, names: pd.Series, indeling: Indeling, herindeling: pd.DataFrame) -> pd.Series:
    """Per CBS row: the 2025 arbeidsmarktregio it counts towards. A split gemeente counts towards a region
    when all its successors lie in that one region (its region's series goes on across the split); when
    they lie in more regions it counts towards none."""
    region_of = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"]
    regions = codes.map(region_of)
    opvolgers = opvolger_2025(herindeling)
    names = names.astype(str).str.strip().to_numpy()
    for row in herindeling[herindeling["soort"] == SPLITSING].drop_duplicates("oude_code").itertuples():
        successors = {region_of[successor] for successor in opvolgers[row.oude_code]}
        if len(successors) == 1:
            regions[names == row.oude_naam] = successors.pop()
    return regions


def regio_splitsingen(herindeling: pd.DataFrame, indeling: Indeling) -> dict[str, list[tuple[int, str, bool]]]:
    """Per 2025 arbeidsmarktregio the splits that touch it: (year, former name, all successors in this region)."""
    region_of = indeling.gemeenten.set_index("gemeente_code")["arbeidsmarktregio_code"]
    opvolgers = opvolger_2025(herindeling)
    result: dict[str, list[tuple[int, str, bool]]] = {}
    for row in herindeling[herindeling["soort"] == SPLITSING].drop_duplicates("oude_code").sort_values("jaar").itertuples():
        regions = {region_of[code] for code in opvolgers[row.oude_code]}
        for region in sorted(regions):
            result.setdefault(region, []).append((int(row.jaar), row.oude_naam, len(regions) == 1))
    return result


def regio_toelichting(splits: list[tuple[int, str, bool]]) -> str:
    """What the splits of one region mean for its series (empty without splits)."""
    zinnen = []
    for jaar, naam, binnen in splits:
        if binnen:
            zinnen.append(f"{naam}, op 1 januari {jaar} verdeeld over gemeenten die alle in deze regio liggen, telt tot "
                          "dan als geheel mee: de reeks van de regio loopt door.")
        else:
            zinnen.append(f"Jaren vóór {jaar} ontbreken: {naam} is op 1 januari {jaar} verdeeld over gemeenten in meer "
                          "arbeidsmarktregio's en is niet aan één regio toe te rekenen.")
    return " ".join(zinnen)
