"""Anonymous public pages come from the shared cache, and any change of the data shows at once."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership


@pytest.fixture
def link(db):
    return Partnership.objects.create(title="Stedenband Testdorp", slug="testdorp", kind="city_link", pillar="B")


def test_a_visitor_gets_the_register_from_the_cache_the_second_time(client, link, django_assert_num_queries):
    first = client.get(reverse("partnerships:register"))
    assert "Stedenband Testdorp" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(reverse("partnerships:register"))
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Cookie" in second["Vary"]
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_a_change_of_the_data_shows_on_the_next_visit(client, link):
    url = reverse("partnerships:detail", args=[link.slug])
    assert "Stedenband Testdorp" in client.get(url).content.decode()
    link.title = "Stedenband Nieuwdorp"
    link.save()
    assert "Stedenband Nieuwdorp" in client.get(url).content.decode()


def test_a_many_to_many_change_empties_the_cache_too(client, link):
    from global_goals.models import Goal

    url = reverse("partnerships:detail", args=[link.slug])
    assert "Leven in het water" not in client.get(url).content.decode()
    link.goals.add(Goal.objects.get(pk=14))
    assert "Leven in het water" in client.get(url).content.decode()


def test_each_language_has_its_own_copy(client, link):
    dutch = client.get(reverse("partnerships:register")).content.decode()
    english = client.get("/en" + reverse("partnerships:register")).content.decode()
    assert 'lang="nl"' in dutch
    assert 'lang="en"' in english


def test_a_revalidation_with_the_etag_is_answered_304(client, link):
    etag = client.get(reverse("partnerships:register"))["ETag"]
    response = client.get(reverse("partnerships:register"), headers={"if-none-match": etag})
    assert response.status_code == 304


def test_logged_in_people_never_get_the_cached_page(client, citizen_client, link, django_assert_max_num_queries):
    client.get(reverse("partnerships:register"))
    response = citizen_client.get(reverse("partnerships:register"))
    assert "Bea" in response.content.decode()  # "Logged in as Bea": rendered for this user
    assert "no-store" in response["Cache-Control"]


def test_pages_outside_the_public_list_are_not_cached(client, citizen, django_assert_max_num_queries):
    client.get(reverse("accounts:login"))
    response = client.get(reverse("accounts:login"))
    assert "ETag" not in response


def test_a_successful_post_empties_the_cache(client, link):
    from django.core.cache import cache

    from velsen_intl.public_cache import VERSION_KEY

    client.get(reverse("partnerships:register"))
    before = cache.get(VERSION_KEY)
    # Any POST answered below 400 may have changed data (even through QuerySet.update(), which sends
    # no signal), so it bumps the version; a refused one (405) does not.
    client.post(reverse("home"))
    assert cache.get(VERSION_KEY) == before
    client.post(reverse("accounts:login"), {"username": "nobody@example.org", "password": "wrong-password"})
    assert cache.get(VERSION_KEY) != before
