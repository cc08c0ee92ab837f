"""Shared form plumbing: every portal form renders through crispy-forms (GDS pack, our CSS)."""

import uuid

from crispy_forms_gds.helper import FormHelper
from django import forms


class PortalFormMixin:
    """Attach a crispy helper that renders fields only.

    Templates write the <form> element themselves (see templates/includes/form.html), so that the
    error summary, the CSRF token and the submit buttons are the same on every page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class IdempotentFormMixin(forms.Form):
    """A hidden, per-render key: a double submit of the same page carries the same key, so the
    service that creates the record can find the first one instead of creating a second
    (store it in a field with unique=True)."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
