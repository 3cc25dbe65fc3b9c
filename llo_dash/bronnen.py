"""Bronnen & methode: every source, the estimate's tables, the build manifest and the indicator list,
as Dutch DataFrames and texts. Pure functions, no Streamlit.

Inputs are the registries (`llo_dash.sources`, `llo_dash.indicators`), the reference tables
in `reference/`, the built tables and `data/manifest.json` (passed in as a dict, so tests can
hand in a small one; the page reads it with `ui.manifest`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from llo_dash import indicators, queries, redenen, sources
from llo_dash.formatting import GEEN_GEGEVENS, getal, is_missing, procent, tijdstip, verschil
from llo_dash.reference import REFERENCE_DIR, read_reference
from llo_dash.tables import TABLES

HERKOMST = {
    "mirror": "mirror (lokale kopie)",
    "download": "gedownload van de openbare URL",
    "cache": "eerder gedownload (cache)",
}
NIET_GEBRUIKT = "niet gelezen bij deze bouw"

REKENREGELS = {
    "som": "Aantal: een regio is de som van haar gemeenten, Nederland de som van alle gemeenten; "
           "ontbreekt één gemeente, dan ontbreekt de regio.",
    "aandeel": "Percentage: op elk niveau opnieuw berekend als 100 × teller / noemer uit de opgetelde aantallen.",
    "gepubliceerd": "Regio's en Nederland: het cijfer dat CBS zelf publiceert (enquêtecijfer); het verschil met de "
                    "optelling van de gemeenten staat in 'Regiocijfers van CBS en de som van de gemeenten'.",
    "schatting": "Schatting van het dashboard: per gemeente berekend, een regio is de som van haar gemeenten.",
}

REFERENTIE_OMSCHRIJVING = {
    "geletterdheid_parameters": "Parameters van de schatting van laaggeletterdheid: waarde, populatie, jaar en bron "
                                "van elk gepubliceerd cijfer en elke aanname, per scenario.",
    "beroepen_basisvaardigheden": "Beroepen met veel laaggeletterden of laaggecijferden (handreiking LLO-Collectieven), "
                                  "gekoppeld aan de CBS-beroepsgroepen (BRC 2014), met de gepubliceerde percentages.",
    "beroepen_sectorgroep": "Indeling van het dashboard (oordeel, geen CBS-cijfer): de sectorgroep(en) waarin de "
                            "beroepen van de handreiking vooral werken, met de SBI-basis van elke toedeling.",
    "uwv_spanningsindicator_landelijk": "Landelijke UWV-spanningsindicator per beroepsgroep en kwartaal, zoals "
                                        "gepubliceerd in berichten over de UWV-cijfers.",
    "uwv_spanningsindicator_typering": "Grenswaarden van de UWV-typering van de spanningsindicator (zeer ruim t/m zeer krap).",
    "professionals_handreiking": "Professionals die met de doelgroep in contact komen, met hun rol (handreiking "
                                 "LLO-Collectieven).",
    "vindplaatsen_partners": "Partners en vindplaatsen: wie de doelgroep bereikt en met welke indicator de omvang "
                             "van die groep wordt getoond.",
}
REFERENTIE_STANDAARD = "Referentietabel van het project; de bron staat per rij."
# Columns of a reference table that name its sources (titles or URLs).
BRON_KOLOMMEN = ("bron", "bron_titel", "bron_lijst", "bron_url", "bron_pct_url", "bron_url_afwijkend")

LICENTIE_MARKDOWN = """
**Cijfers.** Centraal Bureau voor de Statistiek (CBS), StatLine en open data, onder de licentie
[Creative Commons Naamsvermelding 4.0 (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/deed.nl).
Vermeld bij hergebruik: **"Bron: CBS"**, met het tabelnummer en de peildatum (zie de bronnenlijst).

**Kaarten.** Gebiedsindelingen van CBS / PDOK (CC BY 4.0), vereenvoudigd door
[cartomap/nl](https://github.com/cartomap/nl): "Bron: CBS / PDOK (gebiedsindelingen), vereenvoudigd door cartomap/nl".
Arbeidsmarktregio's en provincies zijn door het dashboard uit de gemeentegrenzen samengevoegd.

**Schatting van laaggeletterdheid.** Een eigen berekening van het LLO Regiodashboard met landelijke PIAAC-cijfers
(ROA / Kohnstamm Instituut, Stichting Lezen & Schrijven; bronnen per parameter in de parametertabel) en CBS-cijfers.
Vermeld bij hergebruik: "Schatting LLO Regiodashboard op basis van PIAAC en CBS" — het is een schatting, geen telling.

**Referentietabellen.** De tabellen in `reference/` zijn door het project zelf samengesteld uit gepubliceerde
cijfers; elke rij noemt haar bron. Citeer bij hergebruik die oorspronkelijke bron.

Het dashboard neemt geen bronbestanden of afgeleide tabellen op in zijn broncode: alles wordt gebouwd uit de
openbare bronnen (`python -m llo_dash build`).
""".strip()


# --- the manifest ------------------------------------------------------------------


def bouw_bron(manifest: Mapping) -> str:
    """The source line of the tables about the build: "Bouwgegevens van het LLO Regiodashboard (data/manifest.json), …"."""
    return f"Bouwgegevens van het LLO Regiodashboard (data/manifest.json), gebouwd op {tijdstip(manifest.get('gebouwd_op'))}."


def bouw_samenvatting(manifest: Mapping) -> pd.DataFrame:
    """Key facts of the build: when, code version, mirror, duration, number of sources and files."""
    versie = manifest.get("code_versie") or {}
    if isinstance(versie, Mapping):
        versie_tekst = " · ".join(f"{k}: {v}" for k, v in versie.items()) or GEEN_GEGEVENS
    else:
        versie_tekst = str(versie)
    duur = manifest.get("duur_seconden")
    rows = [
        ("Gebouwd op", tijdstip(manifest.get("gebouwd_op"))),
        ("Codeversie", versie_tekst),
        ("Mirror (map met bronbestanden)", str(manifest.get("mirror") or "geen (alles van de openbare bronnen)")),
        ("Duur van de bouw", f"{getal(duur, 1)} seconden" if duur is not None else GEEN_GEGEVENS),
        ("Gebruikte bronbestanden", getal(len(manifest.get("bronnen") or []))),
        ("Gebouwde bestanden", getal(len(manifest.get("bestanden") or []))),
        ("Geslaagde controles", getal(len(manifest.get("controles") or []))),
    ]
    return pd.DataFrame(rows, columns=["Onderdeel", "Waarde"])


def _herkomst(origin: str | None) -> str:
    if not origin:
        return NIET_GEBRUIKT
    return HERKOMST.get(origin, origin)


def bronnen_tabel(manifest: Mapping, registry: Sequence[sources.Source] = sources.SOURCES) -> pd.DataFrame:
    """Every source of the registry, merged with what the build recorded about it.

    Columns: Id, Titel, Uitgever, Periode, Licentie, URL, CBS-tabel, Bestand in mirror, Kanttekening,
    Herkomst (mirror / download / live / niet gelezen), Bestand gelezen, Bytes, SHA-256. Sources the
    manifest names but the registry does not (an older build) are added at the end.
    """
    gebruikt = {entry.get("id"): entry for entry in manifest.get("bronnen") or []}
    records = []
    for source in registry:
        entry = gebruikt.get(source.id, {})
        records.append({
            "Id": source.id,
            "Titel": source.title,
            "Uitgever": source.publisher,
            "Periode": source.period,
            "Licentie": source.licence,
            "URL": source.url,
            "CBS-tabel": source.table or "",
            "Bestand in mirror": source.mirror_path,
            "Kanttekening": source.caveat,
            "Bronvermelding": source.attribution,
            "Herkomst": _herkomst(entry.get("origin")),
            "Bestand gelezen": entry.get("path", ""),
            "Bytes": entry.get("bytes"),
            "SHA-256": entry.get("sha256", ""),
        })
    bekend = {source.id for source in registry}
    for source_id, entry in gebruikt.items():
        if source_id in bekend:
            continue
        records.append({
            "Id": source_id, "Titel": entry.get("titel", source_id), "Uitgever": "", "Periode": entry.get("periode", ""),
            "Licentie": entry.get("licentie", ""), "URL": entry.get("url", ""), "CBS-tabel": "", "Bestand in mirror": "",
            "Kanttekening": "Staat in de bouwgegevens, niet (meer) in het bronnenregister.", "Bronvermelding": "",
            "Herkomst": _herkomst(entry.get("origin")), "Bestand gelezen": entry.get("path", ""),
            "Bytes": entry.get("bytes"), "SHA-256": entry.get("sha256", ""),
        })
    frame = pd.DataFrame.from_records(records)
    frame["Bytes"] = pd.to_numeric(frame["Bytes"], errors="coerce").astype("Int64")
    return frame


# On screen the reader's columns first, the link next to the title (visible without scrolling sideways);
# the technical ones (checksum, paths) at the end.
BRONNEN_VOLGORDE = ("Titel", "URL", "Uitgever", "Periode", "Licentie", "Kanttekening", "Herkomst", "Bestand in mirror",
                    "Bytes", "SHA-256", "CBS-tabel", "Bronvermelding", "Id", "Bestand gelezen")

# What a link column shows on screen: the site ("opendata.cbs.nl"), the first group of this (JavaScript) regex.
# A whole URL does not fit a table column ("ht…"); the downloads keep the full URL.
LINK_TEKST = r"^https?://(?:www\.)?([^/?#]+)"


def _inhoud(bestand: str) -> str:
    for table in TABLES.values():
        if table.path == bestand:
            return table.description
    if bestand.startswith("geo/"):
        return f"Grenzen ({bestand.removeprefix('geo/').removesuffix('.geojson')}), vereenvoudigd, voor de kaarten."
    return ""


def bestanden_tabel(manifest: Mapping) -> pd.DataFrame:
    """The built files: Bestand, Inhoud, Rijen, Kolommen, Bytes, SHA-256 (one row per manifest entry, same order)."""
    records = [
        {"Bestand": entry.get("bestand", ""), "Inhoud": _inhoud(entry.get("bestand", "")), "Rijen": entry.get("rijen"),
         "Kolommen": entry.get("kolommen"), "Bytes": entry.get("bytes"), "SHA-256": entry.get("sha256", "")}
        for entry in manifest.get("bestanden") or []
    ]
    frame = pd.DataFrame.from_records(records, columns=["Bestand", "Inhoud", "Rijen", "Kolommen", "Bytes", "SHA-256"])
    for column in ("Rijen", "Kolommen", "Bytes"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


def bestanden_scherm(tabel: pd.DataFrame) -> pd.DataFrame:
    """`bestanden_tabel` as Dutch text; "–" where a number does not apply (a map has no columns)."""
    shown = tabel.copy()
    for kolom in ("Rijen", "Kolommen", "Bytes"):
        shown[kolom] = ["–" if is_missing(v) else getal(v) for v in tabel[kolom]]
    return shown


def controles_tabel(manifest: Mapping) -> pd.DataFrame:
    """The checks the build ran (a build only completes when all of them pass)."""
    return pd.DataFrame({"Controle": list(manifest.get("controles") or []),
                         "Uitkomst": ["geslaagd"] * len(manifest.get("controles") or [])})


def _indicator_label(kolom: str) -> str:
    indicator = indicators.BY_KOLOM.get(kolom)
    if indicator is None:
        return kolom
    return indicator.label + (f" ({indicator.eenheid})" if indicator.eenheid != "personen" else "")


def ontbrekend_tabel(manifest: Mapping) -> pd.DataFrame:
    """Per indicator and level: how many values are missing, out of how many, and why.

    Columns: Indicator, Niveau, Ontbrekend, Totaal, Percentage ontbrekend, Reden, Kolom. The reason is
    the build's text for its code (it names the mirror; `llo_dash.redenen`).
    """
    records = []
    for kolom, per_niveau in (manifest.get("ontbrekend") or {}).items():
        for niveau, info in per_niveau.items():
            ontbrekend, totaal = info.get("ontbrekend"), info.get("totaal")
            records.append({
                "Indicator": _indicator_label(kolom),
                "Kolom": kolom,
                "Niveau": queries.NIVEAU_ENKELVOUD.get(niveau, niveau),
                "Ontbrekend": ontbrekend,
                "Totaal": totaal,
                "Percentage ontbrekend": 100 * ontbrekend / totaal if ontbrekend is not None and totaal else float("nan"),
                "Reden": redenen.tekst(info, redenen.BOUW) if info.get("code") or info.get("reden") else "",
            })
    columns = ["Indicator", "Niveau", "Ontbrekend", "Totaal", "Percentage ontbrekend", "Reden", "Kolom"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in ("Ontbrekend", "Totaal"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    frame["Percentage ontbrekend"] = pd.to_numeric(frame["Percentage ontbrekend"], errors="coerce").astype("float64")
    return frame


GEBRUIKT = {"cbs_waarde": "cijfer van CBS", "aggregaat_gemeenten": "som van de gemeenten"}


def regio_verschillen_tabel(verschillen: pd.DataFrame, gebieden: pd.DataFrame | None = None) -> pd.DataFrame:
    """CBS's own figures for regions and Nederland next to the sum of their gemeenten.

    Columns: Niveau, Code, Naam, Indicator, Kolom, Eenheid, Cijfer CBS, Som gemeenten, Verschil,
    Verschil (%), Getoond in het dashboard. For percentages the difference is in percentage points
    and the sum of gemeenten is 100 × summed teller / summed noemer.
    """
    namen = {}
    if gebieden is not None:
        namen = dict(zip(gebieden["code"], gebieden["naam"]))
    frame = pd.DataFrame({
        "Niveau": [queries.NIVEAU_ENKELVOUD.get(n, n) for n in verschillen["niveau"]],
        "Code": verschillen["code"].astype(str),
        "Naam": [namen.get(code, code) for code in verschillen["code"]],
        "Indicator": [_indicator_label(k) for k in verschillen["kolom"]],
        "Cijfer CBS": pd.to_numeric(verschillen["cbs_waarde"], errors="coerce").astype("float64"),
        "Som gemeenten": pd.to_numeric(verschillen["aggregaat_gemeenten"], errors="coerce").astype("float64"),
        "Verschil": pd.to_numeric(verschillen["verschil"], errors="coerce").astype("float64"),
        "Verschil (%)": pd.to_numeric(verschillen["verschil_pct"], errors="coerce").astype("float64"),
        "Getoond in het dashboard": [GEBRUIKT.get(g, g) for g in verschillen["gebruikt"]],
        "Eenheid": [indicators.BY_KOLOM[k].eenheid if k in indicators.BY_KOLOM else "" for k in verschillen["kolom"]],
        "Kolom": verschillen["kolom"].astype(str),
    })
    return frame.reset_index(drop=True)


def regio_verschillen_scherm(tabel: pd.DataFrame) -> pd.DataFrame:
    """`regio_verschillen_tabel` as Dutch text for the screen, per row in its own unit: counts without
    decimals, percentages with one; the difference with sign (procentpunt for percentages)."""
    shown = tabel.copy()
    pct = tabel["Eenheid"] == "%"
    for kolom in ("Cijfer CBS", "Som gemeenten"):
        shown[kolom] = [procent(v, 1) if p else getal(v, 0) for v, p in zip(tabel[kolom], pct)]
    shown["Verschil"] = [verschil(v, 1, "procentpunt") if p else verschil(v, 0, "") for v, p in zip(tabel["Verschil"], pct)]
    shown["Verschil (%)"] = [verschil(v, 2, "") + ("%" if not pd.isna(v) else "") for v in tabel["Verschil (%)"]]
    return shown


def regio_verschillen_kolommen(tabel: pd.DataFrame) -> list[str]:
    """The indicators (columns of `gebieden`) in `regio_verschillen_tabel`, for their source lines."""
    return [kolom for kolom in dict.fromkeys(tabel["Kolom"]) if kolom in indicators.BY_KOLOM]


ALLE_INDICATOREN = "Alle indicatoren"


def regio_verschillen_filter(tabel: pd.DataFrame, indicator: str = ALLE_INDICATOREN, alleen: bool = False) -> pd.DataFrame:
    """The rows of `regio_verschillen_tabel` for one indicator (or all), and with `alleen` only the rows with a
    difference. A row whose difference is unknown (no sum of the gemeenten) is kept: unknown is not zero."""
    getoond = tabel
    if indicator != ALLE_INDICATOREN:
        getoond = getoond[getoond["Indicator"] == indicator]
    if alleen:
        getoond = getoond[getoond["Verschil"].ne(0)]
    return getoond


# --- indicators ---------------------------------------------------------------------


def _bron_titels(bron_ids: Sequence[str]) -> str:
    return "; ".join(sources.BY_ID[s].title if s in sources.BY_ID else s for s in bron_ids)


def indicatoren_tabel(registry: Sequence[indicators.Indicator] = indicators.INDICATOREN) -> pd.DataFrame:
    """Every indicator of the registry, one row each, in registry order.

    Columns: Kolom, Label, Eenheid, Thema, Bronnen, Peildatum, Rekenregel, Teller, Noemer,
    Niveaus, Schatting (ja/nee), Toelichting.
    """
    records = []
    for indicator in registry:
        regel = REKENREGELS.get(indicator.aggregatie, indicator.aggregatie)
        records.append({
            "Kolom": indicator.kolom,
            "Label": indicator.label,
            "Eenheid": indicator.eenheid,
            "Thema": indicator.thema,
            "Bronnen": _bron_titels(indicator.bronnen),
            "Peildatum": indicator.peildatum,
            "Rekenregel": regel,
            "Teller": indicator.teller or "",
            "Noemer": indicator.noemer or "",
            "Niveaus": ", ".join(queries.NIVEAU_ENKELVOUD.get(n, n) for n in indicator.niveaus),
            "Schatting": "ja" if indicator.schatting else "nee",
            "Toelichting": indicator.toelichting,
        })
    return pd.DataFrame.from_records(records)


# --- reference tables --------------------------------------------------------------


def referentie_bron(naam: str) -> str:
    """The source line of a reference table as a whole (each row names its own source)."""
    return f"Referentietabel reference/{naam}.csv van het LLO Regiodashboard; de bron staat per rij."


def referentie_namen(directory: Path | None = None) -> list[str]:
    """The names of the reference tables (`reference/*.csv`), sorted."""
    return sorted(path.stem for path in (directory or REFERENCE_DIR).glob("*.csv"))


def _bronnen_van(frame: pd.DataFrame) -> list[str]:
    seen: list[str] = []
    for column in BRON_KOLOMMEN:
        if column not in frame:
            continue
        for value in frame[column].dropna().astype(str):
            value = value.strip()
            if value and value not in seen:
                seen.append(value)
    return seen


def referentie_tabellen(directory: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every reference table (`reference/*.csv`), read once, by name."""
    return {name: read_reference(name, directory) for name in referentie_namen(directory)}


def referentie_overzicht(tabellen: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per reference table (`referentie_tabellen`, read here when not given): Tabel, Bestand,
    Omschrijving, Rijen, Kolommen, Bronnen (all distinct titles and URLs named in its source columns),
    Aantal bronnen."""
    records = []
    for name, frame in (referentie_tabellen() if tabellen is None else tabellen).items():
        bronnen_ = _bronnen_van(frame)
        records.append({
            "Tabel": name,
            "Bestand": f"reference/{name}.csv",
            "Omschrijving": REFERENTIE_OMSCHRIJVING.get(name, REFERENTIE_STANDAARD),
            "Rijen": len(frame),
            "Kolommen": len(frame.columns),
            "Aantal bronnen": len(bronnen_),
            "Bronnen": " · ".join(bronnen_),
        })
    return pd.DataFrame.from_records(
        records, columns=["Tabel", "Bestand", "Omschrijving", "Rijen", "Kolommen", "Aantal bronnen", "Bronnen"]
    )


# --- the estimate -------------------------------------------------------------------

CONTROLE_KOLOMMEN = {
    "groep": "Groep",
    "gepubliceerd_2012_pct": "Gepubliceerd 2012 (%)",
    "doel_2012_pct": "Doel van de fit 2012 (%)",
    "model_2012_pct": "Model 2012 (%)",
    "verschil_2012_procentpunt": "Verschil 2012 (procentpunt)",
    "model_2023_pct": "Model 2023 (%)",
    "rol": "Rol in het model",
    "bron": "Bron",
}
DIMENSIES = {"opleiding": "Opleiding", "leeftijd": "Leeftijd", "herkomst": "Herkomst", "arbeid": "Arbeid"}
CATEGORIEEN = {
    "basisonderwijs": "Hoogstens basisonderwijs", "vmbo_mbo1": "Vmbo, mbo-1, havo/vwo-onderbouw",
    "middelbaar": "Middelbaar", "hoog": "Hoog",
    "16_25": "16 tot 25 jaar", "25_45": "25 tot 45 jaar", "45_65": "45 tot 65 jaar",
    "nt1": "NT1 (geboren in Nederland)", "nt2_europa": "NT2, herkomst Europa", "nt2_buiten_europa": "NT2, herkomst buiten Europa",
    "werkend": "Werkend", "werkloos": "Werkloos (werkzoekend)", "inactief": "Niet-werkend en niet-zoekend",
}


def controle_tabel(controle: pd.DataFrame) -> pd.DataFrame:
    """The structure check: published national breakdowns (2012) next to the model, with Dutch headers."""
    columns = [c for c in CONTROLE_KOLOMMEN if c in controle]
    extra = [c for c in controle.columns if c not in CONTROLE_KOLOMMEN]
    return controle[columns + extra].rename(columns=CONTROLE_KOLOMMEN).reset_index(drop=True)


def effecten_formats(tabel: pd.DataFrame) -> dict[str, tuple[str, int]]:
    """Odds ratios with three decimals (the scenario columns of `effecten_tabel`)."""
    return {kolom: ("getal", 3) for kolom in tabel.columns if kolom not in ("Kenmerk", "Groep")}


def scenarios_formats(tabel: pd.DataFrame) -> dict[str, tuple[str, int]]:
    """Percentages with one decimal (every column of `scenarios_tabel` but Code and Naam)."""
    return {kolom: ("procent", 1) for kolom in tabel.columns if kolom not in ("Code", "Naam")}


def controle_formats(tabel: pd.DataFrame) -> dict[str, tuple[str, int]]:
    # Two decimals: published figures such as 16,85% must not look different from the model's 16,85%.
    formats = {c: ("getal", 2) for c in ("Gepubliceerd 2012 (%)", "Doel van de fit 2012 (%)", "Model 2012 (%)",
                                          "Model 2023 (%)") if c in tabel}
    if "Verschil 2012 (procentpunt)" in tabel:
        formats["Verschil 2012 (procentpunt)"] = ("verschil", 2)
    return formats


def effecten_tabel(effecten: pd.DataFrame, labels) -> pd.DataFrame:
    """Fitted odds ratios: one row per dimension × category, one column per scenario (Dutch scenario names).

    `labels` turns scenario names into Dutch labels (`llo_dash.estimate.method.scenario_labels`).
    """
    scenarios = list(dict.fromkeys(effecten["scenario"]))
    wide = effecten.pivot_table(index=["dimensie", "categorie"], columns="scenario", values="odds_ratio", sort=False)
    wide = wide.reindex(columns=scenarios)
    wide.columns = list(labels(scenarios))
    wide = wide.reset_index()
    wide.insert(0, "Kenmerk", [DIMENSIES.get(d, d) for d in wide.pop("dimensie")])
    wide.insert(1, "Groep", [CATEGORIEEN.get(c, c) for c in wide.pop("categorie")])
    return wide


def scenarios_tabel(scenarios: pd.DataFrame, labels, gebieden: pd.DataFrame | None = None) -> pd.DataFrame:
    """Laaggeletterd 16–65 (%) per arbeidsmarktregio and Nederland in each scenario (Dutch scenario names),
    Nederland first, then the regions by code; with the lowest and highest scenario per row."""
    namen = dict(zip(gebieden["code"], gebieden["naam"])) if gebieden is not None else {}
    names = [c for c in scenarios.columns if c != "code"]
    frame = scenarios.copy()
    frame["_nl"] = frame["code"] != queries.NEDERLAND
    frame = frame.sort_values(["_nl", "code"]).drop(columns="_nl").reset_index(drop=True)
    values = frame[names].apply(pd.to_numeric, errors="coerce").astype("float64")
    result = pd.DataFrame({"Code": frame["code"].astype(str), "Naam": [namen.get(c, c) for c in frame["code"]]})
    for name, label in zip(names, labels(names)):
        result[label] = values[name]
    result["Laagste scenario"] = values.min(axis=1)
    result["Hoogste scenario"] = values.max(axis=1)
    return result


# --- screen helpers ---------------------------------------------------------------


def getal_kort(value, max_decimalen: int = 3) -> str:
    """A number with as few decimals as it needs (at most `max_decimalen`): 15.9 -> "15,9", 4000 -> "4.000",
    0.15 -> "0,15"; missing -> "geen gegevens"."""
    text = getal(value, max_decimalen)
    if text == GEEN_GEGEVENS or "," not in text:
        return text
    return text.rstrip("0").rstrip(",")


def met_korte_getallen(frame: pd.DataFrame, kolommen: Sequence[str] | None = None, max_decimalen: int = 3) -> pd.DataFrame:
    """A copy of `frame` for the screen: the numeric `kolommen` (all numeric columns when None) as short Dutch
    numbers ("geen gegevens" where missing), and empty text cells empty (never "None")."""
    shown = frame.copy()
    if kolommen is None:
        kolommen = [kolom for kolom in frame.columns if pd.api.types.is_numeric_dtype(frame[kolom])]
    for kolom in frame.columns:
        if kolom in kolommen:
            shown[kolom] = [getal_kort(value, max_decimalen) for value in frame[kolom]]
        elif not pd.api.types.is_numeric_dtype(frame[kolom]):
            shown[kolom] = ["" if is_missing(value) else value for value in frame[kolom]]
    return shown


def url_kolommen(frame: pd.DataFrame) -> list[str]:
    """The columns of a (reference) table that hold links ("bron_url", "Bron-URL", "bron_url_afwijkend")."""
    return [kolom for kolom in frame.columns if "url" in str(kolom).lower().replace("-", "_").split("_")]
