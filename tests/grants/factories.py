"""Small explicit factories for grant applications in each state."""

import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from grants import services
from grants.models import Application
from velsen_intl.pillars import Pillar

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def pdf_file(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def docx_file(name="begroting.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def fake_pdf(name="virus.pdf"):
    """An executable wearing a PDF name."""
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")


def draft(applicant, **fields):
    values = {
        "applicant_kind": Application.ApplicantKind.ORGANISATION,
        "contact_name": "Bea Burger",
        "organisation_name": "Stichting Zee en Strand",
        "kvk_number": "12345678",
        "address": "Plein 1, 1971 AA IJmuiden",
        "contact_email": applicant.email,
        "phone": "0255 123456",
        "iban": "NL91ABNA0417164300",
        "account_holder": "Stichting Zee en Strand",
        "title": "Strandopruiming met scholen",
        "pillar": Pillar.WORLD_AND_SOCIETY,
        "activity_plan": "Drie scholen ruimen het strand op en leren over zwerfafval.",
        "start_date": "2026-06-01",
        "end_date": "2026-06-30",
        "requested_amount": Decimal("1000.00"),
    }
    values.update(fields)
    cost_lines = values.pop("cost_lines", [("Materiaal", Decimal("1500.00"))])
    application = Application(**values)
    return services.save_draft(application, actor=applicant, cost_lines=cost_lines)


def submitted(applicant, **fields):
    return services.submit(draft(applicant, **fields), actor=applicant)


def in_review(applicant, servant, **fields):
    return services.start_review(submitted(applicant, **fields), actor=servant)


def granted(applicant, servant, amount="1000.00", **fields):
    application = in_review(applicant, servant, **fields)
    return services.grant(
        application, actor=servant, amount=Decimal(amount), motivation="Past in pijler C.", out_of_order_reason="test"
    )
