"""The graded French search evaluation: hand-written offers and queries, metrics and floors (README.md)."""
