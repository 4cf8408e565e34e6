"""Schemathesis against /api/schema/: every operation, in-process through the WSGI app.

Zero server errors, and every response (status, content type, headers, body) as the
schema documents it. Requests carry a staff token so that every operation runs its
code past the permission check.
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
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
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
]


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
schema.config.generation.update(modes=[GenerationMode.POSITIVE], with_security_parameters=False)
# matching's free-text endpoint answers 503 until offers are embedded (a model run this
# suite does not make); matching's own tests cover it.
schema = schema.exclude(operation_id="match_text")
pytestmark = pytest.mark.django_db


@schema.parametrize()
@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_its_schema_says(case, staff_headers):
    case.call_and_validate(headers=staff_headers, checks=CHECKS)
