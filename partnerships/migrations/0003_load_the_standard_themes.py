"""The managed list of themes starts with the themes named in the memo and the issue."""

from django.db import migrations

THEMES = [
    ("offshore-wind", "Wind op zee", "Offshore wind"),
    ("port-and-maritime", "Haven en maritiem", "Port and maritime"),
    ("clean-seas", "Schone zeeën", "Clean seas"),
    ("education", "Onderwijs", "Education"),
    ("culture", "Cultuur", "Culture"),
    ("economy-and-trade", "Economie en handel", "Economy and trade"),
    ("tourism", "Toerisme", "Tourism"),
    ("europe", "Europa", "Europe"),
    ("development-cooperation", "Ontwikkelingssamenwerking", "Development cooperation"),
]


def load_themes(apps, schema_editor):
    Theme = apps.get_model("partnerships", "Theme")
    for position, (slug, name_nl, name_en) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(slug=slug, defaults={"name_nl": name_nl, "name_en": name_en, "position": position})


def unload_themes(apps, schema_editor):
    Theme = apps.get_model("partnerships", "Theme")
    Theme.objects.filter(slug__in=[slug for slug, _nl, _en in THEMES], partnerships__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_themes_history_phase_out_activities")]

    operations = [migrations.RunPython(load_themes, unload_themes)]
