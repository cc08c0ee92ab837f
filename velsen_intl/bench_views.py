"""Reference pages for `make bench`, mounted only when VELSEN_BENCH_REFERENCE=1.

They measure Django's own floor on this machine, in the same run and server as the portal's pages:
a bare view, and a plain page that renders the base layout with 25 of 10,000 rows (select_related).
"""

from django.http import HttpResponse
from django.shortcuts import render

from audit.models import AuditEvent


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def plain_rows(request):
    rows = AuditEvent.objects.select_related("actor").order_by("-id")[:25]
    return render(request, "bench/plain_rows.html", {"rows": rows})
