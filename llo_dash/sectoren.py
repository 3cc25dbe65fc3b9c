"""Sectoren & beroepen: region code (+ an optional upload) -> the tables, texts and figures of the page.

Pure functions, no Streamlit. Inputs are the built tables `beroepen` (one row per BRC
class, segment and group; see `llo_dash.build.beroepen`) and `gebieden`, the reference
typology of the UWV spanningsindicator and, optionally, a validated upload of regional
tension values (`llo_dash.upload.validate_tension_upload`).

Honesty rules followed here:
- a regional number of workers per occupation does not exist in public data; the page shows
  a rough estimate (national number × the region's share of the national werkzame
  beroepsbevolking) and says so wherever it appears;
- a % that no source publishes stays empty ("niet gepubliceerd"), never a guess;
- a sector structure is computed for a region only when every gemeente has data; otherwise
  per gemeente, with the coverage stated, never a partial sum shown as the region;
- which sector group an occupation works in is the dashboard's own mapping
  (`reference/beroepen_sectorgroep.csv`, based on the SBI 2008), said to be so wherever it is used.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
import pandas as pd
import plotly.graph_objects as go

from llo_dash import figures, indicators, queries, sources, spanning
from llo_dash.figures import BALK_KLEUR
from llo_dash.formatting import GEEN_GEGEVENS, PLOTLY_SEPARATORS, getal, opsomming, procent
from llo_dash.queries import NEDERLAND, als_float, naam, rij
from llo_dash.reference import read_reference

NIET_GEPUBLICEERD = "niet gepubliceerd"
ONBEKEND = "onbekend"
KRAP = ("krap", "zeer krap")

REGIONAAL, LANDELIJK = "regionaal (upload)", "landelijk (UWV, gepubliceerd)"

# Chart text sized for a projector: the smallest text is 13 px (the source note), labels 16 px.
FONT = dict(figures.FONT, size=16)
LABEL_SIZE = 16
TITEL_SIZE = 20
BRON_SIZE = 13
WERKZAAM_KLEUR = "#b9c4dd"  # a light tint of the Viridis blue used for bars elsewhere
LAAGGELETTERD_KLEUR = BALK_KLEUR
BUBBEL_KLEUR = "#21918c"  # Viridis teal: readable on every band colour
BAND_KLEUREN = {  # light, ordered greys-to-blues: readable in greyscale, colour-blind safe
    "zeer ruim": "#f4f4f4",
    "ruim": "#e9ecf2",
    "gemiddeld": "#dde3ee",
    "krap": "#cdd6e8",
    "zeer krap": "#bac7e1",
}
SECTOR_KORT = {  # short labels for the heatmap columns
    "vestigingen_a_landbouw": "Landbouw",
    "vestigingen_bf_nijverheid_energie": "Nijverheid, energie",
    "vestigingen_gi_handel_horeca": "Handel, horeca",
    "vestigingen_hj_vervoer_informatie": "Vervoer, ICT",
    "vestigingen_kl_financieel_onroerend_goed": "Financieel, vastgoed",
    "vestigingen_mn_zakelijke_dienstverlening": "Zakelijke diensten",
    "vestigingen_oq_overheid_onderwijs_zorg": "Overheid, onderwijs, zorg",
    "vestigingen_ru_cultuur_recreatie_overig": "Cultuur, overig",
}
TOTAAL_KOLOMMEN = ("banen_werknemers", "bedrijfsvestigingen", "werkzame_beroepsbevolking", "inwoners_15_75")
NODIG_VOOR_SECTOREN = (
    "Voor een regiocijfer per sector zijn de cijfers van álle gemeenten nodig: CBS 83582NED (banen van "
    "werknemers naar SBI-sector en gemeente) of 81575NED (vestigingen van bedrijven naar SBI en gemeente), "
    "live op te halen bij CBS StatLine; ze staan niet volledig in de mirror van dit dashboard."
)


# --- data ------------------------------------------------------------------


def brc_groepen(beroepen: pd.DataFrame) -> pd.DataFrame:
    """The 114 BRC-beroepsgroepen as (brc_beroepsgroep_code, brc_beroepsgroep_naam), for upload validation."""
    groepen = beroepen[beroepen["brc_niveau"] == "beroepsgroep"]
    return pd.DataFrame({"brc_beroepsgroep_code": groepen["brc_code"].astype(str).to_numpy(),
                         "brc_beroepsgroep_naam": groepen["brc_naam"].astype(str).to_numpy()})


def regio_codes(df: pd.DataFrame) -> set[str]:
    """The arbeidsmarktregio codes of table `gebieden`."""
    return {code for code, _ in queries.regio_opties(df)}


def regio_aandeel(df: pd.DataFrame, regio: str | None) -> float:
    """The region's share (0–1) of the national werkzame beroepsbevolking (86088NED); NaN for Nederland."""
    if not regio or regio == NEDERLAND:
        return float("nan")
    regio_waarde = als_float(rij(df, regio)["werkzame_beroepsbevolking"])
    nl = als_float(rij(df, NEDERLAND)["werkzame_beroepsbevolking"])
    return regio_waarde / nl if nl else float("nan")


def schatting_afronden(value: float) -> float:
    """An estimate, rounded so it does not look precise: to 100 from 1.000 up, else to 10 (half up)."""
    if value is None or pd.isna(value):
        return float("nan")
    step = 100 if abs(value) >= 1000 else 10
    return float(math.floor(value / step + 0.5) * step)


# --- tension: national as published, or the region's own from an upload ------


def spanning_per_beroep(
    beroepen: pd.DataFrame, upload: pd.DataFrame | None = None, regio: str | None = None, periode: str | None = None
) -> pd.DataFrame:
    """Per BRC group (index brc_code) the tension shown: the region's uploaded value where there is one.

    Columns: spanningsindicator, spanning_periode, spanning_typering, spanning_herkomst
    (`REGIONAAL`, `LANDELIJK` or NA). Uploaded values are used only for `regio` and, when
    given, only for `periode` (else the latest period per group); every other group keeps
    its national published value, so the herkomst column says which is which.
    """
    groepen = beroepen[beroepen["brc_niveau"] == "beroepsgroep"].set_index("brc_code")
    waarde = groepen["spanningsindicator_landelijk"].astype("float64")
    result = pd.DataFrame({
        "spanningsindicator": waarde,
        "spanning_periode": groepen["spanning_periode"].astype(object).where(waarde.notna(), None),
        "spanning_typering": groepen["spanning_typering"].astype(object).where(waarde.notna(), None),
        "spanning_herkomst": pd.Series(LANDELIJK, index=groepen.index, dtype=object).where(waarde.notna(), None),
    })
    if upload is not None and regio:
        eigen = upload[upload["arbeidsmarktregio_code"] == regio]
        if periode:
            eigen = eigen[eigen["periode"] == periode]
        eigen = eigen.sort_values("periode").groupby("brc_beroepsgroep_code").tail(1).set_index("brc_beroepsgroep_code")
        eigen = eigen[eigen.index.isin(result.index)]
        result.loc[eigen.index, "spanningsindicator"] = eigen["spanningsindicator"].astype(float)
        result.loc[eigen.index, "spanning_periode"] = eigen["periode"]
        result.loc[eigen.index, "spanning_typering"] = [spanning.typering(float(v)) for v in eigen["spanningsindicator"]]
        result.loc[eigen.index, "spanning_herkomst"] = REGIONAAL
    result.index.name = "brc_code"
    return result


# --- the occupations table ----------------------------------------------------


def beroepen_overzicht(
    beroepen: pd.DataFrame, df: pd.DataFrame, regio: str | None, spanning_: pd.DataFrame, *, alle: bool = False
) -> pd.DataFrame:
    """One row per occupation: the handreiking's lists (or all 114 BRC groups with `alle`; column
    `handreiking` says which rows are on the lists, see `handreiking_beroepen`).

    Numbers stay numbers (NaN where unknown). `laaggeletterd_nl` = national employment ×
    published % (an estimate); `*_regio` columns are the rough regional estimates
    (national × `regio_aandeel`), rounded with `schatting_afronden`; NaN for Nederland.
    `pct_matrix` is the x of the matrix: % laaggeletterd, or % laaggeletterd en/of
    laaggecijferd where only that is published (`pct_matrix_maat` says which).
    """
    groepen = beroepen[beroepen["brc_niveau"] == "beroepsgroep"].copy()
    if not alle:
        groepen = groepen[groepen["beroep_handreiking"].notna()]
    aandeel = regio_aandeel(df, regio)
    rang_ll = groepen["rang_laaggeletterdheid"].astype("float64")
    rang_lc = groepen["rang_laaggecijferdheid"].astype("float64")
    werkzaam = groepen["werkzame_beroepsbevolking_2023"].astype("float64")
    pct_ll = groepen["pct_laaggeletterd"].astype("float64")
    pct_lc = groepen["pct_laaggecijferd"].astype("float64")
    pct_eo = groepen["pct_laaggeletterd_en_of_laaggecijferd"].astype("float64")
    codes = groepen["brc_code"].astype(str)
    shown = spanning_.reindex(codes)
    result = pd.DataFrame({
        "handreiking": groepen["beroep_handreiking"].notna().to_numpy(),
        "brc_code": codes.to_numpy(),
        "beroep": groepen["brc_naam"].astype(str).to_numpy(),
        "beroepsklasse": groepen["brc_beroepsklasse_naam"].astype(str).to_numpy(),
        "rang_laaggeletterdheid": rang_ll.to_numpy(),
        "rang_laaggecijferdheid": rang_lc.to_numpy(),
        "werkzaam_nl": werkzaam.to_numpy(),
        "pct_laaggeletterd": pct_ll.to_numpy(),
        "pct_laaggecijferd": pct_lc.to_numpy(),
        "pct_laaggeletterd_en_of_laaggecijferd": pct_eo.to_numpy(),
        "laaggeletterd_nl": [schatting_afronden(v * p / 100) for v, p in zip(werkzaam, pct_ll)],
        "laaggecijferd_nl": [schatting_afronden(v * p / 100) for v, p in zip(werkzaam, pct_lc)],
        "werkzaam_regio": [schatting_afronden(v * aandeel) for v in werkzaam],
        "laaggeletterd_regio": [schatting_afronden(v * aandeel * p / 100) for v, p in zip(werkzaam, pct_ll)],
        "laaggecijferd_regio": [schatting_afronden(v * aandeel * p / 100) for v, p in zip(werkzaam, pct_lc)],
        "spanningsindicator": shown["spanningsindicator"].astype("float64").to_numpy(),
        "spanning_periode": shown["spanning_periode"].to_numpy(),
        "spanning_typering": shown["spanning_typering"].to_numpy(),
        "spanning_herkomst": shown["spanning_herkomst"].to_numpy(),
    })
    result["pct_matrix"] = result["pct_laaggeletterd"].fillna(result["pct_laaggeletterd_en_of_laaggecijferd"])
    result["pct_matrix_maat"] = [
        "laaggeletterd" if not pd.isna(ll) else ("laaggeletterd en/of laaggecijferd" if not pd.isna(eo) else None)
        for ll, eo in zip(result["pct_laaggeletterd"], result["pct_laaggeletterd_en_of_laaggecijferd"])
    ]
    # Order: the literacy list first (by rank), then the numeracy-only occupations, then the rest by size.
    result["_volgorde"] = result["rang_laaggeletterdheid"].fillna(10 + result["rang_laaggecijferdheid"]).fillna(100)
    result = result.sort_values(["_volgorde", "werkzaam_nl"], ascending=[True, False]).drop(columns="_volgorde")
    return result.reset_index(drop=True)


def handreiking_beroepen(overzicht: pd.DataFrame) -> pd.DataFrame:
    """The rows of `beroepen_overzicht(..., alle=True)` on the handreiking's lists, in the same order."""
    return overzicht[overzicht["handreiking"]].reset_index(drop=True)


BEROEPEN_KOLOMMEN = {  # machine name -> Dutch column header (screen and downloads)
    "brc_code": "BRC-code",
    "beroep": "Beroep (BRC-beroepsgroep)",
    "beroepsklasse": "Beroepsklasse",
    "rang_laaggeletterdheid": "Rang lijst laaggeletterdheid",
    "rang_laaggecijferdheid": "Rang lijst laaggecijferdheid",
    "werkzaam_nl": "Werkzaam in Nederland (2023)",
    "pct_laaggeletterd": "% laaggeletterd",
    "pct_laaggecijferd": "% laaggecijferd",
    "pct_laaggeletterd_en_of_laaggecijferd": "% laaggeletterd en/of laaggecijferd",
    "laaggeletterd_nl": "Laaggeletterde werkenden in Nederland (schatting)",
    "laaggecijferd_nl": "Laaggecijferde werkenden in Nederland (schatting)",
    "werkzaam_regio": "Werkzaam in de regio (grove schatting)",
    "laaggeletterd_regio": "Laaggeletterde werkenden in de regio (grove schatting)",
    "laaggecijferd_regio": "Laaggecijferde werkenden in de regio (grove schatting)",
    "spanningsindicator": "Spanningsindicator",
    "spanning_typering": "Typering",
    "spanning_periode": "Periode spanning",
    "spanning_herkomst": "Spanning: herkomst",
}


def beroepen_toelichting(df: pd.DataFrame, regio: str | None) -> str:
    """What the occupations table's empty cells and estimates mean (and, for a region, how its columns are made)."""
    tekst = ("\"niet gepubliceerd\": geen bron publiceert dit percentage per beroep. Laaggeletterde werkenden = werkzamen × "
             "gepubliceerd percentage (afgerond).")
    if regio:
        tekst += (f" Regiokolommen: grove schatting voor {naam(df, regio)} = landelijk aantal × aandeel van de regio in de "
                  f"werkzame beroepsbevolking ({procent(100 * regio_aandeel(df, regio), 1)}); er zijn geen openbare "
                  "regiocijfers per beroep.")
    return tekst


def typering_weergave(typering_tabel: pd.DataFrame) -> tuple[str, pd.DataFrame, str]:
    """The UWV typology for the screen: (definition, table Typering/Grens/Betekenis, note on the bounds with its source)."""
    tabel = typering_tabel[["typering", "regel", "betekenis"]].rename(
        columns={"typering": "Typering", "regel": "Grens", "betekenis": "Betekenis"})
    noot = f"{typering_tabel['grenswaarde_keuze'].iloc[0]} Bron: {typering_tabel['bron_url'].iloc[0]}"
    return str(typering_tabel["definitie"].iloc[0]), tabel.reset_index(drop=True), noot


def beroepen_weergave(overzicht: pd.DataFrame, *, regionaal: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(table for download with real numbers, table for the screen with Dutch text).

    The screen shows "niet gepubliceerd" for an empty % and "onbekend" for an unknown
    tension instead of the generic "geen gegevens"; downloads keep empty cells.
    """
    kolommen = [k for k in BEROEPEN_KOLOMMEN if regionaal or not k.endswith("_regio")]
    download = overzicht[kolommen].rename(columns=BEROEPEN_KOLOMMEN)
    scherm = download.copy().astype(object)
    for kolom in ("pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd"):
        naam_ = BEROEPEN_KOLOMMEN[kolom]
        scherm[naam_] = [NIET_GEPUBLICEERD if pd.isna(v) else procent(v, 0) for v in overzicht[kolom]]
    for kolom in ("laaggeletterd_nl", "laaggecijferd_nl", "laaggeletterd_regio", "laaggecijferd_regio"):
        if kolom in kolommen:
            scherm[BEROEPEN_KOLOMMEN[kolom]] = ["" if pd.isna(v) else getal(v) for v in overzicht[kolom]]
    for kolom in ("werkzaam_nl", "werkzaam_regio"):
        if kolom in kolommen:
            scherm[BEROEPEN_KOLOMMEN[kolom]] = [getal(v) for v in overzicht[kolom]]
    for kolom in ("rang_laaggeletterdheid", "rang_laaggecijferdheid"):
        scherm[BEROEPEN_KOLOMMEN[kolom]] = ["" if pd.isna(v) else str(int(v)) for v in overzicht[kolom]]
    scherm[BEROEPEN_KOLOMMEN["spanningsindicator"]] = [
        ONBEKEND if pd.isna(v) else getal(v, 2) for v in overzicht["spanningsindicator"]
    ]
    for kolom in ("spanning_typering", "spanning_periode", "spanning_herkomst"):
        scherm[BEROEPEN_KOLOMMEN[kolom]] = ["" if v is None or pd.isna(v) else str(v) for v in overzicht[kolom]]
    return download, scherm


# --- sector structure ---------------------------------------------------------


def locatiequotient(waarde, totaal, waarde_nl, totaal_nl) -> float:
    """(waarde / totaal) / (waarde_nl / totaal_nl): above 1 = relatively more than in Nederland; NaN if unknown."""
    values = [als_float(v) for v in (waarde, totaal, waarde_nl, totaal_nl)]
    if any(math.isnan(v) for v in values) or values[1] == 0 or values[2] == 0 or values[3] == 0:
        return float("nan")
    return (values[0] / values[1]) / (values[2] / values[3])


@dataclass
class Sectorstructuur:
    """Vestigingen per KWB sector group of a region (or Nederland) against Nederland.

    `regio_tabel` has one row per sector (vestigingen, aandeel, aandeel Nederland, LQ) and is
    filled only when the area is complete (`volledig`). `gemeenten` is the long table per
    gemeente with data (gemeente, sector, vestigingen, aandeel, aandeel NL, LQ).
    """

    gebied: str
    gebied_naam: str
    volledig: bool
    gemeenten_met_gegevens: int
    gemeenten_totaal: int
    regio_tabel: pd.DataFrame
    gemeenten: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def dekking(self) -> str:
        """"5 van de 14 gemeenten" (for the region), or "" for Nederland."""
        if self.gebied == NEDERLAND:
            return ""
        return f"{self.gemeenten_met_gegevens} van de {self.gemeenten_totaal} gemeenten"


def _sector_rijen(rij: pd.Series, nl: pd.Series) -> list[dict]:
    totaal, totaal_nl = als_float(rij["vestigingen_totaal"]), als_float(nl["vestigingen_totaal"])
    rows = []
    for kolom, label in indicators.SECTOREN.items():
        waarde, waarde_nl = als_float(rij[kolom]), als_float(nl[kolom])
        rows.append({
            "sector_kolom": kolom,
            "sector": label,
            "vestigingen": waarde,
            "aandeel_pct": 100 * waarde / totaal if totaal else float("nan"),
            "vestigingen_nl": waarde_nl,
            "aandeel_nl_pct": 100 * waarde_nl / totaal_nl if totaal_nl else float("nan"),
            "locatiequotient": locatiequotient(waarde, totaal, waarde_nl, totaal_nl),
        })
    return rows


def sectorstructuur(df: pd.DataFrame, regio: str | None) -> Sectorstructuur:
    """The sector structure of `regio` (or Nederland) from the KWB vestigingen columns of `gebieden`."""
    code = regio or NEDERLAND
    gebied, nl = rij(df, code), rij(df, NEDERLAND)
    kolommen = ["vestigingen_totaal", *indicators.SECTOREN]
    volledig = all(not pd.isna(gebied[k]) for k in kolommen)
    regio_tabel = pd.DataFrame(_sector_rijen(gebied, nl)) if volledig else pd.DataFrame(
        columns=["sector_kolom", "sector", "vestigingen", "aandeel_pct", "vestigingen_nl", "aandeel_nl_pct", "locatiequotient"]
    )
    if code == NEDERLAND:
        return Sectorstructuur(code, "Nederland", volledig, 0, 0, regio_tabel)
    gemeenten = df.loc[queries.selectie(df, "gemeente", code), ["code", "naam", *kolommen]]
    met = gemeenten[gemeenten[kolommen].notna().all(axis=1)].sort_values("naam", key=lambda s: s.str.casefold())
    long = [
        {"gemeente_code": g["code"], "gemeente": g["naam"], **row}
        for _, g in met.iterrows()
        for row in _sector_rijen(g, nl)
    ]
    gemeente_tabel = pd.DataFrame(long, columns=["gemeente_code", "gemeente", "sector_kolom", "sector", "vestigingen",
                                                 "aandeel_pct", "vestigingen_nl", "aandeel_nl_pct", "locatiequotient"])
    return Sectorstructuur(code, str(gebied["naam"]), volledig, len(met), len(gemeenten), regio_tabel, gemeente_tabel)


SECTOR_KOLOMMEN = {
    "gemeente": "Gemeente",
    "sector": "Sectorgroep (KWB)",
    "vestigingen": "Vestigingen",
    "aandeel_pct": "Aandeel in alle vestigingen (%)",
    "vestigingen_nl": "Vestigingen Nederland",
    "aandeel_nl_pct": "Aandeel Nederland (%)",
    "locatiequotient": "Locatiequotiënt",
}
SECTOR_FORMATS = {
    "Vestigingen": "getal", "Vestigingen Nederland": "getal", "Aandeel in alle vestigingen (%)": ("procent", 1),
    "Aandeel Nederland (%)": ("procent", 1), "Locatiequotiënt": ("getal", 2),
}


LQ_FORMATS = {sector: ("getal", 2) for sector in indicators.SECTOREN.values()}
MATRIX_FORMATS = {"% (gepubliceerd)": ("procent", 0), "Spanningsindicator": ("getal", 2), "Werkzaam in Nederland (2023)": "getal"}


def sector_formats(tabel: pd.DataFrame) -> dict:
    """The `format_table` spec of a table from `sector_download`."""
    return {kolom: spec for kolom, spec in SECTOR_FORMATS.items() if kolom in tabel}


def sector_bronnen(structuur: Sectorstructuur) -> list[str]:
    """Source lines of the sector figures and tables (KWB), with the coverage when only some gemeenten have data."""
    regels = [queries.bronvermelding("vestigingen_totaal")]
    if not structuur.volledig and structuur.dekking:
        regels.append(f"Vestigingen per sectorgroep: {structuur.dekking} hebben gegevens; geen regiocijfer.")
    return regels


def geen_regiocijfer_tekst(structuur: Sectorstructuur) -> str:
    """Why a region without complete data gets no sector figure, and what the table per gemeente shows instead."""
    return (f"Vestigingen per sector: {structuur.dekking} hebben gegevens; geen regiocijfer (een optelling van een deel "
            "van de gemeenten zou de regio verkeerd weergeven). Hieronder per gemeente: het locatiequotiënt is het "
            "aandeel van een sector in de vestigingen van de gemeente gedeeld door dat aandeel in Nederland (boven 1 = "
            "naar verhouding meer dan in Nederland).")


def sector_download(tabel: pd.DataFrame) -> pd.DataFrame:
    """A sector table (region or per gemeente) with Dutch headers and real numbers."""
    kolommen = [k for k in SECTOR_KOLOMMEN if k in tabel.columns]
    return tabel[kolommen].rename(columns=SECTOR_KOLOMMEN)


def lq_breed(gemeenten: pd.DataFrame) -> pd.DataFrame:
    """Gemeente × sector table of location quotients (the table alternative of the heatmap)."""
    if gemeenten.empty:
        return pd.DataFrame(columns=["Gemeente", *indicators.SECTOREN.values()])
    wide = gemeenten.pivot(index="gemeente", columns="sector", values="locatiequotient")
    wide = wide.reindex(columns=list(indicators.SECTOREN.values()))
    wide = wide.reindex(gemeenten["gemeente"].drop_duplicates().tolist())
    return wide.reset_index().rename(columns={"gemeente": "Gemeente"})


def totalen_weergave(totaal: pd.DataFrame, regio: str | None, regio_naam: str) -> tuple[pd.DataFrame, dict]:
    """The table of `totalen` with the region's name as column header (for Nederland without the region's
    columns), and its `format_table` spec."""
    tabel = totaal.drop(columns="kolom")
    if regio:
        tabel = tabel.rename(columns={"Regio": regio_naam})
    else:
        tabel = tabel.drop(columns=["Regio", "Aandeel van Nederland (%)"])
    formats = {regio_naam: "getal", "Nederland": "getal", "Aandeel van Nederland (%)": ("procent", 1)}
    return tabel, {kolom: spec for kolom, spec in formats.items() if kolom in tabel}


def totalen(df: pd.DataFrame, regio: str | None) -> pd.DataFrame:
    """Complete totals of the region against Nederland: banen, vestigingen, werkzame beroepsbevolking, inwoners 15–75."""
    nl = rij(df, NEDERLAND)
    gebied = rij(df, regio) if regio else None
    rows = []
    for kolom in TOTAAL_KOLOMMEN:
        indicator = indicators.get(kolom)
        waarde_nl = als_float(nl[kolom])
        waarde = als_float(gebied[kolom]) if gebied is not None else float("nan")
        rows.append({
            "kolom": kolom,
            "Indicator": indicator.label,
            "Peildatum": indicator.peildatum,
            "Regio": waarde,
            "Nederland": waarde_nl,
            "Aandeel van Nederland (%)": 100 * waarde / waarde_nl if waarde_nl else float("nan"),
        })
    return pd.DataFrame(rows)


# --- the two handreiking questions, answered in sentences -----------------------


def code_span(text: str) -> str:
    """User-supplied text (a file name) as a Markdown code span: nothing in it is interpreted."""
    return "`" + re.sub(r"[`\r\n]", "'", str(text)) + "`"


def _pct_tekst(row) -> str:
    delen = []
    if not pd.isna(row["pct_laaggeletterd"]):
        delen.append(f"{procent(row['pct_laaggeletterd'], 0)} laaggeletterd")
    if not pd.isna(row["pct_laaggecijferd"]):
        delen.append(f"{procent(row['pct_laaggecijferd'], 0)} laaggecijferd")
    if not pd.isna(row["pct_laaggeletterd_en_of_laaggecijferd"]):
        delen.append(f"{procent(row['pct_laaggeletterd_en_of_laaggecijferd'], 0)} laaggeletterd en/of laaggecijferd")
    return ", ".join(delen)


def spanning_tekst(row) -> str:
    """"1,85; krap; regio 2024K3" — value, type, and where and when it comes from."""
    if pd.isna(row["spanningsindicator"]):
        return "spanning onbekend"
    waar = "regio" if row["spanning_herkomst"] == REGIONAAL else "landelijk"
    return f"{getal(row['spanningsindicator'], 2)}; {row['spanning_typering']}; {waar} {row['spanning_periode']}"


@dataclass
class SpanningBron:
    """Where the tension shown comes from: the upload (file name, periods) or the national publications."""

    bestandsnaam: str | None = None
    periode: str | None = None  # the uploaded period used for the region (None: the latest per occupation)
    regio_in_upload: bool = False

    @property
    def regionaal(self) -> bool:
        return bool(self.bestandsnaam) and self.regio_in_upload


# The dashboard's own mapping of the handreiking's occupations to the 8 KWB sector groups of the vestigingen
# (reference/beroepen_sectorgroep.csv): a judgement based on the SBI 2008, not a CBS figure.
SECTOR_INDELING = "beroepen_sectorgroep"
HOOFD, OOK = "hoofdsectorgroep", "ook"
VESTIGINGEN_VOORBEHOUD = (
    "Let op: vestigingen zijn bedrijfslocaties, geen banen: een eenmanszaak telt even zwaar als een fabriek met "
    "honderden werknemers. De toedeling van beroepen aan sectorgroepen is een indeling van dit dashboard, geen CBS-cijfer."
)


def sector_indeling() -> pd.DataFrame:
    """Per occupation of the handreiking's lists the KWB sector group(s) where it mostly works (`rol`
    hoofdsectorgroep, one per occupation) or partly (`rol` ook), with basis and source: a judgement of the
    dashboard based on the SBI 2008, not a CBS figure (no public table counts these occupations per sector)."""
    return read_reference(SECTOR_INDELING)


def sectorgroepen_van_beroepen(overzicht: pd.DataFrame, indeling: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """The sector groups of the occupations in `overzicht` (the lists), per `indeling`.

    Returns (groups, occupations without a main sector group). Each group: sector_kolom, sector (KWB label),
    beroepen (main group of these occupations, in list order), werkzaam_nl (their national workers, summed),
    ook (list of (occupation, bedrijven) that partly work here). Main groups come first, by werkzaam_nl
    (largest first); groups with only "ook" occupations follow.
    """
    lijst = overzicht[overzicht["rang_laaggeletterdheid"].notna() | overzicht["rang_laaggecijferdheid"].notna()]
    namen = dict(zip(lijst["brc_code"], lijst["beroep"]))
    werkzaam = dict(zip(lijst["brc_code"], lijst["werkzaam_nl"]))
    rijen = indeling[indeling["brc_beroepsgroep_code"].isin(namen)]
    groepen: dict[str, dict] = {}
    for code in lijst["brc_code"]:  # list order, so the occupations of a group are named in that order
        for _, r in rijen[rijen["brc_beroepsgroep_code"] == code].iterrows():
            kolom = str(r["sectorgroep_kolom"])
            groep = groepen.setdefault(kolom, {"sector_kolom": kolom, "sector": indicators.SECTOREN[kolom], "beroepen": [],
                                               "werkzaam_nl": 0.0, "ook": []})
            if r["rol"] == HOOFD:
                groep["beroepen"].append(namen[code])
                groep["werkzaam_nl"] += 0.0 if pd.isna(werkzaam[code]) else float(werkzaam[code])
            else:
                groep["ook"].append((namen[code], str(r["bedrijven"])))
    hoofd_codes = set(rijen.loc[rijen["rol"] == HOOFD, "brc_beroepsgroep_code"])
    zonder = [namen[code] for code in lijst["brc_code"] if code not in hoofd_codes]
    volgorde = sorted(groepen.values(), key=lambda g: (not g["beroepen"], -g["werkzaam_nl"]))
    return volgorde, zonder


def _lq_woorden(lq: float) -> str:
    """"meer", "minder" or "even veel", as the location quotient reads with 2 decimals."""
    if getal(lq, 2) == "1,00":
        return "even veel"
    return "meer" if lq > 1 else "minder"


def _vergelijking_landelijk(lq: float) -> str:
    """"naar verhouding meer vestigingen dan landelijk" (or minder …, or even veel … als landelijk)."""
    woord = _lq_woorden(lq)
    return f"naar verhouding {woord} vestigingen {'als' if woord == 'even veel' else 'dan'} landelijk"


def _in_gemeenten(aantal: int, totaal: int, uitzonderingen: list[str]) -> str:
    """"alle 6 gemeenten met gegevens" / "5 van de 6 gemeenten met gegevens (niet in Eemnes)"."""
    if aantal == totaal:
        return f"alle {totaal} gemeenten met gegevens"
    tekst = f"{aantal} van de {totaal} gemeenten met gegevens"
    if len(uitzonderingen) <= 2:
        tekst += f" (niet in {opsomming(uitzonderingen)})"
    return tekst


def _regio_per_sector(groep: dict, structuur: Sectorstructuur) -> str:
    """How one sector group is represented in the region: its location quotient when the region is complete,
    else per gemeente with data (in how many it is above or below Nederland); "" without data."""
    kolom, regio_naam = groep["sector_kolom"], structuur.gebied_naam
    if structuur.volledig:
        r = structuur.regio_tabel.set_index("sector_kolom").loc[kolom]
        return (f"In {regio_naam} {procent(r['aandeel_pct'], 1)} van de vestigingen, in Nederland "
                f"{procent(r['aandeel_nl_pct'], 1)} (locatiequotiënt {getal(r['locatiequotient'], 2)}: naar verhouding "
                f"{_lq_woorden(r['locatiequotient'])}).")
    if not structuur.gemeenten_met_gegevens:
        return ""
    per_gemeente = structuur.gemeenten[structuur.gemeenten["sector_kolom"] == kolom]
    woorden = [(g, _lq_woorden(lq)) for g, lq in zip(per_gemeente["gemeente"], per_gemeente["locatiequotient"])]
    n = len(woorden)
    if n == 1:
        gemeente, lq = per_gemeente["gemeente"].iloc[0], per_gemeente["locatiequotient"].iloc[0]
        return (f"In {gemeente}, de enige gemeente van {regio_naam} met gegevens: {_vergelijking_landelijk(lq)} "
                f"(locatiequotiënt {getal(lq, 2)}).")
    tellingen = {w: [g for g, woord in woorden if woord == w] for w in ("meer", "minder", "even veel")}
    for woord in ("meer", "minder"):
        if len(tellingen[woord]) > n / 2:
            anders = [g for g, w in woorden if w != woord]
            return (f"In {regio_naam}: naar verhouding {woord} vestigingen dan landelijk in "
                    f"{_in_gemeenten(len(tellingen[woord]), n, anders)}.")
    delen = [f"meer dan landelijk in {len(tellingen['meer'])}", f"minder in {len(tellingen['minder'])}"]
    if tellingen["even veel"]:
        delen.append(f"even veel in {len(tellingen['even veel'])}")
    return f"In {regio_naam}: wisselend (van de {n} gemeenten met gegevens: {', '.join(delen)})."


def _sector_regel(groep: dict, structuur: Sectorstructuur | None) -> str:
    """One bullet: the sector group, its occupations (national workers) and, for a region, how it is represented."""
    delen = []
    if groep["beroepen"]:
        samen = "samen " if len(groep["beroepen"]) > 1 else ""
        delen.append(f"{opsomming(groep['beroepen'])} ({samen}{getal(groep['werkzaam_nl'])} werkenden in Nederland)")
    ook = [f"een deel van de {beroep} ({bedrijven})" for beroep, bedrijven in groep["ook"]]
    if ook:
        delen.append(("ook " if groep["beroepen"] else "") + opsomming(ook))
    regel = f"- **{groep['sector']}**: " + "; ".join(delen) + "."
    regionaal = _regio_per_sector(groep, structuur) if structuur is not None else ""
    return regel + (f" {regionaal}" if regionaal else "")


def _dekking_tekst(structuur: Sectorstructuur, df: pd.DataFrame, regio: str) -> str:
    """Which gemeenten of the region have vestigingen per sector, and what the comparison means."""
    regio_naam = structuur.gebied_naam
    if structuur.volledig:
        return (f"Vestigingen per sectorgroep zijn bekend voor alle {structuur.gemeenten_totaal} gemeenten van "
                f"{regio_naam}. Het locatiequotiënt is het aandeel van de sectorgroep in alle vestigingen van de regio, "
                "gedeeld door dat aandeel in Nederland (boven 1 = naar verhouding meer).")
    if not structuur.gemeenten_met_gegevens:
        return (f"Vestigingen per sectorgroep zijn voor geen van de {structuur.gemeenten_totaal} gemeenten van "
                f"{regio_naam} bekend, dus hier is niet te zien hoe deze sectorgroepen in de regio vertegenwoordigd zijn.")
    gemeenten = df.loc[queries.selectie(df, "gemeente", regio), "naam"].astype(str)
    zonder = sorted(set(gemeenten) - set(structuur.gemeenten["gemeente"]), key=str.casefold)
    welke = f" (geen gegevens voor {opsomming(zonder)})" if len(zonder) <= 3 else ""
    return (f"Vestigingen per sectorgroep zijn bekend voor {structuur.dekking}{welke}, dus er is geen regiocijfer: "
            "een optelling van een deel van de gemeenten zou de regio verkeerd weergeven. Daarom per gemeente: het "
            "aandeel van de sectorgroep in alle vestigingen van de gemeente tegen dat in Nederland (locatiequotiënt "
            "boven of onder 1; de figuur per gemeente staat hieronder).")


def antwoord_sectoren(overzicht: pd.DataFrame, df: pd.DataFrame, regio: str | None, structuur: Sectorstructuur,
                      *, indeling: pd.DataFrame | None = None) -> str:
    """Plain-Dutch answer (Markdown) to "In welke sectoren werken meer mensen die moeite hebben met
    basisvaardigheden? Hoe zijn deze sectoren vertegenwoordigd in onze regio?", from the figures.

    National part: the lists, the published %, national workers and estimated low-literate workers. Then per
    KWB sector group where these occupations mostly work (`indeling`, the dashboard's own mapping; read from
    the reference table when not given) a bullet with its occupations and, for a region, how the group is
    represented there: its location quotient when every gemeente has data, else per gemeente with data.
    """
    if indeling is None:
        indeling = sector_indeling()
    lijst = overzicht[overzicht["rang_laaggeletterdheid"].notna() | overzicht["rang_laaggecijferdheid"].notna()]
    met_pct = lijst[lijst[["pct_laaggeletterd", "pct_laaggecijferd", "pct_laaggeletterd_en_of_laaggecijferd"]].notna().any(axis=1)]
    met_pct = met_pct.sort_values("pct_matrix", ascending=False)
    zonder_pct = len(lijst) - len(met_pct)
    genoemd = [f"{row['beroep']} ({_pct_tekst(row)})" for _, row in met_pct.iterrows()]
    zinnen = [
        f"De handreiking noemt {len(lijst)} beroepen waarin laaggeletterdheid of laaggecijferdheid veel voorkomt "
        f"(twee top-10-lijsten)."
    ]
    if genoemd:
        zinnen.append(
            f"Gepubliceerde percentages zijn er voor {opsomming(genoemd)} (ROA 2019); voor de andere {zonder_pct} beroepen "
            "is geen percentage per beroep gepubliceerd."
        )
    # Totals from the unrounded estimates, rounded once (a sum of rounded parts looks more precise than it is).
    ll_nl = schatting_afronden((lijst["werkzaam_nl"] * lijst["pct_laaggeletterd"] / 100).sum(min_count=1))
    zinnen.append(
        f"In Nederland werken {getal(lijst['werkzaam_nl'].sum())} mensen in deze {len(lijst)} beroepen (CBS, 2023)"
        + (f"; in de {int(met_pct['laaggeletterd_nl'].notna().sum())} beroepen met een gepubliceerd percentage "
           f"laaggeletterdheid zijn naar schatting {getal(ll_nl)} werkenden laaggeletterd." if not pd.isna(ll_nl) else ".")
    )
    groepen, zonder_sector = sectorgroepen_van_beroepen(overzicht, indeling)
    regionaal = bool(regio) and regio != NEDERLAND
    delen = [" ".join(zinnen)]
    if groepen:
        inleiding = (
            "Volgens de indeling van dit dashboard (een eigen toedeling op basis van de SBI-bedrijfsindeling, geen "
            "CBS-cijfer: er is geen openbare telling van deze beroepen per sector) werken ze vooral in deze sectorgroepen"
            + (f", met hoe die in {structuur.gebied_naam} vertegenwoordigd zijn:" if regionaal else ":")
        )
        regels = [_sector_regel(groep, structuur if regionaal else None) for groep in groepen]
        delen.append(inleiding + "\n\n" + "\n".join(regels))
    if zonder_sector:
        delen.append(f"Zonder sectorgroep in de indeling: {opsomming(zonder_sector)}.")
    if regionaal:
        delen.append(_dekking_tekst(structuur, df, regio) + " " + VESTIGINGEN_VOORBEHOUD)
    else:
        delen.append("Kies links een arbeidsmarktregio om te zien hoe deze sectorgroepen in de regio vertegenwoordigd zijn.")
    return "\n\n".join(delen)


@dataclass(frozen=True)
class LandelijkeSpanning:
    """The national total of the indicator as published: the latest typology with its period (and its value
    only where UWV published one), and the latest published value, which may be from an earlier period."""

    periode: str
    typering: str
    waarde: float | None  # the value of `periode`; None when only the typology was published
    typering_herkomst: str | None = None  # as in the reference table ("gepubliceerd", "afgeleid uit tekst", …)
    waarde_periode: str | None = None  # the latest period with a published value
    laatste_waarde: float | None = None
    waarde_typering: str | None = None


def landelijke_vergelijking(totaal: LandelijkeSpanning) -> str:
    """The sentence comparing with the whole country: latest typology (period named), and the latest value
    only as published, with its own period when that is earlier. No value is made up."""
    if totaal.waarde is not None:
        return (f"Ter vergelijking: de arbeidsmarkt in heel Nederland was in {totaal.periode} {totaal.typering} "
                f"({getal(totaal.waarde, 2)}; laatst gepubliceerde landelijke cijfer).")
    herkomst = ("typering afgeleid uit de tekst van de bron" if totaal.typering_herkomst == "afgeleid uit tekst"
                else "laatst gepubliceerde typering")
    zin = (f"Ter vergelijking: de arbeidsmarkt in heel Nederland was in {totaal.periode} {totaal.typering} "
           f"({herkomst}; UWV gaf daarbij geen waarde).")
    if totaal.laatste_waarde is not None:
        zin += (f" De laatst gepubliceerde waarde is {getal(totaal.laatste_waarde, 2)} ({totaal.waarde_typering}), "
                f"voor {totaal.waarde_periode}.")
    return zin


def antwoord_tekorten(overzicht: pd.DataFrame, df: pd.DataFrame, regio: str | None, bron: SpanningBron,
                      landelijk_totaal: LandelijkeSpanning | None = None) -> str:
    """Plain-Dutch answer to "In welke sectoren zijn arbeidsmarkttekorten waar scholing een antwoord op kan zijn?"."""
    lijst = overzicht[overzicht["rang_laaggeletterdheid"].notna() | overzicht["rang_laaggecijferdheid"].notna()]
    bekend = lijst[lijst["spanningsindicator"].notna()].sort_values("spanningsindicator", ascending=False)
    onbekend = lijst[lijst["spanningsindicator"].isna()]
    regionaal = int((bekend["spanning_herkomst"] == REGIONAAL).sum())
    if bron.regionaal and regionaal:
        periode = bron.periode or opsomming(sorted(bekend.loc[bekend["spanning_herkomst"] == REGIONAAL, "spanning_periode"].unique()))
        zin = (f"Spanning op de arbeidsmarkt: de UWV-spanningsindicator van {naam(df, regio)} uit de upload "
               f"{code_span(bron.bestandsnaam)} (periode {periode}) voor {regionaal} van de {len(lijst)} beroepen")
        if regionaal < len(bekend):
            rest = len(bekend) - regionaal
            zin += f", de landelijk gepubliceerde waarde voor {rest} {'beroep' if rest == 1 else 'beroepen'}"
        zinnen = [zin + "."]
    else:
        zinnen = [
            f"Spanning op de arbeidsmarkt: de landelijke UWV-spanningsindicator zoals gepubliceerd (periode per beroep) "
            f"is bekend voor {len(bekend)} van de {len(lijst)} beroepen."
        ]
    krap = bekend[bekend["spanning_typering"].isin(KRAP)]
    niet_krap = bekend[~bekend["spanning_typering"].isin(KRAP)]
    if not krap.empty:
        zinnen.append("Krap of zeer krap: " + opsomming([f"{r['beroep']} ({spanning_tekst(r)})" for _, r in krap.iterrows()]) + ".")
        kansrijk = krap[krap["pct_matrix"].notna()]
        if not kansrijk.empty:
            zinnen.append(
                "Veel laaggeletterdheid én krapte, dus kansrijk om met werkgevers scholing te organiseren: "
                + opsomming([f"{r['beroep']} ({procent(r['pct_matrix'], 0)} {r['pct_matrix_maat']})" for _, r in kansrijk.iterrows()])
                + "."
            )
    else:
        zinnen.append("Geen van deze beroepen is krap of zeer krap volgens de getoonde cijfers.")
    if not niet_krap.empty:
        zinnen.append("Niet krap: " + opsomming([f"{r['beroep']} ({spanning_tekst(r)})" for _, r in niet_krap.iterrows()]) + ".")
    if not onbekend.empty:
        zinnen.append(
            f"Geen spanningsindicator bekend voor {opsomming(onbekend['beroep'].tolist())}"
            + ("; upload de UWV-cijfers van de regio om dat aan te vullen." if not bron.regionaal else ".")
        )
    if landelijk_totaal:
        zinnen.append(landelijke_vergelijking(landelijk_totaal))
    return " ".join(zinnen)


def spanning_referentie() -> tuple[pd.DataFrame, LandelijkeSpanning | None]:
    """The UWV typology table and the national total as last published (see `landelijk_totaal`)."""
    return spanning.typering_tabel(), landelijk_totaal(spanning.landelijk())


def landelijk_totaal(landelijk: pd.DataFrame) -> LandelijkeSpanning | None:
    """The national total (rows "Totaal …" without a BRC code): the latest period with a typology, with its
    value if one was published there, and the latest period with a published value; None without either.

    A typology without a value (UWV said only "krap") stays without a value; a value without a stated
    typology gets the typology of its bounds (`spanning.typering`).
    """
    rows = landelijk[landelijk["brc_beroepsgroep_code"].isna() & landelijk["beroepsgroep_uwv"].str.startswith("Totaal")]
    waarde = rows["spanningsindicator"].astype("float64")
    typering_ = rows["typering"].astype(object).where(rows["typering"].notna() & (rows["typering"].astype(str) != ""), None)
    typering_ = [t if t is not None else spanning.typering(float(w)) if not pd.isna(w) else None
                 for t, w in zip(typering_, waarde)]
    rows = rows.assign(_waarde=waarde, _typering=typering_, _heeft_waarde=waarde.notna())
    met_typering = rows[rows["_typering"].notna()].sort_values(["periode", "_heeft_waarde"])
    if met_typering.empty:
        return None
    last = met_typering.iloc[-1]
    met_waarde = rows[rows["_heeft_waarde"]].sort_values("periode")
    laatste = met_waarde.iloc[-1] if not met_waarde.empty else None
    herkomst = last.get("typering_herkomst")
    return LandelijkeSpanning(
        periode=str(last["periode"]),
        typering=str(last["_typering"]),
        waarde=float(last["_waarde"]) if last["_heeft_waarde"] else None,
        typering_herkomst=None if herkomst is None or pd.isna(herkomst) else str(herkomst),
        waarde_periode=None if laatste is None else str(laatste["periode"]),
        laatste_waarde=None if laatste is None else float(laatste["_waarde"]),
        waarde_typering=None if laatste is None else str(laatste["_typering"]),
    )


def zonder_gegevens(overzicht: pd.DataFrame) -> dict[str, list[str]]:
    """Occupations of the lists that the matrix cannot place, grouped by what is missing (listed under the chart)."""
    lijst = overzicht[overzicht["rang_laaggeletterdheid"].notna() | overzicht["rang_laaggecijferdheid"].notna()]
    geen_pct, geen_spanning = lijst["pct_matrix"].isna(), lijst["spanningsindicator"].isna()
    return {
        "geen gepubliceerd percentage en geen spanningsindicator": lijst.loc[geen_pct & geen_spanning, "beroep"].tolist(),
        "geen gepubliceerd percentage": lijst.loc[geen_pct & ~geen_spanning, "beroep"].tolist(),
        "geen spanningsindicator": lijst.loc[~geen_pct & geen_spanning, "beroep"].tolist(),
    }


# --- source lines ----------------------------------------------------------------


def _bronregels(bron: SpanningBron, regio: str | None) -> dict[str, str]:
    werkzamen = sources.get("beroepen_werkzamen")
    regels = {
        "werkzamen": f"Werkzame beroepsbevolking per beroep: Bron: CBS, Werkzame beroepsbevolking; beroep (85276NED), "
                     f"jaargemiddelde 2023, afgerond op duizendtallen ({werkzamen.licence}).",
        "lijsten": "Beroepenlijsten: Handreiking professionaliseringsopgave LLO-Collectieven. Percentages "
                   "laaggeletterd/laaggecijferd per beroep: ROA (2019), Spreiding van laaggeletterdheid, zoals geciteerd "
                   "door AD en NOS; niet voor elk beroep gepubliceerd.",
        "schatting": "Laaggeletterde werkenden in Nederland: schatting LLO Regiodashboard = werkzamen × gepubliceerd "
                     "percentage (percentage 2019, werkzamen 2023). Schatting, geen telling.",
    }
    if regio:
        regels["regio"] = (
            "Regio: grove schatting LLO Regiodashboard = landelijk aantal × aandeel van de regio in de werkzame "
            "beroepsbevolking (CBS 86088NED, 2024). Aanname: de regio heeft dezelfde beroepenverdeling als Nederland. "
            "Schatting, geen telling."
        )
    if bron.regionaal:
        regels["spanning"] = (
            f"Spanningsindicator: UWV, regionale cijfers uit de upload '{bron.bestandsnaam}' "
            f"({'periode ' + bron.periode if bron.periode else 'laatste periode per beroep'}); waar de upload geen "
            "waarde heeft, de landelijke gepubliceerde waarde. Alleen in deze sessie, niet opgeslagen."
        )
    else:
        regels["spanning"] = (
            "Spanningsindicator: UWV (openstaande vacatures per persoon met een kortdurende WW-uitkering), landelijk per "
            "beroepsgroep zoals gepubliceerd in UWV-berichten en nieuwsberichten die UWV citeren; periode per beroep."
        )
    return regels


def bronregels(bron: SpanningBron, regio: str | None = None) -> list[str]:
    """The source lines of the occupations table (Dutch, one fact per line); with `regio` also the line of the
    rough regional estimate. The file name of an upload is in it as cleaned by `llo_dash.upload`; escape the
    lines where Markdown renders them (`formatting.markdown_veilig`)."""
    return list(_bronregels(bron, regio).values())


# Which source lines each figure needs: what it draws, and nothing it does not.
FIGUUR_BRONNEN = {
    # workers per occupation (85276NED), the low-literate part (published % × workers: an estimate),
    # the region's rough estimate (when shown), and the tension written after each bar
    "beroepen": ("werkzamen", "lijsten", "schatting", "regio", "spanning"),
    # x = published %, y = tension, bubble = workers in Nederland
    "matrix": ("werkzamen", "lijsten", "spanning"),
}


def figuur_bronregels(bron: SpanningBron, regio: str | None, figuur: str) -> list[str]:
    """The source lines of one figure (`FIGUUR_BRONNEN`); `regio` only when the figure shows the region's
    rough estimate."""
    regels = _bronregels(bron, regio)
    return [regels[deel] for deel in FIGUUR_BRONNEN[figuur] if deel in regels]


# --- figures -----------------------------------------------------------------------


def _layout(fig: go.Figure, titel: str, bron: str | Sequence[str] | None, *, height: int, legenda_boven: bool = False,
            onder: int = 70) -> go.Figure:
    """Title, Dutch separators, projector-size font, and the source under the figure (`figures.bron_onder`, in
    projector size) so a downloaded PNG names it. `onder`: room below the plot for tick labels and axis title."""
    titelregels = textwrap.wrap(titel, 60) or [titel]
    boven = 40 + 26 * len(titelregels) + (36 if legenda_boven else 0)
    fig.update_layout(
        title=dict(text="<br>".join(titelregels), x=0, xanchor="left", xref="container", y=1, yanchor="top", yref="container",
                   pad=dict(t=12 + 24 * (len(titelregels) - 1), l=8), font=dict(size=TITEL_SIZE)),
        separators=PLOTLY_SEPARATORS,
        font=FONT,
        height=height + 26 * (len(titelregels) - 1),
        margin=dict(l=10, r=10, t=boven, b=onder),
        plot_bgcolor="white",
        # Room for tick labels and axis titles, whatever the renderer's defaults (Streamlit's plotly.js differs).
        xaxis_automargin=True,
        yaxis_automargin=True,
    )
    return figures.bron_onder(fig, bron, grootte=BRON_SIZE, breedte=75)  # 13 px text: about 520 px, as figures.bron_onder


def _afbreken(text: str, breedte: int = 22) -> str:
    return "<br>".join(textwrap.wrap(text, breedte, break_long_words=False)) or text


def _spanning_label(row) -> str:
    if pd.isna(row["spanningsindicator"]):
        return "spanning onbekend"
    waar = "regio" if row["spanning_herkomst"] == REGIONAAL else "landelijk"
    return f"spanning {getal(row['spanningsindicator'], 2)} {row['spanning_typering']} ({waar} {row['spanning_periode']})"


def figuur_beroepen(overzicht: pd.DataFrame, *, regio_naam: str | None = None, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Horizontal bars: workers per occupation (Nederland, or the region's rough estimate) with the
    estimated low-literate part on top; the tension is written under each occupation's name.

    The tension goes with the name, not after the bar: there it needed half the width and was cut
    off on a laptop screen next to the sidebar."""
    regionaal = regio_naam is not None
    werkzaam = overzicht["werkzaam_regio" if regionaal else "werkzaam_nl"]
    laag = overzicht["laaggeletterd_regio" if regionaal else "laaggeletterd_nl"]
    data = overzicht.assign(_w=werkzaam, _l=laag).sort_values("_w").reset_index(drop=True)
    namen = [f"{row['beroep']}<br><span style='font-size:13px;color:#444444'>{_spanning_label(row)}</span>"
             for _, row in data.iterrows()]
    waar = f"in {regio_naam} (grove schatting)" if regionaal else "in Nederland (2023)"
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=namen, x=data["_w"], orientation="h", name=f"Werkzaam {waar}", marker_color=WERKZAAM_KLEUR,
        text=[getal(w) for w in data["_w"]], textposition="outside", textfont=dict(size=14), cliponaxis=False,
        customdata=data["beroep"], hovertemplate="<b>%{customdata}</b><br>Werkzaam: %{x:,.0f}<extra></extra>",
    ))
    fig.add_trace(go.Bar(
        y=namen, x=data["_l"], orientation="h", name="waarvan laaggeletterd (schatting, waar % gepubliceerd)",
        marker_color=LAAGGELETTERD_KLEUR, customdata=data["beroep"],
        hovertemplate="<b>%{customdata}</b><br>Laaggeletterd (schatting): %{x:,.0f}<extra></extra>",
    ))
    maximum = float(data["_w"].max()) if data["_w"].notna().any() else 1.0
    fig.update_layout(
        barmode="overlay", bargap=0.25,
        xaxis=dict(title=dict(text="Werkzame personen"), tickformat=",.0f", range=[0, maximum * 1.3],
                   gridcolor="#e5e5e5"),
        yaxis=dict(automargin=True, tickfont=dict(size=LABEL_SIZE)),
        legend=dict(orientation="h", x=0, xref="paper", y=1.0, yanchor="bottom", font=dict(size=14)),
    )
    titel = f"Beroepen uit de handreiking: werkenden {waar} en spanning"
    return _layout(fig, titel, bron, height=max(380, 56 * len(data) + 190), legenda_boven=True)


# The lowest tension the log axis shows; a lower one (0 is valid: "zeer ruim") is drawn here and labelled.
SPANNING_VLOER = 0.01


def _log_bereik(waarden: pd.Series) -> tuple[float, float]:
    known = waarden.dropna().clip(lower=SPANNING_VLOER)
    low = min(0.1, float(known.min()) / 1.6) if not known.empty else 0.1
    high = max(10.0, float(known.max()) * 1.6) if not known.empty else 10.0
    return math.log10(max(low, SPANNING_VLOER / 1.6)), math.log10(high)


def _spanning_tekst(value: float) -> str:
    """A tension as on the chart's labels: "2,35", "0,004", "0"."""
    tekst = getal(value, 3)
    return tekst.rstrip("0").rstrip(",") if "," in tekst else tekst


# Where a label may go, relative to its bubble (pixels right, pixels down), in order of preference.
LABEL_PLEKKEN = ((0, -50), (0, 50), (-120, -30), (120, -30), (-120, 30), (120, 30), (0, -100), (0, 100),
                 (-150, -80), (150, -80), (-150, 80), (150, 80))


def label_plekken(xs: Sequence[float], ys: Sequence[float], labels: Sequence[str], *, breedte_px: float = 480,
                  hoogte_px: float = 420, letter_px: float = 9.5, regel_px: float = 20) -> list[tuple[int, int]]:
    """Offsets (ax, ay) for the labels of points at (xs, ys) in plot fractions (0–1, y upwards), so that
    no two label boxes overlap and no label covers another point, as far as the places allow.

    Plotly does not move labels apart itself. The plot is assumed narrow (`breedte_px`, a laptop screen
    next to the sidebar): labels apart there are apart on a projector too. Labels are placed in order;
    one that finds no free place takes the first place.
    """
    punten = [(x * breedte_px, (1 - y) * hoogte_px) for x, y in zip(xs, ys)]
    gezet: list[tuple[float, float, float, float]] = []
    plekken = []
    for (px, py), label in zip(punten, labels):
        regels = label.split("<br>")
        b = letter_px * max(len(figures.zonder_opmaak(regel)) for regel in regels) + 8
        h = regel_px * len(regels) + 6
        gekozen = LABEL_PLEKKEN[0]
        for ax, ay in LABEL_PLEKKEN:
            cx, cy = px + ax, py + ay  # plotly centres the label box on the arrow's tail
            box = (cx - b / 2, cy - h / 2, cx + b / 2, cy + h / 2)
            botst = any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in gezet)
            bedekt = any(box[0] - 6 < qx < box[2] + 6 and box[1] - 6 < qy < box[3] + 6 for qx, qy in punten)
            if not botst and not bedekt:
                gekozen = (ax, ay)
                break
        cx, cy = px + gekozen[0], py + gekozen[1]
        gezet.append((cx - b / 2, cy - h / 2, cx + b / 2, cy + h / 2))
        plekken.append(gekozen)
    return plekken


def figuur_matrix(overzicht: pd.DataFrame, typering_tabel: pd.DataFrame, *, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """The "kansrijke beroepen" matrix: x = % low-literate (as published), y = spanningsindicator on a log
    scale with the five UWV bands shaded and named, bubble area = national employment.

    Occupations without a published % or tension cannot be placed; the page lists them under the chart.
    """
    punten = overzicht[overzicht["pct_matrix"].notna() & overzicht["spanningsindicator"].notna()].reset_index(drop=True)
    y0, y1 = _log_bereik(overzicht["spanningsindicator"])
    fig = go.Figure()
    # Shapes and notes are collected and set once: fig.add_hrect/add_annotation per item is slow.
    # On a log axis a shape takes data values, an annotation takes log10 values.
    shapes, notes = [], []
    for _, band in typering_tabel.iterrows():
        onder = max(float(band["ondergrens"]), 10**y0) if not pd.isna(band["ondergrens"]) else 10**y0
        boven = min(float(band["bovengrens"]), 10**y1) if not pd.isna(band["bovengrens"]) else 10**y1
        if boven <= onder:
            continue
        shapes.append(dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=onder, y1=boven, line=dict(width=0),
                           fillcolor=BAND_KLEUREN.get(band["typering"], "#f4f4f4"), layer="below"))
        notes.append(dict(
            x=1, xref="paper", xanchor="right", y=(math.log10(onder) + math.log10(boven)) / 2, yref="y",
            text=f"<b>{band['typering']}</b>", showarrow=False, font=dict(size=15, color="#333333"),
        ))
    maximum = float(punten["werkzaam_nl"].max()) if not punten.empty else 1.0
    size_max = 70
    getekend = punten["spanningsindicator"].clip(lower=SPANNING_VLOER)
    fig.add_trace(go.Scatter(
        x=punten["pct_matrix"], y=getekend, mode="markers",
        marker=dict(size=punten["werkzaam_nl"], sizemode="area", sizeref=2.0 * maximum / size_max**2, sizemin=8,
                    color=BUBBEL_KLEUR, opacity=0.85, line=dict(color="#000000", width=1.5)),
        customdata=list(zip(punten["beroep"], punten["werkzaam_nl"], punten["pct_matrix_maat"].fillna(""),
                            punten["spanning_typering"].fillna(""), punten["spanning_periode"].fillna(""),
                            ["regio" if h == REGIONAAL else "landelijk" for h in punten["spanning_herkomst"]],
                            [_spanning_tekst(v) for v in punten["spanningsindicator"]])),
        hovertemplate=("<b>%{customdata[0]}</b><br>%{x:,.0f}% %{customdata[2]}<br>Spanning: %{customdata[6]} (%{customdata[3]}, "
                       "%{customdata[5]} %{customdata[4]})<br>Werkzaam in Nederland: %{customdata[1]:,.0f}<extra></extra>"),
        showlegend=False,
    ))
    gemengd = (punten["spanning_herkomst"] == REGIONAAL).any() and (punten["spanning_herkomst"] != REGIONAAL).any()
    labels = []
    for _, row in punten.iterrows():
        label = f"<b>{_afbreken(row['beroep'])}</b>"
        if gemengd and row["spanning_herkomst"] != REGIONAAL:  # a national value in a regional chart says so
            label += f"<br><i>spanning landelijk {row['spanning_periode']}</i>"
        if row["spanningsindicator"] < SPANNING_VLOER:
            label += f"<br><i>spanning {_spanning_tekst(row['spanningsindicator'])} (onder de as)</i>"
        labels.append(label)
    xs = punten["pct_matrix"]
    x_low = max(0.0, float(xs.min()) - 10) if not xs.empty else 0.0
    x_high = min(100.0, float(xs.max()) + 10) if not xs.empty else 50.0
    log_y = [math.log10(y) for y in getekend]
    plekken = label_plekken([(x - x_low) / (x_high - x_low) for x in xs], [(y - y0) / (y1 - y0) for y in log_y], labels)
    for x, y, label, (ax, ay) in zip(xs, log_y, labels, plekken):
        notes.append(dict(
            x=x, y=y, text=label, showarrow=True, arrowhead=0, arrowwidth=1, ax=ax, ay=ay,
            font=dict(size=LABEL_SIZE, color="#111111"), bgcolor="rgba(255,255,255,0.85)", borderpad=2,
        ))
    fig.update_layout(
        xaxis=dict(title=dict(text="Werkenden laaggeletterd (gepubliceerd %)"), range=[x_low, x_high], ticksuffix="%",
                   gridcolor="#d9d9d9", zeroline=False),
        yaxis=dict(title=dict(text="UWV-spanningsindicator (log-schaal)"), type="log", range=[y0, y1],
                   tickvals=[v for v in (0.1, 0.25, 0.67, 1, 1.5, 4, 10, 25, 50, 100) if y0 <= math.log10(v) <= y1],
                   tickformat=",.2~f", gridcolor="#d9d9d9"),
    )
    if punten.empty:
        notes.append(dict(x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=18),
                          text="Geen beroep met zowel een gepubliceerd percentage als een spanningsindicator"))
    notes.append(dict(x=0, y=1.0, xref="paper", yref="paper", yanchor="bottom", showarrow=False, align="left",
                      font=dict(size=14, color="#555555"), text="Bolgrootte: werkzame personen in Nederland (2023)"))
    fig.update_layout(shapes=shapes, annotations=notes)
    return _layout(fig, titel, bron, height=620, legenda_boven=True)


def matrix_tabel(overzicht: pd.DataFrame) -> pd.DataFrame:
    """The table alternative of the matrix (all occupations of the lists, with or without a point)."""
    lijst = overzicht[overzicht["rang_laaggeletterdheid"].notna() | overzicht["rang_laaggecijferdheid"].notna()]
    return pd.DataFrame({
        "Beroep": lijst["beroep"],
        "% (gepubliceerd)": lijst["pct_matrix"],
        "Maat": lijst["pct_matrix_maat"].fillna(NIET_GEPUBLICEERD),
        "Spanningsindicator": lijst["spanningsindicator"],
        "Typering": lijst["spanning_typering"].fillna(ONBEKEND),
        "Periode": lijst["spanning_periode"].fillna(""),
        "Herkomst spanning": lijst["spanning_herkomst"].fillna(""),
        "Werkzaam in Nederland (2023)": lijst["werkzaam_nl"],
        "In de matrix": ["ja" if not (pd.isna(p) or pd.isna(s)) else "nee" for p, s in zip(lijst["pct_matrix"], lijst["spanningsindicator"])],
    }).reset_index(drop=True)


def figuur_lq(gemeenten: pd.DataFrame, *, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Heatmap gemeente × sector of the location quotient; colour on a log scale centred on 1 (= as in Nederland)."""
    wide = lq_breed(gemeenten).set_index("Gemeente")
    kort = [SECTOR_KORT[k] for k in indicators.SECTOREN]
    z = wide.to_numpy(dtype=float)
    log_z = [[math.log2(v) if v and not math.isnan(v) and v > 0 else float("nan") for v in row] for row in z]
    text = [[GEEN_GEGEVENS if math.isnan(v) else getal(v, 2) for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        z=log_z, x=kort, y=list(wide.index), text=text, texttemplate="%{text}", textfont=dict(size=15),
        colorscale="RdBu", zmid=0, zmin=-1.5, zmax=1.5,
        colorbar=dict(title=dict(text="Locatie-<br>quotiënt"), tickvals=[-1.5, -1, 0, 1, 1.5],
                      ticktext=["0,35", "0,5", "1", "2", "2,8"], thickness=14),
        hovertemplate="<b>%{y}</b><br>%{x}<br>Locatiequotiënt: %{text}<extra></extra>", xgap=2, ygap=2,
    ))
    fig.update_layout(
        xaxis=dict(side="bottom", tickangle=-30, tickfont=dict(size=14)),
        yaxis=dict(autorange="reversed", automargin=True, tickfont=dict(size=15)),
    )
    # Room under the heatmap for the slanted sector names.
    return _layout(fig, titel, bron, height=max(320, 40 * len(wide) + 220), onder=130)


def figuur_sectoren(tabel: pd.DataFrame, *, gebied_naam: str, titel: str, bron: str | Sequence[str] | None = None) -> go.Figure:
    """Grouped bars: share of each sector group in all vestigingen, area vs Nederland (when the area is complete)."""
    fig = go.Figure()
    if gebied_naam != "Nederland":
        fig.add_trace(go.Bar(
            y=tabel["sector"], x=tabel["aandeel_pct"], orientation="h", name=gebied_naam, marker_color=LAAGGELETTERD_KLEUR,
            text=[f"{procent(a, 1)} · LQ {getal(lq, 2)}" for a, lq in zip(tabel["aandeel_pct"], tabel["locatiequotient"])],
            textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x:,.1f}%<extra></extra>",
        ))
    fig.add_trace(go.Bar(
        y=tabel["sector"], x=tabel["aandeel_nl_pct"], orientation="h", name="Nederland",
        marker_color=WERKZAAM_KLEUR if gebied_naam != "Nederland" else LAAGGELETTERD_KLEUR,
        text=[procent(a, 1) for a in tabel["aandeel_nl_pct"]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:,.1f}%<extra></extra>",
    ))
    fig.update_layout(barmode="group", yaxis=dict(autorange="reversed", automargin=True),
                      xaxis=dict(title=dict(text="Aandeel in alle bedrijfsvestigingen (%)"), ticksuffix="%",
                                 range=[0, float(tabel[["aandeel_pct", "aandeel_nl_pct"]].max().max()) * 1.4]),
                      legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"))
    return _layout(fig, titel, bron, height=560, legenda_boven=True)
