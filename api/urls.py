"""The public, read-only open data API under /api/v1/ (filled in by issue 7)."""

urlpatterns = []
