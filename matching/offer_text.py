"""What text of an offer (and of a candidate) the model reads.

The choice, justified by `python manage.py evaluate_matching --compare-texts` (figures in
matching/evaluation/README.md): title, then ROME label, then skills, then the description,
cut to the model's window (`OFFER_TEXT_MAX_TOKENS` word pieces).

- The title and the ROME label come first because they name the job; a description often
  opens with the company's pitch, which says nothing of the job and would pull every offer
  of one employer together.
- Skills come before the description so that truncation only ever removes description text.
- 128 word pieces rather than the model's full 256: all-MiniLM-L6-v2 was trained on
  sequences of 128, the evaluation shows no loss (or a gain) against 256, and encoding is
  about twice as fast, which the daily refresh needs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

OFFER_TEXT_RECIPE = "title_rome_skills_description"
OFFER_TEXT_MAX_TOKENS = 128

# Other recipes, kept for the evaluation that compares them.
OFFER_TEXT_RECIPES = ("title_rome_skills_description", "title_rome_skills", "title_description", "description")

_SPACES = re.compile(r"\s+")


def _clean(value: str | None) -> str:
    return _SPACES.sub(" ", value or "").strip()


def _skills(values: Iterable[str] | None) -> str:
    return ", ".join(_clean(skill) for skill in (values or []) if _clean(skill))


def offer_text(offer: Mapping[str, Any] | Any, *, recipe: str = OFFER_TEXT_RECIPE) -> str:
    """The text embedded for an offer (a model instance or a dict with the same field names)."""

    def field(name: str) -> Any:
        return offer.get(name) if isinstance(offer, Mapping) else getattr(offer, name, None)

    title, rome, description = _clean(field("title")), _clean(field("rome_label")), _clean(field("description"))
    skills = _skills(field("skills"))
    parts: list[str]
    if recipe == "title_rome_skills_description":
        parts = [title, rome, skills, description]
    elif recipe == "title_rome_skills":
        parts = [title, rome, skills]
    elif recipe == "title_description":
        parts = [title, description]
    elif recipe == "description":
        parts = [description or title]
    else:
        raise ValueError(f"unknown offer text recipe {recipe!r}")
    return ". ".join(part for part in parts if part)


def candidate_text(*, title: str = "", skills: Iterable[str] = (), presentation: str = "", cv_text: str = "") -> str:
    """A candidate in the same order as an offer: what they look for, what they can do, who they are."""
    parts = [_clean(title), _skills(skills), _clean(presentation), _clean(cv_text)]
    return ". ".join(part for part in parts if part)


def text_hash(text: str, *, recipe: str = OFFER_TEXT_RECIPE, max_tokens: int = OFFER_TEXT_MAX_TOKENS) -> str:
    # The recipe and the window are part of the hash: changing either re-embeds every offer.
    return hashlib.sha256(f"{recipe}|{max_tokens}|{text}".encode()).hexdigest()
