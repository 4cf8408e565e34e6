"""A web worker's warm-up (matching.warmup, run by gunicorn.conf.py before the worker's first request)."""

from __future__ import annotations

import logging
import runpy
from pathlib import Path

import pytest
from django.db import DatabaseError

from matching import encoder as encoder_module
from matching import warmup
from matching.warmup import STEPS, warm_process
from offers.search.lexicon import english_lexicon
from offers.understanding.spelling import speller

ROOT = Path(__file__).resolve().parents[2]


def test_the_warm_up_builds_what_a_first_recommendation_would(active_model):
    speller.cache_clear()
    english_lexicon.cache_clear()
    encoded: list[list[str]] = []
    real = encoder_module._encoders[(active_model.name, active_model.backend)]
    original = real.encode

    class Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        def encode(self, texts, *args, **kwargs):
            encoded.append(list(texts))
            return original(texts, *args, **kwargs)

    encoder_module._encoders[(active_model.name, active_model.backend)] = Spy()
    try:
        loaded = warm_process()
    finally:
        encoder_module._encoders[(active_model.name, active_model.backend)] = real
    assert list(loaded) == [name for name, _ in STEPS]
    assert speller.cache_info().currsize == 1 and english_lexicon.cache_info().currsize == 1
    assert encoded == [["Boulanger"]]  # the active model's weights and tokenizer, through one text


@pytest.mark.django_db
def test_a_part_not_ready_is_logged_and_the_others_still_load(monkeypatch, caplog):
    def no_referential():
        raise DatabaseError('relation "offers_occupation" does not exist')

    loaded_parts: list[str] = []
    monkeypatch.setattr(
        warmup,
        "STEPS",
        (("occupation reader", no_referential), ("skill reader", lambda: loaded_parts.append("skill reader"))),
    )
    with caplog.at_level(logging.INFO, logger="matching.warmup"):
        loaded = warm_process()
    assert list(loaded) == ["skill reader"] and loaded_parts == ["skill reader"]
    assert "warm-up: occupation reader not loaded" in caplog.text
    assert "offers_occupation" in caplog.text


def test_a_defect_in_a_part_is_not_hidden(monkeypatch):
    def defect():
        raise ValueError("a bug, not a machine that is not ready")

    monkeypatch.setattr(warmup, "STEPS", (("skill reader", defect),))
    with pytest.raises(ValueError, match="a bug"):
        warm_process()


def test_gunicorn_runs_the_warm_up_in_each_worker_before_its_first_request(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(warmup, "warm_process", lambda: calls.append("warmed") or {})
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["post_worker_init"](object())
    assert calls == ["warmed"]
