"""Forms of the offer pages. `OfferSearchForm` is also the validator of the offers API.

URL parameters are French, since the URL is what users share: q, lieu, rayon,
contrat, experience, secteur, rome, salaire_min, salaire_estime, teletravail, depuis, source,
fermees, tri, page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from offers.models import ContractType, Seniority, Source
from offers.search.params import OfferSearchParams, SortOrder
from offers.search.places import NOWHERE, PlaceNotFound, place_resolve

ROME_CODE = re.compile(r"^[A-N]\d{4}$")
RADIUS_CHOICES = [("", _("Dans la commune")), *[(str(km), f"{km} km") for km in (5, 10, 20, 30, 50, 100)]]
DAYS_CHOICES = [("", _("Peu importe")), ("1", _("24 heures")), ("3", _("3 jours")), ("7", _("7 jours")),
                ("14", _("14 jours")), ("30", _("30 jours"))]  # fmt: skip
MAX_PAGE = 500


class SearchParamsError(ValueError):
    """The query had invalid values; `errors` maps each parameter to its French messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items()))
        self.errors = errors


class OfferSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Métier, compétence ou mot-clé"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "list": "job-title-options"}),
    )
    lieu = forms.CharField(
        label=_("Lieu (commune, code postal, département ou région)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "place-options"}),
    )
    rayon = forms.TypedChoiceField(
        label=_("Rayon"), required=False, choices=RADIUS_CHOICES, coerce=int, empty_value=None
    )
    contrat = forms.MultipleChoiceField(
        label=_("Type de contrat"), required=False, choices=ContractType.choices, widget=forms.CheckboxSelectMultiple
    )
    experience = forms.MultipleChoiceField(
        label=_("Expérience"), required=False, choices=Seniority.choices, widget=forms.CheckboxSelectMultiple
    )
    secteur = forms.CharField(label=_("Secteur"), required=False, max_length=255)
    rome = forms.CharField(
        label=_("Code ROME"), required=False, max_length=5, widget=forms.TextInput(attrs={"placeholder": "D1102"})
    )
    salaire_min = forms.IntegerField(
        label=_("Salaire annuel minimum (€)"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"}),
    )
    salaire_estime = forms.BooleanField(
        label=_("Compter les salaires estimés (estimation Adzuna, pas le chiffre de l'employeur)"), required=False
    )
    teletravail = forms.BooleanField(label=_("Télétravail possible"), required=False)
    depuis = forms.TypedChoiceField(
        label=_("Publiée depuis"), required=False, choices=DAYS_CHOICES, coerce=int, empty_value=None
    )
    source = forms.MultipleChoiceField(
        label=_("Source"), required=False, choices=Source.choices, widget=forms.CheckboxSelectMultiple
    )
    fermees = forms.BooleanField(label=_("Inclure les offres fermées"), required=False)
    intelligente = forms.BooleanField(
        label=_("Recherche intelligente"),
        required=False,
        help_text=_("Trouve aussi les offres proches du sens de votre recherche, même sans les mêmes mots."),
    )
    tri = forms.ChoiceField(label=_("Trier par"), required=False, choices=SortOrder.CHOICES)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)

    error_messages = {
        "invalid_choice": _("Valeur inconnue : %(value)s."),
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("rayon", "depuis", "tri", "contrat", "experience", "source"):
            self.fields[name].error_messages["invalid_choice"] = _("« %(value)s » n'est pas une valeur possible.")
        self.fields["salaire_min"].error_messages["invalid"] = _("Indiquez un montant annuel en euros, sans espace.")
        self.fields["page"].error_messages["invalid"] = _("Numéro de page invalide.")

    def clean_rome(self) -> str:
        code = self.cleaned_data.get("rome", "").strip().upper()
        if code and not ROME_CODE.match(code):
            raise forms.ValidationError(_("Un code ROME s'écrit avec une lettre et quatre chiffres, ex. D1102."))
        return code

    def clean_lieu(self) -> Any:
        text = self.cleaned_data.get("lieu", "").strip()
        if not text:
            return None
        try:
            return place_resolve(text)
        except PlaceNotFound as error:
            message = _(
                "Lieu inconnu : « %(place)s ». Essayez une commune, un code postal, un département ou une région."
            )
            if error.suggestions:
                message = _("Lieu inconnu : « %(place)s ». Vouliez-vous dire : %(suggestions)s ?")
            raise forms.ValidationError(
                message, code="unknown_place", params={"place": text, "suggestions": ", ".join(error.suggestions)}
            ) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        place, radius = cleaned.get("lieu"), cleaned.get("rayon")
        if radius and place is not None and not place.located:
            if place.kind in ("departement", "region", "france"):
                message = _("Un rayon se compte autour d'une commune ou d'un code postal, pas de « %(place)s ».")
            else:
                message = _("Ce lieu n'a pas de coordonnées connues : le rayon ne peut pas s'appliquer.")
            self.add_error("rayon", forms.ValidationError(message, params={"place": place.label}))
        return cleaned

    def state(self) -> dict[str, Any]:
        """What the user sent, per field (lists for the multiple choices), to redraw the form as typed."""
        data = self.data
        multiple = {"contrat", "experience", "source"}
        return {
            name: (data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or []))
            if name in multiple
            else (data.get(name) or "")
            for name in self.fields
        }

    def to_params(self) -> OfferSearchParams:
        """The valid part of the query (an invalid field is left out, its error shown by the form)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return OfferSearchParams(
            q=data.get("q") or "",
            # A place that could not be read holds no offer: never silently all of France.
            place=NOWHERE if "lieu" in self.errors else data.get("lieu"),
            radius_km=data.get("rayon") if "rayon" not in self.errors else None,
            contract_types=tuple(data.get("contrat") or ()),
            seniorities=tuple(data.get("experience") or ()),
            domain=data.get("secteur") or "",
            rome_code=data.get("rome") or "",
            salary_min=data.get("salaire_min"),
            salary_estimates=bool(data.get("salaire_estime")),
            remote=bool(data.get("teletravail")),
            published_within_days=data.get("depuis"),
            sources=tuple(data.get("source") or ()),
            include_closed=bool(data.get("fermees")),
            sort=data.get("tri") or SortOrder.RELEVANCE,
            page=data.get("page") or 1,
            smart=bool(data.get("intelligente")),
        )


def search_params_from_query(data: Mapping[str, Any]) -> OfferSearchParams:
    """Validate a query dict (request.GET, a DRF query_params) into search parameters.

    Raises SearchParamsError with French messages per parameter on any invalid value.
    """
    form = OfferSearchForm(data)
    if not form.is_valid():
        raise SearchParamsError(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    return form.to_params()
