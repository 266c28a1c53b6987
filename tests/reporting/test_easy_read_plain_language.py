"""Every easy-read page reads at grade 6 or lower (Flesch–Kincaid, core.readability), in English and
in Welsh, and answers in Welsh, with <html lang="cy">, to a browser that asks for it."""

import ast
import re

import pytest
from django.test import Client
from django.urls import reverse

from core.readability import grade, page_text

pytestmark = pytest.mark.django_db

MOST_GRADE = 6


def state_of(response) -> str:
    return re.search(rb'name="state" value="([^"]+)"', response.content).group(1).decode()


def every_page(client, organisation) -> dict:
    """Each easy-read page, with an error page and the receipt, as a reporter meets them."""
    url = reverse("reporting:easy-questions", args=[organisation.slug])

    def post(page, **data):
        return client.post(url, {"state": state_of(page), "action": "continue", **data})

    pages = {"start": client.get(reverse("reporting:easy-start", args=[organisation.slug]))}
    pages["who"] = page = client.get(url)
    pages["who, no answer"] = post(page)
    pages["what"] = page = post(page, who="child")
    pages["what, no answer"] = post(page, what="")
    pages["feel"] = page = post(page, what="The taxi did not come.")
    pages["better"] = page = post(page, feel="Sad.")
    pages["talk"] = page = post(page, better="A call.")
    pages["talk, no answer"] = post(page)
    pages["check"] = page = post(page, talk="yes")
    pages["receipt"] = client.post(url, {"state": state_of(page), "action": "send"})
    pages["broken"] = client.post(url, {"state": "not ours", "what": "Sad."})
    return pages


@pytest.fixture
def organisation(organisation):
    organisation.duty_phone_number = "01632 960 123"
    organisation.save()
    return organisation


@pytest.mark.parametrize(("accept", "lang"), [("en-GB", "en"), ("cy", "cy")])
def test_every_easy_read_page_reads_at_grade_six_or_lower(organisation, accept, lang):
    pages = every_page(Client(HTTP_ACCEPT_LANGUAGE=accept), organisation)
    assert len(pages) == 12
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        text = page_text(response.content.decode())
        assert len(text.split()) > 10, name
        assert grade(text, lang) <= MOST_GRADE, (name, round(grade(text, lang), 1), text)


def test_the_pages_answer_in_welsh_to_a_browser_that_asks(organisation):
    pages = every_page(Client(HTTP_ACCEPT_LANGUAGE="cy"), organisation)
    for name, response in pages.items():
        html = response.content.decode()
        assert '<html lang="cy"' in html, name
        assert "Cael help nawr" in html, name  # "Get help now"
        assert "Get help now" not in html, name
    assert "Pwy ydych chi?" in pages["who"].content.decode()
    assert "Dewiswch pwy ydych chi" in pages["who, no answer"].content.decode()
    assert "Beth ddigwyddodd?" in pages["what"].content.decode()
    assert "Gwiriwch beth ysgrifennoch chi" in pages["check"].content.decode()
    assert "Mae eich cod fel allwedd." in pages["receipt"].content.decode()


def test_every_easy_read_string_has_a_welsh_translation():
    """Each English text the easy-read pages show has an entry in the Welsh catalogue."""
    from pathlib import Path

    import polib

    root = Path(__file__).resolve().parents[2]
    catalogue = {entry.msgid for entry in polib.pofile(str(root / "reporting/locale/cy/LC_MESSAGES/django.po"))
                 if entry.msgstr}
    wanted = set()
    for template in (root / "reporting/templates/reporting/easy").glob("*.html"):
        source = template.read_text(encoding="utf-8")
        wanted |= set(re.findall(r'{% translate "([^"]+)"', source)) | set(re.findall(r"{% translate '([^']+)'", source))
        wanted |= set(re.findall(r'_\("([^"]+)"\)', source))
        for body in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", source, re.S):
            wanted.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", body))
    for module in ("easy_read_forms.py", "easy_read_views.py"):
        tree = ast.parse((root / "reporting" / module).read_text(encoding="utf-8"))
        wanted |= {node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
                   and getattr(node.func, "id", "") == "_" and node.args and isinstance(node.args[0], ast.Constant)}
    assert len(wanted) > 50
    assert wanted - catalogue == set()
