"""The Streamlit layer shared by the pages, one job per module (imports run one way, top to bottom):

    data        cached reads of the built tables, manifest and boundaries
    first_run   the first start: build the data, with a progress bar
    pages_menu  workaround for Streamlit's menu of the files in pages/ (private Streamlit API)
    state       the choice in the URL: page setup, sidebar pickers, view settings and lists in the link
    schermtabel a table's Dutch display values for st.dataframe without pandas' HTML model (framework workaround)
    blocks      headline figures, tables with downloads and source notes
    uitklap     an expander whose content is made only while it is open (tables under maps and figures)
    maps        maps with click-to-choose, grey-area count and source note
    upload      a file upload checked once and kept in the session only (Sectoren: the region's UWV figures)
    profiel     the Regioprofiel, computed once per code and build and shared when no own files are in it

Pages use `from llo_dash import ui` and the names below (`ui.page_setup`, `ui.tabel`, …).
"""

from llo_dash.ui.blocks import (
    MIME,
    Download,
    download_row,
    downloads,
    kerncijfers,
    metric_rij,
    toon,
    source_note,
    tabel,
)
from llo_dash.ui.data import bewaard, data_versie, grenzen, lees_manifest, lees_tabel, load_data, manifest
from llo_dash.ui.first_run import ensure_built
from llo_dash.ui.maps import kaart, kaart_blok, kaart_waarden
from llo_dash.ui.upload import UploadStand, upload_blok, upload_stand
from llo_dash.ui.uitklap import uitklap
from llo_dash.ui.profiel import regioprofiel
from llo_dash.ui.state import (
    GEEN_GEMEENTE,
    GEMEENTE_PARAM,
    NEDERLAND_OPTIE,
    PAGE_CONFIG,
    REGIO_PARAM,
    Keuze,
    kies,
    page_setup,
    router_started,
    url_keuze,
    url_lijst,
    url_lijst_waarde,
    zet_url_lijst,
)

__all__ = [
    "Download", "GEEN_GEMEENTE", "GEMEENTE_PARAM", "Keuze", "MIME", "NEDERLAND_OPTIE", "PAGE_CONFIG",
    "REGIO_PARAM", "UploadStand", "bewaard", "data_versie", "download_row", "downloads", "ensure_built",
    "grenzen", "kaart", "kaart_blok", "kaart_waarden", "kerncijfers", "kies", "lees_manifest", "lees_tabel",
    "load_data", "manifest", "metric_rij", "page_setup", "regioprofiel", "router_started", "source_note", "tabel", "toon",
    "uitklap", "upload_blok", "upload_stand", "url_keuze", "url_lijst", "url_lijst_waarde", "zet_url_lijst",
]
