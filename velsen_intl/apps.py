from django.apps import AppConfig


class VelsenIntlConfig(AppConfig):
    name = "velsen_intl"
    verbose_name = "Velsen Internationaal"
