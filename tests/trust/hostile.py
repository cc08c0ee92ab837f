"""Hypothesis strategies for malformed and hostile uploads."""

import functools
import io
import zipfile

from hypothesis import strategies as st

MB = 1024 * 1024

HOSTILE_NAMES = [
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "../../velsen_intl/settings.py",
    "/etc/cron.d/evil",
    "plan.pdf.exe",
    "plan.exe.pdf",
    "invoice.php.png",
    "report.pdf.html",
    "image.svg",
    "index.html",
    ".htaccess",
    "CON.pdf",
    "\u202efdp.exe",  # right-to-left override: shows as "exe.pdf"
    "a" * 300 + ".pdf",
    "%2e%2e%2fescape.pdf",
    "name with spaces and ; semicolon.pdf",
    'quote".pdf',
    "plan.pdf",
    "begroting.docx",
    "foto.png",
]


@functools.cache
def zip_bomb():
    """A small .docx-looking zip that unpacks to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\x00" * MB
            for _ in range(200):
                entry.write(chunk)
    return buffer.getvalue()


@functools.cache
def zip_with_traversal():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("../../../../tmp/evil.sh", "#!/bin/sh\nrm -rf /\n")
    return buffer.getvalue()


@functools.cache
def oversized_pdf():
    return b"%PDF-1.4\n" + b"0" * (10 * MB) + b"\n%%EOF\n"


SCRIPT = b"<script>alert(document.cookie)</script>"
tails = st.binary(max_size=2048)

# Each strategy gives (kind, content).
executables = st.one_of(
    tails.map(lambda t: ("elf", b"\x7fELF\x02\x01\x01\x00" + t)),
    tails.map(lambda t: ("pe", b"MZ\x90\x00" + b"\x00" * 56 + b"PE\x00\x00" + t)),
    tails.map(lambda t: ("mach-o", b"\xcf\xfa\xed\xfe" + t)),
    st.text(max_size=200).map(lambda t: ("shell script", b"#!/bin/sh\n" + t.encode())),
    tails.map(lambda t: ("java class", b"\xca\xfe\xba\xbe" + t)),
)
markup = st.one_of(
    st.text(max_size=200).map(lambda t: ("html", b"<!DOCTYPE html><html><body>" + t.encode() + SCRIPT)),
    st.just(("svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + SCRIPT + b"</svg>")),
    st.just(
        ("svg (xml)", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    ),
    st.just(("php", b"<?php system($_GET['c']); ?>")),
)
polyglots = st.one_of(
    tails.map(lambda t: ("pdf+html", b"%PDF-1.4\n" + t + b"<html>" + SCRIPT + b"</html>\n%%EOF\n")),
    tails.map(
        lambda t: (
            "pdf+javascript",
            b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n" + t + b"\n%%EOF\n",
        )
    ),
    tails.map(lambda t: ("png+html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + t + SCRIPT)),
    tails.map(lambda t: ("jpeg+php", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + t + b"<?php phpinfo(); ?>")),
    st.just(("gifar", b"GIF89a/*\x00\x00*/=alert(1)//" + SCRIPT)),
    tails.map(lambda t: ("pdf+elf", b"%PDF-1.4\n" + t + b"\x7fELF\x02\x01\x01" + SCRIPT + b"\n%%EOF\n")),
)
malformed = st.one_of(
    st.just(("empty", b"")),
    tails.map(lambda t: ("random bytes", t)),
    tails.map(lambda t: ("truncated pdf", b"%PDF-1.4\n" + t.replace(b"%%EOF", b""))),
    tails.map(lambda t: ("zip that is no document", b"PK\x03\x04" + t)),
    st.just(("zip bomb", None)),
    st.just(("zip with ../ entries", None)),
    st.just(("oversized", None)),
)
CONTENT = {"zip bomb": zip_bomb, "zip with ../ entries": zip_with_traversal, "oversized": oversized_pdf}

hostile_contents = st.one_of(executables, markup, polyglots, malformed)
claimed_types = st.sampled_from(
    ["application/pdf", "image/png", "application/octet-stream", "text/html", "image/svg+xml", ""]
)


class Hostile(dict):
    def __repr__(self):
        return f"<{self['kind']} named {self['name'][:40]!r}, {len(self['content'])} bytes, {self['content'][:40]!r}>"


@st.composite
def hostile_files(draw):
    kind, content = draw(hostile_contents)
    if content is None:
        content = CONTENT[kind]()
    return Hostile(kind=kind, name=draw(st.sampled_from(HOSTILE_NAMES)), content=content, type=draw(claimed_types))
