"""Outputs that must not be replaced, inputs that must not sink a batch, read commands that
must not create stores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_helpers import error_lines, invoke

from armsgraph.errors import OutputError
from armsgraph.graph.atomic import atomic_write_text, check_target

GOOD = "France sold 30 Rafale fighters to Greece.\n"
FILLER = "The committee met on Tuesday to review the budget for the coming year. "


def test_check_target_accepts_new_and_regular_files_and_refuses_a_device(tmp_path):
    assert check_target(tmp_path / "new.txt") == tmp_path / "new.txt"
    (tmp_path / "old.txt").write_text("x", "utf-8")
    assert check_target(tmp_path / "old.txt") == tmp_path / "old.txt"
    # only inspected (lstat), never written
    with pytest.raises(OutputError, match=r"^/dev/null: is a device, not a regular file"):
        check_target("/dev/null")


@pytest.fixture
def odd_targets(tmp_path) -> dict[str, Path]:
    """A directory, a symbolic link to a file, and a named pipe."""
    folder = tmp_path / "folder"
    folder.mkdir()
    target = tmp_path / "precious.txt"
    target.write_text("keep me", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return {"a directory": folder, "a symbolic link": link, "a pipe or socket": fifo}


def test_atomic_write_refuses_directories_symlinks_and_pipes(odd_targets, tmp_path):
    for kind, path in odd_targets.items():
        with pytest.raises(OutputError, match=f"is {kind}, not a regular file"):
            atomic_write_text(path, "new text")
    assert (tmp_path / "precious.txt").read_text("utf-8") == "keep me"
    assert (tmp_path / "link.txt").is_symlink()
    assert odd_targets["a pipe or socket"].exists()
    assert list(odd_targets["a directory"].iterdir()) == []


@pytest.mark.parametrize("command", [["extract", "SEED", "-o"], ["view", "-g", "TTL", "-o"],
                                     ["export", "--store", "STORE", "-o"]])
def test_commands_refuse_an_odd_output_with_one_line(command, odd_targets, seeds_dir,
                                                     seed_build, tmp_path):
    out, _ = seed_build
    store = tmp_path / "store"
    if "STORE" in command:
        invoke("build", GOOD_FILE(tmp_path), "--store", store, "-q")
    args = [{"SEED": seeds_dir, "TTL": out / "graph.ttl", "STORE": store}.get(a, a)
            for a in command]
    for kind, path in odd_targets.items():
        result = invoke(*args, path)
        assert result.exit_code == 2, result.stdout
        (line,) = error_lines(result.stderr)
        assert line == f"error: {path}: is {kind}, not a regular file; give the path of a file"
    assert (tmp_path / "precious.txt").read_text("utf-8") == "keep me"


def GOOD_FILE(folder: Path) -> Path:  # noqa: N802  (a constant-like helper)
    path = folder / "good.txt"
    path.write_text(GOOD, "utf-8")
    return path


def test_read_commands_refuse_a_directory_that_is_not_a_store(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("x", "utf-8")
    for args in (["stats"], ["export", "--format", "nt"], ["query", "SELECT * {?s ?p ?o}"]):
        result = invoke(*args, "--store", folder)
        assert result.exit_code == 2
        (line,) = error_lines(result.stderr)
        assert "not an armsgraph store" in line
    assert sorted(p.name for p in folder.iterdir()) == ["todo.txt"]


def test_bad_inputs_are_one_line_each_and_the_good_ones_are_stored(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD, "utf-8")
    (inputs / "latin1.txt").write_bytes("Caf\xe9 ".encode("latin-1") + GOOD.encode())
    (inputs / "empty.md").write_text("", "utf-8")
    # a 1 MB single line with a claim at its end
    (inputs / "line.txt").write_text(FILLER * 14_000 + "Iran has sent Russia drones.", "utf-8")
    (inputs / "units.jsonl").write_bytes(
        json.dumps({"id": "u1", "text": "North Korea delivered artillery shells to Russia."}
                   ).encode() + b"\n{not json\n" + b'{"id": "u2", "text": "caf\xe9"}\n')
    store = tmp_path / "store"
    result = invoke("build", inputs, "--store", store, "-q")
    assert result.exit_code == 2
    errors = error_lines(result.stderr)
    assert sorted(e.split(": ")[1] for e in errors) == sorted(
        [str(inputs / "empty.md"), str(inputs / "latin1.txt"),
         f"{inputs / 'units.jsonl'}:2", f"{inputs / 'units.jsonl'}:3"])
    assert "3 documents, 3 claims" in result.stdout
    rows = invoke("query", "SELECT ?s ?r WHERE { ?s ag:suppliesArmsTo ?r }", "--store", store,
                  "--format", "csv").stdout.split()[1:]
    pairs = {tuple(iri.rsplit("/", 1)[-1] for iri in row.split(",")) for row in rows}
    assert pairs == {("FRA", "GRC"), ("IRN", "RUS"), ("PRK", "RUS")}
