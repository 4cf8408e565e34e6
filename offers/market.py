"""Aggregates behind the /marche/ charts, for the same filters as the search."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from offers.geography.gazetteer import arrondissements
from offers.geography.loading import gazetteer
from offers.models import ContractType, Seniority
from offers.search.params import OfferSearchParams
from offers.search.query import estimated_count, offer_filtered_queryset, plan_for_search
from offers.search.vocabulary import query_expand

MARKET_SAMPLE = 20_000  # the charts of very large searches describe the newest 20 000 matches


@dataclass(frozen=True)
class MarketStats:
    total: int  # estimated when sampled
    sampled: bool  # True: the charts describe the `counted` newest matches
    counted: int
    contract_types: list[tuple[str, int]]
    companies: list[tuple[str, int]]
    domains: list[tuple[str, int]]
    seniorities: list[tuple[str, int]]
    cities: list[tuple[str, int]]
    skills: list[tuple[str, int]]
    weeks: list[tuple[str, int]]
    salaries: list[dict[str, Any]]  # per occupation: label, count, min, q1, median, q3, max
    places: list[dict[str, Any]]  # city, lat, lon, count
    # Every département with offers ("" = place unknown), most first: the map counts each offer once.
    departements: list[tuple[str, int]] = field(default_factory=list)


def offer_market(*, params: OfferSearchParams) -> MarketStats:
    """Aggregates behind the /marche/ charts, for the same filters as the search."""
    expanded = query_expand(params.q)
    offers = offer_filtered_queryset(params, expanded).order_by()
    sample = offers.order_by("-published_at", "-id").values(
        "contract_type",
        "company",
        "domain",
        "seniority",
        "city",
        "commune_insee",
        "departement",
        "skills",
        "published_at",
        "rome_code",
        "rome_label",
        "salary_min",
        "salary_max",
        "latitude",
        "longitude",
    )[:MARKET_SAMPLE]
    sql, sql_params = sample.query.sql_with_params()
    queries = {
        "contract": "SELECT contract_type, count(*) FROM s GROUP BY 1 ORDER BY 2 DESC",
        "company": "SELECT company, count(*) FROM s WHERE company <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        "domain": "SELECT domain, count(*) FROM s WHERE domain <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        "seniority": "SELECT seniority, count(*) FROM s GROUP BY 1 ORDER BY 2 DESC",
        # Cities, not spellings: an arrondissement counts for its city, a commune by its INSEE code.
        "city": f"SELECT {_city_key_sql()} AS k, count(*), max(city), max(departement) FROM s"
        " WHERE city <> '' OR commune_insee <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200",
        "skill": "SELECT skill, count(*) FROM s, unnest(s.skills) AS skill GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15",
        "week": "SELECT to_char(date_trunc('week', published_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD'), count(*)"
        " FROM s GROUP BY 1 ORDER BY 1",
        "salary": """
            SELECT coalesce(nullif(max(rome_label), ''), rome_code), count(*),
                   min(pay), percentile_cont(0.25) WITHIN GROUP (ORDER BY pay),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY pay),
                   percentile_cont(0.75) WITHIN GROUP (ORDER BY pay), max(pay)
            FROM (SELECT rome_code, rome_label,
                         coalesce((salary_min + salary_max) / 2.0, salary_min, salary_max) AS pay
                  FROM s WHERE rome_code <> '' AND (salary_min IS NOT NULL OR salary_max IS NOT NULL)) p
            GROUP BY rome_code HAVING count(*) >= 2 ORDER BY 2 DESC, 1 LIMIT 10""",
        "departement": "SELECT departement, count(*) FROM s GROUP BY 1 ORDER BY 2 DESC, 1",
        "place": "SELECT min(city), round(latitude::numeric, 2), round(longitude::numeric, 2), count(*) FROM s"
        " WHERE latitude IS NOT NULL AND longitude IS NOT NULL GROUP BY 2, 3 ORDER BY 4 DESC LIMIT 300",
    }
    widths = {"salary": 7, "place": 4, "city": 4}
    # One statement: the sample is read once, every chart is a small aggregate over it (as JSON).
    columns = ", ".join(
        f"(SELECT coalesce(json_agg(q ORDER BY n), '[]') FROM"
        f" (SELECT row_number() OVER () AS n, * FROM ({query})"
        f" AS inner_q({', '.join(f'c{i}' for i in range(widths.get(name, 2)))})) AS q) AS {name}"
        for name, query in queries.items()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        plan_for_search(cursor)
        cursor.execute(f"WITH s AS MATERIALIZED ({sql}) SELECT (SELECT count(*) FROM s), {columns}", sql_params)
        (counted, *row) = cursor.fetchone()
    sampled = counted >= MARKET_SAMPLE
    total = max(estimated_count(offers), counted) if sampled else counted
    results: dict[str, list[tuple]] = {}
    for (name, _), value in zip(queries.items(), row, strict=True):
        data = json.loads(value) if isinstance(value, str) else value
        results[name] = [tuple(item[f"c{i}"] for i in range(widths.get(name, 2))) for item in data]
    contract_labels = dict(ContractType.choices)
    seniority_labels = dict(Seniority.choices)
    return MarketStats(
        total=total,
        sampled=sampled,
        counted=counted,
        contract_types=[(str(contract_labels.get(value, value)), count) for value, count in results["contract"]],
        companies=list(results["company"]),
        domains=list(results["domain"]),
        seniorities=[
            (str(seniority_labels.get(value, value)) if value else "Non précisé", count)
            for value, count in results["seniority"]
        ],
        cities=_cities(results["city"]),
        skills=list(results["skill"]),
        weeks=list(results["week"]),
        salaries=[
            {
                "label": label,
                "count": count,
                "min": round(low),
                "q1": round(q1),
                "median": round(median),
                "q3": round(q3),
                "max": round(high),
            }
            for label, count, low, q1, median, q3, high in results["salary"]
        ],
        departements=[(code or "", count) for code, count in results["departement"]],
        places=[
            {"city": city, "lat": float(lat), "lon": float(lon), "count": count}
            for city, lat, lon, count in results["place"]
        ],
    )


CITY_TOP = 10


def _city_key_sql() -> str:
    """SQL naming an offer's city: its city's INSEE code for an arrondissement, else its own code, else its name."""
    cities: dict[str, list[str]] = {}
    for insee, (place, _, _) in arrondissements().items():
        cities.setdefault(place.city_insee, []).append(insee)
    whens = " ".join(
        f"WHEN commune_insee IN ({', '.join(repr(code) for code in sorted(codes))}) THEN '{city}'"
        for city, codes in sorted(cities.items())
        if all(code.isdigit() for code in (city, *codes))  # codes from the project's list: digits only
    )
    return f"CASE {whens} WHEN commune_insee <> '' THEN commune_insee ELSE 'name:' || lower(city) END"


def _cities(rows: list[tuple]) -> list[tuple[str, int]]:
    """The most present cities, labelled "Paris (75)", merging what names the same city."""
    places = gazetteer()
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for key, count, city, departement in rows:
        commune = places.commune(key) if not key.startswith("name:") else None
        if commune is None and city:
            # No INSEE code (offers placed before the communes were loaded): the name says which.
            commune = places.arrondissement(city) or next(iter(places.named(city, departement=departement)), None)
        if commune is not None:
            commune = places.city_of(commune)
            key, label = commune.insee, commune.label
        else:
            label = f"{city} ({departement})" if departement else city
        counts[key] = counts.get(key, 0) + count
        labels.setdefault(key, label)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], labels[item[0]]))
    return [(labels[key], count) for key, count in ranked[:CITY_TOP]]
