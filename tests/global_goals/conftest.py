import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def dutch_by_default():
    """A request to /en/ leaves English active in the thread, and reverse() would then build /en/ URLs
    in the next test; start every test in Dutch, the default language."""
    translation.activate("nl")
    yield
    translation.activate("nl")
