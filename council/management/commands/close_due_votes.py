from django.core.management.base import BaseCommand

from council import services


class Command(BaseCommand):
    help = "Close voting on every council question whose voting end time has passed. Run it every few minutes."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be closed; change nothing.")

    def handle(self, *args, dry_run, **options):
        questions = services.close_due_votes(dry_run=dry_run)
        prefix = "[dry run] would close" if dry_run else "Closed"
        for question in questions:
            self.stdout.write(f"{prefix} voting on question {question.pk} ({question.title})")
        self.stdout.write(self.style.SUCCESS(f"{len(questions)} question(s){' (dry run)' if dry_run else ''}."))
