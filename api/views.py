"""HTML pages of the open data: the API documentation (rendered from the OpenAPI document by the
portal itself, no outside assets), the open data overview and the Woo overview of grants."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from api import public
from api.api import api
from api.downloads import YEARS, legal_basis
from grants.models import Budget

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema):
    """A short readable type for a JSON schema fragment."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_schema_name(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(f'"{v}"' for v in schema["enum"])
    if "const" in schema:
        return f'"{schema["const"]}"'
    if schema.get("type") == "array":
        return f"list[{_schema_name(schema.get('items', {}))}]"
    kind = schema.get("type", "object")
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return kind


def _constraints(schema):
    parts = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("pattern", "pattern")):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    for sub in schema.get("anyOf", []):
        parts.extend(_constraints(sub))
    return ", ".join(parts)


def operations(document):
    result = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "type": _schema_name(p.get("schema", {})),
                    "constraints": _constraints(p.get("schema", {})),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            responses = []
            for status, response in operation.get("responses", {}).items():
                for media_type, content in response.get("content", {}).items():
                    responses.append(
                        {"status": status, "media_type": media_type, "type": _schema_name(content.get("schema", {}))}
                    )
            result.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    return result


def schemas(document):
    result = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        result.append(
            {
                "name": name,
                "fields": [
                    {
                        "name": field,
                        "type": _schema_name(spec),
                        "required": field in required,
                        "description": spec.get("description", ""),
                    }
                    for field, spec in schema.get("properties", {}).items()
                ],
            }
        )
    return result


@require_GET
def docs(request):
    """The API documentation, server-rendered from the same OpenAPI document clients read."""
    document = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    return render(
        request,
        "api/docs.html",
        {
            "document": document,
            "operations": operations(document),
            "schemas": schemas(document),
            "openapi_url": reverse("api:openapi-json"),
            "breadcrumbs": _crumbs((_("API documentation"), "")),
        },
    )


def _page_url(name):
    """An open data page in the current language."""
    return reverse(f"open_data:{name}")


def _crumbs(*current):
    return [(_("Open data"), _page_url("index")), *current]


def _years():
    this_year = timezone.localdate().year
    return sorted({this_year, *Budget.objects.values_list("year", flat=True)}, reverse=True)


@require_GET
def open_data(request):
    """What can be downloaded and reused: the API and the CSV files."""
    return render(
        request,
        "api/open_data.html",
        {
            "years": _years(),
            "this_year": timezone.localdate().year,
            "woo_url": _page_url("woo_grants"),
            "docs_url": _page_url("docs"),
            "breadcrumbs": [(_("Open data"), "")],
        },
    )


@require_GET
def woo_grants(request):
    """The Woo overview of the grants of a year (organisations by name; private persons counted)."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year") or str(this_year)
    if not raw.isdigit() or int(raw) not in YEARS:
        raise Http404(_("No overview for this year."))
    year = int(raw)
    return render(
        request,
        "api/woo_grants.html",
        {
            "overview": public.woo_overview(year),
            "year": year,
            "years": _years(),
            "legal_basis": legal_basis(),
            "woo_url": _page_url("woo_grants"),
            "breadcrumbs": _crumbs((_("Grants overview (Woo)"), "")),
        },
    )
