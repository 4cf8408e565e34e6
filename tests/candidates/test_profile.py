from __future__ import annotations

import pytest

from candidates import services
from candidates.models import CandidateProfile
from candidates.signals import profile_changed
from offers.models import OccupationTitle
from tests.factories import CommuneFactory, OccupationFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(client):
    user = UserFactory(username="camille@example.fr")
    client.force_login(user)
    return user


@pytest.fixture
def boulanger():
    occupation = OccupationFactory(code="D1102", label="Boulangerie - viennoiserie")
    OccupationTitle.objects.create(label="Boulanger / Boulangère", occupation=occupation)
    return occupation


def _form(**changes):
    data = {
        "wanted_title": "",
        "rome_code": "",
        "skills": "",
        "presentation": "",
        "place": "",
        "radius_km": "30",
        "seniority": "",
        "remote_preference": "any",
        "salary_min": "",
    }
    data.update(changes)
    return data


def test_the_profile_page_needs_an_account(client):
    response = client.get("/profil/")
    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/profil/"


def test_a_candidate_fills_in_the_profile_and_gets_the_rome_code_of_a_known_title(client, candidate, boulanger):
    CommuneFactory()
    response = client.post(
        "/profil/",
        _form(
            wanted_title="Boulanger / Boulangère",
            skills="Pétrir la pâte, Cuire des pâtons, pétrir la pâte",
            presentation="Dix ans de fournil.",
            place="Montpellier (34)",
            radius_km="25",
            contract_types=["cdi", "cdd"],
            seniority="confirme",
            remote_preference="onsite",
            salary_min="24000",
        ),
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.rome_code == "D1102"
    assert profile.skills == ["Pétrir la pâte", "Cuire des pâtons"]
    assert (profile.commune_insee, profile.place_name) == ("34172", "Montpellier (34)")
    assert (profile.latitude, profile.longitude) == (43.6119, 3.8772)
    assert profile.contract_types == ["cdi", "cdd"]
    assert profile.salary_min == 24000
    assert profile.profile_text.startswith("Boulanger / Boulangère\n\nPétrir la pâte, Cuire des pâtons")
    page = client.get("/profil/").content.decode()
    assert "Code ROME retenu : D1102" in page
    assert 'value="Montpellier (34)"' in page


def test_an_unknown_place_is_reported_next_to_the_place_field_and_nothing_changes(client, candidate):
    response = client.post("/profil/", _form(wanted_title="Boulanger", place="Atlantide"))
    assert response.status_code == 400
    assert "Commune introuvable" in response.content.decode()
    assert CandidateProfile.objects.get(user=candidate).wanted_title == ""


def test_a_postcode_is_accepted_as_place(client, candidate):
    CommuneFactory()
    client.post("/profil/", _form(place="34000"))
    assert CandidateProfile.objects.get(user=candidate).commune_insee == "34172"


def test_title_and_place_suggestions_come_from_the_referentials(client, candidate, boulanger):
    CommuneFactory()
    titles = client.get("/profil/suggestions/", {"champ": "titre", "wanted_title": "boul"}, HTTP_HX_REQUEST="true")
    assert '<option value="Boulanger / Boulangère">' in titles.content.decode()
    assert "D1102" in titles.content.decode()
    places = client.get("/profil/suggestions/", {"champ": "lieu", "place": "montp"}, HTTP_HX_REQUEST="true")
    assert '<option value="Montpellier (34)">' in places.content.decode()


def test_skills_of_open_offers_are_suggested_as_the_candidate_types(client, candidate):
    OfferFactory(skills=["Gestion de projet", "Pétrir la pâte"])
    options = client.get("/profil/suggestions/", {"champ": "competence", "skill": "projet"}, HTTP_HX_REQUEST="true")
    assert options.content.decode().strip() == '<option value="Gestion de projet"></option>'


def test_skills_asked_by_offers_of_the_chosen_occupation_are_suggested(client, candidate):
    OfferFactory(rome_code="D1102", skills=["Façonner des pâtons", "Pétrir la pâte"])
    services.profile_update(user=candidate, data={"rome_code": "D1102", "skills": ["Pétrir la pâte"]})
    page = client.get("/profil/").content.decode()
    assert "Compétences souvent demandées pour ce métier :" in page
    assert 'data-skill="Façonner des pâtons"' in page


def test_matching_hears_of_each_profile_change_once_the_transaction_commits(
    candidate, django_capture_on_commit_callbacks
):
    heard: list[int] = []

    def receiver(sender, profile_id, **kwargs):
        heard.append(profile_id)

    profile_changed.connect(receiver, dispatch_uid="test-profile-changed")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            profile = services.profile_update(user=candidate, data={"presentation": "Bonjour"})
        assert heard == []
        for callback in callbacks:
            callback()
        assert heard == [profile.pk]
    finally:
        profile_changed.disconnect(dispatch_uid="test-profile-changed")


@pytest.mark.parametrize(
    "data, field",
    [
        ({"radius_km": 900}, "radius_km"),
        ({"contract_types": ["cdi", "esclavage"]}, "contract_types"),
        ({"seniority": "expert"}, "seniority"),
        ({"rome_code": "123"}, "rome_code"),
        ({"commune_insee": "00000"}, "commune_insee"),
        ({"salary_min": -5}, "salary_min"),
        ({"skills": ["x" * 200]}, "skills"),
        ({"is_staff": True}, "is_staff"),
    ],
)
def test_invalid_profile_values_are_refused_naming_their_field(candidate, data, field):
    with pytest.raises(services.CandidateError) as error:
        services.profile_update(user=candidate, data=data)
    assert error.value.field == field
