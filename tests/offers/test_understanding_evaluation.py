"""The readers against France Travail's own fields: competences and romeCode hidden, predicted, compared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from offers.reference_data import rome_load
from offers.search.synonyms import search_synonyms_load
from offers.understanding.evaluation import extraction_scores, france_travail_offers, stated_labels, truth_codes
from offers.understanding.meaning import meaning_reader
from offers.understanding.occupations import occupation_reader
from offers.understanding.skills import skill_reader

DEMO = Path(__file__).resolve().parents[2] / "ingestion" / "demo" / "francetravail"
HELD_OUT = Path(__file__).resolve().parents[2] / "offers" / "understanding" / "heldout"
SECOND = Path(__file__).resolve().parents[2] / "offers" / "understanding" / "heldout2"
THIRD = Path(__file__).resolve().parents[2] / "offers" / "understanding" / "heldout3"
TITLES = Path(__file__).resolve().parents[2] / "offers" / "understanding" / "titles"
DEMO_TRUTH = Path(__file__).resolve().parents[2] / "matching" / "evaluation" / "demo_truth.json"
ROME = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"


@pytest.mark.django_db
def test_skills_and_occupations_of_the_demo_offers_hold_their_floors(capsys):
    assert ROME.is_dir(), "the tests read the ROME referential of ../shared/data"
    rome_load(folder=ROME)
    search_synonyms_load()  # the acronyms titles are read with (a migration loads them; a flush empties them)
    scores = extraction_scores(france_travail_offers(DEMO), skills=skill_reader(), occupations=occupation_reader())
    assert scores.offers > 150
    # Generated competences are random draws of each occupation's list, about a third of them never written in
    # the text: recall cannot go far above one half there (figures and reasons in offers/understanding/README.md).
    assert scores.skill_precision >= 0.61 and scores.skill_recall >= 0.52, scores
    # Titles alone, the referential loaded, no title taught by offers (none in this database).
    assert scores.rome_accuracy >= 0.80 and scores.rome_answered >= 0.95, scores

    # Hand-written offers whose texts state most of their competences, kept out of the tuning.
    held_out = extraction_scores(
        france_travail_offers(HELD_OUT), skills=skill_reader(), occupations=occupation_reader()
    )
    assert held_out.offers == 30
    assert held_out.skill_precision >= 0.86 and held_out.skill_recall >= 0.74, held_out
    assert held_out.rome_accuracy >= 0.96, held_out

    # The second hand-written set (real ROME v4.60 labels, long and formal: most are said otherwise in the
    # texts): half used to choose changes, half independent (never tuned on).
    for half, precision, recall in (("tuning", 0.92, 0.25), ("independent", 0.79, 0.19)):
        scores = extraction_scores(
            france_travail_offers(SECOND / half), skills=skill_reader(), occupations=occupation_reader()
        )
        assert scores.offers == 20 and scores.rome_offers == 20, (half, scores)
        assert scores.skill_precision >= precision and scores.skill_recall >= recall, (half, scores)
        assert scores.rome_accuracy >= 0.95, (half, scores)

    # The tuning half says by hand which hidden labels its texts state in any words (stated.json): 90 of 100.
    stated = stated_labels(SECOND / "tuning" / "stated.json")
    tuning = extraction_scores(
        france_travail_offers(SECOND / "tuning"), skills=skill_reader(), occupations=occupation_reader(), stated=stated
    )
    assert tuning.stated_labels == 90, tuning
    assert tuning.stated_recall >= 0.28, tuning

    # Against the demo generator's truth, the deliberately misfiled partner offers count as what they really are.
    truth = truth_codes(DEMO_TRUTH)
    demo = extraction_scores(
        france_travail_offers(DEMO), skills=skill_reader(), occupations=occupation_reader(), truth=truth
    )
    assert demo.rome_true_offers >= demo.rome_offers - 5, demo
    assert demo.rome_true_accuracy >= 0.81, demo

    call_command("evaluate_understanding", "--truth", str(DEMO_TRUTH), "--lexical")
    output = capsys.readouterr().out
    assert "skill P" in output and "ROME true" in output
    assert "heldout2/independent" in output and "INDEPENDENT" in output
    assert "heldout3/tuning" in output and "heldout3/independent" in output
    assert "titles/tuning" in output and "titles/independent" in output and "offer titles" in output
    assert "R stated" in output and "words only" in output


@pytest.mark.django_db
def test_the_reading_by_meaning_holds_its_floors(capsys):
    """Words and meaning (offers/understanding/meaning.py), as the CV's background task and the command read."""
    rome_load(folder=ROME)
    search_synonyms_load()
    meaning = meaning_reader(ROME)
    floors = (
        # set, precision, recall (words only: 0.619 / 0.523, 0.870 / 0.750, 0.929 / 0.260, 0.792 / 0.194). With the
        # offer's trade (meaning.py, fourteenth session): 0.594 / 0.545, 0.859 / 0.777, 0.886 / 0.390, 0.875 / 0.357
        # (0.596 / 0.537, 0.863 / 0.771, 0.909 / 0.300, 0.833 / 0.255 without it).
        (DEMO, 0.59, 0.54),
        (HELD_OUT, 0.85, 0.77),
        (SECOND / "tuning", 0.88, 0.38),
        (SECOND / "independent", 0.86, 0.35),
    )
    for folder, precision, recall in floors:
        scores = extraction_scores(
            france_travail_offers(folder), skills=skill_reader(), occupations=occupation_reader(), meaning=meaning
        )
        assert scores.skill_precision >= precision and scores.skill_recall >= recall, (folder.name, scores)
    stated = stated_labels(SECOND / "tuning" / "stated.json")
    tuning = extraction_scores(
        france_travail_offers(SECOND / "tuning"),
        skills=skill_reader(),
        occupations=occupation_reader(),
        stated=stated,
        meaning=meaning,
    )
    assert tuning.stated_recall >= 0.39, tuning

    # The third hand-written set (written blind, 40 occupations new to the first two): first measured at the commit
    # that added it, words and meaning P / R / R stated / ROME 0.812 / 0.224 / 0.258 / 0.80 (tuning) and
    # 0.923 / 0.211 / 0.250 / 0.90 (independent); words only 0.760 / 0.164 and 0.913 / 0.184. Tuning since: 0.929
    # precision (the homograph "traite") and ROME 0.85 (acronyms spelled out, "Responsable ADV"). With the offer's
    # trade: 0.936 / 0.379 / 0.419 (tuning) and 0.936 / 0.386 / 0.448 (independent), from 0.931 / 0.233 / 0.269 and
    # 0.938 / 0.263 / 0.302.
    for half, precision, recall, said, rome, labels, stated_count in (
        ("tuning", 0.93, 0.37, 0.41, 0.84, 116, 93),
        ("independent", 0.93, 0.38, 0.44, 0.89, 114, 96),
    ):
        stated = stated_labels(THIRD / half / "stated.json")
        scores = extraction_scores(
            france_travail_offers(THIRD / half),
            skills=skill_reader(),
            occupations=occupation_reader(),
            stated=stated,
            meaning=meaning,
        )
        assert scores.offers == 20 and scores.rome_offers == 20, (half, scores)
        assert sum(len(notes) for notes in stated.values()) == labels, half
        assert scores.stated_labels == stated_count, (half, scores)
        assert scores.skill_precision >= precision and scores.skill_recall >= recall, (half, scores)
        assert scores.stated_recall >= said and scores.rome_accuracy >= rome, (half, scores)

    # The offer-title set (200 titles written blind, ROME only, no competences): first measured at the commit that
    # added it, ROME accuracy / answered 0.840 / 0.970 (tuning) and 0.880 / 0.980 (independent), words only the same.
    # Since (the session's title changes: acronyms, holding words, English titles, inclusive marks), on the `make run`
    # data 0.870 and 0.890; here, without the titles offers teach, 0.86 and 0.88. Read with the offer's description
    # where the title leaves several occupations open (occupation_vocabulary.py): `make run` 0.910 and 0.920, here
    # 0.90 and 0.91.
    for half, rome in (("tuning", 0.89), ("independent", 0.90)):
        scores = extraction_scores(
            france_travail_offers(TITLES / half),
            skills=skill_reader(),
            occupations=occupation_reader(),
            meaning=meaning,
        )
        assert scores.offers == 0 and scores.rome_offers == 100, (half, scores)
        assert scores.rome_accuracy >= rome, (half, scores)

    call_command("evaluate_understanding", str(SECOND / "tuning"), "--rome", str(ROME))
    output = capsys.readouterr().out
    assert "words and meaning" in output and "heldout2/tuning" in output


@pytest.mark.django_db
def test_a_truth_file_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "truth.json"
    bad.write_text('{"adzuna": {}}', encoding="utf-8")
    with pytest.raises(CommandError, match="truth file unreadable"):
        call_command("evaluate_understanding", "--truth", str(bad))


@pytest.mark.django_db
def test_a_stated_file_must_annotate_exactly_the_hidden_labels(tmp_path):
    body = json.loads((SECOND / "tuning" / "page-00001.json").read_text(encoding="utf-8"))
    offer = body["resultats"][0]
    (tmp_path / "page-00001.json").write_text(json.dumps({"resultats": [offer]}), encoding="utf-8")
    labels = [item["libelle"] for item in offer["competences"]]
    notes = {label: {"stated": True, "why": "said"} for label in labels[1:]}  # the first label left out
    (tmp_path / "stated.json").write_text(json.dumps({"offers": {offer["id"]: notes}}), encoding="utf-8")
    with pytest.raises(CommandError, match="does not annotate exactly its competences"):
        call_command("evaluate_understanding", str(tmp_path))

    notes[labels[0]] = {"stated": False}  # no reason given
    (tmp_path / "stated.json").write_text(json.dumps({"offers": {offer["id"]: notes}}), encoding="utf-8")
    with pytest.raises(CommandError, match="needs 'stated'"):
        call_command("evaluate_understanding", str(tmp_path))


@pytest.mark.django_db
def test_the_reading_by_meaning_needs_its_referential(tmp_path, settings):
    settings.UNDERSTANDING_ROME_DIR = ""
    with pytest.raises(CommandError, match="give --rome FOLDER, or --lexical"):
        call_command("evaluate_understanding", str(SECOND / "tuning"))
    with pytest.raises(CommandError, match="no ROME skill file"):
        call_command("evaluate_understanding", str(SECOND / "tuning"), "--rome", str(tmp_path))
