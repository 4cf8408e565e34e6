"""Property: over generated profiles and offers, an explanation never claims a skill the candidate does not
have, never calls missing (nor to state) a skill they have, states a lack as one only off their own trade or for a
tool, licence or language, shows no similarity figure and no fact against the offer as a
reason for it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.explanations import CandidateContext, explain
from offers.models import Offer
from offers.understanding.skills import skill_reader

# Skill wordings grouped by the skill they name. Families are disjoint on purpose: Java and JavaScript,
# permis B and permis C, CACES 3 and CACES 5 are different skills however alike they are written.
FAMILIES: dict[str, list[str]] = {
    "git": ["Git", "GitLab", "Utiliser un outil de gestion de versions (Git)", "gestion de versions"],
    "java": ["Java", "Programmer en Java"],
    "javascript": ["JavaScript", "Développer en JavaScript"],
    "python": ["Python", "Programmation en Python"],
    "docker": ["Docker", "Déployer des conteneurs Docker"],
    "sql": ["SQL", "PostgreSQL", "Écrire des requêtes SQL"],
    "caces3": ["CACES 3", "CACES R489 catégorie 3"],
    "caces5": ["CACES 5", "CACES R489 catégorie 5"],
    "permis_b": ["Permis B"],
    "permis_c": ["Permis C", "Permis poids lourd"],
    "english": ["Anglais", "English", "Anglais courant"],
    "spanish": ["Espagnol"],
    "kneading": ["Pétrir la pâte", "Pétrissage"],
    "cash": ["Tenir une caisse", "Encaissement"],
    "haccp": ["HACCP", "Appliquer les règles d'hygiène HACCP"],
}
# What holding a skill implies: a permit C holder has the B (never the other way round).
IMPLIED: dict[str, set[str]] = {"permis_c": {"permis_b"}}
WORDINGS = [(family, wording) for family, wordings in FAMILIES.items() for wording in wordings]
PERCENT_OR_DECIMAL = re.compile(r"\d+ ?%|\d[.,]\d")

wording = st.sampled_from(WORDINGS)


@settings(max_examples=300, deadline=None)
@given(
    listed=st.lists(wording, max_size=6),
    written=st.lists(wording, max_size=4),
    asked=st.lists(wording, min_size=1, max_size=6, unique_by=lambda pair: pair[1]),
    salary_floor=st.one_of(st.none(), st.integers(15_000, 60_000)),
    offer_salary=st.one_of(st.none(), st.integers(15_000, 60_000)),
    seniority=st.sampled_from(["", "debutant", "junior", "confirme"]),
    offer_seniority=st.sampled_from(["", "debutant", "junior", "confirme"]),
    fit=st.sampled_from(["same", "close", "other", "unknown"]),
    basis=st.sampled_from(["named", "read", "unsure"]),
)
def test_explanations_claim_only_what_the_profile_holds(
    listed, written, asked, salary_floor, offer_salary, seniority, offer_seniority, fit, basis
):
    context = CandidateContext(
        skills=tuple(text for _, text in listed),
        text=". ".join(f"J'ai de l'expérience en {text}" for _, text in written),
        salary_floor=salary_floor,
        seniority=seniority,
    )
    has = {family for family, _ in listed} | {family for family, _ in written}
    has |= {implied for family in has for implied in IMPLIED.get(family, ())}
    offer = Offer(
        title="Offre",
        skills=[text for _, text in asked],
        salary_max=offer_salary,
        seniority=offer_seniority,
        rome_label="Métier voisin",
    )
    reader = skill_reader()
    why = explain(
        offer,
        similarity=0.42,
        context=context,
        profile=reader.profile(skills=context.skills, text=context.text),
        occupation_fit=fit,
        occupation_basis=basis,
        occupation_label="Boulangerie",
    )
    family_of = {text: family for family, text in asked}
    for skill in why.matched_skills:
        assert family_of[skill] in has, f"claimed {skill!r} absent from the profile"
    for skill in why.missing_skills + why.unstated_skills:
        assert family_of[skill] not in has, f"called {skill!r} missing or unstated though the profile has it"
    # A lack is stated as such except on an offer of the trade they named or that their words describe, where a
    # general skill their words do not say is one to state ("À préciser"); a tool, a licence or a language stays a
    # lack there too.
    own_trade = fit == "same" and basis != "unsure"
    assert all(not reader.names_specific(skill) for skill in why.unstated_skills), why.unstated_skills
    assert own_trade or not why.unstated_skills
    if own_trade:
        assert all(reader.names_specific(skill) for skill in why.missing_skills), why.missing_skills
    # Every skill of the offer is had, lacking, to state, or half said by a skill they listed (then none of those).
    profile = reader.profile(skills=context.skills, text=context.text)
    shown = why.matched_skills + why.missing_skills + why.unstated_skills
    assert len(shown) == len(set(shown))
    unsaid = [skill for skill in offer.skills if skill not in shown]
    assert all(reader.partly(skill, profile) for skill in unsaid), unsaid
    for reason in why.reasons + [why.summary]:
        assert not PERCENT_OR_DECIMAL.search(reason), reason  # no similarity figure
        assert "imilarit" not in reason
    against = {"Un autre métier que le vôtre", "Salaire sous votre minimum"}
    assert not against & set(why.reasons)
    warnings = ("À acquérir", "À préciser", "Expérience exigée", "Expérience souhaitée")
    assert not any(reason.startswith(warnings) for reason in why.reasons)
    # "Your job" only for a job they named; a job read from their text is named as read; an unsure
    # reading states no occupation at all.
    said = " ".join(why.reasons + why.warnings + [why.summary])
    assert ("Votre métier" in said) == (basis == "named" and fit == "same")
    if basis == "unsure":
        assert "étier" not in said
    if basis == "read" and fit in ("same", "close"):
        assert "reconnu dans votre profil : Boulangerie" in " ".join(why.reasons)
