"""The public, read-only open data API under /api/v1/, its docs page and the CSV downloads."""

from django.urls import path

from api import downloads, views
from api.api import api
from api.http import cacheable

app_name = "api"

api_patterns, _app, _namespace = api.urls
for pattern in api_patterns:
    pattern.callback = cacheable(pattern.callback)

urlpatterns = [
    *api_patterns,
    path("docs", views.docs, name="docs"),
    path("downloads/grants-<int:year>.csv", downloads.grants_csv, name="grants_csv"),
    path("downloads/partnerships.csv", downloads.partnerships_csv, name="partnerships_csv"),
    path("downloads/goal-contributions.csv", downloads.contributions_csv, name="contributions_csv"),
    path("downloads/council-votes.csv", downloads.votes_csv, name="votes_csv"),
    path("downloads/woo-grants-<int:year>.csv", downloads.woo_csv, name="woo_csv"),
]
