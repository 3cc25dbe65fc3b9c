"""What exists out there: every public source the build reads, where it lives and how to read it.

One `Source` per input file. The build reads the copy in the mirror folder when it
is there (`mirror_path`, relative to the mirror root) and otherwise gets it from
the public URL: CBS tables through the CBS OData v3 service (`table`), boundary
and reference files by downloading `url`.
"""

from __future__ import annotations

from dataclasses import dataclass

CBS = "Centraal Bureau voor de Statistiek (CBS)"
CC_BY = "CC BY 4.0"
ODATA_FEED = "https://opendata.cbs.nl/ODataFeed/odata"


def statline_url(table: str) -> str:
    return f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table"


@dataclass(frozen=True)
class Source:
    """One public input of the build.

    `reader` names the file format: `dertje_csv` (bulk dump of a CBS TypedDataSet with titles
    instead of keys), `statline_csv` (StatLine web export), `dbf`, `csv` and `json_value`
    (see `llo_dash.ingest.readers`), or `geojson` (read by `llo_dash.build.geometry`).
    """

    id: str
    title: str
    publisher: str
    licence: str
    period: str
    url: str
    mirror_path: str
    reader: str
    table: str | None = None  # CBS table id: live data come from the OData service
    downloadable: bool = False  # `url` is the file itself (not a web page)
    attribution: str = "Bron: CBS"
    caveat: str = ""

    @property
    def odata_url(self) -> str | None:
        return f"{ODATA_FEED}/{self.table}" if self.table else None


def _cbs(id: str, table: str, title: str, period: str, mirror_path: str, reader: str, caveat: str = "") -> Source:
    return Source(
        id=id,
        title=f"{title} ({table})",
        publisher=CBS,
        licence=CC_BY,
        period=period,
        url=statline_url(table),
        mirror_path=mirror_path,
        reader=reader,
        table=table,
        caveat=caveat,
    )


def _grenzen(niveau: str, jaar: str, title: str, caveat: str) -> Source:
    """A generalised boundary file of cartomap/nl (CBS / PDOK boundaries), read with geopandas."""
    return Source(
        id=f"grenzen_{niveau}_{jaar}",
        title=title,
        publisher="CBS / PDOK, vereenvoudigd door cartomap/nl",
        licence=CC_BY,
        period=jaar,
        url=f"https://raw.githubusercontent.com/cartomap/nl/master/wgs84/{niveau}_{jaar}.geojson",
        mirror_path=f"geo/{niveau}_{jaar}.geojson",
        reader="geojson",
        downloadable=True,
        attribution="Bron: CBS / PDOK (gebiedsindelingen), vereenvoudigd door cartomap/nl",
        caveat=caveat,
    )


SOURCES: tuple[Source, ...] = (
    _cbs(
        "gebieden_2025", "86059NED", "Gebieden in Nederland 2025", "2025",
        "cbs/statline_regio/86059NED_gebieden_in_nederland_2025_dertje.csv", "dertje_csv",
        "Officiële indeling gemeente → arbeidsmarktregio en provincie; ook de sleutel van gemeentenamen naar codes.",
    ),
    _cbs(
        "kwb_2024_leeftijd", "85984NED", "Kerncijfers wijken en buurten 2024: bevolking en leeftijd",
        "1 januari 2024", "cbs/kwb/kwb2024_85984NED_bevolking_leeftijd_statline.csv", "statline_csv",
        "Alle 18.310 gebieden (Nederland, gemeenten, wijken, buurten). Aantallen voor wijken en buurten "
        "zijn door CBS afgerond.",
    ),
    _cbs(
        "kwb_2024_herkomst", "85984NED", "Kerncijfers wijken en buurten 2024: herkomst",
        "1 januari 2024", "cbs/kwb/kwb2024_85984NED_herkomst_statline.csv", "statline_csv",
        "Zelfde rijen in dezelfde volgorde als het leeftijdsbestand, zonder codes.",
    ),
    _cbs(
        "kwb_2024_gemeenten_100", "85984NED", "Kerncijfers wijken en buurten 2024: uitkeringen per gemeente",
        "2024", "cbs/kwb/kwb2024_85984NED_gemeenten_first100_allcolumns_statline.csv", "statline_csv",
        "Alleen 100 gemeenten (geen volledige tabel in de mirror); uitkeringen (WW, AO, bijstand) per gemeente.",
    ),
    _cbs(
        "kwb_2024_typed", "85984NED", "Kerncijfers wijken en buurten 2024: vestigingen en eerste generatie",
        "2024", "cbs/kwb/kwb2024_85984NED_typeddataset_first10000rows_dertje.csv.gz", "dertje_csv",
        "Nederland en 172 gemeenten (Aa en Hunze t/m Maasdriel) met hun wijken en buurten: "
        "bedrijfsvestigingen per sector en eerste generatie.",
    ),
    Source(
        id="kwb_2024_eigenschappen",
        title="Kerncijfers wijken en buurten 2024 (85984NED): DataProperties",
        publisher=CBS,
        licence=CC_BY,
        period="2024",
        url=f"{ODATA_FEED}/85984NED/DataProperties?$format=json",
        mirror_path="cbs/api_examples/kwb2024_85984NED_DataProperties_value.json",
        reader="json_value",
        table="85984NED",
        downloadable=True,
        caveat="Koppelt de onderwerpcodes van KWB 2024 aan titels en eenheden; codes wisselen per editie.",
    ),
    _cbs(
        "onderwijsniveau", "85525NED", "Bevolking; hoogstbehaald onderwijsniveau en regio", "2023",
        "cbs/statline_regio/85525NED_onderwijsniveau_regio_first10000rows_dertje.csv", "dertje_csv",
        "Enquêtecijfers (EBB): bij kleine gemeenten een ruime marge. Schiermonnikoog onderdrukt.",
    ),
    _cbs(
        "arbeidsdeelname", "86088NED", "Arbeidsdeelname; regionale indeling 2024", "2024",
        "cbs/statline_regio/86088NED_arbeidsdeelname_regio2024_first10000rows_dertje.csv", "dertje_csv",
        "Enquêtecijfers (EBB); aantallen in duizendtallen, bij kleine gemeenten grof.",
    ),
    _cbs(
        "maatstaven_fvw", "85383NED", "Maatstaven Financiële-verhoudingswet (Fvw)", "2023–2024",
        "cbs/statline_regio/85383NED_maatstaven_fvw_dertje.csv", "dertje_csv",
        "Bijstandsuitkeringen (definitief 2024) en huishoudens met een relatief laag inkomen (voorlopig 2023).",
    ),
    _cbs(
        "herkomst_geboorteland", "85458NED", "Bevolking; herkomstland, geboorteland, regio", "1 januari 2024",
        "cbs/aanvulling/85458NED_bevolking_herkomstland_geboorteland_regio_2022-2024_first10000rows_dertje.csv",
        "dertje_csv",
    ),
    _cbs(
        "banen", "83582NED", "Banen van werknemers in december; economische activiteit (SBI2008), regio",
        "december 2023", "cbs/statline_regio/83582NED_banen_werknemers_sbi_regio_first10000rows_dertje.csv",
        "dertje_csv", "Banen naar werklocatie, in duizendtallen (één decimaal).",
    ),
    _cbs(  # issue 11: jobs per SBI section (llo_dash/build/banen_sector.py), only live
        "banen_sector", "83582NED", "Banen van werknemers in december; economische activiteit (SBI2008), regio: per sectie",
        "december, laatste jaar (live)", "cbs/statline_regio/83582NED_banen_werknemers_sbi_regio_first10000rows_dertje.csv",
        "dertje_csv", "De kopie in de mirror heeft alleen het totaal A-U (en sectie A deels): de bouw haalt de banen per "
        "SBI-sectie live op bij CBS als hij niet offline draait. Banen naar werklocatie, in duizendtallen.",
    ),
    _cbs(
        "ww_regio", "85554NED", "Personen met een WW-uitkering; arbeidsmarktregio, maand", "2024 (jaargemiddelde)",
        "cbs/aanvulling/85554NED_ww_uitkeringen_arbeidsmarktregio_maand_2013-2025_first10000rows_dertje.csv",
        "dertje_csv", "Alleen Nederland, provincies en arbeidsmarktregio's; niet per gemeente.",
    ),
    _cbs(
        "uitkeringen_wijken", "86003NED", "Uitkeringsontvangers; wijken en buurten 2024", "september 2024",
        "cbs/kwb/86003NED_uitkeringsontvangers_wijken_buurten_2024_first10000rows_dertje.csv.gz", "dertje_csv",
        "Alleen 48 gemeenten (Aa en Hunze t/m Breda) met hun wijken en buurten in de mirror.",
    ),
    _cbs(
        "inkomen_huishoudens", "86161NED", "Inkomen van huishoudens; huishoudenskenmerken, regio", "2024 (voorlopig)",
        "cbs/statline_regio/inkomen_huishoudens_regio_2024_statline.csv", "statline_csv",
        "StatLine-export zonder tabelnummer; waarschijnlijk 86161NED.",
    ),
    _cbs(  # issue 13: inwoners 1 januari 2025 in table `trends`
        "kerncijfers_2025", "70072NED", "Regionale kerncijfers Nederland", "1 januari 2025",
        "cbs/statline_regio/70072NED_regionale_kerncijfers_2025_statline.csv", "statline_csv",
        "StatLine-export met een selectie van onderwerpen; alleen de bevolkingscijfers van 2025 zijn gevuld.",
    ),
    Source(
        id="wijkbuurtkaart_2023",
        title="Wijk- en buurtkaart 2023, versie 1: gemeenten (attributen)",
        publisher=CBS,
        licence=CC_BY,
        period="1 januari 2023",
        url="https://www.cbs.nl/nl-nl/dossier/nederland-regionaal/geografische-data/wijk-en-buurtkaart-2023",
        mirror_path="cbs/aanvulling/wijkbuurtkaart_2023_v1_gemeenten_attributen_elan.dbf",
        reader="dbf",
        caveat="Eerste generatie naar Europa / buiten Europa als heel percentage van de inwoners.",
    ),
    _grenzen("gemeente", "2025", "Gemeentegrenzen 2025 (gegeneraliseerd)",
             "Sterk vereenvoudigd (ongeveer 100 m); arbeidsmarktregio's en provincies zijn hieruit samengevoegd."),
    _grenzen("wijk", "2024", "Wijkgrenzen 2024 (gegeneraliseerd)",
             "Indeling 2024, sluit aan op Kerncijfers wijken en buurten 2024."),
    Source(
        id="beroepen_werkzamen",
        title="Werkzame beroepsbevolking; beroep (85276NED) en werknemers; uurloon en beroep (85517NED)",
        publisher=CBS,
        licence=CC_BY,
        period="2023 (werkzamen), 2022 (lonen)",
        url=statline_url("85276NED"),
        mirror_path="arbeidsmarkt/cbs_brc_werkzamen_lonen_nl.csv",
        reader="csv",
        table=None,
        caveat="Landelijk per BRC-beroepsgroep; enquêtecijfers afgerond op duizendtallen.",
    ),
    # --- vacancies per sector and occupations per region (issue 11: llo_dash/build/vacatures.py, beroepsklassen.py)
    _cbs(
        "vacatures_sbi", "80472NED", "Vacatures; SBI 2008, bedrijfsgrootte", "1997–2024 (kwartalen)",
        "arbeidsmarkt/vacatures/80472NED_vacatures_sbi_bedrijfsgrootte_1997-2024_dertje.csv", "dertje_csv",
        "Openstaande, ontstane en vervulde vacatures, landelijk, in duizendtallen; 2024 waarschijnlijk nog voorlopig. "
        "Vacatures, geen spanningsindicator (geen werkzoekenden).",
    ),
    _cbs(
        "vacaturegraad_sbi", "80567NED", "Vacaturegraad; SBI 2008", "1997–2024 (kwartalen)",
        "arbeidsmarkt/vacatures/80567NED_vacaturegraad_sbi_1997-2024_dertje.csv", "dertje_csv",
        "Openstaande vacatures per 1.000 banen, landelijk per sector; een lege cel is geheim of onbekend.",
    ),
    _cbs(
        "vacatures_seizoen", "80474NED", "Vacatures, seizoengecorrigeerd; SBI 2008", "1997–2024 (kwartalen)",
        "arbeidsmarkt/vacatures/80474NED_vacatures_seizoengecorrigeerd_sbi_1997-2024_dertje.csv", "dertje_csv",
        "Openstaande vacatures zonder seizoenpatroon, landelijk, in duizendtallen.",
    ),
    _cbs(
        "vacatures_provincie", "83599NED", "Openstaande vacatures; SBI 2008, regio", "2011–2024 (kwartalen)",
        "arbeidsmarkt/vacatures/83599NED_openstaande_vacatures_sbi_regio_first10000rows_dertje.csv", "dertje_csv",
        "Laagste niveau is de provincie (geen arbeidsmarktregio's). De mirror is afgekapt: alleen A-U, A, B-F, B, C, D, "
        "E, F, G-N en G compleet; live alle sectoren.",
    ),
    _cbs(
        "vacatures_brc_sbi", "85081NED", "Ontstane vacatures; BRC 2014, SBI 2008", "2018–2023",
        "arbeidsmarkt/vacatures/85081NED_ontstane_vacatures_brc_sbi_first10000rows_dertje.csv", "dertje_csv",
        "Niet gebruikt: 83 % van de cellen is geheim, bij A-U zijn maar 7 van de 12 beroepsklassen gevuld.",
    ),
    _cbs(
        "beroepsklassen_regio", "84916NED", "Werkzame beroepsbevolking; beroepsklasse, regio", "2022",
        "arbeidsmarkt/beroepen_regio/84916NED_werkzame_beroepsbevolking_beroepsklasse_regio_2022_dertje.csv",
        "dertje_csv",
        "Enquête (EBB), naar woonregio (inwoners, geen banen), afgerond op duizendtallen, indeling 2022; "
        "twee samengevoegde groepen (07+08 en 02+09+13).",
    ),
    Source(
        id="beroepsklassen_sleutels",
        title="Sleutels van de beroepsklassen in 84916NED (afgeleid bij het verzamelen)",
        publisher="Mirror van het LLO Regiodashboard, afgeleid uit CBS 84916NED, 86086NED en 85276NED",
        licence=CC_BY,
        period="2022",
        url=f"{ODATA_FEED}/84916NED/Beroepsklasse",
        mirror_path="arbeidsmarkt/beroepen_regio/cbs_84916NED_beroepsklasse_sleutels_AFGELEID.csv",
        reader="csv",
        caveat="Koppeling sleutel → beroepsklasse vastgesteld via gelijke Nederland-waarden, niet door CBS geleverd; "
        "controleer de titels live via de URL.",
    ),
    _cbs(
        "beroepen_reeks", "85276NED", "Werkzame beroepsbevolking; beroep", "2013–2024",
        "arbeidsmarkt/beroepen_regio/85276NED_werkzame_beroepsbevolking_beroep_first10000rows_dertje.csv",
        "dertje_csv",
        "Landelijk per BRC-beroep; de mirror is afgekapt (109 van de 114 beroepsgroepen), afgerond op duizendtallen.",
    ),
    Source(  # issue 11: BRC codes and full names for the titles of 85276NED (llo_dash/build/beroepen_trend.py)
        id="brc_classificatie",
        title="Beroepenclassificatie ROA-CBS 2014 (BRC 2014): klassen, segmenten en beroepsgroepen",
        publisher=CBS,
        licence=CC_BY,
        period="2014",
        url="https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/onderwijs-en-beroepen/beroepenclassificatie-roa-cbs-2014--brc-2014--",
        mirror_path="arbeidsmarkt/brc2014_classificatie.csv",
        reader="csv",
        caveat="Indeling, geen cijfers: 13 klassen, 40 segmenten, 114 beroepsgroepen.",
    ),
    Source(
        id="gebieden_historie",
        title="Gemeenten met hun laatste indelingsjaar, arbeidsmarktregio en provincie (uit CBS Gebieden in Nederland)",
        publisher="ahrnuld/jobmarket, op basis van CBS Gebieden in Nederland 2010–2026",
        licence=CC_BY,
        period="2010–2026",
        url="https://raw.githubusercontent.com/ahrnuld/jobmarket/a0b31834777e0385daa56c8614fb49af566c1e96/"
        "data/reference/municipalities.csv",
        mirror_path="geo/cbs_gebieden_multiyear_ahrnuld-jobmarket.csv",
        reader="csv",
        downloadable=True,
        attribution="Bron: CBS, bewerkt door ahrnuld/jobmarket",
        caveat="Geen officiële CBS-download; gebruikt voor gemeenten van 2022 die in 2025 niet meer bestaan "
        "(Weesp, Brielle, Hellevoetsluis, Westvoorne).",
    ),
)

BY_ID: dict[str, Source] = {source.id: source for source in SOURCES}


def get(source_id: str) -> Source:
    return BY_ID[source_id]
