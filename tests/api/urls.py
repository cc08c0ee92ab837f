"""The portal's URLs plus the open data pages in i18n_patterns, as the lead will wire them."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from velsen_intl.urls import urlpatterns as portal_patterns

urlpatterns = [
    *i18n_patterns(path("open-data/", include("api.urls_pages")), prefix_default_language=False),
    *portal_patterns,
]
