"""manage.py welsh_catalogue: finds messages as makemessages would, and updates a .po without GNU gettext."""

from __future__ import annotations

import polib
import pytest
from django.core.management import CommandError, call_command

from core import catalogue

TEMPLATE = """{% load i18n %}<h1>{% translate "Report a near miss" %}</h1>
<p>{% translate "Month" context "calendar" %}</p>
{% blocktranslate with n=count %}You can enter up to {{ n }} characters{% endblocktranslate %}
{% blocktranslate count counter=total %}One report{% plural %}{{ counter }} reports{% endblocktranslate %}
<p>{% blocktranslate trimmed %}
  Spread over
  lines
{% endblocktranslate %}</p>{{ not_translated }} plain text
"""

PYTHON = '''
from django.utils.translation import gettext as _, gettext_lazy, ngettext, pgettext_lazy
A = _("Plain")
B = gettext_lazy("Lazy " "and joined")
C = ngettext("%(n)d minute", "%(n)d minutes", 3)
D = pgettext_lazy("month name", "May")
E = _(some_variable)
'''


def test_templates_give_the_msgids_django_looks_up():
    found = catalogue.Found({})
    catalogue.from_template(TEMPLATE, "t.html", found)
    assert set(found.messages) == {
        catalogue.Message("Report a near miss"),
        catalogue.Message("Month", context="calendar"),
        catalogue.Message("You can enter up to %(n)s characters"),
        catalogue.Message("One report", plural="%(counter)s reports"),
        catalogue.Message("Spread over lines"),
    }


def test_python_calls_with_literal_strings_are_found():
    found = catalogue.Found({})
    catalogue.from_python(PYTHON, "m.py", found)
    assert set(found.messages) == {
        catalogue.Message("Plain"), catalogue.Message("Lazy and joined"),
        catalogue.Message("%(n)d minute", plural="%(n)d minutes"), catalogue.Message("May", context="month name"),
    }
    assert found.messages[catalogue.Message("Plain")] == ["m.py:3"]


def test_updating_adds_new_strings_keeps_translations_and_marks_removed_ones_obsolete(tmp_path):
    po_path = tmp_path / "cy" / "django.po"
    first = catalogue.Found({})
    catalogue.from_python(PYTHON, "m.py", first)
    result = catalogue.update_catalogue(po_path, first)
    assert (result.added, result.untranslated) == (4, 4)
    po = polib.pofile(str(po_path))
    assert po.metadata["Plural-Forms"] == catalogue.WELSH_PLURAL_FORMS
    po.find("Plain").msgstr = "Plaen"
    po.find("%(n)d minute").msgstr_plural = dict.fromkeys(range(4), "%(n)d munud")
    po.save()

    second = catalogue.Found({})
    catalogue.from_python('_("Plain")\n_("New")\nngettext("%(n)d minute", "%(n)d minutes", 1)', "m.py", second)
    result = catalogue.update_catalogue(po_path, second)
    assert (result.added, result.obsoleted, result.untranslated) == (1, 2, 1)
    po = polib.pofile(str(po_path))
    assert po.find("Plain").msgstr == "Plaen"
    assert po.find("%(n)d minute").msgstr_plural[3] == "%(n)d munud"
    assert po.find("New").msgstr == ""
    assert po.find("Lazy and joined", include_obsolete_entries=True).obsolete

    catalogue.update_catalogue(po_path, first)
    assert not polib.pofile(str(po_path)).find("Lazy and joined").obsolete  # back again, not duplicated


def test_every_string_the_project_catalogue_covers_has_welsh():
    """Fails when a string was added to a template or form and nobody gave it Welsh."""
    call_command("welsh_catalogue", "--check")


def test_check_names_a_string_without_welsh_and_changes_nothing(tmp_path, settings):
    (tmp_path / "someapp" / "templates").mkdir(parents=True)
    (tmp_path / "someapp" / "templates" / "page.html").write_text(
        '{% load i18n %}{% translate "Hello there, unknown words" %}{% translate "Month" %}')
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="1 string"):
        call_command("welsh_catalogue", "--app", "someapp", "--check")
    assert not (tmp_path / "someapp" / "locale").exists()
    call_command("welsh_catalogue", "--app", "someapp")
    assert polib.pofile(str(tmp_path / "someapp/locale/cy/LC_MESSAGES/django.po")).find("Hello there, unknown words").msgstr == ""
