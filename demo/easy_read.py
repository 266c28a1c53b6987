"""Demo easy-read reports (reporting.easy_read): one from a young person that is urgent, one from a
carer, and one in Welsh. The organisation gets a duty number from the range Ofcom keeps for drama."""

from __future__ import annotations

from reporting.choices import ReporterGroup, ReportKind
from reporting.services import ReportSubmission, reports_for_organisation, submit_report

DUTY_NUMBER = "01632 960 000"
REPORTS = (
    ReportSubmission(kind=ReportKind.CONCERN, reporter_group=ReporterGroup.CHILD,
                     what_happened="My name is Megan. My mum's boyfriend hits me when he is drunk. I am scared to go home "
                                   "after school.",
                     potential_harm_text="Scared and sad.", what_would_help="Someone to check on me and my little brother."),
    ReportSubmission(kind=ReportKind.CONCERN, reporter_group=ReporterGroup.CARER,
                     what_happened="The review meeting about Dad was moved three times and nobody told us why.",
                     potential_harm_text="Frustrated and tired.", what_would_help="Tell us when a meeting moves."),
    ReportSubmission(kind=ReportKind.CONCERN, reporter_group=ReporterGroup.SERVICE_USER,
                     what_happened="Roedd y tacsi i'r ganolfan ddydd yn hwyr bob dydd yr wythnos hon.",
                     potential_harm_text="Yn drist.", what_would_help="Galwad ffôn pan mae'r tacsi'n hwyr."),
)


def load_easy_read(organisation) -> list[tuple[str, str]]:
    """Send the demo easy-read reports once (a second run leaves them); returns (reference, receipt code)."""
    if not organisation.duty_phone_number:
        organisation.duty_phone_number = DUTY_NUMBER
        organisation.save(update_fields=["duty_phone_number"])
    if reports_for_organisation(organisation).filter(is_demo=True).exclude(reporter_group="").exists():
        return []
    results = [submit_report(organisation, submission, is_demo=True) for submission in REPORTS]
    return [(result.report.reference, result.receipt_code) for result in results if result.receipt_code][:1]
