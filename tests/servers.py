"""Start real SPARQL servers on loopback for the tests: Oxigraph server and Virtuoso."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

VIRTUOSO_INI = """[Database]
DatabaseFile=virtuoso.db
ErrorLogFile=virtuoso.log
LockFile=virtuoso.lck
TransactionFile=virtuoso.trx
xa_persistent_file=virtuoso.pxa
[TempDatabase]
DatabaseFile=virtuoso-temp.db
TransactionFile=virtuoso-temp.trx
[Parameters]
ServerPort=127.0.0.1:{sql_port}
DisableUnixSocket=1
NumberOfBuffers=10000
MaxDirtyBuffers=6000
[HTTPServer]
ServerPort=127.0.0.1:{http_port}
ServerRoot=.
ServerThreads=4
[SPARQL]
MaxQueryExecutionTime=30
"""


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """``count`` different loopback ports free now (held together while chosen, so never one twice).
    Another process may still take one before the server binds it: :func:`running` then tries again."""
    with contextlib.ExitStack() as held:
        sockets = [held.enter_context(socket.socket()) for _ in range(count)]
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]


def _wait(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url}")


class Server:
    """A running server: ``query_url``, the environment abegraph needs, ``stop()``."""

    def __init__(self, process, query_url, env):
        self.process, self.query_url, self.env = process, query_url, env

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def start_oxigraph(folder: Path) -> Server:
    binary = shutil.which("oxigraph")
    if binary is None:
        raise FileNotFoundError("oxigraph (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph", "--timeout-s", "60"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/query"
    _wait(url + "?query=ASK%7B%7D", process)
    return Server(process, url, {})


def start_virtuoso(folder: Path) -> Server:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise FileNotFoundError("virtuoso-t (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_ports(2)
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(http_port=http_port, sql_port=sql_port))
    process = subprocess.Popen([binary, "-f", "+configfile", "virtuoso.ini"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{http_port}"
    _wait(base + "/sparql?query=ASK%7B%7D", process)
    env = {"ABEGRAPH_UPDATE_URL": base + "/sparql-auth", "ABEGRAPH_STORE_USER": "dba",
           "ABEGRAPH_STORE_PASSWORD": "dba"}
    return Server(process, base + "/sparql", env)


@contextlib.contextmanager
def running(name: str, folder: Path):
    """A real SPARQL server (``oxigraph`` or ``virtuoso``) in ``folder``, with its credentials in
    the environment while it runs; skips the test when the server is not installed."""
    import pytest

    start = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}[name]
    for attempt in range(3):  # a port chosen free can be taken by another process before the server binds it
        try:
            server = start(folder if attempt == 0 else folder / f"attempt-{attempt}")
            break
        except FileNotFoundError as missing:
            pytest.skip(f"{missing} is not installed; scripts/test installs it")
        except RuntimeError:
            if attempt == 2:
                raise
    saved = {k: os.environ.get(k) for k in server.env}
    os.environ.update(server.env)
    try:
        yield server
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
