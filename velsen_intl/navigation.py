"""Role-aware main navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PUBLIC = [
    (_("Home"), "home"),
    (_("Partnerships"), "partnerships:register"),
    (_("Global Goals"), "global_goals:dashboard"),
    (_("Grants and budget"), "grants:budget"),
    (_("Council questions"), "council:question_list"),
]
CITIZEN = [(_("My applications"), "grants:my_applications"), (_("My data"), "my_data")]
CIVIL_SERVANT = [
    (_("Work overview"), "start"),
    (_("Application queue"), "grants:queue"),
    (_("Manage partnerships"), "partnerships:manage"),
    (_("Manage Global Goals"), "global_goals:manage"),
    (_("Manage council questions"), "council:manage"),
]
COUNCIL_MEMBER = [(_("My council questions"), "council:my_questions")]
ADMINISTRATOR = [(_("Audit log"), "audit:event_list"), (_("Management"), "admin:index")]


def _entries(pairs, path):
    entries = []
    for label, name in pairs:
        url = reverse(name)
        home = url in ("/", "/en/")
        active = path == url if home else path.startswith(url)
        entries.append({"label": label, "url": url, "active": active})
    return entries


def navigation_for(user, path):
    """Return {'public': [...], 'personal': [...]} for the header."""
    personal = []
    if user is not None and user.is_authenticated:
        if user.is_citizen:
            personal += CITIZEN
        if user.is_civil_servant:
            personal += CIVIL_SERVANT
        if user.is_council_member:
            personal += COUNCIL_MEMBER
        if user.is_administrator:
            personal += ADMINISTRATOR
    return {"public": _entries(PUBLIC, path), "personal": _entries(personal, path)}
