"""Fills one report's placeholders, consistently, with invented values or, with less personal data, generic ones."""

from __future__ import annotations

import random
import re
from datetime import date

from demo.blocks import ADULT, ANY, MH, Situation
from demo.people import (
    BOYS,
    COLLEAGUES,
    GIRLS,
    HOSPITALS,
    MEN,
    MONTH_NAMES,
    OLDER_MEN,
    OLDER_WOMEN,
    RELATIVES,
    SCHOOLS,
    STREETS,
    SURNAMES,
    WEEKDAYS,
    WOMEN,
    nhs_number,
    phone_number,
)
from reporting.choices import ServiceArea

# Generic wording used in place of personal data when a report has none.
GENERIC_WORDS = ("the child", "the young person", "the YP", "the sibling", "the older sibling", "the baby", "mum",
                  "mum's partner", "the service user", "the gentleman", "the lady", "the person", "her son",
                  "his son", "her daughter", "his daughter", "her nephew", "his nephew", "her niece", "his niece",
                  "the family home", "the address", "the house", "the road", "school", "the hospital", "the ward",
                  "a colleague", "another SW", "someone in the team", "the number we had", "that day", "last week",
                  "earlier that week", "on the Friday", "that morning", "the son", "the daughter", "the nephew",
                  "the niece", "their street", "the estate")

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PRONOUNS = frozenset(f"{who}_{word}" for who in "cap" for word in ("he", "him", "his"))


class Composer:
    """Fills one report's placeholders, consistently, with invented or generic values."""

    def __init__(self, rng: random.Random, situation: Situation, pd_level: str, occurred: date | None,
                 case_system: str):
        r = rng
        group, area = situation.group, situation.area
        self.pd_level = pd_level  # "none", "some" or "lots"
        surname = r.choice(SURNAMES)
        girl = r.random() < 0.5
        child = r.choice(GIRLS if girl else BOYS)
        child2 = r.choice([n for n in GIRLS + BOYS if n != child])
        parent = r.choice(WOMEN)
        partner = r.choice(MEN)
        woman = r.random() < 0.55
        adult_first = r.choice(OLDER_WOMEN if woman else OLDER_MEN)
        adult_surname = r.choice(SURNAMES)
        rel = r.choice(sorted(RELATIVES))
        carer_name = r.choice(RELATIVES[rel])
        colleague = r.choice(COLLEAGUES)
        street = r.choice(STREETS)
        number = r.randint(2, 148)
        school = r.choice(SCHOOLS)
        hospital = r.choice(HOSPITALS)
        child_age = r.randint(16, 17) if area == ServiceArea.LEAVING_CARE else (
            r.randint(11, 17) if area == ServiceArea.RESIDENTIAL else r.randint(1, 15))
        adult_age = 17 if situation.key == "transitions" else r.randint(68, 94)
        phone = phone_number(r)
        day = occurred.day if occurred else r.randint(1, 28)
        month = occurred.month if occurred else r.randint(1, 12)
        weekday = WEEKDAYS[occurred.weekday()] if occurred else r.choice(WEEKDAYS[:5])
        year = occurred.year if occurred else r.randint(2024, 2025)
        date_text = r.choice((f"{day}/{month:02d}", f"{day}/{month}", f"{weekday} {day}{_suffix(day)}",
                              f"{day} {MONTH_NAMES[month - 1]}", f"{day}.{month:02d}.{year % 100}"))
        ref_number = str(r.randint(1_000_000, 9_999_999))
        ref_text = {"mosaic": r.choice((f"Mosaic {ref_number}", f"Mosaic ID {ref_number}", f"DB{ref_number}")),
                    "lcs": f"LCS {ref_number[:6]}"}[case_system]
        nhs = nhs_number(r)
        email = f"{parent.lower()}.{surname.lower()}{r.randint(1, 99)}@example.org"

        if area in (ServiceArea.RESIDENTIAL, ServiceArea.LEAVING_CARE):
            generic_child = r.choice(("the YP", "the young person"))
        else:
            generic_child = "the child"
        c = ("she", "her", "her") if girl else ("he", "him", "his")
        a = ("she", "her", "her") if woman else ("he", "him", "his")
        person_is_adult = group in (ADULT, MH) or (group == ANY and r.random() < 0.4)
        p = a if person_is_adult else c
        adult_title = ("Mrs " if woman else "Mr ") + adult_surname
        adult_specific = r.choice((adult_first, adult_title, f"{adult_first} {adult_surname}"))
        adult_generic = r.choice(("the lady", "the person")) if woman else r.choice(("the gentleman", "the person"))
        if situation.key == "transitions":
            young = r.choice(GIRLS if woman else BOYS)
            adult_first, adult_specific = young, r.choice((young, f"{young} {adult_surname}"))
            adult_generic = "the young person"
        if group == MH:
            adult_age = r.randint(19, 64)
            adult_specific = r.choice((r.choice(WOMEN if woman else MEN), f"{r.choice(WOMEN if woman else MEN)} "
                                       f"{adult_surname}"))
            adult_generic = "the person"
        if area == ServiceArea.ADULTS and situation.key != "transitions" and r.random() < 0.15:
            adult_age = r.randint(18, 60)
            adult_first = r.choice(WOMEN if woman else MEN)
            adult_specific = r.choice((adult_first, f"{adult_first} {adult_surname}"))
        person_specific = adult_specific if person_is_adult else child
        person_generic = adult_generic if person_is_adult else generic_child

        want_names = pd_level != "none"
        want_more = pd_level == "lots" or (pd_level == "some" and r.random() < 0.35)
        self.values: dict[str, str] = {
            "c_he": c[0], "c_him": c[1], "c_his": c[2], "a_he": a[0], "a_him": a[1], "a_his": a[2],
            "p_he": p[0], "p_him": p[1], "p_his": p[2],
        }
        self.specific: dict[str, list[tuple[str, str]]] = {}

        def put(key: str, specific: str, generic: str, pd: list[tuple[str, str]], use: bool) -> None:
            self.values[key] = specific if use else generic
            if use:
                self.specific[key] = pd

        put("child", child, generic_child, [("first_name", child)], want_names)
        put("child_full", f"{child} {surname}", generic_child, [("first_name", child), ("surname", surname)],
            want_names and r.random() < 0.7)
        if self.values["child_full"] == generic_child and want_names:
            self.values["child_full"], self.specific["child_full"] = child, [("first_name", child)]
        put("child2", child2, r.choice(("the sibling", "the older sibling", "the baby")), [("first_name", child2)],
            want_names)
        put("parent", parent, "mum", [("first_name", parent)], want_names)
        put("mum", r.choice((f"mum ({parent})", f"{parent} (mum)", f"mum {parent}")), "mum", [("first_name", parent)],
            want_names)
        put("partner", f"mum's partner {partner}" if r.random() < 0.6 else partner, "mum's partner",
            [("first_name", partner)], want_names)
        adult_pd = [(k, v) for k, v in (("first_name", adult_first), ("surname", adult_surname))
                    if v in adult_specific.split()] or [("first_name", adult_specific.split()[0])]
        if group == MH:
            adult_pd = [("first_name", adult_specific.split()[0])] + (
                [("surname", adult_surname)] if adult_surname in adult_specific else [])
        put("adult", adult_specific, adult_generic, adult_pd, want_names)
        put("person", person_specific, person_generic, self.specific.get("adult" if person_is_adult else "child", []),
            want_names)
        put("carer", f"{a[2]} {rel} {carer_name}", f"{a[2]} {rel}", [("first_name", carer_name)], want_names)
        put("carer_short", carer_name, f"the {rel}", [("first_name", carer_name)], want_names)
        put("colleague", colleague, r.choice(("a colleague", "another SW", "someone in the team")),
            [("first_name", colleague)], want_names and r.random() < 0.6)
        age = adult_age if group in (ADULT, MH) else child_age
        put("age_paren", r.choice((" ({})", " ({})", " ({}yo)", " (age {})")).format(age), "", [("age", str(age))],
            want_names and r.random() < 0.7)
        put("address", f"{number} {street}", r.choice(("the family home", "the address", "the house")),
            [("street", street), ("house_number", str(number))], want_more)
        put("street", street, "the estate", [("street", street)], want_more)
        put("c_his_street", street, "their street", [("street", street)], want_more)
        put("school", school, "school", [("school", school)], want_more)
        put("hospital", hospital, "the hospital", [("hospital", hospital)], want_more)
        put("on_date", f"on {date_text}", r.choice(("that day", "last week", "earlier that week", "on the Friday",
                                                     "that morning")),
            [("date", date_text)], want_more and r.random() < 0.8)
        put("phone", phone, "the number we had", [("phone", phone)], want_more)
        put("ref_paren", f" ({ref_text})", "", [("case_reference", ref_text)], want_more and r.random() < 0.7)
        put("nhs_paren", f" (NHS no {nhs})", "", [("nhs_number", nhs)], want_more and r.random() < 0.5)
        put("email", email, "email", [("email", email)], want_more)

    def all_specific(self, template: str) -> bool:
        """Whether every placeholder in `template` (pronouns aside) has an invented value, not a generic one."""
        return all(k in self.specific for k in _PLACEHOLDER.findall(template) if k not in _PRONOUNS)

    def fill(self, template: str) -> tuple[str, list[tuple[str, str]]]:
        used = _PLACEHOLDER.findall(template)
        pd = [item for key in dict.fromkeys(used) for item in self.specific.get(key, [])]
        return template.format_map(self.values), pd


def _suffix(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

