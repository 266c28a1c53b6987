"""The library of learning's pages: the list with its search, one item, the Atom feed, and the two
organisation pages (the sharing setting, and publishing review vignettes). Thin: the rules are in
sharing.library."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from learning.supervision import PROMPTS
from organisations import two_factor
from organisations.decorators import org_permission_required
from organisations.permissions import MANAGE_SHARING, RUN_LEARNING_REVIEW
from organisations.services import OrgAccess
from sharing import library
from sharing.library_forms import LibrarySearchForm, LibrarySharingForm

FEED_ITEMS = 50


def _refusal(request: HttpRequest) -> HttpResponse | None:
    """Sign in first, with a second factor where the user's roles need one; then be a member somewhere."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not two_factor.satisfied(request):
        return two_factor.redirect_to_second_step(request.user, request.get_full_path())
    if not library.is_reader(request.user):
        raise PermissionDenied
    return None


def _found(request: HttpRequest, reader=None) -> tuple[LibrarySearchForm, list[library.LibraryItem]]:
    """What the reader (the signed-in user unless given) may read, and the search the query string asks for."""
    items = library.items_for(reader or request.user)
    form = LibrarySearchForm(request.GET or None, sources=library.sources_of(items))
    return form, library.find(items, **form.filters())


def _feed_url(form: LibrarySearchForm) -> str:
    """The feed of what the page shows: the same search, every page."""
    chosen = {name: value for name, value in form.filters().items() if value}
    return reverse("sharing:library-feed") + (f"?{urlencode(chosen)}" if chosen else "")


@never_cache
@require_GET
def library_list(request: HttpRequest) -> HttpResponse:
    if (refused := _refusal(request)) is not None:
        return refused
    form, found = _found(request)
    page = Paginator(found, library.PAGE_SIZE).get_page(request.GET.get("page", 1))
    return render(request, "sharing/library/list.html", {
        "form": form, "page": page, "total": len(found), "searched": any(form.filters().values()),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "feed_url": _feed_url(form), "own_settings": library.own_settings(request.user)},
        status=400 if form.errors else 200)


@never_cache
@require_GET
def library_item(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if (refused := _refusal(request)) is not None:
        return refused
    item = library.item_for(request.user, kind, key)
    if item is None:
        raise Http404("No such item in your library")
    prompts = [(str(title), str(question)) for title, question in PROMPTS] if kind == library.VIGNETTE else []
    return render(request, "sharing/library/item.html", {"item": item, "prompts": prompts})


class LibraryFeed(Feed):
    """The library as Atom, for one reader: the signed-in user, or the owner of a personal feed link."""

    feed_type = Atom1Feed

    def __init__(self, reader):
        self.reader = reader

    def get_object(self, request, *args, **kwargs):
        form, found = _found(request, self.reader)
        return found[:FEED_ITEMS]

    def title(self, obj):
        return _("Good Catch: library of learning")

    def subtitle(self, obj):
        return _("Published learning from your organisation and every organisation that shares its own.")

    def link(self, obj):
        return reverse("sharing:library")

    def items(self, obj):
        return obj

    def item_title(self, item):
        return f"{item.title} ({item.kind_label}, {item.organisation})"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.organisation

    def item_categories(self, item):
        return [item.kind_label]


def _feed_response(request: HttpRequest, reader) -> HttpResponse:
    response = LibraryFeed(reader)(request)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def library_feed(request: HttpRequest) -> HttpResponse:
    """The feed for a signed-in session, as the pages are: a feed is never served without knowing who reads it."""
    if (refused := _refusal(request)) is not None:
        return refused
    return _feed_response(request, request.user)


@never_cache
@require_GET
def library_token_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed for a feed reader, which has no session: the personal link says whose library it is.
    An unknown, revoked or no-longer-a-member link is simply not found."""
    reader = library.reader_for_feed_token(token)
    if reader is None:
        raise Http404("No such feed")
    return _feed_response(request, reader)


@never_cache
@require_http_methods(["GET", "POST"])
def library_feed_link(request: HttpRequest) -> HttpResponse:
    """Make, replace or stop one's personal feed link. A new link is shown once, on this response."""
    if (refused := _refusal(request)) is not None:
        return refused
    new_url = ""
    if request.method == "POST":
        if request.POST.get("do") == "revoke":
            if library.revoke_feed_token(request.user):
                messages.success(request, _("Your feed link no longer works."))
            return redirect("sharing:library-feed-link")
        token = library.create_feed_token(request.user)
        new_url = request.build_absolute_uri(reverse("sharing:library-token-feed", kwargs={"token": token}))
    return render(request, "sharing/library/feed_link.html", {
        "current": library.feed_token_of(request.user), "new_url": new_url})


@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_SHARING)
def library_settings(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    current = library.library_sharing_of(organisation)
    sharing_now = current is not None and current.shared_since is not None
    form = LibrarySharingForm(request.POST if request.method == "POST" else None, initial={"share": "yes" if sharing_now else "no"})
    if request.method == "POST" and form.is_valid():
        share = form.cleaned_data["share"] == "yes"
        library.set_library_sharing(organisation, share, by=request.user)
        messages.success(request, _("Your published learning is now in the library for every member organisation.")
                         if share else _("Your published learning is no longer shared: only your own staff read it."))
        return redirect("sharing:library-settings", org_slug=organisation.slug)
    return render(request, "sharing/library/settings.html", {
        "access": access, "organisation": organisation, "form": form, "current": current, "sharing_now": sharing_now},
        status=400 if form.errors else 200)


def _vignettes_page(request: HttpRequest, access: OrgAccess, *, error: str = "", findings=()) -> HttpResponse:
    return render(request, "sharing/library/vignettes.html", {
        "access": access, "organisation": access.organisation, "error": error, "findings": list(findings),
        "candidates": library.vignette_candidates(access.organisation.pk)}, status=400 if error or findings else 200)


@require_http_methods(["GET", "POST"])
@org_permission_required(RUN_LEARNING_REVIEW)
def library_vignettes(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Final reviews, and whether their vignette is in the library: publish one (through the gate) or withdraw it."""
    if request.method == "GET":
        return _vignettes_page(request, access)
    try:
        review_id = int(request.POST.get("review", ""))
    except ValueError:
        return _vignettes_page(request, access, error=_("Choose a review from the list"))
    if request.POST.get("do") == "withdraw":
        if library.withdraw_vignette(access, review_id, by=request.user):
            messages.success(request, _("Vignette taken out of the library."))
        return redirect("sharing:library-vignettes", org_slug=access.organisation.slug)
    try:
        library.publish_vignette(access, review_id, by=request.user)
    except LookupError:
        raise Http404("No such final review") from None
    except library.VignetteRefused as stopped:
        return _vignettes_page(request, access, findings=stopped.findings)
    messages.success(request, _("Vignette published to the library."))
    return redirect("sharing:library-vignettes", org_slug=access.organisation.slug)
