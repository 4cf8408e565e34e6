"""How fast the French-text readers are: skills of an offer or a CV, the occupation a task-only CV describes.

    python -m bench.understanding                          # demo payloads, their own competences as vocabulary
    python -m bench.understanding --rome ../shared/data/rome --repeat 5

Per offer: `SkillReader.find` over the demo payloads' competence labels (what `evaluate_understanding` does).
Per CV (a 2,000-character CV built from the demo's texts): `find` over a large vocabulary (with `--rome`, ROME's
18,000 skill labels, larger than the offers' vocabulary a CV upload reads against), then the task reader
(`occupation_tasks.TaskReader.read`, built from ROME's definitions). With `--rome`, both `find`s again with the
reading by meaning (`meaning.py`: the encoder loaded and the referential's vectors read from their disk cache or
computed, timed once). No database: the readers are built from files.
Figures are p50/p95 in milliseconds on this machine, with its load at the start.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms ({len(ordered)} runs)"


def _timed(read: Callable[[str], object], texts: list[str], repeat: int) -> str:
    """p50/p95 of `read` over every text, `repeat` times."""
    samples = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            read(text)
            samples.append((time.perf_counter() - started) * 1000)
    return _percentiles(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rome", type=Path, help="folder of the ROME v4.60 CSV files (../shared/data/rome)")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the offers / CVs")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobmarket.settings")
    os.environ.setdefault("JOBMARKET_TESTING", "1")  # a bench run is not a deployment: no SECRET_KEY needed
    import django

    django.setup()
    from offers.understanding.evaluation import _competences, france_travail_offers
    from offers.understanding.occupation_tasks import TaskReader
    from offers.understanding.skills import skill_reader

    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    started = time.perf_counter()
    reader = skill_reader()
    print(f"skill reader built in {(time.perf_counter() - started) * 1000:.0f} ms")

    offers = list(france_travail_offers(ROOT / "ingestion" / "demo" / "francetravail"))
    texts = [f"{offer['intitule']}\n{offer.get('description') or ''}" for offer in offers]
    vocabulary = sorted({label for offer in offers for label in _competences(offer)})
    timed = _timed(lambda text: reader.find(text, vocabulary), texts, args.repeat)
    print(f"skills of an offer ({len(vocabulary)} labels): {timed}")

    if not args.rome:
        return 0
    with (args.rome / "unix_referentiel_competence_v460_utf8.csv").open(encoding="utf-8") as handle:
        rome_labels = [row["libelle_competence"] for row in csv.DictReader(handle)]
    cvs = ["\n".join(texts[start : start + 3])[:2000] for start in range(0, min(len(texts), 90), 3)]
    reader.find(cvs[0], rome_labels)  # labels read once, as a process does
    timed = _timed(lambda cv: reader.find(cv, rome_labels), cvs, args.repeat)
    print(f"skills of a CV ({len(rome_labels)} labels): {timed}")

    from offers.understanding.meaning import meaning_reader

    started = time.perf_counter()
    meaning = meaning_reader(args.rome)
    print(f"reading by meaning ready in {(time.perf_counter() - started) * 1000:.0f} ms (encoder, referential vectors)")
    reader.find(texts[0], vocabulary, meaning=meaning)  # the vocabulary's own labels encoded once, as a process does
    timed = _timed(lambda text: reader.find(text, vocabulary, meaning=meaning), texts, args.repeat)
    print(f"skills of an offer with meaning ({len(vocabulary)} labels): {timed}")
    timed = _timed(lambda cv: reader.find(cv, rome_labels, meaning=meaning), cvs, args.repeat)
    print(f"skills of a CV with meaning ({len(rome_labels)} labels): {timed}")

    with (args.rome / "unix_referentiel_code_rome_v460_utf8.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sentences: dict[str, list[tuple[int, str]]] = {}
    with (args.rome / "unix_texte_v460_utf8.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["libelle_type_texte"] == "definition":
                sentences.setdefault(row["code_rome"], []).append((int(row["position_phrase"]), row["libelle_texte"]))
    definitions = [
        (
            row["code_rome"],
            row["libelle_rome"],
            " ".join(text for _, text in sorted(sentences.get(row["code_rome"], []))),
        )
        for row in rows
    ]
    parents = {row["code_rome"]: row["code_rome_parent"] for row in rows if row["code_rome_parent"] != row["code_rome"]}
    started = time.perf_counter()
    tasks = TaskReader(definitions=definitions, parents=parents, keys=reader.paraphrase.keys)
    print(f"task reader built in {(time.perf_counter() - started) * 1000:.0f} ms ({len(tasks.documents)} definitions)")
    print(f"occupation of a task-only CV: {_timed(tasks.read, cvs, args.repeat)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
