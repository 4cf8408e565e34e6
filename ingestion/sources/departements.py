"""The 101 French départements (INSEE codes and names), from the project's list (offers/geography/data).

France Travail searches are split by these codes when a query exceeds its range
cap; Adzuna locates a search by the département's name (`where`).
"""

from __future__ import annotations

from offers.geography.gazetteer import departements

DEPARTEMENTS: dict[str, str] = {code: item.name for code, item in departements().items()}
