"""Validation of what applicants type and upload: IBAN (mod 97), KvK number, attachments by content."""

import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from velsen_intl import uploads

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # 10 MB

# Detected type (by magic bytes) -> a readable label. Anything else is refused.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
}
ALLOWED_LABELS = ", ".join(ALLOWED_TYPES.values())
EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}
MAX_UNPACKED_SIZE = 50 * 1024 * 1024
MAX_PACKING_RATIO = 100


def normalise_iban(value):
    return re.sub(r"\s+", "", value or "").upper()


def iban_is_valid(value):
    """The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    iban = normalise_iban(value)
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    if iban.startswith("NL") and len(iban) != 18:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def validate_iban(value):
    if not iban_is_valid(value):
        raise ValidationError(
            _("Enter a valid IBAN, like NL91 ABNA 0417 1643 00; check the digits, the check sum does not match."),
            code="iban",
        )


def validate_kvk_number(value):
    if not re.fullmatch(r"[0-9]{8}", value or ""):
        raise ValidationError(_("A KvK number has exactly 8 digits."), code="kvk")


def detect_type(uploaded):
    """The MIME type of an uploaded file judged by its content (magic bytes), or None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    return uploads.detect_mime(head)


def validate_attachment(uploaded):
    """Refuse files over 10 MB and files whose content is not one of the allowed types.

    The name and the browser's claimed type are ignored: a renamed executable stays an executable.
    Returns the detected MIME type."""
    if uploaded.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("%(name)s is %(size)s; a file may be at most 10 MB."),
            code="too_large",
            params={"name": uploaded.name, "size": filesizeformat(uploaded.size)},
        )
    mime = detect_type(uploaded)
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("%(name)s is not an allowed file type; send %(allowed)s."),
            code="file_type",
            params={"name": uploaded.name, "allowed": ALLOWED_LABELS},
        )
    if not content_is_safe(uploaded, mime):
        raise ValidationError(
            _("%(name)s is damaged or carries scripts or other hidden content; send a plain %(allowed)s file."),
            code="unsafe_content",
            params={"name": uploaded.name, "allowed": ALLOWED_LABELS},
        )
    return mime


def content_is_safe(uploaded, mime):
    """Beyond the magic bytes: nothing hidden or broken inside (see velsen_intl.uploads)."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return uploads.content_is_safe(data, mime, max_unpacked=MAX_UNPACKED_SIZE, max_ratio=MAX_PACKING_RATIO)
