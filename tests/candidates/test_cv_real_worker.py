"""With a broker, a real Celery worker reads the CV (in its limited child process) and the row says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from celery import Celery
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates import cv_services
from candidates.models import CandidateProfile, CvUpload, CvUploadStatus
from tests.candidates.documents import pdf_cpu_bomb, pdf_with_text
from tests.factories import OfferFactory, UserFactory
from tests.processes import database_url_of_the_test_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reads_a_cv_and_refuses_a_cpu_bomb(redis_url, settings, monkeypatch, tmp_path):
    OfferFactory(skills=["Pétrir la pâte"])
    user, other = UserFactory(), UserFactory()
    queued: list[int] = []
    # The web side stores and queues; the queueing is replaced by sending to the broker below.
    monkeypatch.setattr("candidates.tasks.cv_upload_read", SimpleNamespace(delay=queued.append))
    cv_services.cv_upload_start(user=user, upload=SimpleUploadedFile("cv.pdf", pdf_with_text(["Pétrir la pâte"])))
    cv_services.cv_upload_start(user=other, upload=SimpleUploadedFile("bombe.pdf", pdf_cpu_bomb()))
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url_of_the_test_database(),
        "DEBUG": "1",
        "JOBMARKET_TESTING": "1",
        "CANDIDATE_CV_ROOT": str(settings.CANDIDATE_CV_ROOT),
        "CV_READ_CPU_SECONDS": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "jobmarket", "worker", "--pool=prefork", "--concurrency=1"]
        + ["--without-gossip", "--without-mingle", "-n", f"cv-{os.getpid()}@%h"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        sender = Celery(broker=redis_url)
        for upload_id in queued:
            sender.send_task("candidates.tasks.cv_upload_read", args=[upload_id])
        deadline = time.monotonic() + 120
        while CvUpload.objects.filter(status=CvUploadStatus.READING).exists() and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited"
            time.sleep(0.5)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)

    read, refused = CvUpload.objects.get(user=user), CvUpload.objects.get(user=other)
    assert (read.status, read.proposals["skills"]) == (CvUploadStatus.READ, ["Pétrir la pâte"])
    assert CandidateProfile.objects.get(user=user).cv_original_name == "cv.pdf"
    assert refused.status == CvUploadStatus.REJECTED and "trop complexe" in refused.message
