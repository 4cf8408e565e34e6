"""The offer change feed and the snapshot of open offers (for clients that keep a copy)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from offers import feed
from offers.api.serializers import OfferSummarySerializer
from offers.models import OfferChangeKind

FEED_DEFAULT_LIMIT = 100
FEED_MAX_LIMIT = 1000


class OfferChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=OfferChangeKind.choices, help_text="created, updated (champ visible modifié), closed, deleted."
    )
    offer_id = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    offer = OfferSummarySerializer(
        allow_null=True,
        help_text="L'offre telle qu'elle est à la lecture (null si supprimée) : gardez-la si son statut est "
        "« open », retirez-la sinon.",
    )


class OfferChangePageSerializer(serializers.Serializer):
    results = OfferChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="À renvoyer dans `since` pour la suite (opaque).")
    has_more = serializers.BooleanField(help_text="Vrai : d'autres changements attendent déjà, relisez tout de suite.")


class OfferSnapshotSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Curseur `since` du flux de changements qui suit cet instantané.")
    offers = OfferSummarySerializer(many=True)


def _feed_limit(request: Request) -> int:
    raw = request.query_params.get("limit")
    if raw is None:
        return FEED_DEFAULT_LIMIT
    message = _("Un nombre entier entre 1 et %(max)s.") % {"max": FEED_MAX_LIMIT}
    if not raw.isascii() or not raw.isdigit():  # int() would take " 7", "+7" or "٧"
        raise exceptions.ValidationError({"limit": [message]})
    limit = int(raw)
    if not 1 <= limit <= FEED_MAX_LIMIT:
        raise exceptions.ValidationError({"limit": [message]})
    return limit


class OfferChangesView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_changes",
        parameters=[
            OpenApiParameter(
                "since",
                str,
                description="Curseur reçu (`next_cursor` ou `cursor` de l'instantané) ; absent : depuis le début.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": FEED_MAX_LIMIT},
                description=f"Changements par page ({FEED_DEFAULT_LIMIT} par défaut).",
            ),
        ],
        responses={200: OfferChangePageSerializer},
        auth=[],
        summary="Flux des changements d'offres",
        description=(
            "Chaque création, modification visible, fermeture ou suppression d'offre, dans l'ordre, à partir "
            "d'un curseur. Gardez `next_cursor` et relisez avec `since=` : aucun changement n'est sauté, même "
            "écrit par une transaction plus lente (un changement n'est servi qu'une fois toutes les transactions "
            "plus anciennes terminées). Chaque entrée porte l'offre telle qu'elle est à la lecture : appliquer "
            "les entrées dans l'ordre redonne exactement les offres ouvertes."
        ),
    )
    def get(self, request: Request) -> Response:
        since = request.query_params.get("since")
        try:
            position = feed.cursor_decode(since) if since else feed.FEED_START
        except feed.InvalidCursor:
            message = _("Curseur invalide : reprenez celui que le flux a donné.")
            raise exceptions.ValidationError({"since": [message]}) from None
        page = feed.offer_changes_since(position=position, limit=_feed_limit(request))
        return Response(
            OfferChangePageSerializer(
                {
                    "results": [
                        {"kind": e.kind, "offer_id": e.offer_id, "changed_at": e.changed_at, "offer": e.offer}
                        for e in page.entries
                    ],
                    "next_cursor": feed.cursor_encode(page.next_position),
                    "has_more": page.has_more,
                }
            ).data
        )


class OfferSnapshotView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="offers_snapshot",
        responses={200: OfferSnapshotSerializer},
        auth=[],
        summary="Instantané de toutes les offres ouvertes (flux)",
        description=(
            "Pour une première synchronisation : un objet JSON envoyé au fil de l'eau, `cursor` d'abord, puis "
            "`offers` (toutes les offres ouvertes, par id croissant). Continuez ensuite avec "
            "`/api/offers/changes/?since=<cursor>`."
        ),
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        position, batches = feed.open_offers_snapshot()

        def body() -> Iterator[bytes]:
            yield f'{{"cursor": {json.dumps(feed.cursor_encode(position))}, "offers": ['.encode()
            separator = ""
            for batch in batches:
                rows = OfferSummarySerializer(batch, many=True).data
                chunk = ",".join(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) for row in rows)
                yield (separator + chunk).encode()
                separator = ","
            yield b"]}"

        response = StreamingHttpResponse(body(), content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response
