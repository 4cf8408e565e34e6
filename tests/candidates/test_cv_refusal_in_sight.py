"""A refused CV is said where the candidate looks: next to the file field of the CV section (htmx
swaps the section in place), or at the top of the page when the form was posted without htmx."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOT_A_CV = SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n not a pdf at all")


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory())
    return client


def test_with_htmx_the_cv_section_alone_comes_back_with_the_error_on_its_field(signed_in):
    response = signed_in.post("/profil/cv/deposer/", {"file": NOT_A_CV}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 400  # swapped in place by the site's htmx configuration
    assert html.lstrip().startswith('<section id="mon-cv"')
    assert 'aria-invalid="true"' in html and "<h1>" not in html


def test_without_htmx_the_page_opens_on_an_error_summary_linking_the_field(signed_in):
    response = signed_in.post("/profil/cv/deposer/", {"file": NOT_A_CV})
    html = response.content.decode()
    assert response.status_code == 400
    summary = html.index("data-error-summary")
    assert summary < html.index('id="profile-heading"')  # above everything else of the profile
    assert 'href="#id_file"' in html[summary:]


def test_a_file_too_large_is_said_in_the_section_with_htmx_and_in_it_after_a_redirect_without(signed_in):
    huge = SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n" + b"0" * (6 * 1024 * 1024))
    with_htmx = signed_in.post("/profil/cv/deposer/", {"file": huge}, HTTP_HX_REQUEST="true")
    assert with_htmx.status_code == 400
    assert "Le fichier dépasse la taille maximale de 5 Mo." in with_htmx.content.decode()
    huge.seek(0)
    plain = signed_in.post("/profil/cv/deposer/", {"file": huge})
    assert plain.status_code == 302 and plain["Location"].endswith("/profil/#mon-cv")
    page = signed_in.get("/profil/").content.decode()
    section = page[page.index('<section id="mon-cv"') :]
    assert "Le fichier dépasse la taille maximale de 5 Mo." in section[: section.index("</section>")]
