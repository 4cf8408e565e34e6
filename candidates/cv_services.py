"""Writes of the CV flow: an upload stored and queued, read in a limited child process, what it
proposes for the profile confirmed (or dismissed) by the candidate, the CV removed.

The reading (`cv_upload_read`, run by the task `candidates.tasks.cv_upload_read`) attaches the CV's
file and text to the profile and keeps its proposals (`candidates.cv_proposals`) on the upload: the
title, town and skills reach the profile only through `cv_proposals_accept`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates import selectors
from candidates.cv import CvRejected, cv_check, cv_read, safe_display_name
from candidates.cv_proposals import CvProposals, cv_proposals_read
from candidates.models import CandidateProfile, CvUpload, CvUploadStatus, cv_storage, cv_upload_path
from candidates.services import (
    MAX_SKILLS,
    CandidateError,
    _announce,
    _apply,
    email_unconfirmed_message,
    profile_get_or_create,
    profile_text_compose,
)


def _read_upload(upload: UploadedFile) -> bytes:
    limit = settings.CANDIDATE_CV_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise CvRejected(
            _("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": f"{limit / (1024 * 1024):g}"},
            code="too_large",
        )
    upload.seek(0)
    # One byte more than allowed: enough to know it is too big, without reading a huge file into memory.
    return upload.read(limit + 1)


def cv_upload_start(*, user: User, upload: UploadedFile) -> CvUpload:
    """Check what can be checked at once (size, type), store the file and queue its reading.

    Call it outside any transaction: the reading task must find the committed row. Without a
    broker (eager Celery) the reading is done when this returns; the returned row says how it went.
    """
    if not selectors.email_confirmed(user=user):
        raise CvRejected(email_unconfirmed_message(_("déposer un CV")), code="email_unconfirmed")
    data = _read_upload(upload)
    kind = cv_check(data, max_bytes=settings.CANDIDATE_CV_MAX_BYTES)
    storage = cv_storage()
    stored_name = storage.save(cv_upload_path(None, f"cv.{kind.value}"), ContentFile(data))
    try:
        with transaction.atomic():
            # Only the latest upload is kept. One still waiting is superseded: its file goes, its task
            # will find no row (a read upload's file is the profile's CV by now, and stays).
            earlier = CvUpload.objects.select_for_update().filter(user=user)
            superseded = [u.stored_name for u in earlier if u.status == CvUploadStatus.READING]
            earlier.delete()
            cv_upload = CvUpload.objects.create(
                user=user, stored_name=stored_name, original_name=safe_display_name(upload.name or "cv")
            )
            transaction.on_commit(lambda: [storage.delete(name) for name in superseded if name])
    except Exception:
        storage.delete(stored_name)
        raise
    from candidates.tasks import cv_upload_read

    cv_upload_read.delay(cv_upload.pk)
    cv_upload.refresh_from_db()
    return cv_upload


def cv_upload_read(*, upload_id: int) -> CvUpload | None:
    """Read a waiting upload in a limited child process; attach it to the profile or record why it is refused.

    Idempotent: an upload already read, refused or superseded is left alone (None).
    """
    cv_upload = CvUpload.objects.filter(pk=upload_id, status=CvUploadStatus.READING).first()
    if cv_upload is None:
        return None
    storage = cv_storage()
    try:
        with storage.open(cv_upload.stored_name, "rb") as handle:
            data = handle.read(settings.CANDIDATE_CV_MAX_BYTES + 1)
        document = cv_read(data, max_bytes=settings.CANDIDATE_CV_MAX_BYTES)
    except (CvRejected, FileNotFoundError) as failure:
        message = (
            failure.message if isinstance(failure, CvRejected) else _("Le fichier a disparu : déposez-le à nouveau.")
        )
        updated = CvUpload.objects.filter(pk=upload_id, status=CvUploadStatus.READING).update(
            status=CvUploadStatus.REJECTED, message=message, stored_name="", finished_at=timezone.now()
        )
        if updated:
            storage.delete(cv_upload.stored_name)
        return CvUpload.objects.filter(pk=upload_id).first()
    proposals = _proposals_of(document.text)
    with transaction.atomic():
        cv_upload = CvUpload.objects.select_for_update().filter(pk=upload_id, status=CvUploadStatus.READING).first()
        if cv_upload is None:  # superseded while it was read: its file is already gone
            return None
        profile = profile_get_or_create(user=cv_upload.user)
        profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
        previous = profile.cv_file.name if profile.cv_file else ""
        profile.cv_file.name = cv_upload.stored_name
        profile.cv_original_name = cv_upload.original_name
        profile.cv_text = document.text
        profile.cv_uploaded_at = timezone.now()
        profile.profile_text = profile_text_compose(profile)
        profile.save()
        cv_upload.status = CvUploadStatus.READ
        # Proposed only, never written to the profile without the candidate's confirmation.
        cv_upload.proposals = selectors.cv_proposals_unknown_to(profile=profile, proposals=proposals).as_json()
        cv_upload.finished_at = profile.cv_uploaded_at
        cv_upload.save(update_fields=["status", "proposals", "finished_at"])
        if previous and previous != cv_upload.stored_name:
            transaction.on_commit(lambda: storage.delete(previous))
        _announce(profile)
    return cv_upload


@transaction.atomic
def profile_cv_remove(*, user: User) -> CandidateProfile:
    profile = profile_get_or_create(user=user)
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    previous = profile.cv_file.name if profile.cv_file else ""
    profile.cv_file.name = ""
    profile.cv_original_name = ""
    profile.cv_text = ""
    profile.cv_uploaded_at = None
    profile.profile_text = profile_text_compose(profile)
    profile.save()
    # The removed CV's proposals go with it.
    CvUpload.objects.filter(user=user, proposals_answered_at=None).update(proposals_answered_at=timezone.now())
    if previous:
        transaction.on_commit(lambda: cv_storage().delete(previous))
    _announce(profile)
    return profile


# --- Proposals ------------------------------------------------------------------------------


def _proposals_of(text: str) -> CvProposals:
    from offers.geography.loading import gazetteer
    from offers.understanding.meaning import configured_meaning_reader
    from offers.understanding.occupation_tasks import task_reader
    from offers.understanding.occupations import occupation_reader
    from offers.understanding.skills import skill_reader

    return cv_proposals_read(
        text,
        vocabulary=selectors.skill_vocabulary(),
        skills=skill_reader(),
        occupations=occupation_reader(),
        places=gazetteer(),
        tasks=task_reader(),
        meaning=configured_meaning_reader(),
    )


def _same_occupation(title: str, proposals: CvProposals) -> bool:
    """The title kept is the one proposed, or an edit of it that names the same ROME occupation ("Boulangère"
    for "Boulanger / Boulangère")."""
    from offers.understanding.occupations import occupation_reader

    if title == proposals.title:
        return True
    reader = occupation_reader()
    guesses = reader.from_title(title)
    return bool(guesses) and reader.family(guesses[0].code) == reader.family(proposals.rome_code)


class ProposalsOutdated(CandidateError):
    pass


def _pending_upload(*, user: User, upload_id: int) -> CvUpload:
    cv_upload = (
        CvUpload.objects.select_for_update()
        .filter(user=user, pk=upload_id, status=CvUploadStatus.READ, proposals_answered_at=None)
        .first()
    )
    if cv_upload is None:
        raise ProposalsOutdated(
            _("Ces propositions ne sont plus d'actualité : rechargez la page."), field=None, code="outdated"
        )
    return cv_upload


@transaction.atomic
def cv_proposals_accept(
    *, user: User, upload_id: int, title: str | None, place_insee: str | None, skills: list[str]
) -> CandidateProfile:
    """Write what the candidate kept of their CV's proposals: a title (as they edited it), a commune,
    the proposed skills they ticked (others are ignored). None: that proposal was not kept."""
    cv_upload = _pending_upload(user=user, upload_id=upload_id)
    proposals = CvProposals.from_json(cv_upload.proposals)
    profile = profile_get_or_create(user=user)
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    data: dict[str, object] = {}
    if title is not None and title.strip():
        data["wanted_title"] = title
        if proposals.rome_code and _same_occupation(" ".join(title.split()), proposals):
            data["rome_code"] = proposals.rome_code
    if place_insee:
        data["commune_insee"] = place_insee
    known = {skill.casefold() for skill in profile.skills}
    kept = [skill for skill in proposals.skills if skill in skills and skill.casefold() not in known]
    if kept:
        if len(profile.skills) + len(kept) > MAX_SKILLS:
            raise CandidateError(
                _("Votre profil compte déjà %(n)d compétences : retirez-en avant d'en ajouter.")
                % {"n": len(profile.skills)},
                field="skills",
            )
        data["skills"] = [*profile.skills, *kept]
    _apply(profile, data)
    profile.profile_text = profile_text_compose(profile)
    profile.save()
    cv_upload.skills_added = kept
    cv_upload.proposals_answered_at = timezone.now()
    cv_upload.save(update_fields=["skills_added", "proposals_answered_at"])
    _announce(profile)
    return profile


@transaction.atomic
def cv_proposals_dismiss(*, user: User, upload_id: int) -> None:
    cv_upload = _pending_upload(user=user, upload_id=upload_id)
    cv_upload.proposals_answered_at = timezone.now()
    cv_upload.save(update_fields=["proposals_answered_at"])
