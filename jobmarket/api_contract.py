"""JSON bodies held to the OpenAPI schema the API publishes (`/api/schema/`).

DRF's fields coerce: `"presentation": 0` became "0", `"remote": "yes"` became true. The API
documents types, so a body that breaks its documented schema is refused with a 400 in the one
error shape, whatever the view's serializer would have made of it. `ContractJSONParser` is the
API's JSON parser: it parses, then validates against the request schema of the operation
(resolved from the URL route and the method), generated once per process by drf-spectacular.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft4Validator
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0 `nullable` into JSON Schema (draft 4): a null is allowed where the document says so."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node and "$ref" not in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


@cache
def _document() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {"paths": schema.get("paths", {}), "components": _json_schema(schema.get("components", {}))}


def _openapi_path(route: str) -> str:
    route = route.removeprefix("^").removesuffix("$")
    return "/" + _NAMED_GROUP.sub(r"{\1}", _CONVERTER.sub(r"{\1}", route))


def request_body_schema(*, route: str, method: str) -> dict[str, Any] | None:
    document = _document()
    operation = document["paths"].get(_openapi_path(route), {}).get(method.lower())
    content = ((operation or {}).get("requestBody") or {}).get("content", {})
    body = content.get("application/json", {}).get("schema")
    if body is None:
        return None
    return {"components": document["components"], **_json_schema(body)}


def contract_errors(data: Any, schema: dict[str, Any]) -> list[dict[str, str]]:
    """Values of the wrong JSON type, which DRF's fields would coerce ("0" for 0, 1 for true).

    Only types: bounds, choices and required fields are the serializers' to check, with their
    own French messages; what they accept, the schema documents.
    """
    errors = []
    for error in Draft4Validator(schema).iter_errors(data):
        if error.validator != "type":
            continue
        expected = (
            error.validator_value if isinstance(error.validator_value, str) else " ou ".join(error.validator_value)
        )
        field = ".".join(str(part) for part in error.absolute_path) or None
        errors.append(
            {"field": field, "code": "invalid_type", "message": _("Type attendu : %(type)s.") % {"type": expected}}
        )
    return sorted(errors, key=lambda error: error["field"] or "")


class ContractJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        request = (parser_context or {}).get("request")
        match = getattr(getattr(request, "_request", None), "resolver_match", None)
        if match is None or request is None:
            return data
        schema = request_body_schema(route=match.route, method=request.method)
        if schema is not None and (errors := contract_errors(data, schema)):
            raise exceptions.ValidationError(
                {
                    error["field"] or "non_field_errors": [exceptions.ErrorDetail(error["message"], code=error["code"])]
                    for error in errors
                }
            )
        return data
