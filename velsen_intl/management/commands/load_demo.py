import importlib

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

# Order matters: each app's demo data may refer to the ones before it.
DEMO_MODULES = ["accounts.demo", "global_goals.demo", "partnerships.demo", "grants.demo", "council.demo"]


class Command(BaseCommand):
    help = (
        "Load the demo data drafted from the council memo: accounts (password velsen-demo), Global Goals "
        "and KIMO, the city links, this year's budget and sample applications, and the questions to the "
        "council. Idempotent: running it twice changes nothing."
    )

    def handle(self, *args, **options):
        # The demo's stories send e-mails (receipts, decisions); nobody should receive them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            for module_name in DEMO_MODULES:
                importlib.import_module(module_name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
