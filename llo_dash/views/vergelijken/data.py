"""Vergelijken: regions or gemeenten side by side, and a ranking on one indicator. Pure, no Streamlit.

The areas being compared live in the URL as `?vergelijk=AM12,AM13,AM18` (or gemeente
codes), so a comparison is a link that can be shared. `lees_vergelijk` turns whatever a
link carries into a clean list (known codes of one level, no duplicates, at most six)
and says in Dutch what it dropped and why; the page shows those sentences as warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from llo_dash import codes as gebiedscodes, indicators
from llo_dash.columns import PER_RIJ, Kolom, Tabel
from llo_dash.views import queries
from llo_dash.views.queries import NEDERLAND
from llo_dash.views.vergelijken import text
from llo_dash.views.vergelijken.text import MAX_GEBIEDEN

PARAM = "vergelijk"
NIVEAUS = ("arbeidsmarktregio", "gemeente")
STANDAARD_AANTAL = 3  # the chosen area and two comparable ones

# The side-by-side table: the first of these that exist at the level, in this order.
VERGELIJK_INDICATOREN = (
    "inwoners",
    "inwoners_15_65",
    "laaggeletterd_16_65_pct",
    "laaggeletterd_16_65",
    "laaggecijferd_16_65_pct",
    "laaggeletterd_66_75_pct",
    "laag_opgeleid_pct",
    "basisonderwijs_pct",
    "netto_arbeidsparticipatie_pct",
    "werkloosheid_pct",
    "eerste_generatie_pct",
    "herkomst_buiten_nederland_pct",
    "huishoudens_laag_inkomen_pct",
    "bijstandsuitkeringen",
    "ww_personen",
)

_SCHEIDING = re.compile(r"[,;\s]+")


def _controleer_niveau(niveau: str) -> None:
    if niveau not in NIVEAUS:
        raise ValueError(f"Onbekend niveau {niveau!r}; kies uit: {', '.join(NIVEAUS)}.")


# --- the list of areas in the link --------------------------------------------


@dataclass(frozen=True)
class Vergelijking:
    """A clean comparison: the level and the area codes, plus Dutch notes about what was dropped."""

    niveau: str
    codes: tuple[str, ...]
    meldingen: tuple[str, ...] = field(default=())


def _codes_per_niveau(df: pd.DataFrame) -> dict[str, set[str]]:
    return {niveau: set(df.loc[(df["niveau"] == niveau).to_numpy(), "code"]) for niveau in NIVEAUS}


def niveau_van(code: str) -> str | None:
    """"AM12" -> "arbeidsmarktregio", "GM0363" -> "gemeente", anything else -> None (format only)."""
    niveau = gebiedscodes.niveau_van(code)
    return niveau if niveau in NIVEAUS else None


def lees_vergelijk(raw: str | Sequence[str] | None, df: pd.DataFrame) -> Vergelijking | None:
    """The `?vergelijk=` value as a clean comparison, or None when the link has none.

    - codes are trimmed and upper-cased ("am12 " -> "AM12"); commas, semicolons and spaces separate;
    - the level is that of the first known code; known codes of the other level are dropped;
    - unknown or malformed codes are dropped; duplicates are kept once; "NL00" is dropped
      silently (Nederland is always shown);
    - more than six codes: the first six are kept.
    Every drop except NL00 and duplicates adds a Dutch sentence to `meldingen`.
    An empty value ("?vergelijk=") means: nothing chosen (an empty comparison, not the default).
    """
    if raw is None:
        return None
    parts = [raw] if isinstance(raw, str) else list(raw)
    tokens = [token.strip().upper() for part in parts for token in _SCHEIDING.split(str(part)) if token.strip()]
    bekend = _codes_per_niveau(df)

    gezien: list[str] = []
    onbekend: list[str] = []
    for token in tokens:
        if token == NEDERLAND or token in gezien or token in onbekend:
            continue
        niveau = niveau_van(token)
        if niveau is not None and token in bekend[niveau]:
            gezien.append(token)
        else:
            onbekend.append(token)

    niveau = niveau_van(gezien[0]) if gezien else _niveau_uit_vorm(onbekend) or "arbeidsmarktregio"
    codes = [code for code in gezien if niveau_van(code) == niveau]
    ander = [code for code in gezien if niveau_van(code) != niveau]

    meldingen = []
    if onbekend:
        meldingen.append(text.onbekende_codes(onbekend))
    if ander:
        meldingen.append(text.ander_niveau(niveau, niveau_van(ander[0]), ander))
    if len(codes) > MAX_GEBIEDEN:
        meldingen.append(text.te_veel(niveau, codes[MAX_GEBIEDEN:]))
        codes = codes[:MAX_GEBIEDEN]
    return Vergelijking(niveau, tuple(codes), tuple(meldingen))


def _niveau_uit_vorm(codes: Iterable[str]) -> str | None:
    # With no known code at all, a link of gemeente-shaped codes still means "gemeenten".
    for code in codes:
        if niveau := niveau_van(code):
            return niveau
    return None


def link_waarde(codes: Sequence[str]) -> str:
    """The `?vergelijk=` value of a list of codes: "AM12,AM13,AM18"."""
    return ",".join(codes)


# --- the default comparison ------------------------------------------------------


def _inwoners(df: pd.DataFrame, niveau: str) -> pd.DataFrame:
    rows = df.loc[(df["niveau"] == niveau).to_numpy(), ["code", "naam", "arbeidsmarktregio_code", "inwoners"]].copy()
    rows["inwoners"] = pd.to_numeric(rows["inwoners"], errors="coerce").astype("float64")
    return rows


def vergelijkbaar(df: pd.DataFrame, code: str, aantal: int = STANDAARD_AANTAL - 1) -> list[str]:
    """The `aantal` areas of the same level whose number of inhabitants is closest to that of `code`."""
    niveau = niveau_van(code)
    rows = _inwoners(df, niveau).set_index("code")
    if code not in rows.index or pd.isna(rows.at[code, "inwoners"]):
        return []
    others = rows.drop(index=code).dropna(subset=["inwoners"])
    afstand = (others["inwoners"] - rows.at[code, "inwoners"]).abs()
    order = pd.DataFrame({"afstand": afstand, "naam": others["naam"]}).sort_values(["afstand", "naam"])
    return list(order.index[:aantal])


def standaard_codes(df: pd.DataFrame, niveau: str, regio: str | None = None, gemeente: str | None = None,
                   buren: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """What the page compares when the link names no areas.

    The chosen area (the gemeente at level gemeente, else the region) and its neighbours (`buren`: per code
    the areas sharing a border, longest border first; see `llo_dash.views.buren`), at most six areas in
    all; an area without known neighbours is compared with the two areas closest to it in number of
    inhabitants. Without a chosen area: with only a region chosen its three largest gemeenten, otherwise
    the three largest areas of the level.
    """
    _controleer_niveau(niveau)
    eigen = gemeente if niveau == "gemeente" else regio
    if eigen:
        naast = [code for code in (buren or {}).get(eigen, ()) if code != eigen]
        return [eigen, *naast[:MAX_GEBIEDEN - 1]] if naast else [eigen, *vergelijkbaar(df, eigen)]
    rows = _inwoners(df, niveau).dropna(subset=["inwoners"])
    if niveau == "gemeente" and regio:
        rows = rows[rows["arbeidsmarktregio_code"] == regio]
    rows = rows.sort_values(["inwoners", "naam"], ascending=[False, True])
    return list(rows["code"][:STANDAARD_AANTAL])


def standaard_niveau(gemeente: str | None) -> str:
    """Gemeenten when a gemeente is chosen in the sidebar, otherwise arbeidsmarktregio's."""
    return "gemeente" if gemeente else "arbeidsmarktregio"


def niveau_link(df: pd.DataFrame, niveau: str, regio: str | None = None, gemeente: str | None = None,
                buren: Mapping[str, Sequence[str]] | None = None) -> tuple[list[str], list[str] | None]:
    """After a switch to `niveau`: its default comparison, and the list the link leaves out (that same list
    when `niveau` is the page's default level, else None: then the link names the areas)."""
    codes = standaard_codes(df, niveau, regio, gemeente, buren)
    return codes, codes if niveau == standaard_niveau(gemeente) else None


@dataclass(frozen=True)
class Weergave:
    """What the page compares: the level and codes, the notes to show, and the default list of that level
    (None when the level is not the default one; a list equal to it is left out of the link)."""

    niveau: str
    codes: list[str]
    meldingen: tuple[str, ...] = ()
    info: str | None = None
    standaard: list[str] | None = None
    uit_link: bool = False  # the areas come from the link (not the default, not an empty choice)


def weergave(df: pd.DataFrame, raw: str | None, regio: str | None = None, gemeente: str | None = None,
             huidig_niveau: str | None = None, buren: Mapping[str, Sequence[str]] | None = None) -> Weergave:
    """The comparison for a `?vergelijk=` value (`raw`; None when the link has none):

    - no value, or a value without a single usable code: the default comparison (`standaard_codes`),
      the latter with a note;
    - an empty value ("?vergelijk="): nothing chosen, at the level the user was looking at (`huidig_niveau`);
    - otherwise the clean codes of the link (`lees_vergelijk`), with its notes.
    """
    link = lees_vergelijk(raw, df)
    eigen = standaard_niveau(gemeente)
    info = None
    if link is None or (not link.codes and str(raw).strip()):
        niveau, codes = eigen, standaard_codes(df, eigen, regio, gemeente, buren)
        if link is not None:
            info = text.GEEN_BRUIKBARE_CODES
    elif not link.codes:
        niveau, codes = huidig_niveau if huidig_niveau in NIVEAUS else eigen, []
    else:
        niveau, codes = link.niveau, list(link.codes)
    standaard = standaard_codes(df, niveau, regio, gemeente, buren) if niveau == eigen else None
    return Weergave(niveau, codes, link.meldingen if link else (), info, standaard, bool(link and link.codes))


def opties(df: pd.DataFrame, niveau: str) -> list[tuple[str, str]]:
    """(code, label) of every area of the level, sorted by name; gemeenten carry their region."""
    if niveau == "arbeidsmarktregio":
        return [(code, f"{naam} ({code})") for code, naam in queries.regio_opties(df)]
    rows = df.loc[(df["niveau"] == "gemeente").to_numpy(), ["code", "arbeidsmarktregio_naam"]]
    regio = dict(zip(rows["code"], rows["arbeidsmarktregio_naam"]))
    return [(code, f"{naam} ({regio.get(code, '')})") for code, naam in queries.gemeente_opties(df)]


# --- the side-by-side table -----------------------------------------------------


def vergelijk_indicatoren(df: pd.DataFrame, niveau: str) -> list[str]:
    """The indicators of the side-by-side table that exist at `niveau` and have a value somewhere."""
    return queries.indicator_opties(df, niveau, VERGELIJK_INDICATOREN)


def _gebieden(df: pd.DataFrame, codes: Sequence[str]) -> list[str]:
    """The known codes of `codes` (once each, Nederland left out: it is always added last)."""
    bekend = []
    for code in dict.fromkeys(codes):
        try:
            queries.rij(df, code)
        except KeyError:
            continue
        if code != NEDERLAND:
            bekend.append(code)
    return bekend


def _kolomnamen(namen: dict[str, str]) -> dict[str, str]:
    """Column header per area: its name, with the code added when two names are equal."""
    tellingen = pd.Series(list(namen.values())).value_counts()
    return {code: (f"{naam} ({code})" if tellingen[naam] > 1 else naam) for code, naam in namen.items()}


def _met_marge(kolom: str, cijfer: pd.Series) -> str:
    """"14,4% (13,4–15,5%)" for an estimate with interval, "254.521" for a count, or "geen gegevens"."""
    tekst = queries.waarde_tekst(kolom, cijfer["gebied"])
    if cijfer["marge"] and not pd.isna(cijfer["gebied"]):
        tekst += f" ({cijfer['marge'].removeprefix('marge ')})"
    return tekst


@dataclass(frozen=True)
class NaastElkaar:
    """The comparison in its two layouts, from the same figures (`queries.kerncijfers` of each area).

    `scherm`: a row per indicator, a column per area and Nederland (the name as header), each estimate with
    its interval in the cell: "14,4% (13,4–15,5%)". Text with units in every row, so a static table (a column
    of "%" and counts has nothing to sort on).
    `cijfers`: for CSV and Excel, real numbers rounded as on screen, a row per indicator and one per bound of an
    estimate, with "naam (code)" headers, unit, reference date, estimate marker and source.
    """

    scherm: Tabel
    cijfers: Tabel


def naast_elkaar(df: pd.DataFrame, codes: Sequence[str], kolommen: Sequence[str]) -> NaastElkaar:
    """The areas `codes` (unknown ones and Nederland left out; Nederland is added last) on the indicators `kolommen`."""
    alle = [*_gebieden(df, codes), NEDERLAND]
    namen = {code: queries.naam(df, code) for code in alle}
    cijfers = {code: queries.kerncijfers(df, code, kolommen).set_index("kolom") for code in alle}

    scherm = pd.DataFrame({
        "indicator": [queries.indicator_naam(kolom) for kolom in kolommen],
        **{code: [_met_marge(kolom, cijfers[code].loc[kolom]) for kolom in kolommen] for code in alle},
        "peildatum": [indicators.get(kolom).peildatum for kolom in kolommen],
    })
    koppen = _kolomnamen(namen)
    scherm_kolommen = {"indicator": Kolom("Indicator"), **{code: Kolom(koppen[code]) for code in alle},
                       "peildatum": Kolom("Peildatum")}

    records, opmaak = [], []
    for kolom in kolommen:
        meta = indicators.get(kolom)
        regels = [("gebied", "")]
        if queries.interval_kolommen(df, kolom):
            regels += [("ondergrens", ", ondergrens"), ("bovengrens", ", bovengrens")]
        for veld, achter in regels:
            records.append({"indicator": meta.label + achter, "eenheid": meta.eenheid,
                            **{code: cijfers[code].at[kolom, veld] for code in alle},
                            "peildatum": meta.peildatum, "schatting": "ja" if meta.schatting else "nee",
                            "bron": queries.bronvermelding(kolom)})
            opmaak.append(("procent" if meta.is_percentage else "getal", meta.decimalen))
    ids = ["indicator", "eenheid", *alle, "peildatum", "schatting", "bron"]
    cijfer_kolommen = {"indicator": Kolom("Indicator"), "eenheid": Kolom("Eenheid"),
                       **{code: Kolom(f"{namen[code]} ({code})", PER_RIJ) for code in alle},
                       "peildatum": Kolom("Peildatum"), "schatting": Kolom("Schatting"), "bron": Kolom("Bron")}
    return NaastElkaar(Tabel(scherm, scherm_kolommen),
                       Tabel(pd.DataFrame.from_records(records, columns=ids), cijfer_kolommen, rij_opmaak=opmaak))


# --- the ranking ---------------------------------------------------------------------


def rangorde(df: pd.DataFrame, niveau: str, indicator: str) -> pd.DataFrame:
    """Every area of `niveau` ranked on `indicator`, highest first.

    Columns: rang, code, naam, waarde (+ ondergrens, bovengrens for estimates; + arbeidsmarktregio
    for gemeenten). Equal values share the best rank and the next rank skips ("1, 2, 2, 4"), the
    usual sports ranking; equal values are listed by name. Areas without a value come last,
    without a rank (never ranked as zero).
    """
    _controleer_niveau(niveau)
    values = queries.kaartwaarden(df, niveau, indicator)
    values["rang"] = values["waarde"].rank(method="min", ascending=False).astype("Int64")
    values = values.sort_values(
        ["waarde", "naam"], ascending=[False, True], na_position="last",
        key=lambda column: column.str.casefold() if column.dtype != "float64" else column,
    )
    columns = ["rang", "code", "naam", "waarde"]
    columns += [c for c in ("ondergrens", "bovengrens", "arbeidsmarktregio_naam") if c in values]
    return values[columns].reset_index(drop=True)

