"""The sharing pass's quasi-identifier rules, phrase by phrase, and the bands they use.

Most tests run step 1 alone (sharing.shareable.generalise, plain rules); the last ones run the whole
pass with the de-identification engine. The phrasings here are the ones the rules were written
against; test_shareable_unseen_phrasings.py holds others."""

from __future__ import annotations

import pytest

from sharing import shareable
from tests.sharing.quasi_identifiers import exact_quasi_identifiers


@pytest.mark.parametrize(("text", "expected"), [
    ("On 14 March 2026 the visit was missed.", "In March 2026 the visit was missed."),
    ("The visit was missed on 14 March 2026.", "The visit was missed in March 2026."),
    ("It was logged on Tuesday 3rd March 2026.", "It was logged in March 2026."),
    ("It was logged on Tue, 3 March.", "It was logged in March."),
    ("The meeting on 2026-03-14 was moved.", "The meeting in March 2026 was moved."),
    ("The form dated 14/03/2026 was lost.", "The form dated March 2026 was lost."),
    ("The plan ran from 01/04/2025 until 31.03.2026.", "The plan ran from April 2025 until March 2026."),
    ("She rang again on March 3rd, 2026.", "She rang again in March 2026."),
    ("It was sent on the 14th.", "It was sent that month."),
    ("Nobody answered over Christmas Day 2025.", "Nobody answered over the Christmas period."),
    ("The strategy meeting was held between 14 and 16 June.", "The strategy meeting was held in June."),
    ("DOB 01/02/2015 was on the form.", "DOB [DATE OF BIRTH] was on the form."),
])
def test_an_exact_date_becomes_its_month(text, expected):
    assert shareable.generalise(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("[PERSON 1] (aged 14) was at home.", "[PERSON 1] (aged 12-15) was at home."),
    ("A 3 year old was left alone.", "A child aged 0-4 was left alone."),
    ("The 14-year-old sister called for help.", "The sister aged 12-15 called for help."),
    ("An 86-year-old woman fell.", "A woman aged 85 and over fell."),
    ("Her 11 month old baby was unwell.", "Her baby aged 0-4 was unwell."),
    ("[PERSON 1] (7) and [PERSON 2] were at home.", "[PERSON 1] (aged 5-11) and [PERSON 2] were at home."),
    ("Mum, 34, said so.", "Mum, aged 25-44, said so."),
    ("She was 14 when it happened.", "She was aged 12-15 when it happened."),
    ("He is aged seventeen.", "He is aged 16-17."),
    ("The child is 2 years of age.", "The child is aged 0-4."),
    ("Two 5-year-olds were there.", "Two children aged 5-11 were there."),
    ("He is in Year 9.", "He is in secondary school."),
])
def test_an_age_becomes_a_band(text, expected):
    assert shareable.generalise(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("She rang at 17:42 about it.", "She rang in the evening about it."),
    ("The call at 9.30am was missed.", "The call in the morning was missed."),
    ("Moved to 3pm.", "Moved to in the afternoon."),
    ("It was logged at 1742hrs.", "It was logged in the evening."),
    ("The meeting was between 14:00 and 16:00.", "The meeting was in the afternoon."),
    ("Seen from 16:30 to 18:00.", "Seen between the afternoon and the evening."),
    ("She waited until 23:15.", "She waited until the night."),
    ("She rang at half past five in the afternoon.", "She rang at some point in the afternoon."),
    ("The alarm went at 02:10.", "The alarm went during the night."),
    ("It came in at 10.15 on a Friday.", "It came in in the morning on a Friday."),
])
def test_a_time_of_day_becomes_the_part_of_the_day(text, expected):
    assert shareable.generalise(text)[0] == expected


@pytest.mark.parametrize(("age", "band"), [
    (0, "0-4"), (4, "0-4"), (5, "5-11"), (11, "5-11"), (12, "12-15"), (15, "12-15"), (16, "16-17"), (17, "16-17"),
    (18, "18-24"), (24, "18-24"), (25, "25-44"), (44, "25-44"), (45, "45-64"), (64, "45-64"), (65, "65-74"),
    (75, "75-84"), (84, "75-84"), (85, "85 and over"), (103, "85 and over"),
])
def test_the_age_bands_cover_every_age_without_overlap(age, band):
    assert shareable.age_band(age) == band


def test_every_hour_has_one_part_of_the_day():
    assert [shareable.day_part(hour) for hour in (0, 5, 6, 11, 12, 16, 17, 21, 22, 23)] == [
        "night", "night", "morning", "morning", "afternoon", "afternoon", "evening", "evening", "night", "night"]


@pytest.mark.parametrize("text", [
    "Seen 14.3.26 and again 14th Mar.", "It was March the 14th.", "On the fourteenth of March she rang.",
    "Weds 4/3 the plan changed.", "Visits 4th-6th March were missed.", "Overnight 3-4 March nobody was on call.",
    "Review w/c 2nd March.", "DOB: 3.4.15.", "She is aged 2½.", "a 15 y.o. boy", "17-yr-old girl",
    "age 15yrs 3mths", "at 0930", "09:30hrs", "at 9h30", "quarter to nine", "he's 15 and", "she's 15.",
    "Baby X, 3 months, was seen.", "aged 3 months and 2 weeks", "14-y-o", "At 5:15 p.m. on 14th Mar 26",
    "dated 2026/03/14", "Thursday, March 12, 2026", "She was born on 3 May 2015.", "aged between 14 and 15",
    "ages 3 and 5",
    # A second batch first written as unseen phrasings: the rules missed these, and now cover them.
    "Call logged 16/2 at 2205 by EDT.", "Seen on 1.3 by the HV.", "A 2 and a half year old was in the car.",
    "a girl of 15 was in the house", "The boys, aged 15-16, ran off.", "Adults aged 85+ were not called back.",
    "He was born in 2010 and moved here.", "We met at half seven.", "Incident 3-Mar-26 at the unit.",
    "It was on Monday 3rd, before the meeting.", "Baby (6/52) was unwell.", "Home visit Fri 13th at 11.",
    "SW visited 12th Jan @ 1600.",
])
def test_more_forms_leave_nothing_exact(text):
    assert exact_quasi_identifiers(text), "the checker must see something to remove in the original"
    assert exact_quasi_identifiers(shareable.generalise(text)[0]) == []


ORDINARY = [
    "The referral sat in the shared inbox for three days during leave.",
    "A second check of the inbox before the Friday handover would help.",
    "The duty worker was covering three teams, and 12 referrals came in that week.",
    "In March 2026 the team had two vacancies; by spring one was filled.",
    "It cost £3.50 to print the plan, and 3/4 of the team read it.",
    "The child was seen in the evening in 2026 by a social worker in her 30s.",
    "We met on the 3rd floor after the 2nd attempt; the wait was 14 days, then 3 weeks.",
    "Section 47 enquiries rose by 10.5% in quarter 3.",
    "A child aged 0-4 and an adult aged 85 and over were both in the house.",
    "She's 2nd on the waiting list; he was one of three workers and is 5 minutes away.",
    "The team, 12 strong, covered 2025/26 with 3/4 of its posts filled.",
    "By 2025 the service had moved; from 2019 to 2024 it grew.",
    "A team of 12 people met with the girl of the house; the woman of 3 children said so.",
]


# Left alone by the rules; the engine (step 2) reads "7/10" as a date (the safe way to be wrong) and a
# street address as an address.
RULES_ONLY_ORDINARY = ["She scored 7/10 on the survey, with 24/7 cover and 3/4 of the posts filled.",
                       "The man at 10 Downing Street is not involved."]


@pytest.mark.parametrize("text", ORDINARY + RULES_ONLY_ORDINARY)
def test_ordinary_prose_is_left_as_it_is(text):
    assert shareable.generalise(text)[0] == text


@pytest.mark.parametrize("text", [
    "On 14 March 2026 [PERSON 1] (aged 14) rang at 17:42 about [PERSON 2].",
    "A 3 year old was left alone on 2026-03-14 at 9.30am.",
])
def test_the_pass_over_its_own_output_changes_nothing(text):
    once = shareable.generalise(text)[0]
    assert shareable.generalise(once) == (once, [], [])


def test_what_changed_is_listed_in_the_order_of_the_text():
    _text, changes, _where = shareable.generalise("On 14 March 2026 [PERSON 1] (aged 14) rang at 17:42.")
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("date", "On 14 March 2026", "In March 2026"), ("age", "aged 14", "aged 12-15"),
        ("time", "at 17:42", "in the evening")]


# -- service areas -----------------------------------------------------------------------------------------

def test_a_rare_service_area_is_shared_as_its_broader_one():
    assert shareable.generalise_service_area("leaving_care", {"leaving_care": 2}, k=5)[0] == "children"
    assert shareable.generalise_service_area("mental_health", {"mental_health": 4}, k=5)[0] == "other"


def test_a_specialised_area_is_kept_once_k_cleared_reports_share_it():
    area, change = shareable.generalise_service_area("fostering_adoption", {"fostering_adoption": 5}, k=5)
    assert (area, change) == ("fostering_adoption", None)


def test_broad_areas_are_never_generalised():
    for area in ("children", "adults", "other"):
        assert shareable.generalise_service_area(area, {}, k=5) == (area, None)


def test_every_specialised_area_has_a_broader_one():
    from reporting.choices import ServiceArea

    broad = {"children", "adults", "other"}
    assert set(shareable.BROADER_AREA) == {area.value for area in ServiceArea} - broad
    assert set(shareable.BROADER_AREA.values()) <= broad


# -- the whole pass, with the engine ----------------------------------------------------------------------

def test_the_whole_pass_keeps_placeholders_and_generalises_around_them():
    result = shareable.shareable_text(
        "On 14 March 2026 [PERSON 1] (aged 14) rang at 17:42 about [PERSON 2]. The [ORGANISATION 1] nurse was told.")
    assert result.text == ("In March 2026 [PERSON 1] (aged 12-15) rang in the evening about [PERSON 2]. "
                           "The [ORGANISATION 1] nurse was told.")
    assert {change.kind for change in result.changes} == {"date", "age", "time"}


def test_the_whole_pass_removes_a_name_the_first_one_missed_numbered_after_the_others():
    result = shareable.shareable_fields({
        "what_happened": "[PERSON 1] rang. Later Kerensa Polglase called from 07700 900461.",
        "how_noticed": "Kerensa was told by [PERSON 2].",
    })
    assert result.fields == {"what_happened": "[PERSON 1] rang. Later [PERSON 3] called from [PHONE 1].",
                             "how_noticed": "[PERSON 3] was told by [PERSON 2]."}
    assert ("identifier", "Kerensa Polglase", "[PERSON 3]") in [(c.kind, c.before, c.after) for c in result.changes]


def test_the_whole_pass_does_not_use_the_organisations_allow_terms():
    import deid

    allowing = deid.DeidConfig(allow_terms=frozenset({"Kerensa Polglase"}))
    assert "Kerensa" not in shareable.shareable_text("Kerensa Polglase rang the team.", allowing).text


def test_the_whole_pass_leaves_ordinary_prose_alone():
    result = shareable.shareable_fields({f"f{i}": text for i, text in enumerate(ORDINARY)})
    assert list(result.fields.values()) == ORDINARY
    assert result.changes == []


def test_no_exact_date_age_or_time_survives_the_whole_pass():
    text = ("On Friday 6 June 2025 at 16:55 the 15-year-old was reported missing; [PERSON 1], 82, rang at 7pm. "
            "The review on 12/06/2025 at 10:00 found the 3 year old had been seen on the 9th.")
    result = shareable.shareable_text(text)
    assert exact_quasi_identifiers(result.text) == []
    assert exact_quasi_identifiers(text) != []  # the checker does find them in the original
