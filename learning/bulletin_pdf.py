"""A published bulletin as a PDF, rendered by WeasyPrint from an HTML template with a print stylesheet.

Nothing is fetched while rendering (no stylesheet, image or font from anywhere): the template
carries its own CSS and names fonts the system has (scripts/ensure-pdf-libs.sh installs DejaVu).
"""

from __future__ import annotations

from functools import lru_cache

from django.template.loader import render_to_string

from learning.models import Bulletin

TEMPLATE = "learning/bulletins/pdf.html"


@lru_cache(maxsize=1)
def refusing_fetcher():
    from weasyprint import URLFetcher

    # Only data: URIs, and the template has none: a link in a bulletin's text is never followed.
    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)


def html_of(bulletin: Bulletin) -> str:
    return render_to_string(TEMPLATE, {"bulletin": bulletin, "snapshot": bulletin.snapshot})


def render(bulletin: Bulletin) -> tuple[bytes, int]:
    """The PDF of the bulletin's published snapshot, and its number of pages."""
    from weasyprint import HTML  # pango loads only when a PDF is first asked for

    document = HTML(string=html_of(bulletin), base_url=None, url_fetcher=refusing_fetcher()).render()
    return document.write_pdf(), len(document.pages)
