"""The network commands on an embedded store: ``stats``, ``view`` and ``network``.

The seed folder is built once for the module (the only call that loads spaCy); every
other command reads that store. The seed article says North Korea and Iran arm Russia; the
other seed documents may add pairs, so exports are compared with what ``stats`` reports.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from cli_helpers import error_lines, invoke
from page_helpers import embedded_data as page_data

SEED_PAIRS = {("PRK", "RUS"), ("IRN", "RUS")}
ALL = "100000"  # --top: every row







@pytest.fixture(scope="module")
def store(seeds_dir, tmp_path_factory) -> Path:
    """``armsgraph build seeds/ --store DIR``, once for the module."""
    target = tmp_path_factory.mktemp("cli-network") / "store"
    result = invoke("build", seeds_dir, "--store", target)
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def stats_json(store) -> dict[str, list[dict]]:
    result = invoke("stats", "--store", store, "--format", "json", "--top", ALL)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def stats_pairs(tables: dict[str, list[dict]]) -> set[tuple[str, str]]:
    return {(p["supplier"], p["recipient"]) for p in tables["pairs"]}


def embedded_data(page: str) -> dict:
    """The view's data, with its pairs as ``{"from", "to"}`` node ids."""
    data = page_data(page)
    ids = [n["id"] for n in data["nodes"]]
    data["edges"] = [{"from": ids[u], "to": ids[v]} for u, v in data["pairs"]]
    return data


# --- stats ----------------------------------------------------------------------------


def test_stats_lists_north_korea_and_iran_as_suppliers_to_russia(store, stats_json):
    result = invoke("stats", "--store", store)

    assert result.exit_code == 0, result.stderr
    out = result.stdout
    n_actors = len({n for pair in stats_pairs(stats_json) for n in pair})
    # the summary wraps at the terminal's width
    assert re.match(rf"{n_actors} actors, {len(stats_json['pairs'])} supplier->recipient "
                    r"pairs, \d+ transfers stated by \d+ claims \(\d+ reports",
                    " ".join(out.split())), out
    suppliers = out.split("Top suppliers (claims)", 1)[1].split("Top recipients", 1)[0]
    assert "North Korea" in suppliers and "Iran" in suppliers
    recipients = out.split("Top recipients (claims)", 1)[1].split("Suppliers by", 1)[0]
    assert "Russia" in recipients
    pairs = out.split("Strongest pairs", 1)[1].splitlines()
    assert any("North Korea" in line and "Russia" in line for line in pairs), out
    assert any("Iran" in line and "Russia" in line for line in pairs), out


def test_stats_json_tables_hold_the_seed_suppliers_and_recipient(stats_json):
    suppliers = {r["actor"]: r for r in stats_json["suppliers"]}
    recipients = {r["actor"]: r for r in stats_json["recipients"]}
    assert {"PRK", "IRN"} <= set(suppliers)
    assert suppliers["PRK"]["label"] == "North Korea" and suppliers["IRN"]["label"] == "Iran"
    assert "RUS" in recipients and recipients["RUS"]["suppliers"] >= 2
    assert stats_pairs(stats_json) >= SEED_PAIRS
    assert sum(r["pagerank"] for r in stats_json["pagerank"]) == pytest.approx(1, abs=1e-3)


def test_stats_csv_parses_into_table_rank_key_value_rows(store, stats_json):
    result = invoke("stats", "--store", store, "--format", "csv")

    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["table", "rank", "key", "value"]
    assert all(len(r) == 4 for r in rows)
    suppliers = {v for t, _rank, k, v in rows[1:] if t == "suppliers" and k == "actor"}
    assert {"PRK", "IRN"} <= suppliers


def test_stats_csv_holds_every_value_of_the_json_tables(store, stats_json):
    result = invoke("stats", "--store", store, "--format", "csv", "--top", ALL)

    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    expected = [[name, str(rank), key, str(value)] for name, table in stats_json.items()
                for rank, row in enumerate(table, 1) for key, value in row.items()]
    assert rows == expected


def test_stats_filters_narrow_the_network(store):
    result = invoke("stats", "--store", store, "--format", "json", "--category", "drones")

    assert result.exit_code == 0, result.stderr
    tables = json.loads(result.stdout)
    assert ("IRN", "RUS") in stats_pairs(tables)
    assert ("PRK", "RUS") not in stats_pairs(tables)  # shells and missiles, no drones


def test_stats_rejects_an_unknown_format(store):
    result = invoke("stats", "--store", store, "--format", "xml")

    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1, result.stderr


# --- view -----------------------------------------------------------------------------


def external_references(page: str) -> list[str]:
    """The script, link, img and iframe tags that would fetch something."""
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page, flags=re.I)
    return [t for t in tags if re.search(r"\b(?:src|href)\s*=", t, flags=re.I)]


def test_view_writes_a_self_contained_page(store, stats_json, tmp_path):
    target = tmp_path / "view.html"

    result = invoke("view", "--store", store, "-o", target)

    assert result.exit_code == 0, result.stderr
    pairs = stats_pairs(stats_json)
    n_actors = len({n for pair in pairs for n in pair})
    assert result.stdout.strip() == f"wrote {target} ({n_actors} actors, {len(pairs)} pairs)"
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert external_references(page) == []
    assert not re.search(r"<(?:script|link)\b[^>]*https?://", page, flags=re.I)
    assert "vis.Network" in page
    data = embedded_data(page)
    assert {(e["from"], e["to"]) for e in data["edges"]} == pairs
    assert {"North Korea", "Iran", "Russia"} <= {n["label"] for n in data["nodes"]}


def test_view_around_russia_by_suppliers_two_steps(store, tmp_path):
    target = tmp_path / "russia.html"

    result = invoke("view", "--store", store, "--actor", "Russia", "--side", "suppliers",
                    "--depth", "2", "-o", target)

    assert result.exit_code == 0, result.stderr
    page = target.read_text("utf-8")
    assert external_references(page) == []
    data = embedded_data(page)
    assert data["filters"] == ["centred on Russia: suppliers, 2 step(s)"]
    assert data["corpus"] == f"store {store}"
    edges = {(e["from"], e["to"]) for e in data["edges"]}
    assert edges >= SEED_PAIRS
    assert {"RUS", "PRK", "IRN"} <= {n["id"] for n in data["nodes"]}
    assert not [e for e in edges if e[0] == "RUS"], "Russia's own deliveries are not its suppliers"
    shown = re.search(r"\((\d+) actors, (\d+) pairs\)", result.stdout)
    assert shown and (int(shown[1]), int(shown[2])) == (len(data["nodes"]), len(edges))


def test_view_with_an_unknown_side_exits_2_with_one_line(store, tmp_path):
    result = invoke("view", "--store", store, "--actor", "Russia", "--side", "sideways",
                    "-o", tmp_path / "x.html")

    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1, result.stderr


def test_view_of_an_unknown_actor_exits_2_with_one_line(store, tmp_path):
    target = tmp_path / "nowhere.html"

    result = invoke("view", "--store", store, "--actor", "Atlantis", "-o", target)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and "Atlantis" in lines[0]
    assert not target.exists()


def test_view_of_a_misspelt_actor_suggests_the_name(store, tmp_path):
    result = invoke("view", "--store", store, "--actor", "Rusia", "-o", tmp_path / "x.html")

    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "Russia" in line


def test_view_of_an_unknown_category_exits_2_with_one_line(store, tmp_path):
    target = tmp_path / "bad.html"

    result = invoke("view", "--store", store, "--category", "lasers", "-o", target)

    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "lasers" in lines[0], result.stderr
    assert not target.exists()


# --- network --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_network_export_rereads_with_the_pairs_stats_implies(store, stats_json, tmp_path, fmt):
    target = tmp_path / f"arms.{fmt}"

    result = invoke("network", "--store", store, "--format", fmt, "-o", target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"wrote {target}"
    back = nx.read_gexf(target) if fmt == "gexf" else nx.read_graphml(target)
    pairs = stats_pairs(stats_json)
    assert pairs >= SEED_PAIRS
    assert set(back.edges()) == pairs
    assert set(back.nodes) == {n for pair in pairs for n in pair}
    claims = {(p["supplier"], p["recipient"]): p["claims"] for p in stats_json["pairs"]}
    for (u, v), n in claims.items():
        assert int(back.edges[u, v]["claims"]) == n
    assert back.nodes["PRK"]["label"] == "North Korea"


def test_network_csv_writes_nodes_and_edges(store, stats_json, tmp_path):
    target = tmp_path / "csv"

    result = invoke("network", "--store", store, "--format", "csv", "-o", target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {target / 'nodes.csv'}",
                                          f"wrote {target / 'edges.csv'}"]
    nodes = list(csv.DictReader(io.StringIO((target / "nodes.csv").read_text("utf-8"))))
    edges = list(csv.DictReader(io.StringIO((target / "edges.csv").read_text("utf-8"))))
    pairs = stats_pairs(stats_json)
    assert {r["id"] for r in nodes} == {n for pair in pairs for n in pair}
    assert {(r["source"], r["target"]) for r in edges} == pairs
    assert len(edges) == len(pairs)
    assert {"North Korea", "Iran", "Russia"} <= {r["label"] for r in nodes}


def test_network_rejects_an_unknown_format(store, tmp_path):
    result = invoke("network", "--store", store, "--format", "dot", "-o", tmp_path / "x")

    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1, result.stderr


def test_stats_fits_an_80_column_terminal(store, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")

    result = invoke("stats", "--store", store)

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Strongest pairs" in result.stdout and max(len(line) for line in lines) <= 80
    assert any("North Korea" in line and "Russia" in line for line in lines)


@pytest.mark.parametrize("fmt, written", [
    ("gexf", ["armsgraph.gexf"]),
    ("graphml", ["armsgraph.graphml"]),
    ("csv", ["armsgraph-csv/nodes.csv", "armsgraph-csv/edges.csv"]),
])
def test_network_without_output_names_the_file_after_its_format(store, tmp_path, monkeypatch,
                                                                 fmt, written):
    monkeypatch.chdir(tmp_path)

    result = invoke("network", "--store", store, "--format", fmt)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"wrote {Path(w)}" for w in written]
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) \
        == sorted(written)
