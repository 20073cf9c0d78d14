"""Insights: what the help center saves its support team, measured without slowing a page and
without keeping more about visitors than a count needs (docs/insights.md)."""
