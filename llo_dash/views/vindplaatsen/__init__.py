"""The page Vindplaatsen: where the target group lives (gemeenten, wijken) and which partners reach them.
Pure functions, no Streamlit; they read the built table `gebieden`, the indicator registry and the
handreiking's reference tables.

    data  the tables (`columns.Tabel`): per gemeente or wijk, partners, professionals, establishments per
          sector; reading the reference tables
    text  sentences: where most of them live, who reaches them, why figures are missing

The page uses `from llo_dash.views import vindplaatsen` and the names below.
"""

from llo_dash.views.gebiedstabel import label
from llo_dash.views.vindplaatsen.data import (
    HANDREIKING,
    KAART_OPTIES,
    KOLOMMEN,
    NIVEAUS,
    PARTNERS_SCHERM,
    ROA_URL,
    gebieden_van,
    lees_partners,
    lees_professionals,
    partner_bronnen,
    partner_indicatoren,
    partners_rollen,
    partners_tabel,
    professionals_tabel,
    vindplaatsen_tabel,
    werkgevers_sectoren,
)
from llo_dash.views.vindplaatsen.text import (
    ONDERDRUKT,
    WIJK_GROVER,
    WIJK_ZONDER_INKOMEN,
    concentratie_zin,
    hoogste_aandeel_zin,
    ontbrekend_regels,
    partners_zin,
    reden_ontbrekend,
    sectoren_ontbreken_zin,
    selectie_namen,
    vestigingen_zin,
    voor_gebruikers,
)

__all__ = [
    "label",
    "HANDREIKING", "KAART_OPTIES", "KOLOMMEN", "NIVEAUS", "PARTNERS_SCHERM", "ROA_URL", "gebieden_van", "lees_partners",
    "lees_professionals", "partner_bronnen", "partner_indicatoren", "partners_rollen", "partners_tabel",
    "professionals_tabel", "vindplaatsen_tabel", "werkgevers_sectoren",
    "ONDERDRUKT", "WIJK_GROVER", "WIJK_ZONDER_INKOMEN", "concentratie_zin", "hoogste_aandeel_zin", "ontbrekend_regels",
    "partners_zin", "reden_ontbrekend", "sectoren_ontbreken_zin", "selectie_namen", "vestigingen_zin",
    "voor_gebruikers",
]
