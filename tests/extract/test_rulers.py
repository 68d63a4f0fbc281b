"""The actor and weapon rulers: mentions, canonical ids and categories."""

from __future__ import annotations

import pytest


def actors(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.kb_id_) for s in doc.spans["actors"]]


def weapons(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans["weapons"]]


@pytest.mark.parametrize("text, mention, actor_id", [
    ("The DPRK denied the report.", "DPRK", "PRK"),
    ("U.S. officials spoke on Monday.", "U.S.", "USA"),
    ("The Kremlin declined to comment.", "Kremlin", "RUS"),
    ("Pyongyang fired a missile.", "Pyongyang", "PRK"),
    ("An Emirati delegation arrived.", "Emirati", "ARE"),
    ("The Pentagon said so.", "Pentagon", "USA"),
    ("RUSSIA rejects the claims of the West.", "RUSSIA", "RUS"),
    ("Hezbollah fighters crossed the border.", "Hezbollah", "Hezbollah"),
    ("Rheinmetall opened a plant.", "Rheinmetall", "Rheinmetall"),
    ("The Soviet Union collapsed in 1991.", "Soviet Union", "SUN"),
])
def test_actor_ruler_resolves_names_to_canonical_ids(nlp, text, mention, actor_id):
    assert (mention, actor_id) in actors(nlp, text)


def test_actor_ruler_prefers_the_longest_name(nlp):
    found = actors(nlp, "North Korean troops and South Korea's army met.")
    assert ("North Korean", "PRK") in found
    assert ("South Korea", "KOR") in found
    assert all(m != "Korea" for m, _ in found)


def test_actor_ruler_leaves_pronoun_us_alone(nlp):
    assert actors(nlp, "They told us the deal was off.") == []


@pytest.mark.parametrize("text, mention, category", [
    ("They bought 24 Bayraktar TB2 drones.", "Bayraktar TB2 drones", "drones"),
    ("It ordered S-400 air-defence batteries.", "S-400 air-defence batteries", "air-defence"),
    ("The army fields Patriot systems.", "Patriot systems", "air-defence"),
    ("Berlin sent Gepard self-propelled anti-aircraft guns.",
     "Gepard self-propelled anti-aircraft guns", "air-defence"),
    ("They received HIMARS rocket launchers.", "HIMARS rocket launchers", "artillery"),
    ("They received Patriot interceptor missiles.", "Patriot interceptor missiles", "missiles"),
    ("It sold Koksan 170mm self-propelled guns.", "Koksan 170mm self-propelled guns",
     "artillery"),
    ("Deliveries of 155mm artillery shells resumed.", "155mm artillery shells", "ammunition"),
    ("The navy bought two frigates.", "frigates", "ships"),
    ("Kyiv asked for more weapons.", "weapons", "unspecified"),
])
def test_weapon_ruler_finds_the_whole_item_with_its_category(nlp, text, mention, category):
    assert (mention, category) in weapons(nlp, text)


def test_weapon_ruler_records_the_designation(nlp):
    doc = nlp("Poland ordered 96 AH-64E Apache attack helicopters.")
    (span,) = doc.spans["weapons"]
    assert span.label_ == "aircraft"
    assert span.kb_id_ == "AH-64E"


def test_weapon_ruler_keeps_the_recipient_out_of_the_item(nlp):
    assert weapons(nlp, "US to send Ukraine cluster munitions") == [
        ("cluster munitions", "ammunition")]


def test_weapon_ruler_does_not_take_militants_for_jets(nlp):
    found = weapons(nlp, "Kurdish Peshmerga fighters retook the town.")
    assert all(category != "aircraft" for _, category in found)
