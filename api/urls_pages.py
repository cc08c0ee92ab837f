"""The open data pages in the portal's languages: the lead includes this module in i18n_patterns
as `path("open-data/", include("api.urls_pages"))` (Dutch at /open-data/, English at /en/open-data/)."""

from django.urls import path

from api import views

app_name = "open_data"

urlpatterns = [
    path("", views.open_data, name="index"),
    path("api/", views.docs, name="docs"),
    path("woo/grants/", views.woo_grants, name="woo_grants"),
]
