"""Phenomena of real newswire (issue 9), one test per phenomenon, on sentences written for
these tests in the shapes real articles use. Each case asserts supplier, recipient,
category and status of every claim of its sentence."""

from __future__ import annotations

import pytest
from transfer_helpers import summary


@pytest.mark.parametrize("text, expected", [
    ('American arms sales to Pakistan rose sharply last year.',
     [('USA', 'PAK', 'unspecified', 'reported')]),
    ('The sale of French weapons to Egypt angered human rights groups.',
     [('FRA', 'EGY', 'unspecified', 'reported')]),
    ('Investigators traced shipments of Czech arms to the rebels.',
     [('CZE', None, 'unspecified', 'reported')]),
    ('The German sale of three IRIS-T systems to Egypt was approved in 2023.',
     [('DEU', 'EGY', 'air-defence', 'agreed')]),
    ('Russia acquired arms from Belarus.',
     [('BLR', 'RUS', 'unspecified', 'delivered')]),
    ('Estonia has acquired Swedish anti-tank rifles.',
     [('SWE', 'EST', 'small-arms', 'delivered')]),
    # shipments with no weapon word in the sentence: cargo all the same
    ('Analysts doubt that the Iranian consignments to Venezuela have been received.',
     [('IRN', 'VEN', 'unspecified', 'reported')]),
    ('German exports to China rose by four percent.', []),
    ('Ukrainian grain shipments to Egypt resumed in May.', []),
])
def test_supplier_as_modifier(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('The Obama administration approved the sale of 36 F-15 jets to Qatar.',
     [('USA', 'QAT', 'aircraft', 'agreed')]),
    ('President Macron approved the sale of 24 Rafale fighters to Greece.',
     [('FRA', 'GRC', 'aircraft', 'agreed')]),
    ('Erdogan authorised the shipment of drones to Ukraine.',
     [('TUR', 'UKR', 'drones', 'agreed')]),
    ('The Defense Security Cooperation Agency approved the possible sale of 12 F-16 jets '
     'to Turkey.',
     [('USA', 'TUR', 'aircraft', 'agreed')]),
    ("Spain's cabinet approved the sale of 20 Leopard tanks to Ukraine.",
     [('ESP', 'UKR', 'armoured-vehicles', 'agreed')]),
    ('Congress blocked the sale of 50 F-35 jets to the United Arab Emirates.',
     [('USA', 'ARE', 'aircraft', 'denied')]),
    ('The Royal Saudi Air Force took delivery of six Typhoon fighters from Britain.',
     [('GBR', 'SAU', 'aircraft', 'delivered')]),
    # "Korea" alone, in arms-trade text, is the Republic of Korea; North Korea is named so
    ('The United States will sell 40 F-35 fighters to Korea.',
     [('USA', 'KOR', 'aircraft', 'pledged')]),
])
def test_actors_not_named_as_countries(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('The company has sold its drones to buyers including Nigeria, Kenya, Chad and Mali.',
     [(None, 'KEN', 'drones', 'agreed'),
      (None, 'MLI', 'drones', 'agreed'),
      (None, 'NGA', 'drones', 'agreed'),
      (None, 'TCD', 'drones', 'agreed')]),
    ('Turkey signed agreements with Ghana and Peru to supply armoured vehicles.',
     [('TUR', 'GHA', 'armoured-vehicles', 'agreed'),
      ('TUR', 'PER', 'armoured-vehicles', 'agreed')]),
    ('France, Italy and Spain have delivered howitzers to Ukraine.',
     [('ESP', 'UKR', 'artillery', 'delivered'),
      ('FRA', 'UKR', 'artillery', 'delivered'),
      ('ITA', 'UKR', 'artillery', 'delivered')]),
    ('Germany sent radars, rockets and howitzers to Kyiv.',
     [('DEU', 'UKR', 'ammunition', 'delivered'),
      ('DEU', 'UKR', 'artillery', 'delivered'),
      ('DEU', 'UKR', 'sensors', 'delivered')]),
    # the weapon word modifies a noun the lexicon does not know: the noun is the item
    ('Spain has sent 20 armoured vehicles and 12 mortar systems to Morocco.',
     [('ESP', 'MAR', 'armoured-vehicles', 'delivered'),
      ('ESP', 'MAR', 'artillery', 'delivered')]),
    # the parser hangs the second and third items on the agent noun, not on its object
    ('Sweden has been one of Brazil’s main suppliers of war planes, surveillance radars and '
     'assault rifles since the 1980s.',
     [('SWE', 'BRA', 'aircraft', 'reported'), ('SWE', 'BRA', 'sensors', 'reported'),
      ('SWE', 'BRA', 'small-arms', 'reported')]),
    ('France was one of Iraq’s main suppliers of war planes, surveillance equipment and '
     'assault rifles in the 1980s.',
     [('FRA', 'IRQ', 'aircraft', 'reported'), ('FRA', 'IRQ', 'other', 'reported'),
      ('FRA', 'IRQ', 'small-arms', 'reported')]),
])
def test_lists(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('Kyiv accused Belarus of secretly supplying rockets to Russia.',
     [('BLR', 'RUS', 'ammunition', 'reported')]),
    ('Tensions rose amid accusations against Iran of supplying drones to Russia.',
     [('IRN', 'RUS', 'drones', 'reported')]),
    ("The minister reaffirmed Italy's commitment to delivering the remaining frigates to Greece.",
     [('ITA', 'GRC', 'ships', 'pledged')]),
    ('Norway agreed to send 30 armoured vehicles to Ukraine.',
     [('NOR', 'UKR', 'armoured-vehicles', 'pledged')]),
    ('South Korea is set to sign a contract to export howitzers to Poland.',
     [('KOR', 'POL', 'artillery', 'negotiating')]),
    ('Romania will be supplied with 54 tanks by the United States.',
     [('USA', 'ROU', 'armoured-vehicles', 'pledged')]),
    ('Vietnam bought twelve fighters from Russia in 2003.',
     [('RUS', 'VNM', 'aircraft', 'agreed')]),
    ('Twenty tanks have been sold to Chile.',
     [(None, 'CHL', 'armoured-vehicles', 'agreed')]),
    # a gerund after a verb of prevention takes its object as subject, and is denied
    ('The Austrian government blocked Belgium from re-exporting 12 Pandur vehicles to Chad.',
     [('BEL', 'TCD', 'armoured-vehicles', 'denied')]),
    ('Sanctions prevented Venezuela from buying fighter jets from Belarus.',
     [('BLR', 'VEN', 'aircraft', 'denied')]),
    ('A court kept the firm from shipping rifles to Sudan.',
     [(None, 'SDN', 'small-arms', 'denied')]),
    ('Iran kept sending drones to Sudan.',
     [('IRN', 'SDN', 'drones', 'delivered')]),
])
def test_verb_complements_and_voice(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('Rheinmetall won an order from Hungary to supply 218 infantry fighting vehicles.',
     [('Rheinmetall', 'HUN', 'armoured-vehicles', 'agreed')]),
    ('Hanwha signed a contract with Poland for 152 K9 howitzers.',
     [('Hanwha Aerospace', 'POL', 'artillery', 'agreed')]),
    ('Nexter has shipped 40 Caesar howitzers.',
     [('Nexter', None, 'artillery', 'delivered')]),
    # both sides sign the deal a purchase hangs on: oriented like a deal's parties
    ('In 2019, Egypt and Russia signed a deal regarding the purchase of fighter jets.',
     [('RUS', 'EGY', 'aircraft', 'agreed')]),
    ('Qatar and France concluded an agreement on the purchase of patrol boats.',
     [('FRA', 'QAT', 'ships', 'agreed')]),
    # two buyers announcing a purchase are not a deal between them
    ('Egypt and Saudi Arabia announced the purchase of Rafale fighters.',
     [(None, 'EGY', 'aircraft', 'agreed'), (None, 'SAU', 'aircraft', 'agreed')]),
])
def test_company_deals(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('SWEDEN WEIGHS FIGHTER SALE TO BRAZIL',
     [('SWE', 'BRA', 'aircraft', 'negotiating')]),
    ('Chile orders second batch of patrol drones',
     [(None, 'CHL', 'drones', 'agreed')]),
])
def test_headlines(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('Customs officers seized rifles bound for the rebels.',
     []),
    ('Germany suspended all arms exports to Saudi Arabia.',
     []),
    ('Lufthansa ordered 20 Airbus A320 jets.',
     []),
    ('The Indian Air Force ordered 83 Tejas fighters from Hindustan Aeronautics.',
     []),
])
def test_not_transfers(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('Germany refused to send Taurus missiles to Ukraine.',
     [('DEU', 'UKR', 'missiles', 'denied')]),
    ('The United States halted the delivery of 2,000-pound bombs to Israel.',
     [('USA', 'ISR', 'ammunition', 'denied')]),
    ('Washington is preparing to provide Kyiv with long-range missiles.',
     [('USA', 'UKR', 'missiles', 'negotiating')]),
    ('India plans to buy 26 Rafale jets from France.',
     [('FRA', 'IND', 'aircraft', 'negotiating')]),
    ('Deliveries of the tanks to Poland did not begin until May.',
     [(None, 'POL', 'armoured-vehicles', 'delivered')]),
    ('Egypt has obtained Russian Su-35 fighters.',
     [('RUS', 'EGY', 'aircraft', 'delivered')]),
    # a delivery the recipient will receive is committed
    ('Chile will receive 14 more Leopard tanks from Spain next year.',
     [('ESP', 'CHL', 'armoured-vehicles', 'pledged')]),
    ('Bogota will get four patrol boats from Seoul.',
     [('KOR', 'COL', 'ships', 'pledged')]),
    # "is to supply" is a plan; "was one of the first to give" is not
    ('Egypt is to supply Sudan with six patrol boats.',
     [('EGY', 'SDN', 'ships', 'pledged')]),
    ('Chile was one of the first countries to give Peru rifles.',
     [('CHL', 'PER', 'small-arms', 'delivered')]),
    # a relative clause on its own pronoun keeps its own phase
    ('Ghana, which has bought Brazilian aircraft, is also seeking Chinese radars.',
     [('BRA', 'GHA', 'aircraft', 'agreed'), ('CHN', 'GHA', 'sensors', 'negotiating')]),
    ('Lima has taken possession of the first South Korean K2 tanks.',
     [('KOR', 'PER', 'armoured-vehicles', 'delivered')]),
    ('The insurgents are in possession of Iranian missiles.', []),
])
def test_status(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a container's contents through "comprising" / "consisting of", and "a total of"
    ('Earlier this month, Chile received the first batch comprising four patrol drones '
     'from Israel.',
     [('ISR', 'CHL', 'drones', 'delivered')]),
    ('Peru has purchased a total of 12 Su-30 fighters from Russia.',
     [('RUS', 'PER', 'aircraft', 'agreed')]),
    ('Ghana received a consignment consisting of rifles and mortars from Turkey.',
     [('TUR', 'GHA', 'small-arms', 'delivered'), ('TUR', 'GHA', 'artillery', 'delivered')]),
    # an "include" list hung on the names of its own earlier items by the parser: every
    # weapon mention after the verb is an item with its own origin
    ('The new pledges announced on Friday included Dutch Patriot launchers, extra '
     'ammunition from Spain, Sweden and Finland, as well as Slovak helicopters, trucks and '
     'radars.',
     [('NLD', None, 'air-defence', 'pledged'), ('ESP', None, 'ammunition', 'pledged'),
      ('SWE', None, 'ammunition', 'pledged'), ('FIN', None, 'ammunition', 'pledged'),
      ('SVK', None, 'aircraft', 'pledged')]),
    # each item of a list keeps the "from" written after it, wherever the parser hangs it
    ('The new package includes mortars and drones from Portugal.',
     [('PRT', None, 'artillery', 'pledged'), ('PRT', None, 'drones', 'pledged')]),
    ('The latest package includes mortars from Spain and drones from Portugal.',
     [('ESP', None, 'artillery', 'pledged'), ('PRT', None, 'drones', 'pledged')]),
    ('The donations announced in June included extra ammunition from Belgium, Austria and '
     'Ireland.',
     [('BEL', None, 'ammunition', 'reported'), ('AUT', None, 'ammunition', 'reported'),
      ('IRL', None, 'ammunition', 'reported')]),
    # the specifics of a general noun keep its origin
    ('The result was a flood of Iranian weapons including rifles and mortars.',
     [('IRN', None, 'small-arms', 'delivered'), ('IRN', None, 'artillery', 'delivered')]),
    ('Observers noted an influx of Turkish arms into Libya.',
     [('TUR', 'LBY', 'unspecified', 'delivered')]),
    ('The flow of Russian weapons to the separatists continued.',
     [('RUS', None, 'unspecified', 'delivered')]),
    ('A flood of refugees reached the border after the cash flow of the firm dried up.', []),
])
def test_containers_and_include_lists(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # measures of cargo are containers of their item
    ('UNITA has received about 300 tons of weapons from the CIA.',
     [('USA', 'UNITA', 'unspecified', 'delivered')]),
    ('Iran sent 20 crates of rifles to the Houthis.',
     [('IRN', 'Houthis', 'small-arms', 'delivered')]),
    # a system's name after its designation is the item, not a modifier
    ('Kuwait ordered 40 F/A-18 Hornets from the United States.',
     [('USA', 'KWT', 'aircraft', 'agreed')]),
    ('Egypt bought ten AH-64 Apaches from Washington.',
     [('USA', 'EGY', 'aircraft', 'agreed')]),
    # a system before a transfer or deal noun is what is traded
    ('Peru signed an F-16 deal with the United States.',
     [('USA', 'PER', 'aircraft', 'agreed')]),
    ('Croatia signed a Rafale contract with France.',
     [('FRA', 'HRV', 'aircraft', 'agreed')]),
    ('The KC-135R Stratotanker refueling support was provided to Chile.', []),
    # a purpose clause does not take the recipient from a named object
    ('Washington will provide Honduras with 12 F-5 fighters to replace its old jets.',
     [('USA', 'HND', 'aircraft', 'pledged')]),
    # shares of a total are containers of their item
    ('Peru imported 40 per cent of its weapons from Israel.',
     [('ISR', 'PER', 'unspecified', 'delivered')]),
    ('Peru received its first Su-30 squadron in May.',
     [(None, 'PER', 'aircraft', 'delivered')]),
    # "come from" names the supplier, the owner of the items the recipient
    ("Most of Algeria's weapons come from Russia.",
     [('RUS', 'DZA', 'unspecified', 'reported')]),
    ('The rifles came from Iran, investigators said.',
     [('IRN', None, 'small-arms', 'delivered')]),
    ('The threat comes from Iran.', []),
    # a movement to a buyer the sentence states without naming is a one-sided claim; a
    # movement with no buyer at all is most often a deployment
    ('Italy delivered 12 helicopters to an undisclosed customer.',
     [('ITA', None, 'aircraft', 'delivered')]),
    ('Turkey has sent drones to several countries in Africa.',
     [('TUR', None, 'drones', 'delivered')]),
    ('Germany shipped tanks to the front.', []),
    ('The rifles were delivered to any recipient nation under the rules.', []),
])
def test_measures_and_system_names(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a drawdown moves US stocks: cargo even with no weapon word; its purpose names the
    # one helped; its value is no item
    ('A drawdown of up to $250 million for Ukraine was authorized by President Biden.',
     [('USA', 'UKR', 'unspecified', 'pledged')]),
    ('President Biden has given the Pentagon authorization for a drawdown of up to $300 '
     "million to meet Ukraine's urgent needs.",
     [('USA', 'UKR', 'unspecified', 'pledged')]),
    ('The troop drawdown in the region continued.', []),
])
def test_drawdowns(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a dateline is where the story was filed, no side of it
    ('Manila: As part of a defence deal, an air base received the first BrahMos missiles '
     'from India.',
     [('IND', None, 'missiles', 'delivered')]),
    ('WASHINGTON, May 4 (Reuters) - The United States agreed to sell 20 F-16 jets to Chile.',
     [('USA', 'CHL', 'aircraft', 'agreed')]),
])
def test_datelines(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # "the President" takes up the office holder the article named before it
    ("President Reagan's adviser said the President could not recall when he approved the "
     "arms sale to Iran.",
     [('USA', 'IRN', 'unspecified', 'agreed')]),
    ('Chancellor Scholz met reporters. Later the Chancellor approved the delivery of 14 '
     'Leopard tanks to Ukraine.',
     [('DEU', 'UKR', 'armoured-vehicles', 'agreed')]),
    # no holder named before: the title stands for nobody
    ('The President approved the arms sale to Iran.',
     [(None, 'IRN', 'unspecified', 'agreed')]),
    # a title with its own complement is another person
    ('President Reagan spoke. The president of the company approved the sale of radars to '
     'Iran.',
     [(None, 'IRN', 'sensors', 'agreed')]),
])
def test_title_anaphora(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a contract "for the construction / production of" its item, with the buyer's ministry
    # two "of" phrases away
    ('Fincantieri signed a contract with Algeria for the construction of two corvettes.',
     [('Fincantieri', 'DZA', 'ships', 'agreed')]),
    ('Embraer signed a contract with the Ministry of Defence of the Republic of Hungary for '
     'the production of two KC-390 aircraft.',
     [('Embraer', 'HUN', 'aircraft', 'agreed')]),
    # a letter of intent or memorandum is talks, whatever signs it
    ('Hanwha Aerospace has signed a letter of intent with Romania for the supply of 54 K9 '
     'howitzers.',
     [('Hanwha Aerospace', 'ROU', 'artillery', 'negotiating')]),
    ('In May, the minister visited Chile and signed a letter of intent to sell some of '
     "Norway's F-16 jets.",
     [('NOR', 'CHL', 'aircraft', 'negotiating')]),
    ('He sent a letter to Congress about the frigates.', []),
])
def test_contracts_for_work_and_letters_of_intent(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # an "in addition to" phrase the parser lifts to the reporting clause above
    ('Reports say that Iran plans to supply ballistic missiles to Russia, in addition to '
     'drones.',
     [('IRN', 'RUS', 'missiles', 'negotiating'), ('IRN', 'RUS', 'drones', 'negotiating')]),
    # accusers between the accusation and the accused
    ('Tensions rose amid accusations by Western officials against Belarus of supplying '
     'rockets to Russia.',
     [('BLR', 'RUS', 'ammunition', 'reported')]),
    # the only other actor does something else in a clause of its own: no side
    ('Norway is getting new F-35 aircraft, and the decision means that Chile will wait.',
     [(None, 'NOR', 'aircraft', 'reported')]),
])
def test_lifted_phrases_and_other_clauses(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a perfect infinitive is past: "is believed to have received"
    ('Libya is believed to have received Su-24 bombers from the Soviet Union.',
     [('SUN', 'LBY', 'aircraft', 'delivered')]),
    # a ranking on the second verb of a coordination takes the first verb's subject
    ("Today, Turkey enjoys a robust defence industry and is the world's 11th largest "
     "weapons exporter.",
     [('TUR', None, 'unspecified', 'reported')]),
    # a contract's items by "including"; the maker in the item's name is no buyer
    ('In the 1980s, French defence contractors won major contracts, including 40 Dassault '
     'Mirage jets.',
     [('FRA', None, 'aircraft', 'agreed')]),
    # receiving an order is the order's claim, not a delivery to the firm
    ('Dassault said it had received an order from Qatar for 12 Rafale jets.',
     [('Dassault Aviation', 'QAT', 'aircraft', 'agreed')]),
    # giving up a fleet retires it
    ("Chile's air force gave up its last French Mirage jets in 2007.", []),
    # transit is no side
    ('The arms, including TOW missiles, were flown to Tehran via Israel.',
     [(None, 'IRN', 'missiles', 'delivered')]),
])
def test_tense_rankings_contracts_and_transit(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('Britain agreed to supply 48 Tornados to Saudi Arabia.',
     [('GBR', 'SAU', 'aircraft', 'agreed')]),
    ('China sold Silkworm missiles to Iran.', [('CHN', 'IRN', 'missiles', 'agreed')]),
    ('Brazil sold Cascavel armoured cars to Iraq.',
     [('BRA', 'IRQ', 'armoured-vehicles', 'agreed')]),
])
def test_named_systems_of_the_1980s(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a colon that ends the sentence opens a bulleted list: every line is an item
    ('Over the past year Britain has provided the following equipment to the Kenyan army:'
     '\n\n  • 30 L118 guns\n  • 12 mortar systems\n  • 2,000 rifles\n  • Over a million rounds '
     'of ammunition',
     [('GBR', 'KEN', 'artillery', 'delivered'), ('GBR', 'KEN', 'small-arms', 'delivered'),
      ('GBR', 'KEN', 'ammunition', 'delivered')]),
    # a round of aid is an announced package; the purpose on its list's last item names the
    # one helped
    ('This round of assistance includes Stryker vehicles, artillery rounds and other '
     "essential resources to bolster Ukraine's forces' survivability.",
     [(None, 'UKR', 'armoured-vehicles', 'pledged'), (None, 'UKR', 'ammunition', 'pledged')]),
])
def test_bulleted_lists_and_aid_rounds(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # the platforms a contract's items are for name its buyers, however the list is parsed;
    # the contractor's own state's share is domestic
    ('Raytheon Co has received a 40 mln dlr contract for radars for U.S., Dutch and '
     'Greek surface ships, the Navy said.',
     [('Raytheon', 'NLD', 'sensors', 'agreed'), ('Raytheon', 'GRC', 'sensors', 'agreed')]),
])
def test_platforms_name_buyers(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # amounts in a list share the first one's verb: its subject gives and its cue decides
    ('The Senate Appropriations Committee yesterday approved 200 mln dlrs in economic aid '
     'for Central American states, 40 mln dlrs to states in southern Africa and 30 mln dlrs '
     'in military assistance for Thailand.',
     [('USA', 'THA', 'unspecified', 'agreed')]),
])
def test_amount_lists(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # an epithet takes up the last state named before it
    ('Earlier this month, Egypt received the first batch of four fighter jets as the North '
     'African country has purchased a total of 24 Rafale jets from France.',
     [('FRA', 'EGY', 'aircraft', 'delivered'), ('FRA', 'EGY', 'aircraft', 'agreed')]),
    ("Oman's defence minister was quoted as saying the sultanate had completed studies on "
     "the purchase of corvettes.",
     [(None, 'OMN', 'ships', 'negotiating')]),
    # ... but not its own clause's subject, nor the owner of the phrase it hangs in
    ('Four years after the United States agreed to sell the West African country 12 light '
     'attack aircraft, Ghana received them.',
     [('USA', None, 'aircraft', 'agreed')]),
    # an office is no company
    ("Saudi Arabia's Defence and Aviation Minister said the kingdom would buy submarines.",
     [(None, 'SAU', 'ships', 'negotiating')]),
])
def test_epithets(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # not transfers: an airline's airliner with a hyphenated designation, a treaty, a
    # metaphor, and firms at home in a US newswire
    ('Under a separate agreement, Delta will acquire A-310-300 aircraft from <Airbus '
     'Industrie>.', []),
    ('REAGAN SAYS U.S. TO OFFER MISSILE TREATY', []),
    ("The trade row is now giving the prime minister's critics fresh ammunition, analysts "
     "said.", []),
    ('Acme Optics Corp said it has received contracts from General Dynamics Corp for '
     'mirror assemblies for the Stinger missile.', []),
    ('Sooner Defense of Florida Inc said it won a contract from the U.S. Army to build '
     'fuzes for artillery shells.', []),
])
def test_newswire_negatives(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


def test_no_decision_is_talks(nlp):
    assert summary(nlp, 'PENTAGON SAYS NO DECISION YET ON EGYPT TANK DEAL') == {
        (None, 'EGY', 'armoured-vehicles', 'negotiating')}


@pytest.mark.parametrize("text, expected", [
    # a reduced relative the parser reads as a clause of its own: the item "procured from
    # China" or "acquired from Qatar" is the main clause subject's
    ('Hungary has presented for the first time the new HQ-9 air defence system recently '
     'procured from China.',
     [('CHN', 'HUN', 'air-defence', 'delivered')]),
    ('During the ceremony, the Bangladesh Navy also welcomed 6 Sea King helicopters '
     'acquired from Oman.',
     [('OMN', 'BGD', 'aircraft', 'delivered')]),
    # an origin across a hyphenated word: "a Chinese multi-role frigate"
    ('Bangladesh on Monday inducted a Chinese multi-role frigate.',
     [('CHN', 'BGD', 'ships', 'delivered')]),
    ('The frigate is the most advanced surface combat vessel China has ever exported.',
     [('CHN', None, 'ships', 'delivered')]),
    # a request to stop sales says they go on; who asks is no side
    ('China urges the United States to stop the arms sales.',
     [('USA', None, 'unspecified', 'reported')]),
    ('The US halted arms sales to Taiwan.', []),
])
def test_reduced_relatives_and_requests(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # the occasion of a transfer holds none of its roles
    ('The first Rafale jet was handed over by Dassault during the defence minister\'s visit '
     'to France in October.',
     [('Dassault Aviation', None, 'aircraft', 'delivered')]),
    # who it is bought for receives, when the subject names no actor
    ('The two countries had concluded a deal in 2015 to acquire 24 Rafale fighter jets for '
     'the Qatari Air Force.',
     [(None, 'QAT', 'aircraft', 'agreed')]),
    # a wrapper noun between a verb and the transfer noun
    ('Biden confirmed the allocation of a $1.2 billion military aid package to Ukraine',
     [('USA', 'UKR', 'unspecified', 'pledged')]),
    # an interest in buying is talks
    ('Angola expressed an interest in unmanned aerial vehicles from Turkey.',
     [('TUR', 'AGO', 'drones', 'negotiating')]),
    ('Poland has shown interest in buying K2 tanks from South Korea.',
     [('KOR', 'POL', 'armoured-vehicles', 'negotiating')]),
    # a state exporter's title names its home, no buyer
    ("Russia's state arms exporter Rosoboronexport has delivered military hardware worth "
     "$5 billion to foreign customers this year.",
     [('Rosoboronexport', None, 'unspecified', 'delivered')]),
])
def test_occasions_beneficiaries_and_interest(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a model's name is no firm, even with "Aircraft" after it
    ('The State Department approved a $1 billion sale of three E-2D Advanced Hawkeye '
     'Aircraft to Japan.',
     [('USA', 'JPN', 'aircraft', 'agreed')]),
    # a contract signed between two states for the sale of an item
    ('The deal follows a contract signed between Croatia and France for the sale of 12 '
     'Rafales.',
     [('FRA', 'HRV', 'aircraft', 'agreed')]),
    # talks with a partner on a purchase: the partner sells
    ('Serbia is currently negotiating with the NATO country France on the purchase of 12 '
     'Rafale fighter jets.',
     [('FRA', 'SRB', 'aircraft', 'negotiating')]),
    # "has X on order from Y"
    ('Vietnam has six Kilo class submarines on order from Russia.',
     [('RUS', 'VNM', 'ships', 'agreed')]),
    # money aid is no arms, military aid is
    ('The US gave generous financial aid for the development and production of Iron Dome.',
     []),
    ('The U.S. has agreed to provide Pakistan with 4.02 billion dlrs in economic and '
     'military aid over six years.',
     [('USA', 'PAK', 'unspecified', 'pledged')]),
])
def test_models_signatories_orders_and_aid(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    ('The United States made 40 tanks available to Poland.',
     [('USA', 'POL', 'armoured-vehicles', 'delivered')]),
    ('The company made its annual report available to investors.', []),
    # diversion: weapons that "ended up in the hands of" a group reached it
    ('US-made rifles ended up in the hands of the Taliban.',
     [('USA', 'Taliban', 'small-arms', 'delivered')]),
    ('The decision ended up in the hands of the court.', []),
    # abbreviations and patrol ships
    ('Hanwha is due to deliver 212 K9 SPHs to Poland by 2026.',
     [('Hanwha Aerospace', 'POL', 'artillery', 'pledged')]),
])
def test_make_available_and_diversion(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a package that lists its items is no item of its own
    ('The Biden administration has announced a new $1.1 billion military aid package for '
     'Ukraine, which includes ammunition and drones.',
     [('USA', 'UKR', 'ammunition', 'pledged'), ('USA', 'UKR', 'drones', 'pledged')]),
    # "armed with": who is armed receives; a leader armed with drones is a figure of speech
    ('Armed with US-made Javelins, Ukraine pushed back the Russian advance.',
     [('USA', 'UKR', 'missiles', 'delivered')]),
    ('Armed with battle-tested drones, Turkish President Recep Tayyip Erdogan has been '
     'deepening defence ties with African countries.', []),
])
def test_listed_packages_and_armed_with(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # offers and proposals between two named sides are talks, even with no item word
    ("Turkey's offer to Ukraine was welcomed in Kyiv, where tanks are needed.",
     [('TUR', 'UKR', 'unspecified', 'negotiating')]),
    ("Media reports have pointed to proposals from China and India to reorganize Peru's air "
     "force, which retired its last French Mirage jets in 2017.",
     [('CHN', 'PER', 'unspecified', 'negotiating'),
      ('IND', 'PER', 'unspecified', 'negotiating')]),
    ('The proposal to cut taxes on tanks was rejected by France and Germany.', []),
])
def test_offers_and_proposals(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a recipient's owner is not the giver: "its" in "to its armed forces"
    ('Originally reliant on the United States to supply weapons to its armed forces, '
     'Taiwan began manufacturing its own weapons.',
     [('USA', 'TWN', 'unspecified', 'delivered')]),
    # "an unprecedented volume of defense articles"
    ('The Department of Defense has established new entities to deliver an unprecedented '
     'volume of defense articles to Ukraine.',
     [('USA', 'UKR', 'unspecified', 'delivered')]),
])
def test_recipient_owners_and_volumes(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # pressure on a buyer to buy: its "on" object buys, and it is talks
    ('The US is putting pressure on Turkey to buy Patriot missiles.',
     [('USA', 'TUR', 'missiles', 'negotiating')]),
    ('Officials said Washington is putting strong pressure on Seoul to buy a U.S. plane.',
     [('USA', 'KOR', 'aircraft', 'negotiating')]),
    # a firm announcing that a customer chose "its" product sells it; not "its first"
    ('Rolls-Royce said the Royal Saudi Air Force selected its engines for 12 fighter '
     'aircraft.',
     [('Rolls-Royce', 'SAU', 'engines', 'agreed')]),
    ('Boeing said Poland selected its first F-16 jets.', [(None, 'POL', 'aircraft', 'agreed')]),
])
def test_pressure_and_announced_choices(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # a deal that "covers" or "includes" its items; a "for" deeper in the deal's phrase
    ('The contract with Lockheed Martin covers 32 F-35s for Romania.',
     [('Lockheed Martin', 'ROU', 'aircraft', 'agreed')]),
    ('The deal includes 40 F-16s and missiles for Turkey.',
     [(None, 'TUR', 'aircraft', 'agreed'), (None, 'TUR', 'missiles', 'agreed')]),
    ('Poland and South Korea signed contracts worth $5.8 billion for K2 tanks and K9 '
     'howitzers.',
     [('KOR', 'POL', 'armoured-vehicles', 'agreed'), ('KOR', 'POL', 'artillery', 'agreed')]),
])
def test_deals_that_cover_their_items(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


@pytest.mark.parametrize("text, expected", [
    # what a participle's noun "includes" is the participle's item too
    ('The aid provided to Israel includes bombs and shells.',
     [(None, 'ISR', 'ammunition', 'delivered')]),
    # "X and Y are among the countries that pledged ...": X and Y did
    ('Norway and Denmark are among the countries that pledged to provide F-16s to Ukraine.',
     [('NOR', 'UKR', 'aircraft', 'pledged'), ('DNK', 'UKR', 'aircraft', 'pledged')]),
])
def test_included_items_and_among(nlp, text, expected):
    assert summary(nlp, text) == set(expected)


def test_what_sales_include_and_for_whom(nlp):
    assert summary(nlp, 'The sales include precision-guided bombs for Saudi Arabia.') == {
        (None, 'SAU', 'ammunition', 'reported')}


@pytest.mark.parametrize("text, expected", [
    # a list "A, B and C" the parser reads as A with the apposition B and B's conjunct C
    ('The Pentagon approved a $1.8bn package for Qatar comprising 11 HIMARS launchers, 135 '
     'Harpoon missiles and six AN/APG-81 radars.',
     [('USA', 'QAT', 'artillery', 'agreed'), ('USA', 'QAT', 'missiles', 'agreed'),
      ('USA', 'QAT', 'sensors', 'agreed')]),
    ('The State Department approved a $900m package for Morocco comprising 12 HIMARS '
     'launchers, 40 SLAM-ER missiles and two MS-110 reconnaissance pods.',
     [('USA', 'MAR', 'artillery', 'agreed'), ('USA', 'MAR', 'missiles', 'agreed'),
      ('USA', 'MAR', 'sensors', 'agreed')]),
])
def test_an_apposition_lists_its_conjuncts_as_items(nlp, text, expected):
    assert summary(nlp, text) == set(expected)
