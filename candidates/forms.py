from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates import selectors, services
from candidates.cv_proposals import CvProposals
from candidates.models import AlertFrequency, CandidateProfile, RemotePreference
from offers.models import ContractType, Seniority


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Adresse e-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=gettext_lazy("Mot de passe"),
        strip=False,
        max_length=4096,
        help_text=gettext_lazy("Au moins 12 caractères ; évitez les mots de passe courants."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirmation = forms.CharField(
        label=gettext_lazy("Confirmez le mot de passe"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        password, confirmation = data.get("password"), data.get("password_confirmation")
        if password and confirmation and password != confirmation:
            self.add_error("password_confirmation", _("Les deux mots de passe ne correspondent pas."))
        return data


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Adresse e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=gettext_lazy("Mot de passe"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ProfileForm(forms.Form):
    wanted_title = forms.CharField(
        label=gettext_lazy("Poste recherché"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"list": "title-options", "autocomplete": "off"}),
        help_text=gettext_lazy("Choisissez une appellation proposée : le code ROME est alors déduit."),
    )
    rome_code = forms.RegexField(
        label=gettext_lazy("Code ROME"),
        regex=r"^[A-Za-z][0-9]{4}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Un code ROME s'écrit comme « D1102 ».")},
        help_text=gettext_lazy("Laissez vide pour le déduire du poste."),
    )
    skills = forms.CharField(
        label=gettext_lazy("Compétences"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Séparées par des virgules."),
    )
    presentation = forms.CharField(
        label=gettext_lazy("Présentation"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    place = forms.CharField(
        label=gettext_lazy("Lieu"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"list": "commune-options", "autocomplete": "off"}),
        help_text=gettext_lazy("Commune, par exemple « Montpellier (34) », ou un code postal."),
    )
    radius_km = forms.IntegerField(
        label=gettext_lazy("Rayon (km)"), min_value=0, max_value=services.MAX_RADIUS_KM, initial=30
    )
    contract_types = forms.MultipleChoiceField(
        label=gettext_lazy("Types de contrat"),
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seniority = forms.ChoiceField(
        label=gettext_lazy("Expérience"),
        choices=[("", gettext_lazy("Non précisée")), *Seniority.choices],
        required=False,
    )
    remote_preference = forms.ChoiceField(
        label=gettext_lazy("Télétravail"), choices=RemotePreference.choices, widget=forms.RadioSelect
    )
    salary_min = forms.IntegerField(
        label=gettext_lazy("Salaire annuel minimum (€ brut)"), min_value=0, max_value=10_000_000, required=False
    )

    @classmethod
    def initial_for(cls, profile: CandidateProfile) -> dict[str, Any]:
        return {
            "wanted_title": profile.wanted_title,
            "rome_code": profile.rome_code,
            "skills": ", ".join(profile.skills),
            "presentation": profile.presentation,
            "place": profile.place_name,
            "radius_km": profile.radius_km,
            "contract_types": profile.contract_types,
            "seniority": profile.seniority,
            "remote_preference": profile.remote_preference,
            "salary_min": profile.salary_min,
        }

    def clean_skills(self) -> list[str]:
        raw = self.cleaned_data.get("skills") or ""
        return [part.strip() for part in raw.replace("\n", ",").split(",") if part.strip()]

    def clean_place(self) -> str:
        label = self.cleaned_data.get("place") or ""
        if not label.strip():
            return ""
        commune = selectors.commune_from_label(label=label)
        if commune is None:
            raise forms.ValidationError(
                _("Commune introuvable : choisissez-la dans la liste proposée (par exemple « Montpellier (34) »).")
            )
        return commune.insee_code

    def changes(self, *, current: CandidateProfile) -> dict[str, Any]:
        """The cleaned form as the service's field names."""
        data = dict(self.cleaned_data)
        data["commune_insee"] = data.pop("place")
        data["rome_code"] = (data.get("rome_code") or "").upper()
        if data["rome_code"] == current.rome_code and data["wanted_title"] != current.wanted_title:
            # The code shown was the old title's: let the new title suggest its own.
            data.pop("rome_code")
        return data


class CvProposalsForm(forms.Form):
    """What the candidate keeps of their CV's proposals: each one ticked by default, the title and town editable.

    Prefixed "cv": its controls never share a name or id with the profile form's on the same page.
    """

    upload = forms.IntegerField(widget=forms.HiddenInput)
    title_keep = forms.BooleanField(label=gettext_lazy("Retenir ce poste"), required=False)
    title = forms.CharField(label=gettext_lazy("Intitulé du poste proposé"), max_length=255, required=False)
    place_keep = forms.BooleanField(label=gettext_lazy("Retenir cette ville"), required=False)
    place = forms.CharField(
        label=gettext_lazy("Commune proposée"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Commune, par exemple « Montpellier (34) », ou un code postal."),
    )
    skills = forms.MultipleChoiceField(
        label=gettext_lazy("Compétences proposées"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, proposals: CvProposals, upload_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "cv")
        kwargs.setdefault(
            "initial",
            {
                "upload": upload_id,
                "title_keep": bool(proposals.title),
                "title": proposals.title,
                "place_keep": bool(proposals.place_name),
                "place": proposals.place_name,
                "skills": list(proposals.skills),
            },
        )
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        self.fields["skills"].choices = [(skill, skill) for skill in proposals.skills]
        self.fields["skills"].error_messages["invalid_choice"] = _("Choisissez parmi les compétences proposées.")
        if not proposals.title:
            del self.fields["title_keep"], self.fields["title"]
        if not proposals.place_name:
            del self.fields["place_keep"], self.fields["place"]
        if not proposals.skills:
            del self.fields["skills"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("title_keep") and not (data.get("title") or "").strip():
            self.add_error("title", _("Indiquez le poste recherché, ou décochez « Retenir ce poste »."))
        if data.get("place_keep"):
            commune = selectors.commune_from_label(label=data.get("place") or "")
            if commune is None:
                self.add_error(
                    "place",
                    _("Commune introuvable : écrivez-la comme « Montpellier (34) » ou donnez son code postal."),
                )
            else:
                data["place_insee"] = commune.insee_code
        return data

    def kept(self) -> dict[str, Any]:
        """The service's arguments: None for a proposal not kept."""
        data = self.cleaned_data
        return {
            "upload_id": data["upload"],
            "title": data["title"] if data.get("title_keep") else None,
            "place_insee": data.get("place_insee") if data.get("place_keep") else None,
            "skills": list(data.get("skills") or []),
        }


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class CvForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CV (PDF ou Word .docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,application/pdf," + DOCX_MIME}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        size = settings.CANDIDATE_CV_MAX_BYTES / (1024 * 1024)
        self.fields["file"].help_text = _("%(size)s Mo au plus. Les compétences reconnues sont ajoutées au profil.") % {
            "size": f"{size:g}"
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Votre mot de passe, pour confirmer"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self) -> str:
        from candidates.services import CandidateError, candidate_password_confirm

        password = self.cleaned_data["password"]
        try:
            candidate_password_confirm(request=self.request, user=self.user, password=password)
        except CandidateError as error:
            raise forms.ValidationError(error.message) from None
        return password


class EmailConfirmForm(DeleteAccountForm):
    """The account's password, asked with the confirmation link (see candidates.signup)."""

    password = forms.CharField(
        label=gettext_lazy("Mot de passe choisi à l'inscription"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SavedSearchForm(forms.Form):
    """Name and alert frequency of a saved search (its filters come from the search page's URL)."""

    name = forms.CharField(label=gettext_lazy("Nom de la recherche"), max_length=100)
    frequency = forms.ChoiceField(
        label=gettext_lazy("Alerte par e-mail"), choices=AlertFrequency.choices, initial=AlertFrequency.DAILY
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Donnez un nom à cette recherche.")
        self.fields["frequency"].error_messages["invalid_choice"] = _("Choisissez une fréquence proposée.")


class SavedSearchEditForm(SavedSearchForm):
    paused = forms.BooleanField(label=gettext_lazy("Mettre les alertes en pause"), required=False)
