"""What the site understands of French text: skills and occupations, for every app above `offers`.

One reader of skills (`skills.py`) and one of occupations (`occupations.py`), both fed by data
(`data/*.json`, the ROME referential and what the offers carry), so that the normalisers, the
search, the candidates' CVs and the matching read text the same way.
"""
