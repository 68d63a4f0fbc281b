"""The SIPRI lookup tables (graph/data/sipri_*.csv): SIPRI's actor names and weapon
descriptions mapped to our actors and categories, and complete for both SIPRI exports."""

from __future__ import annotations

import csv
import io
import os
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from armsgraph.extract.claims import CATEGORIES

REPO_ROOT = Path(__file__).resolve().parents[2]
TABLES = REPO_ROOT / "graph" / "data"
SIPRI_DIR = REPO_ROOT.parent / "shared" / "data" / "sipri"
TRADE_REGISTER = "trade-register.csv"
DELIVERIES = "trade-register-deliveries-1995-2024.csv"
ACTOR_TYPES = {"state", "armed-group", "organization", "unknown"}
HISTORIC = {c.alpha_3 for c in pycountry.historic_countries}


def read_table(name: str, header: list[str]) -> list[dict[str, str]]:
    with (TABLES / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == header, f"graph/data/{name}: header {reader.fieldnames}"
        return list(reader)


@pytest.fixture(scope="module")
def actors_table() -> list[dict[str, str]]:
    return read_table("sipri_actors.csv", ["sipri_name", "actor_id", "name", "type", "country"])


@pytest.fixture(scope="module")
def descriptions_table() -> list[dict[str, str]]:
    return read_table("sipri_descriptions.csv", ["description", "category", "note"])


@pytest.fixture(scope="module")
def our_actors() -> dict[str, dict[str, str]]:
    """extract/data/actors.csv by id, read the way the actor lexicon reads it."""
    text = resources.files("armsgraph.extract").joinpath("data", "actors.csv").read_text("utf-8")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_descriptions_have_one_known_category_each(descriptions_table):
    keys = [row["description"] for row in descriptions_table]
    assert len(keys) == len(set(keys)), "duplicate descriptions in sipri_descriptions.csv"
    bad = {row["description"]: row["category"] for row in descriptions_table
           if row["category"] not in CATEGORIES or row["category"] == "unspecified"}
    assert not bad


def test_actor_names_are_unique(actors_table):
    names = [row["sipri_name"] for row in actors_table]
    assert len(names) == len(set(names)), "duplicate sipri_name in sipri_actors.csv"


def test_actor_types_are_known(actors_table):
    assert {row["type"] for row in actors_table} <= ACTOR_TYPES


def test_actor_ids_exist_and_agree_with_actors_csv(actors_table, our_actors):
    for row in actors_table:
        actor_id = row["actor_id"]
        if not actor_id:
            continue
        if actor_id in our_actors:
            ours = our_actors[actor_id]
            assert (row["name"], row["type"], row["country"]) == \
                (ours["name"], ours["type"], ours["country"]), row["sipri_name"]
        else:
            assert actor_id in HISTORIC, f"{row['sipri_name']}: unknown actor_id {actor_id}"
            assert row["type"] == "state", row["sipri_name"]


def test_stars_mark_armed_groups_and_organisations(actors_table):
    for row in actors_table:
        name, kind = row["sipri_name"], row["type"]
        if name.startswith("unknown ") and not name.endswith("*"):
            assert kind == "unknown", name
        elif name.endswith("**"):
            assert kind == "organization", name
        elif name.endswith("*"):
            assert kind == "armed-group", name
        else:
            assert kind == "state", name


def test_unknown_parties_are_no_actor(actors_table):
    unknown = {row["sipri_name"]: row for row in actors_table if row["type"] == "unknown"}
    assert set(unknown) == {"unknown supplier(s)", "unknown recipient(s)"}
    assert all(not row["actor_id"] and not row["name"] for row in unknown.values())


def test_actors_without_id_have_a_name_and_a_valid_home(actors_table, our_actors):
    states = {i for i, row in our_actors.items() if row["type"] == "state"}
    for row in actors_table:
        if row["type"] != "unknown":
            assert row["name"], row["sipri_name"]
        if row["country"]:
            assert row["country"] in states, row["sipri_name"]


def read_sipri_exports() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Both exports, read by the rules of /work/shared/data/sipri/README.md: the trade
    register is cp1252 with two CRLFs inside records; the 1995-2024 file has an 11-line
    preamble and a stray ';' at the end of every data line."""
    if not SIPRI_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the SIPRI exports are missing: {SIPRI_DIR}")
        pytest.skip(f"the SIPRI exports are not here: {SIPRI_DIR}")
    register = (SIPRI_DIR / TRADE_REGISTER).read_bytes().decode("cp1252").replace("\r\n", " ")
    lines = (SIPRI_DIR / DELIVERIES).read_text("ascii").splitlines()[11:]
    deliveries = "\n".join(line.removesuffix(";") for line in lines)
    return (list(csv.DictReader(io.StringIO(register))),
            list(csv.DictReader(io.StringIO(deliveries))))


@pytest.fixture(scope="module")
def sipri_exports() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    return read_sipri_exports()


def test_every_sipri_actor_name_is_in_the_table(sipri_exports, actors_table):
    register, deliveries = sipri_exports
    assert "Weapon description" in register[0] and "Armament category" in deliveries[0]
    names = {row[role] for row in register + deliveries for role in ("Supplier", "Recipient")}
    assert names - {row["sipri_name"] for row in actors_table} == set()


def test_every_sipri_description_is_in_the_table(sipri_exports, descriptions_table):
    register, deliveries = sipri_exports
    descriptions = {row["Weapon description"] for row in register} | \
        {row["Description"] for row in deliveries}
    assert descriptions - {row["description"] for row in descriptions_table} == set()
