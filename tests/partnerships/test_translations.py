from pathlib import Path

import polib
from django.utils import translation

from partnerships.models import Partnership

PO = Path(__file__).resolve().parents[2] / "partnerships" / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_string_of_the_app_has_a_dutch_translation():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert PO.with_suffix(".mo").exists()


def test_statuses_read_in_dutch_by_default_and_in_english_on_request():
    with translation.override("nl"):
        assert str(Partnership.Status.PHASING_OUT.label) == "Wordt afgebouwd"
    with translation.override("en"):
        assert str(Partnership.Status.PHASING_OUT.label) == "Being phased out"
