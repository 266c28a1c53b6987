"""What reviewers write back: closing feedback by theme, questions to the reporter, and the answers."""

from __future__ import annotations

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

