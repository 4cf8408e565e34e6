"""Signals other apps listen to; `candidates` imports none of them.

`profile_changed` is sent once the transaction that changed a candidate profile has
committed (so a receiver reads the new rows), with the keyword argument
`profile_id` (int). `matching` connects to it to refresh the profile's embedding
and recommendations, for example in its AppConfig.ready():

    from candidates.signals import profile_changed
    profile_changed.connect(on_profile_changed, dispatch_uid="matching.profile_changed")

Receivers should queue work (a Celery task taking the id) rather than do it inline.
`profile_deleted` is sent the same way, after an account and its profile are gone,
with `profile_id` and `user_id`, so that derived data (embeddings) can be dropped.
`export_collecting` is sent while the RGPD export of an account is built, with `user`; a
receiver returns a dict of the sections it holds about the account (e.g. `hidden_offers`),
merged into the export: data kept by other apps is exported too.
"""

from __future__ import annotations

from django.dispatch import Signal

profile_changed = Signal()
profile_deleted = Signal()
export_collecting = Signal()
