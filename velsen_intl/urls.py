from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from velsen_intl import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("pillars/<slug:slug>/", views.pillar, name="pillar"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("contact/", views.contact, name="contact"),
    path("start/", views.start, name="start"),
    path("accounts/", include("accounts.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("global-goals/", include("global_goals.urls")),
    path("grants/", include("grants.urls")),
    path("council/", include("council.urls")),
    prefix_default_language=False,
)
