import pytest

from council.models import Question
from tests.council.factories import make_members, make_question


@pytest.fixture
def members(db):
    """Five council members; with the `council_member` fixture there are six."""
    return make_members(5)


@pytest.fixture
def draft(civil_servant):
    return make_question(civil_servant)


@pytest.fixture
def published(civil_servant):
    return make_question(civil_servant, status=Question.Status.PUBLISHED)


@pytest.fixture
def voting(civil_servant):
    return make_question(civil_servant, status=Question.Status.VOTING_OPEN)


@pytest.fixture(autouse=True)
def english():
    """Service messages in English, so tests can match them (pages set their own language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing test passwords with the production hasher makes these tests minutes slower."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
