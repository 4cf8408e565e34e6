"""CV files made on the fly for the tests (no binary fixtures in the repository)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text pypdf can extract (Helvetica, WinAnsi encoding)."""
    content = b"BT /F1 12 Tf 72 800 Td 14 TL " + b" ".join(_pdf_string(line) + b" Tj T*" for line in lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_with_text(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_zip_bomb(uncompressed_mb: int = 40) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to `uncompressed_mb` MB (a few dozen KB on disk)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", b"<" + b" " * (uncompressed_mb * 1024 * 1024) + b">")
    return out.getvalue()


def pdf_cpu_bomb(pages: int = 40, operators_per_page: int = 950_000) -> bytes:
    """The audit's PDF: every page draws ~1M empty strings; one compressed content stream shared by all pages.

    A few KB on disk; pypdf spends ~0.75 s of CPU a page extracting its (empty) text.
    """
    content = zlib.compress(b"BT /F1 12 Tf 72 800 Td " + b"() Tj " * operators_per_page + b"ET", 9)
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
    )
    objects += [page] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_lying_about_sizes(inflated_mb: int = 300, claimed_bytes: int = 1024) -> bytes:
    """A .docx-shaped zip whose directory claims `claimed_bytes` for word/document.xml, which
    really inflates to `inflated_mb` MB (the audit's file: 973 KB claiming 1 KB, ~2 GB inflated)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"<w:t>" + b" " * (1024 * 1024 - 11) + b"</w:t>"
    crc = 0
    compressed = []
    for _ in range(inflated_mb):
        compressed.append(compressor.compress(block))
        crc = zlib.crc32(block, crc)
    compressed.append(compressor.flush())
    members = [
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>', None),
        ("word/document.xml", b"".join(compressed), (crc, claimed_bytes)),
    ]
    out = io.BytesIO()
    central = []
    for name, data, lie in members:
        if lie is None:
            crc_value, size, method, body = zlib.crc32(data), len(data), 0, data
        else:
            (crc_value, size), method, body = lie, 8, data
        offset = out.tell()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc_value, len(body), size, len(name), 0
        )
        out.write(header + name.encode() + body)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc_value,
                len(body),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name.encode()
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()
