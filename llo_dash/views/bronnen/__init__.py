"""Bronnen & methode: every source, the estimate's method and tables, the build manifest, the indicators and the
licence. Pure, no Streamlit.

    data     sources, manifest (build, files, checks, missing values), region differences, indicators and
             reference tables, each a `columns.Tabel`
    methode  the estimate: method text, parameters, check, effects and scenarios
    text     the page's Dutch texts: introductions, licence, lines about the build

The page uses `from llo_dash.views import bronnen` and the names below.
"""

from llo_dash.views.bronnen.data import (
    ALLE_INDICATOREN,
    BRONNEN_VOLGORDE,
    LINK_TEKST,
    NIET_GEBRUIKT,
    REKENREGELS,
    bestanden_tabel,
    bouw_samenvatting,
    bronnen_tabel,
    controles_tabel,
    getal_kort,
    indicatoren_tabel,
    ontbrekend_tabel,
    referentie_bron,
    referentie_namen,
    referentie_overzicht,
    referentie_tabel,
    referentie_tabellen,
    regio_verschillen_bronnen,
    regio_verschillen_filter,
    regio_verschillen_indicatoren,
    regio_verschillen_tabel,
    url_kolommen,
)
from llo_dash.views.bronnen.methode import (
    SCHATTING_BRON,
    controle_tabel,
    effecten_tabel,
    methode_tekst,
    parameters_tabel,
    scenarios_tabel,
)
from llo_dash.views.bronnen.text import (
    bouw_waarschuwingen,
    BRONNEN_INTRO,
    CONTROLE_INTRO,
    CONTROLES_INTRO,
    EFFECTEN_INTRO,
    GEEN_MANIFEST,
    INDICATOREN_INTRO,
    INTRO,
    LICENTIE_MARKDOWN,
    LINK_UITLEG,
    ONTBREKEND_INTRO,
    PARAMETERS_INTRO,
    REFERENTIE_OMSCHRIJVING,
    REFERENTIES_INTRO,
    SCENARIOS_INTRO,
    VERSCHILLEN_FILTER_UITLEG,
    VERSCHILLEN_INTRO,
    bouw_bron,
    controles_lijst,
    gebouwd_op,
    referentie_kop,
    rijen_getoond,
)

__all__ = [
    # data
    "ALLE_INDICATOREN", "bouw_waarschuwingen", "BRONNEN_VOLGORDE", "LINK_TEKST", "NIET_GEBRUIKT", "REKENREGELS", "bestanden_tabel",
    "bouw_samenvatting", "bronnen_tabel", "controles_tabel", "getal_kort", "indicatoren_tabel", "ontbrekend_tabel",
    "referentie_bron", "referentie_namen", "referentie_overzicht", "referentie_tabel", "referentie_tabellen",
    "regio_verschillen_bronnen", "regio_verschillen_filter", "regio_verschillen_indicatoren", "regio_verschillen_tabel",
    "url_kolommen",
    # methode
    "SCHATTING_BRON", "controle_tabel", "effecten_tabel", "methode_tekst", "parameters_tabel", "scenarios_tabel",
    # text
    "BRONNEN_INTRO", "CONTROLE_INTRO", "CONTROLES_INTRO", "EFFECTEN_INTRO", "GEEN_MANIFEST", "INDICATOREN_INTRO",
    "INTRO", "LICENTIE_MARKDOWN", "LINK_UITLEG", "ONTBREKEND_INTRO", "PARAMETERS_INTRO", "REFERENTIE_OMSCHRIJVING",
    "REFERENTIES_INTRO", "SCENARIOS_INTRO", "VERSCHILLEN_FILTER_UITLEG", "VERSCHILLEN_INTRO", "bouw_bron",
    "controles_lijst", "gebouwd_op", "referentie_kop", "rijen_getoond",
]
