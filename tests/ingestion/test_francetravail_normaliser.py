"""France Travail payload -> NormalisedOffer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingestion.normalise import NormalisationError, francetravail
from ingestion.normalise.text import clean
from tests.ingestion.payloads import france_travail_offer


def test_a_complete_offer_is_normalised_field_by_field() -> None:
    offer = francetravail.normalise(france_travail_offer("201ABCD"))

    assert offer.external_id == "201ABCD"
    assert offer.title == "Boulanger / Boulangère (H/F)"
    assert offer.description.startswith("La boulangerie du Vieux Moulin")
    assert offer.description_truncated is False
    assert offer.company == "BOULANGERIE DU VIEUX MOULIN"
    assert (offer.city, offer.postcode, offer.departement, offer.commune_insee) == (
        "Montpellier",
        "34000",
        "34",
        "34172",
    )
    assert (offer.latitude, offer.longitude) == (43.6108, 3.8767)
    assert offer.contract_type == "cdi"
    assert offer.working_time == "full_time"
    assert offer.seniority == "junior"
    assert offer.domain == "Commerce, Vente et Grande distribution"  # ROME D, not the employer's NAF sector
    assert (offer.rome_code, offer.rome_label) == ("D1102", "Boulanger / Boulangère")
    assert offer.skills == ("Façonner des pâtons", "Cuire des pains")
    assert offer.soft_skills == ("Faire preuve de rigueur et de précision", "Travailler en équipe")
    assert (offer.salary_min, offer.salary_max) == (26000, 28600)
    assert offer.salary_text.startswith("Mensuel de 2000.0 Euros")
    assert offer.published_at == datetime(2026, 10, 2, 8, 15, tzinfo=UTC)
    assert offer.source_updated_at == datetime(2026, 10, 3, 9, 0, tzinfo=UTC)
    assert offer.url == "https://candidat.francetravail.fr/offres/recherche/detail/201ABCD"


def test_an_apprenticeship_is_read_from_nature_contrat_even_when_type_says_cdi() -> None:
    offer = francetravail.normalise(france_travail_offer(natureContrat="Contrat apprentissage", typeContrat="CDI"))
    assert offer.contract_type == "apprentissage"


def test_a_professionalisation_contract_is_an_apprenticeship() -> None:
    offer = francetravail.normalise(france_travail_offer(natureContrat="Cont. professionnalisation", typeContrat="CDD"))
    assert offer.contract_type == "apprentissage"


@pytest.mark.parametrize(
    ("type_contrat", "expected"),
    [("MIS", "interim"), ("SAI", "saisonnier"), ("LIB", "independant"), ("FRA", "independant"), ("CDD", "cdd")],
)
def test_type_contrat_codes_map_to_the_closed_set(type_contrat: str, expected: str) -> None:
    assert francetravail.normalise(france_travail_offer(typeContrat=type_contrat)).contract_type == expected


def test_an_unknown_contract_code_falls_back_to_autre() -> None:
    assert francetravail.normalise(france_travail_offer(typeContrat="XYZ")).contract_type == "autre"


@pytest.mark.parametrize(
    ("exige", "libelle", "expected"),
    [
        ("D", "Débutant accepté", "debutant"),
        ("E", "6 Mois", "debutant"),
        ("E", "1 An(s)", "junior"),
        ("S", "3 An(s)", "junior"),
        ("E", "5 An(s) - sur un poste similaire", "confirme"),
        ("E", "Expérience exigée", ""),
    ],
)
def test_seniority_follows_france_travails_three_levels(exige: str, libelle: str, expected: str) -> None:
    offer = francetravail.normalise(france_travail_offer(experienceExige=exige, experienceLibelle=libelle))
    assert offer.seniority == expected


def test_a_place_given_only_as_a_departement_has_no_city_and_no_coordinates() -> None:
    offer = francetravail.normalise(france_travail_offer(lieuTravail={"libelle": "34 - Hérault"}))
    assert (offer.city, offer.departement, offer.latitude, offer.longitude) == ("", "34", None, None)


def test_fields_sent_as_bare_labels_or_lists_are_read_not_lost() -> None:
    # Wrong types: strings where France Travail sends objects, a list for the employer. What they say is kept.
    offer = francetravail.normalise(
        france_travail_offer(
            lieuTravail="13 - MARSEILLE 01",
            salaire="Mensuel de 1801,80 Euros sur 12 mois",
            entreprise=["BRASSERIE DU VIEUX-PORT"],
        )
    )
    assert (offer.departement, offer.commune_insee) == ("13", "13201")  # the arrondissement the label names
    assert offer.latitude is not None and offer.longitude is not None
    assert (offer.salary_min, offer.salary_max) == (21622, 21622)  # 1,801.80 a month over 12 months
    assert offer.company == "BRASSERIE DU VIEUX-PORT"


def test_a_corsican_postcode_gives_the_right_corsican_departement() -> None:
    offer = francetravail.normalise(france_travail_offer(lieuTravail={"libelle": "AJACCIO", "codePostal": "20000"}))
    assert offer.departement == "2A"


def test_empty_company_salary_and_contact_objects_are_empty_fields() -> None:
    offer = francetravail.normalise(france_travail_offer(entreprise={}, salaire={}, contact={}))
    assert (offer.company, offer.salary_min, offer.salary_max, offer.salary_text) == ("", None, None, "")


def test_a_salary_only_in_the_comment_is_read_from_the_comment() -> None:
    offer = francetravail.normalise(france_travail_offer(salaire={"commentaire": "35 à 40 k€ brut annuel"}))
    assert (offer.salary_min, offer.salary_max) == (35000, 40000)


def test_a_partner_offer_with_an_odd_rome_code_keeps_a_valid_code_and_its_partner_url() -> None:
    payload = france_travail_offer(
        "6424878",
        romeCode="g1211",
        origineOffre={"origine": "2", "partenaires": [{"nom": "PARTENAIRE", "url": "https://partenaire.example/1"}]},
    )
    offer = francetravail.normalise(payload)
    assert offer.rome_code == "G1211"
    assert offer.url == "https://candidat.francetravail.fr/offres/recherche/detail/6424878"


def test_an_invalid_rome_code_is_dropped_with_its_label() -> None:
    offer = francetravail.normalise(france_travail_offer(romeCode="??", romeLibelle="Inconnu"))
    assert (offer.rome_code, offer.rome_label) == ("", "")


def test_unknown_new_fields_are_ignored() -> None:
    offer = francetravail.normalise(france_travail_offer(champInconnu={"a": [1, 2]}, entrepriseAdaptee=True))
    assert offer.title


def test_remote_work_is_read_from_the_text_and_its_negation_too() -> None:
    with_remote = france_travail_offer(description="Poste ouvert au télétravail deux jours par semaine.")
    without_remote = france_travail_offer(description="Poste sur site, pas de télétravail possible.")
    assert francetravail.normalise(with_remote).remote is True
    assert francetravail.normalise(without_remote).remote is False


def test_nul_characters_never_reach_the_database() -> None:
    offer = francetravail.normalise(france_travail_offer(intitule="Boulanger\x00 H/F", description="a\x00b"))
    assert "\x00" not in offer.title + offer.description


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ([], "not_an_object"),
        ({"intitule": "Boulanger"}, "missing_id"),
        ({"id": "", "intitule": "Boulanger"}, "missing_id"),
        ({"id": "x" * 65, "intitule": "Boulanger"}, "bad_id"),
        ({"id": "201ABCD"}, "missing_title"),
        ({"id": "201ABCD", "intitule": "   "}, "missing_title"),
    ],
)
def test_a_payload_that_is_not_an_offer_raises_the_typed_error(payload: object, code: str) -> None:
    with pytest.raises(NormalisationError) as caught:
        francetravail.normalise(payload)
    assert caught.value.code == code


def test_a_mostly_null_offer_still_normalises() -> None:
    payload = dict.fromkeys(france_travail_offer())
    payload.update(id="7763121", intitule="Programmeur CFAO H/F", dateCreation="2025-06-05 10:32:17+00:00")
    offer = francetravail.normalise(payload)
    assert offer.published_at == datetime(2025, 6, 5, 10, 32, 17, tzinfo=UTC)
    assert (offer.company, offer.city, offer.contract_type) == ("", "", "autre")


def test_to_json_and_back_gives_the_same_offer() -> None:
    from ingestion.normalise import NormalisedOffer

    offer = francetravail.normalise(france_travail_offer())
    assert NormalisedOffer.from_json(offer.to_json()) == offer


def test_every_kind_of_space_in_a_field_becomes_one_space() -> None:
    spaces = [chr(code) for code in range(0x3001) if chr(code).isspace()]
    assert {"\t", "\n", "\u00a0", "\u202f", "\u2009", "\u3000"} <= set(spaces)

    for space in spaces:
        assert clean(f"{space}Boulanger{space}{space}/ Boulangère{space}") == "Boulanger / Boulangère"
    assert clean("Pâte\u200bfeuilletée") == "Pâtefeuilletée"  # a zero-width space is removed, not a space
    assert (
        clean("Missions :\r\n\r\n\r\n-\u00a0pétrir\t les pâtes", keep_newlines=True)
        == "Missions :\n\n- pétrir les pâtes"
    )


@pytest.mark.parametrize(("exige", "required"), [("E", True), ("e", True), ("S", False), ("D", False), ("", False)])
def test_experience_is_required_only_when_france_travail_says_exigee(exige: str, required: bool) -> None:
    offer = francetravail.normalise(france_travail_offer(experienceExige=exige, experienceLibelle="3 An(s)"))
    assert offer.experience_required is required
