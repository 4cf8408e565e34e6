"""API of a candidate's saved searches and e-mail alerts: `/api/me/searches/`, `/api/me/alerts/`.

Like the rest of `/api/me/`: the signed-in candidate's own rows only (another candidate's search
answers 404, as one that does not exist), the services of the HTML pages (candidates.alerts),
and every refusal in the API's one error shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates import alerts
from candidates.models import AlertFrequency, SavedSearch
from offers.api.search import OfferSearchBodySerializer

QUERY_HELP = (
    "Les filtres de la recherche, comme pour POST /api/offers/search/ (listes pour contrat, experience, source)."
)


class SavedSearchSerializer(serializers.ModelSerializer):
    query = serializers.DictField(help_text=QUERY_HELP)  # as saved: lists for contrat, experience, source
    alerts_active = serializers.BooleanField(read_only=True, help_text="Alertes envoyées (fréquence et pas en pause).")
    search_url = serializers.SerializerMethodField(help_text="La recherche sur le site.")

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "name",
            "query",
            "frequency",
            "paused",
            "alerts_active",
            "alerts_since",
            "search_url",
            "created_at",
            "updated_at",
        ]

    def get_search_url(self, search: SavedSearch) -> str:
        return alerts.search_url(search.query, absolute=True)


class SearchQuerySerializer(OfferSearchBodySerializer):
    """The filters of a saved search: those of the advanced search (POST /api/offers/search/), plus
    the "recherche intelligente"; an unknown parameter is refused rather than silently dropped."""

    intelligente = serializers.BooleanField(required=False)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, Mapping) and (unknown := sorted(set(data) - set(self.fields))):
            message = _("Paramètres de recherche inconnus : %(names)s.") % {"names": ", ".join(unknown)}
            raise serializers.ValidationError({"non_field_errors": [message]})
        values = super().to_internal_value(data)
        # In the search form's shape (strings, lists of strings, "on" for a ticked box), empty values left out.
        query: dict[str, Any] = {}
        for name, value in values.items():
            if value is None or value is False or value in ("", []):
                continue
            query[name] = (
                "on" if value is True else [str(item) for item in value] if isinstance(value, list) else str(value)
            )
        return query


class SavedSearchCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    query = SearchQuerySerializer(required=False, default=dict, help_text=QUERY_HELP)
    frequency = serializers.ChoiceField(choices=AlertFrequency.choices, default=AlertFrequency.DAILY)


class SavedSearchUpdateSerializer(serializers.Serializer):
    """What can change once saved (the filters are those of the search that was saved)."""

    name = serializers.CharField(max_length=100)
    frequency = serializers.ChoiceField(choices=AlertFrequency.choices)
    paused = serializers.BooleanField()


class AlertSettingsSerializer(serializers.Serializer):
    recommendations = serializers.BooleanField(
        help_text="Ajouter aux e-mails d'alerte les nouvelles offres recommandées pour le profil."
    )
    searches_with_alerts = serializers.IntegerField(read_only=True)
    last_sent_at = serializers.DateTimeField(read_only=True, allow_null=True)


def _refused(error: alerts.SavedSearchError, *, field: str = "name") -> exceptions.ValidationError:
    """The service's refusal in the API's error shape: per search parameter when it names them."""
    if error.errors:
        return exceptions.ValidationError({"query": dict(error.errors)})
    return exceptions.ValidationError({field: [error.message]})


def _own_search(request: Request, search_id: int) -> SavedSearch:
    try:
        return alerts.saved_search_for_user(user=request.user, search_id=search_id)
    except SavedSearch.DoesNotExist:
        raise exceptions.NotFound(_("Recherche introuvable.")) from None


class SavedSearchListView(APIView):
    @extend_schema(
        operation_id="me_searches_list",
        responses={200: SavedSearchSerializer(many=True)},
        summary="Mes recherches enregistrées",
    )
    def get(self, request: Request) -> Response:
        searches = alerts.saved_searches_for_user(user=request.user)
        return Response(SavedSearchSerializer(searches, many=True).data)

    @extend_schema(
        operation_id="me_searches_create",
        request=SavedSearchCreateSerializer,
        responses={201: SavedSearchSerializer},
        summary="Enregistrer une recherche",
        description=(
            f"Les filtres sont validés comme sur /offres/ ; au plus {alerts.MAX_SAVED_SEARCHES} recherches par compte. "
            "Les alertes commencent à la création : seules les offres arrivées ensuite sont envoyées."
        ),
    )
    def post(self, request: Request) -> Response:
        payload = SavedSearchCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            search = alerts.saved_search_create(
                user=request.user, name=data["name"], query=data["query"], frequency=data["frequency"]
            )
        except alerts.SavedSearchError as error:
            raise _refused(error, field="non_field_errors") from None
        return Response(SavedSearchSerializer(search).data, status=status.HTTP_201_CREATED)


class SavedSearchDetailView(APIView):
    @extend_schema(operation_id="me_searches_retrieve", responses={200: SavedSearchSerializer}, summary="Une recherche")
    def get(self, request: Request, search_id: int) -> Response:
        return Response(SavedSearchSerializer(_own_search(request, search_id)).data)

    @extend_schema(
        operation_id="me_searches_partial_update",
        request=SavedSearchUpdateSerializer(partial=True),
        responses={200: SavedSearchSerializer},
        summary="Renommer une recherche, changer ou suspendre ses alertes",
    )
    def patch(self, request: Request, search_id: int) -> Response:
        search = _own_search(request, search_id)
        changes = SavedSearchUpdateSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        data = changes.validated_data
        try:
            search = alerts.saved_search_update(
                user=request.user,
                search_id=search.pk,
                name=data.get("name", search.name),
                frequency=data.get("frequency", search.frequency),
                paused=data.get("paused"),
            )
        except alerts.SavedSearchError as error:
            raise _refused(error) from None
        return Response(SavedSearchSerializer(search).data)

    @extend_schema(operation_id="me_searches_destroy", responses={204: None}, summary="Supprimer une recherche")
    def delete(self, request: Request, search_id: int) -> Response:
        if not alerts.saved_search_delete(user=request.user, search_id=search_id):
            raise exceptions.NotFound(_("Recherche introuvable."))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AlertSettingsView(APIView):
    @extend_schema(operation_id="me_alerts_retrieve", responses={200: AlertSettingsSerializer}, summary="Mes alertes")
    def get(self, request: Request) -> Response:
        return Response(AlertSettingsSerializer(alerts.alert_settings(user=request.user)).data)

    @extend_schema(
        operation_id="me_alerts_partial_update",
        request=AlertSettingsSerializer(partial=True),
        responses={200: AlertSettingsSerializer},
        summary="Recevoir ou non les offres recommandées dans les alertes",
    )
    def patch(self, request: Request) -> Response:
        changes = AlertSettingsSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        if "recommendations" in changes.validated_data:
            alerts.alert_recommendations_set(user=request.user, enabled=changes.validated_data["recommendations"])
        return Response(AlertSettingsSerializer(alerts.alert_settings(user=request.user)).data)
