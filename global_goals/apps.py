from django.apps import AppConfig


class GlobalGoalsConfig(AppConfig):
    name = "global_goals"
