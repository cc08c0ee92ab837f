from django.apps import AppConfig


class VelsenIntlConfig(AppConfig):
    name = "velsen_intl"
    verbose_name = "Velsen Internationaal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from velsen_intl.middleware import mark_session_active

        user_logged_in.connect(mark_session_active, dispatch_uid="velsen_intl.mark_session_active")

        from velsen_intl.public_cache import connect_signals

        connect_signals()
