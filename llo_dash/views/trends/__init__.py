"""Trends: how a region develops over the years, next to Nederland and its neighbouring regions. Pure, no Streamlit.

    data     series from the long table `trends` (gaps stay NaN; monthly WW as yearly averages), the chart's
             lines, the table of latest value, change over 1 and 5 years and rank, source lines;
             `trendzinnen(trends, code)` gives the trend sentences of an area (also for the Regioprofiel)
    text     period labels and the trend sentence `trendzin` (plain series in, one Dutch sentence out)
    figures  the line chart

The page uses `from llo_dash.views import trends` and the names below.
"""

from llo_dash.views.trends.data import (
    STANDAARD,
    Lijn,
    bronregel,
    grafiektabel,
    heeft_maanden,
    indicator_naam,
    indicator_opties,
    is_maandreeks,
    jaargemiddelden,
    lijnen,
    perioden,
    rang,
    reeks,
    standaard_indicator,
    standtabel,
    tabel_per_periode,
    toelichtingen,
    trendzinnen,
    verandering,
)
from llo_dash.views.trends.figures import trendgrafiek
from llo_dash.views.trends.text import (
    GEEN_REGIO,
    INTRO,
    RANG_UITLEG,
    WEERGAVEN,
    een_periode,
    geen_gemeentecijfers,
    grafiek_titel,
    periode_tekst,
    perioden_tekst,
    tabel_titel,
    trendzin,
)

__all__ = [
    # data
    "STANDAARD", "Lijn", "bronregel", "grafiektabel", "heeft_maanden", "indicator_naam", "indicator_opties", "is_maandreeks",
    "jaargemiddelden", "lijnen", "perioden", "rang", "reeks", "standaard_indicator", "standtabel", "tabel_per_periode",
    "toelichtingen", "trendzinnen", "verandering",
    # figures
    "trendgrafiek",
    # text
    "GEEN_REGIO", "INTRO", "RANG_UITLEG", "WEERGAVEN", "een_periode", "geen_gemeentecijfers", "grafiek_titel", "periode_tekst",
    "perioden_tekst", "tabel_titel", "trendzin",
]
