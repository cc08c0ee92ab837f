"""HTTP caching for the open data: a strong ETag on every successful read, 304 on a match."""

from functools import wraps

from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

CACHE_CONTROL = "public, max-age=300"


def cacheable(view):
    """ETag from the body, `Cache-Control: public`, and 304 Not Modified when If-None-Match
    matches. The body depends on the language of labels, so responses vary on Accept-Language."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        response.headers.setdefault("Cache-Control", CACHE_CONTROL)
        patch_vary_headers(response, ("Accept-Language",))
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped
