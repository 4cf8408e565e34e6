"""The change feed's cursor: whatever a client sends back, it decodes to a position or is refused cleanly."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from offers.feed import MAX_POSITION, FeedPosition, InvalidCursor, cursor_decode, cursor_encode

positions = st.builds(
    FeedPosition, xid=st.integers(min_value=0, max_value=MAX_POSITION), change_id=st.integers(0, MAX_POSITION)
)


@given(positions)
def test_every_position_survives_the_round_trip(position):
    cursor = cursor_encode(position)
    assert cursor_decode(cursor) == position
    assert cursor.isascii() and "=" not in cursor  # safe in a URL as is


@given(st.text(max_size=200))
def test_any_text_is_a_position_or_an_invalid_cursor(text):
    try:
        position = cursor_decode(text)
    except InvalidCursor:
        return
    assert 0 <= position.xid <= MAX_POSITION and 0 <= position.change_id <= MAX_POSITION


@pytest.mark.django_db
@settings(max_examples=40)
@given(st.text(min_size=1, max_size=60).filter(lambda text: "\x00" not in text))
def test_the_api_answers_200_or_400_to_any_cursor(text):
    cache.clear()  # the anonymous throttle counts in the cache
    response = APIClient().get("/api/offers/changes/", {"since": text})
    assert response.status_code in (200, 400)
