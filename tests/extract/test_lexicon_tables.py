"""The dated tables: leaders in office, companies past and present, state bodies, and the
names the actor ruler recognises without the lexicon (companies by legal form)."""

from __future__ import annotations

from datetime import date

import pytest
from transfer_helpers import summary

from armsgraph.extract.lexicon import load_actor_lexicon, load_leaders
from armsgraph.extract.rulers import DATE_KEY


def test_the_leaders_table_loads_every_role_with_ordered_terms():
    table = load_leaders()
    assert len(table.terms) > 1000
    assert {t.role for t in table.terms} == {"head-of-state", "head-of-government",
                                              "defence-minister", "foreign-minister", "leader"}
    assert all(t.end is None or t.start <= t.end for t in table.terms)


@pytest.mark.parametrize("name, on, state", [
    ("Reagan", date(1987, 3, 1), "USA"),
    ("Thatcher", date(1985, 6, 1), "GBR"),
    ("Erdogan", date(2019, 7, 12), "TUR"),
    ("Macron", date(2023, 1, 1), "FRA"),
    ("Reagan", None, "USA"),  # no date: the one state of all the name's terms
])
def test_a_leader_resolves_to_their_state_within_their_term(name, on, state):
    assert load_leaders().state_of(name, on) == state


@pytest.mark.parametrize("name, on", [
    ("Reagan", date(1995, 1, 1)),      # after his term
    ("Macron", date(2010, 1, 1)),      # before it
    ("Thatcher", date(2001, 1, 1)),
    ("Nobody Inparticular", None),     # not in the table
])
def test_a_leader_outside_their_term_resolves_to_nothing(name, on):
    assert load_leaders().state_of(name, on) is None


def test_the_article_date_decides_whether_a_leader_acts_for_their_state(nlp):
    text = "Reagan approved the sale of missiles to Iran."
    in_office = nlp.make_doc(text)
    in_office.user_data[DATE_KEY] = "1986-11-13"
    out_of_office = nlp.make_doc(text)
    out_of_office.user_data[DATE_KEY] = "1999-01-01"
    for _name, proc in nlp.pipeline:
        in_office = proc(in_office)
        out_of_office = proc(out_of_office)
    assert [(c.supplier.key, c.recipient.key) for c in in_office._.transfers] == [("USA", "IRN")]
    assert [(c.supplier, c.recipient.key) for c in out_of_office._.transfers] == [(None, "IRN")]


def test_the_companies_table_gives_home_states_and_former_names():
    lex = load_actor_lexicon()
    assert lex.actors["Martin Marietta"].country == "USA"
    assert lex.companies["Martin Marietta"].successor == "Lockheed Martin"
    assert sum(1 for a in lex.actors.values() if a.type == "company") > 500


@pytest.mark.parametrize("name, on, company", [
    ("Martin Marietta", date(1990, 1, 1), "Martin Marietta"),   # in use
    ("Martin Marietta", date(2005, 1, 1), "Lockheed Martin"),   # after its last year
    ("Martin Marietta", None, "Martin Marietta"),               # no date: the name itself
])
def test_a_former_company_name_resolves_to_its_successor_after_its_last_year(name, on, company):
    assert load_actor_lexicon().company_on(name, on).name == company


def test_state_bodies_stand_for_their_state(nlp):
    assert summary(nlp, "The Royal Saudi Air Force ordered 48 Typhoon fighters from Britain.") \
        == {("GBR", "SAU", "aircraft", "agreed")}
    assert summary(nlp, "The Bundestag approved the delivery of Leopard tanks to Ukraine.") \
        == {("DEU", "UKR", "armoured-vehicles", "agreed")}


@pytest.mark.parametrize("text, supplier", [
    ("Hughes Aircraft Co has sold 12 radars to Australia.", "Hughes Aircraft"),
    ("<Helikopter Service A/S> sold two helicopters to Sweden.", "Helikopter Service"),
    ("Acme Ordnance Ltd sold mortars to Kenya.", "Acme Ordnance"),
])
def test_companies_the_lexicon_lacks_are_found_by_legal_form_or_brackets(nlp, text, supplier):
    (claim,) = [c for c in nlp(text)._.transfers]
    assert claim.supplier.name == supplier and claim.supplier.type == "company"


@pytest.mark.parametrize("text", [
    "Thai Airways International Ltd said it purchased two wide-body jets.",
    "Korean Air signed orders for four MD-11 jets.",
    "Boeing will deliver ten 787 jets to Etihad.",
    "The company sold 18 jets to four airlines.",
])
def test_airline_orders_are_civil(nlp, text):
    assert summary(nlp, text) == set()
