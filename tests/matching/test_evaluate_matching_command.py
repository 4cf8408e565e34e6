from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from matching.evaluation import runner
from matching.evaluation.runner import Dataset, load_dataset
from matching.models import EvaluationResult
from offers.models import Offer

pytestmark = pytest.mark.django_db


def _offer(key: str, occupation: str, title: str, description: str) -> dict:
    return {
        "id": key,
        "occupation": occupation,
        "title": title,
        "rome_code": "",
        "rome_label": "",
        "skills": [],
        "description": description,
        "city": "Lyon",
        "latitude": 45.76,
        "longitude": 4.83,
        "contract_type": "cdi",
    }


TINY = Dataset(
    offers=[
        _offer("b1", "boulanger", "Boulanger", "Fabrication du pain et des croissants au fournil."),
        _offer("d1", "developpeur", "Développeur Python", "Développement d'applications web en Python."),
        _offer("c1", "comptable", "Comptable", "Saisie des écritures comptables et déclarations de TVA."),
    ],
    profiles=[
        {"id": "p1", "relevant": ["boulanger"], "text": "Boulanger, je fais le pain et les croissants"},
        {"id": "p2", "relevant": ["developpeur"], "text": "Développeuse Python, applications web"},
    ],
    version="tiny",
)


def test_the_shipped_set_has_60_profiles_over_a_few_hundred_offers_with_labels_that_exist():
    dataset = load_dataset()
    assert len(dataset.profiles) >= 60
    assert len(dataset.offers) >= 300
    assert all(dataset.relevant(profile) for profile in dataset.profiles)


def test_the_command_prints_and_stores_the_three_methods_with_the_model_version(
    active_model, monkeypatch, capsys, real_encoder
):
    monkeypatch.setattr(runner, "load_dataset", lambda: TINY)
    monkeypatch.setattr("matching.management.commands.evaluate_matching.load_dataset", lambda: TINY)
    call_command("evaluate_matching", "--search")
    out = capsys.readouterr().out
    assert "recommendations not scored: none of the demo offers is in the database" in out
    assert "recall@10" in out and "hybrid" in out
    stored = {result.method: result for result in EvaluationResult.objects.all()}
    assert set(stored) == {"vector", "keyword", "hybrid"}
    assert stored["vector"].model_checksum == real_encoder.weights_checksum
    assert stored["vector"].mrr == 1.0
    assert stored["vector"].dataset_version == "tiny"
    assert not Offer.objects.exists()  # the corpus lived in a rolled-back transaction


def test_without_the_demo_offers_the_command_says_how_to_load_them(active_model):
    with pytest.raises(CommandError, match="ingest --from-files ingestion/demo"):
        call_command("evaluate_matching", "--no-store")
