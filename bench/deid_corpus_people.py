"""People, places, organisations and online identities for the generated corpus.

Names come from Faker's locales. Faker 40 ships no Somali (so_SO) and no Urdu (ur_PK) locale:
Somali names come from the small hand-written lists below, Pakistani names in Latin script from
Faker's en_PK, and Urdu-script names from a hand-written list. Yoruba, Igbo and Hausa come from
Faker (yo_NG, ig_NG, ha_NG).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

import deid_corpus_ids as ids
from faker import Faker

# Latin-script name locales and their weights (UK social care: mostly British names, many others).
NAME_LOCALES: tuple[tuple[str, int], ...] = (
    ("en_GB", 16), ("en_US", 3), ("en_IE", 3), ("ga_IE", 1), ("en_CA", 2), ("en_AU", 2), ("en_NZ", 1),
    ("pl_PL", 7), ("ro_RO", 6), ("lt_LT", 2), ("lv_LV", 1), ("cs_CZ", 1), ("sk_SK", 1), ("hu_HU", 1),
    ("hr_HR", 1), ("et_EE", 1), ("tr_TR", 3), ("az_AZ", 1), ("fr_FR", 2), ("de_DE", 2), ("es_ES", 2),
    ("es_MX", 1), ("it_IT", 2), ("pt_PT", 2), ("pt_BR", 2), ("nl_NL", 1), ("en_IN", 4), ("en_PK", 4),
    ("yo_NG", 3), ("ig_NG", 2), ("ha_NG", 1), ("en_NG", 1), ("tw_GH", 1), ("sw", 1), ("zu_ZA", 1),
    ("so", 3), ("zh_CN", 2), ("vi_VN", 1), ("id_ID", 1),
)
# Other scripts: used in the mixed-script documents ("ur" is the hand-written Urdu list).
NATIVE_SCRIPT_LOCALES = ("ar_AA", "ar_SA", "bg_BG", "uk_UA", "ru_RU", "el_GR", "fa_IR", "hi_IN", "zh_CN", "ur",
                         "he_IL", "bn_BD", "mk_MK")

SOMALI_FEMALE = ("Hodan", "Amina", "Faduma", "Sahra", "Ayaan", "Hibaaq", "Nimco", "Ubah", "Ifrah", "Deeqa", "Hawa",
                 "Khadra", "Muna", "Sagal", "Ikran", "Filsan", "Asli", "Ladan", "Naima", "Samsam")
SOMALI_MALE = ("Abdi", "Mohamed", "Abdirahman", "Abdullahi", "Ahmed", "Hassan", "Mahad", "Liban", "Guled",
               "Bashir", "Yusuf", "Omar", "Abdiaziz", "Said", "Jama", "Cabdi", "Mukhtar", "Shire", "Hamza", "Idiris")
SOMALI_FAMILY = ("Warsame", "Farah", "Jama", "Osman", "Hirsi", "Egal", "Abdullahi", "Mohamud", "Aden", "Nur", "Elmi",
                 "Duale", "Hussein", "Gedi", "Samatar", "Ismail", "Dirie", "Mire", "Ali", "Guleid", "Abdille")
URDU_FEMALE = ("عائشہ", "فاطمہ", "زینب", "مریم", "سائرہ", "نازیہ", "رابعہ")
URDU_MALE = ("علی", "عمران", "بلال", "حمزہ", "عثمان", "کاشف", "طارق")
URDU_FAMILY = ("خان", "احمد", "چوہدری", "ملک", "شیخ", "قریشی", "بٹ", "راجہ")

TITLES = {
    "en": (("Mr", "Mr."), ("Mrs", "Ms", "Miss", "Mrs.", "Ms.")), "pl": (("Pan",), ("Pani",)),
    "fr": (("M.", "Monsieur"), ("Mme", "Madame")), "de": (("Herr",), ("Frau",)), "es": (("Sr.", "Don"), ("Sra.", "Doña")),
    "it": (("Sig.",), ("Sig.ra",)), "pt": (("Sr.",), ("Sra.",)), "ro": (("dl.", "domnul"), ("dna.", "doamna")),
}


# The hand-written name lists have no Faker locale; anything else Faker makes for them comes from these.
FAKER_STAND_IN = {"so": "en_GB", "ur": "en_PK"}


@cache
def faker(locale: str) -> Faker:
    return Faker(FAKER_STAND_IN.get(locale, locale))


def fk(rng: random.Random, locale: str) -> Faker:
    """The locale's Faker, reseeded from ``rng`` so the corpus depends on the seed alone."""
    f = faker(locale)
    f.seed_instance(rng.getrandbits(32))
    return f


def pick_weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


@dataclass
class Person:
    first: str
    last: str
    female: bool
    locale: str
    middle: str = ""  # Somali father's name, Spanish second surname ...
    extra: dict = field(default_factory=dict)

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)

    @property
    def lang(self) -> str:
        return self.locale.split("_")[0]

    @property
    def country(self) -> str:
        return {"ga": "IE", "so": "SO", "ur": "PK", "sw": "KE"}.get(self.locale, self.locale.split("_")[-1])


def make_person(rng: random.Random, locale: str, female: bool | None = None, native: bool = False) -> Person:
    """A person of that locale; ``native`` keeps the locale's own script (no romanisation)."""
    female = rng.random() < 0.55 if female is None else female
    if locale == "so":
        first = rng.choice(SOMALI_FEMALE if female else SOMALI_MALE)
        middle = rng.choice(SOMALI_MALE) if rng.random() < 0.4 else ""
        return Person(first, rng.choice(SOMALI_FAMILY), female, locale, middle)
    if locale == "ur":
        return Person(rng.choice(URDU_FEMALE if female else URDU_MALE), rng.choice(URDU_FAMILY), female, locale)
    f = fk(rng, locale)
    if locale == "zh_CN" and not native:  # romanised (pinyin) names, as they are usually written here
        return Person(f.first_romanized_name(), f.last_romanized_name(), female, locale)
    first = f.first_name_female() if female else f.first_name_male()
    last_fn = getattr(f, "last_name_female" if female else "last_name_male", f.last_name)
    last = last_fn()
    middle = ""
    if locale in ("es_ES", "es_MX") and rng.random() < 0.5:
        middle, last = last, f.last_name()
    return Person(first, last, female, locale, middle)


def title_for(rng: random.Random, person: Person) -> str:
    male, female = TITLES.get(person.lang, TITLES["en"]) if rng.random() < 0.5 else TITLES["en"]
    if rng.random() < 0.12:
        return rng.choice(("Dr", "Dr."))
    return rng.choice(female if person.female else male)


# --- Places -------------------------------------------------------------------------------------

REAL_TOWNS = {
    "GB": ("Leeds", "Bradford", "Rochdale", "Luton", "Slough", "Peterborough", "Wolverhampton", "Swindon", "Hull",
           "Stoke-on-Trent", "Newport", "Dundee", "Boston", "Wisbech", "Crawley", "Oldham", "Walsall", "Barnsley",
           "Merthyr Tydfil", "Ipswich", "Great Yarmouth", "Harlow", "Tower Hamlets", "Croydon", "Lewisham"),
    "US": ("Springfield", "Dayton", "Fresno", "Tulsa", "Albany", "Yonkers", "Paterson", "Lansing", "Scranton"),
    "IE": ("Cork", "Limerick", "Galway", "Drogheda", "Dundalk", "Navan", "Tralee", "Athlone", "Letterkenny"),
    "CA": ("Brampton", "Surrey", "Laval", "Hamilton", "Gatineau", "Regina", "Saskatoon", "Kitchener"),
    "AU": ("Parramatta", "Geelong", "Ballarat", "Toowoomba", "Wollongong", "Cairns", "Bendigo", "Mackay"),
    "FR": ("Lyon", "Roubaix", "Saint-Denis", "Nantes", "Lille", "Créteil", "Montreuil", "Villeurbanne"),
    "IN": ("Ludhiana", "Jalandhar", "Surat", "Vadodara", "Nagpur", "Indore", "Kochi", "Amritsar"),
    "LT": ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Alytus"),
    "TR": ("İstanbul", "Ankara", "İzmir", "Bursa", "Konya", "Gaziantep"),
    "BG": ("Sofia", "Plovdiv", "Varna", "Burgas", "Ruse", "Stara Zagora"),
}
US_STATES = ("NY", "NJ", "OH", "TX", "CA", "IL", "PA", "MI", "WA", "FL", "MA", "GA")
CA_PROVINCES = ("ON", "QC", "BC", "AB", "MB", "SK", "NS")
AU_STATES = ("NSW", "VIC", "QLD", "WA", "SA", "TAS")
ADDRESS_COUNTRIES: tuple[tuple[str, int], ...] = (
    ("GB", 24), ("US", 3), ("IE", 3), ("CA", 2), ("AU", 2), ("PL", 3), ("RO", 2), ("FR", 1), ("DE", 2), ("ES", 1),
    ("IT", 1), ("PT", 1), ("NL", 1), ("IN", 1), ("LT", 1), ("TR", 1),
)
COUNTRY_LOCALE = {"GB": "en_GB", "US": "en_US", "IE": "en_IE", "CA": "en_CA", "AU": "en_AU", "PL": "pl_PL", "RO": "ro_RO",
                  "FR": "fr_FR", "DE": "de_DE", "ES": "es_ES", "IT": "it_IT", "PT": "pt_PT", "NL": "nl_NL", "IN": "en_IN",
                  "LT": "lt_LT", "TR": "tr_TR", "BG": "bg_BG"}
FAKER_CITIES = frozenset({"GB", "US", "IE", "CA", "AU", "PL", "RO", "FR", "DE", "ES", "IT", "PT", "NL", "IN"})
LT_STREETS = ("Gedimino pr.", "Laisvės al.", "Savanorių pr.", "Vilniaus g.", "Taikos pr.", "Žalgirio g.")
TR_STREETS = ("Atatürk Cad.", "İstiklal Cad.", "Cumhuriyet Mah. Gül Sok.", "Bağdat Cad.", "Fevzi Çakmak Sok.")
IE_ROUTING = ("A65", "D02", "D08", "D6W", "D15", "T12", "H91", "V94", "X91", "F92", "R95", "K67", "W91")
EIRCODE_CHARS = "ACDEFHKNPRTVWXY0123456789"


def town(rng: random.Random, country: str = "GB") -> str:
    """Half real towns, half Faker's (invented ones for the English-speaking locales)."""
    if country not in FAKER_CITIES or (country in REAL_TOWNS and rng.random() < 0.5):
        return rng.choice(REAL_TOWNS.get(country, REAL_TOWNS["GB"]))
    f = fk(rng, COUNTRY_LOCALE[country])
    if country == "IT":  # Faker's it_IT city list is built from a set: its order changes with PYTHONHASHSEED
        return rng.choice(_it_cities(f))
    return f.city()


def _it_cities(f: Faker) -> tuple[str, ...]:
    global _IT_CITIES
    if _IT_CITIES is None:
        _IT_CITIES = tuple(sorted(f.provider("faker.providers.address").cities))
    return _IT_CITIES


_IT_CITIES: tuple[str, ...] | None = None


def postcode(rng: random.Random, country: str = "GB") -> str:
    d = ids.digits
    if country == "GB":
        pc = fk(rng, "en_GB").postcode()
        r = rng.random()
        return pc.lower() if r < 0.1 else pc.replace(" ", "") if r < 0.18 else pc
    if country == "US":
        z = d(rng, 5)
        return f"{z}-{d(rng, 4)}" if rng.random() < 0.25 else z
    if country == "CA":
        L = "ABCEGHJKLMNPRSTVXY"
        pc = f"{rng.choice(L)}{rng.randint(0, 9)}{rng.choice(L)} {rng.randint(0, 9)}{rng.choice(L)}{rng.randint(0, 9)}"
        return pc.replace(" ", "") if rng.random() < 0.2 else pc
    if country == "IE":
        pc = rng.choice(IE_ROUTING) + " " + "".join(rng.choice(EIRCODE_CHARS) for _ in range(4))
        return pc.replace(" ", "") if rng.random() < 0.2 else pc
    if country == "AU":
        return str(rng.randint(2000, 7999))
    if country == "PL":
        return f"{d(rng, 2)}-{d(rng, 3)}"
    if country == "PT":
        return f"{rng.randint(1000, 9999)}-{d(rng, 3)}"
    if country == "NL":
        return f"{rng.randint(1000, 9999)} {rng.choice(ids.UPPER)}{rng.choice(ids.UPPER)}"
    if country == "LT":
        return f"LT-{d(rng, 5)}"
    if country in ("RO", "IN"):
        pc = f"{rng.randint(1, 9)}{d(rng, 5)}"
        return f"{pc[:3]} {pc[3:]}" if country == "IN" and rng.random() < 0.3 else pc
    if country == "BG":
        return str(rng.randint(1000, 9999))
    if country == "ES":
        return f"{rng.randint(1, 52):02d}{d(rng, 3)}"
    return f"{rng.randint(1, 9)}{d(rng, 4)}"  # FR, DE, IT, TR: five digits


@dataclass
class Address:
    """An address as pieces: (text, label or None). Labels: ADDRESS (street part), LOCATION, POSTCODE."""

    country: str
    parts: list[tuple[str, str | None]]

    @property
    def street(self) -> str:
        return next(t for t, lab in self.parts if lab == "ADDRESS")

    @property
    def town(self) -> str:
        return next(t for t, lab in self.parts if lab == "LOCATION")

    @property
    def postcode(self) -> str:
        return next(t for t, lab in self.parts if lab == "POSTCODE")


def address(rng: random.Random, country: str | None = None) -> Address:
    country = country or pick_weighted(rng, ADDRESS_COUNTRIES)
    f = fk(rng, COUNTRY_LOCALE[country])
    city, pc = town(rng, country), postcode(rng, country)
    A, L, P = "ADDRESS", "LOCATION", "POSTCODE"
    n = str(rng.randint(1, 240))
    if country == "GB":
        street = f"{n}{rng.choice(['', '', '', 'a', 'b'])} {f.street_name()}"
        if rng.random() < 0.25:
            street = f"{rng.choice(['Flat', 'Flat', 'Apt', 'Room'])} {rng.randint(1, 40)}, {street}"
        parts = [(street, A), (", ", None), (city, L), (rng.choice([" ", ", "]), None), (pc, P)]
    elif country in ("US", "CA", "AU"):
        street = f"{f.building_number()} {f.street_name()}"
        if rng.random() < 0.25:
            street += rng.choice([f" Apt {rng.randint(1, 30)}", f", Unit {rng.randint(1, 30)}", f" #{rng.randint(1, 30)}"])
        region = rng.choice({"US": US_STATES, "CA": CA_PROVINCES, "AU": AU_STATES}[country])
        parts = [(street, A), (", ", None), (city, L), (f", {region} " if country != "AU" else f" {region} ", None), (pc, P)]
    elif country == "IE":
        street = f"{rng.randint(1, 120)} {f.street_name()}"
        parts = [(street, A), (", ", None), (city, L), (", ", None), (pc, P)]
    elif country == "PL":
        flat = rng.choice(["", "", f"/{rng.randint(1, 80)}", f" m. {rng.randint(1, 80)}"])
        street = f"{rng.choice(['ul. ', 'ul. ', 'al. ', ''])}{f.street_name()} {rng.randint(1, 200)}{flat}"
        parts = [(street, A), (", ", None), (pc, P), (" ", None), (city, L)]
    elif country == "RO":
        block = rng.choice(["", f", bl. {rng.randint(1, 40)}, ap. {rng.randint(1, 90)}"])
        street = f"{f.street_name()} nr. {rng.randint(1, 150)}{block}"
        parts = [(street, A), (", ", None), (city, L), (" ", None), (pc, P)] if rng.random() < 0.5 else \
            [(street, A), (", ", None), (pc, P), (" ", None), (city, L)]
    elif country in ("DE", "NL", "IT", "ES", "TR", "LT"):
        name = {"LT": lambda: rng.choice(LT_STREETS), "TR": lambda: rng.choice(TR_STREETS)}.get(country, f.street_name)()
        number = f"No: {rng.randint(1, 90)}" if country == "TR" else str(rng.randint(1, 150))
        sep = ", " if country in ("IT", "ES") and rng.random() < 0.5 else " "
        floor = f", {rng.randint(1, 6)}º {rng.choice('ABCD')}" if country == "ES" and rng.random() < 0.5 else ""
        street = f"{name}{sep}{number}{floor}"
        parts = [(street, A), (", ", None), (pc, P), (" ", None), (city, L)]
    elif country == "PT":
        street = f"{f.street_name()}, {rng.randint(1, 200)}" + rng.choice(["", f", {rng.randint(1, 8)}º Esq."])
        parts = [(street, A), (", ", None), (pc, P), (" ", None), (city, L)]
    elif country == "FR":
        street = f"{rng.randint(1, 120)}{rng.choice(['', '', ' bis'])} {f.street_name()}"
        parts = [(street, A), (", ", None), (pc, P), (" ", None), (city, L)]
    else:  # IN
        street = f"{rng.choice(['H.No. ', 'Flat ', '#'])}{rng.randint(1, 400)}, {f.street_name()}"
        parts = [(street, A), (", ", None), (city, L), (" - ", None), (pc, P)]
    return Address(country, parts)


# --- Organisations ------------------------------------------------------------------------------

NATURE = ("Oak", "Beech", "Willow", "Meadow", "Elm", "Cedar", "Ash", "Rowan", "Hawthorn", "Larch", "Brook", "Heather",
          "Holly", "Maple", "Bramble", "Fern", "Laurel", "Linden", "Alder", "Orchard")
PLACE_ENDINGS = ("field", "wood", "bank", "dale", "lea", "croft", "mead", "gate", "ridge", "view", "side", "hurst")
SAINTS = ("Mary", "Joseph", "Anne", "Patrick", "Chad", "Aidan", "Bede", "Hilda", "Columba", "Teresa", "Swithun")
ORG_KINDS = ("gp", "school", "care_home", "hospital", "nursery", "employer", "charity")


def _stem(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(NATURE) + rng.choice(PLACE_ENDINGS)
    if r < 0.7:
        return fk(rng, "en_GB").last_name()
    return town(rng, "GB")


def organisation(rng: random.Random, kind: str, locale: str = "en_GB") -> str:
    s = _stem(rng)
    if kind == "gp":
        return rng.choice([f"{s} Medical Centre", f"{s} Surgery", f"{s} Health Centre", f"The {s} Practice",
                           f"{s} Family Practice", f"{s} Road Surgery", f"{s} Medical Group"])
    if kind == "school":
        return rng.choice([f"{s} Primary School", f"St {rng.choice(SAINTS)}'s RC Primary", f"{s} Academy",
                           f"{s} High School", f"{s} Community College", f"{s} Infant School",
                           f"St {rng.choice(SAINTS)}'s C of E Junior School", f"{s} Park Primary", f"{s} Grammar School"])
    if kind == "care_home":
        return rng.choice([f"{s} Care Home", f"{s} House Nursing Home", f"{s} Lodge", f"{s} Court Residential Home",
                           f"{s} Manor", f"{s} Grange Care Centre", f"The {s} Children's Home"])
    if kind == "hospital":
        return rng.choice([f"{s} General Hospital", f"Royal {s} Infirmary", f"{s} University Hospital",
                           f"St {rng.choice(SAINTS)}'s Hospital", f"{s} Community Hospital", f"{s} District Hospital"])
    if kind == "nursery":
        return rng.choice([f"Little {rng.choice(NATURE)}s Nursery", f"{s} Day Nursery", f"{s} Pre-School",
                           f"Tiny Steps {s}", f"{s} Kindergarten"])
    if kind == "charity":
        return rng.choice([f"{s} Women's Aid", f"{s} Food Bank", f"{s} Refugee Support", f"{s} Family Centre",
                           f"{s} Community Trust"])
    return fk(rng, locale if rng.random() < 0.5 else "en_GB").company()


# --- Online identities --------------------------------------------------------------------------

EMAIL_PROVIDERS = {
    "GB": ("gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com", "live.co.uk"),
    "PL": ("wp.pl", "o2.pl", "onet.pl", "interia.pl", "gmail.com"), "RO": ("yahoo.ro", "gmail.com", "yahoo.com"),
    "FR": ("orange.fr", "free.fr", "laposte.net", "gmail.com"), "DE": ("web.de", "gmx.de", "t-online.de"),
    "IT": ("libero.it", "virgilio.it", "gmail.com"), "ES": ("hotmail.es", "gmail.com", "yahoo.es"),
    "PT": ("sapo.pt", "gmail.com"), "US": ("gmail.com", "yahoo.com", "aol.com", "outlook.com"),
    "IE": ("eircom.net", "gmail.com", "hotmail.com"), "TR": ("hotmail.com", "gmail.com", "yandex.com.tr"),
    "LT": ("gmail.com", "inbox.lt"), "IN": ("gmail.com", "rediffmail.com", "yahoo.co.in"),
}
WORK_DOMAINS = ("nhs.net", "northvale.gov.uk", "westbridge.gov.uk", "kirkmoor.gov.uk", "harrowfield.gov.uk",
                "police.uk", "nhs.uk", "barnardos.org.uk", "ageuk.org.uk", "carefirst-homes.co.uk")


ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def handle(rng: random.Random, person: Person) -> str:
    """A user name made of the person's name, in ASCII (e-mail local parts, profile links)."""
    first = "".join(c for c in ids.ascii_fold(person.first).lower() if c in ASCII_ALNUM) or "user"
    last = "".join(c for c in ids.ascii_fold(person.last).lower() if c in ASCII_ALNUM) or str(rng.randint(10, 99))
    return rng.choice([f"{first}.{last}", f"{first}{last}{rng.randint(1, 99)}", f"{first[0]}{last}", f"{first}_{last[0]}",
                       f"{last}.{first}", f"{first}{rng.randint(70, 2015)}", f"{first}.{last}.{rng.randint(1, 999)}"])


def email(rng: random.Random, person: Person, work: bool = False) -> str:
    local = handle(rng, person)
    if work:
        return f"{local}@{rng.choice(WORK_DOMAINS)}"
    return f"{local}@{rng.choice(EMAIL_PROVIDERS.get(person.country, EMAIL_PROVIDERS['GB']))}"


def social_url(rng: random.Random, person: Person) -> str:
    h = handle(rng, person)
    site = rng.choice([
        f"facebook.com/{h}", f"www.facebook.com/{h}", f"m.facebook.com/profile.php?id=1000{ids.digits(rng, 11)}",
        f"instagram.com/{h.replace('.', '_')}", f"www.instagram.com/{h}/", f"tiktok.com/@{h}", f"x.com/{h.replace('.', '')}",
        f"twitter.com/{h.replace('.', '_')}", f"linkedin.com/in/{h.replace('.', '-')}", f"youtube.com/@{h}",
        f"gofundme.com/f/help-{h.replace('.', '-')}-family", f"vk.com/{h}",
    ])
    return rng.choice(["https://", "https://", "http://", "", ""]) + site


def website(rng: random.Random, person: Person | None = None) -> str:
    stem = handle(rng, person).replace(".", "-").replace("_", "-") if person else _stem(rng).lower().replace(" ", "")
    tld = rng.choice(["co.uk", "com", "org.uk", "pl", "ro", "net", "ie", "de", "uk"])
    path = rng.choice(["", "", "/contact", "/about-us", f"/p/{ids.digits(rng, 6)}", "/index.php?id=" + ids.digits(rng, 4)])
    host = rng.choice([f"www.{stem}.{tld}", f"{stem}.{tld}", f"{stem}.{tld}"])
    return rng.choice(["https://", "http://", "", ""]) + host + path
