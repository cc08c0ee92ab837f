"""ISO 3166-1 alpha-2 country codes mapped to continents, and country names for the forms.

Kept in code (no outside service, no map tiles): the "partners in the world" page groups the
partners by continent with this table.
"""

from django.utils.translation import gettext_lazy as _

AFRICA = "africa"
ANTARCTICA = "antarctica"
ASIA = "asia"
EUROPE = "europe"
NORTH_AMERICA = "north_america"
OCEANIA = "oceania"
SOUTH_AMERICA = "south_america"

CONTINENT_LABELS = {
    EUROPE: _("Europe"),
    ASIA: _("Asia"),
    AFRICA: _("Africa"),
    NORTH_AMERICA: _("North America"),
    SOUTH_AMERICA: _("South America"),
    OCEANIA: _("Oceania"),
    ANTARCTICA: _("Antarctica"),
}

_CODES = {
    AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW "
        "MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"
    ),
    ANTARCTICA: "AQ BV GS HM TF",
    ASIA: (
        "AE AF AM AZ BD BH BN BT CC CN CX GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV "
        "MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE"
    ),
    EUROPE: (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC "
        "MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK"
    ),
    NORTH_AMERICA: (
        "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV "
        "SX TC TT US VC VG VI"
    ),
    OCEANIA: "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    SOUTH_AMERICA: "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
}

CONTINENT_BY_COUNTRY = {code: continent for continent, codes in _CODES.items() for code in codes.split()}

# Names of the countries partners are most likely to be in; other valid codes show as the code.
COUNTRY_NAMES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BR": _("Brazil"),
    "CA": _("Canada"),
    "CH": _("Switzerland"),
    "CN": _("China"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FO": _("Faroe Islands"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "GH": _("Ghana"),
    "GR": _("Greece"),
    "ID": _("Indonesia"),
    "IE": _("Ireland"),
    "IN": _("India"),
    "IS": _("Iceland"),
    "IT": _("Italy"),
    "JP": _("Japan"),
    "KE": _("Kenya"),
    "KR": _("South Korea"),
    "LK": _("Sri Lanka"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MA": _("Morocco"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "SE": _("Sweden"),
    "SR": _("Suriname"),
    "TR": _("Turkey"),
    "US": _("United States"),
    "ZA": _("South Africa"),
}


def continent_of(code):
    """The continent key of an ISO alpha-2 code, or None for an unknown code."""
    return CONTINENT_BY_COUNTRY.get((code or "").upper())


def country_name(code):
    code = (code or "").upper()
    return COUNTRY_NAMES.get(code, code)


def is_valid_country(code):
    return (code or "").upper() in CONTINENT_BY_COUNTRY
