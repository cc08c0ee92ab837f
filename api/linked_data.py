"""The city links as linked data: JSON-LD in Wikidata's terms.

Velsen is linked to each partner city by P190 ("twinned administrative body"); as in Wikidata,
the statement itself carries the qualifiers start time (P580) and end time (P582).
"""

from django.urls import reverse

from api import public
from partnerships.models import Partnership

CONTEXT = {
    "schema": "https://schema.org/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "name": "schema:name",
    "url": {"@id": "schema:url", "@type": "@id"},
    "country": "schema:addressCountry",
    "twinnedAdministrativeBody": {"@id": "wdt:P190", "@type": "@id"},
    "twinning": {"@id": "p:P190", "@container": "@set"},
    "partner": {"@id": "ps:P190", "@type": "@id"},
    "startTime": {"@id": "pq:P580", "@type": "xsd:date"},
    "endTime": {"@id": "pq:P582", "@type": "xsd:date"},
    "status": "schema:eventStatus",
}


def city_links_document(request):
    """All symbolic city links (pillar B), ended ones included, with their dates."""
    base = request.build_absolute_uri(reverse("api:city_links_jsonld"))
    links = public.partnerships(kind=Partnership.Kind.CITY_LINK)
    partners = {}
    statements = []
    for link in links:
        for partner in link.partners.all():
            partner_id = f"{base}#partner-{partner.pk}"
            partners[partner_id] = {
                "@id": partner_id,
                "@type": "schema:City",
                "name": partner.name,
                "country": partner.country_code,
            }
            statements.append(
                {
                    "@id": f"{base}#link-{link.pk}-{partner.pk}",
                    "partner": partner_id,
                    "startTime": link.since.isoformat() if link.since else None,
                    "endTime": link.until.isoformat() if link.until else None,
                    "status": link.status,
                    "name": link.title,
                    "url": request.build_absolute_uri(link.get_absolute_url()),
                }
            )
    velsen = {
        "@id": f"{base}#velsen",
        "@type": "schema:City",
        "name": "Velsen",
        "country": "NL",
        "twinnedAdministrativeBody": sorted(partners),
        "twinning": [{k: v for k, v in s.items() if v is not None} for s in statements],
    }
    return {"@context": CONTEXT, "@graph": [velsen, *partners.values()]}
