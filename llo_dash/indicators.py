"""Every indicator of table `gebieden`: label, unit, source, reference date and how it aggregates.

Pages read labels, units and sources from here, so every figure can say where it comes
from; the build reads the aggregation rule:

- `som`: counts; a region is the sum of its gemeenten, missing if any gemeente is missing
  (never a partial sum shown as complete).
- `aandeel`: a percentage re-derived at every level as 100 × teller / noemer from summed counts.
- `gepubliceerd`: CBS publishes the figure for regions and Nederland itself (survey-based
  tables); that figure is used, and its difference from the aggregate of the gemeenten
  (by `teller`/`noemer` when given, else the sum) is recorded in `regio_verschillen`.
- `schatting`: the low-literacy estimate (`llo_dash.estimate`) computes its own regions
  (the sum of their gemeenten) and intervals.
"""

from __future__ import annotations

from dataclasses import dataclass

from llo_dash.formatting import getal, marge, procent

ALLE_NIVEAUS = ("nederland", "arbeidsmarktregio", "gemeente", "wijk", "buurt")  # also the order of table `gebieden`
REGIO_NIVEAUS = ("nederland", "arbeidsmarktregio", "gemeente")


@dataclass(frozen=True)
class Indicator:
    kolom: str
    label: str
    eenheid: str
    thema: str
    bronnen: tuple[str, ...]
    peildatum: str
    aggregatie: str
    teller: str | None = None
    noemer: str | None = None
    niveaus: tuple[str, ...] = REGIO_NIVEAUS
    decimalen: int = 0
    schatting: bool = False
    toelichting: str = ""

    @property
    def is_percentage(self) -> bool:
        return self.eenheid == "%"


def _count(kolom, label, thema, bronnen, peildatum, *, eenheid="personen", niveaus=REGIO_NIVEAUS, aggregatie="som", toelichting="", teller=None, noemer=None):
    return Indicator(kolom, label, eenheid, thema, bronnen, peildatum, aggregatie, teller, noemer, niveaus, 0, False, toelichting)


def _pct(kolom, label, thema, bronnen, peildatum, teller, noemer, *, niveaus=REGIO_NIVEAUS, aggregatie="aandeel", toelichting=""):
    return Indicator(kolom, label, "%", thema, bronnen, peildatum, aggregatie, teller, noemer, niveaus, 1, False, toelichting)


KWB = ("kwb_2024_leeftijd",)
KWB_HERKOMST = ("kwb_2024_herkomst",)
JAN_2024 = "1 januari 2024"
EERSTE_GENERATIE = ("herkomst_geboorteland", "kwb_2024_typed")
EERSTE_GENERATIE_SPLIT = ("herkomst_geboorteland", "wijkbuurtkaart_2023", "kwb_2024_typed")
SPLIT_NOTE = (
    "Gemeenten: aantal eerste generatie 2024 (85458NED), verdeeld naar Europa / buiten Europa met de aantallen van "
    "KWB 2024 waar de mirror die heeft, anders met de percentages van 1 januari 2023 (wijk- en buurtkaart, hele "
    "procenten). Wijken en buurten: KWB 2024, in de mirror niet voor alle gemeenten."
)
ONDERWIJS = ("onderwijsniveau",)
ARBEID = ("arbeidsdeelname", "onderwijsniveau")
ARBEID_NOTE = (
    "Enquêtecijfers (EBB) 2024, door CBS gepubliceerd per gemeente, regio en Nederland. Aantallen van regio's en "
    "Nederland zoals CBS ze publiceert (in duizendtallen); van gemeenten percentage × bevolking 15–75 jaar (2023), "
    "omdat duizendtallen voor een kleine gemeente te grof zijn."
)
UITKERING_GEMEENTE_WIJK = (
    "Per gemeente: Kerncijfers wijken en buurten 2024; per wijk en buurt: 86003NED, september 2024 (beide in de "
    "mirror niet voor alle gemeenten; elders geen gegevens). Arbeidsmarktregio: som van de gemeenten, alleen als die "
    "allemaal bekend zijn."
)
UITKERING_NOTE = UITKERING_GEMEENTE_WIJK + " Nederland: 86003NED, september 2024."
WW_NOTE = UITKERING_GEMEENTE_WIJK.replace(
    "Arbeidsmarktregio: som van de gemeenten, alleen als die allemaal bekend zijn.",
    "Arbeidsmarktregio's en Nederland: 85554NED, gemiddelde van de 12 maanden van 2024.",
)
SECTOR_NOTE = "Kerncijfers wijken en buurten 2024; in de mirror niet voor alle gemeenten (zie Bronnen & methode)."

SECTOREN = {
    "vestigingen_a_landbouw": "A Landbouw, bosbouw en visserij",
    "vestigingen_bf_nijverheid_energie": "B–F Nijverheid en energie",
    "vestigingen_gi_handel_horeca": "G+I Handel en horeca",
    "vestigingen_hj_vervoer_informatie": "H+J Vervoer, informatie en communicatie",
    "vestigingen_kl_financieel_onroerend_goed": "K+L Financiële diensten, onroerend goed",
    "vestigingen_mn_zakelijke_dienstverlening": "M+N Zakelijke dienstverlening",
    "vestigingen_oq_overheid_onderwijs_zorg": "O–Q Overheid, onderwijs en zorg",
    "vestigingen_ru_cultuur_recreatie_overig": "R–U Cultuur, recreatie, overige diensten",
}

INDICATOREN: tuple[Indicator, ...] = (
    # Bevolking
    _count("inwoners", "Inwoners", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("inwoners_0_15", "Inwoners 0 tot 15 jaar", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("inwoners_15_25", "Inwoners 15 tot 25 jaar", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("inwoners_25_45", "Inwoners 25 tot 45 jaar", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("inwoners_45_65", "Inwoners 45 tot 65 jaar", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("inwoners_65_plus", "Inwoners 65 jaar of ouder", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count(
        "inwoners_15_65", "Inwoners 15 tot 65 jaar", "bevolking", KWB, JAN_2024, niveaus=ALLE_NIVEAUS,
        toelichting="Som van 15–25, 25–45 en 45–65 jaar. Benadert de groep 16 t/m 65 jaar van PIAAC "
        "(evenveel jaargangen); CBS publiceert geen losse leeftijdsjaren per gemeente.",
    ),
    _count(
        "inwoners_15_75", "Inwoners 15 tot 75 jaar", "bevolking", ONDERWIJS, "2023",
        toelichting="Bevolking van de onderwijstabel (EBB 2023), afgerond op honderdtallen. Arbeidsmarktregio en "
        "Nederland: som van de gemeenten van 2025, zodat 15–65 en 65–75 jaar erin passen; het CBS-cijfer van de "
        "regio staat met het verschil en de reden in Bronnen & methode.",
    ),
    _count(
        "inwoners_65_75", "Inwoners 65 tot 75 jaar (benadering)", "bevolking", ("onderwijsniveau", "kwb_2024_leeftijd"),
        "2023/2024",
        toelichting="Benadering: bevolking 15–75 jaar (2023) min bevolking 15–65 jaar (1 januari 2024). Benadert de "
        "groep 66 t/m 75 jaar van PIAAC.",
    ),
    # Herkomst
    _count("herkomst_nederland", "Herkomst Nederland", "herkomst", KWB_HERKOMST, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("herkomst_europa", "Herkomst Europa (excl. Nederland)", "herkomst", KWB_HERKOMST, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("herkomst_buiten_europa", "Herkomst buiten Europa", "herkomst", KWB_HERKOMST, JAN_2024, niveaus=ALLE_NIVEAUS),
    _count("herkomst_buiten_nederland", "Herkomst buiten Nederland", "herkomst", KWB_HERKOMST, JAN_2024, niveaus=ALLE_NIVEAUS),
    _pct("herkomst_buiten_nederland_pct", "Herkomst buiten Nederland", "herkomst", KWB_HERKOMST, JAN_2024, "herkomst_buiten_nederland", "inwoners", niveaus=ALLE_NIVEAUS),
    _pct("herkomst_europa_pct", "Herkomst Europa (excl. Nederland)", "herkomst", KWB_HERKOMST, JAN_2024, "herkomst_europa", "inwoners", niveaus=ALLE_NIVEAUS),
    _pct("herkomst_buiten_europa_pct", "Herkomst buiten Europa", "herkomst", KWB_HERKOMST, JAN_2024, "herkomst_buiten_europa", "inwoners", niveaus=ALLE_NIVEAUS),
    _count(
        "eerste_generatie", "Eerste generatie (geboren buiten Nederland)", "herkomst", EERSTE_GENERATIE, JAN_2024,
        niveaus=ALLE_NIVEAUS, toelichting="Gemeenten: 85458NED; wijken en buurten: KWB 2024, in de mirror niet voor alle gemeenten.",
    ),
    _pct("eerste_generatie_pct", "Eerste generatie", "herkomst", EERSTE_GENERATIE, JAN_2024, "eerste_generatie", "inwoners", niveaus=ALLE_NIVEAUS),
    _count("eerste_generatie_europa", "Eerste generatie, herkomst Europa", "herkomst", EERSTE_GENERATIE_SPLIT, "2023/2024", niveaus=ALLE_NIVEAUS, toelichting=SPLIT_NOTE),
    _count("eerste_generatie_buiten_europa", "Eerste generatie, herkomst buiten Europa", "herkomst", EERSTE_GENERATIE_SPLIT, "2023/2024", niveaus=ALLE_NIVEAUS, toelichting=SPLIT_NOTE),
    _pct("eerste_generatie_europa_pct", "Eerste generatie, herkomst Europa", "herkomst", EERSTE_GENERATIE_SPLIT, "2023/2024", "eerste_generatie_europa", "inwoners", niveaus=ALLE_NIVEAUS, toelichting=SPLIT_NOTE),
    _pct("eerste_generatie_buiten_europa_pct", "Eerste generatie, herkomst buiten Europa", "herkomst", EERSTE_GENERATIE_SPLIT, "2023/2024", "eerste_generatie_buiten_europa", "inwoners", niveaus=ALLE_NIVEAUS, toelichting=SPLIT_NOTE),
    # Onderwijs (15–75 jaar)
    _pct("laag_opgeleid_pct", "Laag opgeleid (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", "laag_opgeleid", "inwoners_15_75", aggregatie="gepubliceerd",
         toelichting="Hoogst behaald: basisonderwijs, vmbo, havo/vwo-onderbouw of mbo-1. Enquêtecijfer (EBB): ruime marge bij kleine gemeenten."),
    _pct("middelbaar_opgeleid_pct", "Middelbaar opgeleid (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", "middelbaar_opgeleid", "inwoners_15_75", aggregatie="gepubliceerd"),
    _pct("hoog_opgeleid_pct", "Hoog opgeleid (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", "hoog_opgeleid", "inwoners_15_75", aggregatie="gepubliceerd"),
    _pct("basisonderwijs_pct", "Hoogst behaald: basisonderwijs (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", "basisonderwijs", "inwoners_15_75", aggregatie="gepubliceerd"),
    _count("laag_opgeleid", "Laag opgeleid (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", aggregatie="gepubliceerd", toelichting="Percentage × bevolking 15–75 jaar."),
    _count("middelbaar_opgeleid", "Middelbaar opgeleid (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", aggregatie="gepubliceerd"),
    _count("hoog_opgeleid", "Hoog opgeleid (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", aggregatie="gepubliceerd"),
    _count("basisonderwijs", "Hoogst behaald: basisonderwijs (15–75 jaar)", "onderwijs", ONDERWIJS, "2023", aggregatie="gepubliceerd"),
    # Arbeid (15–75 jaar)
    _count("werkzame_beroepsbevolking", "Werkzame beroepsbevolking (15–75 jaar)", "arbeid", ARBEID, "2024", aggregatie="gepubliceerd", toelichting=ARBEID_NOTE),
    _count("werkloze_beroepsbevolking", "Werklozen (15–75 jaar)", "arbeid", ARBEID, "2024", aggregatie="gepubliceerd", toelichting=ARBEID_NOTE),
    _count("beroepsbevolking", "Beroepsbevolking (15–75 jaar)", "arbeid", ARBEID, "2024", aggregatie="gepubliceerd", toelichting=ARBEID_NOTE),
    _count("niet_beroepsbevolking", "Niet-beroepsbevolking (15–75 jaar)", "arbeid", ARBEID, "2024", aggregatie="gepubliceerd", toelichting=ARBEID_NOTE),
    _pct("netto_arbeidsparticipatie_pct", "Netto arbeidsparticipatie", "arbeid", ARBEID, "2024", "werkzame_beroepsbevolking", "inwoners_15_75", aggregatie="gepubliceerd",
         toelichting="Werkzame beroepsbevolking als percentage van de bevolking 15–75 jaar."),
    _pct("bruto_arbeidsparticipatie_pct", "Bruto arbeidsparticipatie", "arbeid", ARBEID, "2024", "beroepsbevolking", "inwoners_15_75", aggregatie="gepubliceerd"),
    _pct("werkloosheid_pct", "Werkloosheid", "arbeid", ARBEID, "2024", "werkloze_beroepsbevolking", "beroepsbevolking", aggregatie="gepubliceerd",
         toelichting="Werklozen als percentage van de beroepsbevolking (EBB-definitie)."),
    # Uitkeringen
    _count("bijstandsuitkeringen", "Bijstandsuitkeringen", "uitkeringen", ("maatstaven_fvw",), "2024 (definitief)", eenheid="uitkeringen",
           toelichting="Aantal uitkeringen (een uitkering kan een huishouden betreffen), maatstaf van de Financiële-verhoudingswet."),
    _count("bijstand_personen", "Personen met bijstand", "uitkeringen", ("kwb_2024_gemeenten_100", "uitkeringen_wijken"), "2024 (zie toelichting)", niveaus=ALLE_NIVEAUS, aggregatie="gepubliceerd", toelichting=UITKERING_NOTE),
    _count("ww_personen", "Personen met WW", "uitkeringen", ("kwb_2024_gemeenten_100", "uitkeringen_wijken", "ww_regio"), "2024 (zie toelichting)", niveaus=ALLE_NIVEAUS, aggregatie="gepubliceerd",
           toelichting=WW_NOTE),
    _count("ao_personen", "Personen met arbeidsongeschiktheidsuitkering", "uitkeringen", ("kwb_2024_gemeenten_100", "uitkeringen_wijken"), "2024 (zie toelichting)", niveaus=ALLE_NIVEAUS, aggregatie="gepubliceerd", toelichting=UITKERING_NOTE),
    # Inkomen
    _count("huishoudens_laag_inkomen", "Huishoudens met een relatief laag inkomen", "inkomen", ("maatstaven_fvw",), "2023 (voorlopig)", eenheid="huishoudens"),
    _count("particuliere_huishoudens", "Particuliere huishoudens", "inkomen", ("inkomen_huishoudens",), "2024 (voorlopig)", eenheid="huishoudens",
           toelichting="Huishoudens in de inkomensstatistiek, door CBS in duizendtallen met één decimaal gepubliceerd."),
    _pct("huishoudens_laag_inkomen_pct", "Huishoudens met een relatief laag inkomen", "inkomen", ("maatstaven_fvw", "inkomen_huishoudens"), "2023/2024",
         "huishoudens_laag_inkomen", "particuliere_huishoudens", toelichting="Huishoudens met een relatief laag inkomen (2023) gedeeld door het aantal particuliere huishoudens (2024)."),
    # Economie
    _count("banen_werknemers", "Banen van werknemers (werklocatie)", "economie", ("banen",), "december 2023", eenheid="banen", aggregatie="gepubliceerd",
           toelichting="Banen naar de gemeente waar gewerkt wordt, in honderdtallen."),
    _count("bedrijfsvestigingen", "Bedrijfsvestigingen", "economie", ("maatstaven_fvw",), "2024 (voorlopig)", eenheid="vestigingen"),
    _count("vestigingen_totaal", "Bedrijfsvestigingen (KWB)", "economie", ("kwb_2024_typed",), "2024", eenheid="vestigingen", niveaus=ALLE_NIVEAUS, toelichting=SECTOR_NOTE),
    *(
        _count(kolom, f"Vestigingen {label}", "economie", ("kwb_2024_typed",), "2024", eenheid="vestigingen", niveaus=ALLE_NIVEAUS, toelichting=SECTOR_NOTE)
        for kolom, label in SECTOREN.items()
    ),
)

SCHATTING_BRONNEN = ("kwb_2024_leeftijd", "kwb_2024_herkomst", "herkomst_geboorteland", "onderwijsniveau", "arbeidsdeelname")
SCHATTING_NOTE = (
    "Schatting van het LLO Regiodashboard: landelijke PIAAC-cijfers (2012 en 2023) toegepast op de samenstelling "
    "van het gebied (opleiding, leeftijd, herkomst, arbeid) volgens CBS; zie Bronnen & methode."
)
SCHATTING_NIVEAUS = ("nederland", "arbeidsmarktregio", "gemeente", "wijk")

# The estimate of low-literates 16–65 and its groups: group id -> label; a group's column is `laaggeletterd_<id>`.
# Pages take these labels from here and key on the ids, never on a label.
LAAGGELETTERD = "laaggeletterd_16_65"
GROEP_LABELS = {
    "nt1": "NT1 (geboren in Nederland)",
    "nt2": "NT2 (eerste generatie)",
    "nt2_europa": "NT2, herkomst Europa",
    "nt2_buiten_europa": "NT2, herkomst buiten Europa",
    "werkend": "Werkend",
    "werkzoekend": "Werkzoekend (werkloos)",
    "inactief": "Niet-werkend en niet-zoekend",
    "16_25": "16 tot 25 jaar",
    "25_45": "25 tot 45 jaar",
    "45_65": "45 tot 65 jaar",
}
HERKOMST_GROEPEN, ARBEID_GROEPEN, LEEFTIJD_GROEPEN = ("nt1", "nt2"), ("werkend", "werkzoekend", "inactief"), ("16_25", "25_45", "45_65")
# Shorter where a caption next to it explains the group (headers of the NT1/NT2 × work table).
GROEP_KORT = {**GROEP_LABELS, "werkzoekend": "Werkzoekend"}


def _estimate(kolom, label, eenheid="personen", niveaus=REGIO_NIVEAUS, toelichting=SCHATTING_NOTE, decimalen=0):
    return Indicator(kolom, label, eenheid, "laaggeletterdheid", SCHATTING_BRONNEN, "2023 (PIAAC), CBS 2023/2024",
                     "schatting", None, None, niveaus, decimalen, True, toelichting)


def _estimate_with_interval(kolom, label, populatie, niveaus=REGIO_NIVEAUS):
    return (
        _estimate(kolom, f"{label} {populatie}", niveaus=niveaus),
        _estimate(f"{kolom}_pct", f"{label} {populatie}", eenheid="%", niveaus=niveaus, decimalen=1),
        *(
            _estimate(f"{kolom}{suffix}", f"{label} {populatie}, {bound}", eenheid=eenheid, niveaus=niveaus, decimalen=decimals)
            for suffix, bound, eenheid, decimals in (
                ("_laag", "ondergrens", "personen", 0), ("_hoog", "bovengrens", "personen", 0),
                ("_pct_laag", "ondergrens", "%", 1), ("_pct_hoog", "bovengrens", "%", 1),
            )
        ),
    )


SCHATTINGEN: tuple[Indicator, ...] = (
    *_estimate_with_interval("laaggeletterd_16_65", "Laaggeletterd", "16–65 jaar", niveaus=SCHATTING_NIVEAUS),
    *(_estimate(f"laaggeletterd_{groep}", f"Laaggeletterd 16–65, {GROEP_LABELS[groep]}", niveaus=SCHATTING_NIVEAUS)
      for groep in HERKOMST_GROEPEN),
    _estimate("laaggeletterd_nt2_europa", "Laaggeletterd 16–65, NT2 met herkomst Europa", niveaus=SCHATTING_NIVEAUS),
    _estimate("laaggeletterd_nt2_buiten_europa", "Laaggeletterd 16–65, NT2 met herkomst buiten Europa", niveaus=SCHATTING_NIVEAUS),
    *(
        _estimate(f"laaggeletterd_{herkomst}_{arbeid}", f"Laaggeletterd 16–65, {herkomst.upper()}, {GROEP_KORT[arbeid].lower()}",
                  niveaus=SCHATTING_NIVEAUS)
        for herkomst in HERKOMST_GROEPEN for arbeid in ARBEID_GROEPEN
    ),
    *(_estimate(f"laaggeletterd_{groep}", f"Laaggeletterd 16–65, {GROEP_LABELS[groep].lower()}", niveaus=SCHATTING_NIVEAUS)
      for groep in ARBEID_GROEPEN),
    *(_estimate(f"laaggeletterd_{groep}", f"Laaggeletterd, {GROEP_LABELS[groep]}", niveaus=SCHATTING_NIVEAUS)
      for groep in LEEFTIJD_GROEPEN),
    *_estimate_with_interval("laaggeletterd_66_75", "Laaggeletterd", "66–75 jaar"),
    *_estimate_with_interval("laaggeletterd_16_75", "Laaggeletterd", "16–75 jaar"),
    *_estimate_with_interval("laaggecijferd_16_65", "Laaggecijferd", "16–65 jaar"),
)
INDICATOREN = INDICATOREN + SCHATTINGEN
# Issue 13: columns whose Nederland row is CBS's national figure, not the sum of the gemeenten, so the row uses one
# method: first generation with its split (85458NED and the KWB 2024 row Nederland; 170 gemeenten are split with
# the percentages of 2023), and all vestigingen (Fvw and KWB publish the same national total; sectors exist for
# 172 gemeenten only). The sum of the gemeenten stays beside it in `regio_verschillen`.
NEDERLAND_CBS = frozenset({"eerste_generatie", "eerste_generatie_europa", "eerste_generatie_buiten_europa",
                           "bedrijfsvestigingen", "vestigingen_totaal", *SECTOREN})

BY_KOLOM: dict[str, Indicator] = {indicator.kolom: indicator for indicator in INDICATOREN}


def get(kolom: str) -> Indicator:
    return BY_KOLOM[kolom]


# --- one value of an indicator, written the Dutch way ------------------------------------


def opmaak(kolom: str) -> tuple[str, int]:
    """(soort, decimalen) of an indicator: ("procent", 1) or ("getal", 0); a row's entry of `columns.Tabel.rij_opmaak`
    in a table with a row per indicator."""
    indicator = get(kolom)
    return ("procent" if indicator.is_percentage else "getal", indicator.decimalen)


def waarde_tekst(kolom: str, value) -> str:
    """One value of an indicator, written the Dutch way ("22,6%", "254.521", "geen gegevens")."""
    kind, decimals = opmaak(kolom)
    return procent(value, decimals) if kind == "procent" else getal(value, decimals)


def marge_tekst(kolom: str, low, high) -> str:
    """The interval of an indicator's estimate: "13,4–15,5%" (see `formatting.marge`)."""
    indicator = get(kolom)
    return marge(low, high, indicator.decimalen, indicator.is_percentage)
