"""Deterministic demo reports, composed from small hand-written building blocks.

A report is put together as: a *situation* (where the worker was and with whom) × a *slip* (what went
wrong, what went well, or what worries them) × *how it was noticed* × *contributing circumstances* ×
*what would help*, then typed up in one of several "tired front-line worker" styles (abbreviations,
lower case, bullet-ish lines). The same seed always gives the same reports.

Every person, street, school, hospital, phone number and case number here is invented. Names are
ordinary UK first names paired with made-up surnames; phone numbers are from Ofcom's ranges reserved
for drama (07700 900xxx, 01632 960xxx); NHS numbers use the 999 test range; e-mail addresses use
example.org only. Nothing here describes a real person, family or case.

This module imports no models, so it can be used (and tested) without touching the database.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from reporting.choices import Agency, Confidentiality, PotentialHarm, ReportKind, ServiceArea, Stage, Status

DEFAULT_SEED = 20240917
DEFAULT_COUNT = 200
MIN_WORDS = 40
MAX_WORDS = 250
MONTHS_BACK = 18

# ---------------------------------------------------------------------------------------------------
# Invented people and places
# ---------------------------------------------------------------------------------------------------

GIRLS = ("Ellie", "Amelia", "Maisie", "Ruby", "Layla", "Freya", "Isla", "Poppy", "Skye", "Mia", "Lacey",
         "Kayla", "Amber", "Jessica", "Evie", "Grace", "Chloe", "Tia", "Darcey", "Niamh")
BOYS = ("Kai", "Tyler", "Riley", "Mason", "Alfie", "Harley", "Jayden", "Callum", "Leo", "Ethan", "Charlie",
        "Logan", "Oscar", "Reece", "Harvey", "Bailey", "Jack", "Owen", "Noah", "Liam")
WOMEN = ("Kerry", "Leanne", "Stacey", "Gemma", "Danielle", "Kirsty", "Sophie", "Natalie", "Jade", "Charlotte",
         "Hayley", "Rebecca", "Lauren", "Shannon", "Amy", "Nicola")
MEN = ("Dean", "Craig", "Lee", "Wayne", "Darren", "Jamie", "Scott", "Ryan", "Carl", "Gavin", "Shane",
       "Marcus", "Ricky", "Stuart")
OLDER_WOMEN = ("Doreen", "Maureen", "Brenda", "Sheila", "Jean", "Pauline", "Margaret", "Irene", "Valerie",
               "Sylvia", "Barbara", "Joan")
OLDER_MEN = ("Derek", "Ken", "Trevor", "Roy", "Malcolm", "Dennis", "Keith", "Brian", "Clive", "Norman",
             "Raymond", "Gordon")
SURNAMES = ("Pellowby", "Fenshaw", "Tollerby", "Marrowfield", "Hatherwick", "Stonecrake", "Farrowdale",
            "Brackwell", "Larkhollow", "Pennigrew", "Dunmallet", "Thrushcombe", "Kestleby", "Orchardley",
            "Bramblewick", "Cindersby", "Gorsefield", "Harlowbeck", "Kettlewhite", "Mossbury", "Nettlefold",
            "Wrenfold", "Ashlock", "Quillan", "Tinderley", "Mistlethorpe", "Ravensholt", "Sallowby")
COLLEAGUES = ("Priya", "Tom", "Bex", "Marcia", "Jo", "Gareth", "Anita", "Suzanne", "Kwame", "Fiona", "Dave",
              "Helen", "Imran", "Lisa")
STREETS = ("Quillfeather Road", "Cobnut Lane", "Tallowmere Close", "Pennyroyal Way", "Sorrelgate Street",
           "Mistlethwaite Avenue", "Brackenmoor Drive", "Larkhollow Crescent", "Tinderbox Row", "Fellgarth Terrace",
           "Wrenfold Gardens", "Kettlewhite Court", "Gorsefield Walk", "Nettlefold Road", "Cindersby Place",
           "Thrushcombe Rise")
SCHOOLS = ("Brackenmoor Primary", "Fellgarth Academy", "Thornwick Ley Primary", "Mistlebrook Infants",
           "Larkhollow Community School", "Tallowmere Junior School", "Wrenfold High", "Gorsefield Nursery",
           "Cobnut Lane Primary", "Pennyroyal College")
HOSPITALS = ("Fellgarth General", "Tallowmere Community Hospital", "Brackenmoor Infirmary")
RELATIVES = {"son": MEN, "daughter": WOMEN, "nephew": MEN, "niece": WOMEN}

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WEEKDAYS = ("Mon", "Tues", "Weds", "Thurs", "Fri", "Sat", "Sun")

# ---------------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------------
# Placeholders: {child} {child_full} {child2} {age_paren} {c_he} {c_him} {c_his} {parent} {partner}
# {adult} {age_paren} {a_he} {a_him} {a_his} {carer} {carer_short} {person} {p_he} {p_him} {p_his}
# {address} {street} {school} {hospital} {on_date} {phone} {email} {ref_paren} {colleague}
# {nhs_paren}. Each has an invented specific value and a generic one ("the child", "mum", "school").

CHILD, ADULT, MH, ANY = "child", "adult", "mh", "any"
NEAR, INCIDENT, WELL, WORRY = ReportKind.NEAR_MISS, ReportKind.INCIDENT, ReportKind.GOOD_PRACTICE, ReportKind.CONCERN

A = Agency
S = Stage
H = PotentialHarm


@dataclass(frozen=True)
class Situation:
    key: str
    area: str
    group: str
    stages: tuple[str, ...]
    agencies: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Slip:
    """What went wrong (near miss, incident), what went well (good practice) or what worries (concern)."""

    key: str
    kind: str
    groups: tuple[str, ...]
    theme: str
    harm: tuple[int, ...]
    text: str
    harm_texts: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    situations: tuple[str, ...] = ()  # only after these situations (keys), when set


@dataclass(frozen=True)
class Block:
    text: str
    groups: tuple[str, ...] = (ANY,)
    areas: tuple[str, ...] = ()  # empty: any area of the groups
    stages: tuple[str, ...] = ()  # empty: any stage
    skip: tuple[str, ...] = ()  # situations (keys) it doesn't fit


def _sit(key, area, group, stages, agencies, *texts) -> Situation:
    return Situation(key, area, group, tuple(stages), tuple(agencies), tuple(texts))


SITUATIONS: tuple[Situation, ...] = (
    # Children's social care
    _sit("mash_school", ServiceArea.CHILDREN, CHILD, [S.REFERRAL, S.SECTION_47], [A.EDUCATION, A.POLICE, A.HEALTH],
         "Contact came into the MASH {on_date} from {school} about {child}{age_paren}, bruise on {c_his} upper arm. "
         "{child} told the class teacher that {partner} grabbed {c_him}.",
         "Referral from the DSL at {school} re {child}{age_paren} - marks on {c_his} arm, {c_he} said it was "
         "{partner}. Came through to MASH duty {on_date}."),
    _sit("da_strategy", ServiceArea.CHILDREN, CHILD, [S.STRATEGY, S.SECTION_47], [A.POLICE, A.HEALTH, A.EDUCATION],
         "Police attended {address} {on_date} for a domestic abuse incident, {child}{age_paren} and {child2} were in "
         "the house. Strategy discussion was held the next morning and it went to section 47.",
         "DA call-out to {address}, kids present ({child} and {child2}). We had a strat the next day with police "
         "and health and agreed a s47."),
    _sit("icpc", ServiceArea.CHILDREN, CHILD, [S.CP_CONFERENCE], [A.HEALTH, A.EDUCATION, A.POLICE],
         "ICPC for {child}{age_paren} and {child2}, neglect category. Conference was booked for {on_date} at the "
         "civic centre.",
         "Initial child protection conference for {child_full} was booked {on_date}, concerns about home "
         "conditions and missed health appointments."),
    _sit("core_group", ServiceArea.CHILDREN, CHILD, [S.PLANNING], [A.HEALTH, A.EDUCATION],
         "{child} has been on a child protection plan for 5 months under neglect. Core groups are monthly and the "
         "health visitor, school and nursery all attend.",
         "Core group for {child_full}{age_paren}, CP plan, category emotional harm. {mum} and dad both "
         "come to most of them."),
    _sit("assessment", ServiceArea.CHILDREN, CHILD, [S.ASSESSMENT], [A.HEALTH, A.EDUCATION],
         "I'm the allocated social worker doing a child and family assessment for {child}{age_paren} after a "
         "referral from the GP about mum's drinking.",
         "C&F assessment for {child} - about day 30 of 45. Referral was from health about {parent}'s mental health "
         "and {c_his} school attendance."),
    _sit("transfer_lat", ServiceArea.CHILDREN, CHILD, [S.TRANSFER], [],
         "{child}'s case was transferring from the assessment team to the long-term team after the ICPC. I was "
         "picking it up as the new social worker.",
         "Case of {child_full}{ref_paren} transferring from assessment to LAT. Transfer meeting was meant to be "
         "{on_date} but got moved twice."),
    _sit("closure", ServiceArea.CHILDREN, CHILD, [S.CLOSURE], [A.EDUCATION, A.VOLUNTARY],
         "We were closing {child}'s case to early help after the assessment, with a step-down to the family "
         "support team.",
         "Step down to EHM for {child}{age_paren} and family after 12 weeks on a CIN plan. Closure summary done "
         "{on_date}."),
    _sit("home_visit", ServiceArea.CHILDREN, CHILD, [S.INTERVENTION, S.SECTION_47], [],
         "Planned home visit to {address} to see {child} and {child2} as part of the CIN plan.",
         "Statutory visit to {child}{age_paren} at {address} {on_date}, seen alone in {c_his} bedroom as per the "
         "plan."),
    _sit("pre_birth", ServiceArea.CHILDREN, CHILD, [S.ASSESSMENT, S.PLANNING], [A.HEALTH],
         "Pre-birth assessment for {parent}, baby due in 6 weeks. An older sibling was removed in another area "
         "3 years ago.",
         "Pre-birth for {parent} (due next month){ref_paren}. Midwife referral, previous care proceedings for an "
         "older child."),
    _sit("missing", ServiceArea.CHILDREN, CHILD, [S.INTERVENTION, S.STRATEGY], [A.POLICE, A.EDUCATION],
         "{child}{age_paren} has been going missing from home regularly and there are worries about criminal "
         "exploitation. Return home interviews have been patchy.",
         "{child_full} reported missing again {on_date}, third time this month. Police think county lines are "
         "involved."),
    _sit("cp_review", ServiceArea.CHILDREN, CHILD, [S.REVIEW], [A.HEALTH, A.EDUCATION],
         "Review child protection conference for {child} and {child2}; the plan had been in place 6 months.",
         "RCPC for {child}{age_paren} {on_date}. The question was whether the CP plan could step down to CIN."),
    _sit("edt", ServiceArea.CHILDREN, CHILD, [S.REFERRAL], [A.POLICE, A.HEALTH],
         "I was on the emergency duty team on a Saturday night. Police rang about {child}{age_paren} left home "
         "alone at {address}.",
         "EDT shift. Call from police at about 11pm re {child} found wandering near {street}, mum not answering "
         "{phone}."),
    _sit("court", ServiceArea.CHILDREN, CHILD, [S.PLANNING], [A.OTHER],
         "Preparing the court bundle and final evidence for care proceedings for {child}{age_paren} and {child2}.",
         "Care proceedings for {child_full}{ref_paren}, final statement due to the court {on_date}."),
    # Early help
    _sit("taf", ServiceArea.EARLY_HELP, CHILD, [S.INTERVENTION, S.PLANNING], [A.EDUCATION, A.HEALTH, A.VOLUNTARY],
         "I'm the family support worker for {child}'s family under early help. TAF meetings every 6 weeks at "
         "{school}.",
         "Early help, TAF for {child_full}{age_paren}. School, HV and the family hub all involved. EHM case open "
         "since the spring."),
    _sit("step_up", ServiceArea.EARLY_HELP, CHILD, [S.TRANSFER, S.REFERRAL], [A.EDUCATION],
         "Step-up request from early help to social care for {child}; worries had grown over the summer holidays.",
         "We stepped up {child}{age_paren} from EHM to children's social care, worries about dad's new partner."),
    _sit("eh_assessment", ServiceArea.EARLY_HELP, CHILD, [S.ASSESSMENT], [A.HEALTH, A.EDUCATION],
         "Early help assessment with {parent} and the health visitor for {child}{age_paren}, mainly sleep, routines "
         "and money worries.",
         "EHA for {child} and baby {child2}, HV referral. {mum} keen for support."),
    # Fostering and adoption
    _sit("emergency_placement", ServiceArea.FOSTERING_ADOPTION, CHILD, [S.INTERVENTION, S.REFERRAL],
         [A.POLICE, A.OTHER_LA],
         "Emergency placement needed at 9pm for {child}{age_paren} after police protection. I was ringing round "
         "our carers.",
         "Late afternoon emergency placement for {child} and {child2}, police powers of protection used at "
         "{address}."),
    _sit("family_time", ServiceArea.FOSTERING_ADOPTION, CHILD, [S.PLANNING, S.INTERVENTION], [],
         "Family time (contact) for {child} with birth mum {parent}, supervised at the family centre twice a week.",
         "Contact for {child_full} with birth family, moved from the family centre to a community venue last "
         "month."),
    _sit("carer_review", ServiceArea.FOSTERING_ADOPTION, CHILD, [S.REVIEW], [],
         "Annual review of the foster carers who have {child}{age_paren} placed long-term.",
         "Foster carer review, {child} in placement 2 years. Supervising social worker and IRO both involved."),
    _sit("adoption", ServiceArea.FOSTERING_ADOPTION, CHILD, [S.PLANNING, S.TRANSFER], [A.OTHER_LA, A.HEALTH],
         "Adoption matching for {child}{age_paren}; the prospective adopters live in another local authority.",
         "Life story work and later life letter for {child} before the adoption order."),
    # Residential care
    _sit("night_shift", ServiceArea.RESIDENTIAL, CHILD, [S.INTERVENTION], [A.POLICE],
         "Night shift at the children's home. {child}{age_paren} didn't come back by curfew at 10pm.",
         "On nights at the home, {child} out past curfew again, phone off."),
    _sit("meds_handover", ServiceArea.RESIDENTIAL, CHILD, [S.INTERVENTION], [A.HEALTH],
         "Shift handover at the children's home. {child}{age_paren} is on medication for ADHD and for sleep.",
         "Handover between day and night staff, meds for {child} (melatonin and an inhaler)."),
    _sit("new_admission", ServiceArea.RESIDENTIAL, CHILD, [S.REFERRAL, S.ASSESSMENT], [A.OTHER_LA],
         "New admission to the home for {child}{age_paren} from another local authority, arranged at short notice.",
         "{child} placed with us from out of area with 24 hours notice. Impact risk assessment done on the "
         "day."),
    # Leaving care
    _sit("pathway", ServiceArea.LEAVING_CARE, CHILD, [S.REVIEW, S.PLANNING], [A.HOUSING, A.MENTAL_HEALTH],
         "Pathway plan review for {child}{age_paren}; {c_he} turns 18 next month and is in supported accommodation.",
         "I'm the PA for {child_full}, care leaver, 18th birthday coming up. Pathway plan review {on_date}."),
    _sit("tenancy", ServiceArea.LEAVING_CARE, CHILD, [S.INTERVENTION], [A.HOUSING],
         "I'm {child}'s personal adviser. {c_he} moved into {c_his} first tenancy at {address} in the spring.",
         "{child}{age_paren} is a care leaver, own flat on {street} since March, universal credit and a college "
         "course."),
    # Adult social care
    _sit("discharge", ServiceArea.ADULTS, ADULT, [S.HOSPITAL_DISCHARGE], [A.HEALTH],
         "{adult}{age_paren} was on a ward at {hospital} after a fall at home, waiting for discharge with a package "
         "of care.",
         "Hospital discharge for {adult}{nhs_paren}, 2 carers x 4 calls a day needed. Ward at {hospital} pushing "
         "for discharge."),
    _sit("financial_abuse", ServiceArea.ADULTS, ADULT, [S.SAFEGUARDING_ENQUIRY], [A.POLICE, A.VOLUNTARY],
         "Section 42 enquiry for {adult}{age_paren}, concerns that {carer} is taking money from {a_his} account.",
         "s42 re {adult} - possible financial abuse by {carer}. The referral came from the bank."),
    _sit("care_home", ServiceArea.ADULTS, ADULT, [S.SAFEGUARDING_ENQUIRY, S.REVIEW], [A.HEALTH],
         "Safeguarding concern raised about {adult}{age_paren} in a nursing home: unexplained bruising and weight "
         "loss.",
         "Concern from a care home re {adult} - grade 3 pressure sore not reported for a week."),
    _sit("domcare", ServiceArea.ADULTS, ADULT, [S.INTERVENTION, S.REVIEW], [A.VOLUNTARY],
         "{adult}{age_paren} lives alone at {address} with 3 calls a day from a home care agency.",
         "Home care package for {adult}, lunch and tea calls, dementia diagnosis last year."),
    _sit("care_act", ServiceArea.ADULTS, ADULT, [S.ASSESSMENT, S.REVIEW], [A.HEALTH],
         "Care Act assessment for {adult}{age_paren} following a GP referral about struggling at home.",
         "Annual review of {adult}'s care and support plan{ref_paren}; {a_he} lives with {carer} who does most of "
         "the caring."),
    _sit("carers_assessment", ServiceArea.ADULTS, ADULT, [S.ASSESSMENT], [A.VOLUNTARY, A.HEALTH],
         "Carer's assessment for {carer}, who looks after {adult} full-time.",
         "Carers assessment - {carer} caring for {adult}{age_paren} on {c_his_street}, no breaks for over a year."),
    _sit("self_neglect", ServiceArea.ADULTS, ADULT, [S.INTERVENTION, S.SAFEGUARDING_ENQUIRY], [A.HOUSING, A.OTHER],
         "Self-neglect concerns for {adult}{age_paren} at {address}: hoarding and no heating. Housing and the fire "
         "service are involved.",
         "Self neglect, {adult}, flat on {street}. Hoarding, no hot water, refusing most help."),
    _sit("transitions", ServiceArea.ADULTS, ADULT, [S.TRANSFER, S.ASSESSMENT], [A.EDUCATION, A.HEALTH],
         "Preparing for adulthood: {adult}{age_paren} has a learning disability and is transferring from children's "
         "to adult services.",
         "Transitions case, {adult} turning 18, at {school} till the summer. Adult team due to pick up."),
    # Mental health
    _sit("mha", ServiceArea.MENTAL_HEALTH, MH, [S.ASSESSMENT], [A.POLICE, A.MENTAL_HEALTH, A.HEALTH],
         "Mental Health Act assessment for {adult}{age_paren} at {address}: AMHP and two doctors, police on "
         "standby.",
         "MHA assessment request for {adult} on a Friday afternoon, GP worried about relapse."),
    _sit("s117", ServiceArea.MENTAL_HEALTH, MH, [S.HOSPITAL_DISCHARGE, S.REVIEW], [A.MENTAL_HEALTH, A.HOUSING],
         "{adult} was being discharged from the mental health ward after 3 months under section 3, with s117 "
         "aftercare needed.",
         "s117 aftercare for {adult}{age_paren}, discharge from the ward at {hospital} planned {on_date}."),
    _sit("crisis", ServiceArea.MENTAL_HEALTH, MH, [S.INTERVENTION], [A.MENTAL_HEALTH, A.POLICE],
         "I'm care coordinator for {adult}{age_paren}, who rang the duty line in crisis {on_date}.",
         "Crisis call from {adult} to the duty line, {a_he} said {a_he} had stopped {a_his} meds."),
    # Other
    _sit("front_door", ServiceArea.OTHER, ANY, [S.REFERRAL, S.OTHER], [A.OTHER],
         "I work in business support on the front door, logging contacts that come in by phone and email.",
         "Business support, front door. We log every call and email before it goes to the duty SW."),
    _sit("system_change", ServiceArea.OTHER, ANY, [S.OTHER], [],
         "We moved to the new version of the case management system over a weekend and I was doing data checks "
         "on my caseload.",
         "Case system upgrade weekend. I was checking my cases had come across properly."),
)

CHILD_AREAS = (ServiceArea.CHILDREN, ServiceArea.EARLY_HELP, ServiceArea.FOSTERING_ADOPTION, ServiceArea.RESIDENTIAL,
               ServiceArea.LEAVING_CARE)
# Children living at home (as opposed to in care), where core groups, nurseries and parents' post belong.
_AT_HOME = (ServiceArea.CHILDREN, ServiceArea.EARLY_HELP)
AREA_WEIGHTS = {
    ServiceArea.CHILDREN: 30, ServiceArea.EARLY_HELP: 10, ServiceArea.FOSTERING_ADOPTION: 8,
    ServiceArea.RESIDENTIAL: 8, ServiceArea.LEAVING_CARE: 7, ServiceArea.ADULTS: 22, ServiceArea.MENTAL_HEALTH: 10,
    ServiceArea.OTHER: 5,
}


def _slip(key, kind, groups, theme, harm, text, harm_texts=(), stages=(), areas=(), agencies=(),
          situations=()) -> Slip:
    return Slip(key, kind, tuple(groups), theme, tuple(harm), text, tuple(harm_texts), tuple(stages), tuple(areas),
                tuple(agencies), tuple(situations))


SLIPS: tuple[Slip, ...] = (
    # --- near misses, children ---
    _slip("rag_historic", NEAR, [CHILD], "prioritisation", [H.MODERATE, H.SEVERE],
          "It got RAG rated green because the referral form said 'historic', but reading the actual police log the "
          "incident was 3 days before.",
          ["{child} could have waited 10 working days for a response to what was actually a current DA incident."],
          stages=[S.REFERRAL], agencies=[A.POLICE], areas=_AT_HOME),
    _slip("no_previous_la", NEAR, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "I was about to NFA it as there was nothing on our system, then realised the family only moved here in "
          "the summer and nobody had asked the previous local authority for their records.",
          ["We would have closed a family who were on a CP plan in their last area.",
           "no checks with the old LA = we'd have been starting from zero with a family already known"],
          stages=[S.REFERRAL, S.ASSESSMENT], agencies=[A.OTHER_LA], areas=_AT_HOME),
    _slip("letter_old_address", NEAR, [CHILD], "info_systems", [H.SEVERE],
          "The letter about the concerns was addressed to {address}, which is where dad still lives. Mum and the "
          "kids left there after the DA and the letter had their new area in it.",
          ["Dad would have found out roughly where mum and the children are now living."], areas=_AT_HOME),
    _slip("police_not_invited", NEAR, [CHILD], "other_agency", [H.MODERATE, H.SEVERE],
          "Police weren't on the invite for the strategy discussion because it went to a generic inbox that isn't "
          "looked at after 4pm.",
          ["A decision about a section 47 could have been made without police checks."],
          stages=[S.STRATEGY], agencies=[A.POLICE], areas=_AT_HOME),
    _slip("icpc_not_booked", NEAR, [CHILD], "handover", [H.MODERATE],
          "Case transferred on a Friday with the handover note saying 'no outstanding actions', but the ICPC still "
          "hadn't been booked.",
          ["The conference could have gone out of timescale with no CP plan in place."],
          stages=[S.TRANSFER], areas=_AT_HOME),
    _slip("mum_presents_well", NEAR, [CHILD], "reasoning", [H.MODERATE, H.SEVERE],
          "I'd pretty much written the assessment up as 'mum is engaging well' because she always presents well on "
          "visits. I hadn't actually spoken to {child} on {c_his} own.",
          ["We'd have missed what {child} was actually living with.",
           "the child's voice was missing completely"],
          stages=[S.ASSESSMENT, S.REVIEW], areas=_AT_HOME),
    _slip("text_shared_phone", NEAR, [CHILD], "family", [H.SEVERE],
          "I'd arranged the visit for when {partner} would be out, but the text confirming the time was about to go "
          "to {phone}, which turned out to be the shared family phone.",
          ["{partner} would have known we were coming and why, and mum would have borne the brunt."],
          stages=[S.INTERVENTION, S.SECTION_47, S.ASSESSMENT], areas=_AT_HOME),
    _slip("nfa_no_signoff", NEAR, [CHILD], "supervision", [H.MODERATE, H.SEVERE],
          "On reflection I was about to agree NFA on the s47 on my own view, as the team manager was off and there "
          "was nobody senior to sign it off.",
          ["The s47 could have been closed without a second opinion."],
          stages=[S.SECTION_47, S.STRATEGY], areas=_AT_HOME),
    _slip("unredacted_referrer", NEAR, [CHILD], "info_systems", [H.MODERATE, H.SEVERE],
          "The conference report was about to go to {parent} with the section about the neighbour who made the "
          "referral still in it, unredacted.",
          ["The referrer could have been identified and the neighbour dispute would have got a lot worse."],
          stages=[S.CP_CONFERENCE, S.REVIEW], areas=_AT_HOME),
    _slip("home_conditions_unseen", NEAR, [CHILD], "prioritisation", [H.MODERATE],
          "The assessment had been sitting in my 'due' list for 3 weeks under a pile of others and the home "
          "conditions in the referral had never actually been seen.",
          ["Kids living in those conditions for weeks longer than they needed to."],
          stages=[S.ASSESSMENT], areas=_AT_HOME),
    _slip("hv_vs_nursery", NEAR, [CHILD], "other_agency", [H.LOW, H.MODERATE],
          "The core group minutes said the health visitor would do the developmental check. The HV said she'd "
          "understood it was the nursery, so nobody had booked it.",
          ["{child}'s speech delay would have gone another few months without a check."],
          stages=[S.PLANNING, S.REVIEW], agencies=[A.HEALTH, A.EDUCATION], areas=_AT_HOME),
    _slip("sibling_not_on_plan", NEAR, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "Nobody had recorded that {child2} had moved back home, so the plan we were about to agree only covered "
          "{child}.",
          ["{child2} would have been in the house with no plan and no visits."],
          stages=[S.PLANNING, S.REVIEW, S.CP_CONFERENCE, S.INTERVENTION], areas=_AT_HOME),
    _slip("marker_wrong_record", NEAR, [CHILD], "info_systems", [H.SEVERE],
          "I only found out on the doorstep of {address} that there's a 'do not visit alone' marker. It's on dad's "
          "record, not the children's, so it never showed on my list.",
          ["I could have been on my own in the house with someone with a history of violence towards professionals."],
          stages=[S.INTERVENTION, S.ASSESSMENT, S.SECTION_47], areas=_AT_HOME),
    _slip("meds_signed_not_given", NEAR, [CHILD], "handover", [H.MODERATE, H.SEVERE],
          "{child}'s evening medication was signed as given by the day staff, but it was still in the blister pack "
          "at handover.",
          ["If night staff had gone by the MAR chart {child} would have missed a dose, or had it twice."],
          areas=[ServiceArea.RESIDENTIAL], agencies=[A.HEALTH]),
    _slip("matching_allegation", NEAR, [CHILD], "incomplete_picture", [H.SEVERE],
          "We nearly placed {child} with carers who already had a child placed who had made allegations against a "
          "child of the same age. The matching form didn't ask about other children in placement.",
          ["Risk to both children, and a likely placement breakdown."],
          areas=[ServiceArea.FOSTERING_ADOPTION]),
    _slip("tenancy_gap", NEAR, [CHILD], "prioritisation", [H.SEVERE],
          "The pathway plan said housing was sorted, but the tenancy start date was 3 weeks after {c_his} 18th and "
          "the placement was ending on the birthday.",
          ["{child} would have been homeless for 3 weeks."],
          areas=[ServiceArea.LEAVING_CARE], agencies=[A.HOUSING]),
    _slip("taf_notes_address", NEAR, [CHILD], "info_systems", [H.SEVERE],
          "The TAF meeting notes had the family's new address on them ({address}) and were about to be emailed to "
          "dad, who isn't supposed to know it.",
          ["Mum fled DV. If dad had got the address the whole safety plan falls apart."],
          areas=[ServiceArea.EARLY_HELP]),
    _slip("wrong_child_checks", NEAR, [CHILD], "info_systems", [H.MODERATE, H.SEVERE],
          "MASH checks had been pulled for a different {child} with the same surname. I only noticed because the "
          "date of birth didn't match the school's referral.",
          ["The strategy discussion would have gone ahead on another child's history."],
          stages=[S.REFERRAL, S.STRATEGY], areas=_AT_HOME),
    _slip("confirmation_bias", NEAR, [CHILD], "reasoning", [H.MODERATE, H.SEVERE],
          "I'd decided after the first visit that it was a parenting issue, and on reflection I was reading "
          "everything after that as proof, including the nursery's worries about {child}'s bruising.",
          ["A physical abuse concern written off as a parenting issue."],
          stages=[S.ASSESSMENT, S.INTERVENTION, S.SECTION_47], areas=_AT_HOME),
    # --- incidents, children ---
    _slip("nfa_school_not_told", INCIDENT, [CHILD], "other_agency", [H.MODERATE, H.SEVERE],
          "The school's referral was NFA'd at the front door and nobody rang {school} back, so they assumed we were "
          "involved and stopped their own monitoring.",
          ["For about 6 weeks nobody was keeping an eye on {child} at all."],
          stages=[S.REFERRAL], agencies=[A.EDUCATION], areas=_AT_HOME),
    _slip("ooT_assessment", INCIDENT, [CHILD], "workload", [H.LOW, H.MODERATE],
          "The assessment went out of timescale (day 63) and the first the family heard was a letter saying we "
          "were closing.",
          ["Family lost trust in us, and the support they actually needed never got offered."],
          stages=[S.ASSESSMENT], areas=_AT_HOME),
    _slip("icpc_time_changed", INCIDENT, [CHILD], "family", [H.LOW, H.MODERATE],
          "{parent} wasn't told the ICPC had moved to the afternoon, and arrived after the decision had been made.",
          ["Mum felt the decision was made about her without her. She's now refusing to engage with the plan."],
          stages=[S.CP_CONFERENCE, S.REVIEW], areas=_AT_HOME),
    _slip("police_early_visit", INCIDENT, [CHILD], "other_agency", [H.MODERATE, H.SEVERE],
          "Police went to speak to {child} at {school} before the strategy discussion had agreed who would do what, "
          "so the joint interview couldn't happen.",
          ["Evidence from {child} was compromised, and {c_he} had to tell it twice."],
          stages=[S.STRATEGY, S.SECTION_47], agencies=[A.POLICE, A.EDUCATION], areas=_AT_HOME),
    _slip("between_teams", INCIDENT, [CHILD], "handover", [H.SEVERE, H.SEVERE, H.CATASTROPHIC],
          "The case fell between teams after the transfer: nobody visited for 5 weeks because each team thought "
          "the other one held it.",
          ["Children on a plan not seen for 5 weeks."],
          stages=[S.TRANSFER], areas=_AT_HOME),
    _slip("closure_not_received", INCIDENT, [CHILD], "handover", [H.MODERATE],
          "We closed to early help, but the EHM worker never got the closure summary, so the family sat with "
          "nobody for a month.",
          ["Month with no support at all for a family we'd only just stepped down."],
          stages=[S.CLOSURE, S.TRANSFER], areas=_AT_HOME),
    _slip("s47_delayed", INCIDENT, [CHILD], "leadership", [H.MODERATE, H.SEVERE],
          "The s47 visit was put back to the next day because there was nobody to cover duty, and the TM said the "
          "visit could wait.",
          ["{child} spent another night in the house after disclosing."],
          stages=[S.SECTION_47, S.STRATEGY], areas=_AT_HOME),
    _slip("old_plan_nursery", INCIDENT, [CHILD], "info_systems", [H.SEVERE],
          "The nursery had an old version of the CP plan, without the contingency about dad not having "
          "unsupervised contact. They let dad collect {child} on {on_date}.",
          ["{child} was alone with dad for an afternoon, which the plan was there to stop."],
          stages=[S.PLANNING, S.REVIEW], agencies=[A.EDUCATION], areas=_AT_HOME),
    _slip("yos_not_told", INCIDENT, [CHILD], "other_agency", [H.SEVERE],
          "Youth justice weren't told about the exploitation worries and put {child} on a reparation placement "
          "right next to where the older lads hang about.",
          ["Put {child} back in contact with the people exploiting {c_him}."],
          stages=[S.INTERVENTION, S.STRATEGY], agencies=[A.PROBATION]),
    _slip("missing_late_report", INCIDENT, [CHILD], "handover", [H.SEVERE, H.CATASTROPHIC],
          "{child} was reported missing to police 4 hours after curfew instead of the 1 hour in the missing "
          "protocol, because night staff thought the day staff had already rung it in.",
          ["Four hours of a vulnerable child being out and nobody looking."],
          areas=[ServiceArea.RESIDENTIAL], agencies=[A.POLICE]),
    _slip("contact_order_changed", INCIDENT, [CHILD], "info_systems", [H.MODERATE, H.SEVERE],
          "Family time with birth dad went ahead at the community venue even though the court order had changed "
          "to supervision by a named worker only.",
          ["Dad could have said or done anything; the order was there for a reason."],
          areas=[ServiceArea.FOSTERING_ADOPTION]),
    _slip("pa_left", INCIDENT, [CHILD], "workload", [H.MODERATE],
          "{c_his} PA left and {child} went 6 weeks without contact, missed the housing benefit review and got a "
          "notice from the landlord.",
          ["{child} could lose the tenancy."],
          areas=[ServiceArea.LEAVING_CARE], agencies=[A.HOUSING]),
    # --- good practice, children ---
    _slip("dsl_script", WELL, [CHILD], "other_agency", [H.NONE, H.LOW],
          "The school DSL rang me straight after the strategy discussion to check what they could say to mum, and "
          "we agreed the words together. Mum heard the same thing from both of us.",
          ["Without that mum would have heard two different stories and probably kept the kids off school."],
          stages=[S.STRATEGY, S.SECTION_47, S.REFERRAL], agencies=[A.EDUCATION], areas=_AT_HOME),
    _slip("child_voice", WELL, [CHILD], "family", [H.NONE],
          "{colleague} spent time with {child} using the three houses tool before the conference, and {child}'s own "
          "words were read out. The chair said it was the clearest child's voice she'd heard in months.",
          ["Decisions would have been made without knowing what {child} thought."],
          stages=[S.CP_CONFERENCE, S.REVIEW, S.ASSESSMENT, S.PLANNING]),
    _slip("joint_visit_transfer", WELL, [CHILD], "handover", [H.NONE, H.LOW],
          "The outgoing social worker did a joint visit with me before the transfer, introduced me to {parent} and "
          "{child}, and the transfer summary actually had the current worries at the top.",
          [], stages=[S.TRANSFER, S.INTERVENTION]),
    _slip("reflective_supervision", WELL, [CHILD], "supervision", [H.LOW, H.MODERATE],
          "My TM made time for reflective supervision the same afternoon instead of waiting for the monthly slot, "
          "and we spotted a gap in the chronology.",
          ["The gap was a period nobody had asked about. It changes the whole assessment."]),
    _slip("rang_previous_la", WELL, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "Before NFAing, MASH rang the previous local authority and got the history. There had been a CP plan, so "
          "it went to assessment instead.",
          ["Would have closed a family with a CP history."],
          stages=[S.REFERRAL], agencies=[A.OTHER_LA], areas=_AT_HOME),
    _slip("hv_challenge", WELL, [CHILD], "culture", [H.NONE, H.LOW],
          "At the core group the HV challenged the view that things were improving, and then everyone felt able to "
          "say they'd been worried too.",
          [], stages=[S.PLANNING, S.REVIEW, S.CP_CONFERENCE], agencies=[A.HEALTH], areas=_AT_HOME),
    _slip("merged_records", WELL, [CHILD, ADULT, MH], "info_systems", [H.NONE, H.LOW],
          "Business support spotted two records for the same person and merged them before the meeting, with a "
          "note of what had been on each.",
          []),
    _slip("night_staff_search", WELL, [CHILD], "culture", [H.LOW, H.MODERATE],
          "Night staff followed the missing protocol to the minute: rang police at the hour, sent the photo and "
          "the list of places {child} goes. {c_he} was found within 2 hours.",
          [], areas=[ServiceArea.RESIDENTIAL], agencies=[A.POLICE]),
    _slip("eh_attendance", WELL, [CHILD], "incomplete_picture", [H.LOW, H.MODERATE],
          "The EHM worker noticed the same Monday pattern in the attendance data as the school did and stepped up "
          "to social care quickly, with a really clear summary.",
          [], areas=[ServiceArea.EARLY_HELP], agencies=[A.EDUCATION]),
    # --- concerns, children ---
    _slip("mash_friday", WORRY, [CHILD], "info_systems", [H.MODERATE, H.SEVERE],
          "The MASH inbox has no out-of-hours cover, so referrals sent after 5 on a Friday sit there till Monday "
          "morning.",
          ["A child could be at risk all weekend with the referral sat unread."],
          stages=[S.REFERRAL], areas=_AT_HOME),
    _slip("assessment_caseloads", WORRY, [CHILD], "workload", [H.MODERATE, H.SEVERE],
          "Caseloads in the assessment team are over 25 each and people are doing visits at 7pm to keep up. "
          "Something will get missed.",
          ["Someone will miss something important because they are just too tired."]),
    _slip("da_notifications_late", WORRY, [CHILD], "other_agency", [H.MODERATE],
          "We're not getting DA notifications from police in time. They arrive 5 to 10 days after the incident.",
          ["By the time we look at it the moment to act has gone."],
          stages=[S.REFERRAL, S.STRATEGY], agencies=[A.POLICE], areas=_AT_HOME),
    _slip("nqsw_s47", WORRY, [CHILD], "culture", [H.MODERATE, H.SEVERE],
          "Newly qualified workers are being given s47s without co-working and don't feel they can say no.",
          ["Inexperienced workers making big decisions alone."],
          stages=[S.SECTION_47, S.STRATEGY, S.ASSESSMENT], areas=_AT_HOME),
    _slip("friday_transfers", WORRY, [CHILD], "handover", [H.MODERATE],
          "Transfers between teams are happening on Fridays with no handover meeting and the summary left blank.",
          ["A case will get lost between teams."],
          stages=[S.TRANSFER, S.CLOSURE]),
    _slip("tm_turnover", WORRY, [CHILD, ADULT, MH], "leadership", [H.LOW, H.MODERATE],
          "We've had three different TMs in six months and each one has a different view of threshold.",
          ["Families get a different answer depending on who is in the chair."]),
    _slip("dads_missing", WORRY, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "Fathers and partners are often not checked at all in assessments. I looked at my last 6 and only 2 had "
          "dad's details in.",
          ["Risk from men in the household not being assessed."],
          stages=[S.ASSESSMENT, S.REFERRAL, S.PLANNING], areas=_AT_HOME),
    _slip("stepup_wait", WORRY, [CHILD], "prioritisation", [H.MODERATE],
          "Step-ups from early help are waiting about 3 weeks to be looked at by the front door.",
          ["Families we've said are getting worse are waiting longest."],
          areas=[ServiceArea.EARLY_HELP]),
    _slip("carer_support", WORRY, [CHILD], "supervision", [H.LOW, H.MODERATE],
          "Our foster carers are ringing out-of-hours with nobody who knows the child on the other end.",
          ["Placements will break down at 2am that could have been held."],
          areas=[ServiceArea.FOSTERING_ADOPTION]),
    # --- children in care: residential, leaving care, fostering ---
    _slip("agency_night_worker", NEAR, [CHILD], "handover", [H.SEVERE],
          "{child}'s risk assessment says no contact with a named older male, but the agency night worker hadn't "
          "read it and was about to let him in to 'drop off a phone charger'.",
          ["{child} back in contact with the man we think is exploiting {c_him}."],
          areas=[ServiceArea.RESIDENTIAL]),
    _slip("no_debrief", INCIDENT, [CHILD], "culture", [H.MODERATE],
          "Staff had to hold {child} during an incident and the debrief with {c_him} never happened. {c_he} told "
          "the IRO weeks later that it had really frightened {c_him}.",
          ["{child} stopped trusting the staff team and went missing twice that month."],
          areas=[ServiceArea.RESIDENTIAL]),
    _slip("new_trainers", WELL, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "The key worker noticed {child} had expensive new trainers and a second phone, and logged it as a "
          "possible exploitation sign instead of letting it go.",
          ["Exploitation picked up weeks earlier than it would have been."],
          areas=[ServiceArea.RESIDENTIAL]),
    _slip("agency_nights", WORRY, [CHILD], "workload", [H.MODERATE],
          "We're relying on agency staff most nights and they don't know the YP or what sets them off.",
          ["Incidents that a familiar face would have calmed down."],
          areas=[ServiceArea.RESIDENTIAL]),
    _slip("allowance_payee", NEAR, [CHILD], "info_systems", [H.LOW, H.MODERATE],
          "{child}'s setting-up-home allowance was about to be paid to {c_his} old foster carer, who was still the "
          "payee on the system.",
          ["{child} moving into an empty flat with no bed or cooker."],
          areas=[ServiceArea.LEAVING_CARE]),
    _slip("tenancy_ended", INCIDENT, [CHILD], "other_agency", [H.SEVERE],
          "Housing ended {child}'s tenancy for arrears without telling us, and {c_he} was sofa-surfing for 2 weeks "
          "before we found out.",
          ["Homeless care leaver, at risk of exploitation, for two weeks."],
          areas=[ServiceArea.LEAVING_CARE], agencies=[A.HOUSING]),
    _slip("pa_housing_appt", WELL, [CHILD], "other_agency", [H.LOW, H.MODERATE],
          "The PA went with {child} to the first housing appointment and helped {c_him} explain {c_his} care "
          "history. The council gave {c_him} priority banding the same week.",
          [], areas=[ServiceArea.LEAVING_CARE], agencies=[A.HOUSING]),
    _slip("closed_at_21", WORRY, [CHILD], "leadership", [H.LOW, H.MODERATE],
          "Care leavers turning 21 are being closed without anyone asking whether they want support up to 25.",
          ["Young people losing support just when they hit a crisis."],
          areas=[ServiceArea.LEAVING_CARE]),
    _slip("carers_address", NEAR, [CHILD], "info_systems", [H.SEVERE],
          "The placement information about to go to birth mum had the foster carers' address on the second page.",
          ["Birth family turning up at the carers' house. Placement over, and maybe worse."],
          areas=[ServiceArea.FOSTERING_ADOPTION]),
    _slip("nut_allergy", INCIDENT, [CHILD], "incomplete_picture", [H.SEVERE, H.CATASTROPHIC],
          "The carers weren't told {child} has a severe nut allergy. It was in the health assessment but not in "
          "the placement plan.",
          ["Anaphylaxis. Could have killed {c_him}."],
          areas=[ServiceArea.FOSTERING_ADOPTION], agencies=[A.HEALTH]),
    _slip("nightly_calls", WELL, [CHILD], "supervision", [H.NONE, H.LOW],
          "The supervising social worker rang the carers every evening for the first week of the emergency "
          "placement, and it held.",
          [], areas=[ServiceArea.FOSTERING_ADOPTION]),
    # --- near misses, adults and mental health ---
    _slip("friday_discharge", NEAR, [ADULT, MH], "other_agency", [H.MODERATE, H.SEVERE],
          "The ward was about to discharge {adult} home at 7pm on a Friday with the care package not starting till "
          "Monday.",
          ["{adult} lives alone and can't get to the toilet without help. A whole weekend on {a_his} own."],
          stages=[S.HOSPITAL_DISCHARGE], agencies=[A.HEALTH]),
    _slip("carer_is_concern", NEAR, [ADULT], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "I nearly closed the enquiry based on what {carer_short} told me, then realised {carer_short} is the "
          "person the concern is about: {carer_short} manages {a_his} money.",
          ["Closing an enquiry on the word of the alleged abuser."],
          stages=[S.SAFEGUARDING_ENQUIRY, S.ASSESSMENT]),
    _slip("key_safe", NEAR, [ADULT], "info_systems", [H.MODERATE],
          "The key safe number on the care plan was out of date. The new care agency would have been locked out of "
          "{adult}'s flat on the first call.",
          ["No breakfast, no meds, and {adult} can't get to the door."],
          stages=[S.INTERVENTION, S.HOSPITAL_DISCHARGE, S.REVIEW]),
    _slip("no_interpreter", NEAR, [ADULT, MH], "reasoning", [H.MODERATE, H.SEVERE],
          "I'd booked the assessment without an interpreter because the referral said 'family will translate'. "
          "It's the son who the concern is about.",
          ["{adult} would never have been able to tell us what was going on."],
          stages=[S.ASSESSMENT, S.SAFEGUARDING_ENQUIRY]),
    _slip("desktop_review", NEAR, [ADULT], "workload", [H.MODERATE, H.SEVERE],
          "The annual review was about to be done as a 'desktop review' with no visit. {adult} had lost a lot of "
          "weight since last year.",
          ["Weight loss and self-neglect missed for another year."],
          stages=[S.REVIEW, S.ASSESSMENT]),
    _slip("warfarin", NEAR, [ADULT], "other_agency", [H.SEVERE, H.CATASTROPHIC],
          "The discharge letter had the wrong medication list: the warfarin dose was last year's.",
          ["Could have led to a serious bleed, potentially fatal."],
          stages=[S.HOSPITAL_DISCHARGE], agencies=[A.HEALTH]),
    _slip("missed_call_inbox", NEAR, [ADULT], "prioritisation", [H.SEVERE],
          "The missed-call alert from the home care provider sat in a shared inbox for most of a day.",
          ["{adult} could have been on the floor all day."],
          stages=[S.INTERVENTION, S.REVIEW]),
    _slip("police_assumed_visit", NEAR, [ADULT], "other_agency", [H.MODERATE, H.SEVERE],
          "Police had closed their side and assumed we'd visit; we'd assumed they had seen {adult}. Nobody had.",
          ["{adult} not seen by anyone after a safeguarding concern."],
          stages=[S.SAFEGUARDING_ENQUIRY], agencies=[A.POLICE]),
    _slip("amhp_rota", NEAR, [MH], "info_systems", [H.MODERATE, H.SEVERE],
          "The AMHP rota showed someone on duty who was actually on leave, so the MHA assessment nearly went ahead "
          "with no AMHP available.",
          ["Assessment delayed, {adult} in crisis with no plan, police holding on."],
          stages=[S.ASSESSMENT], agencies=[A.MENTAL_HEALTH]),
    _slip("no_tenancy_check", NEAR, [MH], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "Discharge was planned to {address} but nobody had checked {adult} still had the tenancy. The housing "
          "officer mentioned it had been ended while {a_he} was on the ward.",
          ["Discharged to an address that isn't {a_his} any more. Homeless and unwell."],
          stages=[S.HOSPITAL_DISCHARGE, S.REVIEW], agencies=[A.HOUSING]),
    _slip("crisis_plan_old", NEAR, [MH], "info_systems", [H.SEVERE, H.CATASTROPHIC],
          "The crisis plan on the system was 2 years old and still named {a_his} ex-partner as the person to call.",
          ["We'd have rung the person {adult} is most frightened of, during a crisis."],
          stages=[S.INTERVENTION, S.ASSESSMENT]),
    _slip("capacity_assumed", NEAR, [ADULT, MH], "reasoning", [H.MODERATE, H.SEVERE],
          "We were about to go along with the ward's view that {adult} lacked capacity to decide where to live, "
          "without anyone doing a capacity assessment for that decision.",
          ["{adult} could have been moved into a care home against {a_his} wishes, unlawfully."],
          stages=[S.HOSPITAL_DISCHARGE, S.ASSESSMENT, S.REVIEW]),
    _slip("neighbour_routine", NEAR, [ADULT], "prioritisation", [H.MODERATE, H.SEVERE],
          "The concern was triaged as routine because it came from a neighbour rather than a professional. Reading "
          "it again, the neighbour was describing {adult} being locked in.",
          ["{adult} left in that situation for another 2 weeks."],
          stages=[S.SAFEGUARDING_ENQUIRY, S.INTERVENTION]),
    # --- incidents, adults and mental health ---
    _slip("discharge_no_package", INCIDENT, [ADULT], "other_agency", [H.SEVERE, H.CATASTROPHIC],
          "{adult} was discharged without the care package being restarted, and no carers went in for 3 days.",
          ["{a_he} was found dehydrated and confused by a neighbour.", "Three days without food or meds."],
          stages=[S.HOSPITAL_DISCHARGE], agencies=[A.HEALTH]),
    _slip("calls_missed", INCIDENT, [ADULT], "workload", [H.SEVERE],
          "Two care calls were missed on the Sunday and nobody at the agency escalated. {adult} was found on the "
          "floor by a neighbour on Monday morning.",
          ["Long lie, pressure damage, could easily have been worse."],
          stages=[S.INTERVENTION, S.REVIEW]),
    _slip("wrong_person_logged", INCIDENT, [ADULT, MH], "info_systems", [H.MODERATE],
          "The safeguarding concern was logged against another person with the same name, so it went to the wrong "
          "team and sat for 8 days.",
          ["Eight days' delay starting an enquiry."],
          stages=[S.SAFEGUARDING_ENQUIRY, S.REFERRAL]),
    _slip("letter_to_abuser", INCIDENT, [ADULT], "family", [H.SEVERE],
          "The letter about the financial assessment went to {address}, where {carer_short} opens the post. "
          "{carer_short} is the alleged abuser.",
          ["{carer_short} now knows about the enquiry and {adult} is frightened."],
          stages=[S.SAFEGUARDING_ENQUIRY, S.ASSESSMENT]),
    _slip("s117_lapsed", INCIDENT, [MH], "handover", [H.MODERATE],
          "The care coordinator left and nobody picked up the s117 aftercare review, which is now 4 months late.",
          ["{adult}'s support has drifted and {a_he} has started missing depot appointments."],
          stages=[S.REVIEW, S.HOSPITAL_DISCHARGE, S.TRANSFER]),
    _slip("transition_gap", INCIDENT, [ADULT], "handover", [H.MODERATE, H.SEVERE],
          "{adult} turned 18 and children's services closed, but adult services hadn't started the assessment. "
          "Two months with no support at all.",
          ["Family at breaking point, {adult} out of college."],
          stages=[S.TRANSFER, S.ASSESSMENT], situations=["transitions"]),
    _slip("section_papers", INCIDENT, [MH], "info_systems", [H.MODERATE],
          "The section papers had {a_his} old address on them because the system pulled it from the front sheet, "
          "so they had to be redone and the conveyance was delayed.",
          ["Hours of extra distress for {adult} waiting at home with police."],
          stages=[S.ASSESSMENT], agencies=[A.POLICE, A.MENTAL_HEALTH]),
    # --- good practice, adults and mental health ---
    _slip("ot_joint_visit", WELL, [ADULT], "other_agency", [H.LOW, H.MODERATE],
          "The OT and I did a joint visit on the day of discharge and caught that the bed hadn't been delivered. "
          "We got the equipment service out before tea time.",
          ["{adult} would have slept in the chair, with a high falls risk."],
          stages=[S.HOSPITAL_DISCHARGE, S.INTERVENTION], agencies=[A.HEALTH]),
    _slip("bank_rang", WELL, [ADULT], "other_agency", [H.MODERATE],
          "The bank rang us about unusual withdrawals from {adult}'s account. We'd done a session with the local "
          "branches on financial abuse last year and it paid off.",
          [], stages=[S.SAFEGUARDING_ENQUIRY], agencies=[A.VOLUNTARY]),
    _slip("carer_rang_through", WELL, [ADULT], "culture", [H.LOW, H.MODERATE],
          "The home care worker noticed {adult} was more confused than usual and rang it through straight away "
          "instead of just writing it in the log. It was a UTI.",
          ["Untreated UTI, likely a fall or an admission."],
          stages=[S.INTERVENTION, S.REVIEW]),
    _slip("three_way_handover", WELL, [ADULT, MH], "handover", [H.NONE, H.LOW],
          "We had a proper 3-way handover between the ward, the reablement team and me, all on one call, with "
          "{adult} on the call too.",
          [], stages=[S.HOSPITAL_DISCHARGE, S.TRANSFER]),
    _slip("advance_statement", WELL, [MH], "incomplete_picture", [H.NONE, H.LOW],
          "The AMHP checked with the care coordinator before the assessment and found the advance statement "
          "{adult} had written when well. We followed it.",
          [], stages=[S.ASSESSMENT, S.INTERVENTION], agencies=[A.MENTAL_HEALTH]),
    # --- concerns, adults and mental health ---
    _slip("friday_discharges", WORRY, [ADULT, MH], "prioritisation", [H.MODERATE, H.SEVERE],
          "Hospital discharges are being pushed through on Friday afternoons with packages starting Monday.",
          ["Someone is going to be left all weekend without care."],
          stages=[S.HOSPITAL_DISCHARGE], agencies=[A.HEALTH]),
    _slip("lpa_not_visible", WORRY, [ADULT], "info_systems", [H.LOW, H.MODERATE],
          "There's no way to see on our system whether someone has an LPA in place, so people ring whichever family "
          "member picks up, who may have no legal say.",
          ["Decisions made with the wrong person."]),
    _slip("same_worker_s42", WORRY, [ADULT], "culture", [H.MODERATE],
          "s42 enquiries are being given to the worker who also does the person's review, so there are no fresh "
          "eyes.",
          ["Enquiry conclusions that nobody has challenged."],
          stages=[S.SAFEGUARDING_ENQUIRY, S.REVIEW]),
    _slip("clustered_calls", WORRY, [ADULT], "workload", [H.MODERATE, H.SEVERE],
          "The home care agency in the north of the patch is so short of staff that calls are being 'clustered': "
          "people getting lunch at 10.30 and tea at 2.",
          ["Meds too close together, people going 18 hours without food."],
          stages=[S.INTERVENTION, S.REVIEW]),
    _slip("ward_no_housing", WORRY, [MH], "other_agency", [H.MODERATE, H.SEVERE],
          "People are being discharged from the ward without anyone checking they still have somewhere to live.",
          ["Relapse and readmission, or worse."],
          stages=[S.HOSPITAL_DISCHARGE, S.REVIEW], agencies=[A.HOUSING]),
    # --- any group ---
    _slip("wrong_attachment", NEAR, [ANY], "info_systems", [H.MODERATE, H.SEVERE],
          "I'd attached the wrong family's assessment to the email to the GP. I spotted the name in the file title "
          "just before I pressed send.",
          ["Another family's details would have gone to a GP who has nothing to do with them."],
          agencies=[A.HEALTH]),
    _slip("autocomplete_email", NEAR, [ANY], "info_systems", [H.MODERATE],
          "I nearly sent the case summary to a personal email address that Outlook had autocompleted instead of the "
          "secure one.",
          ["Data breach, and the summary had a lot of sensitive detail about {person}."]),
    _slip("double_visit", NEAR, [ANY], "handover", [H.LOW],
          "Two of us on the same team were both about to visit {person}, neither knowing the other had it booked.",
          ["Confusing for the family and a waste of a visit we didn't have."]),
    _slip("empty_rota", NEAR, [ANY], "leadership", [H.MODERATE],
          "The duty rota for the afternoon had nobody on it after 3pm because of training, and nobody noticed till "
          "lunchtime.",
          ["Calls about people at risk with nobody to pick them up."],
          stages=[S.REFERRAL, S.OTHER, S.INTERVENTION, S.SAFEGUARDING_ENQUIRY]),
    _slip("migrated_alerts", NEAR, [ANY], "info_systems", [H.MODERATE, H.SEVERE],
          "About a third of the warning flags hadn't come across in the migration, including the one on "
          "{person}'s record about a dangerous dog and a violent relative.",
          ["A worker could have walked into that house not knowing."],
          stages=[S.OTHER]),
    _slip("printer_left", INCIDENT, [ANY], "culture", [H.LOW, H.MODERATE],
          "Someone else's report about {person} was left on the shared printer for an afternoon in an office that "
          "visitors walk through.",
          ["Anyone could have read it."]),
    _slip("notes_late", INCIDENT, [ANY], "workload", [H.LOW, H.MODERATE],
          "Case notes from a visit weren't written up for 3 weeks because of laptop problems, and the next worker "
          "didn't know what had been agreed with {person}.",
          ["Agreements with the family weren't kept and they felt let down."]),
    _slip("contact_lost", INCIDENT, [ANY], "info_systems", [H.MODERATE],
          "A phone contact about {person} was logged on the old system the morning after go-live and disappeared; "
          "we found it a week later.",
          ["A week's delay before anyone looked at it."],
          stages=[S.OTHER, S.REFERRAL]),
    _slip("callback", WELL, [ANY], "culture", [H.NONE, H.LOW],
          "The duty SW rang the caller back the same day to say what was happening. The caller said nobody had "
          "ever done that before.",
          [], stages=[S.REFERRAL, S.OTHER]),
    _slip("checklist", WELL, [ANY], "info_systems", [H.NONE],
          "The team lead had made a one-page checklist for the upgrade weekend and it caught three records that "
          "hadn't migrated properly.",
          [], stages=[S.OTHER]),
    _slip("peer_check", WELL, [ANY], "supervision", [H.NONE, H.LOW],
          "A colleague offered to read my recording before it went out, and spotted that I'd put the wrong date on "
          "the plan.",
          []),
    _slip("inbox_no_owner", WORRY, [ANY], "info_systems", [H.MODERATE, H.SEVERE],
          "There are at least four shared inboxes that referrals end up in and nobody owns two of them.",
          ["Something urgent will sit in one of them unread."]),
    _slip("hot_desk_papers", WORRY, [ANY], "culture", [H.LOW],
          "With hot desking, people leave papers in the drawers and on desks overnight, including case notes.",
          ["Confidential information seen by people who shouldn't."]),
    _slip("training_cut", WORRY, [ANY], "leadership", [H.LOW, H.MODERATE],
          "Mandatory safeguarding refreshers keep getting cancelled because of staffing, so new starters haven't "
          "had any.",
          ["Staff not knowing what to do with a disclosure."]),
)

NOTICED: dict[str, tuple[Block, ...]] = {
    NEAR: (
        Block("{colleague} double checked it before it went out and asked me about it."),
        Block("I spotted it when I reread everything that evening before logging off."),
        Block("The health visitor rang to check something and it came out in the conversation.", (CHILD,)),
        Block("Business support flagged it when they were sending the invites."),
        Block("Came up in supervision when my TM asked me to talk her through the case."),
        Block("Mum mentioned it on the phone, almost in passing.", (CHILD,)),
        Block("I had a nagging feeling about it on the drive home and checked first thing."),
        Block("The system actually threw up a warning, which it doesn't usually."),
        Block("The DSL rang back with a question and that's when I realised.", (CHILD,)),
        Block("Only noticed on the morning itself when I was printing the papers."),
        Block("The ward sister rang to confirm the time and I checked the plan.", (ADULT, MH)),
        Block("{carer_short} said something that didn't fit and I went back to the file.", (ADULT,)),
        Block("Pure luck honestly. I happened to open the right screen."),
        Block("A student on placement asked why, and I couldn't answer, so I looked again."),
    ),
    INCIDENT: (
        Block("We only found out when police rang a week later."),
        Block("It came up at the core group 3 weeks later.", (CHILD,)),
        Block("School raised it with the TM.", (CHILD,)),
        Block("{parent} made a complaint, and fair enough.", (CHILD,)),
        Block("Picked up in a case file audit."),
        Block("The family told us themselves."),
        Block("The GP surgery phoned to ask why nobody had been out."),
        Block("{carer_short} rang the duty line, very upset.", (ADULT,)),
        Block("The care agency's manager told us at the provider meeting.", (ADULT,)),
        Block("It was noticed when the next review came round."),
        Block("I found it myself when I picked the case back up after leave."),
    ),
    WELL: (
        Block("It worked because people picked up the phone rather than emailing."),
        Block("I think it worked because we all knew each other from the locality meetings."),
        Block("Nobody asked for this, people just did it."),
        Block("It made a real difference to the family and I wanted it on record."),
        Block("It only happened because there was enough time in the day, which is rare."),
        Block("The TM backed us to take the time."),
    ),
    WORRY: (
        Block("I've seen this on three of my own cases this month."),
        Block("It came up in team meeting and loads of people said the same."),
        Block("Several of us have talked about it but nobody has written it down."),
        Block("I raised it with my manager but I don't know if it went anywhere."),
        Block("Noticed it over the last few months, it's getting worse."),
    ),
}

# Background a worker adds when they have more time (or more to get off their chest).
_IN_CARE = (ServiceArea.FOSTERING_ADOPTION, ServiceArea.RESIDENTIAL, ServiceArea.LEAVING_CARE)
CONTEXT: tuple[Block, ...] = (
    Block("{child} has had 6 placements in 2 years.", (CHILD,), _IN_CARE),
    Block("There are 4 YP in the home at the moment and two of them really don't get on.", (CHILD,),
          (ServiceArea.RESIDENTIAL,)),
    Block("{child} is doing really well at college when {c_he} goes.", (CHILD,), (ServiceArea.LEAVING_CARE,)),
    Block("Birth mum is back in touch through social media, which nobody planned for.", (CHILD,), _IN_CARE),
    Block("{child} has an EHCP and school are the ones who see {c_him} every day.", (CHILD,)),
    Block("{child} is non-verbal and uses a few Makaton signs.", (CHILD,)),
    Block("Mum has been really open with us about her own childhood and her time in care.", (CHILD,), _AT_HOME),
    Block("There have been 4 referrals in 2 years, all from different agencies, all NFA.", (CHILD,), _AT_HOME),
    Block("Dad is in and out and nobody is quite sure whether he's living there.", (CHILD,), _AT_HOME),
    Block("The family have had five social workers in two years and mum says she's sick of telling her story.",
          (CHILD,), _AT_HOME),
    Block("There's a long history of neglect, but it always seems to improve just before a review.", (CHILD,),
          _AT_HOME),
    Block("Nan does a lot of the childcare and isn't on any of our paperwork.", (CHILD,), _AT_HOME),
    Block("The house was cleaner than last time but there was still no food in the fridge.", (CHILD,), _AT_HOME),
    Block("There's been police involvement with {partner} in the past, mostly DA with a previous partner.",
          (CHILD,), _AT_HOME),
    Block("{adult} is very independent and doesn't like having carers in.", (ADULT,)),
    Block("{carer_short} is under a lot of strain and says they are close to giving up work.", (ADULT,)),
    Block("There's a DNACPR in place but nobody was sure where the form was.", (ADULT,), skip=("transitions",)),
    Block("{adult} has mild dementia but has capacity for most day-to-day decisions.", (ADULT,),
          skip=("transitions",)),
    Block("This is {a_his} third admission since the summer.", (ADULT, MH)),
    Block("{a_he} has a cat and won't go anywhere until it's sorted.", (ADULT,)),
    Block("{adult} has been known to services for about 10 years and usually relapses in the winter.", (MH,)),
    Block("{a_he} stopped engaging after the last care coordinator left.", (MH,)),
    Block("There are two children in the house at weekends.", (MH,)),
    Block("Alcohol is a big factor and {a_he} has been drinking more since the bereavement.", (MH,)),
    Block("The office was short-staffed because of a training day."),
    Block("It's been a really busy few weeks for everyone."),
    Block("I'd only had the case for a fortnight."),
)

CIRCUMSTANCES: tuple[Block, ...] = (
    Block("I had 27 cases at the time and two s47s open that week.", (CHILD,)),
    Block("We were two social workers down and I was covering duty as well."),
    Block("It was about 7pm and I'd been on since 8."),
    Block("I was covering for a colleague on leave with no handover."),
    Block("Supervision had been cancelled twice that month."),
    Block("The team manager was off and the acting TM was covering two teams."),
    Block("There was nobody to run it past at the time."),
    Block("The case system shows the old address on the front screen and the new one is buried in a case note."),
    Block("Mosaic timed out twice while I was writing it up.", (CHILD,)),
    Block("The EHM and social care systems don't talk to each other, so I couldn't see the early help history.",
          (CHILD,)),
    Block("The alert is on the adult's record, not the child's.", (CHILD,)),
    Block("The form auto-fills from the previous assessment and it's easy to miss what's old."),
    Block("There's been a big push to get things closed within timescale."),
    Block("The new process was announced by email with no briefing."),
    Block("People don't really challenge the police view at strategy meetings.", (CHILD,)),
    Block("It can feel like fussing to ring back and check."),
    Block("Agency staff don't always feel able to question the TM."),
    Block("Health didn't share the information until they'd been asked twice."),
    Block("Hot desking, and I'd been working from the car between visits."),
    Block("My laptop died halfway through the day."),
    Block("I've not had any training on the new threshold document.", (CHILD,)),
    Block("It was my first one since qualifying."),
    Block("The ward was under a lot of pressure for beds.", (ADULT, MH), stages=(S.HOSPITAL_DISCHARGE,)),
    Block("The brokerage team had no packages available in that area.", (ADULT,),
          stages=(S.HOSPITAL_DISCHARGE, S.REVIEW, S.ASSESSMENT, S.INTERVENTION)),
    Block("We've got three vacancies and two people off sick.", (ADULT, MH)),
    Block("It was the week before Christmas and half the partners were on leave."),
    Block("Interpreters have to be booked 5 days ahead.", (ADULT, MH)),
)

HELP: dict[str, tuple[str, ...]] = {
    "prioritisation": ("Clear guidance on how to RAG rate when the dates in the referral don't match.",
                       "A second look at anything rated green that involves a child under 5.",
                       "Time to actually read the full referral, not just the summary."),
    "incomplete_picture": ("Checks with the previous LA as a standard step, not optional.",
                           "A prompt on the form: who else lives in the house, who visits.",
                           "Always speak to the person on their own before writing it up."),
    "other_agency": ("Read receipts on strategy invites, or a phone call for anything urgent.",
                     "One named person in each agency who we can ring.",
                     "Agreeing in writing who does what, before anyone leaves the meeting.",
                     "A check-in call the day after discharge."),
    "info_systems": ("A single place on the system for current address and who lives there.",
                     "Flags that show on every linked record, not just one.",
                     "Make it harder to send the wrong attachment - a warning when the name doesn't match.",
                     "Someone to own the shared inboxes."),
    "handover": ("A proper handover template when cases transfer, with open actions at the top.",
                 "No transfers on a Friday afternoon.",
                 "A joint visit as standard at transfer."),
    "workload": ("Honestly just fewer cases.", "Protected time for recording.",
                 "Cover for people on leave that is actually planned."),
    "supervision": ("Protected supervision time that doesn't get cancelled.",
                    "A duty manager who is always reachable for sign-off."),
    "culture": ("It being OK to ask 'are you sure?' without it being taken badly.",
                "Sharing stories like this so people see what good looks like."),
    "leadership": ("A consistent message from managers about thresholds.",
                   "Someone checking the rota is covered before the day starts."),
    "family": ("Check how the family wants to be contacted, and who else sees that phone or post.",
               "Always telling parents about changes by phone, not just a letter."),
    "reasoning": ("Building in a 'what else could be going on' question in supervision.",
                  "A reminder on the assessment to check who the information came from."),
}
GOOD_PRACTICE_HELP = ("Would be good if this was just how we always do it.",
                      "Please share this with other teams.",
                      "Making time for this in everyone's week.",
                      "More of this, honestly.")

OPENERS = ("Not sure if this counts but.", "Quick one.", "First time using this.",
           "Flagging because it's the second time this month.", "Writing this at the end of a long day.",
           "Bit of a long one, sorry.")
NEAR_MISS_OPENERS = ("Nothing bad happened in the end but I wanted to report it.", "Close call this one.")
CLOSERS = ("Happy to talk about it if that helps.", "I don't want anyone blamed, it could have been any of us.",
           "Thanks for reading.", "Probably not the only time this has happened.",
           "I've spoken to my TM about it already.")

FEEDBACK: dict[str, tuple[str, ...]] = {
    "prioritisation": ("Thank you for this report. The learning panel looked at it alongside two similar ones. The "
                       "front door now re-checks the date of the incident against the source log before rating a "
                       "contact, and this is in the MASH practice guide.",),
    "incomplete_picture": ("Thank you. This was discussed at the learning panel and has gone into the practice "
                           "bulletin. Checks with previous areas are now a required step on the contact form.",
                           "Thank you for raising this. Team managers have been asked to check in supervision that "
                           "everyone in the household, including fathers and partners, has been considered."),
    "other_agency": ("Thank you for this report. It was shared, without any identifying details, at the "
                     "safeguarding partnership's practice group. Partners agreed that anything urgent is confirmed "
                     "by phone as well as email.",
                     "Thank you. The hospital discharge team and adult services now hold a short call the day "
                     "before any Friday discharge with a new package."),
    "info_systems": ("Thank you. This was one of several reports about the case system. The systems team have "
                     "made the current address show at the top of the person summary and are reviewing how "
                     "warning flags carry across linked records.",
                     "Thank you for reporting this. A prompt now asks you to confirm the recipient and the "
                     "attachment before a document is emailed from the system."),
    "handover": ("Thank you. The transfer policy has been updated: open actions go at the top of the summary and "
                 "transfers are not completed on Friday afternoons.",),
    "workload": ("Thank you for being honest about the pressure you were under. Reports like this were taken to "
                 "the senior leadership team as part of the workload review, and recording time is now protected "
                 "on Friday mornings.",),
    "supervision": ("Thank you. Heads of service have agreed a rota so a manager is always available to sign off "
                    "decisions, and cancelled supervision is now rebooked within the week.",),
    "culture": ("Thank you for sharing this. It was used, anonymised, in the team briefing as an example of "
                "professional curiosity and challenge.",),
    "leadership": ("Thank you. The service manager now checks the duty rota each morning, and threshold "
                   "guidance has been reissued with a briefing for every team.",),
    "family": ("Thank you. Workers are now asked to record how each parent wants to be contacted and who else "
               "may see their phone or post, and the conference team phones parents about any change of time.",),
    "reasoning": ("Thank you for this honest reflection. It has gone into the reflective supervision guidance as "
                  "an example of checking our assumptions.",),
}

QUESTIONS: dict[str, tuple[str, str]] = {
    "info_systems": ("Thank you for reporting this. Was the out-of-date detail showing on the front screen of the "
                     "record, or only in the case notes?",
                     "front screen. the right one was only in a case note from the week before"),
    "handover": ("Thanks for this. Was there a written handover when the case moved, or was it verbal?",
                 "verbal only really, the transfer summary wasn't finished"),
    "workload": ("Thank you. Roughly how many cases were you holding at the time, if you're happy to say?",
                 "about 25, plus duty that week"),
    "other_agency": ("Do you know whether the information was sent by the other agency and not picked up, or "
                     "never sent?",
                     "never sent as far as I can tell, they thought we already had it"),
    "supervision": ("Was there anyone you could have talked it through with at the time?",
                    "not really, my TM was in a conference all afternoon and there was no duty manager"),
}
GENERIC_QUESTION = ("Thank you for taking the time to write this up. Is there anything you'd want the learning panel "
                    "to know that isn't in the report?",
                    "Just that it could easily happen again, nothing has changed yet.")
FOLLOW_UPS = ("That's really helpful, thank you. We'll take it to the next learning panel.",
              "Thank you, that makes it much clearer.")

ABBREVIATIONS = (
    ("initial child protection conference", "ICPC"), ("child protection plan", "CP plan"),
    ("child protection", "CP"), ("social workers", "SWs"), ("social worker", "SW"), ("team manager", "TM"),
    ("section 47", "s47"), ("health visitor", "HV"), ("strategy discussion", "strat"), ("information", "info"),
    ("because", "cos"), ("appointments", "appts"), ("about the", "re the"), ("about mum", "re mum"), ("and", "&"),
    ("with", "w/"),
    ("assessment", "assmt"), ("safeguarding", "s/g"), ("weeks", "wks"), ("something", "sth"),
)

# ---------------------------------------------------------------------------------------------------
# The generated report
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoMessage:
    author_kind: str  # "reviewer" or "reporter"
    body: str


@dataclass(frozen=True)
class DemoReport:
    index: int
    kind: str
    potential_harm: int
    service_area: str
    stage: str
    agencies: tuple[str, ...]
    occurred_month: int | None
    occurred_year: int | None
    confidentiality: str
    what_happened: str
    potential_harm_text: str
    how_noticed: str
    what_would_help: str
    submitted_on: date
    submitted_minute: int  # minutes after midnight, local time
    theme: str
    situation: str
    slip: str
    style: str
    personal_data: tuple[tuple[str, str], ...]  # (kind, invented value) that appear in the narrative
    # What the loader does with it afterwards.
    awaiting_check: bool = False
    target_status: str = Status.RECEIVED
    reopened: bool = False
    feedback: str = ""
    thread: tuple[DemoMessage, ...] = field(default_factory=tuple)

    @property
    def narrative(self) -> str:
        return "\n\n".join(t for t in (self.what_happened, self.potential_harm_text, self.how_noticed,
                                       self.what_would_help) if t)

    @property
    def word_count(self) -> int:
        return len(self.narrative.split())

    def as_submission(self):
        from reporting.services import ReportSubmission

        return ReportSubmission(
            kind=self.kind, what_happened=self.what_happened, potential_harm=self.potential_harm,
            potential_harm_text=self.potential_harm_text, how_noticed=self.how_noticed,
            what_would_help=self.what_would_help, service_area=self.service_area, stage=self.stage,
            agencies=list(self.agencies), occurred_month=self.occurred_month, occurred_year=self.occurred_year,
            confidentiality=self.confidentiality,
        )


def name_lists() -> dict[str, tuple[str, ...]]:
    """Every invented name and place the generator can put into a narrative."""
    return {"first_name": GIRLS + BOYS + WOMEN + MEN + OLDER_WOMEN + OLDER_MEN + COLLEAGUES,
            "surname": SURNAMES, "street": STREETS, "school": SCHOOLS, "hospital": HOSPITALS}


def template_text() -> str:
    """All the fixed wording the generator composes from (for tests that look for stray names)."""
    parts: list[str] = []
    parts += [t for s in SITUATIONS for t in s.texts]
    parts += [s.text for s in SLIPS] + [h for s in SLIPS for h in s.harm_texts]
    parts += [b.text for blocks in NOTICED.values() for b in blocks] + [b.text for b in CIRCUMSTANCES + CONTEXT]
    parts += [h for helps in HELP.values() for h in helps] + list(GOOD_PRACTICE_HELP)
    parts += list(OPENERS) + list(NEAR_MISS_OPENERS) + list(CLOSERS) + list(_GENERIC_WORDS)
    parts += [short for _, short in ABBREVIATIONS] + list(WEEKDAYS) + list(MONTH_NAMES)
    parts += [e for extras in _EXTRAS.values() for e in extras] + ["For context:"]
    parts += ["Mr", "Mrs", "Mosaic ID", "LCS", "NHS no", "DB", "example.org", "yo", "age", "st nd rd th"]
    return "\n".join(parts)


# Generic wording used in place of personal data when a report has none.
_GENERIC_WORDS = ("the child", "the young person", "the YP", "the sibling", "the older sibling", "the baby", "mum",
                  "mum's partner", "the service user", "the gentleman", "the lady", "the person", "her son",
                  "his son", "her daughter", "his daughter", "her nephew", "his nephew", "her niece", "his niece",
                  "the family home", "the address", "the house", "the road", "school", "the hospital", "the ward",
                  "a colleague", "another SW", "someone in the team", "the number we had", "that day", "last week",
                  "earlier that week", "on the Friday", "that morning", "the son", "the daughter", "the nephew",
                  "the niece", "their street", "the estate")

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PRONOUNS = frozenset(f"{who}_{word}" for who in "cap" for word in ("he", "him", "his"))


class _Composer:
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
        phone = r.choice(("07700 900{:03d}", "07700900{:03d}", "01632 960{:03d}")).format(r.randint(0, 999))
        day = occurred.day if occurred else r.randint(1, 28)
        month = occurred.month if occurred else r.randint(1, 12)
        weekday = WEEKDAYS[occurred.weekday()] if occurred else r.choice(WEEKDAYS[:5])
        year = occurred.year if occurred else r.randint(2024, 2025)
        date_text = r.choice((f"{day}/{month:02d}", f"{day}/{month}", f"{weekday} {day}{_suffix(day)}",
                              f"{day} {MONTH_NAMES[month - 1]}", f"{day}.{month:02d}.{year % 100}"))
        ref_number = str(r.randint(1_000_000, 9_999_999))
        ref_text = {"mosaic": r.choice((f"Mosaic {ref_number}", f"Mosaic ID {ref_number}", f"DB{ref_number}")),
                    "lcs": f"LCS {ref_number[:6]}"}[case_system]
        nhs = _nhs_number(r)
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


def _nhs_number(rng: random.Random) -> str:
    """A well-formed NHS number (modulus 11 check digit) in the 999 range, which is never issued."""
    while True:
        digits = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        digits.append(0 if check == 11 else check)
        text = "".join(map(str, digits))
        return f"{text[:3]} {text[3:6]} {text[6:]}"


def _suffix(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def _fits(block: Block, situation: Situation, stage: str = "") -> bool:
    group = situation.group
    if block.areas and situation.area not in block.areas:
        return False
    if (block.stages and stage not in block.stages) or situation.key in block.skip:
        return False
    return ANY in block.groups or group in block.groups


def _eligible_slips(kind: str, situation: Situation, stage: str) -> list[tuple[Slip, float]]:
    def ok(s: Slip, strict_stage: bool) -> bool:
        if s.kind != kind:
            return False
        if s.areas and situation.area not in s.areas:
            return False
        if s.situations and situation.key not in s.situations:
            return False
        if ANY not in s.groups and situation.group not in s.groups:
            return False
        if situation.group == ANY and ANY not in s.groups:
            return False
        return not (strict_stage and s.stages and stage not in s.stages)

    strict = [s for s in SLIPS if ok(s, True)]
    if not strict:
        strict = [s for s in SLIPS if ok(s, False)]
    # Area-specific slips are few, so give them a fair chance in their area; slips that fit any group are
    # a seasoning, not the main course.
    pool: list[tuple[Slip, float]] = []
    for s in strict:
        weight = 3 if len(s.areas) == 1 else (1 if ANY in s.groups and situation.group != ANY else 2)
        # Information systems turn up everywhere; keep them from crowding out the SCIE themes.
        weight *= 1 if s.theme == "info_systems" else 2
        pool.append((s, weight))
    return pool


def _pick(rng: random.Random, weighted: list[tuple], used: dict[str, int]):
    """A weighted choice that goes easy on what has already been used a lot, so texts vary."""
    weights = [w / (1 + used.get(item.key, 0)) ** 1.5 for item, w in weighted]
    item = rng.choices([item for item, _ in weighted], weights=weights, k=1)[0]
    used[item.key] = used.get(item.key, 0) + 1
    return item


_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*(?:- )?)([a-z])")


def _sentence_case(text: str) -> str:
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _abbreviate(text: str, rng: random.Random, rate: float) -> str:
    for long, short in ABBREVIATIONS:
        if rng.random() < rate:
            text = re.sub(r"(?<![\w'])" + re.escape(long) + r"(?![\w'])", short, text, flags=re.IGNORECASE)
    return text


def _casual_lower(text: str, keep: set[str]) -> str:
    def word(m: re.Match) -> str:
        w = m.group(0)
        if (len(w) > 1 and w.isupper()) or w in keep:
            return w
        return w.lower()

    return re.sub(r"[A-Za-z][A-Za-z'’]*", word, text)


def _bullets(text: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    if len(sentences) < 2:
        return text
    return "\n".join("- " + s.rstrip(".") for s in sentences)


def _no_full_stops(text: str) -> str:
    return re.sub(r"\.(\s+|$)", lambda m: " -" + m.group(1) if m.group(1) else "", text).strip()


STYLES = {"plain": 30, "abbrev": 25, "casual": 15, "lower": 10, "bullets": 12, "dashes": 8}


def _style(fields: dict[str, str], style: str, rng: random.Random, keep: set[str]) -> dict[str, str]:
    out = {}
    rate = {"abbrev": 0.6, "casual": 0.35, "lower": 0.4, "bullets": 0.3, "dashes": 0.3}.get(style, 0.05)
    for name, text in fields.items():
        if not text:
            out[name] = text
            continue
        text = _abbreviate(text, rng, rate)
        text = _sentence_case(text)
        if style == "casual":
            text = _casual_lower(text, keep)
        elif style == "lower":
            text = text.lower()
        elif style == "bullets" and name in ("what_happened", "what_would_help"):
            text = _bullets(text)
        elif style == "dashes":
            text = _no_full_stops(text)
        out[name] = text
    return out


_HARM_WEIGHTS = {
    NEAR: {H.UNKNOWN: 6, "slip": 90, H.LOW: 4},
    INCIDENT: {H.UNKNOWN: 5, "slip": 95},
    WELL: {H.UNKNOWN: 12, "slip": 60, H.NONE: 28},
    WORRY: {H.UNKNOWN: 15, "slip": 85},
}
KIND_WEIGHTS = {NEAR: 45, INCIDENT: 20, WELL: 15, WORRY: 20}
CONFIDENTIALITY_WEIGHTS = {Confidentiality.ANONYMOUS: 45, Confidentiality.CONFIDENTIAL: 35,
                           Confidentiality.OPEN: 20}
PD_WEIGHTS = {"none": 25, "some": 45, "lots": 30}


def _month_start(today: date, months_back: int) -> date:
    y, m = today.year, today.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    return date(y, m, 1)


def _occurred(rng: random.Random, today: date) -> date:
    back = rng.choices(range(MONTHS_BACK), weights=[1.6 - 0.05 * k for k in range(MONTHS_BACK)], k=1)[0]
    start = _month_start(today, back)
    end = today if back == 0 else (_month_start(today, back - 1) - timedelta(days=1))
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _compose_one(rng: random.Random, index: int, today: date, case_system: str, used: dict[str, int]) -> DemoReport:
    kind = _weighted(rng, KIND_WEIGHTS)
    area = _weighted(rng, AREA_WEIGHTS)
    situation = _pick(rng, [(s, 1.0) for s in SITUATIONS if s.area == area], used)
    stage = rng.choice(situation.stages)
    slip = _pick(rng, _eligible_slips(kind, situation, stage), used)
    group = situation.group

    occurred = _occurred(rng, today)
    known_date = rng.random() > 0.06
    delay = rng.choices((0, 1, 2, 3, 5, 8, 14, 21), weights=(30, 25, 12, 10, 8, 6, 5, 4), k=1)[0]
    submitted_on = min(today, occurred + timedelta(days=delay))
    minute = rng.choices((rng.randint(8 * 60, 17 * 60 + 30), rng.randint(18 * 60, 23 * 60 + 30),
                          rng.randint(6 * 60, 8 * 60)), weights=(65, 28, 7), k=1)[0]
    if submitted_on == today:
        minute = min(minute, 8 * 60)  # never "later today"

    composer = _Composer(rng, situation, _weighted(rng, PD_WEIGHTS), occurred if known_date else None,
                         case_system)
    pd: list[tuple[str, str]] = []

    def fill(template: str) -> str:
        text, found = composer.fill(template)
        pd.extend(found)
        return text

    harm_choice = _weighted(rng, _HARM_WEIGHTS[kind])
    harm = rng.choice(slip.harm) if harm_choice == "slip" else int(harm_choice)

    # What happened: [opener] situation + slip [+ circumstances] [+ closer]
    parts = []
    if rng.random() < 0.22:
        parts.append(rng.choice(OPENERS + (NEAR_MISS_OPENERS if kind == NEAR else ())))
    parts.append(fill(rng.choice(situation.texts)))
    long_report = rng.random() < 0.2
    if long_report or rng.random() < 0.25:
        context = [b for b in CONTEXT if _fits(b, situation, stage)]
        parts.extend(fill(b.text) for b in rng.sample(context, rng.randint(2, 3) if long_report else 1))
    parts.append(fill(slip.text))
    circumstances = [b for b in CIRCUMSTANCES if _fits(b, situation, stage)]
    n_circ = rng.choices((0, 1, 2), weights=((25, 50, 25) if kind in (NEAR, INCIDENT) else (55, 40, 5)), k=1)[0]
    if long_report:
        n_circ = max(n_circ, 2 if kind != WELL else 1)
    chosen_circ = rng.sample(circumstances, n_circ)
    circ_in_help = rng.random() < 0.25
    if not circ_in_help:
        parts.extend(fill(b.text) for b in chosen_circ)
    if rng.random() < (0.6 if long_report else 0.15):
        parts.append(rng.choice(CLOSERS))
    what_happened = " ".join(parts)

    harm_texts = slip.harm_texts
    potential_harm_text = fill(rng.choice(harm_texts)) if harm_texts and rng.random() < 0.8 else ""

    noticed_pool = [b for b in NOTICED[kind] if _fits(b, situation, stage)]
    how_noticed = fill(rng.choice(noticed_pool).text) if rng.random() < (0.88 if kind != WORRY else 0.6) else ""

    helps: list[str] = []
    if kind == WELL:
        if rng.random() < 0.8:
            helps.append(rng.choice(GOOD_PRACTICE_HELP))
    else:
        options = list(HELP[slip.theme])
        if rng.random() < 0.85:
            helps.append(rng.choice(options))
        if rng.random() < (0.3 if long_report else 0.08):
            other_theme = rng.choice(sorted(HELP))
            helps.append(rng.choice(HELP[other_theme]))
    if circ_in_help and chosen_circ:
        context = fill(chosen_circ[0].text)
        helps.insert(0, "For context: " + context[0].lower() + context[1:])
    what_would_help = " ".join(dict.fromkeys(helps))

    # Personal-data extras, so the de-identification has a bit more to find.
    if rng.random() < {"lots": 0.7, "some": 0.15}.get(composer.pd_level, 0):
        extras = [e for e in _EXTRAS.get(group, ()) if composer.all_specific(e)
                  and (situation.area in _AT_HOME or "Mum" not in e)]
        if extras:
            what_happened += " " + fill(rng.choice(extras))

    fields = {"what_happened": what_happened, "potential_harm_text": potential_harm_text,
              "how_noticed": how_noticed, "what_would_help": what_would_help}
    fields = _fit_length(fields, rng, fill, situation, stage)

    style = _weighted(rng, STYLES)
    keep = {w for _, v in pd for w in v.split()}
    fields = _style(fields, style, rng, keep)

    narrative = "\n".join(fields.values()).lower()
    personal = tuple(dict.fromkeys((k, v) for k, v in pd if v.lower() in narrative))

    agencies = set(situation.agencies) | set(slip.agencies)
    if agencies and rng.random() < 0.35:
        agencies = set(rng.sample(sorted(agencies), rng.randint(1, len(agencies))))
    if rng.random() < 0.08:
        agencies = set()
    stage_value = stage if rng.random() > 0.04 else ""

    return DemoReport(
        index=index, kind=str(kind), potential_harm=int(harm), service_area=str(area), stage=str(stage_value),
        agencies=tuple(sorted(str(a) for a in agencies)),
        occurred_month=occurred.month if known_date else None, occurred_year=occurred.year if known_date else None,
        confidentiality=str(_weighted(rng, CONFIDENTIALITY_WEIGHTS)),
        submitted_on=submitted_on, submitted_minute=minute, theme=slip.theme, situation=situation.key,
        slip=slip.key, style=style, personal_data=personal, **fields,
    )


_EXTRAS = {
    CHILD: ("For info the family live at {address} and {child} goes to {school}.",
            "Mum's mobile is {phone} if anyone needs it.",
            "Mum emailed me from {email} afterwards, very upset.",
            "Record is under {child_full}{ref_paren}."),
    ADULT: ("{adult} lives at {address}{nhs_paren}.",
            "{carer}'s number is {phone}.",
            "{carer_short} emailed from {email} to complain."),
    MH: ("{adult} lives at {address}.", "Best number for {a_him} is {phone}.",
         "Discharge was from {hospital}{nhs_paren}."),
}


def _fit_length(fields, rng, fill, situation, stage):
    def words() -> int:
        return sum(len(t.split()) for t in fields.values())

    extras = [b for b in CIRCUMSTANCES if _fits(b, situation, stage)]
    while words() < MIN_WORDS + 5:
        addition = fill(rng.choice(extras).text)
        if addition not in fields["what_happened"]:
            fields["what_happened"] += " " + addition
        elif not fields["what_would_help"]:
            fields["what_would_help"] = rng.choice(GOOD_PRACTICE_HELP)
        else:
            fields["what_happened"] += " " + rng.choice(CLOSERS)
    for name in ("what_would_help", "how_noticed", "potential_harm_text"):
        if words() <= MAX_WORDS - 10:
            break
        fields[name] = ""
    return fields


def _plan(reports: list[DemoReport], rng: random.Random, today: date) -> list[DemoReport]:
    """Decide what the loader does with each report: confirm, move on, close with feedback, message."""
    from dataclasses import replace

    count = len(reports)
    awaiting = max(1, round(count * 0.075)) if count >= 4 else 0
    newest = set(range(count - awaiting, count))
    planned = []
    for i, report in enumerate(reports):
        age = (today - report.submitted_on).days
        if i in newest:
            planned.append(replace(report, awaiting_check=True, target_status=Status.RECEIVED))
            continue
        if age < 10:
            weights = {Status.RECEIVED: 50, Status.IN_REVIEW: 50}
        elif age < 45:
            weights = {Status.RECEIVED: 10, Status.IN_REVIEW: 40, Status.CODED: 40, Status.CLOSED: 10}
        elif age < 120:
            weights = {Status.RECEIVED: 5, Status.IN_REVIEW: 25, Status.CODED: 35, Status.CLOSED: 35}
        else:
            weights = {Status.IN_REVIEW: 8, Status.CODED: 22, Status.CLOSED: 70}
        status = _weighted(rng, weights)
        reopened = status == Status.CLOSED and rng.random() < 0.04
        feedback = rng.choice(FEEDBACK[report.theme]) if status == Status.CLOSED else ""
        thread: tuple[DemoMessage, ...] = ()
        if status != Status.RECEIVED and rng.random() < 0.1:
            question, answer = QUESTIONS.get(report.theme, GENERIC_QUESTION)
            thread = (DemoMessage("reviewer", question), DemoMessage("reporter", answer))
            if rng.random() < 0.6:
                thread += (DemoMessage("reviewer", rng.choice(FOLLOW_UPS)),)
        planned.append(replace(report, target_status=str(status), reopened=reopened, feedback=feedback,
                               thread=thread))
    return planned


def generate(count: int = DEFAULT_COUNT, *, seed: int = DEFAULT_SEED, today: date | None = None,
             case_system: str = "mosaic") -> list[DemoReport]:
    """`count` reports, oldest first. The same arguments always give the same reports."""
    today = today or date.today()
    rng = random.Random(f"goodcatch-demo:{seed}:{count}:{case_system}")
    used: dict[str, int] = {}
    reports = [_compose_one(rng, i, today, case_system, used) for i in range(count)]
    reports.sort(key=lambda r: (r.submitted_on, r.submitted_minute, r.index))
    from dataclasses import replace

    reports = [replace(r, index=i) for i, r in enumerate(reports)]
    return _plan(reports, rng, today)


def iter_texts(reports: Iterable[DemoReport]) -> Iterable[str]:
    for report in reports:
        yield report.narrative
