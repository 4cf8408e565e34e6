"""The collection pipeline, by subject: `runs` (locks and run records), `collection`
(a source's payloads through the three layers), `storage` (one batch: raw payloads,
postings, offers) and `closing` (offers their source withdrew)."""
