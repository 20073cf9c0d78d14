"""Search backends: `database` (the default) and `elasticsearch` (when ELASTICSEARCH_URL is set)."""
