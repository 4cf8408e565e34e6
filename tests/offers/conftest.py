from __future__ import annotations

from collections.abc import Iterator

import pytest

from offers.search.vocabulary import vocabulary_reset


@pytest.fixture(autouse=True)
def fresh_search_vocabulary(settings) -> Iterator[None]:
    """Each test sees a vocabulary built from its own rows (rebuilt whenever the data changed)."""
    settings.OFFER_SEARCH_VOCABULARY_MAX_AGE = 0
    vocabulary_reset()
    yield
    vocabulary_reset()
