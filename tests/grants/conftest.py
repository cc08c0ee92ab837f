import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads of the tests go to a temporary directory, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def dutch_by_default():
    """A request in English leaves English active in the thread; start every test in Dutch."""
    from django.utils import translation

    with translation.override("nl"):
        yield
