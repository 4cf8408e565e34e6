"""Reading a CV: type check by content, bomb-safe text extraction, skill spotting.

Pure functions over bytes: no database, no storage. Every way a file can be wrong
ends in `CvRejected` carrying a French message meant for the candidate.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# A DOCX is a zip: these bound what we agree to inflate before python-docx sees it.
DOCX_MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024
DOCX_MAX_MEMBER_RATIO = 200  # ordinary XML compresses 5-20x; bombs reach thousands
DOCX_MAX_MEMBERS = 1000
PDF_MAX_PAGES = 40
# Enough for any real CV; keeps a hostile file from filling the profile text.
MAX_TEXT_CHARS = 50_000


class CvKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


class CvRejected(Exception):
    """The file is not a CV we can read; `message` is shown to the candidate as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CvDocument:
    kind: CvKind
    text: str


def cv_kind(data: bytes) -> CvKind:
    """The type from the first bytes (the file name and the browser's content type are not trusted)."""
    if data.startswith(b"%PDF-"):
        return CvKind.PDF
    if data.startswith(b"PK\x03\x04"):
        return CvKind.DOCX
    raise CvRejected(
        _("Ce fichier n'est ni un PDF ni un document Word (.docx) : déposez votre CV dans l'un de ces formats.")
    )


def cv_read(data: bytes, *, max_bytes: int) -> CvDocument:
    if not data:
        raise CvRejected(_("Le fichier est vide."))
    if len(data) > max_bytes:
        raise CvRejected(_("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": _megabytes(max_bytes)})
    kind = cv_kind(data)
    text = _pdf_text(data) if kind is CvKind.PDF else _docx_text(data)
    text = _clean(text)
    if not text:
        raise CvRejected(
            _("Aucun texte n'a pu être lu dans ce fichier (un PDF scanné ?) : déposez un CV au format texte.")
        )
    return CvDocument(kind=kind, text=text[:MAX_TEXT_CHARS])


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    broken = _("Ce PDF est illisible ou endommagé.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise CvRejected(_("Ce PDF est protégé par un mot de passe : déposez une version non protégée."))
        if len(reader.pages) > PDF_MAX_PAGES:
            raise CvRejected(_("Ce PDF a plus de %(pages)d pages : ce n'est pas un CV.") % {"pages": PDF_MAX_PAGES})
        parts: list[str] = []
        size = 0
        for page in reader.pages:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size > MAX_TEXT_CHARS:
                break
        return "\n".join(parts)
    except CvRejected:
        raise
    except PyPdfError as exc:
        logger.info("CV rejected, unreadable PDF: %s", exc)
        raise CvRejected(broken) from exc
    # pypdf on a malformed file fails in many ways (KeyError, ValueError, RecursionError,
    # zlib.error...): whatever it raises, the file is unreadable, never a server error.
    except Exception as exc:
        logger.info("CV rejected, PDF parser error %s: %s", type(exc).__name__, exc)
        raise CvRejected(broken) from exc


def _docx_text(data: bytes) -> str:
    broken = _("Ce document Word est illisible ou endommagé.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise CvRejected(broken) from exc
    names = {member.filename for member in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise CvRejected(_("Cette archive n'est pas un document Word (.docx)."))
    # Sizes are read from the archive's directory before anything is inflated: a zip
    # bomb is refused here, without decompressing a byte of it.
    if len(members) > DOCX_MAX_MEMBERS or sum(member.file_size for member in members) > DOCX_MAX_UNCOMPRESSED_BYTES:
        raise CvRejected(_("Ce document Word est anormalement volumineux une fois décompressé."))
    for member in members:
        if member.file_size > max(member.compress_size, 1) * DOCX_MAX_MEMBER_RATIO and member.file_size > 1024 * 1024:
            raise CvRejected(_("Ce document Word est anormalement volumineux une fois décompressé."))

    import docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.extend(cell.text for cell in row.cells)
        return "\n".join(lines)
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CvRejected(broken) from exc
    # The directory may lie about sizes; lxml and zipfile then fail in their own ways.
    except Exception as exc:
        logger.info("CV rejected, DOCX parser error %s: %s", type(exc).__name__, exc)
        raise CvRejected(broken) from exc


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANKS = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _clean(text: str) -> str:
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BLANKS.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: 'Pétrir  la pâte' -> 'petrir la pate'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9+#]+", folded))


def skills_in_text(text: str, vocabulary: Iterable[str]) -> list[str]:
    """The known skills the text mentions as whole words, in the vocabulary's spelling and order."""
    haystack = f" {fold(text)} "
    found: list[str] = []
    seen: set[str] = set()
    for skill in vocabulary:
        needle = fold(skill)
        # One- or two-letter "skills" (a stray "C") would match everywhere.
        if len(needle) < 3 or needle in seen:
            continue
        if f" {needle} " in haystack:
            seen.add(needle)
            found.append(skill)
    return found


def safe_display_name(filename: str) -> str:
    """The uploaded name as shown back to its owner: no path, no markup characters, bounded."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[<>\"'`&\x00-\x1f\x7f]", "", name).strip() or "cv"
    return name[:200]
