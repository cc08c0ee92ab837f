from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def goal_url(goal):
    """The Global Goal's page, or an empty string while that page does not exist."""
    try:
        return reverse("global_goals:goal", args=[goal.pk])
    except NoReverseMatch:
        return ""
