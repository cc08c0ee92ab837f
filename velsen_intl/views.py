from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from velsen_intl import overview
from velsen_intl.pillars import PILLAR_SLUGS

SLUG_TO_PILLAR = {slug: pillar for pillar, slug in PILLAR_SLUGS.items()}


@require_safe
def home(request):
    return render(
        request, "portal/home.html", {"pillars": overview.pillar_cards(), "budget": overview.budget_summary()}
    )


@require_safe
def pillar(request, slug):
    pillar = SLUG_TO_PILLAR.get(slug)
    if pillar is None:
        raise Http404
    context = {
        "pillar": pillar,
        "related_links": overview.pillar_links(pillar),
        "breadcrumbs": [(pillar.label, None)],
    }
    return render(request, "portal/pillar.html", context)


@require_safe
def privacy(request):
    return render(request, "portal/privacy.html", {"breadcrumbs": [(_("Privacy statement"), None)]})


@require_safe
def accessibility(request):
    return render(request, "portal/accessibility.html", {"breadcrumbs": [(_("Accessibility statement"), None)]})


@require_safe
def contact(request):
    return render(request, "portal/contact.html", {"breadcrumbs": [(_("Contact"), None)]})


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable", "detail": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _first_url(*names):
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
def start(request):
    """Each role lands on its own start page after login."""
    user = request.user
    if user.is_civil_servant:
        return render(request, "portal/work_overview.html", {"overview": overview.work_overview()})
    if user.is_council_member:
        url = _first_url("council:my_questions")
        if url:
            return redirect(url)
    if user.is_citizen:
        url = _first_url("grants:my_applications")
        if url:
            return redirect(url)
    return render(request, "portal/start.html")
