from django.core.management.base import BaseCommand
from django.db import transaction

from velsen_intl import privacy


class Command(BaseCommand):
    help = (
        "Remove personal data that has passed its retention term (settings.RETENTION, published in the "
        "privacy statement): never-submitted drafts, unverified accounts, old audit lines, grant files past "
        "their term, with their uploaded files. Run daily from a scheduler; --dry-run lists without removing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be removed, remove nothing")

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            lines = privacy.purge(dry_run=dry_run)
        prefix = "would remove" if dry_run else "removed"
        for line in lines:
            self.stdout.write(f"{prefix}: {line}")
        self.stdout.write(self.style.SUCCESS(f"{len(lines)} item(s) {'listed' if dry_run else 'purged'}."))
