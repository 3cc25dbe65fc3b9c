"""Sectoren & beroepen: Beroepen en sectoren met veel mensen die moeite hebben met basisvaardigheden. (placeholder)."""

import streamlit as st

from llo_dash import ui

ui.page_setup("Sectoren & beroepen", ":material/work:")
st.info("Deze pagina volgt.")
