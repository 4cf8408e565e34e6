"""Offer search: what a query means and how it is answered fast.

- `params`: `OfferSearchParams` (built by `offers.forms.search_params_from_query`) and `SortOrder`;
- `places`: what the place field means (`place_resolve`, `Place`) and its SQL condition;
- `vocabulary`: query expansion (typo tolerance, job-title synonyms);
- `query`: the filtered offers and one page of results (`offer_filtered_queryset`, `offer_search`);
- `facets`: counts per filter value over the results (`offer_facets`);
- `suggestions`: autocomplete of keywords and occupations;
- `cache`: results and facets kept in Django's cache; `modes`: the smart ranker hook.
"""
