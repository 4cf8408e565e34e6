from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from offers.models import Commune, Occupation, OccupationTitle

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ROME = DATA / "rome"
COMMUNES = DATA / "communes"


def test_load_rome_reads_occupations_titles_definitions_and_close_occupations():
    out = StringIO()
    call_command("load_rome", str(ROME), stdout=out)

    assert Occupation.objects.filter(from_referential=True).count() == 1584
    baker = Occupation.objects.get(code="D1102")
    assert baker.label == "Boulanger / Boulangère"
    assert baker.definition  # sentences of the definition, in order
    # The file doubles every apostrophe (its export's SQL escaping): read as one.
    assert "l'entretien" in Occupation.objects.get(code="A1101").definition
    assert not Occupation.objects.filter(definition__contains="''").exists()
    assert baker.titles.filter(label__icontains="boulanger").exists()
    assert baker.close_occupations.exists()
    # ROME 4 detailed codes keep their parent ("Développeur back-end" under M1805).
    assert Occupation.objects.get(code="M1855").parent_code == "M1805"
    assert baker.parent_code == ""
    # The official file repeats 4 (code, label) pairs: kept once each.
    assert OccupationTitle.objects.count() == 13116
    assert "ROME chargé : 1584 métiers" in out.getvalue()
    assert "Appellations :" in out.getvalue()  # progress lines


def test_load_rome_twice_changes_nothing_and_adopts_titles_grown_from_offers():
    grown = Occupation.objects.create(code="D1102", label="Boulanger", from_referential=False)
    OccupationTitle.objects.create(occupation=grown, label="Boulanger / Boulangère")
    call_command("load_rome", str(ROME), stdout=StringIO())
    counts = (
        Occupation.objects.count(),
        OccupationTitle.objects.count(),
        Occupation.close_occupations.through.objects.count(),
    )

    call_command("load_rome", str(ROME), stdout=StringIO())

    assert (
        Occupation.objects.count(),
        OccupationTitle.objects.count(),
        Occupation.close_occupations.through.objects.count(),
    ) == counts
    adopted = OccupationTitle.objects.get(occupation_id="D1102", label="Boulanger / Boulangère")
    assert adopted.ogr_code  # the grown row now carries its official code
    assert Occupation.objects.get(code="D1102").from_referential


def test_load_rome_names_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no file matching"):
        call_command("load_rome", str(tmp_path), stdout=StringIO())
    (tmp_path / "unix_referentiel_code_rome_v1.csv").write_text('"code","label"\n"A","b"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns code_rome, libelle_rome"):
        call_command("load_rome", str(tmp_path), stdout=StringIO())


def test_load_communes_reads_codes_postcodes_and_coordinates_idempotently():
    out = StringIO()
    call_command("load_communes", str(COMMUNES), stdout=out)
    total = Commune.objects.count()
    assert total > 34000

    montpellier = Commune.objects.get(insee_code="34172")
    assert montpellier.name == "Montpellier"
    assert montpellier.departement == "34"
    assert "34000" in montpellier.postcodes
    assert montpellier.latitude == pytest.approx(43.61, abs=0.05)
    assert Commune.objects.get(insee_code="2A004").name.startswith("Ajaccio")
    assert Commune.objects.filter(is_district=True, name__startswith="Marseille").count() == 16
    assert "communes chargées" in out.getvalue()

    call_command("load_communes", str(COMMUNES / "france_cities_2022.csv"), stdout=StringIO())
    assert Commune.objects.count() == total


def test_load_communes_skips_malformed_rows_and_rejects_wrong_files(tmp_path):
    good = tmp_path / "communes.csv"
    good.write_text(
        '"REF_INSEE","NAME","DEPARTMENT","ZIP_CODES","LATITUDE","LONGITUDE"\n'
        '"48137","Saint-Bauzile","48","48000","44.48","3.50"\n'
        '"??","Nulle part","00","","",""\n'
        '"48095","Mende","48","48000 48001","",""\n',
        encoding="utf-8",
    )
    out = StringIO()
    call_command("load_communes", str(good), stdout=out)
    assert "2 communes chargées (1 lignes ignorées)" in out.getvalue()
    mende = Commune.objects.get(insee_code="48095")
    assert mende.postcodes == ["48000", "48001"]
    assert mende.latitude is None
    assert mende.normalized_name == "mende"

    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("load_communes", str(bad), stdout=StringIO())
