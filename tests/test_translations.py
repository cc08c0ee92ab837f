"""The UI is Dutch by default: every extracted string has a Dutch translation, none is fuzzy,
and the compiled .mo files match their .po files."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS_WITH_UI = ["accounts", "audit", "velsen_intl", "global_goals", "partnerships", "grants", "council"]


def po_files():
    return sorted(p for p in ROOT.glob("**/locale/nl/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_is_a_dutch_catalogue_for_the_project():
    assert (ROOT / "locale/nl/LC_MESSAGES/django.po") in po_files()


@pytest.mark.parametrize("path", po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_is_translated_into_dutch(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make messages"
    po = polib.pofile(str(path))
    mo = polib.mofile(str(mo_path))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, f"{mo_path} is stale: run make messages"


def test_each_app_with_templates_has_its_own_catalogue():
    for app in ["global_goals", "partnerships", "grants", "council"]:
        if (ROOT / app / "templates").exists() and any((ROOT / app / "templates").rglob("*.html")):
            assert (ROOT / app / "locale/nl/LC_MESSAGES/django.po").exists(), f"{app} has no Dutch catalogue"
