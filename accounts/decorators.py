"""Server-side role checks for views."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def role_required(*roles):
    """Allow the view only to active users with one of `roles`.

    Anonymous visitors are sent to the login page; a logged-in user without the role gets 403.
    (Objects that belong to someone else are hidden with 404 by the views' own lookups.)
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
