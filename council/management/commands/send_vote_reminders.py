from django.core.management.base import BaseCommand

from council import services


class Command(BaseCommand):
    help = (
        "E-mail council members who have not voted on a question whose voting closes within a day. "
        "Idempotent: a member is reminded at most once per question. Run it hourly from a scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="Remind for questions closing within this many hours."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be reminded; send and record nothing."
        )

    def handle(self, *args, hours, dry_run, **options):
        reminded = services.send_vote_reminders(hours=hours, dry_run=dry_run)
        prefix = "[dry run] would remind" if dry_run else "Reminded"
        for question, member in reminded:
            self.stdout.write(f"{prefix} {member.email} about question {question.pk} ({question.title})")
        self.stdout.write(self.style.SUCCESS(f"{len(reminded)} reminder(s){' (dry run)' if dry_run else ''}."))
