"""Builds on Dask: a real ``LocalCluster`` of two worker processes writes the same quads as
the local path, on the seeds and on 1,500 Reuters stories (skipped where ``../shared`` is
absent), through the API and the CLI."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from armsgraph.api import build_graph  # noqa: E402
from armsgraph.distributed import SchedulerError, build_distributed  # noqa: E402
from armsgraph.graph.store import EmbeddedStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
REUTERS = REPO.parent / "shared" / "data" / "reuters21578"
STORIES = 1500


@pytest.fixture(scope="module")
def cluster():
    with (distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=None) as cluster,
          distributed.Client(cluster) as client):
        yield cluster, client


def quads(store: EmbeddedStore) -> set[str]:
    return {str(q) for q in store.store.quads_for_pattern(None, None, None)}


def local_build(inputs, path: Path, nlp) -> EmbeddedStore:
    store = EmbeddedStore(path)
    build_graph(inputs, store=store, nlp=nlp, on_error=lambda e: None)
    return store


def test_the_seeds_build_the_same_quads_on_two_workers(cluster, seeds_dir, tmp_path, nlp):
    _, client = cluster
    local = local_build([seeds_dir], tmp_path / "local", nlp)
    remote = EmbeddedStore(tmp_path / "dask")
    seen = []
    written, records = build_distributed([seeds_dir], cluster[0].scheduler_address, remote,
                                         progress=lambda d, n: seen.append(d), shard_size=2,
                                         client=client)
    assert written == len(seen) == len(set(seen)) == 5
    assert records and all(json.loads(r)["doc_id"] in seen for r in records)
    assert quads(remote) == quads(local)
    # a second run replaces what it wrote: the same quads, nothing twice
    build_distributed([seeds_dir], cluster[0].scheduler_address, remote, shard_size=3,
                      client=client)
    assert quads(remote) == quads(local)


def _reuters_jsonl(path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("reuters", REPO / "benchmarks" / "reuters.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_reuters_jsonl(REUTERS, path, STORIES)
    return path


@pytest.mark.skipif(not REUTERS.is_dir(), reason="../shared/data/reuters21578 is absent")
def test_1500_reuters_stories_build_the_same_quads_on_dask(cluster, tmp_path, nlp):
    _, client = cluster
    corpus = _reuters_jsonl(tmp_path / "reuters.jsonl")
    local = local_build([corpus], tmp_path / "local", nlp)
    remote = EmbeddedStore(tmp_path / "dask")
    written, records = build_distributed([corpus], cluster[0].scheduler_address, remote,
                                         client=client)
    assert written == STORIES
    expected = quads(local)
    assert len(expected) > 3 * STORIES  # every article is in the store
    assert quads(remote) == expected
    claims = list(local.select("SELECT (COUNT(?c) AS ?n) WHERE { ?c a ag:TransferClaim }"))
    assert len(records) == int(claims[0]["n"]) > 0


def test_the_cli_builds_on_a_scheduler(cluster, seeds_dir, tmp_path, nlp):
    from cli_helpers import invoke

    address = cluster[0].scheduler_address
    result = invoke("build", seeds_dir, "--scheduler", address, "--store", tmp_path / "s",
                    "--out", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.stderr
    assert f"on {address}" in result.stdout
    assert (tmp_path / "out" / "graph.html").is_file()
    lines = (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    local = local_build([seeds_dir], tmp_path / "local", nlp)
    store = EmbeddedStore(tmp_path / "s")
    try:
        assert quads(store) == quads(local)
    finally:
        store.close()


def test_an_unreachable_scheduler_is_one_line(tmp_path, seeds_dir):
    from cli_helpers import error_lines, invoke

    result = invoke("build", seeds_dir, "--scheduler", "tcp://127.0.0.1:9", "--store",
                    tmp_path / "s")
    assert result.exit_code != 0
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0], result.stderr
    with pytest.raises(SchedulerError):
        build_distributed([seeds_dir], "tcp://127.0.0.1:9", EmbeddedStore(tmp_path / "t"))
