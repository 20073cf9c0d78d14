"""Search backends: `database` (the default) and `engine` (OpenSearch or Elasticsearch,
when SEARCH_URL is set)."""
