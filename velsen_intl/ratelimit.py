"""A small rate limiter on the shared cache (Redis when REDIS_URL is set, so the limit holds across
app servers). Over the limit a request gets HTTP 429 with a clear page, and an audit line."""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from audit.models import AuditEvent
from audit.services import client_ip, record


def _identity(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def hit(name, identity, limit, window):
    """Count one hit in the current window; True when still within the limit."""
    bucket = int(time.time() // window)
    key = f"ratelimit:{name}:{identity}:{bucket}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return count <= limit


def ratelimit(name, *, rate, methods=("POST",)):
    """Decorate a view: at most rate=(limit, window_seconds) requests of `methods` per user or IP."""
    limit, window = rate

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(settings, "RATELIMIT_ENABLED", True) and request.method in methods:
                identity = _identity(request)
                if not hit(name, identity, limit, window):
                    record(
                        actor=request.user if request.user.is_authenticated else None,
                        action=f"ratelimit.{name}",
                        result=AuditEvent.Result.REFUSED,
                        ip=client_ip(request),
                    )
                    response = render(request, "429.html", {"retry_after": window}, status=429)
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
