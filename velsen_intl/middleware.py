"""Security headers that Django's own middleware does not set."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Content-Security-Policy (no inline script or style) and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django admin ships inline scripts/styles; it gets a policy that allows only its own needs.
        if request.path.startswith("/admin/"):
            response.headers.setdefault(
                "Content-Security-Policy",
                CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
            )
        else:
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


LAST_SEEN_KEY = "velsen_last_seen"


def mark_session_active(sender, request, user, **kwargs):
    """At login the session starts as active now (so the first page needs no session write)."""
    import time

    request.session[LAST_SEEN_KEY] = time.time()


class SessionPolicyMiddleware:
    """Idle timeout for staff sessions, and no caching of pages that may show personal data."""

    LAST_SEEN_KEY = LAST_SEEN_KEY

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.conf import settings
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.has_role("civil_servant", "council_member", "administrator")
        ):
            now = time.time()
            last_seen = request.session.get(self.LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("You were logged out after a period without activity. Log in again."))
                return redirect_to_login(request.get_full_path())
            # Write at most once a minute, so that a page view does not cost a session write.
            if last_seen is None or now - last_seen > 60:
                request.session[self.LAST_SEEN_KEY] = now

        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store, private"
        return response


class BadInputMiddleware:
    """A number too large for the database (SQLite stops at 64 bits) is bad input, not a server
    error: whatever form or filter it reached, answer 400 with a clear page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            from django.shortcuts import render

            return render(request, "400.html", status=400)
        return None
