"""Offers API, by subject: `search` (list and advanced search with cursor pagination, facets),
`offer` (one offer: read, staff writes), `market` (the /marche/ statistics), `feed` (change
feed and snapshot), `reference` (ROME, communes, closed lists); `serializers` holds the
offer representations they share. URLs are in `jobmarket/api_urls.py`.

Reads of offers are public; the reference lists need an account; writes need staff.
Search parameters are the search page's (French names, same validation and messages):
q, lieu, rayon, contrat, experience, secteur, rome, salaire_min, salaire_estime, teletravail, depuis,
source, fermees, tri.
"""
