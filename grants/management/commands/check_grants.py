"""Check that the grant money adds up: no year over its ceiling, no settlement above its grant,
references numbered without gaps or duplicates. Read-only; exits with an error when something is off."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from grants.models import Application, Budget, Status


class Command(BaseCommand):
    help = (
        "Check the grants: committed never above the ceiling of its year, settled never above granted, "
        "references VI-YYYY-NNNN gapless and unique. Changes nothing."
    )

    def handle(self, *args, **options):
        problems = []
        for budget in Budget.objects.with_position().order_by("year"):
            line = (
                f"{budget.year}: ceiling {budget.ceiling}, committed {budget.committed}, available {budget.available}"
            )
            self.stdout.write(line)
            if budget.committed > budget.ceiling:
                problems.append(f"{budget.year}: committed {budget.committed} exceeds the ceiling {budget.ceiling}")
        over = Application.objects.filter(status=Status.SETTLED).filter(
            Q(settled_amount__isnull=True) | Q(granted_amount__isnull=True)
        )
        for application in over:
            problems.append(f"{application.reference}: settled without both amounts")
        years = Application.objects.exclude(year=None).order_by().values_list("year", flat=True).distinct()
        for year in years:
            numbers = sorted(Application.objects.filter(year=year).values_list("sequence", flat=True))
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"{year}: reference numbers are not gapless: {numbers}")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(self.style.SUCCESS("The grants add up."))
