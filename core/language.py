"""The language switcher's choice, kept without a tracking cookie.

A link to the same page with ``?lang=cy`` (or ``?lang=en-gb``) shows that page in the chosen language and
sets Django's language cookie, which holds nothing but "cy" or "en-gb": core.anonymity lets that one
cookie through on reporters' routes, and LocaleMiddleware reads it on every later page. It is
session-scoped, Secure where the site is, HttpOnly and SameSite=Lax (settings.LANGUAGE_COOKIE_*), so
a shared family computer keeps no lasting trace of the service once the browser is closed.

Without cookies the choice still holds for the page it was made on and for a form sent from it (the
form posts to the same address, ``?lang=`` included). Goes straight after LocaleMiddleware.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_noop

PARAMETER = "lang"

# Django's own Welsh catalogue spells July "Gorffenaf"; the standard spelling is "Gorffennaf". Listed
# here so that `manage.py welsh_catalogue` keeps the project catalogue's correction, which wins.
CORRECTED_IN_THE_PROJECT_CATALOGUE = (gettext_noop("July"),)


def chosen_language(request: HttpRequest) -> str | None:
    """The language asked for in the address, if it is one the service speaks."""
    asked = request.GET.get(PARAMETER, "").strip().lower()
    return asked if asked in {code for code, _name in settings.LANGUAGES} else None


class LanguageChoiceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        if language is None:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
