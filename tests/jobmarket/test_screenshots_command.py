"""`manage.py screenshots` (make screenshots): a screenshot of each page, desktop and phone."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import OfferSourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n"


def test_each_page_asked_is_photographed_on_desktop_and_phone_signed_in_or_not(tmp_path):
    OfferSourceFactory()
    out = StringIO()
    call_command("screenshots", out=tmp_path, only="accueil,offre,profil,tableau-de-bord", stdout=out)
    for viewport in ("desktop", "phone"):
        for name in ("accueil", "offre", "profil", "tableau-de-bord"):
            assert (tmp_path / viewport / f"{name}.png").read_bytes().startswith(PNG), (viewport, name)
    assert "8 screenshots (4 pages x 2)" in out.getvalue()


def test_an_unknown_page_name_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Unknown page names: nulle-part"):
        call_command("screenshots", out=tmp_path, only="nulle-part", stdout=StringIO())
