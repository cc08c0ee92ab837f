"""Validation of what applicants type and upload: IBAN (mod 97), KvK number, attachments by content."""

import re
import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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
ZIP_TYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Markup a browser or a PDF reader would run: a file carrying it is a polyglot, whatever its magic bytes.
ACTIVE_CONTENT = (
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<svg",
    b"<iframe",
    b"<?php",
    b"javascript:",
    b"/javascript",
)
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
    kind = filetype.guess(head)
    return kind.mime if kind else None


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
    """Beyond the magic bytes: no script or markup inside (polyglots), a PDF that ends as a PDF
    does, and an office document that is a sound zip without a bomb or ../ entries in it."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    lowered = data.lower()
    if any(marker in lowered for marker in ACTIVE_CONTENT):
        return False
    if mime == "application/pdf" and b"%%EOF" not in data[-1024:]:
        return False
    if mime in ZIP_TYPES:
        try:
            with zipfile.ZipFile(uploaded) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return False
        finally:
            uploaded.seek(0)
        if sum(e.file_size for e in entries) > MAX_UNPACKED_SIZE:
            return False
        for entry in entries:
            if entry.filename.startswith(("/", "\\")) or ".." in entry.filename.replace("\\", "/").split("/"):
                return False
            if entry.file_size > 1024 * 1024 and entry.file_size > MAX_PACKING_RATIO * max(entry.compress_size, 1):
                return False
    return True
