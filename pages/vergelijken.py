"""Vergelijken: Regio's en gemeenten naast elkaar. (placeholder)."""

import streamlit as st

from llo_dash import ui

ui.page_setup("Vergelijken", ":material/compare_arrows:")
st.info("Deze pagina volgt.")
