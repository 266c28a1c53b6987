"""Seeded generator of a multilingual de-identification dev corpus (Faker, many locales, many styles).

    python bench/deid_corpus.py --seed 7 --count 600 --output /tmp/ml.jsonl

Each line: ``{"id", "text", "spans": [{"start", "end", "label", "text"}], "style", "locale"}`` in the
format of ``shared/data/deid/README.md``, with the labels of ``LABELS`` (bench/README.md). The
same seed gives the same corpus; evaluate on a new seed each time (``deid_eval.py --generate``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import deid_corpus_ids as ids  # noqa: E402
import deid_corpus_people as people  # noqa: E402
import deid_corpus_templates as tpl  # noqa: E402
import phonenumbers  # noqa: E402

LABELS = ("PERSON", "ADDRESS", "LOCATION", "POSTCODE", "DATE", "AGE", "PHONE", "EMAIL", "NHS_NUMBER", "NI_NUMBER",
          "CASE_REFERENCE", "ORGANISATION", "CARD", "IBAN", "BANK_ACCOUNT", "IP_ADDRESS", "URL", "NATIONAL_ID")
STYLES: tuple[tuple[str, int], ...] = (("narrative", 24), ("notes", 12), ("sms", 12), ("email", 15), ("export", 12),
                                        ("contacts", 7), ("financial", 13), ("clean", 5))
FEMALE_ROLES = {"mum", "nan", "daughter", "aunt"}
MALE_ROLES = {"dad", "son", "uncle", "grandad"}
CHILD_ROLES = {"child", "child2", "son", "daughter"}
ELDER_ROLES = {"nan", "grandad", "client"}
FAMILY_ROLES = {"mum", "dad", "child", "child2", "son", "daughter", "nan", "grandad", "uncle", "aunt", "client",
                "interp", "nok"}
# Values that a pasted or wrapped text may break over two lines.
SPLITTABLE = {"PERSON", "PHONE", "IBAN", "CARD", "ADDRESS", "NATIONAL_ID", "NHS_NUMBER", "ORGANISATION"}
# Invented councils' case-reference formats: (context before, value pattern). "#" digit, "L" letter, "Y" year.
CASE_SCHEMES = (
    ("", "CR-YYYY-######"), ("", "LA/CS/#####"), ("Case no. ", "###-####"), ("Mosaic ID ", "#######"),
    ("Mosaic ", "#######"), ("LCS ", "######"), ("LCS no. ", "######"), ("Liquidlogic ", "#######"),
    ("", "CP/####/YY"), ("", "LAC/####/YY"), ("", "S47/####/YY"), ("ref: ", "SC-#####-L"), ("", "MASH-YYYY-#####"),
    ("EHM ", "YYYY/####"), ("", "CIN-#######"), ("", "ASC/REF/######"), ("", "WF-YY-####"),
    ("Our ref: ", "KC/ASC/YYYY/####"), ("court ref ", "LLYYC#####"), ("Person ID ", "########"),
    ("Eclipse ", "######"), ("ContrOCC ref ", "######"), ("Framework-i ", "#######"), ("", "ADULT-#####"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


def date_text(rng: random.Random, d: dt.date, us: bool = False, year: bool = False) -> str:
    """A date as people write it here (month first for US contexts; ``year`` for dates of birth)."""
    day, m, y = d.day, d.month, d.year
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    mon = MONTHS[m - 1]
    if us:
        return rng.choice([f"{m}/{day}/{y}", f"{mon} {day}, {y}", f"{mon[:3]} {day}, {y}", f"{m:02d}/{day:02d}/{y}"])
    with_year = [f"{day:02d}/{m:02d}/{y}", f"{day}/{m}/{y % 100:02d}", f"{day:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{day:02d}",
                 f"{day} {mon} {y}", f"{day}{suffix} {mon} {y}", f"{day} {mon[:3]} {y}", f"{day:02d}-{mon[:3]}-{y}",
                 f"{mon} {day}, {y}"]
    without = [f"{day}{suffix} of {mon}", f"{day} {mon}", f"{day}/{m}", f"{day}{suffix} {mon[:3]}"]
    return rng.choice(with_year if year else with_year + without)


class Context:
    """One document being written: its people, their values, and the text with gold spans."""

    def __init__(self, rng: random.Random, style: str):
        self.rng = rng
        self.style = style
        self.locale = people.pick_weighted(rng, people.NAME_LOCALES)
        self.today = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
        self.scheme = rng.choice(CASE_SCHEMES)
        self.lower = style == "notes" or (style == "sms" and rng.random() < 0.5)
        self.wrap = rng.random() < (0.3 if style in ("email", "contacts") else 0.1)
        self.people: dict[str, people.Person] = {}
        self.cache: dict[tuple[str, str], object] = {}
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str, str]] = []  # start, end, label, the value inserted
        self.pos = 0
        self.native_locale = "ar_AA"

    # --- writing --------------------------------------------------------------------------------
    def text(self, s: str) -> None:
        if self.lower:
            s = s.lower()
        self.parts.append(s)
        self.pos += len(s)

    def ent(self, s: str, label: str) -> None:
        # A gold span never starts or ends with white space: a name with an empty part ("Salman " from
        # f"{first} {last}") would otherwise put the space inside the span.
        core = s.strip()
        if core != s:
            lead = s[: len(s) - len(s.lstrip())]
            if lead:
                self.text(lead)
            self.ent(core, label) if core else None
            trail = s[len(s.rstrip()):]
            if trail and core:
                self.text(trail)
            return
        if self.lower:
            s = s.lower()
        if self.wrap and label in SPLITTABLE and " " in s and self.rng.random() < 0.35:
            cuts = [i for i, c in enumerate(s) if c == " "]
            i = self.rng.choice(cuts)
            s = s[:i] + "\n" + s[i + 1:]
        self.spans.append((self.pos, self.pos + len(s), label, s))
        self.parts.append(s)
        self.pos += len(s)

    def render(self, template: str) -> None:
        last = 0
        for m in SLOT.finditer(template):
            if m.start() > last:
                self.text(template[last:m.start()])
            self.slot(m.group(1), m.group(2) or "")
            last = m.end()
        if last < len(template):
            self.text(template[last:])

    @property
    def value(self) -> str:
        return "".join(self.parts)

    # --- people and their values ----------------------------------------------------------------
    def person(self, role: str) -> people.Person:
        if role not in self.people:
            rng = self.rng
            female = True if role in FEMALE_ROLES else False if role in MALE_ROLES else None
            if role in FAMILY_ROLES or role.startswith("hh") or (role == "partner" and rng.random() < 0.6):
                locale = self.locale if rng.random() < 0.9 else people.pick_weighted(rng, people.NAME_LOCALES)
            else:
                locale = people.pick_weighted(rng, people.NAME_LOCALES)
            p = people.make_person(rng, locale, female)
            if role in FAMILY_ROLES and "last" in self.cache.get(("family", ""), {}) and rng.random() < 0.6:
                p.last = self.cache[("family", "")]["last"]  # type: ignore[index]
            elif role in ("mum", "dad", "child", "client"):
                self.cache[("family", "")] = {"last": p.last}
            if role in CHILD_ROLES:
                p.extra["age"] = rng.randint(0, 17)
            elif role in ELDER_ROLES:
                p.extra["age"] = rng.randint(65, 99)
            else:
                p.extra["age"] = rng.randint(18, 64)
            self.people[role] = p
        return self.people[role]

    def once(self, key: tuple[str, str], make):  # noqa: ANN001, ANN201
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def region(self, p: people.Person, abroad: bool = False) -> str:
        own = p.country if p.country in phonenumbers.SUPPORTED_REGIONS else "PL"
        if abroad:
            return own if own != "GB" else self.rng.choice(["US", "IE", "PL", "RO", "FR", "DE", "ES", "NG", "PK", "IN"])
        return "GB" if self.rng.random() < 0.7 else own

    def address(self, role: str) -> people.Address:
        def make() -> people.Address:
            if role == "abroad":
                c = self.person("mum").country
                country = c if c in people.COUNTRY_LOCALE and c != "GB" else self.rng.choice(
                    ["PL", "RO", "US", "IE", "DE", "FR", "ES", "IT", "PT", "NL", "LT", "TR", "IN", "CA", "AU"])
                return people.address(self.rng, country)
            return people.address(self.rng)
        return self.once(("addr", role), make)

    def name_text(self, p: people.Person) -> str:
        r = self.rng.random()
        if p.middle and r < 0.5:
            return p.full
        if r < 0.72:
            return f"{p.first} {p.last}"
        if r < 0.84:
            return f"{p.first} {p.last.upper()}"
        if r < 0.92:
            return f"{p.first[0]}. {p.last}"
        return f"{p.first} {p.last}".upper() if self.style == "export" else f"{p.first} {p.last}"

    def age_of(self, role: str) -> int:
        return self.person(role).extra["age"]

    def dob(self, role: str) -> dt.date:
        def make() -> dt.date:
            age = self.age_of(role)
            return self.today - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        return self.once(("dob", role), make)

    # --- slots ----------------------------------------------------------------------------------
    def slot(self, kind: str, role: str) -> None:  # noqa: C901, PLR0912, PLR0915 - one table of slots
        rng = self.rng
        if kind == "name":
            p = self.person(role)
            self.ent(self.once(("name", role), lambda: self.name_text(p)), "PERSON")
        elif kind == "first":
            self.ent(self.person(role).first, "PERSON")
        elif kind == "last":
            self.ent(self.person(role).last, "PERSON")
        elif kind == "fname":
            p = self.person(role)
            self.ent(rng.choice([f"{p.last.upper()}, {p.first}", f"{p.last}, {p.first}"]), "PERSON")
        elif kind == "tname":
            p = self.person(role)
            self.text(people.title_for(rng, p) + " ")
            self.ent(p.last if rng.random() < 0.65 else f"{p.first} {p.last}", "PERSON")
        elif kind == "nname":
            p = people.make_person(rng, self.native_locale, native=True)
            self.ent(f"{p.last}{p.first}" if self.native_locale == "zh_CN" else f"{p.first} {p.last}", "PERSON")
        elif kind in ("phone", "mobile", "landline", "phone2", "phone_abroad"):
            p = self.person(role)
            mobile = {"mobile": True, "landline": False}.get(kind)
            region = "GB" if kind == "landline" else self.region(p, abroad=kind == "phone_abroad")
            self.ent(self.once((kind, role), lambda: ids.phone(rng, region, mobile)), "PHONE")
        elif kind == "email":
            self.ent(self.once((kind, role), lambda: people.email(rng, self.person(role))), "EMAIL")
        elif kind == "wemail":
            self.ent(self.once((kind, role), lambda: people.email(rng, self.person(role), work=True)), "EMAIL")
        elif kind == "temail":
            self.ent(self.once((kind, ""), lambda: rng.choice(["duty.team", "mash", "childrens.services", "asc.referrals",
                                                                  "safeguarding"]) + "@" + rng.choice(people.WORK_DOMAINS)),
                     "EMAIL")
        elif kind == "addr":
            a = self.address(role)
            multiline = self.style in ("email", "export") and rng.random() < 0.3
            for text, label in a.parts:
                if label:
                    self.ent(text, label)
                else:
                    self.text("\n" if multiline and text.strip() in (",", "") else text)
        elif kind == "street":
            self.ent(self.address(role).street, "ADDRESS")
        elif kind == "town":
            self.ent(self.address(role).town, "LOCATION")
        elif kind == "pc":
            self.ent(self.address(role).postcode, "POSTCODE")
        elif kind == "city":
            country = self.address("abroad").country if role == "abroad" else (
                "GB" if rng.random() < 0.7 else people.pick_weighted(rng, people.ADDRESS_COUNTRIES))
            self.ent(people.town(rng, country), "LOCATION")
        elif kind == "date":
            d = self.today - dt.timedelta(days=rng.randint(0, 400))
            self.ent(date_text(rng, d, us=self.locale == "en_US" and rng.random() < 0.5), "DATE")
        elif kind == "dob":
            self.ent(self.once(("dobtext", role), lambda: date_text(rng, self.dob(role), year=True)), "DATE")
        elif kind == "weekday":
            self.text(rng.choice(WEEKDAYS))
        elif kind == "age":
            self.ent(str(self.age_of(role)), "AGE")
        elif kind == "nhs":
            self.ent(self.once((kind, role), lambda: ids.nhs_number(rng)), "NHS_NUMBER")
        elif kind == "ni":
            self.ent(self.once((kind, role), lambda: ids.ni_number(rng)), "NI_NUMBER")
        elif kind == "card":
            self.ent(self.once((kind, role), lambda: ids.card_number(rng)), "CARD")
        elif kind == "iban":
            c = self.person(role).country
            country = c if c in ids.IBAN_BBAN and rng.random() < 0.6 else rng.choice(sorted(ids.IBAN_BBAN))
            self.ent(self.once((kind, role), lambda: ids.iban(rng, country)), "IBAN")
        elif kind in ("sort", "acct"):
            sort, acct = self.once(("bank", role), lambda: ids.uk_bank_details(rng))
            self.ent(sort if kind == "sort" else acct, "BANK_ACCOUNT")
        elif kind == "acct_us":
            self.ent(self.once((kind, role), lambda: ids.digits(rng, rng.randint(8, 12))), "BANK_ACCOUNT")
        elif kind == "routing":
            self.ent(ids.aba_routing(rng), "BANK_ACCOUNT")
        elif kind == "natid":
            p = self.person(role)
            country = p.country if p.country in ids.NATIONAL_ID_COUNTRIES and rng.random() < 0.7 else rng.choice(
                ids.NATIONAL_ID_COUNTRIES)
            name, value = self.once((kind, role), lambda: ids.national_id(rng, country, p.first, p.last, p.female))
            self.text(name + rng.choice([" ", ": "]))
            self.ent(value, "NATIONAL_ID")
        elif kind == "ip":
            self.ent(ids.ip_address(rng), "IP_ADDRESS")
        elif kind == "url":
            self.ent(self.once((kind, role), lambda: people.social_url(rng, self.person(role))), "URL")
        elif kind == "web":
            self.ent(people.website(rng, None if rng.random() < 0.5 else self.person("perp")), "URL")
        elif kind in ("ref", "refid"):
            before, value = self.once(("ref", ""), lambda: (self.scheme[0], self.case_ref(self.scheme[1])))
            if kind == "ref":
                self.text(before or rng.choice(["case ", "ref ", "record "]))
            self.ent(value, "CASE_REFERENCE")
        elif kind == "org":
            self.ent(self.once((kind, role), lambda: people.organisation(rng, role, self.locale)), "ORGANISATION")
        elif kind == "rel":
            female, male, either = tpl.RELATIONSHIPS
            self.text(rng.choice((female if self.person(role).female else male) + either))
        elif kind == "subject":
            self.render(self.once(("subject", ""), lambda: rng.choice(tpl.EMAIL_SUBJECTS)))
        else:
            raise KeyError(f"unknown slot {kind!r}")

    def case_ref(self, pattern: str) -> str:
        rng, year = self.rng, self.today.year
        out = pattern.replace("YYYY", str(year)).replace("YY", f"{year % 100:02d}")
        return "".join(rng.choice(ids.DIGITS) if c == "#" else rng.choice(ids.UPPER) if c == "L" else c for c in out)


# --- styles -------------------------------------------------------------------------------------

def _sentences(ctx: Context, pool: tuple[str, ...], low: int, high: int, sep: str = " ") -> int:
    chosen = ctx.rng.sample(range(len(pool)), k=min(len(pool), ctx.rng.randint(low, high)))
    clean = [None] * (ctx.rng.random() < 0.5)
    order = chosen + clean
    ctx.rng.shuffle(order)
    for i, idx in enumerate(order):
        if i:
            ctx.text(sep if ctx.rng.random() < 0.8 else "\n\n")
        ctx.render(pool[idx] if idx is not None else ctx.rng.choice(tpl.CLEAN))
    return chosen[0] if chosen else 0


def _native(ctx: Context) -> None:
    locale, template = ctx.rng.choice(tpl.NATIVE)
    ctx.native_locale = locale
    ctx.render(template)


def style_narrative(ctx: Context) -> None:
    _sentences(ctx, tpl.NARRATIVE, 3, 8)


def style_notes(ctx: Context) -> None:
    bullet = ctx.rng.choice(["", "- ", "* ", ""])
    sep = ctx.rng.choice(["\n", "\n", ". ", " - "])
    n = ctx.rng.randint(4, 10)
    for i, idx in enumerate(ctx.rng.sample(range(len(tpl.NOTES)), k=n)):
        if i:
            ctx.text(sep)
        ctx.text(bullet if sep == "\n" else "")
        ctx.render(tpl.NOTES[idx])


def style_sms(ctx: Context) -> None:
    rng = ctx.rng
    lang = ctx.person("mum").lang
    foreign = [t for lng, t in tpl.SMS_FOREIGN if lng == lang]
    for i in range(rng.randint(2, 6)):
        if i:
            ctx.text("\n")
        prefix = rng.random()
        if prefix < 0.3:
            ctx.text("[")
            ctx.slot("date", "")
            ctx.text(f" {rng.randint(7, 23):02d}:{rng.randint(0, 59):02d}] ")
        elif prefix < 0.45:
            ctx.text("From ")
            ctx.slot("phone", "mum")
            ctx.text(": ")
        elif prefix < 0.6:
            ctx.render("{first:mum}: ")
        if foreign and rng.random() < 0.3:
            ctx.render(rng.choice(foreign))
        else:
            ctx.render(rng.choice(tpl.SMS))
        if rng.random() < 0.35:
            ctx.text(" " + rng.choice(tpl.EMOJI))


def style_email(ctx: Context) -> None:
    rng = ctx.rng
    for hop in range(1 if rng.random() < 0.7 else 2):
        if hop:
            ctx.text("\n\n")
        ctx.render(rng.choice(tpl.EMAIL_HEADERS))
        ctx.render(rng.choice(tpl.EMAIL_GREETINGS))
        pool = tpl.EMAIL_BODY + tpl.NARRATIVE
        _sentences(ctx, pool, 2, 4)
        ctx.render(rng.choice(tpl.EMAIL_SIGNATURES))


def style_export(ctx: Context) -> None:
    rng = ctx.rng
    ctx.text(rng.choice(["", "=== Case summary ===\n", "CLIENT DETAILS\n", "Person details (export)\n"]))
    sep = rng.choice([": ", ": ", " : ", "\t", " - "])
    fields = rng.sample(tpl.EXPORT_FIELDS, k=rng.randint(6, 14))
    names = [f for f in fields if f[1] in ("{last:client}", "{first:client}")]
    if names and any(f[1] == "{fname:client}" for f in fields):
        fields = [f for f in fields if f not in names]
    for keys, slot in fields:
        ctx.text(rng.choice(keys) + sep)
        ctx.render(slot)
        ctx.text("\n")
    if rng.random() < 0.6:
        head, row = rng.choice(tpl.EXPORT_TABLES)
        ctx.text("\n" + head)
        for j in range(rng.randint(2, 4)):
            ctx.render(row.replace(":R", f":hh{j}"))
    if rng.random() < 0.5:
        ctx.text("\nCase note:\n")
        _sentences(ctx, tpl.NARRATIVE, 1, 3)


def style_contacts(ctx: Context) -> None:
    rng = ctx.rng
    head = rng.choice(tpl.CONTACT_HEADERS)
    ctx.text(head)
    csv = head.startswith("name,")
    for j in range(rng.randint(4, 12)):
        role = f"c{j}"
        line = "{name:R},{phone:R},{email:R}\n" if csv else rng.choice(tpl.CONTACT_LINES)
        ctx.render(line.replace(":R", f":{role}"))


def style_financial(ctx: Context) -> None:
    _sentences(ctx, tpl.FINANCIAL, 3, 6)
    if ctx.rng.random() < 0.5:
        ctx.text(" ")
        _sentences(ctx, tpl.NARRATIVE, 1, 2)


def style_clean(ctx: Context) -> None:
    for i, s in enumerate(ctx.rng.sample(tpl.CLEAN, k=ctx.rng.randint(3, 6))):
        ctx.text((" " if i else "") + s)


STYLE_FUNCS = {"narrative": style_narrative, "notes": style_notes, "sms": style_sms, "email": style_email,
               "export": style_export, "contacts": style_contacts, "financial": style_financial, "clean": style_clean}


def document(seed: int | str, index: int) -> dict:
    """Document ``index`` of the corpus for ``seed`` (each document has its own random stream)."""
    rng = random.Random(f"deid-corpus:{seed}:{index}")
    style = people.pick_weighted(rng, STYLES)
    ctx = Context(rng, style)
    STYLE_FUNCS[style](ctx)
    if style in ("narrative", "notes", "sms", "email") and rng.random() < 0.12:
        ctx.text("\n")
        _native(ctx)
    text = ctx.value
    spans = [{"start": s, "end": e, "label": lab, "text": value} for s, e, lab, value in ctx.spans]
    return {"id": f"ml-{seed}-{index:05d}-{style}", "text": text, "spans": spans, "style": style, "locale": ctx.locale}


def generate(seed: int | str, count: int) -> list[dict]:
    return [document(seed, i) for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", required=True)
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--output", required=True)
    args = ap.parse_args(argv)
    docs = generate(args.seed, args.count)
    with open(args.output, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for d in docs:
        for s in d["spans"]:
            counts[s["label"]] = counts.get(s["label"], 0) + 1
    print(f"wrote {len(docs)} documents, {sum(counts.values())} spans to {args.output}")
    for label in LABELS:
        print(f"  {label:<16}{counts.get(label, 0):>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
