"""Where the worker was and with whom: the opening of every report, and how often each area comes up."""

from __future__ import annotations

from demo.blocks import ADULT, ANY, CHILD, MH, A, S, Situation
from reporting.choices import ServiceArea


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

AREA_WEIGHTS = {
    ServiceArea.CHILDREN: 30, ServiceArea.EARLY_HELP: 10, ServiceArea.FOSTERING_ADOPTION: 8,
    ServiceArea.RESIDENTIAL: 8, ServiceArea.LEAVING_CARE: 7, ServiceArea.ADULTS: 22, ServiceArea.MENTAL_HEALTH: 10,
    ServiceArea.OTHER: 5,
}

