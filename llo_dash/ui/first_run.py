"""The first start: no built data yet, so build them from the sources, with a progress bar.

A new user only runs `streamlit run app.py`. Sessions share one process, so the build runs
once (`_BUILD_LOCK`), not once per browser tab that opens meanwhile.
"""

from __future__ import annotations

import threading

import streamlit as st

from llo_dash.build.pipeline import run_build
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.ui.data import manifest_path

_BUILD_LOCK = threading.Lock()  # sessions share one process: build once, not in parallel


def ensure_built() -> None:
    """Build the data on first start (with a progress bar); stop with a Dutch error if that fails."""
    if manifest_path().exists():
        return
    with _BUILD_LOCK:
        if manifest_path().exists():  # another session built it while we waited
            return
        st.info("De gegevens worden voor het eerst klaargezet uit de bronnen. Dit duurt meestal minder dan een minuut.")
        bar = st.progress(0.0, text="Bouwen voorbereiden …")
        try:
            run_build(load_settings(), progress=lambda fraction, message: bar.progress(min(max(fraction, 0.0), 1.0), text=message))
        except LloDashError as error:
            st.error(f"De gegevens konden niet worden gebouwd. {error}")
            st.stop()
        except Exception as error:  # noqa: BLE001 - the user gets a sentence, not a traceback
            st.error(
                "De gegevens konden niet worden gebouwd door een onverwachte fout "
                f"({type(error).__name__}). Voer in een terminal `python -m llo_dash build` uit voor de details."
            )
            st.stop()
        bar.empty()
    st.cache_data.clear()
    st.cache_resource.clear()
