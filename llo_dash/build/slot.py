"""One build at a time per `data/` folder, and what an interrupted build left behind.

Two builds of the same `data/` (two terminals, or the app's first start in two processes)
take turns through a lock file next to `data/`: the second waits, with a message, and builds
after the first (or refuses after `max_wacht` seconds). The lock is held by the operating
system for the process, so a killed build releases it at once. Holding the lock, a build
removes the staging folders (`.data-bouw-<pid>`) of builds that were killed halfway: no
other build can be running then.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from llo_dash.errors import BuildError

WACHT_STAP = 0.5  # seconds between tries while another build holds the lock


def slot_pad(data_dir: Path) -> Path:
    return data_dir.with_name(f".{data_dir.name}.bouwslot")  # stays; not ".data-…", the prefix of leftovers


def staging_pad(data_dir: Path) -> Path:
    return data_dir.with_name(f".{data_dir.name}-bouw-{os.getpid()}")


def _probeer(handle) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def bouwslot(data_dir: Path, *, melding: Callable[[str], None] = lambda _: None, max_wacht: float = 1800) -> Iterator[None]:
    """Hold the build lock of `data_dir` (waiting up to `max_wacht` seconds), then clean up leftovers."""
    pad = slot_pad(data_dir)
    pad.parent.mkdir(parents=True, exist_ok=True)
    with open(pad, "a+b") as handle:
        begin = time.monotonic()
        gemeld = False
        while not _probeer(handle):
            if not gemeld:
                melding("Er loopt al een bouw van deze gegevens; wachten tot die klaar is …")
                gemeld = True
            if time.monotonic() - begin > max_wacht:
                raise BuildError(
                    f"Er loopt al een bouw van {data_dir} (slot {pad}) en die is na {max_wacht:.0f} seconden nog niet "
                    "klaar. Probeer het later opnieuw; hangt die bouw, stop dan dat proces."
                )
            time.sleep(WACHT_STAP)
        ruim_restanten_op(data_dir)
        yield  # the lock goes with the file handle (and with the process, if it is killed)


def ruim_restanten_op(data_dir: Path) -> list[Path]:
    """Remove staging folders of interrupted builds (call only while holding the lock); returns what was removed."""
    restanten = sorted(data_dir.parent.glob(f".{data_dir.name}-bouw-*"))
    removed = []
    for pad in restanten:
        if pad.is_dir():
            shutil.rmtree(pad, ignore_errors=True)
            removed.append(pad)
    return removed
