from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from candidates import services
from candidates.models import CandidateProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe solide 2026"


def test_signing_up_creates_an_account_named_by_its_email_and_an_empty_profile(client):
    response = client.post(
        "/inscription/",
        {"email": "Camille.Martin@Example.fr", "password": PASSWORD, "password_confirmation": PASSWORD},
    )
    assert response.status_code == 200
    assert "Vérifiez votre boîte mail" in response.content.decode()
    user = get_user_model().objects.get()
    assert user.username == user.email == "camille.martin@example.fr"
    assert CandidateProfile.objects.get(user=user).email_confirmation_pending
    assert "_auth_user_id" not in client.session  # logged in by the link, not by the sign-up


@pytest.mark.parametrize(
    "password, message",
    [
        ("court2026!", "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."),
        ("password1234", "Ce mot de passe est trop courant."),
        ("123456789012345", "Ce mot de passe est entièrement numérique."),
    ],
)
def test_weak_passwords_are_refused_with_a_french_message(client, password, message):
    response = client.post(
        "/inscription/", {"email": "camille@example.fr", "password": password, "password_confirmation": password}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_mistyped_confirmation_is_reported_next_to_its_field(client):
    response = client.post(
        "/inscription/",
        {"email": "camille@example.fr", "password": PASSWORD, "password_confirmation": PASSWORD + "x"},
    )
    assert "Les deux mots de passe ne correspondent pas." in response.content.decode()


def test_logging_in_with_the_email_in_any_case_works_and_follows_next(client):
    UserFactory(username="camille@example.fr")
    response = client.post("/connexion/", {"email": "Camille@Example.FR", "password": PASSWORD, "next": "/profil/"})
    assert response.status_code == 302
    assert response["Location"] == "/profil/"


def test_login_never_redirects_to_another_site(client):
    UserFactory(username="camille@example.fr")
    response = client.post(
        "/connexion/", {"email": "camille@example.fr", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_wrong_password_gets_one_message_that_does_not_say_which_part_is_wrong(client):
    UserFactory(username="camille@example.fr")
    response = client.post("/connexion/", {"email": "camille@example.fr", "password": "pas le bon mot de passe"})
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect." in response.content.decode()


def test_a_successful_login_clears_the_account_failures():
    UserFactory(username="camille@example.fr")
    for _ in range(4):
        with pytest.raises(services.CandidateError):
            services.candidate_authenticate(request=None, email="camille@example.fr", password="mauvais mot")
    services.candidate_authenticate(request=None, email="camille@example.fr", password=PASSWORD)
    for _ in range(4):
        with pytest.raises(services.CandidateError) as failure:
            services.candidate_authenticate(request=None, email="camille@example.fr", password="mauvais mot")
        assert not isinstance(failure.value, services.LoginBlocked)


def test_logging_out_takes_a_post(client):
    client.force_login(UserFactory())
    assert client.get("/deconnexion/").status_code == 405
    response = client.post("/deconnexion/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mails_a_french_link_that_sets_a_new_password(client):
    user = UserFactory(username="camille@example.fr")
    response = client.post("/mot-de-passe/oublie/", {"email": "camille@example.fr"})
    assert response.status_code == 302
    assert response["Location"] == "/mot-de-passe/oublie/envoye/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Réinitialisation de votre mot de passe JobMarket"
    link = re.search(r"https?://[^/]+(/mot-de-passe/nouveau/\S+/)", message.body)
    assert link
    form_page = client.get(link[1], follow=True)
    assert form_page.status_code == 200
    new_password = "un tout nouveau mot de passe 2027"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == "/mot-de-passe/modifie/"
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_a_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/mot-de-passe/oublie/", {"email": "personne@example.fr"}, follow=True)
    assert "Si un compte existe avec cette adresse" in response.content.decode()
    assert mail.outbox == []


def test_only_staff_reach_the_admin_where_candidates_can_be_searched_and_filtered(client):
    client.force_login(UserFactory())
    assert client.get("/admin/candidates/candidateprofile/").status_code == 302
    staff = UserFactory(is_staff=True, is_superuser=True)
    services.profile_update(user=UserFactory(username="boulanger@example.fr"), data={"wanted_title": "Boulanger"})
    client.force_login(staff)
    page = client.get("/admin/candidates/candidateprofile/", {"q": "boulanger", "seniority": "junior"})
    assert page.status_code == 200
    page = client.get("/admin/candidates/candidateprofile/", {"q": "boulanger"})
    assert "boulanger@example.fr" in page.content.decode()
    profile = CandidateProfile.objects.get(user__username="boulanger@example.fr")
    assert client.get(f"/admin/candidates/candidateprofile/{profile.pk}/change/").status_code == 200


def test_the_admin_login_counts_failures_against_the_same_limits(client):
    UserFactory(username="equipe@example.fr", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "equipe@example.fr", "password": "pas le bon"})
    response = client.post("/admin/login/?next=/admin/", {"username": "equipe@example.fr", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_to_one_address_are_capped_per_hour_without_saying_so(client):
    UserFactory(username="camille@example.fr")
    for _ in range(5):
        response = client.post("/mot-de-passe/oublie/", {"email": "camille@example.fr"})
        assert response["Location"] == "/mot-de-passe/oublie/envoye/"
    assert len(mail.outbox) == 3
