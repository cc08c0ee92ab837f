"""The portal's roles. Each role is a Django group; a user's roles are their groups.

Views check roles on the server with `accounts.decorators.role_required`; the permissions below
also govern Django admin for administrators.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen / applicant")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose members work for the municipality (staff of the portal, not of Django admin).
STAFF_ROLES = frozenset({Role.CIVIL_SERVANT, Role.ADMINISTRATOR})

# Model permissions per role, as "app_label.codename". "*" = every permission of that app.
ROLE_PERMISSIONS = {
    Role.CITIZEN: [],
    Role.COUNCIL_MEMBER: [],
    Role.CIVIL_SERVANT: [
        "partnerships.*",
        "global_goals.*",
        "grants.*",
        "council.*",
    ],
    Role.ADMINISTRATOR: [
        "accounts.*",
        "auth.view_group",
        "partnerships.*",
        "global_goals.*",
        "grants.*",
        "council.*",
        "audit.view_auditevent",
    ],
}


def sync_role_permissions(sender=None, **kwargs):
    """Make sure each role's group exists and carries exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, specs in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for spec in specs:
            app_label, codename = spec.split(".", 1)
            qs = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                qs = qs.filter(codename=codename)
            wanted.extend(qs)
        group.permissions.set(wanted)
