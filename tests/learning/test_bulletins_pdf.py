"""The PDF: WeasyPrint renders it from the published snapshot; its text holds the title and the items,
and its page count is recorded at publishing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from learning import bulletin_pdf
from tests.factories import sign_in
from tests.learning.factories_bulletins import done_action, published, theme_with_reports

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join((page.extract_text() or "") for page in reader.pages), len(reader.pages)


def test_the_pdf_holds_the_title_and_the_items_and_its_pages_are_recorded(organisation, reviewer):
    theme_with_reports(organisation, "Missed handovers", reports=6)
    done_action(organisation, "Key safes fitted at every house.")
    bulletin = published(organisation, by=reviewer)
    pdf, pages = bulletin_pdf.render(bulletin)
    assert pdf.startswith(b"%PDF-")
    text, counted = _text(pdf)
    words = " ".join(text.split())
    assert "Learning bulletin: March 2026" in words
    assert "Key safes fitted at every house." in words and "Missed handovers" in words
    assert "You said, we did" in words
    assert counted == pages == bulletin.pdf_pages >= 1


def test_a_long_bulletin_runs_over_several_pages(organisation, reviewer):
    for n in range(40):
        done_action(organisation, f"Action {n}: the handover sheet now lists every visit due in the next day, "
                                  "and the duty manager checks it at the start of each shift.")
    bulletin = published(organisation, by=reviewer)
    assert bulletin.pdf_pages is not None and bulletin.pdf_pages > 1
    assert _text(bulletin_pdf.render(bulletin)[0])[1] == bulletin.pdf_pages


def test_staff_download_the_pdf(client, organisation, reviewer, reporter_user):
    done_action(organisation, "Key safes fitted at every house.")
    bulletin = published(organisation, by=reviewer)
    sign_in(client, reporter_user)
    response = client.get(reverse("learning:bulletin-pdf", args=[organisation.slug, bulletin.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert int(response["X-Page-Count"]) == bulletin.pdf_pages
    assert "Key safes" in _text(response.content)[0]


def test_rendering_fetches_nothing(organisation, reviewer):
    """The template names no outside resource, and the fetcher WeasyPrint is given refuses any."""
    bulletin = published(organisation, by=reviewer)
    html = bulletin_pdf.html_of(bulletin)
    assert "http" not in html and "url(" not in html and "<link" not in html
    with pytest.raises(ValueError, match="disallowed protocol"):
        bulletin_pdf.refusing_fetcher().fetch("https://example.com/logo.png")
    with pytest.raises(ValueError, match="disallowed protocol"):
        bulletin_pdf.refusing_fetcher().fetch("file:///etc/passwd")
