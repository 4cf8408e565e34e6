"""The same job on both sources, or twice on one, is one offer; two jobs of one employer are two."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ingestion.normalise import adzuna, francetravail
from offers.models import Offer, OfferSource, OfferStatus
from offers.services import postings_upsert
from tests.ingestion.payloads import adzuna_job, france_travail_offer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 4, 6, 0, tzinfo=UTC)


def _upsert(*payloads, seen_at=NOW):
    postings = [(francetravail if "intitule" in payload else adzuna).normalise(payload) for payload in payloads]
    return postings_upsert(postings=postings, seen_at=seen_at)


def test_the_same_job_on_both_sources_is_one_offer_linking_both() -> None:
    counts = _upsert(france_travail_offer("201A"), adzuna_job("4801"))

    offer = Offer.objects.get()
    assert (counts.new, counts.merged) == (1, 1)
    assert offer.sources == ["francetravail", "adzuna"]
    assert sorted(offer.postings.values_list("source", flat=True)) == ["adzuna", "francetravail"]
    # The offer shows France Travail's full description, not Adzuna's 500-character cut.
    assert offer.description_truncated is False
    assert len(offer.description) > 500


def test_a_job_seen_on_adzuna_first_then_on_france_travail_takes_the_full_text() -> None:
    _upsert(adzuna_job("4801"))
    assert Offer.objects.get().description_truncated is True

    _upsert(france_travail_offer("201A"))

    offer = Offer.objects.get()
    assert offer.description_truncated is False
    assert offer.rome_code == "D1102"
    assert OfferSource.objects.count() == 2


def test_the_same_job_posted_twice_on_one_source_is_one_offer() -> None:
    _upsert(france_travail_offer("201A"), france_travail_offer("201B"))
    assert Offer.objects.count() == 1
    assert OfferSource.objects.count() == 2


def test_near_identical_texts_merge_when_the_employer_is_written_differently() -> None:
    _upsert(france_travail_offer("201A"), adzuna_job("4801", company={"display_name": "Vieux Moulin (le)"}))
    assert Offer.objects.count() == 1


def test_the_same_job_with_a_slightly_different_title_merges_on_its_text() -> None:
    _upsert(france_travail_offer("201A"), adzuna_job("4801", title="Boulanger (H/F) - Montpellier", company={}))
    assert Offer.objects.count() == 1


def test_two_different_jobs_of_one_employer_in_one_place_are_two_offers() -> None:
    _upsert(
        france_travail_offer("201A"),
        france_travail_offer("201B", intitule="Vendeur en boulangerie (H/F)", description="Vente et encaissement."),
    )
    assert Offer.objects.count() == 2


def test_one_employer_template_text_with_two_titles_stays_two_offers() -> None:
    # Employers reuse one long text for several jobs: the titles tell them apart.
    _upsert(adzuna_job("4801", title="Boulanger H/F"), adzuna_job("4802", title="Vendeur H/F", company={}))
    assert Offer.objects.count() == 2


def test_the_same_title_of_one_employer_in_two_towns_is_two_offers() -> None:
    _upsert(
        france_travail_offer("201A", description="Texte court."),
        france_travail_offer(
            "201B",
            description="Texte court.",
            lieuTravail={"libelle": "34 - BEZIERS", "codePostal": "34500", "commune": "34032"},
        ),
    )
    assert Offer.objects.count() == 2


def test_a_permanent_and_a_fixed_term_job_with_the_same_title_are_two_offers() -> None:
    _upsert(france_travail_offer("201A"), france_travail_offer("201B", typeContrat="CDD"))
    assert Offer.objects.count() == 2


def test_two_postings_without_employer_name_never_merge_on_title_and_town_alone() -> None:
    _upsert(
        france_travail_offer("201A", entreprise={}, description="Premier texte."),
        france_travail_offer("201B", entreprise={}, description="Autre texte."),
    )
    assert Offer.objects.count() == 2


def test_a_job_posted_again_months_later_is_a_new_offer() -> None:
    _upsert(france_travail_offer("201A", dateCreation="2026-06-01T08:00:00Z"), seen_at=NOW - timedelta(days=120))
    _upsert(france_travail_offer("201B", dateCreation="2026-10-03T08:00:00Z"))
    assert Offer.objects.count() == 2


def test_a_job_never_merges_into_a_closed_offer() -> None:
    _upsert(france_travail_offer("201A"))
    Offer.objects.update(status=OfferStatus.CLOSED)
    _upsert(adzuna_job("4801"))
    assert Offer.objects.count() == 2


def test_seeing_a_posting_again_unchanged_moves_only_its_dates() -> None:
    _upsert(france_travail_offer("201A"))
    later = NOW + timedelta(days=1)
    counts = _upsert(france_travail_offer("201A"), seen_at=later)
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 1)
    offer = Offer.objects.get()
    assert offer.last_seen_at == later and offer.first_seen_at == NOW


def test_an_edited_posting_updates_its_offer() -> None:
    _upsert(france_travail_offer("201A"))
    counts = _upsert(france_travail_offer("201A", intitule="Boulanger confirmé (H/F)"), seen_at=NOW + timedelta(1))
    assert counts.updated == 1
    assert Offer.objects.get().title == "Boulanger confirmé (H/F)"


def test_postings_keep_the_licence_fields_url_and_update_date() -> None:
    _upsert(france_travail_offer("201A"), adzuna_job("4801"))
    urls = dict(OfferSource.objects.values_list("source", "url"))
    assert urls["francetravail"].endswith("/201A")
    assert urls["adzuna"].startswith("https://www.adzuna.fr/details/4801")
    assert OfferSource.objects.filter(source_updated_at__isnull=True).count() == 0
    assert Offer.objects.get().source_updated_at is not None


def test_a_salary_missing_from_the_best_posting_comes_from_the_other_one() -> None:
    _upsert(france_travail_offer("201A", salaire={}), adzuna_job("4801", salary_min=2000, salary_max=2200))
    offer = Offer.objects.get()
    assert (offer.salary_min, offer.salary_max) == (24000, 26400)


def test_an_interim_job_merges_with_its_adzuna_posting_given_as_a_fixed_term_contract() -> None:
    _upsert(france_travail_offer("201A", typeContrat="MIS"), adzuna_job("4801", contract_type="contract"))
    assert Offer.objects.count() == 1


def test_the_same_job_title_of_one_employer_in_two_paris_arrondissements_is_two_offers() -> None:
    def in_paris(offer_id: str, arrondissement: int) -> dict:
        return france_travail_offer(
            offer_id,
            description=f"Texte {offer_id}.",
            lieuTravail={
                "libelle": f"75 - Paris {arrondissement}e Arrondissement",
                "codePostal": f"750{arrondissement:02d}",
            },
        )

    _upsert(in_paris("201A", 11), in_paris("201B", 8))
    assert Offer.objects.count() == 2


def test_an_arrondissement_written_two_ways_is_one_place() -> None:
    _upsert(
        france_travail_offer("201A", lieuTravail={"libelle": "69 - Lyon 02", "codePostal": "69002"}),
        adzuna_job(
            "4801", location={"area": ["France", "Auvergne-Rhône-Alpes", "Rhône", "Lyon", "Lyon 2e Arrondissement"]}
        ),
    )
    assert Offer.objects.count() == 1


def test_the_same_title_of_one_employer_published_weeks_apart_is_another_hiring() -> None:
    _upsert(
        france_travail_offer("201A", description="Premier texte.", dateCreation="2026-09-01T08:00:00Z"),
        france_travail_offer("201B", description="Second texte.", dateCreation="2026-10-01T08:00:00Z"),
    )
    assert Offer.objects.count() == 2


def test_a_posting_that_fits_two_hirings_of_one_employer_joins_the_one_published_closest() -> None:
    # The employer posted the job on 20 September, then again on 1 October (two offers: 11 days apart).
    _upsert(
        france_travail_offer(
            "201A", intitule="Boulanger H/F", description="Premier texte.", dateCreation="2026-09-20T08:00:00Z"
        ),
        france_travail_offer(
            "201B", intitule="Boulanger H/F", description="Second texte.", dateCreation="2026-10-01T08:00:00Z"
        ),
    )
    # Adzuna's copy of 26 September is within a week of both: it belongs to the closer one.
    _upsert(adzuna_job("4801", created="2026-09-26T10:00:00Z"))

    assert Offer.objects.count() == 2
    adzuna_offer = OfferSource.objects.get(source="adzuna").offer_id
    assert OfferSource.objects.get(external_id="201B").offer_id == adzuna_offer


LONG_TAIL = (
    " - CDI 35h - Débutant accepté - Prime + mutuelle + tickets restaurant - Poste à pourvoir immédiatement"
    " - Rejoignez une équipe dynamique et passionnée dans une entreprise en pleine croissance - Formation"
    " assurée en interne - Possibilité d'évolution rapide - Candidatures étudiées au fil de l'eau"
)


@pytest.mark.parametrize(
    ("long_title", "short_title"),
    [
        ("Chef boulanger h/f" + LONG_TAIL, "Chef boulanger F/H"),
        ("Vendeur en prêt-à-porter (H/F)" + LONG_TAIL, "Vendeur en prêt-à-porter (F/H)"),
        (
            "Boulanger | CDI temps plein | Prime + mutuelle + tickets restaurant | Débutant accepté | Urgent",
            "Boulanger",
        ),
        # Adzuna's own cut of the same long title.
        ("Chef boulanger h/f" + LONG_TAIL, ("Chef boulanger h/f" + LONG_TAIL)[:120] + "…"),
    ],
)
def test_a_very_long_title_and_its_short_twin_on_another_source_are_one_offer(
    long_title: str, short_title: str
) -> None:
    assert len(long_title) > 90
    # The Adzuna copy has no text to compare (an empty description): only employer, title and town.
    _upsert(
        france_travail_offer("201A", intitule=long_title),
        adzuna_job("4801", title=short_title, description=""),
    )
    assert Offer.objects.count() == 1
    assert OfferSource.objects.count() == 2


def test_long_titles_of_two_different_jobs_of_one_employer_stay_two_offers() -> None:
    _upsert(
        france_travail_offer("201A", intitule="Boulanger (H/F)" + LONG_TAIL, description="Four à bois."),
        adzuna_job("4801", title="Vendeur en boulangerie (H/F)" + LONG_TAIL, description=""),
    )
    assert Offer.objects.count() == 2


def test_short_titles_keep_what_follows_their_dash() -> None:
    _upsert(
        france_travail_offer("201A", intitule="Vendeur - rayon boucherie", description="Rayon boucherie."),
        adzuna_job("4801", title="Vendeur - rayon fromagerie", description=""),
    )
    assert Offer.objects.count() == 2


def test_a_liberal_profession_offer_merges_with_its_adzuna_copy_given_as_permanent() -> None:
    # Adzuna has "permanent" for every job without an end date, a France Travail "LIB" included.
    _upsert(
        france_travail_offer("201A", typeContrat="LIB", typeContratLibelle="Profession libérale"),
        adzuna_job("4801", contract_type="permanent"),
    )
    assert Offer.objects.count() == 1


def test_a_permanent_and_a_liberal_offer_on_france_travail_stay_two_offers() -> None:
    _upsert(
        france_travail_offer("201A", typeContrat="LIB", typeContratLibelle="Profession libérale"),
        france_travail_offer("201B"),
    )
    assert Offer.objects.count() == 2
