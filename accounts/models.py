from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.roles import STAFF_ROLES, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_verified_at", timezone.now())
        user = self._create_user(email, password, **extra)
        user.set_roles([Role.ADMINISTRATOR])
        return user

    def with_role(self, role):
        return self.filter(groups__name=role, is_active=True)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address.

    Kept independent of the login method so that DigiD/eHerkenning can be added as another
    authentication backend later.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive accounts cannot log in (e.g. e-mail not yet verified).")
    )
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role_names(self):
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles):
        if not self.is_active:
            return False
        return bool(self.role_names.intersection(str(r) for r in roles))

    @property
    def is_citizen(self):
        return self.has_role(Role.CITIZEN)

    @property
    def is_civil_servant(self):
        """Civil servants and administrators both do a civil servant's work."""
        return self.has_role(*STAFF_ROLES)

    @property
    def is_council_member(self):
        return self.has_role(Role.COUNCIL_MEMBER)

    @property
    def is_administrator(self):
        return self.has_role(Role.ADMINISTRATOR)

    def set_roles(self, roles):
        from django.contrib.auth.models import Group

        groups = [Group.objects.get_or_create(name=str(role))[0] for role in roles]
        self.groups.set(groups)
        self.__dict__.pop("role_names", None)
