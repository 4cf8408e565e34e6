from __future__ import annotations

app_name = "candidates"

urlpatterns: list = []
