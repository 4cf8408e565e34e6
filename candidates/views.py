"""Sign-up, log-in, profile, CV, RGPD export and deletion, saved offers, saved searches and alerts (HTML pages)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from candidates import alerts, cv_services, login_limit, selectors, services, tokens
from candidates.backends import client_ip
from candidates.cv import CvRejected
from candidates.cv_proposals import CvProposals
from candidates.forms import (
    CvForm,
    CvProposalsForm,
    DeleteAccountForm,
    EmailConfirmForm,
    LoginForm,
    ProfileForm,
    SavedSearchEditForm,
    SavedSearchForm,
    SignupForm,
)
from candidates.models import CvUpload, CvUploadStatus, SavedSearch, cv_storage
from candidates.signup import candidate_signup, confirmation_link_account, confirmation_send, email_confirmation_proven
from jobmarket.http import AuthenticatedHttpRequest, HtmxHttpRequest

UPLOAD_OVERHEAD_BYTES = 64 * 1024


def _safe_next(request: HtmxHttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("candidates:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            candidate_signup(email=email, password=form.cleaned_data["password"], ip=client_ip(request))
        except services.CandidateError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # The same page whether the address had an account or not: the mailbox tells its owner.
            return render(request, "candidates/signup_sent.html", {"email": services.normalize_email(email)})
    return render(request, "candidates/signup.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request: HtmxHttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link mailed at sign-up: with the account's password, it confirms the address and logs in."""
    account = confirmation_link_account(uidb64=uidb64, token=token)
    if account is None:
        return render(request, "candidates/email_confirm.html", {"form": None}, status=400)
    form = EmailConfirmForm(request.POST or None, user=account, request=request)
    if request.method == "POST" and form.is_valid():
        # The form checked the password (counted like a login); the link proved the mailbox.
        email_confirmation_proven(user=account)
        auth_login(request, account, backend="candidates.backends.RateLimitedModelBackend")
        messages.success(
            request, _("Adresse confirmée. Bienvenue ! Complétez votre profil pour recevoir des recommandations.")
        )
        return redirect("candidates:profile")
    return render(request, "candidates/email_confirm.html", {"form": form, "account": account})


@login_required
@require_POST
def email_confirmation_resend(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not selectors.email_confirmed(user=request.user):
        if login_limit.signup_allowed(email=request.user.email, ip=client_ip(request)):
            confirmation_send(user=request.user)
            messages.success(request, _("Un nouveau lien de confirmation vient de vous être envoyé."))
        else:
            messages.error(request, _("Trop d'envois pour cette adresse : réessayez dans une heure."))
    return redirect("candidates:profile")


@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HtmxHttpRequest) -> HttpResponse:
    next_url = _safe_next(request, settings.LOGIN_REDIRECT_URL)
    if request.user.is_authenticated:
        return redirect(next_url)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.candidate_authenticate(
                request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
        except services.CandidateError as error:
            form.add_error(None, error.message)
        else:
            auth_login(request, user)
            return redirect(next_url)
    return render(request, "registration/login.html", {"form": form, "next": next_url})


_password_reset_form = PasswordResetView.as_view(
    email_template_name="registration/password_reset_email.txt",
    subject_template_name="registration/password_reset_subject.txt",
    success_url=reverse_lazy("candidates:password_reset_done"),
)


@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request: HtmxHttpRequest) -> HttpResponseBase:
    """Django's reset form, with a cap on the mails one address or one IP can trigger per hour."""
    if request.method == "POST" and not login_limit.password_reset_allowed(
        email=request.POST.get("email", "")[:254], ip=client_ip(request)
    ):
        # The same answer as when a mail leaves: it tells nothing about the address.
        return redirect("candidates:password_reset_done")
    return _password_reset_form(request)


@require_POST
def logout_view(request: HtmxHttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.success(request, _("Vous êtes déconnecté."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _profile_context(request: AuthenticatedHttpRequest, **overrides: object) -> dict[str, object]:
    profile = services.profile_get_or_create(user=request.user)
    cv_upload = selectors.cv_upload_latest(user=request.user)
    proposals = selectors.cv_proposals_pending(cv_upload=cv_upload, profile=profile)
    context: dict[str, object] = {
        "profile": profile,
        "form": ProfileForm(initial=ProfileForm.initial_for(profile)),
        "cv_form": CvForm(),
        "cv_upload": cv_upload,
        "cv_proposals_form": (
            CvProposalsForm(proposals=proposals, upload_id=cv_upload.pk) if proposals and cv_upload else None
        ),
        "api_tokens": tokens.api_tokens_for_user(user=request.user),
        "email_confirmed": selectors.email_confirmed(user=request.user),
        "saved_offers": selectors.saved_offers_for_user(user=request.user),
        "suggested_skills": [
            skill
            for skill in selectors.skills_for_occupation(rome_code=profile.rome_code)
            if skill.lower() not in {known.lower() for known in profile.skills}
        ],
    }
    context.update(_alerts_context(request))
    context.update(overrides)
    return context


def _alerts_context(request: AuthenticatedHttpRequest) -> dict[str, object]:
    searches = [
        (search, alerts.search_url(search.query)) for search in alerts.saved_searches_for_user(user=request.user)
    ]
    state = alerts.alert_state_for_user(user=request.user)
    return {"saved_searches": searches, "recommendation_alerts": bool(state and state.recommendations)}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        current = services.profile_get_or_create(user=request.user)
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.profile_update(user=request.user, data=form.changes(current=current))
            except services.CandidateError as error:
                field = "place" if error.field == "commune_insee" else error.field
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(request, _("Profil enregistré."))
                return redirect("candidates:profile")
        return render(request, "candidates/profile.html", _profile_context(request, form=form), status=400)
    return render(request, "candidates/profile.html", _profile_context(request))


@login_required
@require_safe
def suggestions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Autocomplete options for the profile form (htmx fills a <datalist>)."""
    field = request.GET.get("champ", "")
    query = request.GET.get(
        {"titre": "wanted_title", "lieu": "place", "competence": "skill"}.get(field, "q"), ""
    ).replace("\x00", "")[:100]
    if field == "titre":
        return render(
            request,
            "candidates/profile.html#title_options",
            {"titles": selectors.title_suggestions(query=query)},
        )
    if field == "lieu":
        return render(
            request,
            "candidates/profile.html#commune_options",
            {"communes": selectors.commune_suggestions(query=query)},
        )
    if field == "competence":
        return render(
            request,
            "candidates/profile.html#skill_options",
            {"skills": selectors.skill_suggestions(query=query)},
        )
    raise Http404


@login_required
@require_POST
def cv_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a CV. Sent by htmx, a refusal redraws the CV section in place (400), the message next
    to the field; otherwise the whole profile comes back, with an error summary at its top."""
    cv_section = f"{reverse('candidates:profile')}#mon-cv"
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > settings.CANDIDATE_CV_MAX_BYTES + UPLOAD_OVERHEAD_BYTES:
        # Refused before Django reads the body: a huge upload never reaches the disk.
        size = settings.CANDIDATE_CV_MAX_BYTES / (1024 * 1024)
        refusal = _("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": f"{size:g}"}
        if not request.htmx:
            messages.error(request, refusal, extra_tags="cv")
            return redirect(cv_section)
        cv_form = CvForm(data={}, files={})  # the body is left unread: the refusal is the only error
        cv_form.errors["file"] = cv_form.error_class([refusal])
    else:
        cv_form = CvForm(request.POST, request.FILES)
        if cv_form.is_valid():
            try:
                cv_upload = cv_services.cv_upload_start(user=request.user, upload=cv_form.cleaned_data["file"])
            except CvRejected as rejected:
                cv_form.add_error("file", rejected.message)
            else:
                # Read already (no broker: the reading ran in this request) or still being read by a worker:
                # the profile page says which, and polls until the reading is over.
                if cv_upload.status == CvUploadStatus.READ:
                    messages.success(request, _cv_read_message(cv_upload), extra_tags="cv")
                if cv_upload.status != CvUploadStatus.REJECTED:
                    # The whole page: what the CV proposes shows in its own form below the profile.
                    return _redirect_page(request, cv_section)
                cv_form.add_error("file", cv_upload.message)
    context = _profile_context(request, cv_form=cv_form)
    template = "candidates/profile.html#cv_section" if request.htmx else "candidates/profile.html"
    return render(request, template, context, status=400)


def _redirect_page(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """Back to the whole page. Sent by htmx from that page: reloaded where the visitor stands (a
    redirect to the same page and an anchor would only scroll, leaving the form's skills stale)."""
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect(url)


def _cv_read_message(cv_upload: CvUpload) -> str:
    if cv_upload.proposals and not CvProposals.from_json(cv_upload.proposals).is_empty:
        return _("CV enregistré. Vérifiez ce que nous y avons lu avant de l'ajouter à votre profil.")
    return _("CV enregistré.")


@login_required
@require_safe
def cv_state(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The CV section's reading state, polled by the profile page while a worker reads the CV."""
    cv_upload = selectors.cv_upload_latest(user=request.user)
    if cv_upload is not None and cv_upload.status == CvUploadStatus.READING and not cv_upload.is_stalled:
        return render(request, "candidates/profile.html#cv_state", {"cv_upload": cv_upload})
    if cv_upload is not None and cv_upload.status == CvUploadStatus.READ:
        messages.success(request, _cv_read_message(cv_upload), extra_tags="cv")
    # Over: the whole page reloads, with what the CV proposes or the refusal next to the field.
    response = HttpResponse(status=204)
    response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def cv_proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The candidate keeps (edited) or dismisses what their CV proposes; nothing else writes it to the profile."""
    cv_upload = selectors.cv_upload_latest(user=request.user)
    profile = services.profile_get_or_create(user=request.user)
    proposals = selectors.cv_proposals_pending(cv_upload=cv_upload, profile=profile)
    if proposals is None or cv_upload is None or request.POST.get("cv-upload") != str(cv_upload.pk):
        messages.info(request, _("Ces propositions ne sont plus d'actualité."), extra_tags="cv")
        return _cv_proposals_done(request)
    if request.POST.get("cv-action") == "dismiss":
        cv_services.cv_proposals_dismiss(user=request.user, upload_id=cv_upload.pk)
        messages.success(request, _("Propositions du CV ignorées : votre profil est inchangé."), extra_tags="cv")
        return _cv_proposals_done(request)
    form = CvProposalsForm(request.POST, proposals=proposals, upload_id=cv_upload.pk)
    if form.is_valid():
        kept = form.kept()
        try:
            cv_services.cv_proposals_accept(user=request.user, **kept)
        except services.CandidateError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _cv_kept_message(kept), extra_tags="cv")
            return _cv_proposals_done(request)
    if request.htmx:
        # The form comes back in place with its errors (htmx swaps a 400, see base.html).
        return render(request, "candidates/profile.html#cv_proposals", {"cv_proposals_form": form}, status=400)
    return render(request, "candidates/profile.html", _profile_context(request, cv_proposals_form=form), status=400)


def _cv_kept_message(kept: dict[str, Any]) -> str:
    parts = []
    if kept["title"] is not None:
        parts.append(_("le poste recherché"))
    if kept["place_insee"]:
        parts.append(_("la ville"))
    if kept["skills"]:
        parts.append(
            ngettext("%(n)d compétence", "%(n)d compétences", len(kept["skills"])) % {"n": len(kept["skills"])}
        )
    if not parts:
        return _("Aucune proposition retenue : votre profil est inchangé.")
    return _("Ajouté à votre profil depuis votre CV : %(what)s.") % {"what": ", ".join(parts)}


def _cv_proposals_done(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The whole page: the profile form above shows what was added.
    return _redirect_page(request, f"{reverse('candidates:profile')}#mon-cv")


@login_required
@require_safe
def cv_download(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    profile = selectors.profile_for_user(user=request.user)
    stored_name = profile.cv_file.name if profile is not None and profile.cv_file else None
    if profile is None or not stored_name:
        raise Http404
    handle = cv_storage().open(stored_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=profile.cv_original_name or stored_name)


@login_required
@require_POST
def cv_remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    cv_services.profile_cv_remove(user=request.user)
    messages.success(request, _("CV retiré."))
    return redirect("candidates:profile")


@login_required
@require_safe
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = selectors.candidate_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="jobmarket-mes-donnees-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        services.candidate_delete(user=request.user)
        auth_logout(request)
        messages.success(request, _("Votre compte et toutes vos données ont été supprimés."))
        return redirect("home")
    return render(request, "candidates/delete_account.html", {"form": form})


@require_POST
def saved_offer_toggle(request: HtmxHttpRequest, offer_id: int) -> HttpResponse:
    """Bookmark or un-bookmark an offer; htmx swaps the button, a plain form post goes back."""
    if not request.user.is_authenticated:
        login_url = f"{settings.LOGIN_URL}?{urlencode({'next': _safe_next(request, '/offres/')})}"
        if request.htmx:
            # A redirect would be followed by htmx and the login page swapped into the button.
            return HttpResponse(status=204, headers={"HX-Redirect": login_url})
        return redirect(login_url)
    if request.POST.get("action") == "remove":
        services.saved_offer_remove(user=request.user, offer_id=offer_id)
        saved = False
    else:
        try:
            services.saved_offer_add(user=request.user, offer_id=offer_id)
        except services.OfferNotFound:
            raise Http404 from None
        saved = True
    if request.htmx:
        context = {"offer_id": offer_id, "saved": saved, "offer_title": selectors.offer_title(offer_id=offer_id)}
        return render(request, "candidates/save_button.html", context)
    messages.success(request, _("Offre sauvegardée.") if saved else _("Offre retirée de vos offres sauvegardées."))
    return redirect(_safe_next(request, "/profil/"))


# --- Saved searches and alerts -------------------------------------------------------------------


def _get_saved_search_for_user(request: AuthenticatedHttpRequest, search_id: int) -> SavedSearch:
    try:
        return alerts.saved_search_for_user(user=request.user, search_id=search_id)
    except SavedSearch.DoesNotExist:
        raise Http404(_("Recherche introuvable.")) from None


def _search_query_source(request: HtmxHttpRequest) -> QueryDict:
    # htmx sends the search form's current fields with the POST (hx-include); a plain form
    # post carries the query of the page it was drawn on in its action URL.
    if any(name in request.POST for name in alerts.SEARCH_FIELDS):
        return request.POST
    return request.GET


@require_POST
def saved_search_create(request: HtmxHttpRequest) -> HttpResponse:
    source = _search_query_source(request)
    back = alerts.search_url({name: source.getlist(name) for name in alerts.SEARCH_FIELDS if source.getlist(name)})
    if not request.user.is_authenticated:
        login_url = f"{settings.LOGIN_URL}?{urlencode({'next': back})}"
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Redirect": login_url})
        return redirect(login_url)
    form = SavedSearchForm(request.POST)
    saved = None
    if form.is_valid():
        try:
            saved = alerts.saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                query=source,
                frequency=form.cleaned_data["frequency"],
            )
        except alerts.SavedSearchError as error:
            form.add_error(None, error.message)
            for messages_of_field in error.errors.values():
                for message in messages_of_field:
                    form.add_error(None, message)
    if request.htmx:
        context = {"save_form": form, "saved_search": saved}
        return render(request, "candidates/_save_search.html", context, status=200 if saved else 400)
    if saved is not None:
        messages.success(request, _("Recherche « %(name)s » enregistrée.") % {"name": saved.name})
    else:
        for field_errors in form.errors.values():
            for field_message in field_errors:
                messages.error(request, str(field_message))
    return redirect(back)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_edit(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    search = _get_saved_search_for_user(request, search_id)
    initial = {"name": search.name, "frequency": search.frequency, "paused": search.paused}
    form = SavedSearchEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            alerts.saved_search_update(
                user=request.user,
                search_id=search.pk,
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
                paused=form.cleaned_data["paused"],
            )
        except alerts.SavedSearchError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Recherche modifiée."))
            return redirect(f"{reverse('candidates:profile')}#saved-searches")
    context = {"search": search, "form": form, "search_link": alerts.search_url(search.query)}
    return render(request, "candidates/saved_search_edit.html", context, status=400 if form.errors else 200)


def _saved_searches_response(request: AuthenticatedHttpRequest, message: str) -> HttpResponse:
    if request.htmx:
        return render(request, "candidates/_saved_searches.html", _alerts_context(request))
    messages.success(request, message)
    return redirect(f"{reverse('candidates:profile')}#saved-searches")


@login_required
@require_POST
def saved_search_pause(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    search = _get_saved_search_for_user(request, search_id)
    paused = request.POST.get("paused") != "0"
    alerts.saved_search_pause(user=request.user, search_id=search.pk, paused=paused)
    return _saved_searches_response(request, _("Alertes en pause.") if paused else _("Alertes reprises."))


@login_required
@require_POST
def saved_search_delete(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    search = _get_saved_search_for_user(request, search_id)
    alerts.saved_search_delete(user=request.user, search_id=search.pk)
    return _saved_searches_response(request, _("Recherche supprimée."))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view; a password set through a reset link also lifts every login back-off of the account."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        login_limit.login_failures_forget_account(email=form.user.get_username())
        email_confirmation_proven(user=form.user)  # the reset link came through the mailbox
        return response


@login_required
@require_POST
def api_token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new named API token; its key is shown in this answer only (never stored, never in a message cookie)."""
    if not selectors.email_confirmed(user=request.user):
        messages.error(request, _("Confirmez d'abord votre adresse e-mail pour créer un jeton d'API."))
        return redirect("candidates:profile")
    token, key = tokens.api_token_create(user=request.user, name=request.POST.get("name", "")[:100] or "API")
    return render(request, "candidates/profile.html", _profile_context(request, new_api_token=token, new_api_key=key))


@login_required
@require_POST
def api_token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    if not tokens.api_token_revoke(user=request.user, token_id=token_id):
        raise Http404
    messages.success(request, _("Jeton révoqué."))
    return redirect(reverse("candidates:profile") + "#api-heading")


@login_required
@require_POST
def alert_recommendations(request: AuthenticatedHttpRequest) -> HttpResponse:
    enabled = request.POST.get("recommendations") == "on"
    alerts.alert_recommendations_set(user=request.user, enabled=enabled)
    return _saved_searches_response(
        request,
        _("Les nouvelles offres pour votre profil vous seront envoyées.")
        if enabled
        else _("Vous ne recevrez plus les nouvelles offres pour votre profil."),
    )


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" with no session; the token authenticates
@require_http_methods(["GET", "HEAD", "POST"])
def alerts_unsubscribe(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """GET shows what the link turns off and a confirm button (link scanners only GET); POST turns it off."""
    try:
        target = alerts.unsubscribe_target(token=token)
    except alerts.InvalidUnsubscribeLink:
        return render(request, "candidates/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        alerts.alerts_unsubscribe(token=token)
        return render(request, "candidates/unsubscribe.html", {"target": target, "done": True})
    return render(request, "candidates/unsubscribe.html", {"target": target, "token": token})
