"""Offer pages: search (/offres/), one offer, the market charts and soft skills per occupation."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from offers.catalogue import offer_detail
from offers.display import offer_application, offer_facts, offer_label
from offers.forms import OfferSearchForm
from offers.france_map import departement_choropleth
from offers.geography.gazetteer import distance_km
from offers.market import offer_market
from offers.models import ContractType, Occupation, Offer, Seniority, Source
from offers.search.cache import offer_search_cached
from offers.search.facets import FacetValue, OfferFacets
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.places import Place, PlaceNotFound, place_resolve
from offers.search.relaxations import search_relaxations
from offers.search.suggestions import job_title_suggestions, occupation_suggestions, place_suggestions
from offers.soft_skills import occupation_soft_skills


@dataclass(frozen=True)
class OfferCard:
    """What a result shows, prepared in Python: the page renders 20 of these per request."""

    offer_id: int
    url: str
    title: str
    label: str  # the title with the employer and place, naming the card's link and button
    company: str
    place: str
    distance: str  # "à 12 km", "distance inconnue", or "" when the search has no centre
    tags: list[str]
    closed: str
    new: bool
    published: str
    published_date: str
    published_iso: str
    sources: str


def _distance_text(offer: Offer, centre: Place | None) -> str:
    if centre is None or not centre.located:
        return ""
    if offer.latitude is None or offer.longitude is None:
        return _("distance inconnue")
    km = distance_km(centre.latitude, centre.longitude, offer.latitude, offer.longitude)  # type: ignore[arg-type]
    whole = math.floor(km + 0.5)  # as the nearest-first order counts them
    return _("à %(km)s km") % {"km": whole} if whole else _("à moins de 1 km")


def _offer_cards(
    offers: list[Offer], params: OfferSearchParams | None = None, *, search_query: str = ""
) -> list[OfferCard]:
    """`search_query`: the search the cards are shown for, which the offer page's "back" link returns to."""
    detail_prefix = reverse("offers:search")
    back = "?" + urlencode({"retour": search_query}) if search_query else ""
    contract_labels, seniority_labels = dict(ContractType.choices), dict(Seniority.choices)
    source_labels = dict(Source.choices)
    remote, closed = _("Télétravail"), _("Fermée")
    # Distances are shown when the search has a centre: a radius, or the nearest first.
    centre = None
    if params is not None and (params.radius_km or params.effective_sort == SortOrder.DISTANCE):
        centre = params.place
    now = timezone.now()
    cards = []
    for offer in offers:
        facts = offer_facts(offer, now=now)
        tags = [
            str(contract_labels.get(offer.contract_type, offer.contract_type)),
            str(seniority_labels.get(offer.seniority, "")) if offer.seniority else "",
            remote if offer.remote else "",
            facts.salary_short,
        ]
        cards.append(
            OfferCard(
                offer_id=offer.id,
                url=f"{detail_prefix}{offer.id}/{back}",
                title=offer.title,
                label=offer_label(offer),
                company=offer.company,
                place=facts.place,
                distance=_distance_text(offer, centre),
                tags=[tag for tag in tags if tag],
                closed="" if offer.is_open else closed,
                new=facts.new and offer.is_open,
                published=facts.published,
                published_date=facts.published_date,
                published_iso=facts.published_iso,
                sources=" / ".join(str(source_labels.get(source, source)) for source in offer.sources),
            )
        )
    return cards


def _wants_fragment(request: HttpRequest) -> bool:
    # Boosted links and history restores need the whole page; form and pagination requests a fragment.
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _link_with(lists: dict[str, list[str]], name: str, value: str, *, append: bool) -> str:
    """The current query (`lists`: parameter -> values, without `page`) with one facet value added."""
    updated = dict(lists)  # a shallow copy: the lists themselves are replaced, never changed
    if name == "lieu":
        updated.pop("rayon", None)  # a département has no centre to draw a radius from
    if append:
        values = updated.get(name, [])
        if value not in values:
            updated[name] = [*values, value]
    else:
        updated[name] = [value]
    return "?" + urlencode([(key, item) for key, values in updated.items() for item in values])


def _relaxation_links(query: QueryDict, params: OfferSearchParams, form: OfferSearchForm) -> list[dict[str, Any]]:
    """An empty page's way out: each change of the query that would show offers, as a link with its count."""
    lists = {key: values for key, values in query.lists() if key != "page"}
    links = []
    for relaxation in search_relaxations(params):
        updated = dict(lists)
        if relaxation.value:
            updated[relaxation.name] = [relaxation.value]
        else:
            updated.pop(relaxation.name, None)
            if relaxation.name == "lieu":
                updated.pop("rayon", None)
        if relaxation.kind == "filter":
            label = _("Sans le filtre « %(filter)s »") % {"filter": form.fields[relaxation.name].label}
        elif relaxation.kind == "radius":
            label = _("Élargir le rayon à %(km)s km") % {"km": relaxation.value}
        elif relaxation.kind == "place":
            label = _("Partout en France (sans le lieu)")
        else:
            label = _("Essayer la recherche intelligente (offres proches par le sens)")
        url = "?" + urlencode([(key, item) for key, values in updated.items() for item in values])
        links.append({"label": label, "count": relaxation.count, "capped": relaxation.capped, "url": url})
    return links


def _other_places(query: QueryDict, place: Place | None) -> list[dict[str, str]]:
    """Other communes of the name typed ("Saint-Denis (974)"), as links to the same search there."""
    if place is None or not place.others:
        return []
    lists = {key: values for key, values in query.lists() if key not in ("page", "lieu")}
    return [{"label": label, "url": _link_with(lists, "lieu", label, append=False)} for label in place.others[:6]]


def _facet_groups(query: QueryDict, facets: OfferFacets) -> list[dict[str, Any]]:
    """Facet values as links that add the value to the current query."""

    # Plain lists rather than QueryDict copies: a page builds some forty links.
    lists = {key: values for key, values in query.lists() if key != "page"}

    def links(name: str, values: list[FacetValue], *, append: bool) -> list[dict[str, Any]]:
        chosen = set(query.getlist(name))
        # A value no offer has would lead to an empty page: only the chosen ones keep a zero.
        return [
            {"label": value.label, "count": value.count, "url": _link_with(lists, name, value.value, append=append),
             "active": value.value in chosen}
            for value in values
            if value.count or value.value in chosen
        ]  # fmt: skip

    groups = [
        {"title": _("Contrat"), "items": links("contrat", facets.contract_types, append=True)},
        {"title": _("Expérience"), "items": links("experience", facets.seniorities, append=True)},
        {"title": _("Secteur"), "items": links("secteur", facets.domains, append=False)},
        {"title": _("Métier (ROME)"), "items": links("rome", facets.rome_codes, append=False)},
        {"title": _("Département"), "items": links("lieu", facets.departements, append=False)},
        {"title": _("Salaire annuel"), "items": links("salaire_min", facets.salary_minimums, append=False)},
        {"title": _("Source"), "items": links("source", facets.sources, append=True)},
        {"title": _("Publiée depuis"), "items": links("depuis", facets.published_within, append=False)},
    ]
    if facets.remote:
        groups.append(
            {
                "title": _("Télétravail"),
                "items": [
                    {
                        "label": _("Télétravail possible"),
                        "count": facets.remote,
                        "url": _link_with(lists, "teletravail", "on", append=False),
                        "active": bool(query.get("teletravail")),
                    }
                ],
            }
        )
    return [group for group in groups if group["items"]]


@require_safe
def offer_search_page(request: HttpRequest) -> HttpResponse:
    form = OfferSearchForm(request.GET)
    form.is_valid()  # errors are shown next to their field; the valid filters still apply
    params = form.to_params()
    found = offer_search_cached(params=params)
    result = found.result
    facets = found.facets if result.total else None
    context = {
        "form": form,
        "result": result,
        "params": params,
        "cards": _offer_cards(result.offers, params, search_query=request.GET.urlencode()),
        "other_places": _other_places(request.GET, params.place),
        "facets": facets,
        "facet_groups": _facet_groups(request.GET, facets) if facets else [],
        "query": request.GET,
        "relaxations": [] if result.total else _relaxation_links(request.GET, params, form),
    }
    fragment = _wants_fragment(request)
    # A fragment also refreshes the error next to each field (out of band).
    context["oob_errors"] = fragment
    return render(request, "offers/search.html#results" if fragment else "offers/search.html", context)


def _distance_origin(text: str) -> tuple[str, float, float] | None:
    """The place of the search a visitor came from (its `lieu`), for "à 12 km de ..."."""
    if not text.strip():
        return None
    try:
        place = place_resolve(text[:100])
    except PlaceNotFound:
        return None
    if place.latitude is None or place.longitude is None:
        return None
    return place.label, place.latitude, place.longitude


@require_safe
def offer_detail_page(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = offer_detail(offer_id=offer_id)
    if offer is None:
        raise Http404(_("Cette offre n'existe pas."))
    postings = sorted(offer.postings.all(), key=lambda posting: (posting.source, posting.external_id))
    search_query = request.GET.get("retour", "")
    context = {
        "offer": offer,
        "postings": postings,
        "back_url": _search_url(search_query),
        # How far the offer is from the place of the search the visitor came from.
        "facts": offer_facts(offer, origin=_distance_origin(QueryDict(search_query[:2000]).get("lieu", ""))),
        "application": offer_application(postings) if offer.is_open else None,
    }
    return render(request, "offers/detail.html", context)


def _search_url(query: str) -> str:
    """The search page with the search parameters of `query` (anything else in it is dropped)."""
    fields = OfferSearchForm.base_fields
    kept = [(name, value) for name, values in QueryDict(query[:2000]).lists() if name in fields for value in values]
    return reverse("offers:search") + ("?" + urlencode(kept) if kept else "")


@require_safe
def market_page(request: HttpRequest) -> HttpResponse:
    form = OfferSearchForm(request.GET)
    form.is_valid()
    params = form.to_params()
    stats = offer_market(params=params)
    weekly = _weekly(stats.weeks, today=timezone.localdate())
    charts = {
        "contracts": stats.contract_types,
        "companies": stats.companies,
        "domains": stats.domains,
        "seniorities": stats.seniorities,
        "cities": stats.cities,
        "skills": stats.skills,
        "weeks": weekly["chart"],
        "salaries": stats.salaries,
    }
    # A click on the map searches the département, the other filters of this search kept.
    kept = [
        (key, value) for key, values in request.GET.lists() if key not in ("lieu", "rayon", "page") for value in values
    ]
    context = {
        "form": form,
        "stats": stats,
        "charts": charts,
        "weekly": weekly,
        "map": departement_choropleth(dict(stats.departements)),
        "search_prefix": reverse("offers:search") + "?" + urlencode([*kept, ("lieu", "")]),
        "query": request.GET,
    }
    fragment = _wants_fragment(request)
    context["oob_errors"] = fragment
    return render(request, "offers/market.html#charts" if fragment else "offers/market.html", context)


def _weekly(rows: list[tuple[str, int]], *, today: date) -> dict[str, Any]:
    """Offers per week of publication, with French dates. The week in progress is kept apart:
    drawn on the line it would look like a drop, when it is only not over yet."""
    weeks = []
    for start_text, count in rows:
        start = date.fromisoformat(start_text)
        weeks.append(
            {
                "start": start,
                "label": date_format(start, "j N"),
                "name": _("semaine du %(date)s") % {"date": date_format(start, "j F Y")},
                "count": count,
                "partial": start + timedelta(days=7) > today,
            }
        )
    complete = [week for week in weeks if not week["partial"]]
    current = next((week for week in weeks if week["partial"]), None)
    return {"rows": weeks, "chart": [(week["label"], week["count"]) for week in complete], "current": current}


@require_safe
def soft_skills_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("metier", "").strip()[:255]
    occupation_code = ""
    error = ""
    choices: list[Occupation] = []
    if text:
        # "D1102 – Boulanger / Boulangère" (the autocomplete's format), a code, or a label.
        candidate = text.split("–")[0].strip().upper()
        if len(candidate) == 5 and candidate[0].isalpha() and candidate[1:].isdigit():
            occupation_code = candidate
        else:
            choices = occupation_suggestions(text)
            if len(choices) == 1 or (choices and choices[0].label.lower() == text.lower()):
                occupation_code = choices[0].code
                choices = []
            elif not choices:
                error = _("Aucun métier ne correspond à « %(text)s ».") % {"text": text}
    ranking = occupation_soft_skills(rome_code=occupation_code) if occupation_code else None
    if ranking is not None and not ranking.skills and not ranking.offers and ranking.label == occupation_code:
        error = _("Aucun savoir-être connu pour le code %(code)s.") % {"code": occupation_code}
        ranking = None
    context = {"text": text, "ranking": ranking, "choices": choices, "error": error}
    template = "offers/soft_skills.html#ranking" if _wants_fragment(request) else "offers/soft_skills.html"
    return render(request, template, context)


@require_safe
def place_options(request: HttpRequest) -> HttpResponse:
    options = place_suggestions(request.GET.get("lieu", "")[:100])
    return render(request, "offers/options.html", {"options": options})


@require_safe
def job_title_options(request: HttpRequest) -> HttpResponse:
    options = job_title_suggestions(request.GET.get("q", "")[:200])
    return render(request, "offers/options.html", {"options": options})


@require_safe
def occupation_options(request: HttpRequest) -> HttpResponse:
    occupations = occupation_suggestions(request.GET.get("metier", "")[:255])
    options = [f"{occupation.code} – {occupation.label}" for occupation in occupations]
    return render(request, "offers/options.html", {"options": options})
