"""The easy-read journey for children, young people, adults who use services, and carers: one
question a page, then a check of the answers, then the receipt (docs/easy-read.md).

/r/ is an anonymous route with no session (core.anonymity), so earlier answers travel in the pages
themselves: a signed hidden field ("state") that the server made and can check, and nothing is kept
on the server until the report is sent. A state that was changed or cannot be read is refused, and
the words on the page that sent it are shown back so that nothing is lost.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from django.core import signing

from reporting.choices import ReportKind
from reporting.forms import new_idempotency_key
from reporting.services import ReportSubmission

QUESTIONS = ("who", "what", "feel", "better", "talk")
CHECK = "check"
TEXT_ANSWERS = ("what", "feel", "better", "contact")


class BrokenState(Exception):
    """The answers carried in the page were changed, or are not ours."""


@dataclass(frozen=True)
class Answers:
    """What the reporter has answered so far, where they are, and the key that makes sending act once."""

    key: str
    at: str = QUESTIONS[0]
    returning: bool = False  # came from the check page: "Continue" goes back there
    who: str = ""
    what: str = ""
    feel: str = ""
    better: str = ""
    talk: str = ""
    contact: str = ""

    def with_answers(self, **answers: str) -> Answers:
        return replace(self, **answers)

    def missing(self) -> list[str]:
        """The questions that must be answered before sending: who, what happened, and talk or not."""
        return [name for name in ("who", "what", "talk") if not getattr(self, name)]

    def submission(self) -> ReportSubmission:
        """The report these answers make. How it felt is the harm it did; what would make it better is
        what would help. Contact details are kept only when the reporter asked to be contacted."""
        return ReportSubmission(
            kind=ReportKind.CONCERN, what_happened=self.what, potential_harm_text=self.feel,
            what_would_help=self.better, reporter_group=self.who,
            contact=self.contact if self.talk == "yes" else "",
        )


def _salt(organisation_id: int) -> str:
    # One organisation's pages cannot be replayed against another's.
    return f"goodcatch.reporting.easy-read:{organisation_id}"


def start() -> Answers:
    return Answers(key=new_idempotency_key())


def seal(answers: Answers, organisation_id: int) -> str:
    return signing.dumps(asdict(answers), salt=_salt(organisation_id), compress=True)


def unseal(token: str, organisation_id: int) -> Answers:
    try:
        data = signing.loads(token or "", salt=_salt(organisation_id))
        answers = Answers(**data)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise BrokenState from error
    if answers.at not in (*QUESTIONS, CHECK) or not answers.key:
        raise BrokenState
    return answers


def next_page(answers: Answers) -> str:
    if answers.returning or answers.at == QUESTIONS[-1]:
        return CHECK
    return QUESTIONS[QUESTIONS.index(answers.at) + 1]


def previous_page(at: str) -> str | None:
    """The page before `at`, or None before the first question (the start page)."""
    if at == CHECK:
        return QUESTIONS[-1]
    index = QUESTIONS.index(at)
    return QUESTIONS[index - 1] if index else None
