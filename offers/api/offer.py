"""One offer: public read, staff writes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from offers.api.serializers import OfferDetailSerializer, OfferWriteSerializer
from offers.catalogue import offer_detail
from offers.models import Offer


class IsStaffOrReadOnly(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class OfferDetailView(APIView):
    permission_classes = [IsStaffOrReadOnly]

    def _offer(self, offer_id: int) -> Offer:
        offer = offer_detail(offer_id=offer_id)
        if offer is None:
            raise exceptions.NotFound(_("Cette offre n'existe pas."))
        return offer

    @extend_schema(
        operation_id="offers_retrieve", responses={200: OfferDetailSerializer}, auth=[], summary="Lire une offre"
    )
    def get(self, request: Request, offer_id: int) -> Response:
        return Response(OfferDetailSerializer(self._offer(offer_id)).data)

    @extend_schema(
        operation_id="offers_update",
        request=OfferWriteSerializer,
        responses={200: OfferDetailSerializer},
        summary="Remplacer une offre (équipe)",
    )
    def put(self, request: Request, offer_id: int) -> Response:
        return self._write(request, offer_id, partial=False)

    @extend_schema(
        operation_id="offers_partial_update",
        request=OfferWriteSerializer(partial=True),
        responses={200: OfferDetailSerializer},
        summary="Modifier une offre (équipe)",
    )
    def patch(self, request: Request, offer_id: int) -> Response:
        return self._write(request, offer_id, partial=True)

    @extend_schema(operation_id="offers_destroy", responses={204: None}, summary="Supprimer une offre (équipe)")
    def delete(self, request: Request, offer_id: int) -> Response:
        self._offer(offer_id).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _write(self, request: Request, offer_id: int, *, partial: bool) -> Response:
        payload = OfferWriteSerializer(self._offer(offer_id), data=request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        offer = payload.save()
        return Response(OfferDetailSerializer(offer_detail(offer_id=offer.pk)).data)
