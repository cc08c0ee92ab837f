import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from partnerships import countries
from partnerships.models import Activity, Partnership, StatusChange, Theme
from tests.partnerships.factories import make_activity, make_partner, make_partnership, make_step

pytestmark = pytest.mark.django_db


def test_the_standard_themes_are_loaded_by_a_migration():
    assert Theme.objects.filter(slug="offshore-wind").exists()
    assert Theme.objects.filter(slug="clean-seas").exists()


def test_a_theme_has_its_name_in_the_active_language():
    wind = Theme.objects.get(slug="offshore-wind")
    with translation.override("nl"):
        assert wind.name == "Wind op zee"
    with translation.override("en"):
        assert wind.name == "Offshore wind"


def test_a_partner_knows_its_country_and_continent():
    partner = make_partner("Galle", "LK")
    assert partner.continent == countries.ASIA
    with translation.override("en"):
        assert partner.country_name == "Sri Lanka"


def test_every_country_code_maps_to_exactly_one_continent():
    codes = [code for text in countries._CODES.values() for code in text.split()]
    assert len(codes) == len(set(codes))
    assert countries.continent_of("NL") == countries.EUROPE
    assert countries.continent_of("CN") == countries.ASIA
    assert countries.continent_of("ZZ") is None
    assert countries.is_valid_country("de")


def test_a_partnership_cannot_end_before_it_began():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_partnership(since=datetime.date(2020, 1, 1), until=datetime.date(2019, 1, 1))


def test_activity_costs_cannot_be_negative():
    partnership = make_partnership()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_activity(partnership, costs=Decimal("-1.00"))


def test_a_partnership_with_activities_cannot_be_deleted():
    from django.db.models import ProtectedError

    partnership = make_partnership()
    make_activity(partnership)
    with pytest.raises(ProtectedError):
        partnership.delete()


def test_a_phase_out_plan_has_each_step_once():
    partnership = make_partnership()
    make_step(partnership, "Partnerstad informeren")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_step(partnership, "Partnerstad informeren")


def test_lead_and_involved_partners_are_shown_readably():
    partnership = make_partnership(
        lead=Partnership.Lead.ALDERMAN,
        lead_name="J. Jansen",
        lead_portfolio="Economie",
        business_partners="Tata Steel\n\n Port of IJmuiden ",
    )
    with translation.override("en"):
        assert partnership.lead_display == "Alderman J. Jansen (Economie)"
    assert partnership.business_partner_list == ["Tata Steel", "Port of IJmuiden"]


def test_a_history_entry_offers_what_the_timeline_needs():
    partnership = make_partnership()
    entry = StatusChange.objects.create(
        partnership=partnership,
        from_status=Partnership.Status.ACTIVE,
        to_status=Partnership.Status.DORMANT,
        reason="Geen activiteit meer",
        actor_label="a@b.nl",
        decision_reference="https://velsen.raadsinformatie.nl/besluit/1",
    )
    with translation.override("en"):
        assert entry.from_label == "Active"
        assert entry.to_label == "Dormant"
        assert entry.title == "Status changed"
    assert entry.actor_display == "a@b.nl"
    assert entry.decision_is_url


def test_activities_are_listed_newest_first():
    partnership = make_partnership()
    old = make_activity(partnership, date=datetime.date(2001, 1, 1))
    new = make_activity(partnership, date=datetime.date(2024, 1, 1))
    assert list(Activity.objects.filter(partnership=partnership)) == [new, old]
