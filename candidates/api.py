"""Candidates API: API tokens, `/api/me/` (own profile, CV, RGPD export, deletion), `/api/me/saved/`.

Every view works on `request.user` only: there is no id in these URLs to guess.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates import cv_services, selectors, services, tokens
from candidates.cv import CvRejected
from candidates.cv_proposals import CvProposals
from candidates.models import ApiToken, CandidateProfile, CvUpload, CvUploadStatus, RemotePreference, SavedOffer
from jobmarket.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
from offers.models import ContractType, OfferStatus, Seniority

# Multipart framing around the file itself; anything beyond the limit plus this is refused unread.
UPLOAD_OVERHEAD_BYTES = 64 * 1024


def _invalid(error: services.CandidateError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {error.field or "non_field_errors": [exceptions.ErrorDetail(error.message, code=error.code)]}
    )


# --- Tokens -----------------------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=100, required=False, help_text="Nom du jeton, pour le reconnaître dans la liste (« API » sinon)."
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="La clé, montrée cette seule fois.")
    id = serializers.IntegerField()
    name = serializers.CharField()


class ApiTokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    key_prefix = serializers.CharField(help_text="Les 8 premiers caractères de la clé.")
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)


class TokenView(APIView):
    """Obtain a new token (POST, with e-mail and password) or revoke the one in use (DELETE)."""

    throttle_scope = "token"

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self) -> list[Any]:
        # Guessing passwords through the API meets the login limits plus this scoped rate.
        return [ScopedRateThrottle(), AnonRateThrottle(), UserRateThrottle()]

    @extend_schema(
        operation_id="auth_token_obtain",
        request=TokenRequestSerializer,
        responses={200: TokenSerializer},
        auth=[],
        summary="Obtenir un jeton d'API",
        description=(
            "Échange l'adresse e-mail et le mot de passe d'un compte contre un nouveau jeton, nommé, "
            "à conserver : sa clé n'est montrée qu'une fois. Chaque appel crée un jeton ; la liste et la "
            "révocation sont sur `/api/me/tokens/` et dans le profil. Changer ou réinitialiser le mot de passe "
            "révoque tous les jetons. Après des échecs répétés, les essais sont refusés un moment (429)."
        ),
    )
    def post(self, request: Request) -> Response:
        credentials = TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        try:
            user = services.candidate_authenticate(
                request=request._request,
                email=credentials.validated_data["email"],
                password=credentials.validated_data["password"],
            )
        except services.LoginBlocked as blocked:
            raise exceptions.Throttled(detail=blocked.message) from None
        except services.CandidateError as error:
            raise _invalid(error) from None
        if not selectors.email_confirmed(user=user):
            raise exceptions.PermissionDenied(services.email_unconfirmed_message(_("obtenir un jeton d'API")))
        token, key = tokens.api_token_create(user=user, name=credentials.validated_data.get("name") or "API")
        return Response({"token": key, "id": token.pk, "name": token.name})

    @extend_schema(
        operation_id="auth_token_revoke",
        request=None,
        responses={204: None},
        summary="Révoquer le jeton utilisé",
        description="Révoque le jeton de la requête ; avec une session, révoque tous les jetons du compte.",
    )
    def delete(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            tokens.api_token_revoke(user=request.user, token_id=request.auth.pk)
        else:
            tokens.api_tokens_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeTokensView(APIView):
    @extend_schema(operation_id="me_tokens_list", responses={200: ApiTokenSerializer(many=True)}, summary="Mes jetons")
    def get(self, request: Request) -> Response:
        return Response(ApiTokenSerializer(tokens.api_tokens_for_user(user=request.user), many=True).data)


class MeTokenView(APIView):
    @extend_schema(operation_id="me_token_revoke", responses={204: None}, summary="Révoquer un de mes jetons")
    def delete(self, request: Request, token_id: int) -> Response:
        if not tokens.api_token_revoke(user=request.user, token_id=token_id):
            raise exceptions.NotFound(_("Ce jeton n'existe pas."))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Profile ----------------------------------------------------------------------------------


class CvInfoSerializer(serializers.Serializer):
    file_name = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    text_length = serializers.IntegerField()


class ProfileSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    cv = serializers.SerializerMethodField()

    class Meta:
        model = CandidateProfile
        fields = [
            "email",
            "wanted_title",
            "rome_code",
            "skills",
            "presentation",
            "place_name",
            "commune_insee",
            "latitude",
            "longitude",
            "radius_km",
            "contract_types",
            "seniority",
            "remote_preference",
            "salary_min",
            "cv",
            "updated_at",
        ]

    @extend_schema_field(CvInfoSerializer(allow_null=True))
    def get_cv(self, profile: CandidateProfile) -> dict[str, Any] | None:
        if not profile.cv_file:
            return None
        return {
            "file_name": profile.cv_original_name,
            "uploaded_at": profile.cv_uploaded_at,
            "text_length": len(profile.cv_text),
        }


class ProfileInputSerializer(serializers.Serializer):
    """What a candidate may write. PUT needs every field; PATCH any subset."""

    wanted_title = serializers.CharField(max_length=255, allow_blank=True)
    rome_code = serializers.CharField(max_length=5, allow_blank=True)
    skills = serializers.ListField(child=serializers.CharField(max_length=services.MAX_SKILL_LENGTH), max_length=60)
    presentation = serializers.CharField(max_length=5000, allow_blank=True, trim_whitespace=False)
    commune_insee = serializers.CharField(
        max_length=5, allow_blank=True, help_text="Code INSEE (voir /api/reference/communes/)."
    )
    radius_km = serializers.IntegerField(min_value=0, max_value=services.MAX_RADIUS_KM)
    contract_types = serializers.ListField(child=serializers.ChoiceField(choices=ContractType.choices), max_length=20)
    seniority = serializers.ChoiceField(choices=Seniority.choices, allow_blank=True)
    remote_preference = serializers.ChoiceField(choices=RemotePreference.choices)
    salary_min = serializers.IntegerField(min_value=0, max_value=10_000_000, allow_null=True)


class CvUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CV au format PDF ou DOCX (5 Mo au plus).")


class CvProposalsSerializer(serializers.Serializer):
    """What the CV proposes for the profile; nothing is written until the candidate confirms (PATCH /api/me/)."""

    title = serializers.CharField(
        help_text="Poste lu dans le CV, tel qu'il y est écrit, ou, si le CV n'en nomme aucun, libellé ROME du métier "
        "que décrivent ses missions (title_from_tasks) ; vide : aucun."
    )
    rome_code = serializers.CharField(help_text="Code ROME de ce poste (vide : aucun).")
    commune_insee = serializers.CharField(help_text="Code INSEE de la commune lue dans le CV (vide : aucune).")
    place_name = serializers.CharField(help_text="Cette commune, par exemple « Montpellier (34) ».")
    skills = serializers.ListField(child=serializers.CharField(), help_text="Compétences lues dans le CV.")
    title_from_tasks = serializers.BooleanField(
        help_text="Vrai : le CV ne nomme aucun poste, le titre est le métier ROME déduit des missions qu'il décrit."
    )


def _proposals_of(cv_upload: CvUpload) -> dict[str, Any]:
    return CvProposals.from_json(cv_upload.proposals).as_json()


class CvOutcomeSerializer(serializers.Serializer):
    profile = ProfileSerializer()
    skills_added = serializers.ListField(
        child=serializers.CharField(), help_text="Compétences ajoutées au profil depuis ce CV (après confirmation)."
    )
    proposals = CvProposalsSerializer()


class AccountDeletionSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=4096, trim_whitespace=False, help_text="Le mot de passe du compte.")


class MeView(APIView):
    """The signed-in candidate's own profile."""

    @extend_schema(operation_id="me_retrieve", responses={200: ProfileSerializer}, summary="Lire mon profil")
    def get(self, request: Request) -> Response:
        profile = services.profile_get_or_create(user=request.user)
        return Response(ProfileSerializer(profile).data)

    @extend_schema(
        operation_id="me_update",
        request=ProfileInputSerializer,
        responses={200: ProfileSerializer},
        summary="Remplacer mon profil",
    )
    def put(self, request: Request) -> Response:
        return self._update(request, partial=False)

    @extend_schema(
        operation_id="me_partial_update",
        request=ProfileInputSerializer(partial=True),
        responses={200: ProfileSerializer},
        summary="Modifier une partie de mon profil",
    )
    def patch(self, request: Request) -> Response:
        return self._update(request, partial=True)

    @extend_schema(
        operation_id="me_destroy",
        request=AccountDeletionSerializer,
        responses={204: None},
        summary="Supprimer mon compte",
        description=(
            "Supprime le compte et tout ce qui s'y rattache : profil, CV, offres sauvegardées, jetons. "
            "Demande le mot de passe du compte, comme le site (les essais comptent comme des connexions)."
        ),
    )
    def delete(self, request: Request) -> Response:
        confirmation = AccountDeletionSerializer(data=request.data)
        confirmation.is_valid(raise_exception=True)
        try:
            services.candidate_password_confirm(
                request=request._request, user=request.user, password=confirmation.validated_data["password"]
            )
        except services.LoginBlocked as blocked:
            raise exceptions.Throttled(detail=blocked.message) from None
        except services.CandidateError as error:
            raise _invalid(error) from None
        services.candidate_delete(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _update(self, request: Request, *, partial: bool) -> Response:
        changes = ProfileInputSerializer(data=request.data, partial=partial)
        changes.is_valid(raise_exception=True)
        try:
            profile = services.profile_update(user=request.user, data=changes.validated_data)
        except services.CandidateError as error:
            raise _invalid(error) from None
        return Response(ProfileSerializer(profile).data)


class CvUploadStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=CvUploadStatus.choices, help_text="reading: en cours de lecture ; read: lu ; rejected: refusé."
    )
    file_name = serializers.CharField(source="original_name")
    uploaded_at = serializers.DateTimeField(source="created_at")
    message = serializers.CharField(help_text="Pourquoi le fichier est refusé (vide sinon).")
    skills_added = serializers.ListField(
        child=serializers.CharField(), help_text="Compétences ajoutées au profil depuis ce CV (après confirmation)."
    )
    proposals = serializers.SerializerMethodField()

    @extend_schema_field(CvProposalsSerializer)
    def get_proposals(self, instance: CvUpload) -> dict[str, Any]:
        return _proposals_of(instance)

    def to_representation(self, instance: CvUpload) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.is_stalled:  # its worker died twice: say so rather than "reading" forever
            data["status"] = CvUploadStatus.REJECTED.value
            data["message"] = _("La lecture du CV n'a pas abouti : déposez-le à nouveau.")
        return data


class MeCvView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="me_cv_upload",
        request={"multipart/form-data": CvUploadSerializer},
        responses={200: CvOutcomeSerializer, 202: CvUploadStateSerializer},
        summary="Déposer mon CV",
        description=(
            "PDF ou DOCX, type vérifié sur le contenu, 5 Mo au plus. Le fichier est lu hors de la requête, "
            "dans un processus limité en temps et en mémoire : 202 tant qu'il est en cours de lecture (suivre "
            "`GET /api/me/cv/`), 200 s'il est déjà lu, 400 s'il est refusé. Le texte extrait complète le texte du "
            "profil ; le poste, la commune et les compétences qu'il y lit sont proposés (`proposals`) et n'entrent "
            "dans le profil que confirmés par `PATCH /api/me/`. Un fichier refusé ne change rien."
        ),
    )
    def post(self, request: Request) -> Response:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > settings.CANDIDATE_CV_MAX_BYTES + UPLOAD_OVERHEAD_BYTES:
            # Refused before Django reads the body: a 50 MB upload never reaches the disk.
            raise _invalid(services.CandidateError(_size_message(), field="file", code="too_large"))
        upload = CvUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            cv_upload = cv_services.cv_upload_start(user=request.user, upload=upload.validated_data["file"])
        except CvRejected as rejected:
            raise _invalid(services.CandidateError(rejected.message, field="file", code="invalid_file")) from None
        if cv_upload.status == CvUploadStatus.REJECTED:
            raise _invalid(services.CandidateError(cv_upload.message, field="file", code="invalid_file"))
        if cv_upload.status == CvUploadStatus.READING:
            return Response(CvUploadStateSerializer(cv_upload).data, status=status.HTTP_202_ACCEPTED)
        profile = services.profile_get_or_create(user=request.user)
        return Response(
            {
                "profile": ProfileSerializer(profile).data,
                "skills_added": cv_upload.skills_added,
                "proposals": _proposals_of(cv_upload),
            }
        )

    @extend_schema(
        operation_id="me_cv_state",
        responses={200: CvUploadStateSerializer},
        summary="État de mon dernier dépôt de CV",
        description="En cours de lecture, lu (avec ses propositions) ou refusé (et pourquoi). 404 sans dépôt.",
    )
    def get(self, request: Request) -> Response:
        cv_upload = selectors.cv_upload_latest(user=request.user)
        if cv_upload is None:
            raise exceptions.NotFound(_("Aucun CV déposé."))
        return Response(CvUploadStateSerializer(cv_upload).data)

    @extend_schema(operation_id="me_cv_destroy", responses={204: None}, summary="Retirer mon CV")
    def delete(self, request: Request) -> Response:
        cv_services.profile_cv_remove(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _size_message() -> str:
    size = settings.CANDIDATE_CV_MAX_BYTES / (1024 * 1024)
    return _("Le fichier dépasse la taille maximale de %(size)s Mo.") % {"size": f"{size:g}"}


class ExportView(APIView):
    @extend_schema(
        operation_id="me_export",
        responses={200: {"type": "object", "additionalProperties": True}},
        summary="Exporter toutes mes données (RGPD)",
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.candidate_export(user=request.user))


# --- Saved offers -------------------------------------------------------------------------------


class SavedOfferSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField()
    city = serializers.CharField()
    contract_type = serializers.ChoiceField(choices=ContractType.choices)
    status = serializers.ChoiceField(choices=OfferStatus.choices)
    closed_at = serializers.DateTimeField(allow_null=True, help_text="Quand la source a cessé de publier l'offre.")
    published_at = serializers.DateTimeField()


class SavedOfferSerializer(serializers.ModelSerializer):
    offer = SavedOfferSummarySerializer()

    class Meta:
        model = SavedOffer
        fields = ["offer_id", "saved_at", "offer"]


class SavedOfferInputSerializer(serializers.Serializer):
    offer_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class SavedListView(APIView):
    @extend_schema(
        operation_id="me_saved_list",
        responses={200: SavedOfferSerializer(many=True)},
        summary="Mes offres sauvegardées",
    )
    def get(self, request: Request) -> Response:
        saved = selectors.saved_offers_for_user(user=request.user)
        return Response(SavedOfferSerializer(saved, many=True).data)

    @extend_schema(
        operation_id="me_saved_create",
        request=SavedOfferInputSerializer,
        responses={201: SavedOfferSerializer},
        summary="Sauvegarder une offre",
        description="Sauvegarder une offre déjà sauvegardée ne la duplique pas.",
    )
    def post(self, request: Request) -> Response:
        payload = SavedOfferInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            saved = services.saved_offer_add(user=request.user, offer_id=payload.validated_data["offer_id"])
        except services.CandidateError as error:
            raise _invalid(error) from None
        return Response(SavedOfferSerializer(saved).data, status=status.HTTP_201_CREATED)


class SavedDetailView(APIView):
    @extend_schema(operation_id="me_saved_destroy", responses={204: None}, summary="Retirer une offre sauvegardée")
    def delete(self, request: Request, offer_id: int) -> Response:
        if not services.saved_offer_remove(user=request.user, offer_id=offer_id):
            raise exceptions.NotFound(_("Cette offre ne fait pas partie de vos offres sauvegardées."))
        return Response(status=status.HTTP_204_NO_CONTENT)
