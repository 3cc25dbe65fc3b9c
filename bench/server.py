"""Start and stop a Streamlit server for the benchmark, and read its memory from /proc.

Every server runs in its own process group, so `stop` ends it together with anything it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


def start(script: str, port: int, log_dir: Path, env: dict[str, str] | None = None) -> Server:
    """`streamlit run <script>` on 127.0.0.1:<port> with cwd the repository (not yet waited for). A port in
    use is an error: its health check would answer for another server."""
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"Poort {port} is al in gebruik; kies andere poorten met --poort.")
    log = log_dir / f"server-{port}.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, **(env or {})},
        )
    return Server(process, f"http://127.0.0.1:{port}", log)


def wait_healthy(server: Server, timeout: float = 90) -> None:
    """Until /_stcore/health answers 200; a server that stops or stays silent is an error with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Streamlit stopte (code {server.process.returncode}):\n{server.log.read_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)  # a starting server: nothing to wait on but the port
    raise RuntimeError(f"Streamlit gaf na {timeout:.0f} s geen antwoord op {server.url}:\n{server.log.read_text()}")


def stop(server: Server) -> None:
    """End the server's whole process group: TERM, then KILL after 10 s."""
    if server.process.poll() is not None:
        return
    group = os.getpgid(server.pid)
    os.killpg(group, signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        server.process.wait()


def _children(pid: int) -> list[int]:
    """Direct children of a process, from /proc/*/stat (field 4 is the parent)."""
    kinderen = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # ended meanwhile
            continue
        if int(text.rsplit(")", 1)[1].split()[1]) == pid:
            kinderen.append(int(stat.parent.name))
    return kinderen


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (VmRSS from /proc, as psutil reports it)."""
    totaal, te_doen = 0, [pid]
    while te_doen:
        current = te_doen.pop()
        totaal += _rss_kb(current)
        te_doen.extend(_children(current))
    return totaal / 1024
