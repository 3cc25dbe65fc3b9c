"""The first start: no built data yet, so build them from the sources, with a progress bar.

A new user only runs `streamlit run app.py`. Sessions share one process, so the build runs
once (`_BUILD_LOCK`), not once per browser tab that opens meanwhile; a tab that opens during
the build says so and waits for it. The build runs in a thread of its own, watched by the
session: when it reports no progress for `STIL_SECONDEN`, the user is told (with what to do)
instead of looking at a bar that does not move.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

from llo_dash.build.pipeline import run_build
from llo_dash.config import load_settings
from llo_dash.errors import LloDashError
from llo_dash.ui.data import manifest_path

_BUILD_LOCK = threading.Lock()  # sessions share one process: build once, not in parallel
STIL_SECONDEN = 180  # no progress for this long: the build hangs (a whole build takes well under a minute)
WACHT_SECONDEN = 600  # a second user waits this long for the first user's build
KIJK_INTERVAL = 0.5

OPNIEUW = "Voer in een terminal `python -m llo_dash build` uit voor de details, of probeer het later opnieuw."


class _Bouw:
    """The build in its own thread; the session reads its progress (Streamlit calls only from the session)."""

    def __init__(self) -> None:
        self.stand = (0.0, "Bouwen voorbereiden …")
        self.gemeld = time.monotonic()
        self.fout: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="llo-dash-eerste-bouw", daemon=True)

    def _voortgang(self, fraction: float, message: str) -> None:
        self.stand, self.gemeld = (min(max(fraction, 0.0), 1.0), message), time.monotonic()

    def _run(self) -> None:
        try:
            run_build(load_settings(), progress=self._voortgang)
        except BaseException as error:  # noqa: BLE001 - handed to the session, which tells the user
            self.fout = error


def _bouw_met_waakhond() -> None:
    bar = st.progress(0.0, text="Bouwen voorbereiden …")
    bouw = _Bouw()
    bouw.thread.start()
    while bouw.thread.is_alive():
        bouw.thread.join(KIJK_INTERVAL)
        fraction, message = bouw.stand
        bar.progress(fraction, text=message)
        stil = time.monotonic() - bouw.gemeld
        if bouw.thread.is_alive() and stil > STIL_SECONDEN:
            st.error(f"Het klaarzetten van de gegevens staat al {stil:.0f} seconden stil bij '{message}'. "
                     "Waarschijnlijk is een bronbestand beschadigd. " + OPNIEUW)
            st.stop()
    if isinstance(bouw.fout, LloDashError):
        st.error(f"De gegevens konden niet worden gebouwd. {bouw.fout}")
        st.stop()
    if bouw.fout is not None:
        st.error(f"De gegevens konden niet worden gebouwd door een onverwachte fout ({type(bouw.fout).__name__}). " + OPNIEUW)
        st.stop()
    bar.empty()


def _wacht_op_andere_bouw() -> None:
    """Another session is building: say so, and wait for it (or tell the user it takes too long)."""
    melding = st.info("De gegevens worden op dit moment voor het eerst klaargezet (door een andere gebruiker). "
                      "Deze pagina verschijnt zodra dat klaar is.")
    with st.spinner("Wachten op de gegevens …"):
        if not _BUILD_LOCK.acquire(timeout=WACHT_SECONDEN):
            st.error(f"De gegevens zijn na {WACHT_SECONDEN // 60} minuten wachten nog niet klaar. " + OPNIEUW)
            st.stop()
    _BUILD_LOCK.release()
    melding.empty()


def ensure_built() -> None:
    """Build the data on first start (with a progress bar); stop with a Dutch error if that fails or hangs."""
    if manifest_path().exists():
        return
    if not _BUILD_LOCK.acquire(blocking=False):
        _wacht_op_andere_bouw()
        if manifest_path().exists():  # the other session built it
            st.cache_data.clear()
            return
        _BUILD_LOCK.acquire()  # the other build failed: try it here, with its message
    try:
        if manifest_path().exists():  # built while we took the lock
            return
        st.info("De gegevens worden voor het eerst klaargezet uit de bronnen. Dit duurt meestal minder dan een minuut.")
        _bouw_met_waakhond()
    finally:
        _BUILD_LOCK.release()
    st.cache_data.clear()
    st.cache_resource.clear()
