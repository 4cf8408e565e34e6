from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.cv import CvKind, CvRejected, cv_read, safe_display_name
from tests.candidates.documents import (
    docx_lying_about_sizes,
    docx_with_text,
    docx_zip_bomb,
    pdf_cpu_bomb,
    pdf_with_text,
)

LIMIT = 5 * 1024 * 1024


def test_text_of_a_pdf_cv_is_extracted():
    document = cv_read(pdf_with_text(["Boulangère confirmée", "Pétrir la pâte, cuire des pâtons"]), max_bytes=LIMIT)
    assert document.kind is CvKind.PDF
    assert "Boulangère confirmée" in document.text
    assert "Pétrir la pâte" in document.text


def test_text_of_a_docx_cv_is_extracted():
    document = cv_read(docx_with_text(["Développeuse Python", "Django, PostgreSQL"]), max_bytes=LIMIT)
    assert document.kind is CvKind.DOCX
    assert document.text.splitlines() == ["Développeuse Python", "Django, PostgreSQL"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00 an executable",
        b"{\\rtf1 an rtf document}",
    ],
    ids=["png", "html", "exe", "rtf"],
)
def test_a_file_that_is_neither_pdf_nor_docx_is_rejected_whatever_its_name(data):
    with pytest.raises(CvRejected, match="ni un PDF ni un document Word"):
        cv_read(data, max_bytes=LIMIT)


def test_an_empty_file_is_rejected():
    with pytest.raises(CvRejected, match="vide"):
        cv_read(b"", max_bytes=LIMIT)


def test_a_file_over_the_size_limit_is_rejected_before_parsing():
    with pytest.raises(CvRejected, match="taille maximale de 5 Mo"):
        cv_read(b"%PDF-" + b"0" * LIMIT, max_bytes=LIMIT)


def test_a_docx_zip_bomb_is_rejected_without_inflating_it():
    bomb = docx_zip_bomb()
    assert len(bomb) < 200_000
    with pytest.raises(CvRejected, match="anormalement volumineux"):
        cv_read(bomb, max_bytes=LIMIT)


def test_a_pdf_of_a_million_empty_text_operators_is_cut_off_by_the_cpu_limit(settings):
    # The audit's CPU bomb: ~0.75 s of parsing a page, 40 pages; the child is killed after 1 s of CPU.
    settings.CV_READ_CPU_SECONDS, settings.CV_READ_WALL_SECONDS = 1, 120
    bomb = pdf_cpu_bomb()
    assert len(bomb) < 100_000
    with pytest.raises(CvRejected, match="trop complexe") as rejected:
        cv_read(bomb, max_bytes=LIMIT)
    assert rejected.value.code == "too_costly"


def test_a_reading_past_its_wall_time_is_stopped(settings):
    settings.CV_READ_CPU_SECONDS, settings.CV_READ_WALL_SECONDS = 120, 1
    with pytest.raises(CvRejected, match="trop complexe"):
        cv_read(pdf_cpu_bomb(), max_bytes=LIMIT)


def test_a_reading_past_its_memory_limit_is_refused_not_a_crash(settings):
    # 128 MB of address space cannot hold pypdf's parse of a 4 MB page of operators.
    settings.CV_READ_MEMORY_MB = 128
    with pytest.raises(CvRejected, match="trop complexe"):
        cv_read(pdf_cpu_bomb(pages=1, operators_per_page=4_000_000), max_bytes=LIMIT)


def test_a_docx_lying_about_its_sizes_is_refused_without_inflating_it():
    # Its directory claims 1 KB for word/document.xml, which inflates to 300 MB.
    lying = docx_lying_about_sizes(inflated_mb=300)
    assert len(lying) < 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(CvRejected, match="illisible|anormalement volumineux"):
            cv_read(lying, max_bytes=LIMIT, isolated=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024


def test_a_docx_inflating_past_the_cap_is_refused_whatever_its_directory_says():
    with pytest.raises(CvRejected, match="anormalement volumineux"):
        cv_read(docx_lying_about_sizes(inflated_mb=40, claimed_bytes=40 * 1024 * 1024), max_bytes=LIMIT)


def test_a_zip_that_is_not_a_word_document_is_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "bonjour")
    with pytest.raises(CvRejected, match="pas un document Word"):
        cv_read(out.getvalue(), max_bytes=LIMIT)


def test_a_truncated_pdf_is_rejected_with_a_clear_message():
    with pytest.raises(CvRejected):
        cv_read(pdf_with_text(["Boulanger"])[:60], max_bytes=LIMIT)


def test_a_password_protected_pdf_is_rejected():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_with_text(["Secret"]))))
    writer.encrypt("motdepasse")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(CvRejected, match="protégé par un mot de passe"):
        cv_read(out.getvalue(), max_bytes=LIMIT)


def test_a_pdf_without_text_is_rejected_as_unreadable():
    with pytest.raises(CvRejected, match="Aucun texte"):
        cv_read(pdf_with_text([]), max_bytes=LIMIT)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from([b"%PDF-", b"%PDF-1.7\n", b"PK\x03\x04", b""]), body=st.binary(max_size=2000))
def test_arbitrary_bytes_are_either_read_or_rejected_never_crash(prefix, body):
    try:
        document = cv_read(prefix + body, max_bytes=LIMIT, isolated=False)
    except CvRejected as rejected:
        assert rejected.message
    else:
        assert document.text


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=4000))
def test_any_truncation_of_a_real_docx_is_read_or_rejected(cut):
    data = docx_with_text(["Chef de projet", "Gestion de projet"])
    try:
        document = cv_read(data[:cut], max_bytes=LIMIT, isolated=False)
    except CvRejected as rejected:
        assert rejected.message
    else:
        assert "Chef de projet" in document.text


@given(name=st.text(max_size=300))
def test_an_uploaded_name_is_shown_back_without_markup_or_path(name):
    shown = safe_display_name(name)
    assert shown and len(shown) <= 200
    assert not set("<>\"'`&/\\") & set(shown)


def test_a_script_in_a_pdf_name_is_neutralised():
    assert safe_display_name("<img src=x onerror=alert(1)>cv.pdf") == "img src=x onerror=alert(1)cv.pdf"
    assert safe_display_name("../../<script>alert(1)</script>.pdf") == "script.pdf"
