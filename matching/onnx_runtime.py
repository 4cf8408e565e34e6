"""Running a sentence-transformers model on ONNX Runtime: exported once, cached on disk, pooled in NumPy.

Why not sentence-transformers' own ONNX backend: it needs `optimum`, whose releases pin
transformers < 5, while sentence-transformers 6.2 needs transformers >= 5. The export is
therefore done here, directly:

1. the Hugging Face model inside the SentenceTransformer (its first module) is traced with
   `torch.onnx.export` (TorchScript exporter, dynamic batch and sequence axes) in eager attention,
   whose graph ONNX Runtime's BERT optimizer recognises and fuses (Attention, SkipLayerNorm,
   BiasGelu, EmbedLayerNorm: fewer, faster kernels);
2. for `onnx-int8`, dynamic int8 quantisation of the weights of its matrix products and attention
   (`quantize_dynamic`, QInt8, one scale per output channel: per-tensor scales cost 0.07 of cosine
   against float32 on this model, per channel 0.01). Measured on the evaluation (bench/embed.py):
   - 8-bit weights, not 7 (`reduce_range`): 7-bit weights lost 1.2 points of vector recall@10,
     8-bit ones none. 7 bits only help CPUs without VNNI (AVX512-VNNI, AVX-VNNI), whose u8*s8
     instructions can saturate at 16 bits: on such a CPU a warning at load time advises `onnx`;
   - the word-embedding table stays float32: it is a lookup, quantising it saves memory, not time,
     and costs agreement;
3. the tokenizer (the model's fast tokenizer, `tokenizer.json`) and the pooling of the model's
   own `modules.json` (mean, CLS or max over the attention mask), then L2 normalisation, run here
   in NumPy: no torch at encoding time.

The result is a folder (model.onnx, tokenizer.json, meta.json) in a cache keyed by a digest of
the weights' files, the backend and `ONNX_RECIPE`; it is written to a temporary folder and renamed
into place, so that web and worker processes starting together never read half a file (two
builders race harmlessly: the loser drops its copy). When the cache folder is not writable
(read-only home), the model is built in a temporary folder for the life of the process instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

# Changing anything in the export, fusion or quantisation below changes the vectors: bump this
# string, and both the cache key and the weights checksum of the ONNX backends change with it.
ONNX_RECIPE = "eager-opset17-bert-fused/int8-qint8-per-channel-matmul-attention/v2"

ONNX_BACKENDS = ("onnx", "onnx-int8")
_POOLING_MODES = ("mean", "cls", "max")
_INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
# Cross-checked on export: the float32 graph against torch on a few texts (tracing mistakes show
# as a cosine far below 1), the int8 one loosely (its expected drift is ~0.01).
_EXPORT_MIN_COSINE = {"onnx": 0.9999, "onnx-int8": 0.95}
_EXPORT_CHECK_TEXTS = (
    "Boulanger en CDI à Montpellier, fabrication du pain et des viennoiseries.",
    "Développeuse Python Django",
    "Aide-soignant de nuit en EHPAD",
    "x",
)


class OnnxExportError(Exception):
    """The model cannot run on the ONNX backends (unsupported modules) or its export is wrong."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jobmarket" / "onnx"


def default_threads() -> int:
    """CPUs this process may run on, at most 4.

    The refresh runs in one worker process and uses them all; web processes encode one short
    text per request, on the request's thread. The cap keeps one worker from taking a large
    machine that it shares with gunicorn workers and PostgreSQL (MATCHING_ONNX_THREADS lifts it).
    """
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 4))


def cpu_has_vnni() -> bool | None:
    """Whether the CPU has the int8 dot-product instructions (None: cannot tell, not Linux)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return "avx512_vnni" in flags or "avx_vnni" in flags or "asimddp" in flags  # asimddp: ARM's dot product


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file of a model folder (relative path and bytes): the cache key of a local model.

    Cheap next to loading the model (~0.2 s for 90 MB), and torch need not be imported when
    the export is already cached.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def cache_key(*, identity: str, backend: str) -> str:
    import onnxruntime

    # The ORT version is in the key because its optimizer writes the fused graph.
    return hashlib.sha256(f"{identity}|{backend}|{ONNX_RECIPE}|ort-{onnxruntime.__version__}".encode()).hexdigest()[:32]


def cached_build(*, cache_dir: Path, key: str, build: Callable[[Path], None]) -> Path | None:
    """The cache folder `key`, built by `build(folder)` when missing; None when `cache_dir` is not writable."""
    final = cache_dir / key
    if (final / "meta.json").exists():
        return final
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache_dir))
    except OSError as error:
        logger.warning("matching: ONNX cache %s is not writable (%s): building in memory", cache_dir, error)
        return None
    try:
        build(staging)
        # mkdtemp makes the folder private (0700): other users' processes (a worker run as another
        # user) must read it too.
        staging.chmod(0o755)
        try:
            # Atomic: readers see either no folder or a complete one (meta.json is written last).
            os.rename(staging, final)
        except OSError:
            if not (final / "meta.json").exists():
                raise
            logger.info("matching: another process built %s first, using it", final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


@contextmanager
def _quiet_onnx_tools() -> Iterator[None]:
    """Silence ONNX Runtime's optimizer and quantiser: a line per tensor at INFO, advice at WARNING.

    The quantiser logs on the root logger itself: a filter there drops the records written from
    ONNX Runtime's own files below ERROR (a root logger's filter never sees the records that
    other loggers propagate, so the application's lines still pass).
    """
    loggers = [logging.getLogger(name) for name in ("fusion_base", "onnx_model", "onnx_model_bert")]
    levels = [each.level for each in loggers]
    for each in loggers:
        each.setLevel(logging.ERROR)
    root = logging.getLogger()
    root.addFilter(_not_onnx_chatter)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.removeFilter(_not_onnx_chatter)
        for each, level in zip(loggers, levels, strict=True):
            each.setLevel(level)


def _not_onnx_chatter(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR or "onnxruntime" not in record.pathname


def _pooling_of(model: Any) -> str:
    """The pooling mode of a Transformer -> Pooling (-> Normalize) sentence-transformers model."""
    kinds = [type(module).__name__ for module in model]
    if kinds[:2] != ["Transformer", "Pooling"] or any(kind != "Normalize" for kind in kinds[2:]):
        raise OnnxExportError(
            f"the ONNX backends run Transformer -> Pooling (-> Normalize) models; this one is {' -> '.join(kinds)}: "
            "use MATCHING_BACKEND=torch or torch-int8"
        )
    mode = model[1].pooling_mode
    if mode not in _POOLING_MODES:
        raise OnnxExportError(
            f"pooling {mode!r} is not supported by the ONNX backends (only {', '.join(_POOLING_MODES)}): "
            "use MATCHING_BACKEND=torch or torch-int8"
        )
    return str(mode)


def export_model(model: Any, folder: Path, *, backend: str, weights_checksum: str) -> None:
    """Write model.onnx, tokenizer.json and meta.json of a (eager-attention) SentenceTransformer into `folder`."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    pooling = _pooling_of(model)
    transformer = model[0]
    hf_model = transformer.auto_model.eval()
    tokenizer = transformer.tokenizer
    input_names = [name for name in _INPUT_NAMES if name in tokenizer.model_input_names]
    if "input_ids" not in input_names or "attention_mask" not in input_names:
        raise OnnxExportError(f"the tokenizer gives {tokenizer.model_input_names}, not input_ids and attention_mask")

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = hf_model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(input_names, inputs, strict=True))).last_hidden_state

    # A padded batch: the trace must go through the attention-mask path (an unpadded example
    # lets transformers skip the mask, and the traced graph would then ignore it).
    sample = tokenizer(["Boulanger", "Développeuse Python Django en CDI à Lyon"], padding=True, return_tensors="pt")
    dynamic_axes = {name: {0: "batch", 1: "sequence"} for name in [*input_names, "last_hidden_state"]}
    fp32_path, fused_path = folder / "export.onnx", folder / "fused.onnx"
    # The TorchScript exporter is deprecated (the dynamo one needs onnxscript, not installed)
    # and warns about Python branches on shapes that are constant for this model.
    with _quiet_onnx_tools(), torch.no_grad():
        torch.onnx.export(
            LastHiddenState(),
            tuple(sample[name] for name in input_names),
            str(fp32_path),
            input_names=input_names,
            output_names=["last_hidden_state"],
            dynamic_axes=dynamic_axes,
            opset_version=17,
            dynamo=False,
        )
        config = hf_model.config
        fused = optimize_model(
            str(fp32_path),
            model_type="bert",
            num_heads=int(config.num_attention_heads),
            hidden_size=int(config.hidden_size),
            opt_level=0,  # only the portable fusions; ORT applies the CPU-specific ones at load time
        )
        fused.save_model_to_file(str(fused_path))
    fp32_path.unlink()
    model_path = folder / "model.onnx"
    if backend == "onnx-int8":
        with _quiet_onnx_tools():
            quantize_dynamic(
                str(fused_path),
                str(model_path),
                weight_type=QuantType.QInt8,
                per_channel=True,
                reduce_range=False,
                op_types_to_quantize=["MatMul", "Attention"],
                # The fused operators come from the com.microsoft domain, where shape inference cannot
                # type every tensor: they are all float32 here.
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
        fused_path.unlink()
    else:
        fused_path.rename(model_path)
    (folder / "tokenizer.json").write_text(tokenizer.backend_tokenizer.to_str(), encoding="utf-8")
    meta = {
        "weights_checksum": weights_checksum,
        "backend": backend,
        "recipe": ONNX_RECIPE,
        "dimension": int(model.get_embedding_dimension()),
        "max_seq_length": int(model.max_seq_length or 256),
        "pooling": pooling,
        "input_names": input_names,
        "pad_token_id": int(tokenizer.pad_token_id or 0),
    }
    _check_against_torch(model, folder, meta)
    # Written last: its presence marks a complete folder.
    (folder / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def _check_against_torch(model: Any, folder: Path, meta: dict) -> None:
    reference = model.encode(
        list(_EXPORT_CHECK_TEXTS), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    runtime = OnnxTextEncoder(folder, meta=meta, threads=1)
    cosines = np.sum(runtime.encode(list(_EXPORT_CHECK_TEXTS)) * reference, axis=1)
    if float(cosines.min()) < _EXPORT_MIN_COSINE[meta["backend"]]:
        raise OnnxExportError(
            f"the {meta['backend']} export disagrees with torch (cosines {np.round(cosines, 4).tolist()}): "
            "use MATCHING_BACKEND=torch"
        )


class OnnxTextEncoder:
    """One ONNX Runtime session and its tokenizer: texts in, unit vectors out (thread-safe).

    `threads` batches are encoded at once, each on one thread.
    """

    def __init__(self, folder: Path, *, threads: int, meta: dict | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.meta = meta or json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.dimension = int(self.meta["dimension"])
        self.max_seq_length = int(self.meta["max_seq_length"])
        self.weights_checksum = str(self.meta["weights_checksum"])
        self.threads = threads
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()
        self._tokenizer_json = (folder / "tokenizer.json").read_text(encoding="utf-8")
        # One tokenizer per window: truncation is a setting of the tokenizer object, and changing it
        # per call would race between threads.
        self._tokenizers: dict[int, Tokenizer] = {}
        self._tokenizers_lock = threading.Lock()
        options = onnxruntime.SessionOptions()
        # Each call runs on the calling thread; `threads` batches run side by side instead (see
        # encode). Splitting every operator over threads (intra-op) kept 2 cores only ~1.3 busy on
        # batches this small, and its spinning threads burn CPU that PostgreSQL could use:
        # bench: 98 -> 196 offers/s for onnx-int8 at window 128 on 2 cores.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        if self.meta["backend"] == "onnx-int8" and cpu_has_vnni() is False:
            logger.warning(
                "matching: this CPU has no VNNI instructions; int8 products with 8-bit weights may saturate "
                "there and lower the quality of the vectors: MATCHING_BACKEND=onnx is safer on it"
            )
        # InferenceSession.run may be called from several threads at once (documented thread-safe).
        self._session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def _tokenizer(self, window: int) -> Any:
        with self._tokenizers_lock:
            if window not in self._tokenizers:
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_str(self._tokenizer_json)
                tokenizer.no_padding()  # padded per batch below, after sorting by length
                tokenizer.enable_truncation(max_length=window)
                self._tokenizers[window] = tokenizer
            return self._tokenizers[window]

    def encode(self, texts: list[str], *, batch_size: int | None = None, max_tokens: int | None = None) -> np.ndarray:
        """Unit float32 vectors in the order of `texts`, each cut to `max_tokens` word pieces (default: the window).

        `batch_size` texts per session call; by default one for int8, eight for float32. int8
        activations are quantised with one scale per call (dynamic quantisation), so in a batch a
        text's vector would depend on its batch mates (cosine down to 0.985 against the same text
        alone): one text per call keeps a text's vector a function of the text, which the refresh
        relies on (an unchanged text hash means an unchanged vector). It costs nothing at 128 word
        pieces (bench: the same CPU time per offer from 1 to 8 texts per call, more above 16).
        """
        if batch_size is None:
            batch_size = 1 if self.meta["backend"] == "onnx-int8" else 8
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        window = min(max_tokens or self.max_seq_length, self.max_seq_length)
        encodings = self._tokenizer(window).encode_batch(texts)
        lengths = np.array([len(encoding.ids) for encoding in encodings])
        # Batches of similar lengths pad little; the vectors go back to the input order below.
        order = np.argsort(lengths, kind="stable")
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        names = self.meta["input_names"]

        def run(indices: np.ndarray) -> np.ndarray:
            width = int(lengths[indices].max())
            input_ids = np.full((len(indices), width), self.meta["pad_token_id"], dtype=np.int64)
            attention_mask = np.zeros((len(indices), width), dtype=np.int64)
            for row, index in enumerate(indices):
                ids = encodings[index].ids
                input_ids[row, : len(ids)] = ids
                attention_mask[row, : len(ids)] = 1
            feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
            if "token_type_ids" in names:
                feeds["token_type_ids"] = np.zeros_like(input_ids)
            # The session releases the GIL while it runs: the executor's threads really run in parallel.
            (hidden, *_) = self._session.run(["last_hidden_state"], feeds)
            return self._pooled(hidden, attention_mask)

        batches = [order[start : start + batch_size] for start in range(0, len(texts), batch_size)]
        results = map(run, batches) if len(batches) == 1 or self.threads == 1 else self._executor().map(run, batches)
        for indices, batch_vectors in zip(batches, results, strict=True):
            vectors[indices] = batch_vectors
        return vectors

    def _executor(self) -> ThreadPoolExecutor:
        # Created on first use and again after a fork: a forked child inherits the executor but
        # not its threads (a Celery or gunicorn worker forked after the model was loaded).
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="onnx-encode")
                self._pool_pid = os.getpid()
            return self._pool

    def _pooled(self, hidden: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        mask = attention_mask[:, :, None].astype(np.float32)
        pooling = self.meta["pooling"]
        if pooling == "mean":
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        elif pooling == "cls":
            pooled = hidden[:, 0]
        else:  # max, over real tokens only (as sentence-transformers: padding set to a large negative)
            pooled = np.where(mask > 0, hidden, -1e9).max(axis=1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def build_or_load(
    *,
    identity: str,
    backend: str,
    cache_dir: Path,
    threads: int,
    export: Callable[[Path], None],
) -> OnnxTextEncoder:
    """The runtime for `identity` (a folder digest or a weights checksum), exported by `export(folder)` if needed."""
    started = time.perf_counter()
    key = cache_key(identity=identity, backend=backend)
    folder = cached_build(cache_dir=cache_dir, key=key, build=export)
    if folder is not None:
        runtime = OnnxTextEncoder(folder, threads=threads)
    else:
        with tempfile.TemporaryDirectory(prefix="jobmarket-onnx-") as scratch:
            export(Path(scratch))
            # The session and the tokenizer are read into memory: the folder may go.
            runtime = OnnxTextEncoder(Path(scratch), threads=threads)
    logger.info(
        "matching: %s runtime ready in %.1f s (%d threads, %s)",
        backend,
        time.perf_counter() - started,
        threads,
        folder or "built in memory",
    )
    return runtime
