"""Text out of untrusted CV bytes, meant to run in a child process under resource limits.

No Django here: `candidates.cv` starts this file as a script (`python -I cv_reader.py CPU MEMORY`)
with the document on its standard input; the child limits its own CPU time and address space
before parsing, then writes one JSON line: `{"kind": ..., "text": ...}` or `{"failure": code}`.
A parser that loops (a PDF of a million empty text operators) is killed by the CPU limit, one
that allocates without end by the memory limit, and the parent turns both into a refusal.

DOCX members are inflated here by streaming, each in bounded chunks under a byte cap for the
whole document: the sizes in the zip directory are never trusted (a directory that claims 1 KB
for a member that inflates to 2 GB made `zipfile.read()` inflate it all in one call).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from enum import StrEnum

# Bounds on what we agree to inflate from a DOCX before python-docx sees it.
DOCX_MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024
DOCX_MAX_MEMBERS = 1000
DOCX_READ_CHUNK = 64 * 1024
PDF_MAX_PAGES = 40
# Enough for any real CV; keeps a hostile file from filling the profile text.
MAX_TEXT_CHARS = 50_000


class Failure(StrEnum):
    """Why a document could not be read; `candidates.cv` words each for the candidate."""

    EMPTY = "empty"
    NOT_A_CV = "not_a_cv"
    PDF_BROKEN = "pdf_broken"
    PDF_ENCRYPTED = "pdf_encrypted"
    PDF_TOO_MANY_PAGES = "pdf_too_many_pages"
    DOCX_BROKEN = "docx_broken"
    DOCX_NOT_WORD = "docx_not_word"
    DOCX_TOO_BIG = "docx_too_big"
    NO_TEXT = "no_text"


class DocumentUnreadable(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.value)
        self.failure = failure


def document_kind(data: bytes) -> str:
    """'pdf' or 'docx' from the first bytes (the file name and the browser's content type are not trusted)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    raise DocumentUnreadable(Failure.EMPTY if not data else Failure.NOT_A_CV)


def document_text(data: bytes) -> tuple[str, str]:
    """(kind, raw text) of a PDF or DOCX, or `DocumentUnreadable`."""
    kind = document_kind(data)
    return kind, _pdf_text(data) if kind == "pdf" else _docx_text(data)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentUnreadable(Failure.PDF_ENCRYPTED)
        if len(reader.pages) > PDF_MAX_PAGES:
            raise DocumentUnreadable(Failure.PDF_TOO_MANY_PAGES)
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size > MAX_TEXT_CHARS:
                break
        return "\n".join(parts)
    except DocumentUnreadable:
        raise
    except MemoryError:
        raise
    # pypdf on a malformed file fails in many ways (PyPdfError, KeyError, ValueError,
    # RecursionError, zlib.error...): whatever it raises, the file is unreadable.
    except Exception as exc:
        raise DocumentUnreadable(Failure.PDF_BROKEN) from exc


def docx_members_inflated(data: bytes) -> dict[str, bytes]:
    """Every member of the archive, inflated chunk by chunk under DOCX_MAX_UNCOMPRESSED_BYTES in all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise DocumentUnreadable(Failure.DOCX_BROKEN) from exc
    names = {member.filename for member in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise DocumentUnreadable(Failure.DOCX_NOT_WORD)
    if len(members) > DOCX_MAX_MEMBERS:
        raise DocumentUnreadable(Failure.DOCX_TOO_BIG)
    inflated: dict[str, bytes] = {}
    budget = DOCX_MAX_UNCOMPRESSED_BYTES
    for member in members:
        # Word writes stored or deflated members; bzip2 and lzma would inflate without a bound per call.
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or member.is_dir():
            if member.is_dir():
                continue
            raise DocumentUnreadable(Failure.DOCX_BROKEN)
        chunks: list[bytes] = []
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(DOCX_READ_CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise DocumentUnreadable(Failure.DOCX_TOO_BIG)
                    chunks.append(chunk)
        except DocumentUnreadable:
            raise
        # A lying directory ends in a CRC error; a damaged stream in zlib or EOF errors.
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise DocumentUnreadable(Failure.DOCX_BROKEN) from exc
        inflated[member.filename] = b"".join(chunks)
    return inflated


def _docx_text(data: bytes) -> str:
    members = docx_members_inflated(data)
    # python-docx reads a zip itself: it gets an honest one, built from the bounded members.
    honest = io.BytesIO()
    with zipfile.ZipFile(honest, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    import docx

    try:
        document = docx.Document(honest)
        lines = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.extend(cell.text for cell in row.cells)
        return "\n".join(lines)
    except MemoryError:
        raise
    # python-docx and lxml on a malformed part fail in their own ways (OpcError, KeyError, XMLSyntaxError...).
    except Exception as exc:
        raise DocumentUnreadable(Failure.DOCX_BROKEN) from exc


def _limit_self(cpu_seconds: int, memory_bytes: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    cpu_seconds, memory_bytes = int(argv[1]), int(argv[2])
    # Import the parsers before the limits: their import is not the document's cost.
    import docx  # noqa: F401
    import pypdf  # noqa: F401

    _limit_self(cpu_seconds, memory_bytes)
    data = sys.stdin.buffer.read()
    try:
        kind, text = document_text(data)
        answer = {"kind": kind, "text": text[: MAX_TEXT_CHARS * 2]}
    except DocumentUnreadable as unreadable:
        answer = {"failure": unreadable.failure.value}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
