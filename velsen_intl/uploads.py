"""Content checks shared by every upload of the portal (grant attachments, partnership documents).

The type of a file is judged by its bytes, never by its name; beyond the magic bytes a file must
not carry markup a browser or PDF reader would run (polyglots), a PDF must end as a PDF does, and
an office document must be a sound zip without a bomb or `../` entries.
"""

import io
import zipfile

import filetype

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
# Office formats that are zip archives inside.
ZIP_TYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)


def detect_mime(data):
    """The MIME type judged by the first bytes, or None."""
    kind = filetype.guess(data[:8192])
    return kind.mime if kind else None


def has_active_content(data):
    lowered = data.lower()
    return any(marker in lowered for marker in ACTIVE_CONTENT)


def pdf_is_complete(data):
    return b"%%EOF" in data[-1024:]


def zip_is_safe(data, *, max_unpacked, max_ratio):
    """A readable zip whose entries stay inside it and do not unpack into a bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    if sum(entry.file_size for entry in entries) > max_unpacked:
        return False
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/"):
            return False
        if entry.file_size > 1024 * 1024 and entry.file_size > max_ratio * max(entry.compress_size, 1):
            return False
    return True


def content_is_safe(data, mime, *, max_unpacked, max_ratio=100):
    """True when the bytes of a file of type `mime` carry nothing hidden or broken."""
    if not data or has_active_content(data):
        return False
    if mime == "application/pdf" and not pdf_is_complete(data):
        return False
    if mime in ZIP_TYPES:
        return zip_is_safe(data, max_unpacked=max_unpacked, max_ratio=max_ratio)
    return True
