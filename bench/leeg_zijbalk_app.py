"""The control of the benchmark's ten users: the empty app plus the sidebar picker the users switch with, so the
same plan (links with ?regio=, then choices in the sidebar) runs on an app that does no work. What ten sessions
cost here is what the machine itself costs (ten Chromium windows on the same cores), not the dashboard."""

import streamlit as st

st.title("Leeg")
with st.sidebar:
    codes = [f"AM{nummer:02d}" for nummer in range(1, 41)]
    st.selectbox("Arbeidsmarktregio", [f"Regio {code} ({code})" for code in codes])
