import os

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from velsen_intl import views


def admin_login(request, extra_context=None):
    """Django admin logs in through the portal's own login, so the second factor is never skipped."""
    from django.contrib.auth.views import redirect_to_login
    from django.urls import reverse

    return redirect_to_login(request.GET.get("next", reverse("admin:index")))


admin.site.login = admin_login
admin.site.site_header = "Velsen Internationaal"
admin.site.site_title = "Velsen Internationaal"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
]

if os.environ.get("VELSEN_BENCH_REFERENCE") == "1":
    from velsen_intl import bench_views

    urlpatterns += [
        path("bench/bare", bench_views.bare, name="bench_bare"),
        path("bench/plain", bench_views.plain_rows, name="bench_plain"),
    ]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("pillars/<slug:slug>/", views.pillar, name="pillar"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("contact/", views.contact, name="contact"),
    path("start/", views.start, name="start"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("accounts/", include("accounts.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("global-goals/", include("global_goals.urls")),
    path("grants/", include("grants.urls")),
    path("council/", include("council.urls")),
    path("audit/", include("audit.urls")),
    path("open-data/", include("api.urls_pages")),
    prefix_default_language=False,
)
