"""Reading a CV: size and type checks, text extraction in a limited child process, skill spotting.

No database, no storage. Every way a file can be wrong ends in `CvRejected`, carrying a
`code` and a French `message` meant for the candidate. `cv_read` is the service other apps
use to turn CV bytes into text (it never parses in the calling process).
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext as _

from candidates import cv_reader
from candidates.cv_reader import MAX_TEXT_CHARS, PDF_MAX_PAGES, DocumentUnreadable, Failure

logger = logging.getLogger(__name__)


class CvKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


class CvRejected(Exception):
    """The file is not a CV we can read; `message` is shown to the candidate as is, `code` says why."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class CvDocument:
    kind: CvKind
    text: str


# The code for a document whose reading ran past the child's CPU, time or memory limits.
TOO_COSTLY = "too_costly"


def _failure_message(code: str) -> str:
    messages = {
        Failure.EMPTY: _("Le fichier est vide."),
        Failure.NOT_A_CV: _(
            "Ce fichier n'est ni un PDF ni un document Word (.docx) : déposez votre CV dans l'un de ces formats."
        ),
        Failure.PDF_BROKEN: _("Ce PDF est illisible ou endommagé."),
        Failure.PDF_ENCRYPTED: _("Ce PDF est protégé par un mot de passe : déposez une version non protégée."),
        Failure.PDF_TOO_MANY_PAGES: _("Ce PDF a plus de %(pages)d pages : ce n'est pas un CV.")
        % {"pages": PDF_MAX_PAGES},
        Failure.DOCX_BROKEN: _("Ce document Word est illisible ou endommagé."),
        Failure.DOCX_NOT_WORD: _("Cette archive n'est pas un document Word (.docx)."),
        Failure.DOCX_TOO_BIG: _("Ce document Word est anormalement volumineux une fois décompressé."),
        Failure.NO_TEXT: _(
            "Aucun texte n'a pu être lu dans ce fichier (un PDF scanné ?) : déposez un CV au format texte."
        ),
    }
    return messages.get(code) or _(  # type: ignore[call-overload]
        "Ce fichier est trop complexe à lire : enregistrez-le à nouveau (PDF ou Word) et déposez-le encore."
    )


def _rejected(code: str) -> CvRejected:
    return CvRejected(_failure_message(code), code=code)


def cv_kind(data: bytes) -> CvKind:
    """The type from the first bytes (the file name and the browser's content type are not trusted)."""
    try:
        return CvKind(cv_reader.document_kind(data))
    except DocumentUnreadable as unreadable:
        raise _rejected(unreadable.failure) from unreadable


def cv_check(data: bytes, *, max_bytes: int) -> CvKind:
    """What can be said without parsing: not empty, not too big, a PDF or a DOCX."""
    if not data:
        raise _rejected(Failure.EMPTY)
    if len(data) > max_bytes:
        raise CvRejected(
            _("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": _megabytes(max_bytes)},
            code="too_large",
        )
    return cv_kind(data)


def cv_read(data: bytes, *, max_bytes: int, isolated: bool = True) -> CvDocument:
    """The text of a CV, or `CvRejected`. Parsed in a child process under CPU, wall-time and memory
    limits (`CV_READ_*` settings); `isolated=False` parses in this process (property tests only)."""
    kind = cv_check(data, max_bytes=max_bytes)
    if isolated:
        text = _read_in_child(data)
    else:
        try:
            text = cv_reader.document_text(data)[1]
        except DocumentUnreadable as unreadable:
            raise _rejected(unreadable.failure) from unreadable
    text = _clean(text)
    if not text:
        raise _rejected(Failure.NO_TEXT)
    return CvDocument(kind=kind, text=text[:MAX_TEXT_CHARS])


def _read_in_child(data: bytes) -> str:
    command = [
        sys.executable,
        "-I",  # isolated: no PYTHON* variables, no current folder on the path
        cv_reader.__file__,
        str(settings.CV_READ_CPU_SECONDS),
        str(settings.CV_READ_MEMORY_MB * 1024 * 1024),
    ]
    try:
        finished = subprocess.run(
            command, input=data, capture_output=True, timeout=settings.CV_READ_WALL_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        logger.warning("CV reading stopped after %s s of wall time", settings.CV_READ_WALL_SECONDS)
        raise _rejected(TOO_COSTLY) from exc
    try:
        answer = json.loads(finished.stdout) if finished.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        # Killed by the CPU limit (SIGXCPU/SIGKILL) or out of memory (MemoryError, exit 1).
        logger.warning(
            "CV reading failed in its child process (exit %s): %s",
            finished.returncode,
            finished.stderr[-500:].decode(errors="replace"),
        )
        raise _rejected(TOO_COSTLY)
    if "failure" in answer:
        raise _rejected(str(answer["failure"]))
    return str(answer.get("text", ""))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


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


def safe_display_name(filename: str) -> str:
    """The uploaded name as shown back to its owner: no path, no markup characters, bounded."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[<>\"'`&\x00-\x1f\x7f]", "", name).strip() or "cv"
    return name[:200]
