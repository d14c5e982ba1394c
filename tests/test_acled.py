"""The ACLED event classifier (claims/acled.py) on sentences we wrote ourselves, its tables,
and the metrics of the CASE 2021 benchmark (benchmarks/events.py).

Every sentence here is our own, written from ACLED's codebook and from how news wires report
such events; none comes from CASE 2021 or any other evaluation set.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimledger.claims.acled import (
    EventLabel,
    acled_names,
    as_acled,
    candidates,
    case_label,
    classify,
)
from claimledger.claims.acled_lexicon import lexicon
from claimledger.claims.acled_rules import rules
from claimledger.nlp import load

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

# Several reports of each class, worded as different outlets would word them.
CASES: dict[str, list[str]] = {
    "ARMED_CLASH": [
        "Troops clashed with rebels near the town, leaving six fighters dead.",
        "Heavy fighting broke out between the army and Houthi rebels on the outskirts of the "
        "port city.",
        "Two soldiers were killed when insurgents attacked an army checkpoint in the province.",
        "Security forces killed five militants in an encounter in the forest area on Tuesday.",
        "Militants ambushed a military convoy, sparking a gun battle that lasted several hours.",
        "The two rival militias exchanged fire in the northern district overnight.",
        "Government troops repelled an attack by al-Shabaab fighters on their base.",
        "Police and Maoist rebels traded gunfire for an hour in the jungle.",
        "Fierce clashes erupted between Kurdish fighters and Turkish-backed rebels near the "
        "border town.",
        "An army officer and three insurgents died in a firefight in the mountains.",
        "Rebels attacked a police station in the district, triggering an hours-long gun battle.",
        "The military said its soldiers had killed 14 Boko Haram fighters who attacked their base.",
        "Soldiers repulsed an attack by militants on their post, killing seven of them.",
        "Two rival armed groups fought each other in the city for control of the market.",
    ],
    "GOV_REGAINS_TERIT": [
        "The army recaptured the town of Palmyra from Islamic State militants.",
        "Iraqi forces retook the last district of Mosul held by the jihadists.",
        "Troops liberated three villages from Boko Haram after a week-long operation.",
        "The army said it had regained control of the strategic hill from the rebels.",
        "Government forces drove the insurgents out of the town on Friday.",
        "Syrian government troops have taken back the town from rebel groups, state media "
        "reported.",
        "After days of fighting, the army said it had flushed out the militants from the village "
        "and restored control.",
    ],
    "NON_STATE_ACTOR_OVERTAKES_TER": [
        "Jihadists captured Tessit after a week of fighting, residents said.",
        "Rebel fighters took control of the town of Kidal after government troops withdrew.",
        "The town fell to Islamist militants on Monday.",
        "Taliban fighters captured the district headquarters after a two-day siege.",
        "Jihadists seized control of several villages in the north of the country.",
        "Rebels overran an army outpost and took control of the surrounding area.",
        "The militia said it now controls the entire province after capturing the capital.",
        "Al-Shabaab fighters seized the town after African Union troops left their base.",
        "Houthi rebels have captured a key district in Marib province, tribal sources said.",
    ],
    "CHEM_WEAP": [
        "Activists said government forces dropped chlorine gas on the besieged suburb.",
        "Dozens of people suffocated after a sarin attack on the rebel-held town.",
        "Inspectors found that chemical weapons were used in the attack on the village.",
        "Residents reported the smell of chlorine after helicopters dropped barrels on the "
        "district.",
        "The watchdog concluded that chlorine was likely used as a weapon in the attack.",
        "Doctors treated dozens of patients for symptoms consistent with exposure to a nerve "
        "agent.",
        "Syrian forces were accused of using poison gas against civilians in the town.",
        "Witnesses said the shells released a yellow toxic gas that made people choke.",
    ],
    "AIR_STRIKE": [
        "Military planes bombed rebel hideouts in the hills.",
        "Warplanes of the Saudi-led coalition bombed a wedding party in Hajjah, killing 20 "
        "civilians.",
        "A drone strike killed three suspected militants in North Waziristan on Sunday.",
        "Russian jets carried out air raids on rebel positions in Idlib province.",
        "An airstrike hit a hospital in the besieged city, killing two doctors.",
        "Turkish warplanes struck Kurdish militant targets in northern Iraq.",
        "A US drone fired a missile at a vehicle carrying al-Qaeda fighters.",
        "Coalition aircraft bombed a weapons depot held by the rebels.",
        "At least nine civilians were killed in air strikes on a market in the town.",
        "Israeli warplanes hit targets in the Gaza Strip overnight.",
        "Helicopter gunships attacked militant hideouts in the valley.",
        "A drone attack hit a military airbase in the north of the country.",
    ],
    "SUIC_BOMB": [
        "A suicide bomber blew himself up at a crowded market, killing at least 15 people.",
        "A suicide car bomb exploded at the entrance of a military base, killing eight soldiers.",
        "A female suicide bomber detonated her explosive vest in a mosque.",
        "Two suicide attackers blew themselves up near the police headquarters.",
        "A suicide attack on a funeral killed more than 30 mourners.",
        "The attacker detonated a suicide vest as police approached the checkpoint.",
        "A teenage suicide bomber killed 18 people at a wedding.",
    ],
    "ART_MISS_ATTACK": [
        "Rebels shelled residential districts of the city overnight, wounding four residents.",
        "Militants fired mortar shells at the airport, damaging a runway.",
        "Rockets fired from Gaza landed in open areas in southern Israel.",
        "Pakistani troops violated the ceasefire and shelled forward posts along the Line of "
        "Control.",
        "A ballistic missile hit a residential building in the city, injuring 11 people.",
        "Artillery fire pounded the outskirts of the town throughout the night.",
        "Separatists shelled government positions with heavy artillery near the airport.",
        "Several mortar rounds landed near the presidential palace, wounding two guards.",
        "Two rockets struck a residential area, killing a woman and her child.",
        "The town came under heavy shelling from government forces on Tuesday.",
    ],
    "REM_EXPLOS": [
        "A roadside bomb killed three soldiers near the border.",
        "An improvised explosive device went off under a police vehicle, killing two officers.",
        "A landmine explosion killed a farmer in the border area.",
        "A car bomb exploded near a busy market in the capital, killing nine people.",
        "Three children were wounded when a bomb planted on a bicycle exploded.",
        "A blast tore through a bus carrying pilgrims on the highway.",
        "A bomb hidden in a motorcycle exploded near a police checkpoint.",
        "Two soldiers were killed when their vehicle hit a landmine.",
        "An explosion ripped through a crowded market, killing 12 people, police said.",
        "A powerful explosive device was detonated remotely as the convoy passed.",
    ],
    "GRENADE": [
        "Unknown attackers hurled a grenade at a police patrol in Srinagar, injuring two officers.",
        "Militants lobbed a grenade at a CRPF bunker, injuring three personnel.",
        "A hand grenade exploded inside a bar, wounding six customers.",
        "Two people were hurt in a grenade attack on a shop in the town.",
        "A grenade thrown into a crowd at a political rally wounded 15 people.",
        "Suspected militants threw a grenade at an army vehicle in the town.",
        "A grenade exploded in a crowded bus station, injuring 12 people.",
    ],
    "SEX_VIOL": [
        "Soldiers raped two women in the village, a rights group said.",
        "A girl was gang-raped by armed men in the camp.",
        "The report documents sexual violence against women by militia members.",
        "Soldiers sexually assaulted several women during the raid.",
        "The UN said soldiers had raped dozens of women and girls during the offensive.",
        "A teenage girl was sexually assaulted by members of an armed group.",
        "A woman was raped by two soldiers at a checkpoint, her family said.",
    ],
    "ATTACK": [
        "Gunmen stormed a village and killed 12 villagers.",
        "Armed men shot dead four farmers in their fields.",
        "Suspected herders attacked the village, killing 15 people and burning houses.",
        "Militants beheaded a village chief accused of spying.",
        "Gunmen opened fire on worshippers at a church, killing seven.",
        "Unidentified assailants hacked a journalist to death in his home.",
        "Gunmen shot dead a village headman outside his house.",
        "Armed assailants killed 25 people in an attack on a village in the region.",
        "Militants executed five hostages, including two aid workers.",
        "Militia members beat and tortured villagers suspected of helping the rebels.",
        "The rebels massacred dozens of civilians in a village in the east.",
    ],
    "ABDUCT_DISSAP": [
        "Armed men abducted 30 schoolgirls from their dormitory.",
        "Gunmen kidnapped a priest and two seminarians on the highway.",
        "Rights groups say the activist has been missing since he was detained by security agents.",
        "Militants took 20 passengers hostage after stopping the bus.",
        "Bandits abducted dozens of students from a school in the north.",
        "Pirates kidnapped the crew of a cargo ship in the Gulf.",
        "Relatives say the student disappeared after being taken away by plainclothes officers.",
        "Insurgents abducted a local official and his driver on the road.",
        "Unknown gunmen seized a foreign engineer from his car and drove him away.",
    ],
    "PEACE_PROTEST": [
        "Thousands of teachers marched through the capital demanding higher pay.",
        "Students protested against the rape of a girl in the district.",
        "Hundreds of people rallied in the capital to demand the resignation of the president.",
        "Farmers staged a sit-in outside the district office over unpaid compensation.",
        "Opposition supporters held a peaceful march through the city centre.",
        "Residents blocked the highway for hours to protest against frequent power cuts.",
        "Workers went on strike demanding better wages.",
        "Thousands of people took to the streets to protest against the new law.",
        "Doctors held a demonstration in front of the health ministry demanding better security.",
        "Activists staged a candlelight vigil for the victims of the attack.",
        "Supporters of the jailed leader rallied peacefully outside the court.",
        "Thousands of workers went on strike to protest against the privatisation of the railways.",
    ],
    "PROTEST_WITH_INTER": [
        "Police picked up several activists from the protest site early on Sunday.",
        "Police fired tear gas to disperse hundreds of protesters who had gathered outside "
        "parliament.",
        "Police used water cannon to break up a demonstration by opposition supporters.",
        "Dozens of protesters were detained as police broke up the rally.",
        "Police baton-charged students protesting against the fee hike.",
        "Riot police prevented the marchers from reaching the parliament building.",
        "Police detained dozens of activists who had gathered for an unauthorised rally.",
        "Security forces fired tear gas at students marching towards the presidential palace.",
        "Police blocked the protesters from entering the square.",
        "Police forcibly removed protesters who were blocking the main road.",
    ],
    "FORCE_AGAINST_PROTEST": [
        "Two protesters were shot dead by security forces in Khartoum.",
        "Security forces opened fire on demonstrators, killing at least ten.",
        "Police beat protesters with batons, leaving dozens badly injured.",
        "A student died after police fired live ammunition at the protest.",
        "Rights groups condemned the excessive force used against peaceful demonstrators.",
        "Police shot and killed three demonstrators during a protest over fuel prices.",
        "Soldiers fired live rounds at protesters, wounding more than 20.",
        "At least 12 demonstrators were killed when troops opened fire on a protest march.",
    ],
    "VIOL_DEMONSTR": [
        "Police fired tear gas at protesters who were throwing stones and burning tyres.",
        "Protesters torched vehicles and pelted police with stones.",
        "Protesters clashed with police and set fire to a police station.",
        "Angry demonstrators vandalised shops and threw stones at security forces.",
        "Rioters looted shops and burned cars in the city centre.",
        "The protest turned violent when demonstrators attacked a government office.",
        "Demonstrators set tyres ablaze and blocked roads, hurling stones at police.",
        "Angry protesters stormed and ransacked the governor's office.",
        "Rioting broke out after the verdict, with youths burning cars.",
        "Demonstrators clashed with police and damaged several vehicles near the stadium.",
    ],
    "MOB_VIOL": [
        "Villagers beat a suspected robber to death before police arrived.",
        "A mob lynched a man accused of stealing cattle.",
        "A mob beat a man to death on suspicion of theft.",
        "An angry crowd attacked two suspected thieves and set them on fire.",
        "Villagers lynched a man they accused of witchcraft.",
        "A mob of villagers killed a man suspected of kidnapping children.",
        "An angry crowd beat two men to death after accusing them of stealing cattle.",
        "Two men were lynched by a mob after rumours spread that they were child abductors.",
        "Residents armed with sticks attacked a suspected thief and burnt him alive.",
        "Communal clashes between two villages left three people dead.",
    ],
    "AGREEMENT": [
        "The government and the rebels signed a ceasefire agreement in Addis Ababa.",
        "The warring parties agreed to a humanitarian truce to allow aid into the city.",
        "The two sides exchanged prisoners under a deal brokered by the UN.",
        "Rebel commanders signed a peace accord with the government.",
        "The insurgents released 15 hostages after negotiations with tribal elders.",
        "Over 200 fighters surrendered to the army with their weapons.",
        "The government and rebel leaders reached a deal to end the fighting.",
        "Both sides agreed to a prisoner swap involving 200 detainees.",
        "A ceasefire between the army and the rebels came into force at midnight.",
        "The rebel group signed a peace agreement with the government in Juba.",
    ],
    "ARREST": [
        "Police arrested a senior opposition leader in the capital.",
        "Police detained three suspects in connection with the bombing.",
        "Security forces arrested a senior commander of the rebel group.",
        "The journalist was taken into custody at the airport.",
        "Authorities rounded up dozens of suspected members of the banned group.",
        "Police have arrested a man suspected of planning attacks in the capital.",
        "Three journalists were detained by security forces on Monday.",
        "The opposition leader was arrested at his home in the early hours.",
        "The police chief said 15 suspects had been arrested after the riot.",
    ],
    "CHANGE_TO_GROUP_ACT": [
        "Authorities imposed a curfew in the city after the violence.",
        "The army deployed additional troops to the border region.",
        "Two rebel factions announced that they had merged into a new coalition.",
        "Authorities declared a state of emergency in the province.",
        "The militant group announced a new leader after the death of its founder.",
        "The government imposed a dusk-to-dawn curfew in the restive region.",
        "Several hundred soldiers were redeployed to the northern front.",
        "The armed group announced it would dissolve and join the political process.",
        "The militia announced that it had changed its name and formed a political wing.",
        "Authorities lifted the curfew in the capital after a week.",
        "The army sent reinforcements to the region ahead of the elections.",
    ],
    "DISR_WEAP": [
        "Police defused an improvised explosive device found near the bus stand.",
        "Security forces seized a large cache of weapons and ammunition in a raid on a hideout.",
        "Army engineers found and defused a landmine on the road.",
        "Police recovered two grenades and a pistol from the suspect's house.",
        "Security forces foiled a plot to bomb a shopping mall.",
        "Air defences intercepted two ballistic missiles fired towards the city.",
        "Troops discovered an arms cache containing rifles and explosives.",
        "Police found a bomb under a car and safely detonated it.",
        "Troops intercepted a truck carrying weapons and ammunition at a checkpoint.",
        "The bomb squad defused an explosive device planted near the school.",
        "Soldiers seized a truck loaded with explosives at a checkpoint.",
    ],
    "HQ_ESTABLISHED": [
        "The armed group opened an office in the provincial capital.",
        "Al-Shabaab militants set up a base in the village.",
        "The insurgents established a new headquarters in the mountain village.",
        "The militia set up a camp near the river, residents said.",
        "Foreign troops opened a new military base in the region.",
        "The rebel group has set up its new headquarters in the captured town.",
        "The army established a forward operating base near the border.",
        "The jihadists have established a base in the forest near the border, locals said.",
        "Government forces set up a new military camp in the district to secure the road.",
    ],
    "NON_VIOL_TERRIT_TRANSFER": [
        "Government troops withdrew from the town and handed it over to a local militia.",
        "The rebels withdrew from the city without a fight.",
        "Peacekeepers handed over the base to the national army.",
        "The militants pulled out of the area, leaving it under the control of local elders.",
        "The army handed control of the city to the police after the withdrawal.",
        "Government forces entered the town unopposed after the rebels left.",
        "Government troops pulled out of the town peacefully and the rebels moved in.",
        "Foreign forces completed their withdrawal from the province on Friday.",
    ],
    "PROPERTY_DISTRUCT": [
        "Militants attacked a school in the district overnight, destroying classrooms.",
        "Militants torched a school and several houses in the village overnight.",
        "Armed men looted shops and livestock in the village.",
        "Militants destroyed a telecommunications tower in the district.",
        "Soldiers burned down several houses in the village during the operation.",
        "Unknown people burned down a church in the village overnight.",
        "Militants blew up a bridge linking the two towns.",
        "Armed men looted a health centre and stole medicines.",
        "Insurgents vandalised a polling station and destroyed ballot boxes.",
        "Armed men set fire to several trucks on the highway.",
    ],
    "ORG_CRIME": [
        "Police arrested three goons for extorting money from traders.",
        "Police seized 20 kg of heroin from a drug smuggler.",
        "Police arrested two members of a drug cartel in the port city.",
        "A gang of robbers shot dead a shopkeeper during a robbery.",
        "Customs officials seized cocaine worth millions hidden in a shipment of bananas.",
        "Police busted a human trafficking racket and rescued 12 women.",
        "Police raided a drug den and arrested five peddlers.",
        "The cartel is suspected of killing a rival gang leader.",
        "Two men were arrested for smuggling gold at the airport.",
        "Gangsters extorted money from shopkeepers in the market.",
        "Police dismantled a trafficking network that smuggled migrants across the border.",
        "A notorious drug lord was shot dead by rival gang members.",
    ],
    "NATURAL_DISASTER": [
        "A 6.1-magnitude earthquake struck the region, killing 40 people.",
        "Floods triggered by heavy rain have killed 30 people and displaced thousands.",
        "A cyclone made landfall on the coast, flattening homes and uprooting trees.",
        "The number of coronavirus cases in the state rose to 1,200.",
        "A landslide buried a village after days of torrential rain.",
        "A 5.8-magnitude quake jolted the region, damaging hundreds of homes.",
        "Heavy monsoon rains caused flooding in several districts.",
        "The health ministry reported 300 new cases of cholera this week.",
        "The storm surge flooded coastal villages and destroyed hundreds of homes.",
    ],
    "MAN_MADE_DISASTER": [
        "Twenty people died after drinking spurious liquor in the village.",
        "A huge explosion followed by a fire destroyed a fuel depot on the outskirts of the city.",
        "A fire broke out at a garment factory, killing 12 workers.",
        "At least 20 people died when a bus plunged into a river.",
        "A gas cylinder explosion at a restaurant injured eight people.",
        "A building collapsed in the old city, trapping dozens under the rubble.",
        "A passenger train derailed near the station, killing four.",
        "A massive blaze gutted a warehouse in the industrial area.",
        "A fire at a chemical plant forced the evacuation of nearby residents.",
        "Fourteen people were killed when a truck collided with a bus on the highway.",
        "A ferry carrying 200 passengers capsized on the lake.",
        "Toxic fumes from a gas leak at the plant sickened hundreds of residents.",
    ],
    "DIPLO": [
        "The country became the first to recognise the new government.",
        "The foreign ministers of the two countries met in Geneva to discuss bilateral relations.",
        "The president received the visiting foreign minister for talks on regional security.",
        "The country expelled two diplomats over spying allegations.",
        "The envoy held talks with officials in Kabul about the peace process.",
        "The two leaders discussed trade and security during a phone call.",
        "The ambassador was summoned to the foreign ministry over the remarks.",
        "The EU imposed new sanctions on the country's officials.",
        "The prime minister will visit Beijing next week for a summit with the Chinese president.",
        "The two countries restored diplomatic relations after years of tension.",
    ],
    "ATTRIB": [
        "A spokesman for the rebels said their fighters had carried out the attack.",
        "The insurgents admitted carrying out the ambush on the convoy.",
        "The Pakistani Taliban claimed the suicide bombing in a message to reporters.",
        "The Islamic State group claimed responsibility for the attack.",
        "The Taliban claimed the attack in a statement on its website.",
        "Officials blamed the banned group for the bombing of the train.",
        "No group has so far claimed responsibility for the blast.",
        "Police blamed the rebels for the ambush.",
        "The militant group said it was behind the bombing of the bus.",
        "Authorities accused the separatists of carrying out the attack.",
        "Islamic State's news agency said its fighters carried out the attack on the checkpoint.",
        "The government held the opposition responsible for the violence.",
    ],
}

# Near misses: the same kind of sentence read two ways, where one word or one role decides.
CONTRASTS: list[list[tuple[str, str]]] = [
    [  # what a protest is about did not happen at the protest
        (
            "PEACE_PROTEST",
            "Residents marched to the police station to protest against the "
            "killing of a local trader.",
        ),
        (
            "PEACE_PROTEST",
            "Hundreds demonstrated in the capital over the arrest of the opposition leader.",
        ),
        ("PEACE_PROTEST", "Women's groups held a rally to condemn the rape of a schoolgirl."),
    ],
    [  # an arrest for an earlier crime is an arrest
        (
            "ARREST",
            "Police arrested two men in connection with the murder of a journalist last month.",
        ),
        (
            "ARREST",
            "Security forces detained a suspected militant commander during a raid on his house.",
        ),
        ("ARREST", "The police chief said 15 suspects had been arrested after the riot."),
    ],
    [  # a threat, a condemnation, a negation: the event reported is the other one
        (
            "ATTACK",
            "The militants had threatened to attack the village; on Sunday they killed "
            "six farmers there.",
        ),
        ("DIPLO", "The foreign minister condemned the attack and called for restraint."),
        (
            "AGREEMENT",
            "Rebels and the government agreed on a ceasefire, ending weeks of fighting "
            "in the region.",
        ),
        ("ARMED_CLASH", "No civilians were hurt in the clashes between the army and the rebels."),
    ],
    [  # a claim of responsibility, a foiled attack
        (
            "ATTRIB",
            "The Pakistani Taliban claimed responsibility for the suicide bombing that "
            "killed 20 people.",
        ),
        (
            "DISR_WEAP",
            "Police foiled a suicide attack by arresting a would-be bomber wearing an "
            "explosive vest.",
        ),
    ],
    [  # one protest, three endings
        (
            "PROTEST_WITH_INTER",
            "Thousands of protesters gathered in the square. Police later "
            "fired tear gas and arrested 40 people.",
        ),
        (
            "FORCE_AGAINST_PROTEST",
            "Thousands of protesters gathered in the square. Security "
            "forces opened fire, killing five of them.",
        ),
        (
            "VIOL_DEMONSTR",
            "Protesters gathered outside the governor's office. Some of them threw "
            "petrol bombs at the building.",
        ),
    ],
    [  # an explosion: accident or bomb
        ("MAN_MADE_DISASTER", "An explosion at a fireworks factory killed 11 workers on Saturday."),
        ("REM_EXPLOS", "An explosion at a checkpoint killed 11 soldiers on Saturday."),
        ("NATURAL_DISASTER", "Rescue workers are searching for survivors after the earthquake."),
        (
            "MAN_MADE_DISASTER",
            "Rescue workers are searching for survivors after the building collapsed.",
        ),
    ],
    [  # who took the airport
        (
            "GOV_REGAINS_TERIT",
            "The army said troops had recaptured the airport after heavy fighting with the rebels.",
        ),
        (
            "NON_STATE_ACTOR_OVERTAKES_TER",
            "The rebels said they had captured the airport after heavy fighting with the army.",
        ),
        ("ARMED_CLASH", "Government troops and rebels fought for control of the bridge."),
    ],
    [  # grenades thrown, found, or used by robbers
        ("GRENADE", "Police found that the attackers had used grenades in the assault on the bar."),
        ("DISR_WEAP", "Police found grenades and rifles hidden in a house during a search."),
        ("ORG_CRIME", "The gang used grenades to rob a bank in the city."),
    ],
    [  # held, or released
        (
            "SEX_VIOL",
            "Rights groups documented dozens of rapes committed by soldiers in the region.",
        ),
        ("ABDUCT_DISSAP", "The kidnapped engineers are still being held by their captors."),
        (
            "AGREEMENT",
            "The kidnapped engineers were released after negotiations with the militants.",
        ),
        ("AGREEMENT", "Under the agreement, the militia will release all prisoners it holds."),
        (
            "NON_VIOL_TERRIT_TRANSFER",
            "Under the agreement, the militia handed over the town to government forces.",
        ),
    ],
    [  # a camp set up, or attacked
        ("HQ_ESTABLISHED", "Islamist fighters have set up a training camp in the forest."),
        ("ARMED_CLASH", "Islamist fighters attacked an army training camp in the forest."),
        (
            "CHANGE_TO_GROUP_ACT",
            "The curfew was extended for another week as tensions remained high.",
        ),
    ],
    [  # fire set by rebels, by protesters, by a mob
        ("PROPERTY_DISTRUCT", "Rebels set fire to houses and granaries in the abandoned village."),
        ("VIOL_DEMONSTR", "Protesters set fire to a police post and a bank in the town."),
        ("MOB_VIOL", "An angry mob torched the house of a man accused of blasphemy."),
    ],
    [  # the weapon decides
        ("AIR_STRIKE", "The rebels said government planes had bombed their positions."),
        ("ART_MISS_ATTACK", "The rebels said government artillery had shelled their positions."),
    ],
]

# Reports of no event the classifier knows.
NO_EVENT = [
    "Parliament approved the budget for next year on Tuesday.",
    "The company reported a rise in quarterly profits.",
    "The central bank raised interest rates by half a percentage point.",
    "The football team won the championship after a dramatic final.",
    "Rebels did not attack the town.",
    "Officials said the situation in the city was calm.",
    "The group threatened to attack the capital.",
]

LABELLED = [(case, text) for case, texts in CASES.items() for text in texts] + [
    pair for group in CONTRASTS for pair in group
]


@pytest.fixture(scope="module")
def bare() -> Language:
    return load(stages=False)


@pytest.fixture(scope="module")
def parsed(bare: Language) -> dict[str, Doc]:
    """Every sentence of this module, parsed once in one batch."""
    texts = list(dict.fromkeys([t for _, t in LABELLED] + NO_EVENT + [SNIPPET, TWO_EVENTS]))
    return dict(zip(texts, bare.pipe(texts), strict=True))


def _shown(doc: Doc) -> str:
    return "; ".join(
        f"{c.case} {c.score} [{doc.text[c.trigger[0] : c.trigger[1]]}]"
        for c in candidates(doc[:])[:3]
    )


@pytest.mark.parametrize(("case", "text"), LABELLED, ids=[t[:50] for _, t in LABELLED])
def test_label(parsed: dict[str, Doc], case: str, text: str) -> None:
    doc = parsed[text]
    label = classify(doc[:])
    assert label is not None and label.case == case, _shown(doc)


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_event(parsed: dict[str, Doc], text: str) -> None:
    assert classify(parsed[text][:]) is None, _shown(parsed[text])


def test_every_class_has_reports() -> None:
    covered = {case for case, _ in LABELLED}
    assert covered == set(acled_names()) - {"OTHER"}
    assert all(len(texts) >= 5 for texts in CASES.values())


# --- the label ---------------------------------------------------------------------------------

SNIPPET = (
    "Rebels shelled the northern suburbs of the city overnight, killing three civilians. "
    "The army said it had returned fire. Residents fled towards the river."
)
TWO_EVENTS = "Police arrested two men on Monday, a day after rebels shelled the market."


def test_label_names_acled_types_and_trigger(parsed: dict[str, Doc]) -> None:
    doc = parsed[SNIPPET]
    label = classify(doc[:])
    assert label == EventLabel(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        case="ART_MISS_ATTACK",
        trigger=label.trigger if label else (0, 0),
        score=label.score if label else 0.0,
    )
    assert label is not None
    assert doc.text[label.trigger[0] : label.trigger[1]] == "shelled"
    assert label.score > 0
    assert as_acled(label) is not None
    assert as_acled(label).sub_event_type == "Shelling/artillery/missile attack"  # type: ignore[union-attr]


def test_non_acled_class_has_no_acled_names(parsed: dict[str, Doc]) -> None:
    label = classify(parsed["Police seized 20 kg of heroin from a drug smuggler."][:])
    assert label is not None and label.case == "ORG_CRIME"
    assert label.event_type is None and label.sub_event_type is None
    assert as_acled(label) is None
    assert as_acled(None) is None


def test_candidates_best_first_each_label_once(parsed: dict[str, Doc]) -> None:
    found = candidates(parsed[TWO_EVENTS][:])
    assert [c.case for c in found][:2] == ["ARREST", "ART_MISS_ATTACK"]
    assert len({c.case for c in found}) == len(found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_a_claim_span_is_classified_alone(parsed: dict[str, Doc]) -> None:
    """The claims stage passes one claim's span: only its words count."""
    doc = parsed[TWO_EVENTS]
    comma = next(t.i for t in doc if t.text == ",")
    first, second = classify(doc[:comma]), classify(doc[comma + 1 :])
    assert first is not None and first.case == "ARREST"
    assert second is not None and second.case == "ART_MISS_ATTACK"
    assert doc[comma + 1 :].start_char <= second.trigger[0]


def test_whole_snippet_with_the_full_pipeline(nlp: Language) -> None:
    doc = nlp(
        "Hundreds of students marched to the parliament on Tuesday. Police fired tear gas "
        "and water cannon to disperse them, and detained 30 people."
    )
    label = classify(doc[:])
    assert label is not None and label.case == "PROTEST_WITH_INTER"
    assert label.sub_event_type == "Protest with intervention"


# --- the tables --------------------------------------------------------------------------------


def test_labels_table_has_acleds_taxonomy() -> None:
    names = acled_names()
    acled = {case: pair for case, pair in names.items() if pair is not None}
    assert len(acled) == 25
    assert {pair[0] for pair in acled.values()} == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert len({pair[1] for pair in acled.values()}) == 25
    assert {c for c, pair in names.items() if pair is None} == {
        "ORG_CRIME",
        "NATURAL_DISASTER",
        "MAN_MADE_DISASTER",
        "DIPLO",
        "ATTRIB",
    }
    assert case_label("Grenade") == "GRENADE"
    assert case_label("Non-violent transfer of territory") == "NON_VIOL_TERRIT_TRANSFER"
    assert case_label("Not a type") is None


def test_rules_use_only_known_concepts_and_labels() -> None:
    known = lexicon().concepts
    for rule in rules():
        assert rule.label in acled_names(), rule
        for term in rule.terms:
            used = term.concepts | (term.doer or frozenset()) | (term.target or frozenset())
            assert used <= known, (rule.label, used - known)


def test_every_concept_is_used() -> None:
    used = set(lexicon().precedence)
    for rule in rules():
        for term in rule.terms:
            used |= term.concepts | (term.doer or frozenset()) | (term.target or frozenset())
    assert lexicon().concepts <= used, lexicon().concepts - used


def test_actor_precedence_and_discounts_name_known_concepts() -> None:
    lex = lexicon()
    assert set(lex.precedence) <= lex.concepts
    assert set(lex.about) | lex.means | set(lex.negated) <= lex.concepts


def test_no_pattern_listed_twice() -> None:
    from claimledger.tables import cells, table_lines

    patterns = [
        " ".join(cells(line)[0].split()) for line in table_lines("claims", "acled_concepts.tsv")
    ]
    assert len(patterns) == len(set(patterns))


# --- the benchmark's metrics -------------------------------------------------------------------


def _load_benchmark() -> ModuleType:
    # benchmarks/ is not a package: load the file itself, with its folder on the path for `common`
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("events_benchmark", BENCHMARKS / "events.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


bench = _load_benchmark()

# a hand-made confusion: A is right twice and once taken for B; B once right, once taken for C;
# C once right; one prediction of B is wrong (it was A), one of C is wrong (it was B)
GOLD = ["A", "A", "A", "B", "B", "C"]
PRED = ["A", "A", "B", "B", "C", "C"]


def test_per_class_scores_by_hand() -> None:
    scores = bench.per_class(bench.confusion(GOLD, PRED), ["A", "B", "C"])
    a, b, c = scores["A"], scores["B"], scores["C"]
    assert (a.precision, a.recall, a.support, a.predicted) == (1.0, 2 / 3, 3, 2)
    assert a.f1 == pytest.approx(0.8)
    assert (b.precision, b.recall, b.f1) == (0.5, 0.5, 0.5)
    assert (c.precision, c.recall) == (0.5, 1.0)
    assert c.f1 == pytest.approx(2 / 3)


def test_summary_by_hand() -> None:
    s = bench.summarise(GOLD, PRED)
    assert s.n == 6
    assert s.accuracy == pytest.approx(4 / 6)
    assert s.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert s.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2 + 2 / 3 * 1) / 6)


def test_summary_averages_over_gold_labels_only() -> None:
    """A label only ever predicted lowers the precision of nothing that is averaged, but its
    predictions are misses of the gold labels."""
    s = bench.summarise(["A", "A", "B"], ["A", "X", "X"])
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.macro_f1 == pytest.approx((2 / 3 + 0.0) / 2)  # A: P 1, R 1/2
    assert s.weighted_f1 == pytest.approx((2 / 3 * 2) / 3)
    assert bench.summarise([], []).n == 0


def test_reads_the_case_tsv(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text(
        'id\tEventSnippet\tSubType\n7\tSome "quoted" text.\tARREST\n8\tno label\t\n',
        encoding="utf-8",
    )
    assert bench.load(path) == [bench.Snippet("7", 'Some "quoted" text.', "ARREST")]
