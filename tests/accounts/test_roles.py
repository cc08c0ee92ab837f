import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_four_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"citizen", "civil_servant", "council_member", "administrator"} <= names


def test_a_citizen_is_not_a_civil_servant(citizen):
    assert citizen.is_citizen
    assert not citizen.is_civil_servant
    assert not citizen.is_council_member


def test_an_administrator_does_a_civil_servants_work(administrator):
    assert administrator.is_civil_servant
    assert administrator.is_administrator
