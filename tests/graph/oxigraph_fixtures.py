"""A live Oxigraph SPARQL server for the RemoteStore tests (127.0.0.1 only).

The ``oxigraph`` binary comes with the PyPI package ``oxigraph`` (the ``dev`` extra). When
it is missing the remote tests are skipped on a developer's machine and fail in CI.

Test modules import these fixtures by name (``from oxigraph_fixtures import ...``). They
are not in a ``tests/graph/conftest.py`` on purpose: a second module named ``conftest``
would replace ``tests/conftest.py`` for the tests that ``from conftest import`` its names.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

HOST = "127.0.0.1"
STARTUP_SECONDS = 10.0


def oxigraph_binary() -> str | None:
    """The server binary: beside this interpreter (an unactivated venv), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1.0):
            return True
    except urllib.error.HTTPError:  # any HTTP answer (400 without a query) means it is up
        return True
    except (urllib.error.URLError, OSError):
        return False


def _start(binary: str, workdir: Path) -> tuple[subprocess.Popen, int]:
    """Start a server on a free port and wait until its query endpoint answers."""
    log = workdir / "server.log"  # a file, not a pipe: a chatty server never blocks
    for _attempt in range(3):  # the free port may be taken between the probe and the bind
        port = free_port()
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [binary, "serve", "--location", str(workdir / "data"),
                 "--bind", f"{HOST}:{port}", "--union-default-graph"],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            if _answers(f"http://{HOST}:{port}/query"):
                return proc, port
            time.sleep(0.1)
        _stop(proc)
    pytest.fail(f"the Oxigraph server did not start within {STARTUP_SECONDS:.0f} s: "
                f"{log.read_text('utf-8', 'replace').strip()[-500:]}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[str]:
    """One live ``oxigraph serve`` for the session; yields its query URL."""
    binary = oxigraph_binary()
    if binary is None:
        message = ("the 'oxigraph' server binary is missing "
                   "(pip install oxigraph, part of the dev extra)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as mp:
        # never send a request for 127.0.0.1 through a proxy from the environment
        mp.setenv("NO_PROXY", ",".join(filter(None, [os.environ.get("NO_PROXY"), HOST])))
        mp.setenv("no_proxy", ",".join(filter(None, [os.environ.get("no_proxy"), HOST])))
        proc, port = _start(binary, tmp_path_factory.mktemp("oxigraph-server"))
        try:
            yield f"http://{HOST}:{port}/query"
        finally:
            _stop(proc)


@pytest.fixture
def remote_store(oxigraph_server: str):
    """A RemoteStore on the live server, emptied first so each test starts clean."""
    from armsgraph.graph.store import RemoteStore

    store = RemoteStore(oxigraph_server)
    store._post(store.update_url, "DROP ALL", "application/sparql-update")
    assert store.triple_count() == 0
    yield store
    store.close()
