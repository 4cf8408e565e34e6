"""bench.gen_offers: the offer generator every benchmark and the demo data set rely on."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import gen_offers as gen

NOW = datetime(2026, 11, 23, tzinfo=UTC)
DEMO_DIR = Path(__file__).resolve().parents[2] / "ingestion" / "demo"
ROME_RE = re.compile(r"^[A-N]\d{4}$")
FT_TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
ADZUNA_TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
COMMUNE_NAMES = {c.insee: c.name for c in gen.COMMUNES}
COMMUNE_REGIONS = {c.insee: c.region for c in gen.COMMUNES}
REGION_CODES = {name: code for code, name in gen.REGIONS.items()}


def _labelled(n: int, seed: int = 11, **config: Any) -> list[gen.LabelledOffer]:
    return list(gen.iter_labelled_offers(n, seed, config=gen.GenConfig(**config), now=NOW))


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _title_key(title: str) -> str:
    """A title modulo H/F marks, case, accents and punctuation: what a deduplicator should compare."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"\b[hf]\s*/\s*[hf]\b", " ", folded)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def _title(payload: dict[str, Any]) -> str:
    return payload.get("intitule") or payload["title"]


def _company(source: str, payload: dict[str, Any]) -> str:
    holder = payload["entreprise"] if source == gen.FRANCE_TRAVAIL else payload["company"]
    return holder.get("nom", holder.get("display_name", "")).casefold()


def _commune(source: str, payload: dict[str, Any]) -> str:
    if source == gen.FRANCE_TRAVAIL:
        return COMMUNE_NAMES[payload["lieuTravail"]["commune"]]
    return payload["location"]["area"][-1]


def _created(source: str, payload: dict[str, Any]) -> datetime:
    return _ts(payload["dateCreation"] if source == gen.FRANCE_TRAVAIL else payload["created"])


def _check_france_travail_shape(offer: dict[str, Any]) -> None:
    assert isinstance(offer["id"], str) and offer["id"]
    assert isinstance(offer["intitule"], str) and offer["intitule"]
    assert isinstance(offer["description"], str)
    assert FT_TIMESTAMP_RE.match(offer["dateCreation"]) and FT_TIMESTAMP_RE.match(offer["dateActualisation"])
    assert offer["dateActualisation"] >= offer["dateCreation"]
    lieu = offer["lieuTravail"]
    assert isinstance(lieu, dict) and isinstance(lieu["libelle"], str)
    assert re.match(r"^(\d{2,3}|2[AB]) - ", lieu["libelle"])
    if "latitude" in lieu:
        assert isinstance(lieu["latitude"], float) and isinstance(lieu["longitude"], float)
    if "commune" in lieu:
        assert lieu["commune"] in COMMUNE_NAMES and re.match(r"^\d{5}$", lieu["codePostal"])
    assert ROME_RE.match(offer["romeCode"]) and isinstance(offer["romeLibelle"], str)
    assert isinstance(offer["appellationlibelle"], str)
    assert isinstance(offer["entreprise"], dict)
    assert offer["typeContrat"] in {"CDI", "CDD", "MIS", "SAI", "LIB", "FRA"}
    assert isinstance(offer["typeContratLibelle"], str) and isinstance(offer["natureContrat"], str)
    assert offer["experienceExige"] in {"D", "S", "E"} and isinstance(offer["experienceLibelle"], str)
    for skill in offer.get("competences", []):
        assert set(skill) == {"code", "libelle", "exigence"} and skill["exigence"] in {"E", "S"}
    qualites = offer.get("qualitesProfessionnelles", [])
    assert len(qualites) <= 3
    for qualite in qualites:
        assert (qualite["libelle"], qualite["description"]) in gen.QUALITES_PROFESSIONNELLES
    assert isinstance(offer.get("salaire", {}), dict)
    assert isinstance(offer["alternance"], bool)
    assert isinstance(offer["qualificationLibelle"], str)
    origin = offer["origineOffre"]
    assert origin["origine"] in {"1", "2"} and origin["urlOrigine"].startswith("https://candidat.francetravail.fr/")
    if origin["origine"] == "2":
        assert offer["id"].isdigit() and origin["partenaires"][0]["nom"]
    else:
        assert re.match(r"^\d{3}[A-Z]{4}$", offer["id"])


def _check_adzuna_shape(job: dict[str, Any]) -> None:
    assert job["__CLASS__"] == "Adzuna::API::Response::Job"
    assert isinstance(job["id"], str) and job["id"].isdigit()
    assert isinstance(job["title"], str) and job["title"]
    assert isinstance(job["description"], str) and len(job["description"]) <= 500
    if job["description"].endswith("…"):  # cut by Adzuna: always at exactly 500 characters
        assert len(job["description"]) == 500
    assert "\n" not in job["description"]
    assert ADZUNA_TIMESTAMP_RE.match(job["created"])
    assert job["redirect_url"].startswith(f"https://www.adzuna.fr/details/{job['id']}?")
    assert isinstance(job["company"], dict)
    location = job["location"]
    assert location["area"][0] == "France" and location["area"][1] in REGION_CODES
    assert isinstance(location["display_name"], str)
    if "latitude" in job:
        assert isinstance(job["latitude"], float) and isinstance(job["longitude"], float)
    assert job["category"]["tag"] in gen.ADZUNA_CATEGORIES
    assert job["category"]["label"] == gen.ADZUNA_CATEGORIES[job["category"]["tag"]]
    assert job.get("contract_type", "permanent") in {"permanent", "contract"}
    assert job.get("contract_time", "full_time") in {"full_time", "part_time"}
    if "salary_min" in job:
        assert isinstance(job["salary_min"], int | float) and job["salary_min"] <= job["salary_max"]
    assert job["salary_is_predicted"] in {"0", "1"}
    assert isinstance(job["adref"], str)


def test_the_same_seed_gives_the_same_payloads() -> None:
    first = list(gen.iter_offers(600, seed=5, now=NOW))
    assert first == list(gen.iter_offers(600, seed=5, now=NOW))
    assert first != list(gen.iter_offers(600, seed=6, now=NOW))


def test_the_first_offers_do_not_depend_on_how_many_are_asked_for() -> None:
    assert list(gen.iter_offers(100, seed=5, now=NOW)) == list(gen.iter_offers(400, seed=5, now=NOW))[:100]


def test_payloads_have_the_real_source_shapes() -> None:
    offers = list(gen.iter_offers(3000, seed=2, now=NOW))
    sources = Counter(source for source, _payload in offers)
    assert set(sources) == {gen.FRANCE_TRAVAIL, gen.ADZUNA} and sum(sources.values()) == 3000
    for source, payload in offers:
        if source == gen.FRANCE_TRAVAIL:
            _check_france_travail_shape(payload)
        else:
            _check_adzuna_shape(payload)
        assert NOW - timedelta(days=61) <= _created(source, payload) <= NOW


def test_offer_ids_are_unique_per_source() -> None:
    ids = Counter((source, payload["id"]) for source, payload in gen.iter_offers(20_000, seed=4, now=NOW))
    assert ids.most_common(1)[0][1] == 1


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**40),
    ft_share=st.floats(min_value=0, max_value=1),
    cross=st.floats(min_value=0, max_value=0.5),
    same=st.floats(min_value=0, max_value=0.25),
    ugly=st.floats(min_value=0, max_value=1),
)
def test_any_valid_configuration_yields_well_formed_payloads(
    seed: int, ft_share: float, cross: float, same: float, ugly: float
) -> None:
    config = gen.GenConfig(ft_share=ft_share, cross_source_rate=cross, same_source_rate=same, ugly_rate=ugly)
    offers = list(gen.iter_offers(40, seed, config=config, now=NOW))
    assert len(offers) == 40
    for source, payload in offers:
        if source == gen.FRANCE_TRAVAIL:
            assert payload["id"] and isinstance(payload["lieuTravail"], dict)
        else:
            assert payload["id"].isdigit() and len(payload["description"]) <= 500
        json.dumps(payload, ensure_ascii=False)


def test_out_of_range_rates_are_refused() -> None:
    with pytest.raises(ValueError, match="ugly_rate"):
        gen.GenConfig(ugly_rate=1.5)
    with pytest.raises(ValueError, match="must not exceed 1"):
        gen.GenConfig(cross_source_rate=0.6, same_source_rate=0.3, sibling_rate=0.2)


def test_cross_source_duplicates_share_employer_title_and_commune() -> None:
    by_job: defaultdict[int, list[gen.LabelledOffer]] = defaultdict(list)
    for offer in _labelled(4000, seed=3, cross_source_rate=0.2, ugly_rate=0):
        by_job[offer.job_id].append(offer)
    pairs = [offers for offers in by_job.values() if any(o.role == "cross_source_duplicate" for o in offers)]
    assert len(pairs) > 500
    for ft, adzuna in pairs:
        assert (ft.source, adzuna.source) == (gen.FRANCE_TRAVAIL, gen.ADZUNA)
        assert _company(ft.source, ft.payload) == _company(adzuna.source, adzuna.payload)
        assert _title_key(_title(ft.payload)) == _title_key(_title(adzuna.payload))
        assert _commune(ft.source, ft.payload) == _commune(adzuna.source, adzuna.payload)
        assert abs(_created(ft.source, ft.payload) - _created(adzuna.source, adzuna.payload)) <= timedelta(days=2)
    # The duplicate is not a verbatim copy: some titles differ before normalisation, Adzuna text is cut.
    assert any(_title(ft.payload) != _title(adzuna.payload) for ft, adzuna in pairs)
    assert any(adzuna.payload["description"].endswith("…") for _ft, adzuna in pairs)


def test_partner_reposts_are_the_same_job_under_another_id() -> None:
    by_job: defaultdict[int, list[gen.LabelledOffer]] = defaultdict(list)
    for offer in _labelled(3000, seed=8, same_source_rate=0.2, ugly_rate=0):
        by_job[offer.job_id].append(offer)
    reposts = [offers for offers in by_job.values() if any(o.role == "repost" for o in offers)]
    assert len(reposts) > 300
    for original, repost in reposts:
        assert original.source == repost.source == gen.FRANCE_TRAVAIL
        assert repost.payload["origineOffre"]["origine"] == "2" and repost.payload["id"] != original.payload["id"]
        assert original.payload["entreprise"]["nom"] == repost.payload["entreprise"]["nom"]
        assert _title_key(original.payload["intitule"]) == _title_key(repost.payload["intitule"])
        assert original.payload["lieuTravail"]["commune"] == repost.payload["lieuTravail"]["commune"]
        assert _created(gen.FRANCE_TRAVAIL, repost.payload) >= _created(gen.FRANCE_TRAVAIL, original.payload)


def test_siblings_are_different_jobs_of_one_employer_in_one_commune() -> None:
    offers = _labelled(3000, seed=9, sibling_rate=0.2, ugly_rate=0)
    first_by_job = {o.job_id: o for o in reversed(offers)}
    siblings = [o for o in offers if o.role == "sibling"]
    assert len(siblings) > 300
    for sibling in siblings:
        # A sibling job is created right after the job it shadows.
        primary = first_by_job[sibling.job_id - 1]
        assert sibling.job_id != primary.job_id
        assert _company(sibling.source, sibling.payload) == _company(primary.source, primary.payload)
        assert _commune(sibling.source, sibling.payload) == _commune(primary.source, primary.payload)
        assert _title_key(_title(sibling.payload)) != _title_key(_title(primary.payload))
        assert NOW - timedelta(days=60) <= _created(sibling.source, sibling.payload) <= NOW


KNOWN_FT_FIELDS = {
    "id", "intitule", "description", "dateCreation", "dateActualisation", "lieuTravail", "romeCode", "romeLibelle",
    "appellationlibelle", "entreprise", "typeContrat", "typeContratLibelle", "natureContrat", "experienceExige",
    "experienceLibelle", "formations", "langues", "permis", "competences", "salaire", "dureeTravailLibelle",
    "dureeTravailLibelleConverti", "alternance", "contact", "agence", "nombrePostes", "accessibleTH",
    "deplacementCode", "deplacementLibelle", "qualificationCode", "qualificationLibelle", "codeNAF",
    "secteurActivite", "secteurActiviteLibelle", "qualitesProfessionnelles", "trancheEffectifEtab", "origineOffre",
    "offresManqueCandidats", "contexteTravail", "entrepriseAdaptee", "employeurHandiEngage",
}  # fmt: skip
KNOWN_ADZUNA_FIELDS = {
    "__CLASS__", "id", "title", "description", "created", "redirect_url", "company", "location", "category",
    "salary_is_predicted", "latitude", "longitude", "contract_type", "contract_time", "salary_min", "salary_max",
    "adref",
}  # fmt: skip


UGLY_CHECKS = {
    (gen.FRANCE_TRAVAIL, "entreprise_empty"): lambda p: p["entreprise"] == {},
    (gen.FRANCE_TRAVAIL, "salaire_empty"): lambda p: p["salaire"] == {},
    (gen.FRANCE_TRAVAIL, "contact_empty"): lambda p: p["contact"] == {},
    (gen.FRANCE_TRAVAIL, "lieu_departement_only"): lambda p: set(p["lieuTravail"]) == {"libelle"},
    (gen.FRANCE_TRAVAIL, "unknown_fields"): lambda p: bool(set(p) - KNOWN_FT_FIELDS),
    (gen.FRANCE_TRAVAIL, "odd_rome"): lambda p: (
        p["origineOffre"]["origine"] == "2"
        and p["romeCode"] in {code for code, _label, _appellation in gen.ODD_ROME_CODES}
    ),
    (gen.FRANCE_TRAVAIL, "empty_description"): lambda p: p["description"] == "",
    (gen.FRANCE_TRAVAIL, "long_title"): lambda p: len(p["intitule"]) > 200,
    (gen.ADZUNA, "no_contract"): lambda p: "contract_type" not in p and "contract_time" not in p,
    (gen.ADZUNA, "category_unknown"): lambda p: p["category"]["tag"] == "unknown",
    (gen.ADZUNA, "salary_predicted"): lambda p: p["salary_is_predicted"] == "1" and p["salary_min"] > 0,
    (gen.ADZUNA, "empty_description"): lambda p: p["description"] == "",
    (gen.ADZUNA, "long_title"): lambda p: len(p["title"]) > 200,
    (gen.ADZUNA, "no_company"): lambda p: "display_name" not in p["company"],
    (gen.ADZUNA, "no_coordinates"): lambda p: "latitude" not in p and "longitude" not in p,
    (gen.ADZUNA, "unknown_fields"): lambda p: bool(set(p) - KNOWN_ADZUNA_FIELDS),
}


def test_the_ugly_case_rate_is_honoured_and_every_case_shows_in_the_payload() -> None:
    offers = _labelled(20_000, seed=12, ugly_rate=0.1)
    ugly = [o for o in offers if o.ugly is not None]
    # Binomial(20000, 0.1): the standard deviation of the share is 0.002, so this band is about 7 of them.
    assert 0.085 <= len(ugly) / len(offers) <= 0.115
    assert {(o.source, o.ugly) for o in ugly} == set(UGLY_CHECKS)
    for offer in ugly:
        assert offer.ugly is not None
        assert UGLY_CHECKS[(offer.source, offer.ugly)](offer.payload), (offer.source, offer.ugly)
    # Clean payloads carry none of the marks that are specific to ugly cases.
    for offer in offers:
        if offer.ugly is None and offer.source == gen.FRANCE_TRAVAIL:
            assert offer.payload["entreprise"] != {} and offer.payload.get("salaire") != {}
            assert set(offer.payload) <= KNOWN_FT_FIELDS


def test_a_zero_ugly_rate_gives_no_ugly_payload() -> None:
    assert all(o.ugly is None for o in _labelled(2000, ugly_rate=0))


def test_france_travail_salaries_come_in_every_real_form() -> None:
    salaries = [p.get("salaire") for s, p in gen.iter_offers(8000, seed=21, now=NOW) if s == gen.FRANCE_TRAVAIL]
    labels = [s.get("libelle", "") for s in salaries if s]
    comments = {s.get("commentaire") for s in salaries if s and "libelle" not in s}
    forms = {
        "annual range": r"^Annuel de \d+\.0 Euros à \d+\.0 Euros$",
        "annual k€": r"^Annuel de \d+ k€$",
        "annual over months": r"^Annuel de [\d.,]+ Euros sur 1[23]\.0 mois$",
        "monthly SMIC": r"^Mensuel de 1801,80 Euros sur 12 mois$",
        "monthly range, 13 months": r"^Mensuel de \d+ Euros à \d+ Euros sur 13 mois$",
        "monthly range, decimals": r"^Mensuel de \d+\.0 Euros à \d+\.0 Euros sur 12\.0 mois$",
        "hourly SMIC": r"^Horaire de 11,88 Euros$",
        "hourly range": r"^Horaire de \d+\.\d Euros à \d+\.\d Euros$",
    }
    for name, pattern in forms.items():
        assert any(re.match(pattern, label) for label in labels), name
    assert {"% du SMIC selon l'âge ", "Selon profil"} <= comments
    assert None in salaries  # no `salaire` key at all


def test_the_content_is_varied_and_weighted_like_the_job_market() -> None:
    offers = list(gen.iter_offers(10_000, seed=13, now=NOW))
    ft = [p for s, p in offers if s == gen.FRANCE_TRAVAIL]
    assert len({p["romeCode"] for p in ft}) >= 60
    assert len({p["romeCode"][0] for p in ft}) >= 10  # ROME domains
    assert len({_title_key(p["intitule"]) for p in ft}) >= 300
    departements = Counter(p["lieuTravail"]["libelle"].split(" - ")[0] for p in ft)
    assert departements.most_common(1)[0][0] == "75" and departements["75"] > 5 * departements["58"]
    contracts = Counter(p["typeContrat"] for p in ft)
    assert contracts["CDI"] > contracts["CDD"] > contracts["MIS"] > contracts["SAI"]
    mentions = [p["description"].lower() for _s, p in offers if "télétravail" in p["description"].lower()]
    remote = [text for text in mentions if "télétravail non possible" not in text]
    assert 0.02 < len(remote) / len(offers) < 0.2
    assert len(remote) < len(mentions)  # a few texts say remote work is NOT possible, on purpose
    assert any(p["intitule"].endswith("(H/F)") for p in ft) and any("F/H" in p["intitule"] for p in ft)


def test_pages_respect_the_api_limits_and_hold_every_offer() -> None:
    pages = list(gen.iter_pages(2500, seed=14, now=NOW))
    ft_pages = [page for source, page in pages if source == gen.FRANCE_TRAVAIL]
    adzuna_pages = [page for source, page in pages if source == gen.ADZUNA]
    assert all(len(page["resultats"]) <= gen.FT_PAGE_SIZE for page in ft_pages)
    assert all(len(page["results"]) <= gen.ADZUNA_PAGE_SIZE for page in adzuna_pages)
    assert all(len(page["resultats"]) == gen.FT_PAGE_SIZE for page in ft_pages[:-1])
    assert all(len(page["results"]) == gen.ADZUNA_PAGE_SIZE for page in adzuna_pages[:-1])
    total = sum(len(p["resultats"]) for p in ft_pages) + sum(len(p["results"]) for p in adzuna_pages)
    assert total == 2500
    for page in ft_pages:
        assert isinstance(page["filtresPossibles"], list) and page["filtresPossibles"][0]["filtre"] == "typeContrat"
    for page in adzuna_pages:
        assert page["__CLASS__"] == "Adzuna::API::Response::JobSearchResults"
        assert isinstance(page["mean"], float) and page["count"] > 500


def test_the_cli_writes_pages_and_prints_the_throughput(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "francetravail").mkdir()
    hand_written = tmp_path / "francetravail" / "page-90001.json"
    hand_written.write_text('{"resultats": []}')

    assert gen.main(["--n", "700", "--seed", "3", "--out", str(tmp_path), "--now", "2026-11-23"]) == 0
    assert "700 offers" in capsys.readouterr().out
    assert gen.main(["--n", "200", "--seed", "3", "--out", str(tmp_path), "--now", "2026-11-23"]) == 0
    output = capsys.readouterr().out
    assert "offers/s" in output

    # A second run replaces the generated pages (no stale page survives) and keeps hand-written files.
    assert hand_written.exists()
    generated = sorted(tmp_path.glob("*/page-0*.json"))
    bodies = [json.loads(path.read_text(encoding="utf-8")) for path in generated]
    assert sum(len(b.get("resultats", b.get("results", []))) for b in bodies) == 200
    expected = list(gen.iter_pages(200, seed=3, now=NOW))
    assert sorted(json.dumps(p, sort_keys=True) for _s, p in expected) == sorted(
        json.dumps(b, sort_keys=True) for b in bodies
    )


def test_the_cli_refuses_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main(["--n", "10", "--ugly-rate", "2"]) == 2
    assert "ugly_rate" in capsys.readouterr().err
    assert gen.main(["--n", "-1"]) == 2
    assert gen.main(["--n", "10", "--now", "yesterday"]) == 2


# --- the demo folder (ingestion/demo), generated by `python -m bench.gen_offers --demo ingestion/demo` ---------

DEMO_NOW = datetime(2026, 11, 23, tzinfo=UTC)  # the --now the committed files were generated with
DEMO_COUNTS = {gen.FRANCE_TRAVAIL: 221, gen.ADZUNA: 129}
DEMO_CROSS_SOURCE_DUPLICATES = 29


def _demo_generated() -> dict[str, list[dict[str, Any]]]:
    items: dict[str, list[dict[str, Any]]] = {}
    for source, key in ((gen.FRANCE_TRAVAIL, "resultats"), (gen.ADZUNA, "results")):
        items[source] = []
        for path in sorted((DEMO_DIR / source).glob("page-0*.json")):
            items[source].extend(json.loads(path.read_text(encoding="utf-8"))[key])
    return items


def test_the_demo_pages_are_exactly_what_the_cli_generates() -> None:
    expected: dict[str, list[dict[str, Any]]] = {gen.FRANCE_TRAVAIL: [], gen.ADZUNA: []}
    for source, payload in gen.iter_offers(gen.DEMO_SIZE, gen.DEMO_SEED, config=gen.DEMO_CONFIG, now=DEMO_NOW):
        expected[source].append(payload)
    assert _demo_generated() == expected


def test_the_demo_holds_the_stated_counts_occupations_and_regions() -> None:
    generated = _demo_generated()
    assert {source: len(items) for source, items in generated.items()} == DEMO_COUNTS
    labelled = list(gen.iter_labelled_offers(gen.DEMO_SIZE, gen.DEMO_SEED, config=gen.DEMO_CONFIG, now=DEMO_NOW))
    roles = Counter(o.role for o in labelled)
    assert roles["cross_source_duplicate"] == DEMO_CROSS_SOURCE_DUPLICATES and roles["repost"] >= 3
    assert roles["sibling"] >= 3
    assert {(o.source, o.ugly) for o in labelled if o.ugly} == set(UGLY_CHECKS)

    ft = generated[gen.FRANCE_TRAVAIL]
    assert len({o["romeCode"] for o in ft}) >= 40
    regions = {COMMUNE_REGIONS[o["lieuTravail"]["commune"]] for o in ft if "commune" in o["lieuTravail"]}
    regions |= {REGION_CODES[job["location"]["area"][1]] for job in generated[gen.ADZUNA]}
    assert set(gen.METROPOLITAN_REGIONS) <= regions and len(gen.METROPOLITAN_REGIONS) == 13
    assert regions - set(gen.METROPOLITAN_REGIONS)  # at least one overseas département


def test_the_demo_special_case_files_hold_malformed_and_updated_offers() -> None:
    special = json.loads((DEMO_DIR / "francetravail" / "page-90001.json").read_text(encoding="utf-8"))["resultats"]
    assert len(special) == 4
    assert any(isinstance(o, dict) and "intitule" not in o for o in special)
    assert any(not isinstance(o, dict) for o in special)
    assert any(isinstance(o, dict) and isinstance(o.get("lieuTravail"), str) for o in special)

    updated = json.loads((DEMO_DIR / "francetravail" / "page-90002.json").read_text(encoding="utf-8"))["resultats"][0]
    original = next(o for o in _demo_generated()[gen.FRANCE_TRAVAIL] if o["id"] == updated["id"])
    assert updated["dateActualisation"] > original["dateActualisation"]
    assert updated["salaire"] != original.get("salaire")

    jobs = json.loads((DEMO_DIR / "adzuna" / "page-90001.json").read_text(encoding="utf-8"))["results"]
    assert any("id" not in job for job in jobs) and any(isinstance(job.get("company"), str) for job in jobs)


def test_the_demo_folder_is_small_and_pretty_printed() -> None:
    files = [path for path in DEMO_DIR.rglob("*") if path.is_file()]
    assert sum(path.stat().st_size for path in files) < 2_000_000
    for path in files:
        if path.suffix == ".json":
            text = path.read_text(encoding="utf-8")
            json.loads(text)
            assert text.startswith("{\n ") and "\\u00e9" not in text  # indent=1, ensure_ascii=False
