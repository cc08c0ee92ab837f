import pytest
from django.utils import timezone

from grants import demo, services
from grants.models import Application, Status
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_budget_and_applications_in_several_states_once():
    make_user(demo.CITIZEN, roles=["citizen"])
    make_user(demo.CIVIL_SERVANT, roles=["civil_servant"])
    demo.load()
    demo.load()
    assert Application.objects.count() == len(demo.SAMPLES)
    states = set(Application.objects.values_list("status", flat=True))
    assert {Status.DRAFT, Status.INFORMATION_REQUESTED, Status.IN_REVIEW, Status.GRANTED, Status.SETTLED} <= states
    figures = services.budget_figures(timezone.localdate().year)
    assert figures["ceiling"] == 10000 and figures["committed"] == 2300


def test_without_the_demo_users_only_the_budget_is_loaded():
    demo.load()
    assert not Application.objects.exists()
