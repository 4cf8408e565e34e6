"""Places: régions, départements, communes and arrondissements, and where offers are.

- `names`: how place names compare (`place_key`: case, accents, hyphens, "St" ~ "Saint");
- `gazetteer`: the in-memory `Gazetteer` (pure) and the project's lists (`data/`);
- `loading`: the process's gazetteer read from the `Commune` table (`gazetteer()`);
- `locate`: a posting's commune, département, région and checked coordinates (pure).
"""

from __future__ import annotations


def departements_in_radius(latitude: float, longitude: float, radius_km: float) -> frozenset[str]:
    """The départements a circle reaches: its centre's, and every one with a commune inside it.

    Offers placed at département level only (no coordinates) are within reach of a radius
    search when their département is in this set (without the communes loaded: the
    départements whose extent the circle touches).
    """
    from offers.geography.loading import gazetteer

    return gazetteer().departements_reached(latitude, longitude, radius_km)
