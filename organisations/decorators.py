"""View decorators that resolve the organisation in the URL for the signed-in user."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisations import two_factor
from organisations.services import access_for


def org_permission_required(permission: str):
    """Pass `access` (an OrgAccess) to the view, or refuse.

    A user who is not a member gets 404, so a URL never confirms another organisation's data exists.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, org_slug: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = access_for(request.user, org_slug)
            if access is None:
                raise Http404("No such organisation")
            if not access.can(permission):
                raise PermissionDenied
            if not two_factor.satisfied(request):
                return two_factor.redirect_to_second_step(request.user, request.get_full_path())
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator
