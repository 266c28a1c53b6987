"""What went wrong, what went well or what worries: the heart of each report, and which fit a situation."""

from __future__ import annotations

from demo.blocks import ADULT, ANY, AT_HOME, CHILD, INCIDENT, MH, NEAR, WELL, WORRY, A, H, S, Situation, Slip, suits
from reporting.choices import ServiceArea


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
          stages=[S.REFERRAL], agencies=[A.POLICE], areas=AT_HOME),
    _slip("no_previous_la", NEAR, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "I was about to NFA it as there was nothing on our system, then realised the family only moved here in "
          "the summer and nobody had asked the previous local authority for their records.",
          ["We would have closed a family who were on a CP plan in their last area.",
           "no checks with the old LA = we'd have been starting from zero with a family already known"],
          stages=[S.REFERRAL, S.ASSESSMENT], agencies=[A.OTHER_LA], areas=AT_HOME),
    _slip("letter_old_address", NEAR, [CHILD], "info_systems", [H.SEVERE],
          "The letter about the concerns was addressed to {address}, which is where dad still lives. Mum and the "
          "kids left there after the DA and the letter had their new area in it.",
          ["Dad would have found out roughly where mum and the children are now living."], areas=AT_HOME),
    _slip("police_not_invited", NEAR, [CHILD], "other_agency", [H.MODERATE, H.SEVERE],
          "Police weren't on the invite for the strategy discussion because it went to a generic inbox that isn't "
          "looked at after 4pm.",
          ["A decision about a section 47 could have been made without police checks."],
          stages=[S.STRATEGY], agencies=[A.POLICE], areas=AT_HOME),
    _slip("icpc_not_booked", NEAR, [CHILD], "handover", [H.MODERATE],
          "Case transferred on a Friday with the handover note saying 'no outstanding actions', but the ICPC still "
          "hadn't been booked.",
          ["The conference could have gone out of timescale with no CP plan in place."],
          stages=[S.TRANSFER], areas=AT_HOME),
    _slip("mum_presents_well", NEAR, [CHILD], "reasoning", [H.MODERATE, H.SEVERE],
          "I'd pretty much written the assessment up as 'mum is engaging well' because she always presents well on "
          "visits. I hadn't actually spoken to {child} on {c_his} own.",
          ["We'd have missed what {child} was actually living with.",
           "the child's voice was missing completely"],
          stages=[S.ASSESSMENT, S.REVIEW], areas=AT_HOME),
    _slip("text_shared_phone", NEAR, [CHILD], "family", [H.SEVERE],
          "I'd arranged the visit for when {partner} would be out, but the text confirming the time was about to go "
          "to {phone}, which turned out to be the shared family phone.",
          ["{partner} would have known we were coming and why, and mum would have borne the brunt."],
          stages=[S.INTERVENTION, S.SECTION_47, S.ASSESSMENT], areas=AT_HOME),
    _slip("nfa_no_signoff", NEAR, [CHILD], "supervision", [H.MODERATE, H.SEVERE],
          "On reflection I was about to agree NFA on the s47 on my own view, as the team manager was off and there "
          "was nobody senior to sign it off.",
          ["The s47 could have been closed without a second opinion."],
          stages=[S.SECTION_47, S.STRATEGY], areas=AT_HOME),
    _slip("unredacted_referrer", NEAR, [CHILD], "info_systems", [H.MODERATE, H.SEVERE],
          "The conference report was about to go to {parent} with the section about the neighbour who made the "
          "referral still in it, unredacted.",
          ["The referrer could have been identified and the neighbour dispute would have got a lot worse."],
          stages=[S.CP_CONFERENCE, S.REVIEW], areas=AT_HOME),
    _slip("home_conditions_unseen", NEAR, [CHILD], "prioritisation", [H.MODERATE],
          "The assessment had been sitting in my 'due' list for 3 weeks under a pile of others and the home "
          "conditions in the referral had never actually been seen.",
          ["Kids living in those conditions for weeks longer than they needed to."],
          stages=[S.ASSESSMENT], areas=AT_HOME),
    _slip("hv_vs_nursery", NEAR, [CHILD], "other_agency", [H.LOW, H.MODERATE],
          "The core group minutes said the health visitor would do the developmental check. The HV said she'd "
          "understood it was the nursery, so nobody had booked it.",
          ["{child}'s speech delay would have gone another few months without a check."],
          stages=[S.PLANNING, S.REVIEW], agencies=[A.HEALTH, A.EDUCATION], areas=AT_HOME),
    _slip("sibling_not_on_plan", NEAR, [CHILD], "incomplete_picture", [H.MODERATE, H.SEVERE],
          "Nobody had recorded that {child2} had moved back home, so the plan we were about to agree only covered "
          "{child}.",
          ["{child2} would have been in the house with no plan and no visits."],
          stages=[S.PLANNING, S.REVIEW, S.CP_CONFERENCE, S.INTERVENTION], areas=AT_HOME),
    _slip("marker_wrong_record", NEAR, [CHILD], "info_systems", [H.SEVERE],
          "I only found out on the doorstep of {address} that there's a 'do not visit alone' marker. It's on dad's "
          "record, not the children's, so it never showed on my list.",
          ["I could have been on my own in the house with someone with a history of violence towards professionals."],
          stages=[S.INTERVENTION, S.ASSESSMENT, S.SECTION_47], areas=AT_HOME),
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
          stages=[S.REFERRAL, S.STRATEGY], areas=AT_HOME),
    _slip("confirmation_bias", NEAR, [CHILD], "reasoning", [H.MODERATE, H.SEVERE],
          "I'd decided after the first visit that it was a parenting issue, and on reflection I was reading "
          "everything after that as proof, including the nursery's worries about {child}'s bruising.",
          ["A physical abuse concern written off as a parenting issue."],
          stages=[S.ASSESSMENT, S.INTERVENTION, S.SECTION_47], areas=AT_HOME),
    # --- incidents, children ---
    _slip("nfa_school_not_told", INCIDENT, [CHILD], "other_agency", [H.MODERATE, H.SEVERE],
          "The school's referral was NFA'd at the front door and nobody rang {school} back, so they assumed we were "
          "involved and stopped their own monitoring.",
          ["For about 6 weeks nobody was keeping an eye on {child} at all."],
          stages=[S.REFERRAL], agencies=[A.EDUCATION], areas=AT_HOME),
    _slip("ooT_assessment", INCIDENT, [CHILD], "workload", [H.LOW, H.MODERATE],
          "The assessment went out of timescale (day 63) and the first the family heard was a letter saying we "
          "were closing.",
          ["Family lost trust in us, and the support they actually needed never got offered."],
          stages=[S.ASSESSMENT], areas=AT_HOME),
    _slip("icpc_time_changed", INCIDENT, [CHILD], "family", [H.LOW, H.MODERATE],
          "{parent} wasn't told the ICPC had moved to the afternoon, and arrived after the decision had been made.",
          ["Mum felt the decision was made about her without her. She's now refusing to engage with the plan."],
          stages=[S.CP_CONFERENCE, S.REVIEW], areas=AT_HOME),
    _slip("police_early_visit", INCIDENT, [CHILD], "other_agency", [H.MODERATE, H.SEVERE],
          "Police went to speak to {child} at {school} before the strategy discussion had agreed who would do what, "
          "so the joint interview couldn't happen.",
          ["Evidence from {child} was compromised, and {c_he} had to tell it twice."],
          stages=[S.STRATEGY, S.SECTION_47], agencies=[A.POLICE, A.EDUCATION], areas=AT_HOME),
    _slip("between_teams", INCIDENT, [CHILD], "handover", [H.SEVERE, H.SEVERE, H.CATASTROPHIC],
          "The case fell between teams after the transfer: nobody visited for 5 weeks because each team thought "
          "the other one held it.",
          ["Children on a plan not seen for 5 weeks."],
          stages=[S.TRANSFER], areas=AT_HOME),
    _slip("closure_not_received", INCIDENT, [CHILD], "handover", [H.MODERATE],
          "We closed to early help, but the EHM worker never got the closure summary, so the family sat with "
          "nobody for a month.",
          ["Month with no support at all for a family we'd only just stepped down."],
          stages=[S.CLOSURE, S.TRANSFER], areas=AT_HOME),
    _slip("s47_delayed", INCIDENT, [CHILD], "leadership", [H.MODERATE, H.SEVERE],
          "The s47 visit was put back to the next day because there was nobody to cover duty, and the TM said the "
          "visit could wait.",
          ["{child} spent another night in the house after disclosing."],
          stages=[S.SECTION_47, S.STRATEGY], areas=AT_HOME),
    _slip("old_plan_nursery", INCIDENT, [CHILD], "info_systems", [H.SEVERE],
          "The nursery had an old version of the CP plan, without the contingency about dad not having "
          "unsupervised contact. They let dad collect {child} on {on_date}.",
          ["{child} was alone with dad for an afternoon, which the plan was there to stop."],
          stages=[S.PLANNING, S.REVIEW], agencies=[A.EDUCATION], areas=AT_HOME),
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
          stages=[S.STRATEGY, S.SECTION_47, S.REFERRAL], agencies=[A.EDUCATION], areas=AT_HOME),
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
          stages=[S.REFERRAL], agencies=[A.OTHER_LA], areas=AT_HOME),
    _slip("hv_challenge", WELL, [CHILD], "culture", [H.NONE, H.LOW],
          "At the core group the HV challenged the view that things were improving, and then everyone felt able to "
          "say they'd been worried too.",
          [], stages=[S.PLANNING, S.REVIEW, S.CP_CONFERENCE], agencies=[A.HEALTH], areas=AT_HOME),
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
          stages=[S.REFERRAL], areas=AT_HOME),
    _slip("assessment_caseloads", WORRY, [CHILD], "workload", [H.MODERATE, H.SEVERE],
          "Caseloads in the assessment team are over 25 each and people are doing visits at 7pm to keep up. "
          "Something will get missed.",
          ["Someone will miss something important because they are just too tired."]),
    _slip("da_notifications_late", WORRY, [CHILD], "other_agency", [H.MODERATE],
          "We're not getting DA notifications from police in time. They arrive 5 to 10 days after the incident.",
          ["By the time we look at it the moment to act has gone."],
          stages=[S.REFERRAL, S.STRATEGY], agencies=[A.POLICE], areas=AT_HOME),
    _slip("nqsw_s47", WORRY, [CHILD], "culture", [H.MODERATE, H.SEVERE],
          "Newly qualified workers are being given s47s without co-working and don't feel they can say no.",
          ["Inexperienced workers making big decisions alone."],
          stages=[S.SECTION_47, S.STRATEGY, S.ASSESSMENT], areas=AT_HOME),
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
          stages=[S.ASSESSMENT, S.REFERRAL, S.PLANNING], areas=AT_HOME),
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


def eligible_slips(kind: str, situation: Situation, stage: str) -> list[tuple[Slip, float]]:
    def ok(s: Slip, strict_stage: bool) -> bool:
        if s.kind != kind or (s.situations and situation.key not in s.situations):
            return False
        return suits(situation, stage, s.groups, s.areas, s.stages if strict_stage else ())

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

