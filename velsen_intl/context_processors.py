from django.conf import settings
from django.urls import reverse

from velsen_intl.navigation import navigation_for


def portal(request):
    """What the base layout needs on every page: navigation for this user and the languages."""
    user = getattr(request, "user", None)
    return {
        "portal_navigation": navigation_for(user, request.path if request else ""),
        "portal_languages": settings.LANGUAGES,
        "login_url": reverse("accounts:login"),
    }
