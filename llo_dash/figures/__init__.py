"""DataFrames -> plotly figures. Pure builders, no Streamlit.

    theme    colours, the "llo" plotly template (font, Dutch separators), `opmaak`, the Dutch
             toolbar (`plotly_config`) and the source note inside a figure (`bron_onder`)
    maps     `choropleth`: maps that name their places and load nothing from outside (SVG, own GeoJSON)
    ranking  `rangorde_figuur`: the ranking chart, its selection of bars and label widths

Numbers are Dutch ("1.234,5") through the template's `separators` plus d3 formats. Every figure
names its source inside the figure (`bron_onder`), so a downloaded PNG does too.
"""

from llo_dash.figures.maps import BASISKAART, KAART_HOOGTE, MARKEER_BREEDTES, choropleth, kaartlabels, markeer_sporen
from llo_dash.figures.ranking import (
    MAX_BALKEN,
    RANGORDE_LABEL_GROOTTE,
    UITERSTEN,
    grafiek_selectie,
    label_breedte,
    rangorde_figuur,
    zonder_opmaak,
)
from llo_dash.figures.theme import (
    BALK_KLEUR,
    BALK_MARKEER_KLEUR,
    BRON_KLEUR,
    FONT,
    GEEN_GEGEVENS_KLEUR,
    GRENS_KLEUR,
    KLEURSCHAAL,
    MARKEER_KLEUREN,
    NEDERLAND_KLEUR,
    PLOTLY_NL,
    TEMPLATE,
    bron_onder,
    opmaak,
    plotly_config,
)

__all__ = [
    "BALK_KLEUR", "BALK_MARKEER_KLEUR", "BASISKAART", "BRON_KLEUR", "FONT", "GEEN_GEGEVENS_KLEUR", "GRENS_KLEUR",
    "KAART_HOOGTE", "KLEURSCHAAL", "MARKEER_BREEDTES", "MARKEER_KLEUREN", "MAX_BALKEN", "NEDERLAND_KLEUR",
    "PLOTLY_NL", "RANGORDE_LABEL_GROOTTE", "TEMPLATE", "UITERSTEN", "bron_onder", "choropleth",
    "grafiek_selectie", "kaartlabels", "label_breedte", "markeer_sporen", "opmaak", "plotly_config", "rangorde_figuur",
    "zonder_opmaak",
]
