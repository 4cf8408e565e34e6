"""Builds `demo_truth.json`: the true ROME occupation of every offer of the demo set (run on purpose).

    python -m matching.evaluation.build_demo_truth

The demo payloads (`ingestion/demo/`) come out of `bench.gen_offers` with a fixed seed, which
knows the occupation of every job it writes, including the Adzuna ones (which carry no ROME
code) and the partner offers filed under an odd code. The recommendation evaluation grades
offers with this truth, never with what the offers themselves claim. The few hand-written
payloads (`page-9xxxx.json`) are labelled below.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bench.gen_offers import ADZUNA, DEMO_CONFIG, DEMO_SEED, DEMO_SIZE, FRANCE_TRAVAIL, iter_labelled_offers

DEMO_NOW = datetime(2026, 11, 23, tzinfo=UTC)  # the collection date the demo pages were written with
HAND_WRITTEN = {
    FRANCE_TRAVAIL: {"299ZQKA": "G1605"},  # "Plongeur en restauration"
    ADZUNA: {"5990000001": "D1102"},  # "Boulanger tourier"
}
OUT = Path(__file__).resolve().parent / "demo_truth.json"


def demo_truth() -> dict[str, dict[str, str]]:
    truth: dict[str, dict[str, str]] = {FRANCE_TRAVAIL: {}, ADZUNA: {}}
    for offer in iter_labelled_offers(DEMO_SIZE, DEMO_SEED, config=DEMO_CONFIG, now=DEMO_NOW):
        identifier = offer.payload.get("id") if isinstance(offer.payload, dict) else None
        if identifier is not None and str(identifier).strip():
            truth[offer.source][str(identifier).strip()] = offer.rome_code
    for source, labels in HAND_WRITTEN.items():
        truth[source].update(labels)
    return {source: dict(sorted(labels.items())) for source, labels in truth.items()}


def main() -> None:
    truth = demo_truth()
    OUT.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {sum(len(labels) for labels in truth.values())} labels to {OUT}")


if __name__ == "__main__":
    main()
