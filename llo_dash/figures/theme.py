"""The look shared by the dashboard's figures: the colours, one plotly template ("llo"), Dutch numbers, the
chart toolbar in Dutch and the source note inside the figure.

`opmaak(fig, ...)` gives a figure the template and its own layout. The template holds what every
figure shares (font, Dutch separators "1.234,5", no legend, the title on the left, the white outline
of map areas); a figure sets only what is its own (title text, axes, size, margins: each figure has
other margins, and `bron_onder` reads the bottom margin from the figure's layout).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio

from llo_dash import indicators
from llo_dash.export import slugify
from llo_dash.formatting import PLOTLY_SEPARATORS, d3_format

FONT = dict(family="Source Sans Pro, sans-serif", size=13)
BRON_KLEUR = "#555555"  # the source note under a figure

# Viridis is readable with every common colour-vision deficiency and still ordered
# in greyscale; reversed so that darker means "more". It contains no grey, so the
# grey of "geen gegevens" cannot be mistaken for a value.
KLEURSCHAAL = "Viridis_r"
GEEN_GEGEVENS_KLEUR = "#d0d0d0"
GRENS_KLEUR = "#ffffff"  # the outline of every area on a map
# Okabe-Ito black and vermillion: outlines of the chosen region and gemeente.
MARKEER_KLEUREN = ("#000000", "#d55e00")
NEDERLAND_KLEUR = "#d55e00"
BALK_KLEUR = "#3b528b"  # a Viridis blue
BALK_MARKEER_KLEUR = "#fde725"  # Viridis yellow, with a dark outline

TEMPLATE = "llo"
pio.templates[TEMPLATE] = go.layout.Template(
    layout=dict(font=FONT, separators=PLOTLY_SEPARATORS, showlegend=False, title=dict(x=0, xanchor="left")),
    data=dict(choropleth=[dict(marker=dict(line=dict(color=GRENS_KLEUR, width=0.5)))]),
)


def opmaak(fig: go.Figure, **layout) -> go.Figure:
    """`fig` with the "llo" template on top of the template it has (Streamlit's inside the app, plotly's
    elsewhere), and with `layout` (what is the figure's own).

    The font is also written into the layout itself: `st.plotly_chart` (theme "streamlit", the default)
    merges Streamlit's own font, title font, left and right margins and backgrounds over
    `layout.template.layout` in the browser (Streamlit 1.67, frontend PlotlyChart CustomTheme), so a
    template font would not reach the screen; values in the layout win over it.
    """
    fig.update_layout(template=_samengevoegd(fig.layout.template), font=FONT, **layout)
    return fig


_SAMENGEVOEGD: dict[str, go.layout.Template] = {}


def _samengevoegd(onder: go.layout.Template) -> go.layout.Template:
    """The "llo" template merged over `onder`, merged once per distinct `onder` (issue 14: the merge took 10 of
    the 14 ms per figure, for the same two templates on every run). Keyed by the template's JSON: a changed
    default template (another Streamlit, or plotly's own outside the app) gets its own merge."""
    sleutel = repr(onder.to_plotly_json())
    if (template := _SAMENGEVOEGD.get(sleutel)) is None:
        if len(_SAMENGEVOEGD) >= 8:  # one or two in practice; never a growing store
            _SAMENGEVOEGD.clear()
        template = _SAMENGEVOEGD[sleutel] = pio.templates.merge_templates(onder, pio.templates[TEMPLATE])
    return template


def eenheid_tekst(indicator: indicators.Indicator) -> str:
    """The unit on a colour bar or axis: "%" or the indicator's own unit ("personen")."""
    return "%" if indicator.is_percentage else indicator.eenheid


def waarde_formaat(indicator: indicators.Indicator) -> tuple[str, str]:
    """(d3 format, suffix) for hovers and ticks: (",.1f", "%") or (",.0f", "")."""
    return d3_format("getal", indicator.decimalen), "%" if indicator.is_percentage else ""


# The chart toolbar in Dutch. Plotly ships its translations as separate scripts (from a CDN); a locale can also
# be given inline in the config, which needs nothing from outside. Keys are plotly.js's English texts.
PLOTLY_NL = {
    "Download plot as a PNG": "Figuur opslaan als PNG", "Download plot as a png": "Figuur opslaan als PNG",
    "Download plot": "Figuur opslaan", "Zoom": "Zoomen (kader)", "Pan": "Verschuiven", "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen", "Autoscale": "Alles tonen", "Reset axes": "Assen herstellen", "Reset view": "Beeld herstellen", "Reset": "Beeld herstellen",
    "Reset views": "Beelden herstellen", "Box Select": "Selecteren met kader", "Lasso Select": "Selecteren met lasso",
    "Toggle Spike Lines": "Hulplijnen aan/uit", "Show closest data on hover": "Dichtstbijzijnde waarde tonen",
    "Compare data on hover": "Waarden vergelijken", "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
    "Double-click on legend to isolate one trace": "Dubbelklik op de legenda om één reeks te tonen",
    "Taking snapshot - this may take a few seconds": "Figuur wordt opgeslagen; dit kan enkele seconden duren",
    "Snapshot succeeded": "Figuur opgeslagen",
    "Sorry, there was a problem downloading your snapshot!": "Het opslaan van de figuur is mislukt.",
}


# A map saved with the toolbar's PNG button: drawn at this size (px) and scale, for a slide or a printed page.
PRESENTATIE_FORMAAT = {"width": 1280, "height": 900, "scale": 2}


def plotly_config(bestandsnaam: str, *, presentatie: bool = False) -> dict:
    """`st.plotly_chart(config=...)`: PNG download named after the figure, no plotly logo or links, Dutch toolbar.

    `presentatie`: the PNG is drawn at `PRESENTATIE_FORMAAT` rather than at its size on the screen (maps).
    """
    afbeelding = {"format": "png", "filename": slugify(bestandsnaam) or "llo-figuur", "scale": 2}
    return {
        "locale": "nl",
        "locales": {"nl": {"dictionary": PLOTLY_NL, "format": {}}},
        "displaylogo": False,
        "toImageButtonOptions": {**afbeelding, **(PRESENTATIE_FORMAAT if presentatie else {})},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
        "scrollZoom": True,
    }


def bron_onder(fig: go.Figure, bron: str | Sequence[str] | None, *, grootte: int = 10, breedte: int = 90) -> go.Figure:
    """The source (and other notes, one per item) under the figure, so a downloaded PNG still says where it
    comes from.

    Right-aligned under the plot area and wrapped at `breedte` characters (plotly does not wrap
    annotations itself; 90 characters of 10 px text are about 500 px, which fits a figure next to the
    sidebar on a 1024 px screen, running into the room of the axis labels when the plot is narrower), in
    a strip added below the bottom margin: it never covers the axes (as long as the margin set before
    holds the tick labels and axis title) and is never cut off. Call it after
    the layout's height and margin are set; it makes both larger by the height of the note.
    """
    teksten = [bron] if isinstance(bron, str) else list(bron or [])
    # Plain text: "<" and ">" would be read as plotly markup (a file name or a source title is never markup).
    regels = [regel.replace("<", "&lt;").replace(">", "&gt;")
              for tekst in teksten if tekst for regel in textwrap.wrap(tekst, breedte)]
    if not regels:
        return fig
    onder = fig.layout.margin.b if fig.layout.margin.b is not None else 80  # plotly's default margin
    hoogte = (grootte + 4) * len(regels) + 8
    fig.add_annotation(text="<br>".join(regels), showarrow=False, xref="paper", yref="paper", x=1, y=0,
                       xanchor="right", yanchor="top", yshift=-onder - 4, align="right",
                       font=dict(size=grootte, color=BRON_KLEUR))
    fig.update_layout(margin=dict(b=onder + hoogte), height=(fig.layout.height or 450) + hoogte)
    return fig
