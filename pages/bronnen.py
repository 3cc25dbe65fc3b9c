"""Bronnen & methode: Alle bronnen, de schattingsmethode en de bouwgegevens. (placeholder)."""

import streamlit as st

from llo_dash import ui

ui.page_setup("Bronnen & methode", ":material/menu_book:")
st.info("Deze pagina volgt.")
