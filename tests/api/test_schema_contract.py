"""Schemathesis against /api/schema/: every operation, in-process through the WSGI app.

Every check schemathesis has, on data that follows the schema and on data that breaks it:
zero server errors, every response (status, content type, headers, body) as the schema
documents it, every schema-violating request refused, every schema-valid one accepted.
Requests carry a staff token so that every operation runs its code past the permission check.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    missing_required_header,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from jobmarket.wsgi import application
from offers.models import OccupationTitle
from tests.factories import (
    CommuneFactory,
    OccupationFactory,
    OfferFactory,
    OfferSourceFactory,
    UserFactory,
    api_token_for,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
]
# Operations whose schema-valid requests can still be refused on what a schema cannot say: the
# account's password (DELETE /api/me/), a file's content (a PNG is a valid upload, not a CV), an
# offer or a commune that does not exist, a saved search's place that no gazetteer knows, a salary
# maximum under its minimum, a feed cursor that the feed did not give. There, a 400 is right;
# every other check still applies.
SEMANTIC_REFUSALS = {
    "me_destroy",
    "me_cv_upload",
    "me_saved_create",
    "me_searches_create",
    "me_update",
    "me_partial_update",
    "offers_create",
    "offers_update",
    "offers_partial_update",
    "offers_changes",
}


@pytest.fixture(autouse=True)
def keep_test_connection() -> Iterator[None]:
    # The WSGI handler would close the test's connection (and its transaction) after each
    # request; Django's own test client disconnects this receiver in the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff_headers(db) -> dict[str, str]:
    occupation = OccupationFactory()
    OccupationTitle.objects.create(label="Boulanger / Boulangère", occupation=occupation)
    CommuneFactory()
    for offer in OfferFactory.create_batch(3, domain="Boulangerie", soft_skills=["Autonomie"], salary_min=22000):
        OfferSourceFactory(offer=offer)
    staff = UserFactory(username="equipe@example.fr", is_staff=True)
    return {"Authorization": f"Token {api_token_for(staff)}"}


# Loaded at collection: serving the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# NUL characters are refused everywhere by design (jobmarket.middleware, tests/jobmarket/test_nul_bytes.py).
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], with_security_parameters=False, allow_x00=False
)
# matching's free-text endpoint answers 503 until offers are embedded (a model run this
# suite does not make); matching's own tests cover it.
schema = schema.exclude(operation_id="match_text")
pytestmark = pytest.mark.django_db


@schema.parametrize()
@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_its_schema_says(case, staff_headers):
    checks = CHECKS
    # `lieu` is free text that the gazetteer resolves or refuses ("Lieu inconnu"): valid cases name a known one.
    if case.meta and case.meta.generation.mode is GenerationMode.POSITIVE:
        for container in (case.query, case.body):
            if isinstance(container, dict) and container.get("lieu"):
                container["lieu"] = "Montpellier"
    if case.operation.definition.raw.get("operationId") in SEMANTIC_REFUSALS:
        checks = [check for check in CHECKS if check is not positive_data_acceptance]
    case.call_and_validate(headers=staff_headers, checks=checks)
