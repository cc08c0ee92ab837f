import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from grants.models import Application, Budget
from tests.grants.factories import granted, submitted

pytestmark = pytest.mark.django_db


def test_the_check_passes_when_the_money_adds_up(citizen, civil_servant):
    granted(citizen, civil_servant, amount="900")
    submitted(citizen)
    out = io.StringIO()
    call_command("check_grants", stdout=out)
    assert "available 9100.00" in out.getvalue() and "The grants add up." in out.getvalue()


def test_the_check_fails_when_a_year_is_over_its_ceiling_or_numbers_have_gaps(citizen, civil_servant):
    application = granted(citizen, civil_servant, amount="900")
    Budget.objects.filter(year=application.year).update(ceiling=Decimal("500"))
    Application.objects.filter(pk=application.pk).update(sequence=3)
    with pytest.raises(CommandError) as failed:
        call_command("check_grants", stdout=io.StringIO())
    assert "exceeds the ceiling" in str(failed.value) and "not gapless" in str(failed.value)
