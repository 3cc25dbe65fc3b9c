"""The working population by occupation class per area, 2022 (CBS 84916NED), with shares and location quotients.

84916NED lists Nederland, provincies, the 35 arbeidsmarktregio's and 345 gemeenten of the **2022 indeling** by
*name*, and its occupation classes by internal CBS keys (`1200000` = Totaal). The keys get their class from the
mirror's derived key file (`beroepsklassen_sleutels`: two groups are merged classes, 07+08 and 02+09+13);
names get their code from 86059NED, and the four gemeenten of 2022 that no longer exist (Weesp, Brielle,
Hellevoetsluis, Westvoorne) from the code history (`gebieden_historie`). A name that maps to nothing stops the build.

Persons live in the area (woonregio): this is the occupation of the residents, not the jobs in the area.
The source counts in thousands; we store whole persons. Rule for gemeenten: a gemeente is kept only when its
total is at least 20.000 working residents: each class is rounded to a whole thousand, so a share is then at
most 2,5 percentage points off; smaller gemeenten are too coarse and left out (the region is the level to use).
"""

from __future__ import annotations

import pandas as pd

from llo_dash.build.cbs_titels import dump_of, duizendtallen, perioden
from llo_dash.build.indeling import NEDERLAND_CODE, NEDERLAND_NAAM, OTHER_LEVEL, Indeling
from llo_dash.errors import BuildError, SchemaError
from llo_dash.ingest.readers import collapse_spaces, require_columns, resolve_stems, to_number

BRON, SLEUTELS, HISTORIE = "beroepsklassen_regio", "beroepsklassen_sleutels", "gebieden_historie"
TOTAAL_SLEUTEL = "1200000"
MIN_GEMEENTE = 20_000  # working residents; see the module docstring
SLEUTEL_KOLOMMEN = ["beroepsklasse_key_cbs", "beroepsklasse_groep", "beroepsklasse_label_afgeleid", "label_status"]
HISTORIE_KOLOMMEN = ["name", "code", "year", "region_code"]
COLUMNS = [
    "gebied_code", "gebied_naam", "niveau", "arbeidsmarktregio_code", "jaar", "beroepsklasse_sleutel",
    "beroepsklasse_code", "beroepsklasse_naam", "samengevoegd", "label_status", "werkzame_beroepsbevolking",
    "aandeel_pct", "aandeel_nl_pct", "locatiequotient",
]


def sleutels(frame: pd.DataFrame, *, file) -> pd.DataFrame:
    """The derived key file: CBS key → class code ("07+08"), name, merged or not, how the key was established."""
    require_columns(frame, SLEUTEL_KOLOMMEN, file=file)
    result = frame[SLEUTEL_KOLOMMEN].rename(columns={
        "beroepsklasse_key_cbs": "beroepsklasse_sleutel", "beroepsklasse_groep": "beroepsklasse_code",
        "beroepsklasse_label_afgeleid": "beroepsklasse_naam"})
    dubbel = result["beroepsklasse_sleutel"].duplicated()
    if dubbel.any():
        raise SchemaError("komt meer dan eens voor", file=file, column="beroepsklasse_key_cbs",
                          value=result.loc[dubbel, "beroepsklasse_sleutel"].iloc[0])
    if TOTAAL_SLEUTEL not in set(result["beroepsklasse_sleutel"]):
        raise SchemaError(f"de sleutel {TOTAAL_SLEUTEL} (Totaal) ontbreekt", file=file, column="beroepsklasse_key_cbs")
    result["samengevoegd"] = result["beroepsklasse_code"].str.contains("+", regex=False)
    return result


def namen_2022(indeling: Indeling, historie: pd.DataFrame, *, file) -> dict[str, tuple[str, str, str | None]]:
    """CBS region name (2022 indeling) → (code, niveau, arbeidsmarktregio code)."""
    require_columns(historie, HISTORIE_KOLOMMEN, file=file)
    mapping: dict[str, tuple[str, str, str | None]] = {NEDERLAND_NAAM: (NEDERLAND_CODE, "nederland", None)}
    gemeenten = indeling.gemeenten
    for naam, code in indeling.name_to_code().items():
        if code.startswith("AM"):
            mapping[naam] = (code, "arbeidsmarktregio", code)
    regio_van = dict(zip(gemeenten["gemeente_code"], gemeenten["arbeidsmarktregio_code"]))
    mapping.update({naam: (code, "gemeente", regio_van[code])
                    for naam, code in zip(gemeenten["regios_naam"], gemeenten["gemeente_code"])})
    # Gemeenten whose last indeling year is 2022 (merged on 1 January 2023/2024): their own 2022 code.
    opgeheven = historie[historie["year"].astype(str).str.strip() == "2022"]
    for naam, code, regio in zip(opgeheven["name"], opgeheven["code"], opgeheven["region_code"]):
        mapping.setdefault(collapse_spaces(naam), (code, "gemeente", regio))
    provincies = gemeenten.drop_duplicates("provincie_code")
    mapping.update({f"{naam} (PV)": (code, "provincie", None)
                    for naam, code in zip(provincies["provincie_naam"], provincies["provincie_code"])})
    return mapping


def lees(frame: pd.DataFrame, klassen: pd.DataFrame, namen: dict, *, file) -> pd.DataFrame:
    """The dump as rows area × class with persons; landsdelen dropped, every other name must map."""
    require_columns(frame, ["Beroepsklasse", "RegioS", "Perioden"], file=file)
    kolom = resolve_stems(list(frame.columns), {"werkzaam": "WerkzameBeroepsbevolking"}, file=file)["werkzaam"]
    periode = perioden(frame["Perioden"], file=file)
    sleutel = frame["Beroepsklasse"].map(collapse_spaces)
    onbekend = ~sleutel.isin(set(klassen["beroepsklasse_sleutel"]))
    if onbekend.any():
        raise SchemaError("is een beroepsklasse zonder betekenis in het sleutelbestand", file=file,
                          line=int(onbekend.idxmax()) + 2, column="Beroepsklasse", value=sleutel[onbekend].iloc[0])
    naam = frame["RegioS"].map(collapse_spaces)
    landsdeel = naam.str.endswith("(LD)")
    niet_gekoppeld = ~naam.isin(namen) & ~landsdeel
    if niet_gekoppeld.any():
        raise BuildError(f"gebied '{naam[niet_gekoppeld].iloc[0]}' komt niet voor in de indeling 2025 (86059NED) en "
                         "niet in de codegeschiedenis; controleer de indeling", file=file)
    rows = pd.DataFrame({"gebied_naam": naam.str.replace(OTHER_LEVEL, "", regex=True).str.replace(r"\(AM\)$", "", regex=True).str.strip(),
                         "beroepsklasse_sleutel": sleutel, "jaar": periode["jaar"],
                         "werkzame_beroepsbevolking": duizendtallen(to_number(frame[kolom], file=file, column=kolom))})
    gekoppeld = pd.DataFrame([namen.get(n, (None, None, None)) for n in naam], index=frame.index,
                             columns=["gebied_code", "niveau", "arbeidsmarktregio_code"], dtype="string")
    rows = rows.join(gekoppeld)
    rows = rows[~landsdeel]
    dubbel = rows.duplicated(["gebied_code", "beroepsklasse_sleutel", "jaar"])
    if dubbel.any():
        raise BuildError(f"gebied {rows.loc[dubbel, 'gebied_code'].iloc[0]} komt meer dan eens voor", file=file)
    return rows.merge(klassen, on="beroepsklasse_sleutel", how="left")


def aandelen(rows: pd.DataFrame) -> pd.DataFrame:
    """Share of each class in the area's total, the same for Nederland, and their ratio (location quotient)."""
    totaal = rows[rows["beroepsklasse_sleutel"] == TOTAAL_SLEUTEL].set_index(["gebied_code", "jaar"])["werkzame_beroepsbevolking"]
    rows = rows.copy()
    noemer = pd.Series(list(zip(rows["gebied_code"], rows["jaar"])), index=rows.index).map(totaal)
    rows["aandeel_pct"] = (100 * rows["werkzame_beroepsbevolking"] / noemer.astype("Float64")).astype("Float64")
    nl = rows[rows["gebied_code"] == NEDERLAND_CODE].set_index("beroepsklasse_sleutel")["aandeel_pct"]
    rows["aandeel_nl_pct"] = rows["beroepsklasse_sleutel"].map(nl).astype("Float64")
    rows["locatiequotient"] = rows["aandeel_pct"] / rows["aandeel_nl_pct"]
    return rows


def check(tabel: pd.DataFrame, regio_codes: set[str]) -> list[str]:
    """35 regions present; the regions add up to Nederland and the classes to each total, within the rounding."""
    totaal = tabel[tabel["beroepsklasse_sleutel"] == TOTAAL_SLEUTEL]
    regios = totaal[totaal["niveau"] == "arbeidsmarktregio"]
    if set(regios["gebied_code"]) != regio_codes:
        ontbreekt = sorted(regio_codes - set(regios["gebied_code"]))
        raise BuildError(f"Controle beroepsklassen (84916NED): arbeidsmarktregio's ontbreken: {', '.join(ontbreekt[:5])}.")
    nl = totaal.loc[totaal["niveau"] == "nederland", "werkzame_beroepsbevolking"].iloc[0]
    som = regios["werkzame_beroepsbevolking"].sum()
    if abs(som - nl) > 500 * len(regios):  # each region rounded to a whole thousand
        raise BuildError(f"Controle beroepsklassen (84916NED): de {len(regios)} regio's tellen op tot {som:,.0f}, Nederland {nl:,.0f}.")
    delen = tabel[tabel["beroepsklasse_sleutel"] != TOTAAL_SLEUTEL].groupby("gebied_code")["werkzame_beroepsbevolking"]
    # Only areas with every class published: a secret (empty) class stays missing and leaves no sum to check.
    compleet = delen.count() == delen.size()
    verschil = (delen.sum()[compleet] - totaal.set_index("gebied_code")["werkzame_beroepsbevolking"]).abs().dropna()
    grens = 500 * delen.count()
    if (verschil > grens.reindex(verschil.index)).any():
        raise BuildError(f"Controle beroepsklassen (84916NED): de klassen van {verschil.idxmax()} tellen niet op tot het totaal.")
    return [f"beroepsklassen: {len(regio_codes)} arbeidsmarktregio's; som regio's = Nederland en klassen = totaal binnen de afronding"]


def build(ctx, indeling: Indeling) -> tuple[pd.DataFrame, list[str]]:
    """The `beroepsklassen_regio` table and the checks done."""
    klassen = sleutels(ctx.read(SLEUTELS), file=ctx.file_label(SLEUTELS))
    namen = namen_2022(indeling, ctx.read(HISTORIE), file=ctx.file_label(HISTORIE))
    rows = lees(dump_of(ctx, BRON, keep_keys=("Beroepsklasse",)), klassen, namen, file=ctx.file_label(BRON))
    tabel = aandelen(rows)
    done = check(tabel, indeling.regio_codes())
    totaal = tabel[tabel["beroepsklasse_sleutel"] == TOTAAL_SLEUTEL].set_index("gebied_code")["werkzame_beroepsbevolking"]
    te_grof = (tabel["niveau"] == "gemeente") & (tabel["gebied_code"].map(totaal) < MIN_GEMEENTE)
    tabel = tabel[~te_grof]
    done.append(f"beroepsklassen: {tabel.loc[tabel['niveau'] == 'gemeente', 'gebied_code'].nunique()} gemeenten met "
                f"minstens {MIN_GEMEENTE:,} werkzamen".replace(",", "."))
    tabel = tabel.reindex(columns=COLUMNS).sort_values(["niveau", "gebied_code", "beroepsklasse_code"])
    return tabel.reset_index(drop=True), done
