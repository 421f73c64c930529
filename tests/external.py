"""Real external SPARQL stores for the tests: oxigraph serve and Virtuoso, started here.

Each runs on 127.0.0.1 on free ports, with its data in a temporary folder, for the
whole test session (Virtuoso takes seconds to start); tests share them and keep apart
by using graph IRIs of their own.  A missing binary skips the tests that need it, and
says why (``make servers`` installs Virtuoso; the ``oxigraph`` binary comes with the
test extras).  Virtuoso runs with its default ``dba``/``dba`` account, which its
digest-authenticated ``/sparql-auth`` endpoint accepts for updates.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

VIRTUOSO_ACCOUNT = {"KG_STORE_USER": "dba", "KG_STORE_PASSWORD": "dba"}
#: Rows Virtuoso gives at most; the tests that check a cut result is an error go past it.
VIRTUOSO_MAX_ROWS = 5000

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 60
DirsAllowed        = {dir}
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
ThreadsPerQuery    = 1

[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerRoot    = {dir}/vsp
ServerThreads = 10
Charset       = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 60
"""


@dataclass
class External:
    """A running server: its store URL and how to stop it."""

    name: str
    url: str
    process: subprocess.Popen
    log: object
    account: dict

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(server: External, probe: str, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    with requests.Session() as session:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                break
            try:
                session.get(probe, timeout=2).close()
                return
            except requests.RequestException:
                time.sleep(0.2)
    server.close()
    log = Path(server.log.name).read_text(errors="replace")[-2000:]
    raise RuntimeError(f"{server.name} did not start:\n{log}")


def oxigraph_binary() -> Path | None:
    """The `oxigraph` CLI installed beside this Python (the venv's bin)."""
    path = Path(sys.executable).parent / "oxigraph"
    return path if path.exists() else None


def start_oxigraph(folder: Path) -> External:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no `oxigraph` binary beside the Python (pip install -e '.[test]' installs it)")
    port = free_port()
    log = open(folder / "oxigraph.log", "w")  # noqa: SIM115  (closed by External.close)
    # No --union-default-graph: summit-kg keeps the merge in the default graph itself.
    command = [str(binary), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = External("oxigraph serve", f"http://127.0.0.1:{port}", process, log, {})
    _wait_until_up(server, server.url + "/")
    return server


def start_virtuoso(folder: Path) -> External:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed (`make servers` installs Debian's virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    (folder / "vsp").mkdir()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, max_rows=VIRTUOSO_MAX_ROWS))
    log = open(folder / "virtuoso.out", "w")  # noqa: SIM115  (closed by External.close)
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    server = External("Virtuoso", f"http://127.0.0.1:{http_port}/sparql", process, log, dict(VIRTUOSO_ACCOUNT))
    _wait_until_up(server, server.url)
    return server


STARTERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}


@pytest.fixture(scope="session")
def external_servers(tmp_path_factory):
    """Started on first use, each at most once a session: ``external_servers(name) -> External``."""
    started: dict[str, External] = {}

    def get(name: str) -> External:
        if name not in started:
            started[name] = STARTERS[name](tmp_path_factory.mktemp(name))
        return started[name]

    yield get
    for server in started.values():
        server.close()
