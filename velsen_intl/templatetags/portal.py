"""Template helpers available in every template (registered as a builtin in settings)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, translation
from django.utils.translation import gettext as _

register = template.Library()


def format_money(value):
    """Format an amount in euros for the active language: `€ 10.000,00` (nl), `€10,000.00` (en)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    number = formats.number_format(abs(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    sign = "−" if amount < 0 else ""
    if translation.get_language() == "nl":
        return f"{sign}€\u00a0{number}"
    return f"{sign}€{number}"


@register.filter
def money(value):
    return format_money(value)


@register.filter
def percent_of(part, whole):
    """Share of `part` in `whole` as a whole percentage 0..100 (for bars)."""
    try:
        part, whole = Decimal(part), Decimal(whole)
    except (InvalidOperation, TypeError, ValueError):
        return 0
    if whole <= 0:
        return 0
    return int(max(Decimal(0), min(Decimal(100), part * 100 / whole)).quantize(Decimal(1)))


@register.simple_tag(takes_context=True)
def translate_current_url(context, language):
    """The current page's URL in another language (for the language switch)."""
    from django.urls import translate_url

    request = context.get("request")
    if request is None:
        return "/"
    url = translate_url(request.get_full_path(), language)
    return url


@register.simple_tag
def status_badge(value, label=None):
    """A small text badge for a state; the colour comes from the CSS class `badge--<value>`."""
    from django.utils.html import format_html

    return format_html('<span class="badge badge--{}">{}</span>', str(value), label if label is not None else value)


@register.filter
def yesno_nl(value):
    return _("yes") if value else _("no")
