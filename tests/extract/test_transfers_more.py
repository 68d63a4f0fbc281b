"""More transfer phenomena: actors of every kind, deals, production, headlines, records."""

from __future__ import annotations

import pytest
from transfer_helpers import claims, summary

# --- actors -------------------------------------------------------------------------------

def test_former_state_uses_its_iso_3166_3_code(nlp):
    assert summary(nlp, "The Soviet Union supplied Syria with MiG-23 fighter jets.") == {
        ("SUN", "SYR", "aircraft", "delivered")}


def test_armed_group_recipient_by_name(nlp):
    assert summary(nlp, "Iran has shipped anti-tank missiles to Hezbollah.") == {
        ("IRN", "Hezbollah", "missiles", "delivered")}


def test_company_supplier_keeps_its_name(nlp):
    found = claims(nlp, "Saab will deliver Gripen fighters to Thailand next year.")
    assert [(c.supplier.name, c.supplier.iso3, c.recipient.iso3) for c in found] == [
        ("Saab", None, "THA")]


def test_state_buying_from_its_own_industry_is_no_transfer(nlp):
    assert claims(nlp, "Lockheed Martin will supply 30 F-35 jets to the United States.") == []


def test_government_and_forces_stand_for_their_state(nlp):
    assert summary(nlp, "Egypt's air force has received Rafale jets from France.") == {
        ("FRA", "EGY", "aircraft", "delivered")}


def test_seat_of_government_metonym(nlp):
    assert summary(nlp, "The Kremlin has sent S-300 systems to Venezuela.") == {
        ("RUS", "VEN", "air-defence", "delivered")}


# --- deals and production ----------------------------------------------------------------

def test_company_signing_with_a_state_is_the_seller(nlp):
    assert summary(nlp, "Rheinmetall signed a contract with Lithuania for Boxer "
                        "vehicles.") == {("Rheinmetall", "LTU", "armoured-vehicles", "agreed")}


def test_deal_party_that_makes_the_item_is_the_seller(nlp):
    assert summary(nlp, "Algeria and Russia signed a deal for Russian Su-57 "
                        "fighters.") == {("RUS", "DZA", "aircraft", "agreed")}


def test_licensed_production_under_an_agreement_is_a_transfer(nlp):
    assert summary(nlp, "Brazil and Sweden reached an agreement to manufacture Swedish "
                        "Gripen fighters in Brazil.") == {("SWE", "BRA", "aircraft", "agreed")}


def test_co_production_talks_are_negotiating(nlp):
    assert summary(nlp, "India and France are in talks to co-produce Rafale jets in "
                        "India.") == {("FRA", "IND", "aircraft", "negotiating")}


def test_a_package_comprising_items(nlp):
    assert summary(nlp, "Washington approved a package for Kyiv comprising 12 Stinger "
                        "missiles.") == {("USA", "UKR", "missiles", "agreed")}


# --- clauses and coordination -------------------------------------------------------------

def test_relative_clause_object_with_its_recipient(nlp):
    found = summary(nlp, "Italy delivered half of the howitzers it had promised Kyiv.")
    assert found == {("ITA", "UKR", "artillery", "delivered")}


def test_together_with_adds_items(nlp):
    assert summary(nlp, "Seoul offered Warsaw 50 K2 tanks together with K9 howitzers.") == {
        ("KOR", "POL", "armoured-vehicles", "negotiating"),
        ("KOR", "POL", "artillery", "negotiating")}


def test_apposition_names_the_same_ship_once(nlp):
    found = claims(nlp, "INS Sindhuraj, a Kilo-class submarine, was handed over to Myanmar "
                        "by India.")
    assert [(c.supplier.key, c.recipient.key, c.item.category) for c in found] == [
        ("IND", "MMR", "ships")]


def test_general_term_yields_to_its_specifics(nlp):
    found = summary(nlp, "Belarus completed an arms delivery to Russia, handing over "
                         "howitzers and mortar rounds.")
    assert found == {("BLR", "RUS", "artillery", "delivered"),
                     ("BLR", "RUS", "ammunition", "delivered")}


# --- headlines ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Tehran arms Houthis with drones", ("IRN", "Houthis", "drones", "reported")),
    ("Norway delivers NASAMS to Ukraine", ("NOR", "UKR", "air-defence", "delivered")),
    ("Canada pledges armoured vehicles to Kyiv", ("CAN", "UKR", "armoured-vehicles",
                                                  "pledged")),
    ("Greece signs deal for French frigates", ("FRA", "GRC", "ships", "agreed")),
])
def test_headline_phase_words_keep_their_phase(nlp, text, expected):
    assert summary(nlp, text) == {expected}


# --- negatives ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Rebels fired mortar rounds at the airport, the army said.",
    "The strike destroyed two tanks and an artillery position.",
    "Counter-drone systems protected the base during the attack.",
    "Hezbollah sent thousands of fighters to Syria.",
    "The plant will produce 200,000 shells a year for the army.",
])
def test_fighting_and_home_production_are_not_transfers(nlp, text):
    assert claims(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Acme Aerospace Fort Worth Division was awarded a 41.3 mln dlrs increase to existing "
    "contracts for foreign military sales of the F-16.",
    "Boeing won a contract for foreign military sales of Apache helicopters.",
])
def test_the_firm_that_wins_a_contract_is_never_its_buyer(nlp, text):
    # the only actor of the sentence is the contractor: it supplies, it does not receive
    found = claims(nlp, text)
    assert found, "the contract is a claim"
    assert all(c.recipient is None or c.recipient.type != "company" for c in found), [
        (c.supplier and c.supplier.name, c.recipient and c.recipient.name) for c in found]
