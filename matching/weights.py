"""The ranking's weights and floors (`ranking_weights.json`), per embedding model where it has its own."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def ranking_weights(model_name: str = "") -> dict[str, float]:
    """The weights, with those of `model_name` where it has its own (its cosines spread otherwise)."""
    data = json.loads((Path(__file__).resolve().parent / "ranking_weights.json").read_text(encoding="utf-8"))
    weights = {name: float(value) for name, value in data.items() if not isinstance(value, (str, dict))}
    own = data.get("models", {}).get(model_name, {})
    weights.update({name: float(value) for name, value in own.items() if not isinstance(value, str)})
    return weights
