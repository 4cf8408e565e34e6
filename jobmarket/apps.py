from __future__ import annotations

from django.apps import AppConfig


class JobmarketConfig(AppConfig):
    """The project package as an app: it holds the project-level commands (run_local)."""

    name = "jobmarket"
    verbose_name = "JobMarket"
