"""The two Python clients behind the search-engine backend, one interface over both.

The backend builds its mappings, queries and aggregations with `elasticsearch.dsl` and sends the
bodies (plain dicts) through the client of the engine that answers:

- OpenSearch 2.x/3.x: `opensearch-py`. The `elasticsearch` 9.x client refuses a server that is
  not Elasticsearch (its product check, and `compatible-with=9` media types that OpenSearch
  answers with 406).
- Elasticsearch 8.x/9.x: the `elasticsearch` client, asking an 8.x server for its own
  compatibility version.

`SEARCH_ENGINE` ("opensearch" or "elasticsearch") names the engine; when it is empty the engine's
root response (`GET /`) tells: OpenSearch says `"distribution": "opensearch"`. Every failure to
reach the engine, or an error answer, becomes `SearchBackendError`.
"""

import abc
import json
import logging
import threading
from typing import Any

import urllib3

from .base import SearchBackendError

logger = logging.getLogger("dalil.search")

ENGINES = ("opensearch", "elasticsearch")
_detected: dict[str, tuple[str, int]] = {}
_clients: dict[tuple, "EngineClient"] = {}
_lock = threading.Lock()


def detect_engine(url: str, timeout: float) -> tuple[str, int]:
    """(engine, major version) from the root response of the engine at `url`; remembered for the
    life of the process once the engine has answered."""
    if url in _detected:
        return _detected[url]
    try:
        response = urllib3.PoolManager(retries=False).request(
            "GET", url.rstrip("/") + "/", timeout=timeout
        )
        root = json.loads(response.data or b"{}")
    except (urllib3.exceptions.HTTPError, ValueError, OSError) as error:
        raise SearchBackendError(f"no answer from the search engine at {url}: {error}") from error
    version = root.get("version") or {}
    if response.status != 200 or not version.get("number"):
        raise SearchBackendError(f"unexpected root response from {url} ({response.status})")
    engine = "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"
    major = int(str(version["number"]).split(".")[0])
    _detected[url] = (engine, major)
    logger.info("search engine at %s: %s %s", url, engine, version["number"])
    return engine, major


def client_for(
    url: str, *, engine: str = "", timeout: float = 3.0, write_timeout: float = 30.0
) -> "EngineClient":
    """One client (and connection pools) per URL and engine for the life of the process:
    searches wait `timeout` seconds, writes and index changes `write_timeout`."""
    if engine and engine not in ENGINES:
        raise SearchBackendError(f"SEARCH_ENGINE must be one of {ENGINES}, not {engine!r}")
    major = 0
    if not engine:
        engine, major = detect_engine(url, timeout)
    key = (url, engine, major, timeout, write_timeout)
    with _lock:
        if key not in _clients:
            kind = OpenSearchClient if engine == "opensearch" else ElasticsearchClient
            _clients[key] = kind(url, timeout=timeout, write_timeout=write_timeout, major=major)
        return _clients[key]


class EngineClient(abc.ABC):
    """The calls the backend makes, with the same arguments and plain-dict answers whichever
    client runs them."""

    engine = ""
    # Each engine's own client (searches), the same with the longer write timeout, and its
    # `helpers` module: opensearch-py and elasticsearch share no types.
    client: Any
    writer: Any
    helpers: Any

    def __init__(self, url: str, *, timeout: float, write_timeout: float, major: int = 0):
        self.url, self.timeout, self.major = url, timeout, major
        self.write_timeout = write_timeout

    def _call(self, function, *args, **kwargs):
        try:
            response = function(*args, **kwargs)
        except self.errors as error:
            raise SearchBackendError(f"{self.engine}: {error}") from error
        return getattr(response, "body", response)

    # Each engine's client fills these in.
    errors: tuple = ()

    @abc.abstractmethod
    def _ignoring_missing(self):
        """The client, answering 404 with nothing instead of an error (each engine's own way)."""

    def info(self) -> dict:
        return self._call(self.client.info)

    def search(self, index: list[str], body: dict) -> dict:
        return self._call(self.client.search, index=",".join(index), body=body)

    def bulk(self, actions: list[dict]) -> int:
        """Send index and delete actions; returns how many succeeded. Refused documents raise."""
        if not actions:
            return 0
        succeeded, errors = self._call(
            self.helpers.bulk, self.writer, actions, raise_on_error=False, refresh=False
        )
        refused = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if refused:
            raise SearchBackendError(f"{self.engine} refused {len(refused)}: {refused[:3]}")
        return succeeded

    def create_index(self, name: str, body: dict) -> None:
        self._call(self.writer.indices.create, index=name, body=body)

    def delete_index(self, name: str) -> None:
        self._call(self._ignoring_missing().indices.delete, index=name)

    def alias_targets(self, alias: str) -> list[str]:
        """The indexes behind `alias` (none when it does not exist)."""
        answer = self._call(self._ignoring_missing().indices.get_alias, name=alias)
        return sorted(name for name in answer if "error" not in answer and name != "status")

    def update_aliases(self, actions: list[dict]) -> None:
        self._call(self.writer.indices.update_aliases, body={"actions": actions})

    def refresh(self, index: list[str]) -> None:
        self._call(self._ignoring_missing().indices.refresh, index=",".join(index))

    def get_mapping(self, index: str) -> dict:
        return self._call(self.writer.indices.get_mapping, index=index)

    def get_settings(self, index: str) -> dict:
        return self._call(self.writer.indices.get_settings, index=index)

    def analyze(self, index: str, body: dict) -> list[str]:
        answer = self._call(self.writer.indices.analyze, index=index, body=body)
        return [token["token"] for token in answer["tokens"]]

    def replace_analysis(self, index: str, analysis: dict) -> None:
        """Change analysis settings (synonyms): only a closed index accepts them, so close, put
        and open again; searches of that index fail for the moment it is closed."""
        self._call(self.writer.indices.close, index=index)
        try:
            self._call(self.writer.indices.put_settings, index=index, body={"analysis": analysis})
        finally:
            self._call(self.writer.indices.open, index=index, wait_for_active_shards=1)

    def scan_sources(self, index: str) -> dict[str, dict]:
        """Every document of `index` as {id: source} (for comparing two indexes in tests and
        checks; the scroll is fine for the sizes those see)."""
        documents = {}
        for hit in self.helpers.scan(self.writer, index=index, query={"query": {"match_all": {}}}):
            documents[hit["_id"]] = hit["_source"]
        return documents


class OpenSearchClient(EngineClient):
    engine = "opensearch"

    def __init__(self, url, *, timeout, write_timeout, major=0):
        super().__init__(url, timeout=timeout, write_timeout=write_timeout, major=major)
        from opensearchpy import OpenSearch, helpers
        from opensearchpy import exceptions as os_exceptions

        self.helpers = helpers
        self.errors = (os_exceptions.OpenSearchException, ConnectionError, OSError)
        self.client, self.writer = (
            # One pooled connection per concurrent request of a threaded worker (default: 1).
            OpenSearch(
                [url], timeout=seconds, max_retries=0, retry_on_timeout=False, pool_maxsize=16
            )
            for seconds in (timeout, write_timeout)
        )

    def _ignoring_missing(self):
        return _IgnoreMissing(self.writer)


class _IgnoreMissing:
    """opensearch-py takes `ignore=404` per call; this passes it to the namespaced APIs."""

    def __init__(self, client):
        self.indices = _Namespace(client.indices)


class _Namespace:
    def __init__(self, namespace):
        self.namespace = namespace

    def __getattr__(self, name):
        function = getattr(self.namespace, name)
        return lambda **kwargs: function(**kwargs, ignore=404)


class ElasticsearchClient(EngineClient):
    engine = "elasticsearch"

    def __init__(self, url, *, timeout, write_timeout, major=0):
        super().__init__(url, timeout=timeout, write_timeout=write_timeout, major=major)
        from elastic_transport import TransportError
        from elasticsearch import Elasticsearch, helpers
        from elasticsearch import exceptions as es_exceptions

        self.helpers = helpers
        self.errors = (TransportError, es_exceptions.ApiError, ConnectionError, OSError)
        client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)
        if major and major < 9:
            # The 9.x client asks for compatible-with=9, which an 8.x server refuses.
            media = f"application/vnd.elasticsearch+json; compatible-with={major}"
            client = client.options(headers={"accept": media, "content-type": media})
        self.client = client
        self.writer = client.options(request_timeout=write_timeout)

    def _ignoring_missing(self):
        return self.writer.options(ignore_status=404)
