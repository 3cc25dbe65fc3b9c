"""The floor of the benchmark: an empty Streamlit app (one heading), served by the same Streamlit as the
dashboard. Every time of the dashboard is reported as a ratio to the time this page needs to load."""

import streamlit as st

st.title("Leeg")
