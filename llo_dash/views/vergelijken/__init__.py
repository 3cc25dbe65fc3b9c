"""Vergelijken: 2 to 6 regions or gemeenten side by side and next to Nederland, and a ranking. Pure, no Streamlit.

    data     the `?vergelijk=` link read into a clean list, the default comparison, the side-by-side
             table (`naast_elkaar`) and the ranking (`rangorde`; its table is `queries.kaarttabel`)
    text     the page's Dutch sentences: notes on the link, the default, the ranking line
    figures  the ranking chart of the page

The page uses `from llo_dash.views import vergelijken` and the names below.
"""

from llo_dash.views.vergelijken.data import (
    NIVEAUS,
    PARAM,
    STANDAARD_AANTAL,
    VERGELIJK_INDICATOREN,
    NaastElkaar,
    Vergelijking,
    Weergave,
    lees_vergelijk,
    link_waarde,
    naast_elkaar,
    niveau_link,
    niveau_van,
    opties,
    rangorde,
    standaard_codes,
    standaard_niveau,
    vergelijk_indicatoren,
    vergelijkbaar,
    weergave,
)
from llo_dash.views.vergelijken.figures import rangorde_grafiek
from llo_dash.views.vergelijken.text import (
    ALLE_GEMEENTEN_UITLEG,
    GELIJKE_WAARDEN,
    INTRO,
    MAX_GEBIEDEN,
    MIN_GEBIEDEN,
    SCHATTINGEN,
    alle_gemeenten,
    grafiek_uitleg,
    kiezer_tekst,
    nederland_regel,
    plaatsen,
    rangorde_regel,
    rangorde_titel,
    standaard_uitleg,
    tabel_kop,
    te_weinig,
    vergelijking_titel,
)

__all__ = [
    # data
    "NIVEAUS", "PARAM", "STANDAARD_AANTAL", "VERGELIJK_INDICATOREN", "NaastElkaar", "Vergelijking", "Weergave",
    "lees_vergelijk", "link_waarde", "naast_elkaar", "niveau_link", "niveau_van", "opties", "rangorde",
    "standaard_codes", "standaard_niveau", "vergelijk_indicatoren", "vergelijkbaar", "weergave",
    # figures
    "rangorde_grafiek",
    # text
    "GELIJKE_WAARDEN", "INTRO", "MAX_GEBIEDEN", "MIN_GEBIEDEN", "SCHATTINGEN", "alle_gemeenten",
    "ALLE_GEMEENTEN_UITLEG", "grafiek_uitleg", "kiezer_tekst", "nederland_regel", "plaatsen", "rangorde_regel",
    "rangorde_titel", "standaard_uitleg", "tabel_kop", "te_weinig", "vergelijking_titel",
]
